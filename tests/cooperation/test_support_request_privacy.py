"""A request to support a draft names the draft: the council's secretariat and observers see it
only once the item is submitted (drafts are private to their agencies; issue 12)."""

import pytest
from django.urls import reverse

from hamafza.cooperation.models import AmplificationRequest
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests.personas import sign_in_verified

TITLE = "پیش‌نویس با دعوت همکاری"


@pytest.mark.parametrize("who", ["secretariat", "observer"])
def test_overseers_see_a_support_request_once_the_item_is_submitted(client, personas, who):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": TITLE, "lead": "لید",
                                                                       "supporting": [personas.supporting.pk]})
    request = AmplificationRequest.objects.get(item=item, kind=AmplificationRequest.Kind.SUPPORT)
    url = reverse("workspace:cooperation:amp_detail", args=[request.pk])
    sign_in_verified(client, getattr(personas, who))
    response = client.get(url)
    assert response.status_code == 404 and TITLE not in response.content.decode()
    actions.do_submit(personas.own_staff, NewsItem.objects.get(pk=item.pk))
    response = client.get(url)
    assert response.status_code == 200 and TITLE in response.content.decode()
