"""A consolidated report of a period nobody reported on says so (it used to be a page of zeros),
and its PDF cannot be asked for."""

import pytest
from django.urls import reverse

from hamafza.reporting import actions
from tests.personas import sign_in_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("azar_1405")]


def test_a_period_without_figures_shows_an_empty_state(client, personas, indicator):
    sign_in_verified(client, personas.secretariat)
    html = client.get(reverse("workspace:reporting_report"), {"kind": "year", "year": "۱۳۹۰"}).content.decode()
    assert "برای این دوره هنوز رقمی ثبت و تأیید نشده است" in html
    assert "شاخص‌ها: ۰" not in html and '<td class="num">—</td>' not in html
    assert 'disabled aria-describedby="report-empty"' in html


def test_a_period_with_figures_shows_them(client, personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1404, 3, "250")
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    sign_in_verified(client, personas.secretariat)
    html = client.get(reverse("workspace:reporting_report"), {"kind": "year", "year": "۱۴۰۴"}).content.decode()
    assert "برای این دوره هنوز رقمی" not in html and "۲۵۰" in html
    # The agency did nothing with the council that year: one sentence says so, not a run of zeros.
    assert "در این دوره خبر، همراهی، بازنشر یا کمکی از این دستگاه ثبت نشده است" in html
    assert "۰ خبر منتشرشده به عنوان دستگاه اصلی" not in html
