"""The consolidated report carries each agency's line of the council's reciprocity record; an item
another agency republished counts for the reciprocity record, not as an item that agency led."""

import pytest
from django.template.loader import render_to_string

from hamafza.cooperation import amplification
from hamafza.reporting import periods, report
from tests.cooperation.amp_helpers import ask_b_and_c

from .conftest import council_info

pytestmark = pytest.mark.django_db


def test_the_report_shows_republication_and_help(personas):
    request = ask_b_and_c(personas)
    amplification.accept(personas.other_head, request.targets.get(agency=personas.other))
    data = report.build(council_info(personas.council), periods.year(periods.current_month()[0]))
    sections = {s.agency.id: s for s in data["sections"]}
    other, own = sections[personas.other.pk], sections[personas.own.pk]
    assert other.led == 0  # B republished A's item: it did not lead it
    assert other.reciprocity.amplified_for_others == 1 and own.reciprocity.amplified_by_others == 1
    assert own.reciprocity.requests_sent == 1 and data["totals"]["amplified"] == 1
    html = render_to_string("reporting/_report_body.html", data)
    assert "۱ خبر دیگران را بازنشر کرده" in html and "بازنشر خبر دستگاه‌های دیگر" in html
