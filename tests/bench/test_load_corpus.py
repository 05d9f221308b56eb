"""The benchmark loader writes exactly the rows the newsroom's own actions would."""

import importlib.util
from datetime import datetime, timezone

import pytest

from bench import load_corpus
from hamafza.agencies.models import CouncilMembership, Sector
from hamafza.newsroom.models import ItemAgency, ItemSector, NewsItem, Placement
from hamafza.persian.slugs import slugify_fa
from tests import factories

N = 50


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    script = load_corpus.corpus_dir() / "make_corpus.py"
    if not script.exists():
        pytest.skip(f"benchmark corpus generator not found at {script}")
    spec = importlib.util.spec_from_file_location("make_corpus", script)
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    path = tmp_path_factory.mktemp("corpus") / "corpus-50.jsonl"
    make_corpus.generate(str(path), N)
    records = load_corpus.read_records(path)
    assert len(records) == N and {r["category"] for r in records} >= {"road", "rail", "urban"}
    return path, records


def _assert_like_sync_listing():
    ids = list(NewsItem.objects.values_list("id", flat=True))
    assert load_corpus.check_listing(item_ids=ids) == []


def test_minimal_world_items_listing_rows_and_sectors(db, corpus):
    path, records = corpus
    stats = load_corpus.load(path, N, world="minimal", verbose=False)
    assert stats["items"] == N
    council_id = stats["council_id"]
    _assert_like_sync_listing()

    sector_code = dict(Sector.objects.values_list("id", "code"))
    members = set(
        CouncilMembership.objects.filter(council_id=council_id, role=CouncilMembership.Role.MEMBER).values_list(
            "agency_id", flat=True
        )
    )
    items = list(NewsItem.objects.order_by("id"))
    assert len(items) == N
    for rec, item in zip(records, items):
        assert item.title == rec["title"]
        assert item.slug == slugify_fa(rec["title"])
        assert item.status == NewsItem.Status.PUBLISHED
        assert item.published_at == datetime.strptime(rec["published_utc"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=timezone.utc
        )
        assert item.body.count("<p>") == len(rec["paragraphs"])
        assert sorted(t.name for t in item.tags.all()) == sorted(" ".join(t.split()) for t in rec["tags"])

        links = list(ItemAgency.objects.filter(item=item).order_by("order"))
        assert links[0].agency_id == item.lead_agency_id and links[0].role == ItemAgency.Role.LEAD
        assert all(link.role == ItemAgency.Role.SUPPORTING for link in links[1:])
        assert {link.agency_id for link in links} <= members

        codes = [sector_code[s] for s in ItemSector.objects.filter(item=item).values_list("sector_id", flat=True)]
        lead_sectors = [s.code for s in item.lead_agency.sectors.order_by("order", "id")]
        if rec["category"] == "pr":
            assert codes == lead_sectors[:1]
        else:
            assert codes == [rec["category"]]
            # the minimal council has an agency for every transport mode: the lead is one of them
            assert rec["category"] in lead_sectors

        assert list(Placement.objects.filter(item=item).values_list("council_id", flat=True)) == [council_id]


def test_existing_councils_get_placements_like_sync_listing(db, world, corpus):
    path, _ = corpus
    # a second council on which agency B also sits: B's items show on both portals
    other = factories.make_council(world["B"], [], slug="second", short_name="دوم")
    stats = load_corpus.load(path, N, world="existing", verbose=False)
    assert stats["council_id"] == world["council"].pk
    _assert_like_sync_listing()
    with_b = set(ItemAgency.objects.filter(agency=world["B"]).values_list("item_id", flat=True))
    assert with_b, "the spread should give agency B some items"
    assert set(Placement.objects.filter(council=other).values_list("item_id", flat=True)) == with_b
    assert Placement.objects.filter(council=world["council"]).count() == N
    # agency D sits on no council: the loader never picks it
    assert not ItemAgency.objects.filter(agency=world["D"]).exists()


def test_loaded_items_are_found_by_search(db, corpus):
    from hamafza.search.selectors import search_public

    path, records = corpus
    stats = load_corpus.load(path, N, world="minimal", verbose=False)
    word = max(records[0]["title"].split(), key=len)
    found = search_public(stats["council_id"], word, cached=False)
    assert found.items, word
    assert stats["index_s"] >= 0


def test_the_corpus_is_found_beside_a_fresh_clone(tmp_path, monkeypatch):
    """shared/ sits beside the clone (../shared/corpus), or beside a parent of a git worktree."""
    (tmp_path / "shared" / "corpus").mkdir(parents=True)
    (tmp_path / "shared" / "corpus" / "make_corpus.py").write_text("")
    monkeypatch.delenv("HAMAFZA_CORPUS_DIR", raising=False)
    for repo in (tmp_path / "hamafza", tmp_path / "wt" / "branch"):
        monkeypatch.setattr(load_corpus, "REPO", repo)
        assert load_corpus.corpus_dir() == tmp_path / "shared" / "corpus"
