"""The database answers, and every migration of the code has been applied to it."""

from __future__ import annotations

import time

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import words
from ..registry import FAIL, OK, WARN, Result, register

SLOW_MS = 500


@register("database", gettext_lazy("پایگاه داده"))
def database() -> Result:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Result(FAIL, _("پایگاه داده پاسخ نمی‌دهد."), [f"{exc.__class__.__name__}: {exc}"[:300]])
    ms = (time.perf_counter() - started) * 1000
    details = [_("نوع: {vendor}").format(vendor=connection.vendor)]
    metrics = {"vendor": connection.vendor, "ms": round(ms, 1)}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
        metrics["journal_mode"] = mode
        details.append(_("حالت ثبت: {mode}").format(mode=mode))
        if mode.lower() != "wal":
            return Result(WARN, _("پایگاه SQLite در حالت WAL نیست؛ نوشتن‌ها یکدیگر را معطل می‌کنند."), details, metrics)
    if ms > SLOW_MS:
        return Result(WARN, _("پایگاه داده کند پاسخ داد: {ms} میلی‌ثانیه.").format(ms=words.number(round(ms))),
                      details, metrics)
    return Result(OK, _("پایگاه داده در {ms} میلی‌ثانیه پاسخ داد.").format(ms=words.number(round(ms, 1))),
                  details, metrics)


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan if not backwards]


@register("migrations", gettext_lazy("مهاجرت‌های پایگاه داده"))
def migrations() -> Result:
    pending = pending_migrations()
    if pending:
        return Result(
            FAIL, _("{n} مهاجرت اجرا نشده است؛ «hamafza migrate» را اجرا کنید.").format(n=words.number(len(pending))),
            pending[:20], {"pending": len(pending)},
        )
    return Result(OK, _("همهٔ مهاجرت‌ها اجرا شده‌اند."), metrics={"pending": 0})
