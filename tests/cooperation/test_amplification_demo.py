"""The demo history of co-publication requests: mostly accepted, some declined with reasons, a few
expired, and some pending for the heads, with realistic past times."""

import pytest
from django.utils import timezone

from hamafza.cooperation.demo import amplification as demo
from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget
from hamafza.newsroom.models import ItemAgency
from tests import factories

from .amp_helpers import c_head

St = AmplificationTarget.Status
pytestmark = pytest.mark.django_db


def test_the_demo_history(personas):
    c_head(personas)
    for agency in (personas.own, personas.other, personas.supporting):
        for n in range(8):
            factories.make_item(agency, published_at=timezone.now() - timezone.timedelta(days=8 * n + 1))
    result = demo.load(personas.council, {})
    assert 15 <= result["requests"] <= 25
    statuses = list(AmplificationTarget.objects.values_list("status", flat=True))
    assert statuses.count(St.ACCEPTED) > len(statuses) / 2
    assert statuses.count(St.DECLINED) >= 2 and statuses.count(St.EXPIRED) >= 2 and statuses.count(St.PENDING) >= 2
    assert all(t.decline_reason for t in AmplificationTarget.objects.filter(status=St.DECLINED))
    oldest = AmplificationRequest.objects.order_by("created_at").first()
    assert (timezone.now() - oldest.created_at).days >= 40
    for target in AmplificationTarget.objects.filter(status=St.ACCEPTED).select_related("request"):
        assert target.responded_at > target.request.created_at
        assert ItemAgency.objects.filter(item=target.request.item, agency=target.agency).exists()
    assert all(t.request.deadline > timezone.now() for t in AmplificationTarget.objects.filter(status=St.PENDING))
