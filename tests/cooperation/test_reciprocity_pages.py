"""The reciprocity record and the cooperation hub in the workspace: who sees what."""

import csv
import datetime as dt
import io
import re

import pytest

from hamafza.accounts.models import Membership
from tests.personas import make_user, sign_in_verified

from .reciprocity_factories import NOW, ask, booking, help_request

RECORD = "/workspace/cooperation/reciprocity/"
CSV = "/workspace/cooperation/reciprocity/export.csv"
HUB = "/workspace/cooperation/"
ABAN = "?kind=month&year=۱۴۰۵&month=8"


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-agency="(\d+)">', page)


def _figure(page: str, agency_id: int, name: str) -> str:
    row = page.split(f'<tr data-agency="{agency_id}">', 1)[1].split("</tr>", 1)[0]
    return re.search(rf'data-figure="{name}"[^>]*>([^<]*)<', row).group(1)


@pytest.mark.parametrize("who", ["secretariat", "observer"])
def test_the_secretariat_and_observers_see_every_agency_of_the_council(client, personas, dataset, who):
    sign_in_verified(client, getattr(personas, who))
    response = client.get(RECORD + ABAN)
    assert response.status_code == 200
    page = response.content.decode()
    assert set(_rows(page)) == {str(personas.own.pk), str(personas.other.pk), str(personas.supporting.pk)}
    assert str(personas.pending_supporting.pk) not in _rows(page)  # D is on no council
    # Persian digits, the median in hours, the council's totals.
    assert _figure(page, personas.other.pk, "amplified_for_others") == "۲"
    assert _figure(page, personas.other.pk, "median_response_seconds") == "۳ ساعت"
    assert _figure(page, personas.own.pk, "requests_sent") == "۴"
    assert 'data-total="requests_sent" data-label="درخواست بازنشر فرستاده">۶<' in page
    assert "آبان ۱۴۰۵" in page


def test_agency_staff_see_their_own_agency_only(client, personas, dataset):
    sign_in_verified(client, personas.other_staff)
    page = client.get(RECORD + ABAN).content.decode()
    assert _rows(page) == [str(personas.other.pk)]
    assert _figure(page, personas.other.pk, "amplified_for_others") == "۲"
    assert "data-total" not in page
    # Asking for another agency's figures through the council parameter changes nothing.
    page = client.get(RECORD + ABAN + f"&council={personas.council.pk}").content.decode()
    assert _rows(page) == [str(personas.other.pk)]


def test_an_agency_on_no_council_sees_nothing_and_anonymous_is_sent_to_sign_in(client, personas, dataset):
    sign_in_verified(client, personas.pending_supporting_staff)
    assert client.get(RECORD).status_code == 404
    assert client.get(CSV).status_code == 404
    assert client.get(HUB).status_code == 404
    client.logout()
    for url in (RECORD, CSV, HUB):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_periods_are_picked_in_jalali_and_bad_input_is_refused_in_persian(client, personas, dataset):
    sign_in_verified(client, personas.secretariat)
    mehr = client.get("?".join([RECORD, "kind=month&year=1405&month=7"])).content.decode()
    assert _figure(mehr, personas.other.pk, "amplified_for_others") == "۱"
    autumn = client.get(RECORD + "?kind=quarter&year=۱۴۰۵&quarter=3").content.decode()
    assert _figure(autumn, personas.other.pk, "amplified_for_others") == "۳" and "پاییز ۱۴۰۵" in autumn
    default = client.get(RECORD).content.decode()  # the current Jalali year
    assert "سال ۱۴۰۵" in default and _figure(default, personas.own.pk, "requests_sent") == "۵"
    bad = client.get(RECORD + "?kind=month&year=۱۴x۵&month=8")
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "سال نادرست است" in text and 'value="۱۴x۵"' in text and "<table" not in text
    assert client.get(RECORD + "?kind=month&year=1405&month=13").status_code == 400
    assert client.get(CSV + "?kind=year&year=99").status_code == 400


def test_the_table_sorts_by_any_figure(client, personas, dataset):
    sign_in_verified(client, personas.secretariat)
    page = client.get(RECORD + ABAN + "&sort=amplified_for_others&dir=desc").content.decode()
    assert _rows(page)[0] == str(personas.other.pk)
    assert 'aria-sort="descending"' in page
    page = client.get(RECORD + ABAN + "&sort=requests_received&dir=asc").content.decode()
    assert _rows(page)[-1] == str(personas.supporting.pk)  # C received three
    assert client.get(RECORD + ABAN + "&sort=password&dir=up").status_code == 200


