"""The back office's notice bot and SMS gateway per council. The token and the API key are typed
in clear, saved encrypted (hamafza.core.secrets) through the same action as any other change, and
never shown again (only a hint); a blank field keeps the stored one."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import actions
from .models import NoticeConfig


class NoticeConfigForm(forms.ModelForm):
    bale_token = forms.CharField(label=_("توکن ربات بله"), required=False, strip=True, max_length=200,
                                 widget=forms.PasswordInput(render_value=False),
                                 help_text=_("از BotFather بله؛ خالی بگذارید تا توکن کنونی بماند."))
    sms_api_key = forms.CharField(label=_("کلید API کاوه‌نگار"), required=False, strip=True, max_length=200,
                                  widget=forms.PasswordInput(render_value=False),
                                  help_text=_("از پنل کاوه‌نگار؛ خالی بگذارید تا کلید کنونی بماند."))

    class Meta:
        model = NoticeConfig
        fields = ["council", "bale_username", "sms_sender", "enabled"]


@admin.register(NoticeConfig)
class NoticeConfigAdmin(admin.ModelAdmin):
    form = NoticeConfigForm
    list_display = ("council", "bale_username", "bale_token_hint", "sms_sender", "enabled", "bale_polled_at")
    readonly_fields = ("bale_token_hint", "sms_api_key_hint", "bale_polled_at", "bale_poll_error")
    fields = ("council", "bale_username", "bale_token", "bale_token_hint", "sms_sender", "sms_api_key",
              "sms_api_key_hint", "enabled", "bale_polled_at", "bale_poll_error")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            saved = actions.do_configure(request.user, obj.council_id, bale_username=data.get("bale_username", ""),
                                         bale_token=data.get("bale_token") or None,
                                         sms_api_key=data.get("sms_api_key") or None,
                                         sms_sender=data.get("sms_sender", ""), enabled=bool(data.get("enabled")))
        except PermissionError:
            raise PermissionDenied from None
        obj.pk = saved.pk
