"""How the long-running commands (serve, scheduler, distribution_worker) stop cleanly."""

from __future__ import annotations

import signal
from collections.abc import Callable


def stop_on_signals() -> Callable[[], bool]:
    """Install SIGTERM and SIGINT handlers that only raise a flag, and return the question the
    command's loop asks between two steps ("stop now?")."""
    raised = []

    def stop(signum, frame):
        raised.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return lambda: bool(raised)
