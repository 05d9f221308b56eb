"""Demo data: the Arbaeen live event of the Khuzestan council with a day of updates from several
agencies, and the status board of the province's crossings, roads, airport, stations and ports.

Called by hamafza/demo/loader.py: `load_demo(councils, agencies, users)`. Everything goes through
the checked actions on behalf of real people (the secretariat opens the event and the board, each
agency's head posts); only the times are moved back afterwards, as no action moves time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from . import actions
from .models import BoardChange, BoardEntity, LiveEvent, LiveUpdate

# (hours ago, agency key, kind, place, text)
UPDATES = [
    (23, "rahdari", "traffic", "محور اهواز – خرمشهر", "تردد زائران در محور اهواز – خرمشهر روان است؛ سرعت مطمئنه رعایت شود."),
    (21, "meteo", "weather", "شلمچه و چذابه", "آسمان صاف، دمای بیشینه ۳۸ درجه؛ زائران آب همراه داشته باشند و از پیاده‌روی در ظهر بپرهیزند."),
    (19, "rail", "service", "ایستگاه اهواز", "دو قطار فوق‌العادهٔ تهران – اهواز برای بازگشت زائران افزوده شد."),
    (17, "rahdari", "border", "مرز شلمچه", "صف خودروهای سواری در پارکینگ مرز شلمچه به حدود ۲ کیلومتر رسید؛ از پارکینگ‌های شمارهٔ ۳ و ۴ استفاده کنید."),
    (15, "airports", "service", "فرودگاه اهواز", "پروازهای فوق‌العادهٔ اهواز – نجف برقرار است؛ سه ساعت پیش از پرواز در فرودگاه باشید."),
    (13, "rahdari", "warning", "محور اهواز – سوسنگرد", "به دلیل تصادف، یک خط محور اهواز – سوسنگرد تا ساعت ۱۵ بسته است."),
    (11, "ports", "service", "بندر خرمشهر", "شناورهای مسافری بندر خرمشهر امروز برای جابه‌جایی زائران به کار گرفته نمی‌شوند."),
    (9, "meteo", "weather", "استان خوزستان", "احتمال وزش باد و گردوخاک از عصر فردا در غرب استان؛ دید افقی کاهش می‌یابد."),
    (7, "rail", "service", "ایستگاه خرمشهر", "بلیت قطارهای خرمشهر – تهران برای روز پنجشنبه تکمیل شد؛ قطار فوق‌العاده در دست بررسی است."),
    (5, "rahdari", "border", "مرز چذابه", "مرز چذابه روان است؛ زمان انتظار کمتر از نیم ساعت."),
    (3, "rahdari", "traffic", "محور اهواز – خرمشهر", "ترافیک نیمه‌سنگین در ورودی خرمشهر؛ پلیس راه مسیر جایگزین را از کمربندی اعلام کرد."),
    (1, "airports", "warning", "فرودگاه اهواز", "پرواز ۴۵۲۱ اهواز – نجف با دو ساعت تأخیر انجام می‌شود."),
]

# (kind, name, keeper, [(hours ago, state, wait minutes, figure, note), …] oldest first)
BOARD = [
    (BoardEntity.Kind.CROSSING, "مرز شلمچه", "rahdari", [
        (20, "open", 30, "", ""), (16, "congested", 120, "", "صف ۲ کیلومتری پارکینگ"), (2, "open", 40, "", "")]),
    (BoardEntity.Kind.CROSSING, "مرز چذابه", "rahdari", [(18, "open", 45, "", ""), (5, "open", 25, "", "")]),
    (BoardEntity.Kind.ROAD, "محور اهواز – خرمشهر", "rahdari", [(12, "busy", None, "", ""), (3, "congested", None, "", "ورودی خرمشهر")]),
    (BoardEntity.Kind.ROAD, "محور اهواز – سوسنگرد", "rahdari", [(13, "delayed", None, "", "یک خط بسته تا ساعت ۱۵"), (8, "open", None, "", "")]),
    (BoardEntity.Kind.AIRPORT, "فرودگاه اهواز", "airports", [(15, "open", None, "۱۲ پرواز فوق‌العاده", ""), (1, "delayed", None, "تأخیر ۲ ساعته پرواز ۴۵۲۱", "")]),
    (BoardEntity.Kind.STATION, "ایستگاه راه‌آهن اهواز", "rail", [(19, "open", None, "۲ قطار فوق‌العاده", "")]),
    (BoardEntity.Kind.STATION, "ایستگاه راه‌آهن خرمشهر", "rail", [(7, "busy", None, "بلیت پنجشنبه تکمیل", "")]),
    (BoardEntity.Kind.PORT, "بندر خرمشهر", "ports", [(11, "closed", None, "", "شناور مسافری زائران ندارد")]),
    (BoardEntity.Kind.PORT, "بندر امام خمینی", "ports", [(10, "open", None, "", "")]),
]


def load_demo(councils: dict, agencies: dict, users: dict) -> LiveEvent:
    council = councils["khz"]
    dabir = users["dabir"]
    now = timezone.now()
    keys = ["rahdari", "rail", "airports", "ports", "meteo", "rahshahr"]
    event = actions.do_open_event(
        dabir, council.pk, title="اربعین حسینی ۱۴۰۵ — پوشش زنده", kind=LiveEvent.Kind.CAMPAIGN,
        starts_at=now - dt.timedelta(hours=24), ends_at=now + dt.timedelta(days=2),
        agency_ids=[agencies[k].pk for k in keys],
        summary="مرزهای شلمچه و چذابه باز است. زائران پیش از حرکت، وضعیت مرز و جاده را در تابلوی وضعیت ببینند و "
                "از پارکینگ‌های تعیین‌شده استفاده کنند. شمارهٔ تماس راهداری: ۱۴۱.",
    )
    actions.do_set_direct(users["rahdari-head"], event, agencies["rahdari"].pk, True)
    for hours, key, kind, place, text in UPDATES:
        update = actions.do_post_update(users[f"{key}-head"], event, agency_id=agencies[key].pk, kind=kind,
                                        text=text, place=place)
        LiveUpdate.objects.filter(pk=update.pk).update(published_at=now - dt.timedelta(hours=hours, minutes=7))
    # One correction and one update waiting for its head, as on a real day.
    corrected = LiveUpdate.objects.filter(event=event, place="مرز چذابه").first()
    actions.do_correct_update(users["rahdari-head"], corrected, kind="border", place="مرز چذابه",
                              text="مرز چذابه روان است؛ زمان انتظار حدود ۲۵ دقیقه.")
    actions.do_post_update(users["rail-staff"], event, agency_id=agencies["rail"].pk, kind="service",
                           place="ایستگاه اندیمشک", text="توقف قطار زائران در ایستگاه اندیمشک ۲۰ دقیقه است.")
    for kind, name, keeper, changes in BOARD:
        entity = actions.do_add_entity(dabir, council.pk, kind=kind, name=name, agency_id=agencies[keeper].pk,
                                       event_id=event.pk)
        for hours, state, wait, figure, note in changes:
            actions.do_set_status(users[f"{keeper}-head"], entity, state=state, wait_minutes=wait, figure=figure,
                                  note=note, announce=False)
            at = now - dt.timedelta(hours=hours)
            BoardChange.objects.filter(pk=BoardChange.objects.filter(entity=entity).latest("id").pk).update(changed_at=at)
            BoardEntity.objects.filter(pk=entity.pk).update(changed_at=at)
    return event
