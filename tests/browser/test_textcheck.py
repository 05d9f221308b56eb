"""The editor's Persian text check in Chromium: check the text (with an unsaved change), accept
one suggestion, then all; the unsaved text survives, the link's digits stay; submitting with
suggestions left shows the warning first."""

import re

import pytest

from hamafza.accounts.models import Membership
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests import factories
from tests.personas import PASSWORD, make_user

pytestmark = pytest.mark.browser
BODY = '<p>ما ميخواهيم <a href="https://example.ir/1404/123">گزارش 12 صفحه</a> را بخوانيم.</p>'


@pytest.fixture
def draft(transactional_db):
    sectors = factories.make_sectors()
    agency = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی", sectors=[sectors["urban"]])
    factories.make_council(agency, [])
    staff = make_user("staff-a", first_name="علی", last_name="عساکره")
    Membership.objects.create(user=staff, agency=agency, role=Membership.Role.STAFF)
    item = actions.do_create_draft(staff, agency, {"title": "بازديد مدیرکل از پروژه", "lead": "لید درست است.", "body": BODY})
    return staff, item


def open_editor(page, staff, item):
    """Sign in through the form and land in the item's editor."""
    page.goto(f"/accounts/sign-in/?next=/workspace/news/{item.pk}/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(rf"/workspace/news/{item.pk}/"))


def test_text_check_accept_one_then_all_then_submit(page, draft, screenshot):
    staff, item = draft
    open_editor(page, staff, item)

    # Submitting with suggestions left: the warning, then back to the editor with the check open.
    page.click("form.wf-form button:has-text('ارسال برای تأیید')")
    page.wait_for_selector("text=ارسال در هر حال")
    assert "پیشنهاد پذیرفته‌نشده" in page.content()
    screenshot(page, "textcheck-submit-warning")
    page.click("text=بازگشت به ویرایشگر و بررسی پیشنهادها")
    page.wait_for_selector("#textcheck .tc-row")

    # An unsaved change in the lead, then the check.
    page.fill("textarea[name=lead]", "لید تازهٔ ذخیره‌نشده با كلمه عربي")
    page.click("#tc-sheet [data-textcheck-rerun]")  # the open panel has its own «بررسی دوباره»
    page.wait_for_function("() => document.querySelector('#textcheck .tc-list') && /كلمه/.test(document.querySelector('#textcheck').textContent)")
    rows = page.locator("#textcheck .tc-row").count()
    assert rows >= 5
    screenshot(page, "textcheck-panel")

    # Accept one: the page reloads with the saved text and the check runs again.
    page.locator("#textcheck .tc-row button").first.click()
    page.wait_for_function(f"() => document.querySelectorAll('#textcheck .tc-row').length === {rows - 1}")
    assert page.input_value("textarea[name=lead]").startswith("لید تازهٔ ذخیره‌نشده")
    item.refresh_from_db()
    assert item.lead.startswith("لید تازهٔ ذخیره‌نشده") and item.title == "بازدید مدیرکل از پروژه"

    # Accept all.
    page.click("[data-textcheck-all]")
    page.wait_for_selector("text=پیشنهادی نیست")
    item.refresh_from_db()
    assert 'href="https://example.ir/1404/123"' in item.body
    assert "گزارش ۱۲ صفحه" in item.body and "می‌خواهیم" in item.body
    assert "كلمه" not in item.lead
    screenshot(page, "textcheck-clean")

    # Now the submit goes straight through.
    page.click("form.wf-form button:has-text('ارسال برای تأیید')")
    page.wait_for_selector("text=خبر برای تأیید مدیر فرستاده شد")
    item.refresh_from_db()
    assert item.status == NewsItem.Status.SUBMITTED


def test_staff_search_page(page, draft, screenshot):
    from hamafza.search.indexing import index_item

    staff, item = draft
    index_item(item.pk)
    page.goto("/accounts/sign-in/?next=/workspace/search/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/search/"))
    page.fill("input[name=q]", "بازدید")
    page.click("form.search-form button[type=submit]")
    page.wait_for_selector(".search-hit")
    assert "پیش‌نویس" in page.locator(".search-hit .status").first.text_content()
    screenshot(page, "staff-search")


ISSUE_BODY = (
    "<p>سفرهای اربعین امسال با همکاری پلیس راه برگزار شد و زائران از میدان امام حسین حرکت کردند. "
    "این خانهای قدیمی است. کارشناسان گفتهاند جاده ایذه–دهدز باز است و کارها انجام شدهاند. "
    "اطلاعرسانی درباره برطرف شدن مشکل ، در شبکه های اجتماعی انجام شد.</p>"
)


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1366, 900), ("phone", 390, 844)])
def test_suggestions_panel_is_wide_on_a_desktop_a_bottom_sheet_on_a_phone_and_keyboard_reachable(page, draft, screenshot, name, width, height):
    staff, item = draft
    actions.do_save_draft(staff, item, {"body": ISSUE_BODY}, item.revision)
    page.set_viewport_size({"width": width, "height": height})
    open_editor(page, staff, item)

    # The keyboard reaches the check: focus its button, press Enter.
    page.focus("[data-textcheck-run]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#tc-sheet .tc-row")
    # The sheet has the focus; the question is a question, the names and the en dash are not touched.
    assert page.evaluate("() => document.getElementById('tc-sheet').contains(document.activeElement)")
    sheet = page.locator("#tc-sheet")
    text = sheet.inner_text()
    assert "شاید" in text and "خانه" in text
    assert "امام‌حسین" not in text and "پلیس‌راه" not in text and "ایذه-دهدز" not in text
    assert "سفره" not in text
    box = sheet.bounding_box()
    if name == "desktop":
        assert box["width"] >= 480
    else:
        assert box["width"] == pytest.approx(width, abs=1)
        assert box["y"] + box["height"] == pytest.approx(height, abs=2)
    screenshot(page, f"textcheck-panel-{name}", full_page=False)

    # Tab walks into the rows' buttons; Escape closes the sheet and gives the focus back.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('tc-sheet').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert sheet.is_hidden()
    assert page.evaluate("() => document.activeElement.matches('[data-textcheck-open]')")
