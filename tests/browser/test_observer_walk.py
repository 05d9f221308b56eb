"""The observer's walk (issue 13): a council observer reads the desk, an item, the council
calendar and the figures; every page passes axe and a crawl of its links, and none offers a
control that would change anything (no enabled button in a form that POSTs, except sign-out)."""

import pytest

from tests import factories
from tests.browser.a11y import walk_step
from tests.browser.conftest import act_as

pytestmark = pytest.mark.browser

# POST forms an observer may use: signing out changes nothing in the newsroom.
HARMLESS = ("/accounts/sign-out/",)

WRITE_CONTROLS = """(harmless) => [...document.querySelectorAll('form')]
    .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'post'
                 && !harmless.some(h => (f.getAttribute('action') || '').startsWith(h)))
    .flatMap(f => [...f.querySelectorAll('button, input[type=submit], input[type=image]')]
                  .filter(b => !b.disabled && b.offsetParent !== null && (b.getAttribute('type') || 'submit') === 'submit')
                  .map(b => (f.getAttribute('action') || location.pathname) + ' → ' + (b.innerText || b.value || b.name).trim()))"""


def test_observer_reads_and_changes_nothing(page, live_server, transactional_db, personas, screenshot):
    item = factories.make_item(personas.own, title="آغاز بهسازی محور اهواز ـ خرمشهر")
    act_as(page, live_server, personas.observer)
    pages = [("/workspace/", "observer-desk"), (f"/workspace/news/{item.pk}/", "observer-item"),
             ("/workspace/council/calendar/", "observer-calendar"), ("/workspace/reporting/report/", "observer-figures"),
             ("/dashboard/", "observer-dashboard")]
    for url, name in pages:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
        if name == "observer-item":
            assert item.title in page.content()
        walk_step(page, screenshot, name, phone=name == "observer-dashboard")
        assert page.evaluate(WRITE_CONTROLS, list(HARMLESS)) == [], f"{name}: the observer is offered a write control"
