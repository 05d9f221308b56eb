"""The consolidated PDF of the demo year, checked on the PDF itself: Vazirmatn embedded, no
missing glyph, and Persian words drawn in their joined forms, right to left."""

import pytest

from hamafza.agencies.registry import get_registry
from hamafza.demo import loader
from hamafza.reporting import periods, report

from . import pdfglyphs

pytestmark = pytest.mark.django_db

# «عملکرد» in «گزارش عملکرد»: ع initial, م ل ک medial, ر final, د alone (ر does not join left).
AMALKARD = [("ع", "init"), ("م", "medi"), ("ل", "medi"), ("ک", "medi"), ("ر", "fina"), ("د", "isol")]
# «شهر» in «شهرسازی»: ش initial, ه medial, ر final.
SHAHR = [("ش", "init"), ("ه", "medi"), ("ر", "fina")]


@pytest.fixture(scope="module")
def demo_pdf(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            loader.load()  # with the reporting demo's figures
            council = get_registry().default_council
            data = report.build(council, periods.year(1404))
            pdf, seconds = report.render_pdf(data)
            transaction.set_rollback(True)
    return pdf, seconds, data


def test_vazirmatn_is_embedded(demo_pdf):
    fonts = pdfglyphs.embedded_fonts(demo_pdf[0])
    assert fonts and all("Vazirmatn" in name for name in fonts)
    assert all(len(program) > 1000 for program in fonts.values())


def test_no_missing_glyph_boxes(demo_pdf):
    runs = pdfglyphs.text_runs(demo_pdf[0])
    assert sum(len(r) for r in runs) > 1000
    assert all(g.gid != 0 for run in runs for g in run)


@pytest.mark.parametrize("word", [AMALKARD, SHAHR])
def test_words_are_shaped_and_right_to_left(demo_pdf, word):
    runs = pdfglyphs.text_runs(demo_pdf[0])
    shaped = pdfglyphs.shaped(word)
    # The contextual forms differ from the isolated ones: found, they prove shaping happened.
    assert shaped != pdfglyphs.shaped([(ch, "isol") for ch, _ in word])
    glyphs = pdfglyphs.find(runs, shaped)
    assert glyphs is not None, "the shaped word is not in the PDF"
    xs = [g.x for g in glyphs]
    assert xs == sorted(xs, reverse=True) and len(set(xs)) == len(xs)
    assert pdfglyphs.find(runs, pdfglyphs.shaped([(ch, "isol") for ch, _ in word])) is None


def test_the_report_covers_every_agency_with_figures(demo_pdf):
    pdf, _seconds, data = demo_pdf  # how long it takes is measured in bench/, not asserted here
    with_figures = [s for s in data["sections"] if s.lines]
    assert len(with_figures) >= 7
    assert all(line.total is not None for s in with_figures for line in s.lines)


def test_no_latin_digit_on_any_page_not_even_the_page_number(demo_pdf):
    import io
    import re

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(demo_pdf[0])).pages
    assert len(pages) > 1
    for n, p in enumerate(pages, 1):
        text = p.extract_text()
        assert not re.search(r"[0-9]", text), (n, re.findall(r".{0,15}[0-9].{0,15}", text)[:3])
