"""The staff and head jobs with the keyboard alone (Tab, Shift+Tab, Enter, Space, typing): staff
writes and submits, the head returns it with a comment, staff fixes and resubmits, the head
publishes. Every element that takes the focus on the way shows it (a computed outline or
box-shadow while it matches :focus-visible), and each page passes axe."""

from __future__ import annotations

import re

import pytest

from hamafza.newsroom.models import NewsItem
from tests import factories
from tests.browser.a11y import check_axe, focus_ring
from tests.browser.conftest import act_as

pytestmark = pytest.mark.browser
MAX_TABS = 120


def tab_to(page, name: str | re.Pattern, seen: list | None = None, back: bool = False) -> dict:
    """Press Tab until the focused element's text is `name`; every stop must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        ring = focus_ring(page)
        if ring["tag"] == "body":
            continue
        assert ring["visible"], f"focus not visible on <{ring['tag']}> «{ring.get('text')}»: {ring}"
        if seen is not None:
            seen.append(ring["text"])
        text = ring.get("text") or ""
        if (name.search(text) if isinstance(name, re.Pattern) else text == name):
            return ring
    raise AssertionError(f"«{name}» not reached with {MAX_TABS} Tabs; focus went through: {seen}")


def type_into(page, label: str, text: str) -> None:
    tab_to(page, re.compile(label))
    page.keyboard.type(text)


def test_write_return_fix_publish_by_keyboard(page, browser, live_server, personas):
    staff, head = personas.own_staff, personas.own_head
    item = factories.make_item(personas.own, title="پیش‌نویس با صفحه‌کلید", published=False,
                               lead="لید نخستین این خبر.")
    url = f"/workspace/news/{item.pk}/"

    # Staff: from the desk to the editor by keyboard, add to the lead, submit.
    act_as(page, live_server, staff)
    page.goto("/workspace/news/")
    check_axe(page, "keyboard: news list")
    tab_to(page, "پیش‌نویس با صفحه‌کلید")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/workspace/news/{item.pk}/$"))
    check_axe(page, "keyboard: editor (staff)")
    page.locator("textarea[name=lead]").focus()  # start of the form; the Tab walk goes on from here
    page.keyboard.press("End")
    page.keyboard.type(" با صفحه‌کلید افزوده شد.")
    page.wait_for_function("() => /ذخیره شد ساعت/.test(document.querySelector('#save-state').textContent)")
    tab_to(page, "ارسال برای تأیید")
    page.keyboard.press("Enter")
    sent = page.get_by_text("خبر برای تأیید مدیر فرستاده شد")
    anyway = page.get_by_role("button", name="ارسال در هر حال")
    sent.or_(anyway).first.wait_for()
    if anyway.count():
        anyway.focus()
        assert focus_ring(page)["visible"]
        page.keyboard.press("Enter")
    sent.wait_for()
    assert NewsItem.objects.get(pk=item.pk).status == NewsItem.Status.SUBMITTED

    # Head: returns it with a comment (the <details> opens with Enter on its summary).
    head_context = browser.new_context(base_url=live_server.url, locale="fa-IR", viewport={"width": 1366, "height": 900})
    head_page = head_context.new_page()
    act_as(head_page, live_server, head)
    head_page.goto(url)
    check_axe(head_page, "keyboard: editor (head)")
    tab_to(head_page, "بازگرداندن برای اصلاح")
    head_page.keyboard.press("Enter")
    head_page.keyboard.press("Tab")
    assert focus_ring(head_page)["visible"]
    head_page.keyboard.type("لطفاً منبع آمار را بنویسید.")
    tab_to(head_page, "بازگرداندن به نویسنده")
    head_page.keyboard.press("Enter")
    head_page.wait_for_selector("text=خبر با توضیح شما به نویسنده برگشت")
    assert NewsItem.objects.get(pk=item.pk).status == NewsItem.Status.RETURNED

    # Staff fixes and resubmits.
    page.goto(url)
    page.locator("textarea[name=lead]").focus()
    page.keyboard.press("End")
    page.keyboard.type(" منبع: مرکز آمار استان.")
    page.wait_for_function("() => /منبع: مرکز آمار/.test(document.querySelector('textarea[name=lead]').value)")
    page.wait_for_function("() => /ذخیره شد ساعت/.test(document.querySelector('#save-state').textContent)")
    tab_to(page, "ارسال برای تأیید")
    page.keyboard.press("Space")
    sent.or_(anyway).first.wait_for()
    if anyway.count():
        anyway.focus()
        page.keyboard.press("Space")
    sent.wait_for()

    # Head publishes with Enter.
    head_page.goto(url)
    tab_to(head_page, "تأیید و انتشار")
    head_page.keyboard.press("Enter")
    head_page.wait_for_selector("text=خبر منتشر شد")
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED and "مرکز آمار" in item.lead
    head_context.close()
