"""The audit log: workflow, membership, role and settings changes are recorded, and the list
page is for the secretariat, observers and admins, each seeing their councils only."""

import pytest
from django.urls import reverse

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.audit import acting_as
from hamafza.audit.models import AuditEvent
from hamafza.newsroom import actions
from tests.personas import make_user, sign_in_verified

URL = "/workspace/audit/"


def test_membership_role_and_settings_changes_are_recorded(personas):
    newcomer = make_user("newcomer")
    with acting_as(personas.admin):
        membership = Membership.objects.create(user=newcomer, agency=personas.own)
        membership.role = Membership.Role.HEAD
        membership.save()
        personas.own.allow_self_approval = True
        personas.own.save()
        CouncilRole.objects.create(user=newcomer, council=personas.council, role=CouncilRole.Role.OBSERVER)
        membership.delete()
    events = list(AuditEvent.objects.filter(actor=personas.admin).order_by("id"))
    assert [e.action for e in events] == [
        "membership.created", "membership.changed", "agency.changed", "councilrole.created", "membership.deleted",
    ]
    assert events[1].before == {"role": "staff"} and events[1].after == {"role": "head"}
    assert events[2].after == {"allow_self_approval": True}
    assert events[3].council_id == personas.council.pk


def test_a_save_that_changes_nothing_is_not_recorded(personas):
    count = AuditEvent.objects.count()
    personas.own.save()
    assert AuditEvent.objects.count() == count


@pytest.mark.parametrize("who", ["secretariat", "observer", "admin"])
def test_overseers_see_the_log(client, personas, who):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر برای گزارش", "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    sign_in_verified(client, getattr(personas, who))
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "ارسال برای تأیید" in html and "خبر برای گزارش" in html


def test_overseers_do_not_see_draft_events(client, personas):
    actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس محرمانه"})
    sign_in_verified(client, personas.observer)
    assert "پیش‌نویس محرمانه" not in client.get(URL).content.decode()


@pytest.mark.parametrize("who", ["own_staff", "own_head", "other_head", "supporting_staff"])
def test_agency_people_may_not_read_the_log(client, personas, who):
    sign_in_verified(client, getattr(personas, who))
    assert client.get(URL).status_code == 403


def test_it_requires_sign_in(client, personas):
    assert client.get(URL).status_code == 302


def test_an_observer_of_another_council_sees_nothing_of_ours(client, personas):
    from tests import factories

    elsewhere = factories.make_council(personas.pending_supporting, [], hostname="bsh.example.ir", short_name="شورای بوشهر", slug="bushehr")
    stranger = make_user("stranger")
    CouncilRole.objects.create(user=stranger, council=elsewhere, role=CouncilRole.Role.OBSERVER)
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر شورای خوزستان", "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    sign_in_verified(client, stranger)
    html = client.get(URL).content.decode()
    assert "خبر شورای خوزستان" not in html
    # Filtering by an agency outside one's councils is a 404, not an empty list.
    assert client.get(URL, {"agency": personas.own.pk}).status_code == 404


def test_filters_and_a_bad_jalali_date(client, personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر پالایش", "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    sign_in_verified(client, personas.secretariat)
    html = client.get(URL, {"action": "item.submitted", "agency": personas.own.pk, "from": "۱۴۰۰/۰۱/۰۱"}).content.decode()
    assert "خبر پالایش" in html
    assert "خبر پالایش" not in client.get(URL, {"action": "item.unpublished"}).content.decode()
    page = client.get(URL, {"from": "۱۴۰۴/۱۲/۳۰"})
    assert page.status_code == 200 and "تاریخ شمسی معتبری نیست" in page.content.decode()
    partial = client.get(URL, {"q": "پالایش"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "خبر پالایش" in partial


def test_the_request_user_is_the_actor_of_model_changes(client, personas):
    """Through the middleware: a change made during a request is recorded as theirs."""
    from django.test import RequestFactory

    from hamafza.audit.middleware import AuditActorMiddleware

    def view(request):
        Membership.objects.filter(user=personas.own_staff).first().delete()
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = personas.own_head
    AuditActorMiddleware(view)(request)
    assert AuditEvent.objects.get(action="membership.deleted").actor == personas.own_head
    assert reverse("workspace:audit:log") == URL


def test_site_roles_of_people_are_recorded_but_not_their_sign_ins(personas):
    from django.utils import timezone

    person = make_user("someone")
    count = AuditEvent.objects.count()
    person.last_login = timezone.now()
    person.save()
    assert AuditEvent.objects.count() == count
    with acting_as(personas.admin):
        person.is_superuser = True
        person.save()
    event = AuditEvent.objects.get(action="user.changed")
    assert event.before == {"is_superuser": False} and event.after == {"is_superuser": True}
    assert event.actor == personas.admin


def test_the_council_filter_is_limited_to_ones_councils(client, personas):
    from tests import factories

    elsewhere = factories.make_council(personas.pending_supporting, [], hostname="bsh.example.ir", short_name="شورای بوشهر", slug="bushehr")
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر شورای ما", "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    sign_in_verified(client, personas.observer)
    assert "خبر شورای ما" in client.get(URL, {"council": personas.council.pk}).content.decode()
    assert client.get(URL, {"council": elsewhere.pk}).status_code == 404
    assert client.get(URL, {"council": "x"}).status_code == 404
