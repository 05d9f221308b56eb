"""The council's loop in a browser: the secretariat records a meeting with one resolution for an
agency; that agency's head sees the task, reports progress with a published item as evidence;
the compliance view shows it done on time."""

import datetime as dt

import pytest

from hamafza.persian import jalali
from tests import factories

from .conftest import act_as
from tests.browser.a11y import walk_step


pytestmark = pytest.mark.browser




def test_meeting_resolution_task_progress_compliance(page, live_server, transactional_db, personas, screenshot):
    evidence = factories.make_item(personas.other, title="بازدید خبرنگاران از راهدارخانه‌های خوزستان")
    today = jalali.to_tehran(dt.datetime.now(dt.timezone.utc)).date()
    deadline = jalali.format_numeric(today + dt.timedelta(days=7))

    act_as(page, live_server, personas.secretariat)
    page.goto("/workspace/council/meetings/")
    page.fill("#m-title", "نشست شورای هماهنگی روابط عمومی‌ها")
    page.fill("#m-date", jalali.format_numeric(today))
    page.fill("#m-time", "۱۰:۰۰")
    page.check(f"input[name=agencies][value='{personas.other.pk}']")
    page.click("text=ثبت نشست")
    page.wait_for_url("**/workspace/council/meetings/*/")
    page.fill("#r-text", "راهداری گزارش تصویری هفته حمل و نقل را منتشر کند.")
    page.check(f"#resolutions input[name=agencies][value='{personas.other.pk}']")
    page.fill("#r-deadline", deadline)
    page.click("text=ثبت مصوبه و ساختن وظایف")
    page.wait_for_selector("text=مصوبه ثبت شد")
    walk_step(page, screenshot, "council-meeting")

    act_as(page, live_server, personas.other_head)
    page.goto("/workspace/council/tasks/mine/")
    page.click("text=راهداری گزارش تصویری هفته حمل و نقل را منتشر کند.")
    page.fill("#t-note", "گزارش تصویری منتشر شد.")
    page.fill("#t-item", live_server.url + evidence.get_absolute_url())
    page.check("input[name=done]")
    page.click("text=ثبت گزارش")
    page.wait_for_selector("text=گزارش پیشرفت ثبت شد")
    assert page.inner_text("#task-status") == "انجام‌شده"
    assert page.is_visible(f"a[href='{evidence.get_absolute_url()}']")
    walk_step(page, screenshot, "council-task-done")

    act_as(page, live_server, personas.secretariat)
    page.goto("/workspace/council/compliance/")
    row = page.locator(f"tr[data-agency='{personas.other.pk}']")
    assert row.locator(".on-time").inner_text() == "۱"
    assert row.locator(".late").inner_text() == "۰"
    walk_step(page, screenshot, "council-compliance", phone=True)
