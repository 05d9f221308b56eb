"""Back-office editing of news items. Saving goes through the newsroom actions, so the
listing rows and portal placements stay right; the staff workspace is the everyday tool."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from hamafza.agencies.models import Agency, Sector

from . import actions
from .models import Attachment, GalleryImage, Image, NewsItem, Tag
from .sanitize import clean_html


class NewsItemForm(forms.ModelForm):
    supporting_agencies = forms.ModelMultipleChoiceField(
        Agency.objects.all(), required=False, label=_("دستگاه‌های همکار"),
        widget=admin.widgets.FilteredSelectMultiple(_("دستگاه‌ها"), is_stacked=False),
    )
    sector_list = forms.ModelMultipleChoiceField(Sector.objects.all(), required=False, label=_("بخش‌ها"))
    tag_names = forms.CharField(required=False, label=_("برچسب‌ها"), help_text=_("با ویرگول جدا کنید"))

    class Meta:
        model = NewsItem
        fields = ("lead_agency", "kicker", "title", "slug", "lead", "body", "main_image", "city", "status", "published_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["supporting_agencies"].initial = [
                link.agency_id for link in self.instance.item_agencies.all() if link.role == "supporting"
            ]
            self.fields["sector_list"].initial = [s.pk for s in self.instance.sectors.all()]
            self.fields["tag_names"].initial = "، ".join(t.name for t in self.instance.tags.all())

    def clean_body(self):
        return clean_html(self.cleaned_data["body"])


class GalleryInline(admin.TabularInline):
    model = GalleryImage
    extra = 0
    autocomplete_fields = ("image",)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    form = NewsItemForm
    list_display = ("title", "lead_agency", "status", "published_at")
    list_filter = ("status", "lead_agency", "sectors")
    search_fields = ("title", "kicker", "lead")
    autocomplete_fields = ("lead_agency", "main_image")
    inlines = [GalleryInline, AttachmentInline]
    actions = ["publish", "unpublish"]
    date_hierarchy = "published_at"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = form.instance
        data = form.cleaned_data
        actions.set_item_agencies(item, item.lead_agency, list(data["supporting_agencies"]))
        actions.set_item_sectors(item, data["sector_list"])
        names = data["tag_names"].replace("،", ",").split(",")
        actions.set_item_tags(item, actions.get_or_create_tags(names))

    @admin.action(description=_("انتشار موارد انتخاب‌شده"))
    def publish(self, request, queryset):
        for item in queryset:
            actions.do_publish_item(item)
        self.message_user(request, _("منتشر شد."), messages.SUCCESS)

    @admin.action(description=_("لغو انتشار موارد انتخاب‌شده"))
    def unpublish(self, request, queryset):
        for item in queryset:
            actions.do_unpublish_item(item)
        self.message_user(request, _("انتشار لغو شد."), messages.SUCCESS)


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agency", "credit", "created_at")
    search_fields = ("caption", "credit")
    list_filter = ("agency",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
