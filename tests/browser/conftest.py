"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium); nothing downloads a
browser. Each test gets a fresh page on pytest-django's live server; screenshots go to
test-results/screenshots/."""

import os
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HAMAFZA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

# Playwright's sync API keeps an event loop in the test thread; the ORM calls that tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium is missing at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fa-IR", timezone_id="Asia/Tehran", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, full_page: bool = True) -> Path:
        from tests.browser.a11y import AXE_RUNS

        started = time.monotonic()
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        AXE_RUNS["shots"] = AXE_RUNS.get("shots", 0) + 1
        AXE_RUNS["shot_seconds"] = AXE_RUNS.get("shot_seconds", 0.0) + time.monotonic() - started
        return path

    return take


def act_as(page, live_server, user) -> None:
    """Continue in the browser as `user`, signed in and past the second factor (a session made by
    the test client, handed to the browser as its cookie)."""
    from django.test import Client

    from tests.personas import sign_in_verified

    client = Client()
    sign_in_verified(client, user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def pytest_terminal_summary(terminalreporter):
    from tests.browser.a11y import AWAITING_HITS, AXE_RUNS

    if AXE_RUNS["checks"]:
        terminalreporter.write_line(
            f"axe-core: {AXE_RUNS['checks']} checks on {len(AXE_RUNS['pages'])} distinct pages; "
            f"serious/critical violations fail the test ({AXE_RUNS['axe_seconds']:.0f} s in axe; "
            f"{AXE_RUNS['links']} links crawled in {AXE_RUNS['crawl_seconds']:.0f} s; "
            f"{AXE_RUNS.get('shots', 0)} screenshots in {AXE_RUNS.get('shot_seconds', 0):.0f} s; "
            f"tap targets measured on {AXE_RUNS.get('tap_pages', 0)} phone layouts)"
        )
    for reason, paths in sorted(AWAITING_HITS.items()):
        terminalreporter.write_line(f"link awaiting a fix on another branch — {reason}: {', '.join(sorted(paths))}")
