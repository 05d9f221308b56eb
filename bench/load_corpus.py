#!/usr/bin/env python3
"""Load the benchmark corpus (../shared/corpus/, the same synthetic Persian news the peer
systems are loaded with) into a Hamafza database, fast.

usage (from the repository root):
  .venv/bin/python bench/load_corpus.py 10000          # fresh SQLite file bench/out/bench-10000.sqlite3
  .venv/bin/python bench/load_corpus.py 100000 --db /tmp/x.sqlite3
  DATABASE_URL=postgres://root@127.0.0.1:5432/bench .venv/bin/python bench/load_corpus.py 10000
options:
  --corpus FILE   a JSONL corpus (default: generated once, with make_corpus.py, into bench/out/corpus-N.jsonl)
  --seed S        corpus seed (default 1402, the peers' seed) and seed of the agency spread
  --world W       auto (default): use the council already in the database, else `hamafza demo`
                  (demo mode) if that command exists, else a minimal Khuzestan council;
                  minimal: the minimal council; existing: fail unless a council exists
  --keep          keep an existing SQLite file and add to it (default: start from a fresh file)
  --no-index      leave the search index empty (by default every loaded item is indexed, as
                  publishing would; `hamafza reindex` does it later)
  --check K       compare K random loaded items with what newsroom.listing.sync_listing makes of
                  them (default 200; 0 skips)

The database is the one the usual settings variables name (DATABASE_URL, HAMAFZA_SQLITE_PATH);
without them a fresh SQLite file under bench/out/ — never the user's var/hamafza.sqlite3.
HAMAFZA_VAR_DIR defaults to bench/out/var. make_corpus.py is found in shared/corpus/ beside the
repository (or beside one of its parents); HAMAFZA_CORPUS_DIR overrides that.

From Python (another bench script, a test):
  from bench.load_corpus import configure, load
  configure(sqlite_path)               # only when Django is not set up yet; then migrate
  stats = load("bench/out/corpus-10000.jsonl", 10000)   # or load(records, n) or load(None, n)

How the corpus maps onto Hamafza
  - category → sector by code: road, rail, maritime, air, urban. `pr` (public-relations news of
    any office) has no transport mode of its own: such an item is led by any member agency of the
    council (seeded random choice) and gets that agency's first sector, so the PR news of, say,
    the meteorology office lands in the meteorology sector.
  - lead agency: a member agency of the default (first) council whose sectors include the item's
    sector, chosen at random (seeded); any member agency when none has that sector.
  - supporting agencies: 20% of the items get 1 to 3 other member agencies (roles/order as
    newsroom.actions.set_item_agencies writes them).
  - tags: created by name (whitespace-normalised as actions.get_or_create_tags does), Persian
    slugs with hamafza.persian.slugs.slugify_fa; slug clashes get -2, -3, ….
  - body: the paragraphs as <p> HTML (escaped); slug: slugify_fa(title); status published at the
    corpus's published_utc.
  - listing rows (ItemAgency, ItemSector, ItemTag with the item's published_at) and one Placement
    per council on which any of the item's agencies is a member, exactly as
    newsroom.listing.sync_listing writes them (check_listing() verifies a sample).
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
DEFAULT_SEED = 1402
CATEGORY_SECTOR = {"road": "road", "rail": "rail", "maritime": "maritime", "air": "air", "urban": "urban", "pr": None}
SUPPORTING_SHARE = 0.20


# ------------------------------------------------------------------------------- the corpus
def corpus_dir() -> Path:
    """$HAMAFZA_CORPUS_DIR, else the first shared/corpus/ beside the repository or beside one of
    its parents (a fresh clone next to shared/, or a git worktree further down)."""
    env = os.environ.get("HAMAFZA_CORPUS_DIR")
    if env:
        return Path(env)
    for parent in REPO.parents:
        candidate = parent / "shared" / "corpus"
        if (candidate / "make_corpus.py").exists():
            return candidate
    return REPO.parent / "shared" / "corpus"


def corpus_path(n: int, seed: int = DEFAULT_SEED) -> Path:
    """bench/out/corpus-N.jsonl, generated with make_corpus.py the first time it is asked for."""
    name = f"corpus-{n}.jsonl" if seed == DEFAULT_SEED else f"corpus-{n}-s{seed}.jsonl"
    path = OUT / name
    if not path.exists():
        script = corpus_dir() / "make_corpus.py"
        if not script.exists():
            raise SystemExit(f"make_corpus.py not found at {script} (set HAMAFZA_CORPUS_DIR)")
        OUT.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, str(script), "generate", str(path), str(n), "--seed", str(seed)],
            check=True, stdout=subprocess.DEVNULL,
        )
        print(f"generated corpus of {n} items -> {path} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return path


def read_records(path: str | Path, n: int | None = None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if n is not None and len(out) >= n:
                break
            if line.strip():
                out.append(json.loads(line))
    if n is not None and len(out) < n:
        raise SystemExit(f"corpus {path} has only {len(out)} records, {n} requested")
    return out


# ------------------------------------------------------------------------------ Django setup
def default_sqlite_path(n: int | None = None) -> Path:
    return OUT / (f"bench-{n}.sqlite3" if n else "bench.sqlite3")


def configure(sqlite_path: str | Path | None = None, *, fresh: bool = False, migrate: bool = True) -> str:
    """Point the settings at the bench database and set Django up; returns a description of it.

    Must run before anything imports Django settings. With DATABASE_URL set, that database is
    used (and `sqlite_path`/`fresh` are ignored); else HAMAFZA_SQLITE_PATH, else `sqlite_path`,
    else bench/out/bench.sqlite3. `fresh` deletes the SQLite file first (only a file under
    bench/out/, or one named explicitly by `sqlite_path`).
    """
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
    os.environ.setdefault("HAMAFZA_VAR_DIR", str(OUT / "var"))
    if os.environ.get("DATABASE_URL"):
        desc = "postgresql " + os.environ["DATABASE_URL"].split("@")[-1]
    else:
        if sqlite_path is not None:
            os.environ["HAMAFZA_SQLITE_PATH"] = str(Path(sqlite_path).resolve())
        os.environ.setdefault("HAMAFZA_SQLITE_PATH", str(default_sqlite_path()))
        path = Path(os.environ["HAMAFZA_SQLITE_PATH"]).resolve()
        if path == (REPO / "var" / "hamafza.sqlite3").resolve() and sqlite_path is None:
            raise SystemExit("refusing to load the benchmark corpus into var/hamafza.sqlite3")
        if fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        desc = f"sqlite {path}"
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    return desc


# -------------------------------------------------------------------------------- the world
@dataclass
class World:
    council_id: int
    member_ids: list[int]  # member agencies of the default council, by id
    agency_sectors: dict[int, tuple[int, ...]]
    sector_by_code: dict[str, int]
    member_councils: dict[int, frozenset[int]] = field(default_factory=dict)  # agency → councils it is a member of

    def councils_of(self, agency_ids) -> frozenset[int]:
        out: set[int] = set()
        for a in agency_ids:
            out |= self.member_councils.get(a, frozenset())
        return frozenset(out)


MINIMAL_SECTORS = [
    ("road", "جاده‌ای", "#b45309"), ("rail", "ریلی", "#7c3aed"), ("maritime", "دریایی", "#0369a1"),
    ("air", "هوایی", "#0891b2"), ("urban", "شهری و مسکن", "#15803d"), ("meteorology", "هواشناسی", "#475569"),
]
MINIMAL_AGENCIES = [  # name, short name, slug, sectors; the first heads the council
    ("اداره کل راه و شهرسازی خوزستان", "راه و شهرسازی", "راه-و-شهرسازی-خوزستان", ["urban", "road"]),
    ("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", "راهداری", "راهداری-خوزستان", ["road"]),
    ("راه‌آهن ناحیه جنوب", "راه‌آهن جنوب", "راه-آهن-جنوب", ["rail"]),
    ("اداره کل بنادر و دریانوردی خوزستان", "بنادر و دریانوردی", "بنادر-و-دریانوردی-خوزستان", ["maritime"]),
    ("شرکت فرودگاه‌های خوزستان", "فرودگاه‌های خوزستان", "فرودگاه-های-خوزستان", ["air"]),
    ("اداره کل هواشناسی خوزستان", "هواشناسی", "هواشناسی-خوزستان", ["meteorology"]),
    ("ساخت و توسعه زیربناهای حمل و نقل خوزستان", "ساخت و توسعه زیربناها", "ساخت-و-توسعه-زیربناها", ["road", "rail"]),
    ("بازآفرینی شهری و مسکن خوزستان", "بازآفرینی شهری", "بازآفرینی-شهری-خوزستان", ["urban"]),
]
MINIMAL_OBSERVER = ("اداره کل روابط عمومی و امور بین‌الملل استانداری خوزستان", "روابط عمومی استانداری",
                    "روابط-عمومی-استانداری-خوزستان")


def make_minimal_world() -> None:
    """Sectors, the agencies of the brief and the Khuzestan council (no users)."""
    from django.db import transaction

    from hamafza.agencies.models import Agency, Council, CouncilMembership, Sector

    with transaction.atomic():
        sectors = {}
        for order, (code, name, color) in enumerate(MINIMAL_SECTORS):
            sectors[code], _ = Sector.objects.get_or_create(
                code=code, defaults={"name": name, "slug": name.replace("\u200c", "-").replace(" ", "-"),
                                     "color": color, "order": order},
            )
        agencies = []
        for order, (name, short, slug, codes) in enumerate(MINIMAL_AGENCIES):
            agency, _ = Agency.objects.get_or_create(
                slug=slug, defaults={"name": name, "short_name": short, "order": order},
            )
            agency.sectors.set([sectors[c] for c in codes])
            agencies.append(agency)
        observer, _ = Agency.objects.get_or_create(
            slug=MINIMAL_OBSERVER[2],
            defaults={"name": MINIMAL_OBSERVER[0], "short_name": MINIMAL_OBSERVER[1],
                      "kind": Agency.Kind.GOVERNORATE, "order": 99},
        )
        council = Council.objects.create(
            name="شورای هماهنگی روابط عمومی دستگاه‌های وزارت راه و شهرسازی در خوزستان",
            short_name="شورای خوزستان", slug="khuzestan", region="خوزستان", head_agency=agencies[0],
            portal_title="هم‌افزا · خوزستان", portal_tagline="خبرهای دستگاه‌های حمل و نقل خوزستان",
        )
        for agency in agencies:
            CouncilMembership.objects.create(council=council, agency=agency, role=CouncilMembership.Role.MEMBER)
        CouncilMembership.objects.create(council=council, agency=observer, role=CouncilMembership.Role.OBSERVER)


def demo_available() -> bool:
    from django.core.management import get_commands

    return "demo" in get_commands()


def run_demo() -> None:
    from django.core.management import call_command
    from django.test.utils import override_settings

    with override_settings(DEMO_MODE=True):
        call_command("demo")


def ensure_world(mode: str = "auto") -> World:
    from hamafza.agencies.models import Agency, Council, CouncilMembership, Sector

    if mode == "minimal" and not Council.objects.exists():
        make_minimal_world()
    elif mode == "auto" and not Council.objects.exists():
        if demo_available():
            print("no council yet: running `hamafza demo` (demo mode)", file=sys.stderr)
            os.environ["HAMAFZA_DEMO"] = "1"
            run_demo()
        else:
            print("no council yet and no `hamafza demo`: creating a minimal Khuzestan council", file=sys.stderr)
            make_minimal_world()
    council = Council.objects.order_by("id").first()
    if council is None:
        raise SystemExit("no council in the database")
    member_councils: dict[int, set[int]] = {}
    for agency_id, council_id in CouncilMembership.objects.filter(role=CouncilMembership.Role.MEMBER).values_list(
        "agency_id", "council_id"
    ):
        member_councils.setdefault(agency_id, set()).add(council_id)
    members = sorted(
        CouncilMembership.objects.filter(council=council, role=CouncilMembership.Role.MEMBER).values_list(
            "agency_id", flat=True
        )
    )
    if not members:
        raise SystemExit(f"council {council.pk} has no member agencies")
    agency_sectors: dict[int, list[int]] = {}
    sector_order = {s.pk: (s.order, s.pk) for s in Sector.objects.all()}
    for agency_id, sector_id in Agency.sectors.through.objects.values_list("agency_id", "sector_id"):
        agency_sectors.setdefault(agency_id, []).append(sector_id)
    sector_by_code = dict(Sector.objects.values_list("code", "id"))
    missing = {c for c in CATEGORY_SECTOR.values() if c} - set(sector_by_code)
    if missing:
        raise SystemExit(f"sectors missing for corpus categories: {sorted(missing)}")
    return World(
        council_id=council.pk,
        member_ids=members,
        agency_sectors={a: tuple(sorted(s, key=sector_order.get)) for a, s in agency_sectors.items()},
        sector_by_code=sector_by_code,
        member_councils={a: frozenset(c) for a, c in member_councils.items()},
    )


# ----------------------------------------------------------------------------------- loading
def _tag_name(name: str) -> str:
    return " ".join(name.split())


def ensure_tags(names) -> dict[str, int]:
    """Tag ids by name; creates the missing ones in bulk, with unique Persian slugs."""
    from hamafza.newsroom.models import Tag
    from hamafza.persian.slugs import slugify_fa

    wanted = sorted({_tag_name(n) for n in names} - {""})
    have = dict(Tag.objects.filter(name__in=wanted).values_list("name", "id"))
    used = set(Tag.objects.values_list("slug", flat=True))
    new = []
    for name in wanted:
        if name in have:
            continue
        base = slugify_fa(name) or "tag"
        slug, k = base, 1
        while slug in used:
            k += 1
            slug = f"{base}-{k}"
        used.add(slug)
        new.append(Tag(name=name, slug=slug))
    Tag.objects.bulk_create(new)
    return dict(Tag.objects.filter(name__in=wanted).values_list("name", "id"))


def _utc(s: str) -> datetime:
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def _body(paragraphs) -> str:
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def plan_agencies(world: World, rng: random.Random, category: str) -> tuple[int, list[int], list[int]]:
    """(lead agency, supporting agencies, sector ids) for one corpus item."""
    code = CATEGORY_SECTOR.get(category)
    if code is None:  # pr: any member agency, in its own first sector
        lead = rng.choice(world.member_ids)
        own = world.agency_sectors.get(lead, ())
        sectors = [own[0]] if own else []
    else:
        sector_id = world.sector_by_code[code]
        candidates = [a for a in world.member_ids if sector_id in world.agency_sectors.get(a, ())]
        lead = rng.choice(candidates or world.member_ids)
        sectors = [sector_id]
    supporting: list[int] = []
    if len(world.member_ids) > 1 and rng.random() < SUPPORTING_SHARE:
        others = [a for a in world.member_ids if a != lead]
        supporting = rng.sample(others, min(len(others), rng.randint(1, 3)))
    return lead, supporting, sectors


def load(path_or_records=None, n: int | None = None, *, seed: int = DEFAULT_SEED, world: str = "auto",
         chunk: int = 5000, verbose: bool = True, index: bool = True) -> dict:
    """Load n corpus items (all when n is None) as published news; returns counts and timings.

    `path_or_records`: a JSONL path, an iterable of corpus records, or None (bench/out/corpus-N.jsonl,
    generated when missing). Django must be set up and migrated (see configure()).
    """
    from django.db import connection, transaction

    from hamafza.agencies import registry
    from hamafza.core import pagecache
    from hamafza.newsroom.models import ItemAgency, ItemSector, ItemTag, NewsItem, Placement
    from hamafza.search.indexing import index_items
    from hamafza.persian.slugs import slugify_fa

    t0 = time.perf_counter()
    if path_or_records is None:
        if n is None:
            raise ValueError("load(None, n) needs n")
        path_or_records = corpus_path(n, seed)
    if isinstance(path_or_records, (str, Path)):
        records = read_records(path_or_records, n)
    else:
        records = list(itertools.islice(path_or_records, n) if n is not None else path_or_records)
    t_read = time.perf_counter()

    w = ensure_world(world)
    t_world = time.perf_counter()
    tag_ids = ensure_tags(t for r in records for t in r.get("tags", ()))
    rng = random.Random(seed)
    lead_role, supporting_role = ItemAgency.Role.LEAD, ItemAgency.Role.SUPPORTING
    published = NewsItem.Status.PUBLISHED
    counts = dict.fromkeys(("items", "item_agencies", "item_sectors", "item_tags", "placements", "index_s"), 0)

    with transaction.atomic():
        for start in range(0, len(records), chunk):
            part = records[start : start + chunk]
            items, plans = [], []
            for r in part:
                at = _utc(r["published_utc"])
                lead, supporting, sectors = plan_agencies(w, rng, r["category"])
                items.append(NewsItem(
                    lead_agency_id=lead, title=r["title"].strip(), slug=slugify_fa(r["title"]),
                    lead=r.get("lead", "").strip(), body=_body(r.get("paragraphs", ())),
                    status=published, published_at=at,
                ))
                tags = list(dict.fromkeys(tag_ids[_tag_name(t)] for t in r.get("tags", ()) if _tag_name(t)))
                plans.append((at, lead, supporting, sectors, tags))
            NewsItem.objects.bulk_create(items)
            links, secs, tgs, places = [], [], [], []
            for item, (at, lead, supporting, sectors, tags) in zip(items, plans):
                pk = item.pk
                links.append(ItemAgency(item_id=pk, agency_id=lead, role=lead_role, order=0, published_at=at))
                for order, agency_id in enumerate(supporting, 1):
                    links.append(ItemAgency(item_id=pk, agency_id=agency_id, role=supporting_role, order=order,
                                            published_at=at))
                secs.extend(ItemSector(item_id=pk, sector_id=s, published_at=at) for s in sectors)
                tgs.extend(ItemTag(item_id=pk, tag_id=t, published_at=at) for t in tags)
                places.extend(Placement(council_id=c, item_id=pk, published_at=at)
                              for c in sorted(w.councils_of([lead, *supporting])))
            ItemAgency.objects.bulk_create(links)
            ItemSector.objects.bulk_create(secs)
            ItemTag.objects.bulk_create(tgs)
            Placement.objects.bulk_create(places)
            if index:  # the search index, as the newsroom's item_changed would have it
                t_index = time.perf_counter()
                index_items(items)
                counts["index_s"] += time.perf_counter() - t_index
            counts["items"] += len(items)
            counts["item_agencies"] += len(links)
            counts["item_sectors"] += len(secs)
            counts["item_tags"] += len(tgs)
            counts["placements"] += len(places)
            if verbose and len(records) > chunk:
                done = start + len(part)
                print(f"  {done:>7} / {len(records)} items  {time.perf_counter() - t_world:6.1f}s", file=sys.stderr)
    t_write = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    registry.invalidate()
    pagecache.invalidate_all()
    counts["index_s"] = round(counts["index_s"], 2)
    stats = {
        **counts, "tags": len(tag_ids), "council_id": w.council_id, "member_agencies": len(w.member_ids),
        "read_s": round(t_read - t0, 2), "world_s": round(t_world - t_read, 2), "write_s": round(t_write - t_world, 2),
        "total_s": round(time.perf_counter() - t0, 2),
    }
    if verbose:
        print(
            f"loaded {counts['items']} items ({counts['item_agencies']} agency links, {counts['item_sectors']} sector "
            f"links, {counts['item_tags']} tag links, {counts['placements']} placements, {len(tag_ids)} tags) "
            f"in {stats['total_s']:.1f}s (read {stats['read_s']:.1f}s, council setup {stats['world_s']:.1f}s, "
            f"write {stats['write_s']:.1f}s, of it search index {stats['index_s']:.1f}s)",
            file=sys.stderr,
        )
    return stats


# ----------------------------------------------------------------------------------- checking
class _Rollback(Exception):
    pass


def listing_snapshot(item_id: int) -> dict:
    from hamafza.newsroom.models import ItemAgency, ItemSector, ItemTag, Placement

    return {
        "agencies": sorted(ItemAgency.objects.filter(item_id=item_id).values_list("agency_id", "role", "order", "published_at")),
        "sectors": sorted(ItemSector.objects.filter(item_id=item_id).values_list("sector_id", "published_at")),
        "tags": sorted(ItemTag.objects.filter(item_id=item_id).values_list("tag_id", "published_at")),
        "placements": sorted(Placement.objects.filter(item_id=item_id).values_list("council_id", "published_at")),
    }


def check_listing(sample: int = 200, item_ids=None, seed: int = 0) -> list[tuple[int, dict, dict]]:
    """Compare the listing rows of sampled items with what sync_listing makes of them (rolled
    back afterwards). Returns the mismatches as (item id, loaded, sync_listing's)."""
    from django.db import transaction

    from hamafza.newsroom.listing import sync_listing
    from hamafza.newsroom.models import NewsItem

    if item_ids is None:
        ids = list(NewsItem.objects.values_list("id", flat=True))
        item_ids = random.Random(seed).sample(ids, min(sample, len(ids)))
    bad = []
    for item in NewsItem.objects.filter(pk__in=list(item_ids)):
        loaded = listing_snapshot(item.pk)
        try:
            with transaction.atomic():
                sync_listing(item)
                synced = listing_snapshot(item.pk)
                raise _Rollback
        except _Rollback:
            pass
        if loaded != synced:
            bad.append((item.pk, loaded, synced))
    return bad


# --------------------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--corpus")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--db", help="SQLite file (default bench/out/bench-N.sqlite3)")
    ap.add_argument("--world", choices=["auto", "minimal", "existing"], default="auto")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--check", type=int, default=200)
    ap.add_argument("--no-index", action="store_true", help="leave the search index empty (faster)")
    a = ap.parse_args(argv)
    db = a.db or (None if os.environ.get("HAMAFZA_SQLITE_PATH") else default_sqlite_path(a.n))
    t0 = time.perf_counter()
    desc = configure(db, fresh=not a.keep and not os.environ.get("DATABASE_URL"))
    print(f"database: {desc} (migrated in {time.perf_counter() - t0:.1f}s)", file=sys.stderr)
    load(a.corpus or corpus_path(a.n, a.seed), a.n, seed=a.seed, world=a.world, index=not a.no_index)
    if a.check:
        t1 = time.perf_counter()
        bad = check_listing(a.check)
        if bad:
            for item_id, loaded, synced in bad[:5]:
                print(f"MISMATCH item {item_id}:\n  loaded {loaded}\n  synced {synced}", file=sys.stderr)
            print(f"listing check FAILED: {len(bad)} of {a.check} items differ from sync_listing", file=sys.stderr)
            return 1
        print(f"listing check: {a.check} sampled items equal sync_listing's rows ({time.perf_counter() - t1:.1f}s)",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
