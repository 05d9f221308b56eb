"""Import of journalists from CSV and XLSX: per-row Persian errors (row, column, what is wrong),
nothing saved when any row or the file is broken; the export's file imports back."""

import io

from openpyxl import Workbook

from hamafza.audit.models import AuditEvent
from hamafza.press import actions
from hamafza.press.models import Journalist
from tests.personas import sign_in_verified

HEAD = "نام,رسانه,حوزهٔ کاری,رایانامه,تلفن همراه,شناسهٔ بله,شناسهٔ ایتا,رضایت,تاریخ رضایت,منبع نشانی\n"


def run(press, text: str | bytes, name="a.csv"):
    p = press["p"]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return actions.do_import_journalists(p.own_staff, press["council"], p.own.pk, data, name)


def test_bad_rows_are_named_and_nothing_is_saved(press):
    before = Journalist.objects.count()
    result = run(press, HEAD
                 + "خبرنگار درست,خبرگزاری آزمایشی,راه,good@example.org,09120000011,,,بله,۱۴۰۵/۰۸/۰۱,نشست\n"
                 + "رایانامه بد,,,bad@,,,,خیر,,\n"
                 + "تاریخ بد,,,date@example.org,,,,بله,۱۴۰۵/۰۷/۳۱,\n"
                 + "رسانه ناشناس,رسانهٔ ناموجود,,x@example.org,,,,خیر,,\n"
                 + ",,,nobody@example.org,,,,خیر,,\n"
                 + "همراه بد,,,,۱۲۳,,,خیر,,\n"
                 + "تکراری,,,good@example.org,,,,خیر,,\n")
    assert not result.ok and result.added == 0
    assert Journalist.objects.count() == before
    by_row = {row: (column, message) for row, column, message in result.errors}
    assert set(by_row) == {3, 4, 5, 6, 7, 8}
    assert by_row[3][0] == "رایانامه" and "درستی نیست" in by_row[3][1]
    assert by_row[4][0] == "تاریخ رضایت" and "۳۰ روز" in by_row[4][1]
    assert by_row[5][0] == "رسانه" and "رسانهٔ ناموجود" in by_row[5][1]
    assert by_row[6][0] == "نام"
    assert by_row[7][0] == "تلفن همراه"
    assert by_row[8][0] == "رایانامه" and "۲" in by_row[8][1]
    assert not AuditEvent.objects.filter(action="press.journalists_imported").exists()


def test_broken_files_are_refused_whole(press):
    for data, name in ((b"PK\x03\x04broken", "a.xlsx"), (b"\xff\xfe\x00b", "a.csv"), (b"", "a.csv"),
                       ("نام\n" + "x,\n" * 2500, "big.csv")):
        result = run(press, data, name)
        assert not result.ok and result.errors[0][0] == 0 and result.errors[0][2], name
    result = run(press, "name,email\nA,a@example.org\n")
    assert not result.ok and "«نام»" in result.errors[0][2]


def test_a_good_xlsx_adds_and_updates_by_email(press):
    wb = Workbook()
    ws = wb.active
    ws.append([label for _k, label in actions.COLUMNS])
    ws.append(["خبرنگار تازه", "خبرگزاری آزمایشی", "اقتصادی", "new@example.org", "۰۹۱۲۰۰۰۰۰۲۲", "new_one", "", "بله",
               "1405/08/02", "معرفی"])
    ws.append(["نام تازهٔ یک", "", "", "REPORTER1@example.org", "", "", "", "خیر", "", ""])
    out = io.BytesIO()
    wb.save(out)
    result = run(press, out.getvalue(), "list.xlsx")
    assert result.ok, result.errors
    assert (result.added, result.changed) == (1, 1)
    new = Journalist.objects.get(email="new@example.org")
    assert new.mobile == "09120000022" and new.outlet == press["outlet"] and new.consent_date is not None
    assert Journalist.objects.get(pk=press["ours"][0].pk).name == "نام تازهٔ یک"


def test_the_export_imports_back_unchanged(press):
    p = press["p"]
    data = actions.export_journalists(p.own_staff, press["council"], p.own.pk, "xlsx")
    result = run(press, data, "export.xlsx")
    assert result.ok and (result.added, result.changed) == (0, 3)


def test_a_formula_is_exported_as_text(press):
    p = press["p"]
    j = press["ours"][0]
    actions.do_save_journalist(p.own_staff, press["council"], p.own.pk,
                               {"name": "=HYPERLINK(\"http://evil\")", "email": j.email, "consent": False}, j)
    csv_text = actions.export_journalists(p.own_staff, press["council"], p.own.pk, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text


def test_the_import_page_shows_each_error(client, press):
    p = press["p"]
    sign_in_verified(client, p.own_staff)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("l.csv", (HEAD + "بی‌نشانی,,,,,,,خیر,,\n").encode(), content_type="text/csv")
    response = client.post(f"/workspace/press/import/?council={press['council']}&agency={p.own.pk}", {"file": upload})
    body = response.content.decode()
    assert response.status_code == 400 and "چیزی ذخیره نشد" in body and "دست‌کم یکی" in body and "۲" in body
