"""The catalogue in the workspace: heads define indicators; staff record achievements linked to
their indicators and to their agency's published news — never another agency's."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hamafza.reporting.models import Achievement, Indicator
from tests import factories
from tests.personas import sign_in_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("azar_1405")]
URL = "workspace:reporting_catalogue"


def indicator_data(personas, **extra):
    return {"kind": "indicator", "agency": personas.own.id, "name": "پرواز", "unit": "flight", "direction": "higher",
            "aggregation": "sum", "yearly_target": "۱۲٬۰۰۰", "jump_factor": "۳", "is_public": "on", "order": "۱", **extra}


def test_head_defines_an_indicator_with_persian_digits(client, personas):
    sign_in_verified(client, personas.own_head)
    response = client.post(reverse(URL), indicator_data(personas))
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.agency == personas.own and indicator.yearly_target == Decimal(12000)


def test_staff_and_observers_cannot_define(client, personas):
    for user in (personas.own_staff, personas.observer):
        sign_in_verified(client, user)
        assert client.post(reverse(URL), indicator_data(personas)).status_code == 403
    sign_in_verified(client, personas.other_head)
    assert client.post(reverse(URL), indicator_data(personas)).status_code == 404
    assert not Indicator.objects.exists()


def test_bad_indicator_input_is_a_persian_400(client, personas):
    sign_in_verified(client, personas.own_head)
    response = client.post(reverse(URL), indicator_data(personas, yearly_target="زیاد", name=""))
    assert response.status_code == 400 and "عدد" in response.content.decode()


def test_an_achievement_links_only_own_published_news(client, personas, indicator):
    own_news = factories.make_item(personas.own, title="افتتاح بزرگراه")
    foreign = factories.make_item(personas.other, title="خبر دیگری")
    sign_in_verified(client, personas.own_staff)
    response = client.post(reverse(URL), {
        "kind": "achievement", "agency": personas.own.id, "title": "افتتاح ۱۲ کیلومتر بزرگراه", "body": "شرح",
        "year": "۱۴۰۵", "month": "۸", "indicators": [indicator.id], "news": [own_news.id, foreign.id],
    })
    assert response.status_code == 302
    achievement = Achievement.objects.get()
    assert list(achievement.news_items.all()) == [own_news]
    assert list(achievement.indicators.all()) == [indicator]
    page = client.get(reverse(URL), {"agency": personas.own.id}).content.decode()
    assert "آبان ۱۴۰۵" in page and "افتتاح بزرگراه" in page


def test_a_bad_achievement_month_is_a_persian_400(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = client.post(reverse(URL), {"kind": "achievement", "agency": personas.own.id, "title": "x", "body": "y",
                                          "year": "1405", "month": "سیزده"})
    assert response.status_code == 400 and "ماه" in response.content.decode()
    assert not Achievement.objects.exists()
