from django import forms
from django.utils.translation import gettext_lazy as _

from hamafza.distribution.models import Channel

_CHAT = r"^(@[A-Za-z][A-Za-z0-9_]{3,64}|-?\d{1,20})$"


class ChannelForm(forms.ModelForm):
    token = forms.CharField(
        label=_("توکن ربات"), required=False, max_length=200, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"dir": "ltr", "autocomplete": "off"}),
        help_text=_("خالی بگذارید تا توکن کنونی بماند؛ توکن هرگز کامل نمایش داده نمی‌شود."),
    )
    default_for_agency = forms.BooleanField(label=_("پیش‌فرض خبرهای دستگاه"), required=False)
    manual_url = forms.URLField(label=_("نشانی صفحه"), required=False, assume_scheme="https",
                                widget=forms.URLInput(attrs={"dir": "ltr"}))

    class Meta:
        model = Channel
        fields = ["kind", "name", "chat_id", "public_username", "manual_platform", "manual_url", "enabled"]
        widgets = {
            "chat_id": forms.TextInput(attrs={"dir": "ltr"}),
            "public_username": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def clean_chat_id(self):
        import re

        value = self.cleaned_data["chat_id"].strip()
        kind = self.cleaned_data.get("kind")
        if kind in Channel.BOT_KINDS:
            if not value:
                raise forms.ValidationError(_("شناسهٔ کانال را بنویسید: نام کاربری با @ یا شناسهٔ عددی."))
            if not re.match(_CHAT, value):
                raise forms.ValidationError(_("«%(value)s» شناسهٔ کانال درستی نیست؛ نمونه: ‎@khz_rah یا ‎-1001234567890")
                                            % {"value": value})
        return value

    def clean_public_username(self):
        return self.cleaned_data["public_username"].strip().lstrip("@")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        token = data.get("token", "")
        if kind in Channel.BOT_KINDS and not token and not (self.instance and self.instance.has_token):
            self.add_error("token", _("برای این نوع مجرا توکن ربات لازم است."))
        if token and kind in (Channel.Kind.TELEGRAM, Channel.Kind.BALE):
            import re

            if not re.fullmatch(r"\d{3,15}:[A-Za-z0-9_-]{10,100}", token):
                self.add_error("token", _("توکن ربات به شکل «۱۲۳۴۵۶:ABC…» است؛ آن را از BotFather (یا بازوی بله) رونوشت کنید."))
        if kind == Channel.Kind.MANUAL and not data.get("manual_platform"):
            self.add_error("manual_platform", _("نام سکو را بنویسید (مانند اینستاگرام یا روبیکا)."))
        return data
