"""A small council with a known record for Aban 1405 (and one item in Mehr), written straight
through the models: the scorecard's figures are checked against it by hand (test_figures.py).

Agencies (tests/personas.py): A «own» heads the council, B «other», C «supporting».

Published in Aban 1405 (times in Tehran):
  A: news a1 (10 Aban 13:00, main image), a2 (15 Aban 10:00), a3 (18 Aban 09:00);
     photo report a4 (20 Aban 11:00, gallery) → 4 items, 2 with images; 1 photo report
  B: news b1 (3 Aban, main image); video reports b2 (12 Aban 14:00, main image), b3 (25 Aban,
     main image) → 3 items, all with images; b4 published 6 Aban then unpublished: not counted
  C: nothing
  A also published m1 on 20 Mehr (the previous period).
Events: council meeting 10 Aban 09:00 → its news a1 (4 h); help request of B, day 12 Aban
  08:00 → result b2 (6 h); help request of A, day 15 Aban, no time → result a2 (10 h).
  A: median of 4 and 10 = 7 h; B: 6 h; C: none.
Channels: A telegram: 3 first sends in Aban, 1 edit (not counted), 1 failed (not counted); A's
  sandbox: 2 sends (not counted); B bale: 1 send; C none.
Co-publication: R1 A→B,C (5 Aban): B accepts after 2 h, C declines after 6 h;
  R2 B→A (7 Aban): A accepts after 1 h; R3 A→B (20 Aban): B accepts after 4 h.
Help: H1 of B (8 Aban 10:00): C offers after 3 h (accepted), A offers after 5 h (not chosen).
Tasks (council): A: T1 deadline 10 Aban done 9 Aban (on time), T2 deadline 20 Aban done
  22 Aban (late); B: T3 deadline 15 Aban still open; T4 deadline 1 Dey (outside);
  C: T5 deadline 12 Aban cancelled (left out).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hamafza.cooperation.models import HelpOffer, HelpRequest, Need
from hamafza.council.models import Meeting, Task
from hamafza.distribution.models import Channel, Delivery
from hamafza.newsroom.models import GalleryImage, Image
from tests import factories
from tests.cooperation.reciprocity_factories import ask, at


def _image(agency):
    return Image.objects.create(agency=agency, file="images/1405/08/test.jpg", width=800, height=600)


def _item(agency, when, kind="news", image=False, gallery=False, title=None):
    item = factories.make_item(agency, published_at=when, kind=kind, title=title)
    if image:
        item.main_image = _image(agency)
        item.save(update_fields=["main_image"])
    if gallery:
        GalleryImage.objects.create(item=item, image=_image(agency))
    return item


def _send(channel, item, when, action="create", state="sent", version="v1"):
    return Delivery.objects.create(item=item, version=version, channel=channel, action=action, state=state,
                                   sent_at=when if state == "sent" else None)


@pytest.fixture
def record(personas):
    return build_record(personas)


def build_record(personas):
    a, b, c, council = personas.own, personas.other, personas.supporting, personas.council
    items = {
        "a1": _item(a, at(1405, 8, 10, 13), image=True, title="افتتاح پل کارون"),
        "a2": _item(a, at(1405, 8, 15, 10)),
        "a3": _item(a, at(1405, 8, 18, 9)),
        "a4": _item(a, at(1405, 8, 20, 11), kind="photo_report", gallery=True),
        "b1": _item(b, at(1405, 8, 3, 9), image=True),
        "b2": _item(b, at(1405, 8, 12, 14), kind="video_report", image=True),
        "b3": _item(b, at(1405, 8, 25, 9), kind="video_report", image=True),
        "b4": _item(b, at(1405, 8, 6, 9)),
        "m1": _item(a, at(1405, 7, 20, 9)),
    }
    factories.unpublish_item(items["b4"])
    Meeting.objects.create(council=council, title="جلسهٔ شورا", starts_at=at(1405, 8, 10, 9), news_item=items["a1"])
    for asking, day, start, result in ((b, 12, dt.time(8), "b2"), (a, 15, None, "a2")):
        HelpRequest.objects.create(
            council=council, asking_agency=asking, need=Need.PHOTOGRAPHER, title="پوشش رویداد", day=at(1405, 8, day).date(),
            start_time=start, deadline=at(1405, 8, day - 1), status="delivered", result_item=items[result])
    tg = Channel.objects.create(agency=a, kind="telegram", name="کانال تلگرام راه و شهرسازی")
    sandbox = Channel.objects.create(agency=a, kind="sandbox", sandbox_platform="bale", name="آزمایشی")
    bale = Channel.objects.create(agency=b, kind="bale", name="کانال بله راهداری")
    for key in ("a1", "a2", "a3"):
        _send(tg, items[key], at(1405, 8, 21, 10))
        _send(sandbox, items[key], at(1405, 8, 21, 10))
    _send(tg, items["a1"], at(1405, 8, 22, 10), action="edit")
    _send(tg, items["a4"], None, state="failed")
    _send(bale, items["b1"], at(1405, 8, 3, 10))
    ask(council, a, {b: ("accepted", 2), c: ("declined", 6)}, created=at(1405, 8, 5), item=items["a1"])
    ask(council, b, {a: ("accepted", 1)}, created=at(1405, 8, 7), item=items["b1"])
    ask(council, a, {b: ("accepted", 4)}, created=at(1405, 8, 20), item=items["a3"])
    h1 = HelpRequest.objects.create(council=council, asking_agency=b, need=Need.PHOTOGRAPHER, title="عکاس برای بازدید",
                                    day=at(1405, 8, 14).date(), deadline=at(1405, 8, 10), status="arranged")
    HelpRequest.objects.filter(pk=h1.pk).update(created_at=at(1405, 8, 8, 10))
    for agency, status, hours in ((c, "accepted", 3), (a, "not_chosen", 5)):
        offer = HelpOffer.objects.create(request=h1, agency=agency, text="عکاس ما می‌آید", status=status)
        HelpOffer.objects.filter(pk=offer.pk).update(created_at=at(1405, 8, 8, 10) + dt.timedelta(hours=hours))
    for agency, deadline, status, done in (
        (a, (1405, 8, 10), "done", at(1405, 8, 9, 12)), (a, (1405, 8, 20), "done", at(1405, 8, 22, 12)),
        (b, (1405, 8, 15), "open", None), (b, (1405, 10, 1), "open", None), (c, (1405, 8, 12), "cancelled", None),
    ):
        Task.objects.create(council=council, title="تهیهٔ گزارش هفتهٔ حمل و نقل", agency=agency,
                            deadline=at(*deadline).date(), status=status, done_at=done)
    return items
