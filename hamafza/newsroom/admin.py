"""Back-office view of news items. The admin changes no item directly: content is written in
the staff workspace (revisions, limits, the council checks, the audit log), and the two admin
actions, publish and unpublish, go through newsroom.actions with the signed-in person, so the
policy, the audit log and the notices apply as they do in the workspace."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.core.adminkit import ReadOnlyAdmin
from hamafza.persian.digits import to_persian_digits

from . import actions
from .models import Attachment, GalleryImage, Image, NewsItem, Tag


class GalleryInline(admin.TabularInline):
    model = GalleryImage
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("دلیل لغو انتشار"), max_length=2000, widget=forms.Textarea)
    mode = forms.ChoiceField(label=gettext_lazy("نشانی خبر"), choices=NewsItem.UnpublishMode.choices)


@admin.register(NewsItem)
class NewsItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "lead_agency", "status", "published_at")
    list_filter = ("status", "lead_agency", "sectors")
    search_fields = ("title", "kicker", "lead")
    inlines = [GalleryInline, AttachmentInline]
    actions = ["publish", "unpublish"]
    date_hierarchy = "published_at"

    # Read-only (ReadOnlyAdmin): no add, change or delete form writes an item behind the workflow's back.

    def _run(self, request, queryset, do, done: str) -> None:
        """Apply `do(item)` to each item; each refusal is reported with the action's own message."""
        ok = 0
        for item in queryset.select_related("lead_agency"):
            try:
                do(item)
                ok += 1
            except (PermissionDenied, ValidationError) as error:
                text = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"«{item.title}»: {text}", messages.ERROR)
        if ok:
            self.message_user(request, done % {"n": to_persian_digits(ok)}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("انتشار موارد انتخاب‌شده"))
    def publish(self, request, queryset):
        self._run(request, queryset, lambda item: actions.do_publish(request.user, item), _("%(n)s خبر منتشر شد."))

    @admin.action(description=gettext_lazy("لغو انتشار موارد انتخاب‌شده"))
    def unpublish(self, request, queryset):
        """First a page that asks for the reason (shown on the item's page) and the mode."""
        form = UnpublishForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason, mode = form.cleaned_data["reason"], form.cleaned_data["mode"]
            self._run(request, queryset, lambda item: actions.do_unpublish(request.user, item, reason, mode),
                      _("انتشار %(n)s خبر لغو شد."))
            return None
        return TemplateResponse(request, "admin/newsroom/newsitem/unpublish.html", {
            **self.admin_site.each_context(request),
            "title": _("لغو انتشار"),
            "opts": self.model._meta,
            "form": form,
            "items": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The photo's description may be corrected here; who owns it and who may use it (agency,
    sharing) and the file itself change only through the workspace library (upload checks)."""

    list_display = ("__str__", "agency", "credit", "created_at")
    search_fields = ("caption", "credit")
    list_filter = ("agency",)
    fields = ("agency", "file", "shared", "uploaded_by", "caption", "credit", "alt", "taken_on", "place", "keywords")
    readonly_fields = ("agency", "file", "shared", "uploaded_by")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
