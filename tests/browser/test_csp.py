"""No page breaks under the Content-Security-Policy: Chromium reports no violation on the portal
home, an article, the performance dashboard's charts, the API docs, the workspace desk and the
news editor (with text typed into the rich editor)."""

import pytest

from hamafza.accounts.models import Membership
from tests import factories
from tests.browser.conftest import act_as
from tests.browser.test_dashboard import figures  # noqa: F401  (the dashboard's fixture)
from tests.personas import make_user

pytestmark = pytest.mark.browser

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.fixture
def world(transactional_db):
    sectors = factories.make_sectors()
    head = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی", sectors=[sectors["urban"]])
    factories.make_council(head, [])
    article = factories.make_item(head, title="خبر سنجش سیاست امنیت محتوا", sectors=[sectors["urban"]])
    draft = factories.make_item(head, title="پیش‌نویس سنجش ویرایشگر", published=False)
    staff = make_user("csp-staff", first_name="علی", last_name="عساکره")
    Membership.objects.create(user=staff, agency=head, role=Membership.Role.STAFF)
    return {"article": article, "draft": draft, "staff": staff}


@pytest.fixture
def violations(page):
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(RECORD)

    def collected() -> list[str]:
        return console + page.evaluate("window.__csp || []")

    return collected


def visit(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")


def test_portal_pages_run_without_violations(page, world, violations):
    for path in ["/", world["article"].get_absolute_url()]:
        visit(page, path)
        assert violations() == [], path
    assert page.locator("h1").first.is_visible()


def test_the_api_docs_render_under_the_policy(page, world, violations):
    visit(page, "/api/docs")
    page.wait_for_selector(".swagger-ui .information-container")
    assert violations() == []


def test_workspace_desk_and_editor_run_without_violations(page, live_server, world, violations):
    act_as(page, live_server, world["staff"])
    visit(page, "/workspace/")
    assert violations() == []
    visit(page, f"/workspace/news/{world['draft'].pk}/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("متن تازه در ویرایشگر")
    assert "متن تازه در ویرایشگر" in editor.inner_text()
    # tiptap's base styles arrived from the static file, not from an inline <style>.
    assert page.evaluate("getComputedStyle(document.querySelector('.ProseMirror')).whiteSpace") in {"pre-wrap", "break-spaces"}
    assert violations() == []


def test_the_dashboard_charts_run_without_violations(page, figures, violations):
    road, indicator = figures
    visit(page, "/dashboard/")
    page.get_by_role("link", name=road.name).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"#indicator-{indicator.id} svg").is_visible()
    # The year switch submits its form from core/behaviours.js (no inline handler).
    years = page.locator("select[name=year] option").all_inner_texts()
    if len(years) > 1:
        with page.expect_navigation():
            page.select_option("select[name=year]", index=1)
    assert violations() == []
