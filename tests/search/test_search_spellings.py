"""Public search on fourteen items written in every spelling: every spelling finds the same
items, a phrase needs its words together, odd queries never raise, the index is rebuilt. The
world and its items are built and indexed once for the module (tests/conftest.py: module_db);
each test runs in its own savepoint with its own copy."""

import pytest
from django.core.management import call_command
from django.test import TestCase

from hamafza.search.indexing import index_item
from hamafza.search.models import SearchDocument
from hamafza.search.selectors import search_public

from .. import factories
from .test_search import ids

Z = "\u200c"
pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

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


@pytest.fixture(scope="module")
def _built(module_db):
    world = factories.make_world()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the index tasks of the items
        docs = {key: factories.make_item(world["B"], title=f"خبر {key}", body=f"<p>{text}</p>") for key, text in DOCS.items()}
    return world, docs


@pytest.fixture
def world(module_copy):
    return module_copy[0]


@pytest.fixture
def docs(module_copy):
    return module_copy[1]


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
