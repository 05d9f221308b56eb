#!/usr/bin/env python3
"""Newsroom workflow speed: an editor save (autosave), a submit and a publish, in-process.

usage (from the repository root, on a database that holds the demo: `hamafza demo`):
  HAMAFZA_VAR_DIR=/tmp/hz-bench HAMAFZA_DEMO=1 .venv/bin/python bench/workflow_bench.py [--n 50]
Each of N rounds makes a draft through the action, then times three requests through Django's
test client (the whole server-side request: middleware, session, policy, action, rendering):
POST /workspace/news/<id>/save/ by the agency's staff, POST …/do/submit/ by the staff and
POST …/do/publish/ by the head; and the bare actions (do_save_draft, do_submit, do_publish) on
a second draft. Prints the median and p90 wall ms and the SQL queries of each.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from hamafza.accounts.models import Membership, User  # noqa: E402
from hamafza.newsroom import actions  # noqa: E402
from hamafza.newsroom.models import NewsItem  # noqa: E402


def client_for(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    client.force_login(user, backend="hamafza.accounts.backends.UsernameOrEmailBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def timed(fn):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = fn()
        ms = (time.perf_counter() - started) * 1000
    return ms, len(queries), result


def report(name: str, samples: list[tuple[float, int]]) -> None:
    ms = sorted(s[0] for s in samples)
    sql = sorted({s[1] for s in samples})
    p90 = ms[int(len(ms) * 0.9) - 1]
    sql_text = str(sql[0]) if len(sql) == 1 else f"{sql[0]}–{sql[-1]}"
    print(f"{name:<28} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   SQL {sql_text}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--staff", default="rahdari-staff")
    parser.add_argument("--head", default="rahdari-head")
    args = parser.parse_args()
    staff, head = User.objects.get(username=args.staff), User.objects.get(username=args.head)
    agency = Membership.objects.get(user=staff).agency
    staff_client, head_client = client_for(staff), client_for(head)
    body = "<p>" + "متن آزمایشی خبر برای سنجش سرعت ذخیره. " * 60 + "</p>"
    results: dict[str, list] = {k: [] for k in ("view save", "view submit", "view publish", "action save", "action submit", "action publish")}
    for n in range(args.n):
        item = actions.do_create_draft(staff, agency, {"title": f"سنجش گردش کار {n}", "lead": "لید", "body": body})
        path = f"/workspace/news/{item.pk}"
        ms, sql, r = timed(lambda: staff_client.post(f"{path}/save/", {"title": f"سنجش گردش کار {n} ویرایش", "body": body + "<p>افزوده</p>", "base_revision": "1"}))
        assert r.status_code == 200 and NewsItem.objects.get(pk=item.pk).revision == 2, r.status_code
        results["view save"].append((ms, sql))
        ms, sql, r = timed(lambda: staff_client.post(f"{path}/do/submit/"))
        assert r.status_code == 302 and NewsItem.objects.get(pk=item.pk).status == "submitted"
        results["view submit"].append((ms, sql))
        ms, sql, r = timed(lambda: head_client.post(f"{path}/do/publish/"))
        assert r.status_code == 302 and NewsItem.objects.get(pk=item.pk).status == "published"
        results["view publish"].append((ms, sql))

        other = actions.do_create_draft(staff, agency, {"title": f"سنجش کنش {n}", "lead": "لید", "body": body})
        results["action save"].append(timed(lambda: actions.do_save_draft(staff, other, {"body": body + "<p>ب</p>"}, 1))[:2])
        results["action submit"].append(timed(lambda: actions.do_submit(staff, NewsItem.objects.get(pk=other.pk)))[:2])
        fresh = NewsItem.objects.select_related("lead_agency").get(pk=other.pk)
        results["action publish"].append(timed(lambda: actions.do_publish(head, fresh))[:2])
    print(f"{connection.vendor}, {args.n} rounds, body {len(body)} characters")
    for name, samples in results.items():
        report(name, samples)


if __name__ == "__main__":
    main()
