"""Photo reports (گزارش تصویری) and video reports (گزارش ویدیویی) are counted apart, since
provincial PR evaluations score them: in the consolidated report, in an agency's activity
figures, and as `kind` on every item of the open API."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from hamafza.council.reports import activity_figures
from hamafza.persian.jalali import TEHRAN
from hamafza.reporting import periods, report
from tests import factories

from .conftest import council_info

pytestmark = pytest.mark.django_db
ABAN = dt.datetime(2026, 11, 1, 12, 0, tzinfo=TEHRAN)  # 10 Aban 1405


@pytest.fixture
def items(personas):
    own, other = personas.own, personas.other
    for n, kind in enumerate(["news", "photo_report", "photo_report", "video_report"]):
        factories.make_item(own, kind=kind, published_at=ABAN + dt.timedelta(hours=n))
    factories.make_item(other, kind="video_report", published_at=ABAN)
    factories.make_item(own, kind="video_report", published=False)  # a draft counts nowhere
    factories.make_item(own, kind="photo_report", published_at=ABAN - dt.timedelta(days=40))  # Mehr: outside Aban


def test_the_consolidated_report_counts_photo_and_video_reports(personas, items):
    data = report.build(council_info(personas.council), periods.month(1405, 8))
    sections = {s.agency.id: s for s in data["sections"]}
    own, other = sections[personas.own.pk], sections[personas.other.pk]
    assert (own.led, own.photo_reports, own.video_reports) == (4, 2, 1)
    assert (other.led, other.photo_reports, other.video_reports) == (1, 0, 1)
    assert (data["totals"]["photo_reports"], data["totals"]["video_reports"]) == (2, 2)
    html = render_to_string("reporting/_report_body.html", data)
    assert "۲ گزارش تصویری و ۱ گزارش ویدیویی" in html


def test_activity_figures_count_them_apart(personas, items):
    figures = activity_figures(personas.own.pk, dt.date(2026, 10, 23), dt.date(2026, 11, 21))
    assert (figures["items_published"], figures["photo_reports_published"], figures["video_reports_published"]) == (4, 2, 1)


def test_the_api_says_each_items_kind(client, personas, items):
    from tests.portal.helpers import HOST

    response = client.get("/api/v1/news", HTTP_HOST=HOST)
    assert response.status_code == 200
    kinds = sorted(r["kind"] for r in response.json()["results"])
    assert kinds == ["news", "photo_report", "photo_report", "photo_report", "video_report", "video_report"]


def test_the_api_gives_an_items_video_and_aparat_link(client, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.portal.helpers import HOST
    from tests.videos import clip

    item = factories.make_item(personas.own, published=False, kind="video_report", aparat="abc12")
    video = factories.store_video(item, SimpleUploadedFile("clip.mp4", clip(2)))
    factories.publish_item(item)
    data = client.get(f"/api/v1/news/{item.pk}", HTTP_HOST=HOST).json()
    assert data["kind"] == "video_report" and data["aparat_url"] == "https://www.aparat.com/v/abc12"
    assert data["video"]["url"].endswith(video.file.name) and data["video"]["poster_url"].endswith(".poster.jpg")
    assert (data["video"]["content_type"], data["video"]["duration_seconds"]) == ("video/mp4", 2)
