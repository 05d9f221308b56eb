"""Demo figures: plausible monthly values for each demo agency, for 1403, 1404 and 1405 up to
last month. Call `load_demo(agencies, users)` from hamafza.demo.loader with its dicts of agencies
(by key) and users (by username)."""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from .models import Achievement, Indicator, IndicatorValue
from .periods import current_month, month_index

I = Indicator
# key → [(name, unit, direction, aggregation, monthly base, yearly target or None)]
CATALOGUE = {
    "rahshahr": [
        ("طول راه اصلی و بزرگراه احداث‌شده", I.Unit.KM, "higher", "sum", 6, 80),
        ("واحدهای مسکن ملی تحویل‌شده", I.Unit.HOUSING, "higher", "sum", 420, 5500),
        ("پیشرفت فیزیکی طرح‌های راه", I.Unit.PERCENT, "higher", "last", None, 75),
    ],
    "rahdari": [
        ("جابه‌جایی مسافر در ناوگان جاده‌ای", I.Unit.PASSENGER, "higher", "sum", 1_150_000, 14_000_000),
        ("تصادفات فوتی در محورهای برون‌شهری", I.Unit.COUNT, "lower", "sum", 48, 500),
        ("روکش آسفالت محورها", I.Unit.KM, "higher", "sum", 35, 420),
    ],
    "rail": [
        ("جابه‌جایی مسافر ریلی", I.Unit.PASSENGER, "higher", "sum", 160_000, 2_000_000),
        ("بار ریلی حمل‌شده", I.Unit.TONNE, "higher", "sum", 480_000, 6_000_000),
        ("حرکت به‌موقع قطارهای مسافری", I.Unit.PERCENT, "higher", "average", None, 92),
    ],
    "ports": [
        ("تخلیه و بارگیری کالا", I.Unit.TONNE, "higher", "sum", 1_900_000, 24_000_000),
        ("پهلوگیری کشتی", I.Unit.VESSEL, "higher", "sum", 210, 2600),
    ],
    "airports": [
        ("جابه‌جایی مسافر هوایی", I.Unit.PASSENGER, "higher", "sum", 190_000, 2_400_000),
        ("نشست و برخاست پرواز", I.Unit.FLIGHT, "higher", "sum", 1500, 19000),
    ],
    "meteo": [
        ("بارش ماهانهٔ استان", I.Unit.MM, "higher", "sum", 18, None),
        ("هشدارهای هواشناسی صادرشده", I.Unit.COUNT, "higher", "sum", 9, None),
    ],
    "infra": [
        ("پیشرفت فیزیکی آزادراه اهواز–بهبهان", I.Unit.PERCENT, "higher", "last", None, 60),
        ("اعتبار جذب‌شده", I.Unit.RIAL, "higher", "sum", 950, 12_000),
    ],
    "regen": [
        ("محله‌های بازآفرینی‌شده", I.Unit.COUNT, "higher", "sum", 2, 24),
        ("واحدهای مسکونی مقاوم‌سازی‌شده", I.Unit.HOUSING, "higher", "sum", 140, 1800),
    ],
}
# Seasonal weight per Jalali month (Nowruz travel, summer heat, Arbaeen in Mordad/Shahrivar).
SEASON = [1.45, 1.0, 0.95, 1.05, 1.3, 1.35, 0.9, 0.85, 0.9, 0.95, 0.9, 1.1]
RAIN = [0.8, 0.4, 0.05, 0, 0, 0, 0.1, 0.9, 2.2, 2.6, 2.0, 1.4]
ACHIEVEMENTS = {
    "rahshahr": ("افتتاح ۱۲ کیلومتر از بزرگراه اهواز–خرمشهر", "با حضور استاندار، بخش دوم بزرگراه به بهره‌برداری رسید."),
    "rahdari": ("خدمت‌رسانی به زائران اربعین در مرز شلمچه", "۴۰ اکیپ راهداری و ۳۰۰ دستگاه اتوبوس در ایام اربعین مستقر بودند."),
    "rail": ("راه‌اندازی قطار حومه‌ای اهواز–اندیمشک", "قطار حومه‌ای روزانه دو رفت و برگشت مسافر جابه‌جا می‌کند."),
    "ports": ("رکورد تخلیهٔ کالای اساسی در بندر امام خمینی", "بیش از یک میلیون تن کالای اساسی در یک ماه تخلیه شد."),
    "airports": ("پروازهای فوق‌العادهٔ اربعین", "۱۸۰ پرواز فوق‌العاده برای زائران برقرار شد."),
}


def _value(base, unit, month, year_index, rng, aggregation, target):
    if unit == I.Unit.PERCENT:
        if aggregation == "last":  # cumulative progress of a project
            return None
        return Decimal(str(round(min(99.5, 86 + rng.uniform(-4, 5) + year_index), 1)))
    weight = RAIN[month - 1] if unit == I.Unit.MM else SEASON[month - 1]
    growth = 1 + 0.06 * year_index
    raw = base * weight * growth * rng.uniform(0.88, 1.12)
    return Decimal(max(0, round(raw)))


def load_demo(agencies: dict, users: dict) -> int:
    """Create the demo indicators and figures; returns the number of monthly values."""
    rng = random.Random(1405)
    now_y, now_m = current_month()
    last = month_index(now_y, now_m) - 1  # figures up to last month
    now = timezone.now()
    values: list[IndicatorValue] = []
    for key, lines in CATALOGUE.items():
        agency = agencies.get(key)
        if agency is None:
            continue
        staff, head = users.get(f"{key}-staff"), users.get(f"{key}-head")
        sector = agency.sectors.first()
        for order, (name, unit, direction, agg, base, target) in enumerate(lines):
            indicator = Indicator.objects.create(
                agency=agency, name=name, unit=unit, sector=sector, direction=direction, aggregation=agg,
                yearly_target=Decimal(target) if target is not None else None, order=order, is_public=True,
            )
            progress = Decimal(rng.randint(5, 20))
            for year_index, year in enumerate((1403, 1404, 1405)):
                for m in range(1, 13):
                    i = month_index(year, m)
                    if i > last:
                        break
                    v = _value(base, unit, m, year_index, rng, agg, target)
                    if v is None:
                        progress = min(Decimal(100), progress + Decimal(rng.randint(1, 4)))
                        v = progress
                    # The last month is still with the head; the rest is approved.
                    state = IndicatorValue.State.SUBMITTED if i == last else IndicatorValue.State.APPROVED
                    approved = state == IndicatorValue.State.APPROVED
                    values.append(IndicatorValue(
                        indicator=indicator, year=year, month=m, value=v, state=state, entered_by=staff,
                        approved_value=v if approved else None, approved_by=head if approved else None,
                        approved_at=now if approved else None,
                    ))
        if key in ACHIEVEMENTS:
            title, body = ACHIEVEMENTS[key]
            month = 5 if key in ("rahdari", "airports") else max(1, now_m - 2)
            a = Achievement.objects.create(agency=agency, title=title, body=body, year=1405, month=month, created_by=staff)
            a.indicators.set(Indicator.objects.filter(agency=agency)[:1])
            Achievement.objects.create(agency=agency, title=title.replace("۱۲", "۸"), body=body, year=1404,
                                       month=rng.randint(1, 12), created_by=staff)
    IndicatorValue.objects.bulk_create(values, batch_size=1000)
    # Bulk-created figures bypass the approval that draws the charts: draw the agencies' now.
    from . import charts

    years = charts.selectable_years()
    for key in CATALOGUE:
        if key in agencies:
            charts.store(charts.agency_specs(agencies[key].id, years))
    return len(values)
