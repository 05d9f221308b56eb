"""The PR scorecard in a browser: the observer's side-by-side view and an agency's own view, at
desktop (1366×768) and phone (390×844) widths, with axe; the screenshots are kept under
docs/images/scorecard/. The side-by-side table fits a 1366 px screen (no sideways scrolling)."""

from pathlib import Path

import pytest

from hamafza.scorecard import criteria, scoring
from tests.scorecard.fixture import record  # noqa: F401  (fixture)

from .a11y import check_axe
from .conftest import act_as

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parents[2] / "docs" / "images" / "scorecard"
ABAN = "/workspace/scorecard/?kind=month&year=1405&month=8"


def _shots(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    check_axe(page, f"{name} desktop")
    page.screenshot(path=str(DOCS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    check_axe(page, f"{name} phone")
    page.screenshot(path=str(DOCS / f"{name}-phone.png"), full_page=True)


def test_observer_and_agency_views(page, live_server, transactional_db, personas, record):
    p = personas
    p.council.hostname = "localhost"
    p.council.save()

    act_as(page, live_server, p.observer)
    page.goto(ABAN)
    rows = page.locator("#scorecard tbody tr")
    assert rows.count() == 3
    assert rows.first.get_attribute("data-agency") == str(p.own.pk)
    # The built-in criteria give A 76.79 of their 100 weights (tests/scorecard/test_figures.py); reach
    # (10 + 5) and coverage (10) add 25 weights where nobody has a figure yet: 76.79 × 100 / 125.
    assert rows.first.locator("[data-figure=score]").inner_text() == scoring.score_text(round(76.79 * 100 / 125, 1)) == "۶۱٫۴"
    _shots(page, "observer")
    page.set_viewport_size({"width": 1366, "height": 768})
    wrap = page.locator("#scorecard").locator("xpath=..")
    widths = wrap.evaluate("w => [w.scrollWidth, w.clientWidth, document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], f"the table scrolls sideways at 1366 px: {widths}"
    columns = page.locator("#scorecard tbody tr").first.locator("td")
    assert columns.count() == 4 + len(criteria.all_criteria())  # agency, rank, score, trend, each criterion
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("#scorecard thead").is_hidden()  # cards on a phone
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#scorecard tbody tr").nth(1).locator("[data-figure=video_reports] a").click()
    page.wait_for_url("**/items/video_reports/**")
    assert page.locator("#scorecard-items tbody tr").count() == 2
    check_axe(page, "items")

    act_as(page, live_server, p.other_head)
    page.goto(ABAN)
    assert page.locator("[data-agency]").count() == 1
    assert page.locator("[data-figure=score]").inner_text() == scoring.score_text(round(52.5 * 100 / 125, 1))  # 42
    _shots(page, "agency")
