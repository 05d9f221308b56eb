"""Back office of coverage monitoring. An outlet's monitoring (its feed or sitemap address and
whether it is read) is configuration, saved through coverage.actions.set_feed as the signed-in
person (policy, validation, audit; a new address is read afresh at the next pass); the fetch
state beside it is shown, not edited. Entries, coverage records and keyword alerts are records
the product writes: read-only here (verdicts and alerts belong to the agencies' workspace)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hamafza.core.adminkit import ActionAdmin, ActionForm, ReadOnlyAdmin
from hamafza.press.models import Outlet

from . import actions
from .errors import CoverageError
from .models import Coverage, FeedState, KeywordAlert, MonitoredEntry

FETCH_STATE = ("interval", "next_fetch_at", "last_fetched_at", "last_status", "last_error", "failures", "entries_found")


class FeedStateForm(ActionForm):
    errors_shown = (CoverageError,)
    feed_url = forms.CharField(label=_("نشانی خوراک RSS/Atom"), required=False, max_length=actions.URL_MAX)
    sitemap_url = forms.CharField(label=_("نشانی نقشهٔ سایت"), required=False, max_length=actions.URL_MAX,
                                  help_text=_("اگر رسانه خوراک ندارد."))

    class Meta:
        model = FeedState
        fields = ("outlet", "active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            outlet = self.instance.outlet
            self.fields["feed_url"].initial, self.fields["sitemap_url"].initial = outlet.feed_url, outlet.sitemap_url

    def run(self, user, data):
        stored = self.stored
        outlet = stored.outlet if stored else data["outlet"]
        return actions.set_feed(user, outlet, feed_url=data.get("feed_url", ""), sitemap_url=data.get("sitemap_url", ""),
                                active=bool(data.get("active")))


@admin.register(FeedState)
class FeedStateAdmin(ActionAdmin):
    form = FeedStateForm
    list_display = ("outlet", "council", "active", "last_fetched_at", "last_status", "failures", "last_error")
    list_filter = ("active", "council")
    search_fields = ("outlet__name",)
    list_select_related = ("outlet", "council")

    def get_fields(self, request, obj=None):
        return ("outlet", "feed_url", "sitemap_url", "active", *(FETCH_STATE if obj is not None else ()))

    def get_readonly_fields(self, request, obj=None):
        return ("outlet", *FETCH_STATE) if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "outlet":  # a new monitoring: an outlet that has none yet
            kwargs["queryset"] = Outlet.objects.filter(feed_state__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MonitoredEntry)
class MonitoredEntryAdmin(ReadOnlyAdmin):
    list_display = ("title", "outlet", "published", "fetched_at", "matched_at")
    list_filter = ("council",)
    search_fields = ("title", "url")
    date_hierarchy = "fetched_at"
    exclude = ("text", "links")
    list_select_related = ("outlet",)


@admin.register(Coverage)
class CoverageAdmin(ReadOnlyAdmin):
    list_display = ("item", "outlet", "agency", "status", "via", "similarity", "published_at", "decided_by")
    list_filter = ("status", "via", "council")
    date_hierarchy = "created_at"
    list_select_related = ("item", "outlet", "agency", "decided_by")


@admin.register(KeywordAlert)
class KeywordAlertAdmin(ReadOnlyAdmin):
    list_display = ("query", "agency", "council", "created_by", "created_at")
    list_filter = ("council",)
    search_fields = ("query",)
