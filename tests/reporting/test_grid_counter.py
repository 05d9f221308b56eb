"""The figures sheet updates its counter and its submit button as cells are saved (they used to
stay «۰ پیش‌نویس» and disabled until a reload), and only those who may compile the consolidated
report are offered a link to it (it answered 404 to staff and heads)."""

import re

import pytest
from django.urls import reverse

from tests.personas import sign_in_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("azar_1405")]


def save(client, indicator, month, value):
    return client.post(reverse("workspace:reporting_cell"), {
        "indicator": indicator.id, "year": 1405, "month": month, "value": value, "note": "",
    }, headers={"HX-Request": "true"})


def submit_button(html: str) -> str:
    return re.search(r'<button[^>]*>ارسال برای تأیید مدیر</button>', html).group(0)


def test_saving_a_cell_swaps_in_the_counter_and_wakes_the_submit_button(client, personas, indicator):
    sign_in_verified(client, personas.own_staff)
    page = client.get(reverse("workspace:reporting_grid"), {"agency": personas.own.id}).content.decode()
    assert "۰ پیش‌نویس" in page and "disabled" in submit_button(page)

    html = save(client, indicator, 3, "۲۵۰").content.decode()
    # The cell itself, then the counter and the buttons out of band (htmx swaps them by id).
    assert html.lstrip().startswith('<td class="rg-cell rg-draft')
    counter = re.search(r'<p class="rg-counter" id="rg-counter"[^>]*hx-swap-oob="true"[^>]*>(.*?)</p>', html, re.S)
    assert counter and "۱ پیش‌نویس" in counter.group(1)
    assert 'id="rg-actions" hx-swap-oob="true"' in html
    assert "disabled" not in submit_button(html)

    save(client, indicator, 4, "۳۰۰")
    html = save(client, indicator, 5, "abc").content.decode()  # a refused figure counts nothing
    assert "۲ پیش‌نویس" in html and "عدد نیست" in html


def test_the_head_sees_no_submit_button_in_the_swap_but_the_approval_buttons(client, personas, indicator):
    sign_in_verified(client, personas.own_head)
    html = save(client, indicator, 3, "10").content.decode()
    assert "تأیید مقادیر ارسال‌شده" in html


def test_a_forged_cell_of_another_agency_swaps_nothing(client, personas, indicator):
    sign_in_verified(client, personas.other_staff)
    response = save(client, indicator, 3, "10")
    assert response.status_code in (403, 404) and "rg-counter" not in response.content.decode()


@pytest.mark.parametrize("who", ["own_staff", "own_head"])
def test_staff_and_heads_get_no_dead_report_link(client, personas, indicator, who):
    sign_in_verified(client, getattr(personas, who))
    page = client.get(reverse("workspace:reporting_grid"), {"agency": personas.own.id}).content.decode()
    assert reverse("workspace:reporting_report") not in page


def test_the_secretariat_gets_a_report_link_that_works(client, personas):
    sign_in_verified(client, personas.secretariat)
    page = client.get(reverse("workspace:reporting_grid"), {"agency": personas.own.id}).content.decode()
    link = reverse("workspace:reporting_report")
    assert link in page
    assert client.get(link).status_code == 200
