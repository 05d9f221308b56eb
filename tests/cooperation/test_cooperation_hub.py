"""The cooperation hub in the workspace: what waits for whom (moved unchanged from
test_reciprocity_pages.py, whose tests share the reciprocity dataset)."""

import datetime as dt

from hamafza.accounts.models import Membership
from tests.personas import make_user, sign_in_verified

from .reciprocity_factories import NOW, ask, booking, help_request

HUB = "/workspace/cooperation/"


def test_the_hub_shows_what_waits_for_an_agency_head(client, personas, frozen):
    p = personas
    ask(p.council, p.other, {p.own: ("pending", None)}, created=NOW - dt.timedelta(hours=3),
        deadline=NOW + dt.timedelta(days=1), item=None)
    ask(p.council, p.other, {p.own: ("pending", None)}, created=NOW - dt.timedelta(days=5),
        deadline=NOW - dt.timedelta(days=1))  # past its deadline: nothing to answer any more
    help_request(p.council, p.other, created=NOW - dt.timedelta(hours=1), title="گروه تصویربرداری برای جشنواره")
    help_request(p.council, p.other, created=NOW - dt.timedelta(hours=1), title="درخواست خصوصی برای راه‌آهن",
                 visibility="chosen", asked=[p.supporting])
    mine = help_request(p.council, p.own, created=NOW - dt.timedelta(hours=2), title="مترجم برای نشست خبری",
                        offers={p.supporting: ("offered", False)})
    booking(p.supporting, p.own, starts=NOW + dt.timedelta(days=2), purpose="تصویر هوایی پل")
    booking(p.supporting, p.other, starts=NOW + dt.timedelta(days=3), purpose="رزرو دستگاه دیگر")

    sign_in_verified(client, p.own_head)
    response = client.get(HUB)
    assert response.status_code == 200
    page = response.content.decode()
    to_answer = page.split('id="hub-to-answer"', 1)[1].split("</section>", 1)[0]
    assert to_answer.count('class="item"') == 1 and "پاسخ با مدیر" not in to_answer
    help_open = page.split('id="hub-help"', 1)[1].split("</section>", 1)[0]
    assert "گروه تصویربرداری برای جشنواره" in help_open
    assert "درخواست خصوصی برای راه‌آهن" not in page  # a private request A was not asked
    assert mine.title not in help_open  # its own request is not one to offer on
    offers = page.split('id="hub-offers"', 1)[1].split("</section>", 1)[0]
    assert mine.title in offers
    bookings = page.split('id="hub-bookings"', 1)[1].split("</section>", 1)[0]
    assert "تصویر هوایی پل" in bookings and "رزرو دستگاه دیگر" not in bookings
    assert 'aria-current="page">همکاری<' in page
    assert "/workspace/cooperation/reciprocity/" in page


def test_the_hub_for_staff_a_supporting_agency_and_the_secretariat(client, personas, frozen):
    p = personas
    ask(p.council, p.other, {p.own: ("pending", None)}, created=NOW - dt.timedelta(hours=3),
        deadline=NOW + dt.timedelta(days=1))
    private = help_request(p.council, p.other, created=NOW - dt.timedelta(hours=1), title="درخواست خصوصی برای راه‌آهن",
                           visibility="chosen", asked=[p.supporting])
    sign_in_verified(client, p.own_staff)  # staff see the request, and that their head answers it
    page = client.get(HUB).content.decode()
    assert "پاسخ با مدیر روابط عمومی" in page

    client.logout()
    c_head = make_user("c_head")
    Membership.objects.create(user=c_head, agency=p.supporting, role=Membership.Role.HEAD)
    sign_in_verified(client, c_head)
    page = client.get(HUB).content.decode()
    assert private.title in page  # C was asked
    to_answer = page.split('id="hub-to-answer"', 1)[1].split("</section>", 1)[0]
    assert 'class="item"' not in to_answer  # the request was asked of A, not of C

    client.logout()
    sign_in_verified(client, p.secretariat)
    page = client.get(HUB).content.decode()
    assert 'id="hub-to-answer"' not in page and private.title in page
    assert "درخواست‌های کمک باز در شورا" in page
    assert "امسال در شورا" in page and "<dt>درخواست بازنشر</dt><dd>۱</dd>" in page
