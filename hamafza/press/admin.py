"""Back office of the press office. Outlets are configuration: added and changed through
press.actions.do_save_outlet as the signed-in person (the same checks, limits and audit entry as
the workspace's outlet form, its feed and sitemap addresses included); whether the feed is read,
and how the reading goes, is coverage's admin. Releases are records, read-only. Journalists and press lists are personal data kept by each agency under the sharing
rules of hamafza/policy/press.py: they stay in the workspace, not here."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from hamafza.core.adminkit import ActionAdmin, ActionForm, ReadOnlyAdmin
from hamafza.persian.digits import to_persian_digits

from . import actions
from .errors import PressError
from .models import Outlet, Release

OUTLET_FIELDS = ("name", "kind", "province", "site_url", "feed_url", "sitemap_url", "shared")


class OutletForm(ActionForm):
    errors_shown = (PressError,)

    class Meta:
        model = Outlet
        fields = ("council", "agency", *OUTLET_FIELDS)

    def run(self, user, data):
        stored = self.stored
        council_id = stored.council_id if stored else data["council"].pk
        agency_id = stored.agency_id if stored else data["agency"].pk
        return actions.do_save_outlet(user, council_id, agency_id, {k: data.get(k) for k in OUTLET_FIELDS}, stored)


@admin.register(Outlet)
class OutletAdmin(ActionAdmin):
    form = OutletForm
    list_display = ("name", "kind", "agency", "council", "shared", "feed_url", "updated_at")
    list_filter = ("kind", "shared", "council")
    search_fields = ("name", "site_url", "feed_url")

    def get_readonly_fields(self, request, obj=None):
        return ("council", "agency") if obj is not None else ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:  # a new outlet: the agency that keeps it, on a council it sits on
            form.base_fields["council"].help_text = _("دستگاه نگه‌دارنده باید عضو همین شورا باشد.")
        return form


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    """Who sent what to how many journalists (the names and addresses stay with the agency)."""

    list_display = ("subject", "kind", "agency", "council", "created_at", "embargo_at", "sent", "failed")
    list_filter = ("kind", "council")
    search_fields = ("subject",)
    date_hierarchy = "created_at"
    fields = ("subject", "kind", "agency", "council", "item", "note", "embargo_at", "event_start", "event_place",
              "created_by", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency", "council").annotate(
            n_sent=Count("recipients", filter=Q(recipients__status="sent")),
            n_failed=Count("recipients", filter=Q(recipients__status="failed")))

    @admin.display(description=_("فرستاده‌شده"), ordering="n_sent")
    def sent(self, release):
        return to_persian_digits(release.n_sent)

    @admin.display(description=_("ناموفق"), ordering="n_failed")
    def failed(self, release):
        return to_persian_digits(release.n_failed)

