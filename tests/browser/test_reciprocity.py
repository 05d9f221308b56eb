"""The cooperation hub, the reciprocity record and an agency's public cooperation section in a
browser, at desktop and phone widths (screenshots in test-results/screenshots/)."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.accounts.models import Membership
from hamafza.persian import jalali
from tests import factories
from tests.cooperation.reciprocity_factories import ask, booking, help_request
from tests.personas import make_user

from .conftest import act_as

pytestmark = pytest.mark.browser




def _history(p):
    """Some months of cooperation between A, B and C, up to now."""
    now = timezone.now()
    more = [factories.make_agency(name, short_name=short) for name, short in (
        ("شرکت فرودگاه‌ها و ناوبری هوایی خوزستان", "فرودگاه‌ها"), ("اداره کل بنادر و دریانوردی خوزستان", "بنادر"),
    )]
    for agency in more:
        p.council.memberships.create(agency=agency)
    d, e = more
    days = [3, 9, 14, 21, 27, 33, 40, 46, 52]
    for n, ago in enumerate(days):
        asked = now - dt.timedelta(days=ago, hours=n)
        ask(p.council, p.own, {p.other: ("accepted", 2 + n), p.supporting: ("declined" if n % 3 else "accepted", 5 + n),
                               d: ("accepted" if n < 5 else "expired", 20 + n)}, created=asked)
        ask(p.council, p.other, {p.own: ("accepted" if n % 2 else "declined", 1 + n % 4), e: ("expired", None)},
            created=asked + dt.timedelta(hours=3))
    ask(p.council, p.supporting, {p.own: ("accepted", 3)}, created=now - dt.timedelta(days=6), kind="support")
    help_request(p.council, p.other, created=now - dt.timedelta(days=12), offers={p.supporting: ("accepted", True)},
                 status="delivered")
    help_request(p.council, p.own, created=now - dt.timedelta(days=20), offers={d: ("accepted", True), p.other: ("not_chosen", False)},
                 status="delivered", title="گروه تصویربرداری برای افتتاح آزادراه")
    # What waits for A's head now.
    item = factories.make_item(p.other, title="بازگشایی محور اهواز – خرمشهر پس از بهسازی")
    ask(p.council, p.other, {p.own: ("pending", None)}, created=now - dt.timedelta(hours=5),
        deadline=now + dt.timedelta(days=1, hours=4), item=item)
    help_request(p.council, p.other, created=now - dt.timedelta(hours=2), title="عکاس برای بازدید استاندار از راهدارخانه‌ها",
                 deadline=now + dt.timedelta(days=2))
    help_request(p.council, p.own, created=now - dt.timedelta(hours=8), title="مترجم عربی برای نشست خبری",
                 deadline=now + dt.timedelta(days=1), offers={p.supporting: ("offered", False)})
    booking(p.supporting, p.own, starts=now.replace(hour=6, minute=30) + dt.timedelta(days=3), purpose="تصویر هوایی پل نادری")


def test_hub_record_and_public_section(page, live_server, transactional_db, personas, screenshot):
    p = personas
    _history(p)
    p.council.hostname = "localhost"
    p.council.save()
    head = make_user("own_head_2", first_name="مریم", last_name="احمدی")
    Membership.objects.create(user=head, agency=p.own, role=Membership.Role.HEAD)

    act_as(page, live_server, head)
    page.goto("/workspace/cooperation/")
    assert page.locator("#hub-to-answer .item").count() == 1
    screenshot(page, "coop-hub-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "coop-hub-phone")

    act_as(page, live_server, p.secretariat)
    page.set_viewport_size({"width": 1280, "height": 900})
    year = jalali.to_jalali(timezone.now()).year
    page.goto(f"/workspace/cooperation/reciprocity/?kind=year&year={year}")
    assert page.locator("#reciprocity tbody tr").count() == 5
    page.click("#reciprocity thead a:has-text('برای دیگران') >> nth=0")
    page.wait_for_url("**sort=amplified_for_others**")
    assert page.locator("#reciprocity tbody tr").first.get_attribute("data-agency") == str(p.other.pk)
    screenshot(page, "coop-reciprocity-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("#reciprocity thead").is_hidden()  # cards on a phone
    screenshot(page, "coop-reciprocity-phone")

    page.goto("/workspace/cooperation/")  # the secretariat's hub: the council's open help and bookings
    assert page.locator("#hub-to-answer").count() == 0
    screenshot(page, "coop-hub-secretariat-phone")

    act_as(page, live_server, p.other_staff)  # staff: their own agency's row only
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/workspace/cooperation/reciprocity/?kind=year&year={year}")
    assert page.locator("#reciprocity tbody tr").count() == 1
    screenshot(page, "coop-reciprocity-staff-desktop")

    page.context.clear_cookies()
    page.goto(f"http://localhost:{live_server.url.rsplit(':', 1)[1]}/agency/{p.other.slug}/")
    assert page.locator(".agency-coop").is_visible()
    screenshot(page, "coop-agency-portal-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "coop-agency-portal-phone")
