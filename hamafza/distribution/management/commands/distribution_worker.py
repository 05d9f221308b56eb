"""A long-running sender: polls the outbox and sends due deliveries; stops cleanly on SIGTERM.

The embedded default does not need it (the task worker runs the send task); it is for a
deployment that wants a dedicated sender, for the benchmark and for the crash test."""

import signal
import time

from django.core.management.base import BaseCommand

from hamafza.distribution import worker


class Command(BaseCommand):
    help = "Send due deliveries to the messenger channels until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.5, help="seconds between polls when idle")
        parser.add_argument("--sweep-every", type=float, default=5.0, help="seconds between stale-sending sweeps")
        parser.add_argument("--once", action="store_true", help="drain once and exit")

    def handle(self, *args, interval: float, sweep_every: float, once: bool, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if once:
            worker.sweep_stale()
            self.stdout.write(str(worker.drain()))
            return
        last_sweep = 0.0
        while not stopping:
            if time.monotonic() - last_sweep >= sweep_every:
                worker.sweep_stale()
                last_sweep = time.monotonic()
            done = worker.drain(seconds=1.0)
            if not done:
                # Sleep in small steps so SIGTERM stops us promptly.
                end = time.monotonic() + interval
                while not stopping and time.monotonic() < end:
                    time.sleep(min(0.05, interval))
