"""hamafza.portal.cards prints the cards the Jinja macros printed, byte for byte (issue 17: the
home page and listings got faster without the reader seeing any difference).

The macros as they were are kept in tests/portal/data/reference_card_macros.html; each test
renders items of every shape (photo with and without renditions or dimensions, kind, kicker,
long and short leads, characters HTML must escape, a republished story, another council's
agency) through both and compares the strings."""

import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation

from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import Image, NewsItem
from hamafza.portal import cards
from hamafza.portal.chrome import chrome_for
from hamafza.portal.links import item_path, when

pytestmark = pytest.mark.django_db

REFERENCE = (Path(__file__).parent / "data" / "reference_card_macros.html").read_text(encoding="utf-8")
RENDITIONS = [
    {"name": f"images/2026/12/p.w{w}.{ext}", "width": w, "format": fmt}
    for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")) for w in (480, 960, 1600)
]
LEADS = [
    "",
    "لید کوتاه",
    # around the 220 + 5 character limit, with and without a space to cut at
    "واژه " * 44 + "پایان",  # 225 characters: printed whole
    "واژه " * 45 + "پایان",  # 230: cut at a word
    "ب" * 230,  # no space at all
    "<b>\"لید\" & 'نقل'</b> " * 20,
]


def _image(n: int, renditions, width=1200, alt='عکس «پل» <سفید> & "آبی"') -> Image:
    # width and height set after __init__: ImageField would open the (absent) file to measure a 0
    img = Image(id=1000 + n, file=f"images/2026/12/photo-{n}.jpg", width=1, height=1, alt=alt, renditions=renditions)
    img.width, img.height = width, width // 2
    return img


def _items(world) -> list[NewsItem]:
    agencies = [world["A"].pk, world["B"].pk, world["D"].pk]  # D sits on no council: plain text
    images = [None, _image(1, RENDITIONS), _image(2, []), _image(3, RENDITIONS[:3], width=0),
              _image(4, RENDITIONS, alt="")]
    kinds = [NewsItem.Kind.NEWS, NewsItem.Kind.PHOTO_REPORT, ""]
    kickers = ["", "گزارش <ویژه> & «تازه»"]
    roles = [None, "lead", "supporting", "republished"]
    out = []
    for n, (image, kind, kicker, lead, agency, role) in enumerate(
        itertools.islice(itertools.product(images, kinds, kickers, LEADS, agencies, roles), 0, None, 7)
    ):
        item = NewsItem(id=n + 1, slug=f"خبر-{n}-آزمایشی", title=f"عنوان <{n}> & \"خبر\" «آزمایشی»", kicker=kicker,
                        lead=lead, kind=kind, lead_agency_id=agency,
                        published_at=dt.datetime(2026, 3, 20, 20, 31, tzinfo=dt.timezone.utc) + dt.timedelta(hours=7 * n))
        item.main_image = image
        if role is not None:
            item.listing_role = role
        out.append(item)
    return out


def _both(world, source: str, **context):
    reg = get_registry()
    council = reg.councils[world["council"].pk]
    chrome = chrome_for(reg, council)
    env = engines["jinja2"].env
    base = {"chrome": chrome, "reg": reg, "item_path": item_path, "when": when}
    # (the reference's macro definitions leave blank lines in front of the output)
    old = env.from_string(REFERENCE + source).render(**base, **context).lstrip("\n")
    new = env.from_string('{% import "portal/_macros.html" as m with context %}' + source.replace("{{ ", "{{ m.")).render(
        **base, card_writer=cards.CardWriter(chrome, reg), **context
    )
    return old, new


def test_the_items_cover_every_shape(world):
    items = _items(world)
    assert len(items) > 100
    assert {type(i.main_image) for i in items} == {Image, type(None)}
    assert {getattr(i, "listing_role", None) for i in items} >= {None, "republished", "lead"}
    assert {i.kind for i in items} == {"news", "photo_report", ""}


@pytest.mark.parametrize("with_lead", [False, True])
def test_cards_print_what_the_macros_printed(world, with_lead):
    items = _items(world)
    old, new = _both(world, "{{ cards(items, with_lead) }}", items=items, with_lead=with_lead)
    assert old.count('<article class="card">') == len(items)
    assert "<picture>" in old and 'class="agency-name"' in old and "card__quoted" in old and "card__kind" in old
    assert new == old


@pytest.mark.parametrize("heading", ["h3", "h2"])
def test_card_meta_image_and_agency_link_print_what_the_macros_printed(world, heading):
    items = _items(world)
    source = (
        "{% for i in items %}{{ card(i, True, heading) }}|{{ meta(i) }}|"
        "{% if i.main_image %}{{ image(i.main_image, eager=True, sizes='(max-width: 48rem) 100vw, 40rem') }}|"
        "{{ image(i.main_image) }}{% endif %}\n{% endfor %}"
        "{% for a in agencies %}{{ agency_link(a) }}|{{ agency_link(a, short=True) }}\n{% endfor %}"
    )
    reg = get_registry()
    agencies = list(reg.agencies.values())
    old, new = _both(world, source, items=items, heading=heading, agencies=agencies)
    assert f"<{heading} class=\"card__title\">" in old and 'fetchpriority="high"' in old
    assert new == old


def test_translated_words_follow_the_language(world):
    """The words the cards print come from gettext in the active language, not from a cache
    filled in another one."""
    items = [i for i in _items(world) if i.kind == "photo_report" and getattr(i, "listing_role", None) == "republished"]
    assert items
    for language in ("fa", "en", "fa"):
        with translation.override(language):
            old, new = _both(world, "{{ cards(items) }}", items=items)
            assert new == old


def test_truncate_matches_jinja():
    from jinja2.filters import do_truncate

    env = engines["jinja2"].env
    for text in [*LEADS, "a" * 225, "a " * 113, "a" * 226, " " * 230]:
        assert cards.truncate_lead(text) == do_truncate(env, text, 220), text
