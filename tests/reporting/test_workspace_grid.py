"""The figures sheet in the workspace: entry, submission, approval, import — and the boundaries
between agencies and roles, checked on the server."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from hamafza.reporting import actions, xlsx
from hamafza.reporting.models import IndicatorValue
from tests.personas import sign_in_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("azar_1405")]
V = IndicatorValue.State
GRID = "workspace:reporting_grid"


def post_cell(client, indicator, month, value, year=1405, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("workspace:reporting_cell"), {
        "indicator": indicator.id, "year": year, "month": month, "value": value, "note": "",
    }, headers=headers)


def test_staff_see_their_sheet_with_persian_months(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    response = client.get(reverse(GRID), {"agency": personas.own.id, "year": "۱۴۰۵"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "فروردین" in html and "اسفند" in html and indicator.name in html and "۱۴۰۵" in html


def test_a_cell_saves_persian_digits_and_shows_them(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    response = post_cell(client, indicator, 8, "۱۲٬۳۰۰")
    assert response.status_code == 200
    assert 'value="۱۲٬۳۰۰"' in response.content.decode()
    assert IndicatorValue.objects.get().value == Decimal(12300)


def test_bad_cells_answer_in_persian_and_keep_the_figure(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    post_cell(client, indicator, 8, "100")
    for month, text, message in [(8, "۱۰۰ تن", "عدد نیست"), (8, "-1", "منفی"), (12, "5", "هنوز نرسیده")]:
        if month == 12:
            # A future month has no input at all; a forged request is still refused.
            assert 'name="month" value="12"' not in client.get(reverse(GRID), {"agency": personas.own.id}).content.decode()
        response = post_cell(client, indicator, month, text)
        assert response.status_code == 200 and message in response.content.decode()
    assert [(v.month, v.value) for v in IndicatorValue.objects.all()] == [(8, Decimal(100))]


def test_submit_then_head_approves(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    post_cell(client, indicator, 1, "10")
    client.post(reverse("workspace:reporting_submit"), {"agency": personas.own.id, "year": 1405})
    assert IndicatorValue.objects.get().state == V.SUBMITTED
    # Staff may not approve.
    assert client.post(reverse("workspace:reporting_approve"), {"agency": personas.own.id, "year": 1405}).status_code == 403
    sign_in_verified(client, personas.own_head)
    client.post(reverse("workspace:reporting_approve"), {"agency": personas.own.id, "year": 1405})
    assert IndicatorValue.objects.get().state == V.APPROVED


def test_another_agency_cannot_see_or_write(client, personas, indicator):
    sign_in_verified(client, personas.other_staff)
    assert client.get(reverse(GRID), {"agency": personas.own.id}).status_code == 404
    assert post_cell(client, indicator, 1, "10").status_code == 404
    assert client.post(reverse("workspace:reporting_submit"), {"agency": personas.own.id}).status_code == 404
    assert client.get(reverse("workspace:reporting_export"), {"agency": personas.own.id}).status_code == 404
    assert not IndicatorValue.objects.exists()


def test_observers_read_but_change_nothing(client, personas, indicator):
    sign_in_verified(client, personas.observer)
    response = client.get(reverse(GRID), {"agency": personas.own.id})
    assert response.status_code == 200 and "rg-input" not in response.content.decode()
    assert post_cell(client, indicator, 1, "10").status_code == 403
    assert client.post(reverse("workspace:reporting_approve"), {"agency": personas.own.id}).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_get_is_not_allowed_on_writes(client, personas):
    sign_in_verified(client, personas.own_staff)
    assert client.get(reverse("workspace:reporting_submit")).status_code == 405


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse(GRID)).status_code == 302


def test_import_with_a_bad_cell_lists_it_and_saves_nothing(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    post_cell(client, indicator, 1, "100")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.export(personas.own.id, 1405)))
    wb.active["E4"] = "دویست"
    out = io.BytesIO()
    wb.save(out)
    out.name = "figures.xlsx"
    out.seek(0)
    response = client.post(reverse("workspace:reporting_import"), {"agency": personas.own.id, "year": 1405, "file": out})
    assert response.status_code == 400
    html = response.content.decode()
    assert "E۴" in html and "عدد نیست" in html
    assert [(v.month, v.value) for v in IndicatorValue.objects.all()] == [(1, Decimal(100))]


def test_export_is_an_xlsx(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "7")
    response = client.get(reverse("workspace:reporting_export"), {"agency": personas.own.id, "year": 1405})
    assert response.status_code == 200 and response.content[:2] == b"PK"
