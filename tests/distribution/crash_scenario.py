"""The newsroom and the person of the crash test (test_crash.py), run in a process of their own
(`python -m hamafza shell -c …`) while senders are killed around them:

- corrections of items sent as photo + caption that remove the photo, of text items, and of
  items published a few milliseconds earlier (racing the first send);
- unpublishing of sent items;
- a careful person who resolves every `unknown` delivery the way the product asks: look at the
  channel (the fake's /_log); if the post is there, «ارسال شد» with its link (even items) or
  without (in turn), and then unpublish the item (a withdrawal after the verdict); if it
  is not there and the product offers «دوباره بفرست» (after the late-delivery window), press it.
"""

from __future__ import annotations

import json
import random
import re
import time
import urllib.request

from django.db import transaction
from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.distribution import actions
from hamafza.distribution.models import Channel, Delivery
from hamafza.distribution.perform import current
from tests.distribution import workflow
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.signals import item_corrected

A, St = Delivery.Action, Delivery.State
MARK = re.compile(r"خبر خاموشی (\d{3})")
LINK_BASE = {Channel.Kind.TELEGRAM: "https://t.me", Channel.Kind.BALE: "https://ble.ir",
             Channel.Kind.RUBIKA: "https://rubika.ir"}


def correct(item: NewsItem, **fields) -> None:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(item, name, value)
        item.revision += 1
        item.save()
        item_corrected.send(sender=NewsItem, item=item, note="اصلاح آزمایشی")


def channel_log(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/_log", timeout=5) as r:
        return json.load(r)


class Person:
    def __init__(self, url: str, head: User, rng: random.Random):
        self.url, self.head, self.rng = url, head, rng
        self.marked = {"link": 0, "no_link": 0, "resent": 0, "dropped": 0, "withdrawn_after": 0}
        self.with_link = True  # first sends found on the channel: with the link, then without, in turn

    def evidence(self, d: Delivery, log: dict):
        """What the channel shows for this delivery: a message id, "gone", "notice", or None."""
        chat = d.channel.chat_id
        live = {(c, mid): text for c, mid, text in log["live"]}
        ids = current(d.parent).remote_ids if d.parent_id else []
        ids = [int(x) if isinstance(x, str) and x.isdigit() else x for x in ids]  # Rubika's ids are strings
        if d.action == A.CREATE or (d.action == A.EDIT and ids):
            text = d.payload.get("text")
            return next((mid for (c, mid), t in live.items() if c == chat and t == text), None)
        if d.action == A.DELETE and ids:
            return "gone" if not any((chat, mid) in live for mid in ids) else None
        word = "اصلاحیه" if d.action == A.EDIT else "از انتشار خارج شد"
        mark = MARK.search(d.item.title).group(0)
        posted = any(p["chat_id"] == chat and word in (p.get("text") or "") and mark in (p.get("text") or "")
                     for p in log["posted"])
        return "notice" if posted else None

    def resolve(self) -> int:
        unknown = list(Delivery.objects.filter(state=St.UNKNOWN).select_related("channel", "item", "parent"))
        if not unknown:
            return 0
        log = channel_log(self.url)
        done = 0
        for d in unknown:
            found = self.evidence(d, log)
            try:
                if found is not None:
                    link = ""
                    if isinstance(found, int) and (d.action != A.CREATE or self.with_link):
                        base = LINK_BASE[d.channel.kind]
                        link = f"{base}/{d.channel.public_username}/{found}"
                    actions.do_mark(self.head, d, actions.SENT, link=link)
                    if d.action == A.CREATE:
                        self.with_link = not self.with_link
                        self.marked["link" if link else "no_link"] += 1
                        if d.item.is_public:  # and then the item is withdrawn
                            workflow.unpublish_item(NewsItem.objects.get(pk=d.item_id), reason="پس از بررسی")
                            self.marked["withdrawn_after"] += 1
                elif actions.resend_available_at(d) <= timezone.now():
                    # Not there, and the platform can no longer deliver it: send again, or, for an
                    # item no longer published, say it was not sent and must not be.
                    verdict = actions.RESEND if d.item.is_public or d.action != A.CREATE else actions.DROP
                    actions.do_mark(self.head, d, verdict)
                    self.marked["resent" if verdict == actions.RESEND else "dropped"] += 1
                else:
                    continue
            except actions.DistributionError:
                continue  # it changed meanwhile, or the item was unpublished: look again next time
            done += 1
        return done


def open_work() -> int:
    return Delivery.objects.filter(state__in=[*Delivery.DUE_STATES, St.SENDING, St.UNKNOWN]).count()


def run(url: str, seconds: float, settle: float, seed: int) -> None:
    from tests import factories

    rng = random.Random(seed)
    head = User.objects.get(username="crash_head")
    person = Person(url, head, rng)
    items = list(NewsItem.objects.order_by("id"))
    photo_items = [i for i in items if i.main_image_id]
    text_items = [i for i in items if not i.main_image_id]
    agency = items[0].lead_agency
    plan = (
        [(0.5 + n * 0.4, "drop_photo", i) for n, i in enumerate(rng.sample(photo_items, 6))]
        + [(0.7 + n * 0.5, "retitle", i) for n, i in enumerate(rng.sample(text_items, 6))]
        + [(1.0 + n * 1.3, "race", None) for n in range(6)]
        + [(4.0 + n * 1.1, "unpublish", i) for n, i in enumerate(rng.sample(text_items, 4))]
    )
    plan.sort(key=lambda step: step[0])
    counts = {"drop_photo": 0, "retitle": 0, "race": 0, "unpublish": 0}
    start = time.monotonic()
    next_race = 900
    while time.monotonic() - start < seconds:
        elapsed = time.monotonic() - start
        while plan and plan[0][0] <= elapsed:
            _at, what, item = plan.pop(0)
            if item is not None:
                item.refresh_from_db()
                if not item.is_public:
                    continue
            if what == "drop_photo":
                correct(item, main_image=None, title=item.title + " (بی‌تصویر)")
            elif what == "retitle":
                correct(item, title=item.title + " (اصلاح‌شده)")
            elif what == "race":
                fresh = factories.make_item(agency, title=f"خبر خاموشی {next_race} تازه")
                time.sleep(rng.uniform(0.0, 0.03))  # a few ms: the sender may have read it already
                correct(fresh, title=fresh.title + " (اصلاح فوری)")
                next_race += 1
            elif what == "unpublish":
                workflow.unpublish_item(item, reason="برداشته شد")
            counts[what] += 1
        person.resolve()
        time.sleep(0.2)
    end = time.monotonic() + settle
    while time.monotonic() < end and open_work():
        person.resolve()
        time.sleep(0.3)
    print(json.dumps({"plan": counts, "person": person.marked, "open": open_work(), "at": timezone.now().isoformat()}))
