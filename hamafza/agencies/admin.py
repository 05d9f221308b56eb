from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hamafza.core import uploads

from .models import Agency, Council, CouncilMembership, Sector, SocialAccount


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "slug", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}


class SocialAccountInline(admin.TabularInline):
    model = SocialAccount
    extra = 0


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["logo"]  # the admin adds the fields of its fieldsets

    def clean_logo(self):
        """A new logo goes through the one upload validator (an image by content, a generated name)."""
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            try:
                uploads.accept(logo, kinds=uploads.IMAGE_KINDS, max_bytes=2 * uploads.MB, what=_("نشان"))
            except uploads.UploadError as error:
                raise forms.ValidationError(error.messages[0]) from None
        return logo


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ("name", "short_name", "kind", "parent", "status", "order")
    list_filter = ("kind", "status", "sectors", "councils")
    search_fields = ("name", "short_name", "slug")
    autocomplete_fields = ("parent", "merged_into")
    filter_horizontal = ("sectors",)
    inlines = [SocialAccountInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "parent", "sectors", "status", "merged_into")}),
        (_("نمایش"), {"fields": ("logo", "color", "about", "order")}),
        (_("تماس"), {"fields": ("phone", "email", "address", "website")}),
        (_("گردش کار"), {"fields": ("allow_self_approval",)}),
    )


class CouncilMembershipInline(admin.TabularInline):
    model = CouncilMembership
    extra = 0
    autocomplete_fields = ("agency",)


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "head_agency", "hostname")
    search_fields = ("name", "short_name", "region")
    autocomplete_fields = ("head_agency",)
    inlines = [CouncilMembershipInline]
