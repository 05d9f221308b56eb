from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from hamafza.core.limits import ModelLimitsMixin

from .emails import send_templated_email
from .models import Invitation, Membership


_password_rules = lazy(password_validation.password_validators_help_text_html, SafeString)


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("نام کاربری یا رایانامه"), max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "dir": "ltr"}),
    )
    password = forms.CharField(
        label=_("گذرواژه"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "dir": "ltr"}),
    )
    error_messages = {
        "invalid_login": _("نام کاربری، رایانامه یا گذرواژه درست نیست."),
        "inactive": _("این حساب غیرفعال است."),
    }


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("کد شش‌رقمی"), max_length=12,
        widget=forms.TextInput(attrs={
            "autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr",
            "class": "code",
        }),
    )


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("رایانامه"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        # Django's Host-derived `domain` and `protocol` are dropped: the view gives `site_url`.
        context = {k: v for k, v in context.items() if k not in {"domain", "protocol", "site_name"}}
        send_templated_email("password_reset", [to_email], context, from_email=from_email)


class NewPasswordForm(SetPasswordForm):
    pass


class InviteForm(ModelLimitsMixin, forms.Form):
    limits_model = Invitation

    email = forms.EmailField(label=_("رایانامه"), widget=forms.EmailInput(attrs={"dir": "ltr"}))
    agency = forms.TypedChoiceField(label=_("دستگاه"), coerce=int)
    role = forms.ChoiceField(label=_("نقش"), choices=Membership.Role.choices)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.id, a.name) for a in agencies]


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("نام"), max_length=150)
    last_name = forms.CharField(label=_("نام خانوادگی"), max_length=150)
    username = forms.CharField(
        label=_("نام کاربری"), max_length=150, validators=[UnicodeUsernameValidator()],
        help_text=_("حروف، رقم و نشانه‌های ‎@ . + - _‎"), widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    password1 = forms.CharField(label=_("گذرواژه"), strip=False, help_text=_password_rules(), widget=forms.PasswordInput(attrs={"dir": "ltr", "autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("تکرار گذرواژه"), strip=False, widget=forms.PasswordInput(attrs={"dir": "ltr", "autocomplete": "new-password"}))

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("این نام کاربری پیش‌تر گرفته شده است."))
        return username

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("دو گذرواژه یکسان نیستند."))
        elif p1:
            user = get_user_model()(username=data.get("username", ""), first_name=data.get("first_name", ""),
                                    last_name=data.get("last_name", ""))
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
