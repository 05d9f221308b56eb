"""Sandbox channels in a browser: an item with a photo album published to one sandbox per
platform, each preview drawn as its platform would show it (desktop and phone screenshots)."""

import pytest

from hamafza.distribution import worker
from tests import factories
from tests.browser.conftest import act_as
from tests.distribution.conftest import add_gallery, make_channel, make_image

pytestmark = pytest.mark.browser

PLATFORMS = ("bale", "eitaa", "rubika", "telegram", "email")


@pytest.fixture
def sandboxes(transactional_db, personas, settings):
    settings.DISTRIBUTION = {"CHAT_INTERVAL": 0.0, "TOKEN_INTERVAL": 0.0, "KICK_ON_COMMIT": False, "SEND_CONCURRENCY": 1}
    channels = {p: make_channel(personas.own, kind="sandbox", chat_id="", token="", sandbox_platform=p,
                                name=f"کانال آزمایشی {p}") for p in PLATFORMS}
    item = factories.make_item(personas.own, published=False, title="بهره‌برداری از پل چهارم اهواز",
                               lead="پل چهارم اهواز با حضور استاندار به بهره‌برداری رسید.",
                               body="<p>این پل ترافیک مرکز شهر را سبک می‌کند.</p>", main_image=make_image(personas.own))
    add_gallery(item, personas.own, 2)
    factories.publish_item(item)
    worker.send_due(20)
    return channels


def test_each_platform_preview(page, live_server, personas, sandboxes, screenshot):
    act_as(page, live_server, personas.own_staff)
    for platform, channel in sandboxes.items():
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(f"/workspace/distribution/channels/{channel.pk}/sandbox/")
        screen = page.locator(f".sandbox-{platform}")
        assert screen.count() == 1
        assert "بهره‌برداری از پل چهارم اهواز" in screen.inner_text()
        if platform in ("bale", "telegram"):
            assert page.locator(".sandbox-text b").first.inner_text() == "بهره‌برداری از پل چهارم اهواز"
            assert page.locator(".sandbox-photos img").count() == 3
        elif platform != "email":
            assert page.locator(".sandbox-photos img").count() == 1
        screenshot(page, f"channels-sandbox-{platform}")
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, f"channels-sandbox-{platform}-phone")
