"""The back office's admin for the press office, coverage monitoring and reach (hamafza/core/
adminkit.py): configuration (outlets, an outlet's monitoring) is saved through the apps' actions
as the signed-in person — policy, validation with a Persian message, audit entry —, records are
read-only, and nothing is deleted here. The newsroom's admin is tested in tests/newsroom."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from hamafza.audit.models import AuditEvent
from hamafza.core.adminkit import ActionAdmin, ReadOnlyAdmin
from hamafza.coverage.models import Coverage, FeedState, KeywordAlert, MonitoredEntry
from hamafza.press.models import Outlet, Release
from hamafza.reach.models import ChannelIndicator, ItemDailyViews
from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db

CONFIGURED = {Outlet, FeedState}
RECORDS = {Release, MonitoredEntry, Coverage, KeywordAlert, ItemDailyViews, ChannelIndicator}


def outlet_form(personas, **fields) -> dict:
    return {"council": personas.council.pk, "agency": personas.own.pk, "name": "ایرنا خوزستان", "kind": "agency",
            "province": "خوزستان", "site_url": "https://irna.example.ir", "feed_url": "", "sitemap_url": "", **fields}


def test_every_model_of_press_coverage_and_reach_in_the_admin_writes_through_an_action_or_not_at_all():
    registered = {m for m in admin.site._registry if m._meta.app_label in ("press", "coverage", "reach")}
    assert registered == CONFIGURED | RECORDS
    for model in CONFIGURED:
        assert isinstance(admin.site._registry[model], ActionAdmin), model
    for model in RECORDS:
        assert isinstance(admin.site._registry[model], ReadOnlyAdmin), model


def test_adding_an_outlet_in_the_admin_is_the_press_action_with_its_audit_entry(client, personas):
    sign_in_verified(client, personas.admin)
    response = client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    assert response.status_code == 302, response.content.decode()[:2000]
    outlet = Outlet.objects.get(name="ایرنا خوزستان")
    assert (outlet.council, outlet.agency, outlet.kind) == (personas.council, personas.own, "agency")
    event = AuditEvent.objects.get(action="press.outlet_added", object_id=outlet.pk)
    assert event.actor == personas.admin and event.council_id == personas.council.pk


def test_a_bad_outlet_gets_the_actions_persian_message_and_nothing_is_written(client, personas):
    sign_in_verified(client, personas.admin)
    client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    again = client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    assert again.status_code == 200 and "رسانه‌ای با همین نام" in again.content.decode()
    # An agency not on that council keeps no outlet there.
    elsewhere = client.post(reverse("admin:press_outlet_add"), outlet_form(personas, name="دیگر",
                                                                           agency=personas.pending_supporting.pk))
    assert elsewhere.status_code == 403
    assert list(Outlet.objects.values_list("name", flat=True)) == ["ایرنا خوزستان"]
    assert AuditEvent.objects.filter(action="press.outlet_added").count() == 1


def test_changing_an_outlet_keeps_its_owner_and_is_audited(client, personas):
    sign_in_verified(client, personas.admin)
    client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    outlet = Outlet.objects.get()
    change = reverse("admin:press_outlet_change", args=[outlet.pk])
    response = client.post(change, outlet_form(personas, name="ایرنا", agency=personas.other.pk, shared="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    outlet.refresh_from_db()
    assert (outlet.name, outlet.shared, outlet.agency) == ("ایرنا", True, personas.own)
    assert AuditEvent.objects.get(action="press.outlet_changed").after["name"] == "ایرنا"
    assert client.post(reverse("admin:press_outlet_delete", args=[outlet.pk]), {"post": "yes"}).status_code == 403
    assert Outlet.objects.filter(pk=outlet.pk).exists()


def test_a_staff_member_who_does_not_keep_the_outlet_is_refused(client, personas):
    sign_in_verified(client, personas.admin)
    client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    outlet = Outlet.objects.get()
    user = personas.other_staff
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_outlet", "change_outlet"]))
    client.logout()
    sign_in_verified(client, user)
    response = client.post(reverse("admin:press_outlet_change", args=[outlet.pk]), outlet_form(personas, name="ربوده"))
    assert response.status_code == 403
    outlet.refresh_from_db()
    assert outlet.name == "ایرنا خوزستان"


def test_an_outlets_monitoring_is_set_through_the_coverage_action(client, personas):
    sign_in_verified(client, personas.admin)
    client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    outlet = Outlet.objects.get()
    add = reverse("admin:coverage_feedstate_add")
    response = client.post(add, {"outlet": outlet.pk, "feed_url": "ftp://irna.example.ir/rss", "active": "on"})
    assert response.status_code == 200 and "http://" in response.content.decode()
    assert not FeedState.objects.exists()
    response = client.post(add, {"outlet": outlet.pk, "feed_url": "https://irna.example.ir/rss", "active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    state = FeedState.objects.get(outlet=outlet)
    outlet.refresh_from_db()
    assert state.active and state.council_id == personas.council.pk and outlet.feed_url == "https://irna.example.ir/rss"
    FeedState.objects.filter(pk=state.pk).update(failures=4, last_error="500")
    change = reverse("admin:coverage_feedstate_change", args=[outlet.pk])
    page = client.get(change).content.decode()
    assert "https://irna.example.ir/rss" in page  # the stored address is shown for editing
    response = client.post(change, {"feed_url": "", "sitemap_url": "https://irna.example.ir/sitemap.xml"})
    assert response.status_code == 302, response.content.decode()[:2000]
    state.refresh_from_db()
    outlet.refresh_from_db()
    assert not state.active and state.failures == 0 and state.last_error == ""  # a new address: read afresh
    assert (outlet.feed_url, outlet.sitemap_url) == ("", "https://irna.example.ir/sitemap.xml")
    events = AuditEvent.objects.filter(action="coverage.feed_set", object_id=outlet.pk).order_by("id")
    assert events.count() == 2 and all(e.actor == personas.admin for e in events)
    # Each entry's "before" is the outlet as it was (the form's check changed nothing, not even in memory).
    assert [e.before["feed_url"] for e in events] == ["", "https://irna.example.ir/rss"]


@pytest.mark.parametrize("model", sorted(RECORDS, key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_records_are_read_only(client, personas, model):
    sign_in_verified(client, personas.admin)
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403


# --- The action writes only when the page saves (hamafza/core/adminkit.py) ----------------------

def test_a_refused_change_writes_nothing_and_leaves_no_audit_entry(client, personas):
    sign_in_verified(client, personas.admin)
    client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    client.post(reverse("admin:press_outlet_add"), outlet_form(personas, name="ایسنا"))
    outlet = Outlet.objects.get(name="ایرنا خوزستان")
    change = reverse("admin:press_outlet_change", args=[outlet.pk])
    response = client.post(change, outlet_form(personas, name="ایسنا", province="فارس"))
    assert response.status_code == 200 and "رسانه‌ای با همین نام" in response.content.decode()
    outlet.refresh_from_db()
    assert (outlet.name, outlet.province) == ("ایرنا خوزستان", "خوزستان")
    assert not AuditEvent.objects.filter(action="press.outlet_changed").exists()


class _EntriesInline(admin.TabularInline):
    """An inline that an ActionAdmin could carry: its row is checked after the outlet's form."""

    model = MonitoredEntry
    fields = ("url", "title")
    extra = 0


