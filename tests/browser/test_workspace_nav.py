"""The workspace's main menu in a browser: one row at 1366 and 1280 px (six sections and the two
groups «انتشار» and «سنجش»), the current page marked inside its group, a group opened and closed
with the keyboard alone (with script: Escape; without: the <details> itself), and on a 390 px phone
a group's list shown whole over the scrolling row. Targets of at least 24 px, text of at least
14 px, zero serious or critical axe findings. Screenshots go to docs/images/workspace-nav/."""

from pathlib import Path

import pytest

from .a11y import check_axe, focus_ring, tap_targets
from .conftest import act_as

pytestmark = pytest.mark.browser
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "workspace-nav"
WIDE, LAPTOP, PHONE = {"width": 1366, "height": 600}, {"width": 1280, "height": 600}, {"width": 390, "height": 700}

# The entries of the main menu and the top bar as laid out: rows, smallest target, smallest text.
LAYOUT_JS = """() => {
  const bar = document.querySelector('.topbar'), nav = bar.querySelector('.mainnav');
  const shown = (el) => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'; };
  const entries = [...nav.querySelectorAll(':scope > a, :scope > details > summary')].filter(shown);
  const rows = new Set(entries.map(e => Math.round(e.getBoundingClientRect().top)));
  const parts = [...bar.children].filter(shown);
  const barRows = new Set(parts.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
  const targets = [...nav.querySelectorAll('a, summary')].filter(shown);
  return {entries: entries.map(e => e.innerText.trim()), rows: rows.size, barRows: barRows.size,
          barHeight: bar.getBoundingClientRect().height,
          minHeight: Math.min(...targets.map(e => e.getBoundingClientRect().height)),
          minWidth: Math.min(...targets.map(e => e.getBoundingClientRect().width)),
          minFont: Math.min(...targets.map(e => parseFloat(getComputedStyle(e).fontSize))),
          scrolls: nav.scrollWidth > nav.clientWidth + 1};
}"""


def layout(page) -> dict:
    return page.evaluate(LAYOUT_JS)


def group(page, label: str):
    return page.locator(".mainnav details.navgroup", has=page.locator("summary", has_text=label))


def is_open(page, label: str) -> bool:
    return group(page, label).evaluate("d => d.open")


def shoot(page, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / f"{name}.png"), clip={"x": 0, "y": 0, "width": page.viewport_size["width"],
                                                             "height": 320})


def test_the_menu_fits_one_row_and_its_groups_open_with_the_keyboard(page, live_server, transactional_db, personas):
    act_as(page, live_server, personas.own_staff)  # sees every area of the menu
    page.goto("/workspace/press/")
    for name, size in (("1366", WIDE), ("1280", LAPTOP)):
        page.set_viewport_size(size)
        shape = layout(page)
        assert shape["entries"][:6] == ["میز من", "اخبار", "رسانه", "همکاری", "شورا", "رویداد زنده"], shape
        assert len(shape["entries"]) == 8 and shape["entries"][6].startswith("انتشار"), shape
        assert shape["rows"] == 1 and shape["barRows"] == 1 and shape["barHeight"] < 70, (name, shape)
        assert shape["minHeight"] >= 24 and shape["minWidth"] >= 24 and shape["minFont"] >= 14, (name, shape)
        check_axe(page, f"menu {name}")
        shoot(page, f"menu-{name}-closed")

    # The press office is marked in its group, and the group's label shows it too.
    current = page.locator(".mainnav [aria-current=page]")
    assert current.count() == 1 and current.text_content() == "مطبوعات"
    assert group(page, "انتشار").evaluate("d => d.classList.contains('here')")
    assert "بخش کنونی" in group(page, "انتشار").locator("summary").text_content()
    assert not group(page, "سنجش").evaluate("d => d.classList.contains('here')")

    # Keyboard alone: Tab to the group, Enter opens it, Tab reaches its links, Escape closes it and
    # the focus is back on its label; a second group opened closes the first.
    page.set_viewport_size(LAPTOP)
    page.goto("/workspace/press/")
    for _ in range(20):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        if ring["tag"] == "summary" and ring["text"].startswith("انتشار"):
            break
    else:
        raise AssertionError("the group «انتشار» was not reached with Tab")
    assert ring["visible"], ring
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") in (None, "false")
    page.keyboard.press("Enter")
    assert is_open(page, "انتشار")
    links = group(page, "انتشار").locator("a")
    assert links.all_inner_texts() == ["مجراها", "مطبوعات", "بازتاب"]
    page.keyboard.press("Tab")
    assert focus_ring(page)["text"] == "مجراها" and focus_ring(page)["visible"]
    shape = layout(page)
    assert shape["minHeight"] >= 24 and shape["minFont"] >= 14, shape
    check_axe(page, "menu 1280 open")
    shoot(page, "menu-1280-open")
    page.keyboard.press("Escape")
    assert not is_open(page, "انتشار")
    assert focus_ring(page)["text"].startswith("انتشار")
    page.keyboard.press("Enter")
    assert is_open(page, "انتشار")
    for _ in range(5):  # through its three links to the next group, which takes the focus: the first closes
        page.keyboard.press("Tab")
        if focus_ring(page)["text"].startswith("سنجش"):
            break
    assert not is_open(page, "انتشار")
    page.keyboard.press("Space")
    assert is_open(page, "سنجش")
    assert group(page, "سنجش").locator("a").all_inner_texts() == ["شاخص‌ها", "کارنامه", "دیده‌شدن"]
    page.locator("main h1").first.click()  # a click elsewhere closes it
    assert not is_open(page, "سنجش")

    # A page of the other group: marked there.
    page.goto("/workspace/reach/")
    assert page.locator(".mainnav [aria-current=page]").text_content() == "دیده‌شدن"
    assert group(page, "سنجش").evaluate("d => d.classList.contains('here')")

    # A phone: the row scrolls sideways, the group's list opens over the page and is not clipped.
    page.set_viewport_size(PHONE)
    page.goto("/workspace/reach/")  # the row scrolls to the current page's group
    box = group(page, "سنجش").locator("summary").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    page.goto("/workspace/press/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot = layout(page)
    assert shot["minHeight"] >= 24 and shot["minFont"] >= 14, shot
    summary = group(page, "انتشار").locator("summary")
    summary.scroll_into_view_if_needed()
    summary.click()
    assert is_open(page, "انتشار")
    for link in links.all():
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 24, box
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).innerText", [box["x"] + box["width"] / 2,
                                                                                  box["y"] + box["height"] / 2])
        assert hit == link.inner_text()  # drawn on top, not cut off by the scrolling row
    assert not tap_targets(page, "menu phone open")
    check_axe(page, "menu phone open")
    shoot(page, "menu-phone-open")
    page.keyboard.press("Escape")
    assert not is_open(page, "انتشار")
    assert not tap_targets(page, "menu phone")
    shoot(page, "menu-phone-closed")


def test_without_script_a_group_still_opens_with_the_keyboard(browser, live_server, transactional_db, personas):
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", java_script_enabled=False,
                                  viewport=LAPTOP)
    page = context.new_page()
    try:
        act_as(page, live_server, personas.own_staff)
        page.goto("/workspace/reach/")
        summary = group(page, "سنجش").locator("summary")
        summary.focus()
        page.keyboard.press("Enter")
        assert is_open(page, "سنجش")
        assert group(page, "سنجش").locator("a[aria-current=page]").is_visible()
        page.keyboard.press("Enter")  # on the label again: closed
        assert not is_open(page, "سنجش")
    finally:
        context.close()
