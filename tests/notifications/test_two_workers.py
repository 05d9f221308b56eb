"""Two workers sending notices at once (threads, each on its own database connection): every
returned item reaches the staff member's Bale chat once. Runs on SQLite (the suite's test file)
and on PostgreSQL."""

import threading

import pytest
from django.db import connection, transaction

from hamafza.notifications import notify, worker
from hamafza.notifications.models import NoticeSend

from .test_reach import CHAT, choose, link

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_send_each_returned_item_once(personas, notice_bot, bale, settings):
    settings.NOTICES = {**settings.NOTICES, "SEND_ON_COMMIT": False}
    bale.delay = 0.05  # a distant platform: the two workers' passes overlap
    link(personas.own_staff, bale, personas.council.pk)
    choose(personas.own_staff, personas.council.pk, returned=["bale"])
    titles = [f"خبر برگشتی شمارهٔ {n}" for n in range(8)]
    for title in titles:
        with transaction.atomic():
            notify([personas.own_staff], "returned", actor=personas.own_head, subject=title)
    start = threading.Barrier(2)
    counts, errors = [], []

    def run():
        try:
            start.wait()
            counts.append(worker.send_due())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    sent = bale.sent_to(CHAT)
    for title in titles:
        assert len([t for t in sent if title in t]) == 1, title
    assert sum(counts) == len(titles) and len(counts) == 2
    assert set(NoticeSend.objects.filter(via="bale").values_list("state", flat=True)) == {"sent"}
