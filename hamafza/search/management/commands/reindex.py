"""`hamafza reindex`: rebuild the search index from every news item, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand

from hamafza.search.indexing import reindex_all


def _bar(done: int, total: int, started: float, width: int = 30) -> str:
    share = done / total if total else 1.0
    filled = int(share * width)
    rate = done / max(time.monotonic() - started, 1e-6)
    return f"\rreindex [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {share:4.0%} {rate:,.0f}/s"


class Command(BaseCommand):
    help = "Rebuild the search index of all news items."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (logs, CI).")

    def handle(self, *args, batch_size: int, no_progress: bool, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            sys.stderr.write(_bar(done, total, started))
            sys.stderr.flush()

        done = reindex_all(batch_size=batch_size, progress=None if no_progress else progress)
        if not no_progress:
            sys.stderr.write("\n")
        self.stdout.write(f"indexed {done} items in {time.monotonic() - started:.1f} s")
