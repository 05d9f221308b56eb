"""Sign-in (password, then the second factor), enrolment, sign-out, password reset and
invitations. Views stay short: the rules are in twofactor.py, actions.py and hamafza.policy."""

import time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.conf import settings
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from hamafza import policy

from hamafza.core.urls import site_url
from hamafza.persian.digits import to_persian_digits

from . import actions, twofactor
from .decorators import staff_required
from .forms import AcceptInvitationForm, CodeForm, InviteForm, NewPasswordForm, ResetRequestForm, SignInForm

PENDING_KEY = "hamafza:2fa:pending"
PENDING_SECONDS = 10 * 60


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _pending_user(request):
    """The person between password and code: from the session (not yet signed in), or a
    signed-in person whose session has not been verified (their role changed since)."""
    pending = request.session.get(PENDING_KEY)
    if pending and time.time() - pending["at"] <= PENDING_SECONDS:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
        if user is not None:
            user.backend = pending["backend"]
            return user, False
    if request.user.is_authenticated and not request.user.is_verified():
        return request.user, True
    return None, False


def _finish(request, user, device, signed_in: bool):
    if not signed_in:
        auth_login(request, user, backend=user.backend)
    request.session.pop(PENDING_KEY, None)
    otp_login(request, device)
    return HttpResponseRedirect(_next_url(request))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = _next_url(request)
    if request.user.is_authenticated and request.method == "GET" and request.user.is_verified():
        return HttpResponseRedirect(next_url)
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if twofactor.is_needed(user):
            request.session.cycle_key()
            request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "at": time.time()}
            step = "accounts:verify" if twofactor.confirmed_device(user) else "accounts:enrol"
            return HttpResponseRedirect(_with_next(step, next_url))
        auth_login(request, user)
        return HttpResponseRedirect(next_url)
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    user, signed_in = _pending_user(request)
    next_url = _next_url(request)
    if user is None:
        return HttpResponseRedirect(_with_next("accounts:sign_in", next_url))
    device = twofactor.confirmed_device(user)
    if device is None:
        return HttpResponseRedirect(_with_next("accounts:enrol", next_url))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(device, form.cleaned_data["code"]):
            return _finish(request, user, device, signed_in)
        recovery = twofactor.use_recovery_code(user, form.cleaned_data["code"])
        if recovery is not None:
            left = twofactor.recovery_codes_left(user)
            messages.warning(request, _(
                "با یک کد بازیابی وارد شدید؛ %(left)s کد دیگر مانده است. اگر تلفن خود را گم کرده‌اید، "
                "از مدیر سامانه بخواهید برنامهٔ احراز هویت را از نو راه بیندازد."
            ) % {"left": to_persian_digits(left)})
            return _finish(request, user, recovery, signed_in)
        form.add_error("code", _("کد واردشده درست نیست یا منقضی شده است؛ کد تازه برنامه یا یکی از کدهای بازیابی را وارد کنید."))
    return render(request, "accounts/verify.html", {"form": form, "next": next_url, "person": user})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up an authenticator: right after the password for someone who must have one, or
    from the workspace for anyone who wants one."""
    user, signed_in = _pending_user(request)
    verified_session = False
    if user is None and request.user.is_authenticated:
        user, signed_in, verified_session = request.user, True, True
    next_url = _next_url(request)
    if user is None:
        return HttpResponseRedirect(_with_next("accounts:sign_in", next_url))
    if twofactor.confirmed_device(user) is not None:
        if verified_session:
            # Already enrolled: the page of what can still be done (recovery codes).
            messages.info(request, _("ورود دومرحله‌ای شما از پیش فعال است."))
            return HttpResponseRedirect(reverse("accounts:recovery_codes"))
        # Adding an authenticator needs the one already confirmed.
        return HttpResponseRedirect(_with_next("accounts:verify", next_url))
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(device, form.cleaned_data["code"]):
            twofactor.confirm(device)
            messages.success(request, _("ورود دومرحله‌ای فعال شد."))
            go_on = _finish(request, user, device, signed_in)
            return _show_recovery_codes(request, twofactor.new_recovery_codes(user), go_on["Location"])
        form.add_error("code", _("کد واردشده درست نیست یا منقضی شده است؛ کد تازه برنامه را وارد کنید."))
    uri = twofactor.otpauth_uri(device)
    return render(request, "accounts/enrol.html", {
        "form": form, "next": next_url, "person": user, "otpauth_uri": uri,
        "secret": twofactor.grouped_secret(device), "qr_svg": twofactor.qr_svg(uri),
        "required": twofactor.is_required(user),
    })


def _show_recovery_codes(request, codes: list[str], next_url: str):
    response = render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """How many recovery codes are left; POST makes ten new ones (the old ones stop working).
    Only in a session that passed the second step."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(_with_next("accounts:sign_in", request.get_full_path()))
    if not request.user.is_verified():
        return HttpResponseRedirect(_with_next("accounts:verify", request.get_full_path()))
    if request.method == "POST":
        return _show_recovery_codes(request, twofactor.new_recovery_codes(request.user), _next_url(request))
    return render(request, "accounts/recovery_codes.html", {
        "left": twofactor.recovery_codes_left(request.user), "next": _next_url(request),
    })


