"""Demo data of the council: campaigns, proposals, meetings, resolutions, tasks, reports.

Dates are computed from the day the demo is loaded, so it never goes stale: the next
Transportation Week (25 Azar – 1 Dey) being planned with proposals in every state, the previous
one completed with its news, the last Arbaeen (from the `holidays` package) a completed campaign,
and two council meetings — the latest is the meeting of the seed story.

Called by hamafza/demo/loader.py: `load_demo(councils, agencies, users)` with the loader's dicts
(council key → Council, agency key → Agency, username → User). Everything goes through the
council's checked actions, on behalf of real people: the secretariat («dabir») runs the council,
each agency's head proposes and reports for it. Only the back-dated states of past tasks (done
last month, cancelled) are written directly, as no action moves time.
"""

from __future__ import annotations

import datetime as dt

import holidays as holidays_lib
from django.utils import timezone

from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali

from . import actions
from .models import ProgramProposal, Task

P = ProgramProposal.Status


def _j(year: int, month: int, day: int) -> dt.date:
    return jalali.jalali_to_gregorian(year, month, day)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=jalali.TEHRAN)


def transportation_weeks(today: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """(next or current, previous) Transportation Week: 25 Azar – 1 Dey."""
    year = jalali.to_jalali(today).year
    current = (_j(year, 9, 25), _j(year, 10, 1))
    if current[1] < today:
        year += 1
        current = (_j(year, 9, 25), _j(year, 10, 1))
    return current, (_j(year - 1, 9, 25), _j(year - 1, 10, 1))


def last_arbaeen(today: dt.date) -> dt.date:
    days = []
    for year in (today.year - 1, today.year):
        days += [d for d, name in holidays_lib.country_holidays("IR", years=year, language="fa_IR").items() if "اربعین" in name]
    past = [d for d in days if d <= today]
    return max(past) if past else _j(1405, 5, 13)


def _latest_items(agency, limit: int) -> list[NewsItem]:
    return list(NewsItem.objects.filter(lead_agency=agency, status=NewsItem.Status.PUBLISHED).order_by("-published_at")[:limit])


def load_demo(councils: dict, agencies: dict, users: dict) -> dict:
    council = councils["khz"]
    a = agencies
    dabir = users["dabir"]

    def head(key: str):
        """The agency's head, or the secretariat where the demo has no head for it."""
        return users.get(f"{key}-head") or dabir
    today = jalali.to_tehran(timezone.now()).date()
    (week_start, week_end), (prev_start, prev_end) = transportation_weeks(today)
    members = [a[k] for k in ("rahshahr", "rahdari", "rail", "ports", "airports", "meteo", "infra", "regen") if k in a]

    # --- The Transportation Week being planned ---
    week = actions.create_campaign(
        dabir, council=council, title=f"هفته حمل و نقل {jalali.to_jalali(week_start).year}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        start_date=week_start, end_date=week_end,
        description="برنامه‌های مشترک دستگاه‌های زیرمجموعه وزارت راه و شهرسازی در خوزستان به مناسبت روز ملی حمل و نقل (۲۶ آذر).",
        hashtags="هفته_حمل_و_نقل خوزستان_همه_شقوق روز_ملی_حمل_و_نقل",
        key_messages="خوزستان از معدود استان‌هایی است که همه شقوق حمل و نقل را دارد.\n"
                     "گزارش عملکرد به مردم از همه ظرفیت‌های ارتباطی.\nدستگاه‌ها جزیره‌ای کار نمی‌کنند.",
        agencies=members,
    )
    plans = [
        ("rahshahr", "نشست خبری مدیرکل راه و شهرسازی با اصحاب رسانه", 0, (10, 0), "سالن همایش‌های اداره کل", P.APPROVED),
        ("rahdari", "بازدید خبرنگاران از راهدارخانه‌ها و مرکز مدیریت راه‌ها", 1, (9, 30), "مرکز مدیریت راه‌های استان", P.APPROVED),
        ("rail", "سفر رسانه‌ای با قطار اهواز – بندر امام", 1, (7, 0), "ایستگاه راه‌آهن اهواز", P.APPROVED),
        ("ports", "روز درهای باز بندر امام خمینی", 2, (10, 0), "بندر امام خمینی", P.PROPOSED),
        ("airports", "نمایشگاه عکس «پرواز از خوزستان»", 3, (16, 0), "فرودگاه بین‌المللی اهواز", P.CHANGES_REQUESTED),
        ("meteo", "کارگاه هواشناسی جاده‌ای برای رانندگان", 4, (10, 0), "پایانه مسافربری اهواز", P.PROPOSED),
        ("infra", "افتتاح نمادین قطعه‌ای از آزادراه", 5, (11, 0), "", P.DECLINED),
        ("regen", "گزارش تصویری بازآفرینی محله‌های اهواز", 6, None, "", P.APPROVED),
    ]
    for key, title, offset, time, place, status in plans:
        if key not in a:
            continue
        proposal = actions.propose_program(
            head(key), campaign=week, agency=a[key], title=title, date=week_start + dt.timedelta(days=offset),
            start_time=dt.time(*time) if time else None, place=place,
            coverage_needed="عکاس و تصویربردار از دستگاه‌های همکار" if offset % 2 else "",
        )
        if status != P.PROPOSED:
            note = {P.CHANGES_REQUESTED: "ساعت را با برنامه راه‌آهن هماهنگ کنید.", P.DECLINED: "افتتاح در این هفته قطعی نیست."}.get(status, "")
            actions.review_proposal(dabir, proposal, status, note)

    # --- The previous one, completed with its news ---
    prev = actions.create_campaign(
        dabir, council=council, title=f"هفته حمل و نقل {jalali.to_jalali(prev_start).year}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        start_date=prev_start, end_date=prev_end, hashtags="هفته_حمل_و_نقل",
        description="پویش مشترک سال گذشته.", agencies=members,
    )
    for offset, key in enumerate(("rahshahr", "rahdari", "rail", "ports")):
        if key in a:
            proposal = actions.propose_program(head(key), campaign=prev, agency=a[key], title=f"برنامه {a[key].short_name} در هفته حمل و نقل",
                                               date=prev_start + dt.timedelta(days=offset), start_time=dt.time(10, 0))
            actions.review_proposal(dabir, proposal, P.APPROVED)
            for item in _latest_items(a[key], 1):
                actions.tag_item(dabir, prev, item)

    # --- The last Arbaeen ---
    arbaeen = last_arbaeen(today)
    arb = actions.create_campaign(
        dabir, council=council, title="اربعین حسینی", start_date=arbaeen - dt.timedelta(days=12), end_date=arbaeen + dt.timedelta(days=5),
        description="اطلاع‌رسانی هماهنگ تردد زائران از مرزهای شلمچه و چذابه با همه شقوق حمل و نقل.",
        hashtags="اربعین شلمچه چذابه", key_messages="تردد ایمن زائران\nاطلاع‌رسانی لحظه‌ای وضعیت راه‌ها", agencies=members,
    )
    for offset, (key, title) in enumerate([("rahdari", "پوشش لحظه‌ای تردد در مرز شلمچه"), ("rail", "قطارهای فوق‌العاده اربعین"),
                                           ("airports", "پروازهای ویژه زائران"), ("meteo", "پیش‌بینی ویژه مسیرهای پیاده‌روی")]):
        if key in a:
            proposal = actions.propose_program(head(key), campaign=arb, agency=a[key], title=title, date=arbaeen - dt.timedelta(days=8 - offset * 2))
            actions.review_proposal(dabir, proposal, P.APPROVED)
    for key in ("rahdari", "rail"):
        if key in a:
            for item in _latest_items(a[key], 1):
                actions.tag_item(dabir, arb, item)

    # --- The earlier meeting (before Arbaeen): its tasks are done, late or cancelled ---
    early = actions.create_meeting(dabir, council=council, title="نشست هماهنگی اطلاع‌رسانی اربعین",
                                   starts_at=_at(arbaeen - dt.timedelta(days=20), 10), place="اداره کل راه و شهرسازی خوزستان",
                                   invited=members)
    actions.add_agenda_item(dabir, early, "هماهنگی پوشش خبری مرزهای شلمچه و چذابه")
    actions.add_attendee(dabir, early, name="نرگس موسوی", title="رئیس اداره ارتباطات و اطلاع‌رسانی راه و شهرسازی خوزستان", agency=a["rahshahr"])
    actions.save_minutes(dabir, early, "<p>برنامه اطلاع‌رسانی اربعین مرور شد و وظایف دستگاه‌ها تعیین شد.</p>")
    r1 = actions.add_resolution(dabir, early, "هر دستگاه روزانه گزارش تردد زائران در حوزه خود را منتشر کند.",
                                [(a["rahdari"], arbaeen - dt.timedelta(days=5)), (a["rail"], arbaeen - dt.timedelta(days=5))])
    actions.add_resolution(dabir, early, "تولید یک نماهنگ مشترک از خدمات اربعین.", [(a["regen"], arbaeen - dt.timedelta(days=3))])
    for task in Task.objects.filter(resolution__meeting=early):
        done_at = _at(task.deadline - dt.timedelta(days=1), 12) if task.agency_id != a["rail"].pk else _at(task.deadline + dt.timedelta(days=4), 12)
        evidence = (_latest_items(task.agency, 1) or [None])[0]
        reporter = head("rahdari" if task.agency_id == a["rahdari"].pk else "rail" if task.agency_id == a["rail"].pk else "regen")
        actions.post_progress(reporter, task, note="گزارش‌ها منتشر شد.", evidence_item=evidence)
        Task.objects.filter(pk=task.pk).update(status=Task.Status.DONE, done_at=done_at)
    Task.objects.filter(resolution=r1).exclude(agency=a["rahdari"]).exclude(agency=a["rail"]).update(status=Task.Status.CANCELLED)
    Task.objects.filter(resolution__meeting=early, agency=a["regen"]).update(status=Task.Status.CANCELLED)

    # --- The meeting of the seed story ---
    seed = actions.create_meeting(
        dabir, council=council, title="نشست شورای هماهنگی روابط عمومی‌های دستگاه‌های وزارت راه و شهرسازی در خوزستان",
        starts_at=_at(today - dt.timedelta(days=1), 10), place="سالن جلسات اداره کل راه و شهرسازی خوزستان",
        invited=members,
    )
    actions.add_agenda_item(dabir, seed, "گزارش برنامه‌های تدوین‌شده برای هفته حمل و نقل", a["rahshahr"])
    for key in ("rahdari", "rail", "ports"):
        actions.add_agenda_item(dabir, seed, f"گزارش عملکرد روابط عمومی {a[key].short_name}", a[key], asks_report=True)
    actions.add_attendee(dabir, seed, name="امید زمانی", title="رئیس اداره ارتباطات و اطلاع‌رسانی اداره کل راه و شهرسازی خوزستان",
                         agency=a["rahshahr"],
                         quote="برای تبیین دستاوردها و ارائه گزارش عملکرد به مردم می‌بایست از تمامی ظرفیت‌های ارتباطی موثر در جامعه بهره گیری کنیم.")
    actions.add_attendee(dabir, seed, name="امیر طرفیانی", title="مدیرکل روابط عمومی و امور بین‌الملل استانداری خوزستان",
                         quote="دستگاه‌ها نباید به صورت جزیره‌ای کار کنند بلکه تعامل بین دستگاهی می‌تواند کیفیت کار اطلاع‌رسانی دستاوردهای دولت را افزایش دهد.")
    for key in ("rahdari", "rail", "ports", "airports"):
        person = users.get(f"{key}-head")
        if person is not None:
            actions.add_attendee(dabir, seed, name=person.get_full_name(), title=f"{person.title} {a[key].short_name}",
                                 agency=a[key], person=person)
    actions.save_minutes(dabir, seed, (
        "<p>رئیس شورا گزارش مبسوطی از برنامه‌های تدوین‌شده برای هفته حمل و نقل ارائه کرد و بر هم‌افزایی دستگاه‌ها در انتشار اخبار و تولید محتوا تأکید کرد.</p>"
        "<p>مدیران روابط عمومی ادارات کل ضمن ارائه گزارش عملکرد، برنامه‌های پیشنهادی خود برای هفته حمل و نقل را ارائه کردند.</p>"
    ))
    deadline = week_start - dt.timedelta(days=5)
    actions.add_resolution(dabir, seed, "برنامه‌های پیشنهادی هفته حمل و نقل نهایی و در سامانه ثبت شود.",
                           [(a[k], deadline) for k in ("ports", "meteo", "airports")])
    actions.add_resolution(dabir, seed, "هر دستگاه در انتشار اخبار هفته حمل و نقل دستگاه‌های دیگر را یاری کند و دست‌کم سه خبر همکار را بازنشر کند.",
                           [(a[k], week_end) for k in ("rahdari", "rail")])
    actions.add_resolution(dabir, seed, "کمبودهای سخت‌افزاری و نرم‌افزاری دستگاه‌ها (عکاس، طراح) فهرست و میان دستگاه‌ها تقسیم شود.",
                           [(a["infra"], today + dt.timedelta(days=3))])
    # States: one in progress, one overdue from the earlier cycle.
    ip = Task.objects.filter(resolution__meeting=seed, agency=a["ports"]).first()
    if ip is not None:
        actions.post_progress(head("ports"), ip, note="دو برنامه پیشنهادی آماده است.")
    actions.create_task(dabir, council=council, title="ارسال گزارش عملکرد ماه گذشته به دبیرخانه", agency=a["meteo"],
                        deadline=today - dt.timedelta(days=3))
    period_start = today - dt.timedelta(days=30)
    for key in ("rahdari", "rail", "ports"):
        report = actions.draft_activity_report(dabir, seed, a[key], period_start, today - dt.timedelta(days=1))
        if key == "rahdari":
            actions.save_report_text(head(key), report, "پوشش کامل طرح‌های راهداری زمستانی و تردد اربعین.", "ایجاد بانک مشترک عکس دستگاه‌ها.")
    return {"campaigns": 3, "meetings": 2, "tasks": Task.objects.filter(council=council).count()}
