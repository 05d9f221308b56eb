"""The checks and how they are run.

    from hamafza.health.registry import OK, Result, register

    @register("cache", _("حافظهٔ نهان"))
    def cache() -> Result:
        ...
        return Result(OK, _("حافظهٔ نهان پاسخ می‌دهد."), metrics={"ms": 2})

A check is a small function with no arguments. It never raises: an exception becomes a `fail`
with the exception's class in the details, so one broken check never hides the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger("hamafza.health")

OK, WARN, FAIL = "ok", "warn", "fail"
SEVERITY = {OK: 0, WARN: 1, FAIL: 2}


@dataclass(frozen=True)
class Result:
    status: str
    summary: str
    details: list[str] = field(default_factory=list)
    metrics: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    key: str
    title: object  # a lazy Persian string
    func: Callable[[], Result]


@dataclass(frozen=True)
class Outcome:
    key: str
    title: str
    result: Result
    ms: float

    @property
    def status(self) -> str:
        return self.result.status

    def as_dict(self) -> dict[str, object]:
        r = self.result
        return {"key": self.key, "title": self.title, "status": r.status, "summary": r.summary,
                "details": list(r.details), "metrics": dict(r.metrics), "ms": round(self.ms, 1)}


_checks: dict[str, Check] = {}


def register(key: str, title) -> Callable[[Callable[[], Result]], Callable[[], Result]]:
    def decorate(func: Callable[[], Result]) -> Callable[[], Result]:
        _checks[key] = Check(key, title, func)
        return func

    return decorate


def checks() -> list[Check]:
    return list(_checks.values())


def run(check: Check) -> Outcome:
    started = time.perf_counter()
    try:
        with transaction.atomic():  # a failed query must not break the next check's (PostgreSQL)
            result = check.func()
    except Exception as exc:
        logger.exception("health check %s failed", check.key)
        result = Result(FAIL, _("این بررسی انجام نشد."), [f"{exc.__class__.__name__}: {exc}"[:300]])
    return Outcome(check.key, str(check.title), result, (time.perf_counter() - started) * 1000)


def run_all(keys: list[str] | None = None) -> list[Outcome]:
    return [run(c) for c in checks() if keys is None or c.key in keys]


def overall(outcomes: list[Outcome]) -> str:
    return max((o.status for o in outcomes), key=SEVERITY.__getitem__, default=OK)
