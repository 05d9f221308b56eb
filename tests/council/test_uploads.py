"""Files people upload to the council: task evidence and campaign kit files go through the one
upload validator (hamafza/core/uploads.py): an allow-list by content, a size limit, a generated
name. A refused file is a Persian message on the form, with what was typed kept."""

import pytest
from django.core.files.storage import default_storage

from hamafza.core import uploads
from hamafza.council.models import ContentKitFile, ProgressUpdate
from tests import mediafiles

HTML = b"<!doctype html><html><body><script>fetch('/workspace/')</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def stored_evidence() -> list[str]:
    try:
        return default_storage.listdir("council/evidence")[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize("data, name", [
    (HTML, "report.html"), (HTML, "report.pdf"), (SVG, "chart.svg"), (EXE, "evidence.docx"),
])
def test_evidence_that_is_not_an_allowed_kind_is_refused(client, personas, data, name):
    task = mediafiles.task_of(personas.council, personas.other)
    before = stored_evidence()
    response = mediafiles.post_evidence(client, personas.other_staff, task, data, name, note="گزارش بازدید خبرنگاران")
    assert response.status_code == 400
    page = response.content.decode()
    assert "این نوع پرونده پذیرفته نمی‌شود" in page and "پرونده را دوباره انتخاب کنید" in page
    assert "گزارش بازدید خبرنگاران" in page  # the note is kept
    assert not ProgressUpdate.objects.filter(task=task).exists()
    assert stored_evidence() == before


def test_evidence_over_the_size_limit_is_refused(client, personas):
    task = mediafiles.task_of(personas.council, personas.other)
    big = b"%PDF-1.4\n" + b"0" * (60 * uploads.MB)
    response = mediafiles.post_evidence(client, personas.other_staff, task, big, "big.pdf")
    assert response.status_code == 400
    assert "۵۰ مگابایت" in response.content.decode()
    assert not ProgressUpdate.objects.filter(task=task).exists()


def test_accepted_evidence_is_stored_under_a_generated_name(client, personas):
    task = mediafiles.task_of(personas.council, personas.other)
    update = mediafiles.evidence_of(client, personas.other_staff, task)
    name = update.evidence_file.name
    assert name.startswith("council/evidence/") and name.endswith(".pdf")
    assert "گزارش" not in name
    with default_storage.open(name) as stored:
        assert stored.read() == mediafiles.PDF


def test_a_photo_is_accepted_as_evidence(client, personas):
    task = mediafiles.task_of(personas.council, personas.other)
    response = mediafiles.post_evidence(client, personas.other_staff, task, mediafiles.png_bytes(), "photo.jpg")
    assert response.status_code == 302
    assert ProgressUpdate.objects.get(task=task).evidence_file.name.endswith(".png")  # the kind found, not the name given


def test_a_kit_file_that_is_not_an_allowed_kind_is_refused_and_the_title_kept(client, personas):
    campaign = mediafiles.campaign_of(personas.council)
    response = mediafiles.post_kit_file(client, personas.secretariat, campaign, SVG, "banner.svg", title="بنر هفته حمل و نقل")
    assert response.status_code == 400
    page = response.content.decode()
    assert "این نوع پرونده پذیرفته نمی‌شود" in page
    assert 'value="بنر هفته حمل و نقل"' in page
    assert not ContentKitFile.objects.exists()


def test_an_accepted_kit_file_is_stored_under_a_generated_name(client, personas):
    campaign = mediafiles.campaign_of(personas.council)
    kit = mediafiles.kit_file(client, personas.secretariat, campaign)
    assert kit.file.name.startswith("council/kits/") and kit.file.name.endswith(".pdf")
    assert "banner" not in kit.file.name


def test_an_agency_logo_goes_through_the_same_validator(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hamafza.agencies.admin import AgencyForm

    agency = world["A"]
    form = AgencyForm(instance=agency, files={"logo": SimpleUploadedFile("logo.png", SVG, "image/png")})
    form.is_valid()
    assert "logo" in form.errors
    form = AgencyForm(instance=agency, files={"logo": SimpleUploadedFile("نشان.png", mediafiles.png_bytes())})
    form.is_valid()
    assert "logo" not in form.errors
    assert form.cleaned_data["logo"].name.endswith(".png") and "نشان" not in form.cleaned_data["logo"].name
