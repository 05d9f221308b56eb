"""Persian error pages. They use only what the request already holds (the council from the
registry in memory) and never query the database: the 500 page must render when it is down."""

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.html import escape
from django.utils.translation import gettext as _

from ..chrome import assets, safe_color


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    council = getattr(request, "council", None)
    try:
        context = {
            "status": status,
            "title": title,
            "message": message,
            "council": council,
            "color": safe_color(council.color if council else ""),
            "assets": assets(),
        }
        body = loader.get_template("portal/error.html", using="jinja2").render(context, request)
    except Exception:  # the error page itself must not fail (no static manifest, a broken template)
        body = (
            f'<!doctype html><html lang="fa" dir="rtl"><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<h1>{escape(title)}</h1><p>{escape(message)}</p></html>"
        )
    return HttpResponse(body, status=status)


def _message(exception, default: str) -> str:
    """The Persian message a view raised with, or the default for framework-raised errors."""
    text = str(exception or "")
    if text and any("\u0600" <= ch <= "\u06ff" for ch in text):
        return text
    return default


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, 404, _("صفحه پیدا نشد"), _message(exception, _("صفحه‌ای که به دنبال آن هستید وجود ندارد یا جابه‌جا شده است.")))


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, _("خطای سامانه"), _("مشکلی در سامانه پیش آمد. لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید."))


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, 400, _("درخواست نادرست"), _message(exception, _("درخواست شما قابل پردازش نیست.")))


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, 403, _("دسترسی ممکن نیست"), _message(exception, _("اجازهٔ دیدن این صفحه را ندارید.")))