def test_the_csv_export_follows_the_same_rules(client, personas, dataset):
    sign_in_verified(client, personas.observer)
    response = client.get(CSV + "?kind=month&year=1405&month=8")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["دوره", "دستگاه", "درخواست بازنشر فرستاده"]
    assert len(rows) == 4
    by_name = {r[1]: r for r in rows[1:]}
    b = by_name[personas.other.name]
    assert b[0] == "آبان ۱۴۰۵" and b[2:8] == ["1", "2", "2", "0", "0", "3.0"]
    client.logout()
    sign_in_verified(client, personas.own_staff)
    rows = list(csv.reader(io.StringIO(client.get(CSV + "?kind=month&year=1405&month=8").content.decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == [personas.own.name]


# --- The hub --------------------------------------------------------------------------------------

def test_the_hub_shows_what_waits_for_an_agency_head(client, personas, frozen):
    p = personas
    ask(p.council, p.other, {p.own: ("pending", None)}, created=NOW - dt.timedelta(hours=3),
        deadline=NOW + dt.timedelta(days=1), item=None)
    ask(p.council, p.other, {p.own: ("pending", None)}, created=NOW - dt.timedelta(days=5),
        deadline=NOW - dt.timedelta(days=1))  # past its deadline: nothing to answer any more
    help_request(p.council, p.other, created=NOW - dt.timedelta(hours=1), title="گروه تصویربرداری برای جشنواره")
    help_request(p.council, p.other, created=NOW - dt.timedelta(hours=1), title="درخواست خصوصی برای راه‌آهن",
                 visibility="chosen", asked=[p.supporting])
    mine = help_request(p.council, p.own, created=NOW - dt.timedelta(hours=2), title="مترجم برای نشست خبری",
                        offers={p.supporting: ("offered", False)})
    booking(p.supporting, p.own, starts=NOW + dt.timedelta(days=2), purpose="تصویر هوایی پل")
    booking(p.supporting, p.other, starts=NOW + dt.timedelta(days=3), purpose="رزرو دستگاه دیگر")

    sign_in_verified(client, p.own_head)
    response = client.get(HUB)
    assert response.status_code == 200
    page = response.content.decode()
    to_answer = page.split('id="hub-to-answer"', 1)[1].split("</section>", 1)[0]
    assert to_answer.count('class="item"') == 1 and "پاسخ با مدیر" not in to_answer
    help_open = page.split('id="hub-help"', 1)[1].split("</section>", 1)[0]
    assert "گروه تصویربرداری برای جشنواره" in help_open
    assert "درخواست خصوصی برای راه‌آهن" not in page  # a private request A was not asked
    assert mine.title not in help_open  # its own request is not one to offer on
    offers = page.split('id="hub-offers"', 1)[1].split("</section>", 1)[0]
    assert mine.title in offers
    bookings = page.split('id="hub-bookings"', 1)[1].split("</section>", 1)[0]
    assert "تصویر هوایی پل" in bookings and "رزرو دستگاه دیگر" not in bookings
    assert 'aria-current="page">همکاری<' in page
    assert "/workspace/cooperation/reciprocity/" in page


def test_the_hub_for_staff_a_supporting_agency_and_the_secretariat(client, personas, frozen):
    p = personas
    ask(p.council, p.other, {p.own: ("pending", None)}, created=NOW - dt.timedelta(hours=3),
        deadline=NOW + dt.timedelta(days=1))
    private = help_request(p.council, p.other, created=NOW - dt.timedelta(hours=1), title="درخواست خصوصی برای راه‌آهن",
                           visibility="chosen", asked=[p.supporting])
    sign_in_verified(client, p.own_staff)  # staff see the request, and that their head answers it
    page = client.get(HUB).content.decode()
    assert "پاسخ با مدیر روابط عمومی" in page

    client.logout()
    c_head = make_user("c_head")
    Membership.objects.create(user=c_head, agency=p.supporting, role=Membership.Role.HEAD)
    sign_in_verified(client, c_head)
    page = client.get(HUB).content.decode()
    assert private.title in page  # C was asked
    to_answer = page.split('id="hub-to-answer"', 1)[1].split("</section>", 1)[0]
    assert 'class="item"' not in to_answer  # the request was asked of A, not of C

    client.logout()
    sign_in_verified(client, p.secretariat)
    page = client.get(HUB).content.decode()
    assert 'id="hub-to-answer"' not in page and private.title in page
    assert "درخواست‌های کمک باز در شورا" in page
    assert "امسال در شورا" in page and "<dt>درخواست بازنشر</dt><dd>۱</dd>" in page
