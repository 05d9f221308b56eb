"""Demo history of help requests on the Khuzestan council: about sixteen requests over the last
three months — photographers, drone operators, crews, designers, a studio, a translator — most
delivered with notes of who did what and linked to the asking agency's news item, a few expired
or cancelled, one arranged for next week, and two still open for the demo users to act on
(one asked by راه و شهرسازی with offers waiting, one asked by راهداری that the others can offer on).

Everything is written through hamafza.cooperation.helprequests (audit events and notices are
real); then the request, offer and delivery times are moved back to the days they would have
happened, the past ones expire through the expiry job, and the old history's notices are read."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hamafza.accounts.models import Membership
from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem
from hamafza.notifications.models import Notification
from hamafza.persian import jalali

from .. import helprequests
from ..models import HelpOffer, HelpRequest, Need, Resource

N = Need
# (job day offset from today, asker key, need, title, place, description, outcome,
#  [(helper key, offer text, accepted, delivered note)], start hour, end hour)
# Outcomes: delivered, expired, cancelled, arranged (future), open (future).
PLAN: list[tuple] = [
    (-86, "rahshahr", N.DRONE, "تصویر هوایی از پیشرفت آزادراه اهواز ـ بندر امام", "قطعهٔ دوم آزادراه، کیلومتر ۴۵",
     "برای گزارش پیشرفت فیزیکی پروژه، ده دقیقه تصویر هوایی از قطعهٔ دوم لازم داریم.", "delivered",
     [("rahdari", "اپراتور پهپاد ما، آقای ساکی‌زاده، با Mavic 3 می‌آید.", True,
       "آقای ساکی‌زاده ۱۲ دقیقه تصویر هوایی 4K و ۳۰ عکس هوایی از قطعهٔ دوم گرفت."),
      ("infra", "رامین شریفی می‌تواند بعدازظهر بیاید.", False, "")], 9, 12),
    (-79, "rahdari", N.PHOTOGRAPHER, "عکاس برای مانور زمستانی راهداری در گردنهٔ ایذه", "راهدارخانهٔ ایذه",
     "مانور آمادگی زمستانی با حضور معاون استاندار؛ عکس خبری و پرتره از راهداران.", "delivered",
     [("rahshahr", "عکاس خبری ما، آقای چنانی، در دسترس است.", True,
       "آقای چنانی ۸۵ عکس از مانور و ۱۲ پرتره از راهداران تحویل داد.")], 8, 13),
    (-72, "rail", N.TRANSLATOR, "مترجم عربی برای بازدید هیئت راه‌آهن عراق", "ایستگاه راه‌آهن اهواز",
     "ترجمهٔ همزمان بازدید و نشست خبری؛ متن بیانیهٔ پایانی هم به عربی لازم است.", "delivered",
     [("ostandari", "مترجم عربی روابط عمومی استانداری می‌آید.", True,
       "ترجمهٔ همزمان دو ساعته و ترجمهٔ بیانیهٔ پایانی به عربی انجام شد.")], 10, 13),
    (-66, "ports", N.VIDEO_CREW, "گروه تصویربرداری برای ورود نخستین کشتی کانتینری سال", "اسکلهٔ ۳۱ بندر امام خمینی",
     "", "expired", [], 7, 11),
    (-58, "airports", N.DESIGNER, "طراحی اینفوگرافیک آمار پروازهای اربعین", "",
     "اینفوگرافیک عمودی برای شبکه‌های اجتماعی با آمار مسافران و پروازهای فوق‌العاده.", "delivered",
     [("meteo", "طراح اینفوگرافیک ما، آقای شریفی، دو روزه آماده می‌کند.", True,
       "آقای شریفی دو اینفوگرافیک عمودی و یک نسخهٔ افقی برای درگاه تحویل داد."),
      ("rahshahr", "اگر لازم شد، طراح ما هم هست.", False, "")], None, None),
    (-51, "meteo", N.STUDIO, "استودیو برای ضبط گفت‌وگوی ویدئویی هشدار گردوغبار", "",
     "گفت‌وگوی ده‌دقیقه‌ای مدیرکل دربارهٔ پدیدهٔ گردوغبار برای پخش در درگاه و پیام‌رسان‌ها.", "delivered",
     [("rahshahr", "استودیوی گفت‌وگوی ساختمان مرکزی از ۹ تا ۱۲ در اختیار شماست.", True,
       "استودیو و یک تصویربردار از راه و شهرسازی؛ گفت‌وگو ضبط و همان روز تدوین شد.")], 9, 12),
    (-44, "regen", N.PHOTOGRAPHER, "عکاس برای آیین کلنگ‌زنی مسکن محلهٔ عامری", "محلهٔ عامری اهواز",
     "", "cancelled", [("infra", "کاوه جعفری می‌آید.", False, "")], 10, 12),
    (-37, "infra", N.DRONE, "تصویر هوایی از ایستگاه جدید راه‌آهن اندیمشک", "ایستگاه اندیمشک",
     "تصویر هوایی برای گزارش پایان عملیات سازه‌ای ایستگاه.", "delivered",
     [("rahdari", "آقای ساکی‌زاده صبح در اندیمشک است.", True,
       "هشت دقیقه تصویر هوایی و ۲۰ عکس از ایستگاه؛ پرواز با مجوز فرودگاه انجام شد.")], 8, 10),
    (-30, "rahshahr", N.VIDEO_CREW, "گروه تصویربرداری برای افتتاح پل چهارم کارون", "پل چهارم، اهواز",
     "افتتاح با حضور وزیر؛ دو دوربین برای آیین و یک دوربین برای گفت‌وگوهای کوتاه.", "delivered",
     [("rahdari", "گروه تصویربرداری سیار ما با دو تصویربردار می‌آید.", True,
       "گروه سیار راهداری آیین را با دو دوربین ضبط کرد؛ گزارش سه‌دقیقه‌ای تدوین شد."),
      ("ports", "گروه بندر می‌تواند گفت‌وگوهای کوتاه را بگیرد.", True,
       "گروه بندر امام شش گفت‌وگوی کوتاه با مردم و مسئولان ضبط کرد.")], 9, 12),
    (-23, "amoozesh", N.PHOTOGRAPHER, "عکاس برای بازگشایی مدرسه‌های ساخته‌شده در طرح مهر", "شوشتر",
     "", "expired", [("regen", "شاید بتوانیم؛ تا فردا خبر می‌دهیم.", False, "")], 8, 11),
    (-16, "rahdari", N.DESIGNER, "طراح برای پوستر طرح زمستانی راهداری", "",
     "پوستر و استوری دربارهٔ شماره‌های اضطراری و وضعیت محورها در زمستان.", "delivered",
     [("airports", "مینا حیدری، طراح گرافیک ما، این هفته وقت دارد.", True,
       "خانم حیدری پوستر چاپی، استوری و نسخهٔ درگاه را تحویل داد.")], None, None),
    (-9, "rail", N.PHOTOGRAPHER, "عکاس برای سفر رسانه‌ای با قطار اهواز ـ بندر امام", "ایستگاه راه‌آهن اهواز",
     "سفر خبرنگاران با قطار؛ عکس از مسیر و گفت‌وگو با مسافران.", "delivered",
     [("rahshahr", "آقای چنانی همراه سفر می‌شود.", True,
       "آقای چنانی ۶۰ عکس از سفر، ایستگاه‌ها و مسافران گرفت.")], 7, 12),
    (-4, "ports", N.TRANSLATOR, "مترجم انگلیسی برای نشست با هیئت کشتیرانی", "ساختمان ادارهٔ کل بنادر",
     "", "cancelled", [], 10, 12),
    (6, "meteo", N.DRONE, "تصویر هوایی از پوشش برف در ارتفاعات ایذه", "ارتفاعات ایذه",
     "برای گزارش ویژهٔ بارش‌ها؛ پرواز صبح زود، در صورت هوای مساعد.", "arranged",
     [("rahdari", "آقای ساکی‌زاده با پهپاد Mavic 3 در دسترس است.", True, "")], 7, 9),
    (8, "rahshahr", N.PHOTOGRAPHER, "عکاس برای بازدید استاندار از طرح نهضت ملی مسکن", "سایت مسکن ملی کوت عبدالله",
     "بازدید استاندار و نشست خبری در محل پروژه؛ عکس خبری و چند عکس هوایی از سایت.", "open",
     [("rahdari", "عکاس ما و اپراتور پهپاد با هم می‌آیند.", False, ""),
      ("regen", "یاسر بختیاری، عکاس مستند شهری، آن روز آزاد است.", False, "")], 10, 12),
    (11, "rahdari", N.VIDEO_CREW, "گروه تصویربرداری برای گزارش ویژهٔ هفتهٔ حمل و نقل", "محور اهواز ـ اندیمشک",
     "گزارش ویدئویی پنج‌دقیقه‌ای از کار شبانهٔ راهداران؛ یک تصویربردار و یک صدابردار.", "open", [], 18, 22),
]


def _agency(people: dict, key: str, members: set[int]) -> int | None:
    for role in ("head", "staff"):
        user = people.get(f"{key}-{role}")
        if user is not None:
            agency_id = Membership.objects.filter(user=user).values_list("agency_id", flat=True).first()
            return agency_id if agency_id in members else None
    return None


def _person(people: dict, key: str):
    return people.get(f"{key}-staff") or people.get(f"{key}-head")


def _resource(agency_id: int, need: str) -> Resource | None:
    return Resource.objects.filter(agency_id=agency_id, capability=need, retired_at__isnull=True).first()


def _item(agency_id: int, day: dt.date, used: set[int]) -> NewsItem | None:
    published = NewsItem.objects.filter(lead_agency_id=agency_id, status=NewsItem.Status.PUBLISHED).exclude(pk__in=used)
    after = dt.datetime.combine(day, dt.time(0), tzinfo=jalali.TEHRAN)
    return (published.filter(published_at__gte=after).order_by("published_at").first()
            or published.order_by("-published_at").first())


def load(council, people: dict) -> dict:
    from hamafza.agencies.models import Agency

    info = get_registry().councils.get(council.pk)
    members = set(info.member_ids) if info else set()
    now = timezone.now()
    today = jalali.to_tehran(now).date()
    used: set[int] = set()
    counts: dict[str, int] = {}
    open_ids: list[int] = []
    for offset, asker_key, need, title, place, description, outcome, offers, start, end in PLAN:
        asking_id, asker = _agency(people, asker_key, members), _person(people, asker_key)
        helpers = [(key, _agency(people, key, members), _person(people, key), text, accepted, note)
                   for key, text, accepted, note in offers]
        helpers = [h for h in helpers if h[1] is not None and h[2] is not None and h[1] != asking_id]
        if asking_id is None or asker is None:
            continue
        past = offset < 0
        day = today + dt.timedelta(days=offset)
        if day.weekday() == 4:  # Friday, the weekend: the working day next to it
            day += dt.timedelta(days=-1 if past else 1)
        start_time = dt.time(start) if start is not None else None
        end_time = dt.time(end) if end is not None else None
        # Past jobs are asked for a day ahead and moved back afterwards (the actions refuse the past).
        ask_day = today + dt.timedelta(days=10) if past else day
        deadline = (jalali.to_tehran(now) + dt.timedelta(hours=6) if past
                    else dt.datetime.combine(day - dt.timedelta(days=2), dt.time(14), tzinfo=jalali.TEHRAN))
        hr = helprequests.ask(
            asker, council=council, agency=Agency.objects.get(pk=asking_id), need=need, title=title,
            description=description, place=place, day=ask_day, start_time=start_time, end_time=end_time, deadline=deadline,
        )
        made = []
        for key, agency_id, person, text, accepted, note in helpers:
            resource = None if past else _resource(agency_id, need)
            made.append((helprequests.offer(person, hr, agency=Agency.objects.get(pk=agency_id), text=text,
                                            resource=resource), accepted, note))
        if outcome in ("delivered", "arranged") and not any(accepted for _offer, accepted, _note in made):
            outcome = "expired" if past else "open"  # its helper is not on this council
        if outcome in ("delivered", "arranged"):
            for offer, accepted, _note in made:
                if accepted:
                    helprequests.accept_offer(asker, offer)
        if outcome == "delivered":
            for offer, accepted, note in made:
                if accepted and note:
                    helprequests.record_delivery(asker, offer, note)
            item = _item(asking_id, day, used)
            if item is not None:
                used.add(item.pk)
                helprequests.link_item(asker, hr, item)
            helprequests.mark_delivered(asker, hr)
        elif outcome == "cancelled":
            helprequests.cancel(asker, hr, "برنامه به زمان دیگری موکول شد.")
        if outcome == "open":
            open_ids.append(hr.pk)
        if past:
            asked_at = dt.datetime.combine(day - dt.timedelta(days=5), dt.time(9, 30), tzinfo=jalali.TEHRAN)
            HelpRequest.objects.filter(pk=hr.pk).update(
                day=day, created_at=asked_at, updated_at=asked_at + dt.timedelta(days=6),
                deadline=dt.datetime.combine(day - dt.timedelta(days=2), dt.time(14), tzinfo=jalali.TEHRAN),
            )
            for n, (offer, _accepted, note) in enumerate(made):
                offered_at = asked_at + dt.timedelta(hours=3 + 5 * n)
                HelpOffer.objects.filter(pk=offer.pk).update(
                    created_at=offered_at,
                    responded_at=offered_at + dt.timedelta(hours=20) if outcome != "expired" else None,
                    delivered_at=(dt.datetime.combine(day, dt.time(17), tzinfo=jalali.TEHRAN) if note and outcome == "delivered"
                                  else None),
                )
        counts[outcome] = counts.get(outcome, 0) + 1
    helprequests.expire_due(now=now)
    # The old history's notices are read; those of the open requests stay new.
    open_urls = [f"/workspace/cooperation/help/{pk}/" for pk in open_ids]
    Notification.objects.filter(kind__in=["help_request", "help_offer", "help_accepted", "coop_expired"],
                                url__startswith="/workspace/cooperation/help/", read_at__isnull=True).exclude(
        url__in=open_urls).update(read_at=now)
    return {"help_requests": sum(counts.values()), **counts}
