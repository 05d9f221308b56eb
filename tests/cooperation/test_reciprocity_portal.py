"""The public «همکاری» section of an agency's portal page: the last twelve months."""

import datetime as dt
import re

from django.core.cache import cache

from hamafza.cooperation import reciprocity
from tests.portal.helpers import HOST, visible_text

from .reciprocity_factories import NOW, ask, help_request


def _section(response) -> dict[str, str]:
    html = response.content.decode()
    if 'class="agency-coop"' not in html:
        return {}
    block = html.split('class="agency-coop"', 1)[1].split("</section>", 1)[0]
    return {text.strip(): n for n, text in re.findall(r"<strong>([^<]+)</strong> <span>([^<]+)</span>", block)}


def test_an_agency_page_shows_what_it_did_for_others_and_others_for_it(client, personas, dataset):
    b = client.get(f"/agency/{personas.other.slug}/", HTTP_HOST=HOST)
    assert b.status_code == 200
    figures = _section(b)
    # R1, R2 (Aban) and R5 (Mehr) accepted by B; C's help on B's H1.
    assert figures["خبر دستگاه‌های دیگر را بازنشر کرد"] == "۳"
    assert figures["خبرش را دستگاه‌های دیگر بازنشر کردند"] == "۰"
    assert figures["بار از دیگران کمک گرفت"] == "۱"
    assert "در دوازده ماه گذشته" in visible_text(b)
    block = b.content.decode().split('class="agency-coop"', 1)[1].split("</section>", 1)[0]
    assert not re.search(r"[0-9]", re.sub(r"<[^>]+>", "", block))  # Persian digits only
    a = _section(client.get(f"/agency/{personas.own.slug}/", HTTP_HOST=HOST))
    assert a["خبرش را دستگاه‌های دیگر بازنشر کردند"] == "۳"
    assert a["خبر دستگاه‌های دیگر را بازنشر کرد"] == "۰"  # R4 was a support request, not a republication
    c = _section(client.get(f"/agency/{personas.supporting.slug}/", HTTP_HOST=HOST))
    assert c["بار در تولید محتوا به دیگران کمک کرد"] == "۱"


def test_only_the_last_twelve_months_of_this_council_count(personas, frozen):
    p = personas
    ask(p.council, p.own, {p.other: ("accepted", 1)}, created=NOW - dt.timedelta(days=400))
    ask(p.council, p.own, {p.other: ("declined", 1)}, created=NOW - dt.timedelta(days=10))
    ask(p.council, p.own, {p.other: ("accepted", 1)}, created=NOW - dt.timedelta(days=300))
    help_request(p.council, p.own, created=NOW - dt.timedelta(days=20), offers={p.other: ("offered", False)})
    summary = reciprocity.public_summary(p.council.pk, p.other.pk)
    assert summary["amplified_for_others"] == 1 and summary["help_given"] == 0 and summary["any"]


def test_an_agency_with_no_cooperation_shows_no_section_and_the_figures_are_cached(client, personas, frozen):
    p = personas
    response = client.get(f"/agency/{p.other.slug}/", HTTP_HOST=HOST)
    assert response.status_code == 200 and _section(response) == {}
    # Cached for ten minutes: a new acceptance shows once the cache entry is gone.
    ask(p.council, p.own, {p.other: ("accepted", 1)}, created=NOW - dt.timedelta(days=1))
    assert _section(client.get(f"/agency/{p.other.slug}/", HTTP_HOST=HOST)) == {}
    cache.delete(f"coop:public:{p.council.pk}:{p.other.pk}")
    assert _section(client.get(f"/agency/{p.other.slug}/", HTTP_HOST=HOST))["خبر دستگاه‌های دیگر را بازنشر کرد"] == "۱"
