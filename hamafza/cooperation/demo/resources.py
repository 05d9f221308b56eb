"""The demo council's shared resources and their bookings: each agency shares two to four
resources (photographers, drone operators, video crews, studios, a translator, equipment), and
about twenty bookings lie across the past and the coming weeks. Days are computed from the day the
demo is loaded (moved to the resource's next working day), so it never goes stale. Everything is
written through hamafza.cooperation.resources."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hamafza.accounts.models import Membership
from hamafza.agencies.registry import get_registry
from hamafza.persian import jalali

from .. import resources
from ..errors import CooperationError
from ..models import Need, Resource

K = Resource.Kind
WORKWEEK = [0, 1, 2, 3, 4]  # Saturday – Wednesday
ALL_BUT_FRIDAY = [0, 1, 2, 3, 4, 5]

# agency key → (kind, capability, name, skills, description, weekdays, hours, contact)
RESOURCES: dict[str, list[tuple]] = {
    "rahshahr": [
        (K.PERSON, Need.PHOTOGRAPHER, "محمدرضا چنانی، عکاس خبری",
         "عکاسی خبری و مراسم، دوربین Canon R6، لنزهای ۲۴–۷۰ و ۷۰–۲۰۰", "", WORKWEEK, (8, 15),
         "دفتر روابط عمومی، داخلی ۲۱۴"),
        (K.STUDIO, Need.STUDIO, "استودیوی گفت‌وگوی ساختمان مرکزی",
         "دو دوربین ثابت، نورپردازی سه‌نقطه‌ای، میکروفون یقه‌ای، ظرفیت چهار نفر",
         "طبقهٔ دوم ساختمان مرکزی اداره کل، خیابان پاسداران اهواز؛ برای گفت‌وگوی ویدئویی و پادکست.",
         WORKWEEK, (9, 14), "نرگس موسوی"),
        (K.EQUIPMENT, Need.EQUIPMENT, "دوربین فیلمبرداری Sony FX6 با سه‌پایه و میکروفون",
         "تصویربرداری 4K، باتری برای شش ساعت", "تحویل و بازگرداندن در دفتر روابط عمومی.", WORKWEEK, (8, 15),
         "علی عساکره"),
    ],
    "rahdari": [
        (K.PERSON, Need.DRONE, "حسین ساکی‌زاده، اپراتور پهپاد",
         "پهپاد DJI Mavic 3 Enterprise، مجوز پرواز، تصویر هوایی 4K از محورها و پل‌ها", "", ALL_BUT_FRIDAY, (7, 17),
         "مرکز مدیریت راه‌ها، ۰۶۱۳۲۲۲۰۰۰۰"),
        (K.PERSON, Need.VIDEO_CREW, "گروه تصویربرداری سیار راهداری",
         "دو تصویربردار، خودروی آفرود، پوشش محورهای برون‌شهری", "برای پوشش میدانی در جاده‌ها و راهدارخانه‌ها.",
         ALL_BUT_FRIDAY, (7, 16), "زهرا نیسی"),
    ],
    "rail": [
        (K.PERSON, Need.TRANSLATOR, "ندا کعبی، مترجم عربی و انگلیسی",
         "ترجمهٔ همزمان و کتبی، خبر و بیانیه", "", WORKWEEK, (8, 14), "فاطمه کعبی"),
        (K.PERSON, Need.PHOTOGRAPHER, "جواد نیسی، عکاس",
         "عکاسی صنعتی و سفرهای رسانه‌ای با قطار", "", WORKWEEK, (7, 15), "دفتر روابط عمومی راه‌آهن جنوب"),
    ],
    "ports": [
        (K.PERSON, Need.VIDEO_CREW, "گروه تصویربرداری بندر امام خمینی",
         "سه نفر، تصویربرداری اسکله و کشتی، تدوین همان روز", "", WORKWEEK, (7, 15), "مریم قنواتی"),
        (K.EQUIPMENT, Need.EQUIPMENT, "قایق تندرو برای تصویربرداری دریایی",
         "ظرفیت شش نفر با ناخدا، جلیقهٔ نجات", "فقط در هوای مساعد؛ هماهنگی یک روز پیش.", [0, 1, 2, 3], (8, 13),
         "رضا دشتی"),
    ],
    "airports": [
        (K.PERSON, Need.DESIGNER, "مینا حیدری، طراح گرافیک",
         "اینفوگرافیک، پوستر و موشن‌گرافیک کوتاه", "", WORKWEEK, (8, 16), "لیلا طاهری"),
        (K.STUDIO, Need.STUDIO, "سالن کنفرانس فرودگاه بین‌المللی اهواز",
         "ظرفیت شصت نفر، ویدئوپروژکتور، سامانهٔ صوت", "برای نشست خبری و همایش؛ ورود از ترمینال پروازهای داخلی.",
         ALL_BUT_FRIDAY, (8, 18), "سعید حیدری"),
    ],
    "meteo": [
        (K.PERSON, Need.DESIGNER, "امیر شریفی، طراح اینفوگرافیک هواشناسی",
         "نقشه و نمودار آب‌وهوایی، اینفوگرافیک هشدار", "", WORKWEEK, (8, 14), "امیر شریفی"),
        (K.STUDIO, Need.STUDIO, "استودیوی پیش‌بینی هوا (پردهٔ کروماکی)",
         "پردهٔ سبز، تله‌پرامپتر، یک دوربین", "", WORKWEEK, (9, 13), "پروین زارعی"),
    ],
    "infra": [
        (K.PERSON, Need.DRONE, "رامین شریفی، اپراتور پهپاد",
         "تصویر هوایی پروژه‌های عمرانی، گزارش پیشرفت", "", WORKWEEK, (7, 15), "سارا کریمی"),
        (K.PERSON, Need.PHOTOGRAPHER, "کاوه جعفری، عکاس پروژه‌ها",
         "عکاسی معماری و پیشرفت کار", "", WORKWEEK, (8, 15), "سارا کریمی"),
    ],
    "regen": [
        (K.PERSON, Need.PHOTOGRAPHER, "یاسر بختیاری، عکاس مستند شهری",
         "عکاسی بافت فرسوده و محله‌ها", "", WORKWEEK, (8, 14), "الهام رضایی"),
        (K.EQUIPMENT, Need.EQUIPMENT, "کیف پخش زنده LiveU و دو میکروفون بی‌سیم",
         "پخش زنده از محل با سیم‌کارت‌های چندگانه", "", ALL_BUT_FRIDAY, (8, 16), "محسن بختیاری"),
        (K.PERSON, Need.OTHER, "نرگس رضایی، گوینده و مجری",
         "اجرای نشست خبری و گویندگی گزارش ویدئویی", "", [0, 1, 2], (9, 13), "الهام رضایی"),
    ],
}

# (owner key, resource index, booking agency key, days from today, start hour, hours, purpose)
BOOKINGS = [
    ("rahshahr", 0, "rahdari", -20, 9, 3, "عکاسی آیین بهره‌برداری از راهدارخانهٔ شوش"),
    ("rahshahr", 1, "meteo", -16, 10, 2, "گفت‌وگوی ویدئویی دربارهٔ بارش‌های پاییزی"),
    ("rahdari", 0, "rahshahr", -13, 8, 3, "تصویر هوایی قطعهٔ دوم بزرگراه اهواز–خرمشهر"),
    ("rahdari", 0, "infra", -9, 9, 4, "تصویر هوایی پیشرفت ورزشگاه"),
    ("rail", 0, "ports", -8, 9, 3, "ترجمهٔ بیانیهٔ همکاری با هیئت عراقی"),
    ("ports", 0, "rail", -6, 8, 5, "پوشش ورود نخستین قطار باری به اسکله"),
    ("airports", 1, "rahshahr", -5, 10, 2, "نشست خبری مدیرکل با اصحاب رسانه"),
    ("meteo", 1, "airports", -3, 9, 2, "ضبط گزارش تأخیر پروازها در گردوغبار"),
    ("rahshahr", 0, "airports", -2, 10, 2, "عکاسی رونمایی از ترمینال جدید"),
    ("rahdari", 1, "rail", 1, 8, 4, "پوشش میدانی تقاطع غیرهمسطح ریلی"),
    ("rahshahr", 0, "rahdari", 2, 9, 2, "عکاسی افتتاح پل روستایی کارون"),
    ("rahshahr", 2, "regen", 2, 10, 3, "فیلمبرداری جلسهٔ بازآفرینی محلهٔ عامری"),
    ("rahdari", 0, "rahshahr", 3, 8, 2, "تصویر هوایی پروژهٔ مسکن ملی"),
    ("rail", 0, "airports", 4, 10, 2, "ترجمهٔ همزمان نشست با شرکت هواپیمایی"),
    ("airports", 0, "meteo", 5, 9, 4, "طراحی اینفوگرافیک هشدار گردوغبار"),
    ("ports", 1, "rahshahr", 7, 9, 3, "تصویربرداری از دریا برای مستند هفتهٔ حمل و نقل"),
    ("regen", 1, "rahdari", 8, 10, 3, "پخش زنده از محور اهواز–اندیمشک"),
    ("infra", 0, "rail", 9, 8, 2, "تصویر هوایی ایستگاه جدید راه‌آهن"),
    ("meteo", 1, "rahshahr", 10, 10, 2, "ضبط پیام روز ملی حمل و نقل"),
    ("rahshahr", 1, "ports", 12, 9, 2, "گفت‌وگوی ویدئویی مدیرکل بنادر"),
    ("regen", 2, "rahshahr", 14, 10, 2, "اجرای نشست خبری هفتهٔ حمل و نقل"),
    ("infra", 1, "regen", 16, 9, 3, "عکاسی پیشرفت مدرسه‌سازی"),
]


def _person(people: dict, key: str, agency_id: int):
    for username in (f"{key}-staff", f"{key}-head"):
        user = people.get(username)
        if user is not None and Membership.objects.filter(user=user, agency_id=agency_id).exists():
            return user
    return None


def _agency_of(people: dict, key: str, members: set[int]) -> int | None:
    head = people.get(f"{key}-head")
    if head is None:
        return None
    agency_id = Membership.objects.filter(user=head).values_list("agency_id", flat=True).first()
    return agency_id if agency_id in members else None


def _working_day(day: dt.date, weekdays: list[int], forward: bool) -> dt.date:
    for _step in range(7):
        if resources.jalali_weekday(day) in weekdays:
            return day
        day += dt.timedelta(days=1 if forward else -1)
    return day


def load(council, people: dict) -> dict:
    info = get_registry().councils.get(council.pk)
    members = set(info.member_ids) if info else set()
    agencies: dict[str, int] = {}
    shared: dict[str, list[Resource]] = {}
    for key, rows in RESOURCES.items():
        agency_id = _agency_of(people, key, members)
        head = people.get(f"{key}-head")
        if agency_id is None:
            continue
        agencies[key] = agency_id
        shared[key] = [
            resources.add_resource(head, agency_id, kind=kind, capability=capability, name=name, skills=skills,
                                   description=description, weekdays=weekdays, day_start=dt.time(hours[0]),
                                   day_end=dt.time(hours[1]), contact=contact)
            for kind, capability, name, skills, description, weekdays, hours, contact in rows
        ]
    now = timezone.now()
    today = jalali.to_tehran(now).date()
    made = 0
    for owner, index, booker, days, hour, hours, purpose in BOOKINGS:
        if owner not in shared or booker not in agencies or index >= len(shared[owner]):
            continue
        resource = shared[owner][index]
        user = _person(people, booker, agencies[booker])
        if user is None:
            continue
        day = _working_day(today + dt.timedelta(days=days), resource.weekdays, forward=days > 0)
        if day == today:
            day = _working_day(day + dt.timedelta(days=1), resource.weekdays, forward=True)
        start = dt.datetime.combine(day, dt.time(hour), tzinfo=jalali.TEHRAN)
        at = start - dt.timedelta(days=4) if start < now else None
        try:
            resources.book(user, resource, agencies[booker], start, start + dt.timedelta(hours=hours), purpose, now=at)
        except CooperationError:
            continue  # two rows landed on the same slot after moving to a working day
        made += 1
    return {"resources": sum(len(v) for v in shared.values()), "bookings": made}
