"""The channel form, one per kind: the person chooses the kind first (channel_kinds.html), then
sees only that kind's fields, with Persian help; tokens and ids are typed and shown left to
right. Formats of ids and tokens are checked here with a message that shows a Latin example,
isolated left to right (a token is code, never Persian digits)."""

import re

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hamafza.agencies.messengers import manual_code
from hamafza.distribution import platforms
from hamafza.distribution.models import Channel

K = Channel.Kind
LTR = "\u2066%s\u2069"  # an example inside Persian text, isolated left to right

BOT_FIELDS = ["name", "chat_id", "public_username", "token", "enabled", "default_for_agency"]
FIELDS = {
    K.TELEGRAM: BOT_FIELDS, K.BALE: BOT_FIELDS, K.EITAA: BOT_FIELDS, K.RUBIKA: BOT_FIELDS,
    K.EMAIL: ["name", "enabled", "default_for_agency"],
    K.MANUAL: ["name", "manual_platform", "manual_url", "enabled", "default_for_agency"],
    K.SANDBOX: ["name", "sandbox_platform", "enabled", "default_for_agency"],
}

# Per kind: (what the chat id looks like, its regex), (the token's example, its regex).
CHAT = {
    K.TELEGRAM: ("@khz_rah", r"^(@[A-Za-z][A-Za-z0-9_]{3,64}|-100\d{5,20})$"),
    K.BALE: ("@khz_rah", r"^(@[A-Za-z][A-Za-z0-9_]{3,64}|-?\d{5,20})$"),
    K.EITAA: ("khz_rah", r"^@?[A-Za-z][A-Za-z0-9_]{3,64}$|^-?\d{3,20}$"),
    K.RUBIKA: ("c0ABCdef0123456789", r"^@?[A-Za-z0-9_]{3,64}$"),
}
TOKEN = {
    K.TELEGRAM: ("123456789:AAH-abc_DEF", r"^\d{3,15}:[A-Za-z0-9_-]{10,100}$"),
    K.BALE: ("123456789:AbCdEf012345", r"^\d{3,15}:[A-Za-z0-9_-]{10,100}$"),
    K.EITAA: ("bot123456:abc012DEF", r"^[A-Za-z0-9:_-]{10,200}$"),
    K.RUBIKA: ("ABCDEFGH0123456789abcdefghijklmn", r"^[A-Za-z0-9_-]{20,200}$"),
}
TOKEN_SOURCE = {
    K.TELEGRAM: _("از ربات \u2066@BotFather\u2069 در تلگرام"),
    K.BALE: _("از «بازوی مادر» (\u2066@botfather\u2069) در بله"),
    K.EITAA: _("از پیشخوان ایتایار (eitaayar.ir)"),
    K.RUBIKA: _("از ربات \u2066@BotFather\u2069 در روبیکا"),
}
CHAT_HELP = {
    K.TELEGRAM: _("نام کاربری کانال با @ (کانال عمومی) یا شناسهٔ عددی آن که با -100 آغاز می‌شود (کانال خصوصی)."),
    K.BALE: _("نام کاربری کانال با @ یا شناسهٔ عددی آن."),
    K.EITAA: _("نام کاربری کانال در ایتا (بی @) یا شناسهٔ عددی آن، همان که در ایتایار ثبت شده است."),
    K.RUBIKA: _("شناسهٔ کانال (chat_id) که ربات روبیکا در آن مدیر است."),
}
MANUAL_PLATFORMS = [
    ("سروش پلاس", _("سروش پلاس")), ("آی‌گپ", _("آی‌گپ")), ("گپ", _("گپ")), ("اینستاگرام", _("اینستاگرام")),
    ("آپارات", _("آپارات")), ("وبگاه", _("وبگاه دستگاهی دیگر")), ("دیگر", _("سکوی دیگر")),
    ("تلگرام", _("تلگرام")), ("واتس‌اپ", _("واتس‌اپ")), ("ایکس", _("ایکس")),
]

KIND_ABOUT = {
    K.BALE: _("پیام‌رسان داخلی؛ ربات بله خبر را با تصویر و قالب‌بندی می‌فرستد، اصلاح و حذف می‌کند."),
    K.EITAA: _("پیام‌رسان داخلی؛ از راه ایتایار. ویرایش و حذف ندارد: اصلاحیه پاسخ به پیام است."),
    K.RUBIKA: _("پیام‌رسان داخلی؛ ربات رسمی روبیکا: متن با یک تصویر، اصلاح و حذف."),
    K.TELEGRAM: _("پیام‌رسان خارجی؛ فقط اگر شورا آن را مجاز کرده باشد."),
    K.EMAIL: _("خبرنامهٔ رایانامه‌ای مشترکان: هر خبر بی‌درنگ یا چکیدهٔ روزانه."),
    K.MANUAL: _("سکوهایی که ربات ندارند (سروش، آی‌گپ، اینستاگرام…): بستهٔ آمادهٔ رونوشت با یک کلیک."),
    K.SANDBOX: _("برای آموزش و پیش‌نمایش: پیام همان سکو را نشان می‌دهد و به جایی نمی‌فرستد."),
}


def ltr(example: str) -> str:
    return LTR % example


