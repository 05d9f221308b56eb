"""The long-running commands' stop flag (hamafza/core/stopping.py): a signal only raises it."""

import os
import signal

import pytest

from hamafza.core.stopping import stop_on_signals


@pytest.fixture
def handlers():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_raises_the_flag_and_nothing_else(handlers, sig):
    stopping = stop_on_signals()
    assert stopping() is False
    os.kill(os.getpid(), sig)  # delivered to the main thread before kill returns
    assert stopping() is True
    assert stop_on_signals()() is False  # each command gets its own flag
