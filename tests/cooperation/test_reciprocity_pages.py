"""The reciprocity record in the workspace: who sees what, on the known dataset
(reciprocity_factories.make_dataset) built once for the module (reciprocity_once); each test runs in
its own savepoint with its own copy. The cooperation hub's tests are in test_cooperation_hub.py."""

import csv
import io
import re

import pytest

from tests.personas import sign_in_verified

from .reciprocity_once import _built, dataset, personas, world  # noqa: F401  (fixtures over the module's data)

RECORD = "/workspace/cooperation/reciprocity/"
CSV = "/workspace/cooperation/reciprocity/export.csv"
HUB = "/workspace/cooperation/"
ABAN = "?kind=month&year=۱۴۰۵&month=8"

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


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
