"""Public search: every spelling finds the same items, and only the council's published ones."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from hamafza.search.indexing import index_item
from hamafza.search.models import SearchDocument
from hamafza.search.selectors import search_public

from .. import factories

Z = "\u200c"

DOCS = {
    "zwnj": f"روابط عمومی در اطلاع{Z}رسانی هفته پیشتاز است",
    "joined": "برنامه اطلاعرسانی دستگاه‌ها اعلام شد",
    "spaced": "ابزار نوین اطلاع رسانی در استان",
    "apart": "اطلاع از برگزاری نشست را خبر رسانی کرد",
    "hnq_spaced": "هفته حمل و نقل در خوزستان",
    "hnq_zwnj": f"ناوگان حمل{Z}ونقل عمومی",
    "hnq_joined": "شرکت حملونقل ریلی",
    "committee_ar": "جلسه كميته فنی برگزار شد",
    "committee_fa": "کمیته ایمنی تشکیل شد",
    "year_fa": "بودجه سال ۱۴۰۴ تصویب شد",
    "year_latin": "برنامه سال 1404 اعلام شد",
    "offer_a": "ارائه گزارش عملکرد",
    "offer_b": "ارایه برنامه سفر",
    "control": "پیش‌بینی هواشناسی از بارش برف",
}

GROUPS = {
    ("zwnj", "joined", "spaced"): [f"اطلاع{Z}رسانی", "اطلاعرسانی", "اطلاع رسانی"],
    ("hnq_spaced", "hnq_zwnj", "hnq_joined"): ["حمل و نقل", f"حمل{Z}ونقل", "حملونقل"],
    ("committee_ar", "committee_fa"): ["كميته", "کمیته"],
    ("year_fa", "year_latin"): ["۱۴۰۴", "1404"],
    ("offer_a", "offer_b"): ["ارائه", "ارایه"],
}


@pytest.fixture
def docs(world, indexed):
    with indexed():
        return {key: factories.make_item(world["B"], title=f"خبر {key}", body=f"<p>{text}</p>") for key, text in DOCS.items()}


def ids(page):
    return {item.pk for item in page.items}


@pytest.mark.parametrize(("expected", "spellings"), list(GROUPS.items()))
def test_every_spelling_finds_the_same_items(world, docs, expected, spellings):
    wanted = {docs[key].pk for key in expected}
    for spelling in spellings:
        assert ids(search_public(world["council"].pk, spelling)) == wanted, spelling


def test_a_control_word_finds_none_of_them(world, docs):
    assert ids(search_public(world["council"].pk, "هواشناسی")) == {docs["control"].pk}


def test_a_quoted_phrase_needs_the_words_together(world, docs):
    council = world["council"].pk
    assert docs["apart"].pk not in ids(search_public(council, '"اطلاع رسانی"'))
    assert docs["apart"].pk in ids(search_public(council, "اطلاع خبر"))
    assert ids(search_public(council, '"هفته حمل و نقل"')) == {docs["hnq_spaced"].pk}
    assert ids(search_public(council, '"نقل هفته"')) == set()


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


@pytest.mark.parametrize(
    "query",
    ["", "   ", "ا" * 5000, '" * ( ) : ^ NEAR AND', 'NEAR(برف "', "\u200c", "🚆🔥", "\u200f\u200e", "AND OR NOT",
     "'; DROP TABLE search_document; --", "\x00", "«", "*", "برف*", "-برف", "^برف", "col:برف"],
)
def test_bad_input_never_raises(world, docs, query):
    page = search_public(world["council"].pk, query)
    assert isinstance(page.items, list)


def test_reindex_rebuilds_everything(world, docs, capsys):
    SearchDocument.objects.all().delete()
    call_command("reindex")
    assert SearchDocument.objects.count() == len(DOCS)
    assert "reindex [" in capsys.readouterr().err
    assert len(ids(search_public(world["council"].pk, "اطلاعرسانی"))) == 3


def test_index_item_drops_a_deleted_item(world, docs):
    item = docs["control"]
    item.delete()
    index_item(item.pk)
    assert ids(search_public(world["council"].pk, "هواشناسی")) == set()


def test_a_page_kept_in_the_results_cache_follows_index_writes(world, indexed):
    council = world["council"].pk
    assert ids(search_public(council, "سامانه هوشمند")) == set()
    with indexed():
        item = factories.make_item(world["B"], title="سامانه هوشمند عوارض")
    assert ids(search_public(council, "سامانه هوشمند")) == {item.pk}
    with indexed():
        factories.unpublish_item(item)
    assert ids(search_public(council, "سامانه هوشمند")) == set()
