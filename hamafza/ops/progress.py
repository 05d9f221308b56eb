"""Progress for the ops commands: a bar on a terminal, a few plain lines otherwise."""

from __future__ import annotations

import sys
import time

from django.utils.translation import gettext as _


def phase_name(phase: str) -> str:
    return {"tables": _("جدول‌ها"), "media": _("پرونده‌ها")}.get(phase, phase)


class Progress:
    def __init__(self, stream=None, *, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if hasattr(self.stream, "isatty") else False
        self.enabled = enabled
        self.started = time.monotonic()
        self.last: dict[str, int] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        if self.tty:
            width = 30
            filled = int(done / total * width)
            self.stream.write(f"\r{phase_name(phase)} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
            return
        quarter = done * 4 // total
        if quarter > self.last.get(phase, 0) or done == total and phase not in self.last:
            self.last[phase] = quarter
            self.stream.write(f"{phase_name(phase)}: {done}/{total}\n")
