"""The site admin's health page in a browser, at desktop and phone widths (screenshots in
test-results/screenshots/)."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from hamafza.core.models import ScheduledJob
from hamafza.distribution.models import Channel

from .conftest import act_as

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height", "name"), [(1366, 900, "health-desktop"), (390, 844, "health-phone")])
def test_the_health_page(page, live_server, personas, screenshot, settings, tmp_path, width, height, name):
    now = timezone.now()
    ScheduledJob.objects.create(name="newsroom.publish_due", next_run_at=now, last_started_at=now - dt.timedelta(seconds=3))
    Channel.objects.create(agency=personas.own, kind=Channel.Kind.MANUAL, name="اینستاگرام اداره", manual_platform="Instagram")
    Channel.objects.create(agency=personas.other, kind=Channel.Kind.MANUAL, name="روبیکا راهداری", manual_platform="Rubika",
                           paused_at=now, pause_reason="سه خطای پیاپی")
    settings.BACKUP_DIR = tmp_path
    archive = tmp_path / "hamafza-backup-14050914.tar"
    archive.write_bytes(b"x" * 4096)
    three_days = (now - dt.timedelta(days=3, hours=2)).timestamp()
    os.utime(archive, (three_days, three_days))
    act_as(page, live_server, personas.admin)
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/workspace/health/")
    assert page.locator("h1").inner_text() == "سلامت سامانه"
    assert page.locator(".hl-card").count() == 9
    assert page.locator("#check-backup.hl-warn").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing wider than a phone
    screenshot(page, name)