def _post_to_admin(rf, user, model_admin, data):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.post("/admin/press/outlet/add/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    request._dont_enforce_csrf_checks = True
    return model_admin.changeform_view(request)


def test_when_an_inline_row_is_refused_the_action_has_written_nothing(rf, personas):
    from hamafza.press.admin import OutletAdmin

    class OutletWithEntries(OutletAdmin):
        inlines = [_EntriesInline]

    model_admin = OutletWithEntries(Outlet, admin.AdminSite(name="probe"))
    rows = {"monitored_entries-TOTAL_FORMS": "1", "monitored_entries-INITIAL_FORMS": "0",
            "monitored_entries-MIN_NUM_FORMS": "0", "monitored_entries-MAX_NUM_FORMS": "1000",
            "monitored_entries-0-url": "نشانی نیست", "monitored_entries-0-title": "مطلب"}
    response = _post_to_admin(rf, personas.admin, model_admin, {**outlet_form(personas), **rows})
    assert response.status_code == 200  # the page again, with the row's error
    assert response.context_data["inline_admin_formsets"][0].formset.errors[0]["url"]
    assert not Outlet.objects.exists()
    assert not AuditEvent.objects.filter(action="press.outlet_added").exists()
    # The same outlet with no row is saved: the action ran once, at the save, with its audit entry.
    response = _post_to_admin(rf, personas.admin, model_admin, {**outlet_form(personas), **rows,
                                                                 "monitored_entries-TOTAL_FORMS": "0"})
    assert response.status_code == 302
    assert Outlet.objects.get().name == "ایرنا خوزستان"
    assert AuditEvent.objects.filter(action="press.outlet_added").count() == 1


def test_an_action_that_refuses_at_the_save_rolls_back_and_shows_its_reason(client, personas, monkeypatch):
    """Accepted while the form was checked, refused at the save (someone saved in between): the
    page comes back with the action's message and nothing is written."""
    from hamafza.press import actions
    from hamafza.press.errors import PressError

    real, calls = actions.do_save_outlet, []

    def racing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            return real(*args, **kwargs)
        raise PressError("رسانه‌ای با همین نام در فهرست شما هست.", "name")

    monkeypatch.setattr(actions, "do_save_outlet", racing)
    sign_in_verified(client, personas.admin)
    response = client.post(reverse("admin:press_outlet_add"), outlet_form(personas))
    assert response.status_code == 200 and "رسانه‌ای با همین نام" in response.content.decode()
    assert len(calls) == 3  # checked, refused at the save, checked again for the page
    assert not Outlet.objects.exists()
    assert not AuditEvent.objects.filter(action="press.outlet_added").exists()
