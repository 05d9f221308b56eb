#!/usr/bin/env python3
"""Press office benchmark: importing a journalists file, the press list page, and sending a
release, server time.

usage (from the repository root):
  .venv/bin/python bench/press_bench.py                 # SQLite in a fresh temporary var/
options: --rows N (default 2000, the import's limit), --repeat K (default 10)

It builds one council of two agencies and times (p50 / max, ms, after one warm-up):
- the import of an N-row CSV (every row new; the transaction rolled back after each run),
- the press list page /workspace/press/ for the agency's staff (whole request, N journalists),
- sending a release to a list of all N journalists (the action plus every e-mail, built and
  handed to Django's in-memory mail backend; one message per journalist).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.harness import fresh_database, make_council, signed_in_client, timed  # noqa: E402


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    fresh_database("press")
    from django.conf import settings
    from django.db import transaction

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]

    from hamafza.accounts.models import Membership
    from hamafza.press import actions, sending
    from tests import factories
    from tests.personas import make_user

    council, (a, _b) = make_council(2)
    staff = make_user("bench_staff")
    Membership.objects.create(user=staff, agency=a, role=Membership.Role.STAFF)
    head = ",".join(label for _k, label in actions.COLUMNS)
    rows = [f"خبرنگار بنچ {n},,حوزه,r{n}@example.org,0912{n:07d},,,بله,۱۴۰۵/۰۸/۰۱,بنچ" for n in range(args.rows)]
    data = ("\n".join([head, *rows]) + "\n").encode()

    def run_import():
        try:
            with transaction.atomic():
                result = actions.do_import_journalists(staff, council.pk, a.pk, data, "bench.csv")
                assert result.ok and result.added == args.rows, result.errors[:3]
                raise Rollback
        except Rollback:
            pass

    imp = timed(run_import, args.repeat)
    assert actions.do_import_journalists(staff, council.pk, a.pk, data, "bench.csv").ok
    press_list = actions.do_save_list(staff, council.pk, a.pk, {
        "name": "همه", "journalists": list(a.journalists.values_list("pk", flat=True))})

    client = signed_in_client(staff)
    page = timed(lambda: client.get(f"/workspace/press/?council={council.pk}&agency={a.pk}"), args.repeat)

    item = factories.make_item(a, title="خبر بنچ")

    def run_release():
        try:
            with transaction.atomic():
                release = actions.do_send_release(staff, council.pk, a.pk, item, {"lists": [press_list.pk]})
                sending.send_release(release.pk)
                raise Rollback
        except Rollback:
            pass

    rel = timed(run_release, max(2, args.repeat // 3))
    print(f"import {args.rows} rows (CSV)          p50 {imp[0]:8.0f} ms   max {imp[1]:8.0f} ms")
    print(f"press list page ({args.rows} journalists) p50 {page[0]:8.0f} ms   max {page[1]:8.0f} ms")
    print(f"release to {args.rows} journalists     p50 {rel[0]:8.0f} ms   max {rel[1]:8.0f} ms  "
          f"({rel[0] / args.rows:.2f} ms per e-mail)")


if __name__ == "__main__":
    main()