class ChannelForm(forms.ModelForm):
    token = forms.CharField(
        label=_("توکن ربات"), required=False, max_length=200, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )
    default_for_agency = forms.BooleanField(label=_("خبرهای دستگاه به طور پیش‌فرض به این مجرا بروند"), required=False)
    manual_url = forms.URLField(label=_("نشانی صفحه یا کانال"), required=False, assume_scheme="https",
                                widget=forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"}))
    manual_platform = forms.ChoiceField(label=_("سکو"), choices=MANUAL_PLATFORMS, required=False)
    sandbox_platform = forms.ChoiceField(label=_("سکویی که شبیه‌سازی شود"), choices=platforms.SANDBOX_CHOICES,
                                         required=False)

    class Meta:
        model = Channel
        fields = ["name", "chat_id", "public_username", "manual_platform", "manual_url", "sandbox_platform", "enabled"]
        widgets = {
            "chat_id": forms.TextInput(attrs={"dir": "ltr", "spellcheck": "false", "autocomplete": "off"}),
            "public_username": forms.TextInput(attrs={"dir": "ltr", "spellcheck": "false", "autocomplete": "off"}),
        }

    def __init__(self, *args, kind: str, allowed=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed
        self.kind = kind
        self.instance.kind = kind
        keep = FIELDS.get(kind, ["name", "enabled"])
        if self.instance.council_id:
            keep = [f for f in keep if f != "default_for_agency"]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.order_fields(keep)
        self.fields["name"].help_text = _("نامی که همکاران در فهرست مجراها و هنگام انتشار می‌بینند.")
        if "chat_id" in self.fields:
            self.fields["chat_id"].required = True
            self.fields["chat_id"].label = _("شناسهٔ کانال")
            self.fields["chat_id"].widget.attrs["placeholder"] = CHAT[kind][0]
            self.fields["public_username"].label = _("نام کاربری عمومی (برای پیوند پیام‌ها)")
            self.fields["public_username"].help_text = _("اگر کانال عمومی است، نام کاربری آن بی @؛ پیوند هر پیام با آن ساخته می‌شود.")
            self.fields["token"].widget.attrs["placeholder"] = TOKEN[kind][0]
        # The council's allowed platforms: a manual kit or a sandbox only for those (and the
        # platforms the policy does not cover: a website, Aparat).
        if "manual_platform" in self.fields:
            field = self.fields["manual_platform"]
            field.required = True
            field.choices = [(v, label) for v, label in MANUAL_PLATFORMS
                             if not manual_code(v) or manual_code(v) in allowed or v == self.instance.manual_platform]
        if "sandbox_platform" in self.fields:
            field = self.fields["sandbox_platform"]
            field.required = True
            field.choices = [(v, label) for v, label in platforms.SANDBOX_CHOICES
                             if v in allowed or v == self.instance.sandbox_platform]

    def rows(self):
        """(bound field, help) in order, for the template."""
        return [(self[name], self.help_for(name)) for name in self.fields]

    def help_for(self, name: str):
        """Help with the Latin examples in <code dir="ltr"> (rendered safe by format_html)."""
        kind = self.kind
        if name == "chat_id" and kind in CHAT:
            return format_html('{} {} <code dir="ltr">{}</code>', CHAT_HELP[kind], _("نمونه:"), CHAT[kind][0])
        if name == "token" and kind in TOKEN:
            keep = _("اگر خالی بماند، توکن کنونی می‌ماند.") if self.instance.has_token else ""
            return format_html('{} {}؛ {} <code dir="ltr">{}</code>. {}', _("توکن را بگیرید"), TOKEN_SOURCE[kind],
                               _("شکلش مانند"), TOKEN[kind][0], keep)
        if name == "sandbox_platform":
            return _("مجرای آزمایشی پیام همین سکو را با همان سقف‌ها می‌سازد و به جایی نمی‌فرستد.")
        if name == "manual_platform":
            return _("برای این سکوها ربات رسمی نیست: هم‌افزا متن و تصویر را آماده می‌کند و شما با یک کلیک رونوشت می‌کنید.")
        return self.fields[name].help_text if name in self.fields else ""

    def clean_chat_id(self):
        value = self.cleaned_data.get("chat_id", "").strip()
        if self.kind in CHAT:
            example, pattern = CHAT[self.kind]
            if not value:
                raise forms.ValidationError(_("شناسهٔ کانال را بنویسید؛ نمونه: %(example)s") % {"example": ltr(example)})
            if not re.match(pattern, value):
                raise forms.ValidationError(_("«%(value)s» شناسهٔ کانال درستی نیست؛ نمونه: %(example)s")
                                            % {"value": ltr(value), "example": ltr(example)})
        return value

    def clean_public_username(self):
        value = self.cleaned_data.get("public_username", "").strip().lstrip("@")
        if value and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{2,64}", value):
            raise forms.ValidationError(_("نام کاربری فقط حرف و رقم لاتین و _ است؛ نمونه: %(example)s")
                                        % {"example": ltr("khz_rah")})
        return value

    def clean(self):
        data = super().clean()
        kind = self.kind
        token = data.get("token", "")
        if kind in TOKEN:
            example, pattern = TOKEN[kind]
            if not token and not self.instance.has_token:
                self.add_error("token", _("برای این مجرا توکن ربات لازم است؛ %(source)s بگیرید.") % {"source": TOKEN_SOURCE[kind]})
            elif token and not re.fullmatch(pattern, token):
                self.add_error("token", _("این توکن به شکل توکن‌های %(platform)s نیست؛ شکل درست مانند %(example)s است. "
                                          "آن را %(source)s رونوشت کنید.")
                               % {"platform": platforms.PLATFORMS[kind].label, "example": ltr(example),
                                  "source": TOKEN_SOURCE[kind]})
        return data
