"""The workspace search: the public search's query processing over the items the person may see
(their agency's drafts, accepted supporting drafts, items in review for the secretariat and the
observer, every published item) — never another agency's draft."""


import pytest
from django.test import TestCase
from django.utils import timezone

from hamafza import policy
from hamafza.newsroom import actions
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.search.selectors import search_public, search_staff
from tests.personas import make_personas, sign_in_verified

from .. import factories

WORD = "آبرسانی"


pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture(scope="module")
def _built(module_db):
    """The people and their items, built once for the module (tests/conftest.py: module_db):
    every test here only reads them."""
    p = make_personas(factories.make_world())
    # The on-commit index tasks of the items run (tests never commit).
    with TestCase.captureOnCommitCallbacks(execute=True):
        own_draft = actions.do_create_draft(p.own_staff, p.own, {
            "title": f"پیش‌نویس ما درباره {WORD}", "lead": "لید", "body": f"<p>{WORD} روستایی</p>",
            "supporting": [p.supporting.pk],
        })
        # D sits on no council, so no action may invite it (issue 12): its unanswered row is made here.
        ItemAgency.objects.create(item=own_draft, agency=p.pending_supporting, role=ItemAgency.Role.SUPPORTING, order=2)
        own_submitted = actions.do_create_draft(p.own_staff, p.own, {"title": f"ارسالی ما درباره {WORD}", "body": "<p>متن</p>"})
        actions.do_submit(p.own_staff, own_submitted)
        other_draft = actions.do_create_draft(p.other_staff, p.other, {"title": f"پیش‌نویس دیگری درباره {WORD}", "body": "<p>متن</p>"})
        other_submitted = actions.do_create_draft(p.other_staff, p.other, {"title": f"ارسالی دیگری درباره {WORD}", "body": "<p>متن</p>"})
        actions.do_submit(p.other_staff, other_submitted)
        published = factories.make_item(p.other, title=f"خبر منتشرشده درباره {WORD}", body="<p>متن</p>")
    ItemAgency.objects.filter(item=own_draft, agency=p.supporting).update(accepted_at=timezone.now())
    return p, {"own_draft": own_draft, "own_submitted": own_submitted, "other_draft": other_draft,
               "other_submitted": other_submitted, "published": published}


@pytest.fixture
def personas(module_copy):
    return module_copy[0]


@pytest.fixture
def items(module_copy):
    return module_copy[1]


EXPECTED = {
    "own_staff": {"own_draft", "own_submitted", "published"},
    "own_head": {"own_draft", "own_submitted", "published"},
    "other_staff": {"other_draft", "other_submitted", "published"},
    "other_head": {"other_draft", "other_submitted", "published"},
    "supporting_staff": {"own_draft", "published"},
    "pending_supporting_staff": {"published"},
    "secretariat": {"own_submitted", "other_submitted", "published"},
    "observer": {"own_submitted", "other_submitted", "published"},
    "admin": {"own_draft", "own_submitted", "other_draft", "other_submitted", "published"},
}


def found(page, items):
    names = {v.pk: k for k, v in items.items()}
    return {names[i.pk] for i in page.items if i.pk in names}


@pytest.mark.parametrize(("who", "expected"), list(EXPECTED.items()))
def test_staff_search_returns_exactly_what_the_person_may_see(personas, items, who, expected):
    user = getattr(personas, who)
    got = found(search_staff(user, WORD), items)
    assert got == expected
    for name in got:  # the same answer as the permission module
        assert policy.can_view_item(user, NewsItem.objects.get(pk=items[name].pk))


def test_public_search_never_returns_a_draft(personas, items):
    assert found(search_public(personas.council.pk, WORD, cached=False), items) == {"published"}


def test_staff_search_folds_spellings_like_public_search(personas, items):
    for spelling in ("آبرساني", "آب\u200cرسانی", "آبرسانی"):
        assert "own_draft" in found(search_staff(personas.own_staff, spelling), items), spelling


def test_status_filter(personas, items):
    assert found(search_staff(personas.own_staff, WORD, status="draft"), items) == {"own_draft"}


def test_the_page_shows_badges_and_jalali_dates_and_no_other_agency_draft(client, personas, items):
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/search/", {"q": WORD})
    assert response.status_code == 200
    html = response.content.decode()
    assert "پیش‌نویس ما درباره" in html and "خبر منتشرشده درباره" in html
    assert "پیش‌نویس دیگری" not in html and "ارسالی دیگری" not in html
    assert "status-draft" in html and "status-published" in html
    assert "۱۴۰" in html  # a Jalali year in Persian digits
    assert "<mark>" in html
    assert f"/workspace/news/{items['own_draft'].pk}/" in html


def test_the_nav_links_to_search(client, personas):
    sign_in_verified(client, personas.own_staff)
    assert 'href="/workspace/search/"' in client.get("/workspace/").content.decode()


def test_anonymous_is_sent_to_sign_in(client, items):
    response = client.get("/workspace/search/", {"q": WORD})
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("q", ["", "   ", "ک" * 5000, 'AND OR NOT "* ^ (NEAR) :- \'', "\u200c", "😀", "\u200f", "\x00",
                               '"', "*", "-", "NEAR(آب رسانی)", "آب\u200c\u200c"])
@pytest.mark.parametrize("params", [{}, {"status": "bogus"}, {"page": "x"}, {"page": "99999999999"}, {"status": "draft", "page": "-3"}])
def test_bad_input_never_500(client, personas, items, q, params):
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/search/", {"q": q, **params})
    assert response.status_code == 200
    assert "پیش‌نویس دیگری" not in response.content.decode()
