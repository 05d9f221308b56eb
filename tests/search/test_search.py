"""Public search: only the council's published items, filters, snippets, pages and the results cache
(every spelling finding the same items: test_search_spellings.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.search.models import SearchDocument
from hamafza.search.selectors import search_public

from .. import factories


def ids(page):
    return {item.pk for item in page.items}


def test_public_search_never_returns_a_draft_or_another_councils_item(world, indexed):
    council = world["council"]
    other = factories.make_council(world["D"], [], hostname="bsh.example.ir")
    with indexed():
        public = factories.make_item(world["B"], title="ساخت اسکله بندر")
        draft = factories.make_item(world["B"], title="اسکله پیش‌نویس", published=False)
        foreign = factories.make_item(world["D"], title="اسکله بوشهر")
    assert SearchDocument.objects.filter(item=draft).exists()  # indexed for the staff search to come
    assert ids(search_public(council.pk, "اسکله")) == {public.pk}
    assert ids(search_public(other.pk, "اسکله")) == {foreign.pk}


def test_unpublishing_removes_the_item_from_public_search(world, indexed):
    with indexed():
        item = factories.make_item(world["B"], title="مرمت پل تاریخی")
    assert ids(search_public(world["council"].pk, "پل تاریخی")) == {item.pk}
    with indexed():
        factories.unpublish_item(item)
    assert ids(search_public(world["council"].pk, "پل تاریخی")) == set()
    assert SearchDocument.objects.get(item=item).status == "unpublished"


def test_filters_by_agency_sector_and_date(world, indexed):
    sectors = world["sectors"]
    now = timezone.now()
    with indexed():
        road = factories.make_item(world["B"], title="بارش برف در گردنه", sectors=[sectors["road"]], published_at=now - dt.timedelta(days=40))
        rail = factories.make_item(world["C"], title="برف و تأخیر قطار", sectors=[sectors["rail"]], published_at=now - dt.timedelta(days=2))
    council = world["council"].pk
    assert ids(search_public(council, "برف")) == {road.pk, rail.pk}
    assert ids(search_public(council, "برف", agency_id=world["C"].pk)) == {rail.pk}
    assert ids(search_public(council, "برف", sector_id=sectors["road"].pk)) == {road.pk}
    assert ids(search_public(council, "برف", start=now - dt.timedelta(days=10))) == {rail.pk}
    assert ids(search_public(council, "برف", end=now - dt.timedelta(days=10))) == {road.pk}


def test_snippets_mark_the_words_and_escape_the_rest(world, indexed):
    with indexed():
        factories.make_item(
            world["B"], title="نشست اطلاع‌رسانی", lead="", body="<p>متن &lt;script&gt;alert(1)&lt;/script&gt; درباره اطلاعرسانی سفر</p>"
        )
    page = search_public(world["council"].pk, "اطلاع رسانی")
    snippet = str(page.items[0].snippet)
    assert "<mark>اطلاعرسانی</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>" in str(page.items[0].title_html)


def test_pages(world, indexed):
    with indexed():
        made = [factories.make_item(world["B"], title=f"راهداری زمستانی {n}") for n in range(5)]
    first = search_public(world["council"].pk, "راهداری زمستانی", limit=3)
    second = search_public(world["council"].pk, "راهداری زمستانی", offset=3, limit=3)
    assert first.has_next and not second.has_next
    assert first.total_estimate == 5
    assert ids(first) | ids(second) == {i.pk for i in made}
    assert not ids(first) & ids(second)


def test_a_page_kept_in_the_results_cache_follows_index_writes(world, indexed):
    council = world["council"].pk
    assert ids(search_public(council, "سامانه هوشمند")) == set()
    with indexed():
        item = factories.make_item(world["B"], title="سامانه هوشمند عوارض")
    assert ids(search_public(council, "سامانه هوشمند")) == {item.pk}
    with indexed():
        factories.unpublish_item(item)
    assert ids(search_public(council, "سامانه هوشمند")) == set()
