from decimal import Decimal

import pytest

from hamafza.reporting.models import Indicator

TODAY = (1405, 9)  # 5 Azar 1405: figures up to Azar may be entered


@pytest.fixture
def indicator(personas):
    return Indicator.objects.create(
        agency=personas.own, name="جابه‌جایی مسافر", unit=Indicator.Unit.PASSENGER, aggregation="sum",
        yearly_target=Decimal(1200), is_public=True,
    )


@pytest.fixture
def other_indicator(personas):
    return Indicator.objects.create(agency=personas.other, name="روکش آسفالت", unit=Indicator.Unit.KM, is_public=True)


def council_info(council):
    from hamafza.agencies.registry import get_registry

    return get_registry().councils[council.id]


@pytest.fixture
def azar_1405():
    """5 Azar 1405 (26 November 2026), 10:00 in Tehran."""
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2026, 11, 26, 6, 30, tzinfo=dt.timezone.utc), tick=False):
        yield
