"""Django's deployment checks (`check --deploy`), run in this process."""

from __future__ import annotations

from django.core import checks as django_checks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import words
from ..registry import FAIL, OK, WARN, Result, register


def deploy_messages() -> list[django_checks.CheckMessage]:
    found = django_checks.run_checks(include_deployment_checks=True)
    return [m for m in found if not m.is_silenced()]


def _short(text: str, limit: int = 160) -> str:
    """The message's first sentence, at most `limit` characters (the page shows one line each)."""
    first = text.split(". ")[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


@register("deploy", gettext_lazy("بررسی استقرار"))
def deploy() -> Result:
    found = deploy_messages()
    errors = [m for m in found if m.level >= django_checks.ERROR]
    warnings = [m for m in found if django_checks.WARNING <= m.level < django_checks.ERROR]
    details = [_short(f"{m.id}: {m.msg}") for m in [*errors, *warnings]]
    metrics = {"errors": len(errors), "warnings": len(warnings), "ids": [m.id for m in [*errors, *warnings]]}
    if errors:
        return Result(FAIL, _("بررسی‌های استقرار جنگو: {e} خطا و {w} هشدار.").format(
            e=words.number(len(errors)), w=words.number(len(warnings))), details, metrics)
    if warnings:
        return Result(WARN, _("بررسی‌های استقرار جنگو: {w} هشدار.").format(w=words.number(len(warnings))), details, metrics)
    return Result(OK, _("بررسی‌های استقرار جنگو ایرادی نیافتند."), details, metrics)
