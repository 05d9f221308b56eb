"""A long-running sender: polls the outbox and sends due deliveries; stops cleanly on SIGTERM.

`hamafza serve` starts it in the embedded default (SENDER "process"); the benchmark and the crash
test run it too. It beats a lease (SenderLease) so that its claims are known dead soon after a
crash."""

import time

from django.core.management.base import BaseCommand

from hamafza.core.stopping import stop_on_signals
from hamafza.distribution import worker


class Command(BaseCommand):
    help = "Send due deliveries to the messenger channels until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.5, help="seconds between polls when idle")
        parser.add_argument("--sweep-every", type=float, default=5.0, help="seconds between stale-sending sweeps")
        parser.add_argument("--once", action="store_true", help="drain once and exit")

    def handle(self, *args, interval: float, sweep_every: float, once: bool, **options):
        stopping = stop_on_signals()
        if once:
            worker.sweep_stale()
            self.stdout.write(str(worker.drain()))
            return
        # The lease: while this process lives, a thread renews it; when it is killed, the sweep of
        # any other sender turns its claims `unknown` within SENDER_LEASE seconds.
        worker.start_heartbeat(stopping)
        last_sweep = 0.0
        while not stopping():
            if time.monotonic() - last_sweep >= sweep_every:
                worker.sweep_stale()
                last_sweep = time.monotonic()
            done = worker.drain(seconds=1.0)
            if not done:
                # Sleep in small steps so SIGTERM stops us promptly.
                end = time.monotonic() + interval
                while not stopping() and time.monotonic() < end:
                    time.sleep(min(0.05, interval))
        worker.end_lease()