@require_POST
def sign_out(request):
    auth_logout(request)
    messages.info(request, _("از سامانه خارج شدید."))
    return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))


def locked_out(request, original_response=None, credentials=None):
    """django-axes: too many failed sign-ins for this account from this address, or from this
    address altogether (accounts/lockout.py)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


# --- Password reset: Django's views, Persian templates, our e-mail helper -----------------------

class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form):
        # The link goes to the council's configured address, not to the Host the request named.
        council = self.request.council
        self.extra_email_context = {"site_url": site_url(council.hostname if council else None)}
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- Invitations -------------------------------------------------------------------------------

@staff_required
@require_http_methods(["GET", "POST"])
def invite(request):
    agencies = list(policy.invite_choices(request.user).order_by("order", "name"))
    if not agencies:
        raise PermissionDenied
    form = InviteForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
        actions.do_invite(request.user, email=form.cleaned_data["email"], agency=agency, role=form.cleaned_data["role"])
        messages.success(request, _("دعوت‌نامه برای %(email)s فرستاده شد.") % {"email": form.cleaned_data["email"]})
        return HttpResponseRedirect(reverse("accounts:invite"))
    return render(request, "accounts/invite.html", {"form": form})


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    invitation = actions.find_invitation(token)
    try:
        actions.check_invitation(invitation)
    except actions.InvitationError as exc:
        return render(request, "accounts/invitation_invalid.html", {"message": str(exc)}, status=410 if invitation else 404)
    User = get_user_model()
    existing = not request.user.is_authenticated and User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept(request, invitation, user=request.user)
    elif not existing:
        form = AcceptInvitationForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            return _accept(request, invitation, username=data["username"], password=data["password1"],
                           first_name=data["first_name"], last_name=data["last_name"])
    return render(request, "accounts/invitation.html", {
        "invitation": invitation, "form": form, "existing": existing,
        "sign_in_url": _with_next("accounts:sign_in", request.get_full_path()),
    })


def _accept(request, invitation, **kwargs):
    try:
        user = actions.do_accept_invitation(invitation, **kwargs)
    except actions.InvitationError as exc:
        return render(request, "accounts/invitation_invalid.html", {"message": str(exc)}, status=410)
    policy.forget_roles(user)
    messages.success(request, _("به %(agency)s پیوستید.") % {"agency": invitation.agency.name})
    if request.user.is_authenticated:
        return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL))
    messages.info(request, _("اکنون با نام کاربری و گذرواژه تازه وارد شوید."))
    return HttpResponseRedirect(reverse("accounts:sign_in"))
