"""reach 0002 run for real on the engine of this pass (SQLite, then PostgreSQL), into a database of
its own: the reader marks of today and yesterday become the readers' sketch of their count's row,
each reader once per item, council and day; older marks, and marks whose row is missing, go with
the ReaderMark table."""

from __future__ import annotations

import datetime as dt
import random

import time_machine
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from hamafza.reach.sketch import SPARSE_MAX, Sketch
from tests.test_migrations import empty_database

BEFORE = [("reach", "0001_reach_views")]
AFTER = [("reach", "0002_reach_sketches")]
# Noon in Tehran: yesterday and today do not move while the test runs.
NOON = dt.datetime(2026, 12, 5, 8, 30, tzinfo=dt.UTC)


def marks(n: int, seed: int) -> list[int]:
    r = random.Random(seed)
    return [r.getrandbits(64) - (1 << 63) for _ in range(n)]


def migrate(alias: str, targets) -> MigrationExecutor:
    executor = MigrationExecutor(connections[alias])
    executor.migrate(targets)
    return MigrationExecutor(connections[alias])  # a fresh loader sees what is applied now


def test_todays_and_yesterdays_marks_become_sketches(db, tmp_path, django_db_blocker, monkeypatch):
    # A database made at run time is not one the test declared: connect unpatched.
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", django_db_blocker._real_ensure_connection)
    with time_machine.travel(NOON, tick=False), empty_database(tmp_path) as alias:
        old = migrate(alias, BEFORE).loader.project_state(BEFORE).apps
        Agency, Council, NewsItem = (old.get_model(*name.split(".")) for name in
                                     ("agencies.Agency", "agencies.Council", "newsroom.NewsItem"))
        ItemDailyViews, ReaderMark = old.get_model("reach", "ItemDailyViews"), old.get_model("reach", "ReaderMark")
        agency = Agency.objects.using(alias).create(name="اداره کل راهداری", short_name="راهداری", slug="راهداری")
        head = Agency.objects.using(alias).create(name="اداره کل راه و شهرسازی", short_name="راه", slug="راه")
        khz, tehran = (
            Council.objects.using(alias).create(name=f"شورای {n}", short_name=n, slug=s, region=n, head_agency=head,
                                                portal_title=f"درگاه {n}")
            for n, s in (("خوزستان", "khz"), ("تهران", "thr"))
        )
        first, second = (NewsItem.objects.using(alias).create(lead_agency=agency, title=f"خبر {n}", lead="لید",
                                                               body="<p>متن</p>") for n in (1, 2))
        today = timezone.localdate()
        yesterday, older = today - dt.timedelta(days=1), today - dt.timedelta(days=2)

        def row(day, item, council=khz, views=10):
            return ItemDailyViews.objects.using(alias).create(day=day, item=item, council=council, agency=agency,
                                                              views=views)

        def mark(day, item, digests, council=khz):
            ReaderMark.objects.using(alias).bulk_create(
                ReaderMark(day=day, council_id=council.pk, item_id=item.pk, digest=d) for d in digests)

        people = marks(700, 1)
        rows = {
            "today": row(today, first),  # three readers
            "today, the other council": row(today, first, council=tehran),  # two of them, and one more
            "today, the other item": row(today, second),  # the same three readers
            "yesterday": row(yesterday, first),  # many readers: a dense sketch
            "yesterday, nobody marked": row(yesterday, second),
            "older": row(older, first),
        }
        mark(today, first, people[:3])
        mark(today, first, people[1:3] + people[600:601], council=tehran)
        mark(today, second, people[:3])
        mark(yesterday, first, people)
        mark(older, first, people[:5])
        mark(yesterday, second, people[:4], council=tehran)  # no count's row for it: nothing to keep it in
        assert ReaderMark.objects.using(alias).count() == 3 + 3 + 3 + 700 + 5 + 4

        new = migrate(alias, AFTER).loader.project_state(AFTER).apps
        assert "readermark" not in new.all_models["reach"]
        with connections[alias].cursor() as cursor:
            tables = connections[alias].introspection.table_names(cursor)
        assert "reach_readermark" not in tables and "reach_itemdailyviews" in tables

        after = {pk: (bytes(readers) if readers is not None else None, views) for pk, readers, views in
                 new.get_model("reach", "ItemDailyViews").objects.using(alias).values_list("pk", "readers", "views")}
        assert len(after) == len(rows)
        assert {views for _, views in after.values()} == {10}  # the counts of views are not touched
        sketch = {name: after[r.pk][0] for name, r in rows.items()}
        assert sketch["older"] is None  # the counter reads no sketch older than yesterday
        assert sketch["yesterday, nobody marked"] is None
        assert Sketch.load(sketch["today"]).count() == 3
        assert Sketch.load(sketch["today, the other council"]).count() == 3
        assert Sketch.load(sketch["today, the other item"]).count() == 3
        assert sorted(Sketch.load(sketch["today"]).marks) == sorted(people[:3])

        # Merging the same readers again, as the counter's flush does, adds nobody.
        again = Sketch.load(sketch["today"])
        assert again.add(people[:3]) is False and again.count() == 3
        dense = Sketch.load(sketch["yesterday"])
        assert dense.registers is not None  # beyond SPARSE_MAX readers
        assert abs(dense.count() - 700) <= 700 * 3.75 * 1.04 / 64  # 3.75 standard errors
        assert dense.add(people) is False  # every one of them is in it already
        assert dense.count() > SPARSE_MAX
        connections[alias].close()
