from django.conf import settings
from django.core.management.base import BaseCommand

from hamafza.core import scheduler
from hamafza.core.stopping import stop_on_signals


class Command(BaseCommand):
    help = "Find due work every few seconds and enqueue it (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=settings.SCHEDULER_INTERVAL_SECONDS)
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval: float, once: bool, **options):
        if once:
            for name, result in scheduler.run_pass().items():
                self.stdout.write(f"{name}: {result}")
            return
        stopping = stop_on_signals()
        names = ", ".join(job.name for job in scheduler.jobs()) or "-"
        self.stdout.write(f"scheduler: every {interval:g}s; jobs: {names}")
        scheduler.run_forever(interval, stopping)
