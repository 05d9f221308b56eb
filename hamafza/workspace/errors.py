"""Errors under /workspace/ render inside the workspace shell (its menu, and a way back), not as
the portal's public error page. hamafza/urls.py sends here the errors of signed-in people on
workspace paths; when the shell itself cannot render (the database is down for a 500), the
caller falls back to the portal's page, which never queries."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

PREFIX = "/workspace/"


def applies(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return request.path.startswith(PREFIX) and bool(user and user.is_authenticated)


def _message(exception, default: str) -> str:
    """The Persian message a view raised with, or the default for framework-raised errors."""
    text = str(exception or "")
    return text if text and any("\u0600" <= ch <= "\u06ff" for ch in text) else default


def render(request: HttpRequest, status: int, exception=None) -> HttpResponse:
    titles = {
        400: (_("درخواست نادرست"), _("درخواست شما قابل پردازش نیست.")),
        403: (_("اجازهٔ دیدن این صفحه را ندارید"), _("این بخش برای نقش شما باز نیست. اگر فکر می‌کنید باید دسترسی داشته باشید، به مدیر روابط عمومی دستگاه یا دبیرخانهٔ شورا بگویید.")),
        404: (_("این صفحه پیدا نشد"), _("نشانی درست نیست، یا آنچه دنبالش هستید حذف شده یا به شما نشان داده نمی‌شود.")),
        500: (_("خطای سامانه"), _("مشکلی در سامانه پیش آمد و کار شما ثبت نشد. چند دقیقهٔ دیگر دوباره تلاش کنید؛ اگر باز هم رخ داد، به پشتیبانی خبر دهید.")),
    }
    title, default = titles[status]
    message = _message(exception, default) if status != 500 else default
    back = request.headers.get("Referer", "")
    host = request.get_host() if status != 500 else ""
    safe_back = back if host and back.startswith((f"https://{host}/", f"http://{host}/")) else ""
    body = render_to_string("workspace/error.html", {
        "status": status, "title": title, "message": message, "back": safe_back,
    }, request=request)
    return HttpResponse(body, status=status)
