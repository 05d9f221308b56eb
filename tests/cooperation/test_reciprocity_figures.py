"""The reciprocity record's figures on a small known dataset (see reciprocity_factories.make_dataset),
built once for the module (reciprocity_once); each test runs in its own savepoint with its own copy.
The figures of a council with no dataset are in test_reciprocity_empty.py."""

import pytest

from hamafza.agencies.registry import get_registry
from hamafza.cooperation import reciprocity
from hamafza.reporting import periods
from tests import factories

from .reciprocity_factories import at, ask
from .reciprocity_once import _built, dataset, personas, world  # noqa: F401  (fixtures over the module's data)

ABAN = periods.month(1405, 8)
MEHR = periods.month(1405, 7)

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


def _rows(personas, period):
    return {r.agency_id: r for r in reciprocity.council_record(personas.council.pk, period)}


def test_requests_sent_received_and_their_answers(personas, dataset):
    rows = _rows(personas, ABAN)
    a, b, c = rows[personas.own.pk], rows[personas.other.pk], rows[personas.supporting.pk]
    # A sent R1, R2, R6 and R7 (withdrawn requests were still sent); R5 belongs to Mehr.
    assert (a.requests_sent, b.requests_sent, c.requests_sent) == (4, 1, 1)
    # B received R1 and R2 (R7 was withdrawn): accepted both.
    assert (b.requests_received, b.accepted, b.declined, b.expired, b.pending) == (2, 2, 0, 0, 0)
    # A received R3 (deadline passed without an answer: expired, though still marked pending) and R4.
    assert (a.requests_received, a.accepted, a.declined, a.expired, a.pending) == (2, 1, 0, 1, 0)
    # C received R1 (declined), R3 (marked expired) and R6 (still open before its deadline).
    assert (c.requests_received, c.accepted, c.declined, c.expired, c.pending) == (3, 0, 1, 1, 1)


def test_median_response_time_in_hours(personas, dataset):
    rows = _rows(personas, ABAN)
    b, c = rows[personas.other.pk], rows[personas.supporting.pk]
    assert b.median_response_hours == 3  # answers after 2 h and 4 h
    assert b.median_response_text == "۳ ساعت"
    assert c.median_response_hours == 6
    assert rows[personas.own.pk].median_response_hours == 1
    assert reciprocity.format_hours(5400) == "۱٫۵ ساعت"
    assert reciprocity.format_hours(None) == "—"
    # A fourth answer of B after 9 h: the median of 2, 4 and 9 is 4.
    ask(personas.council, personas.own, {personas.other: ("declined", 9)}, created=at(1405, 8, 25))
    assert _rows(personas, ABAN)[personas.other.pk].median_response_hours == 4


def test_items_amplified_for_and_by_others_and_supporting_collaborations(personas, dataset):
    rows = _rows(personas, ABAN)
    a, b, c = rows[personas.own.pk], rows[personas.other.pk], rows[personas.supporting.pk]
    assert (b.amplified_for_others, b.amplified_by_others) == (2, 0)
    assert (a.amplified_for_others, a.amplified_by_others) == (0, 2)
    # R4 was a support request on a draft: a collaboration, not a republication.
    assert (a.supported_others, c.supported_by_others) == (1, 1)
    assert c.amplified_for_others == 0


def test_help_requests_offers_acceptances_and_deliveries(personas, dataset):
    rows = _rows(personas, ABAN)
    a, b, c = rows[personas.own.pk], rows[personas.other.pk], rows[personas.supporting.pk]
    assert (b.help_sent, b.help_received) == (1, 1)
    assert (c.offers_made, c.offers_accepted, c.deliveries) == (1, 1, 1)
    assert (a.help_sent, a.offers_made, a.offers_accepted, a.deliveries) == (1, 1, 0, 0)
    assert b.offers_made == 0  # its only offer was withdrawn


def test_jalali_period_boundaries(personas, dataset):
    # R5 was asked on the last evening of Mehr (22 October, 23:30 in Tehran): Mehr, not Aban.
    assert _rows(personas, MEHR)[personas.other.pk].amplified_for_others == 1
    assert _rows(personas, MEHR)[personas.own.pk].requests_sent == 1
    # R6 was asked on the last evening of Aban: Aban, not Azar.
    assert _rows(personas, ABAN)[personas.supporting.pk].pending == 1
    assert _rows(personas, periods.month(1405, 9))[personas.own.pk].requests_sent == 0
    # The autumn quarter and the year hold both months.
    autumn = _rows(personas, periods.quarter(1405, 3))
    assert autumn[personas.other.pk].amplified_for_others == 3
    assert autumn[personas.own.pk].requests_sent == 5
    assert _rows(personas, periods.year(1405))[personas.own.pk].requests_sent == 5
    assert _rows(personas, periods.year(1404))[personas.own.pk].requests_sent == 0
    since, until = ABAN.bounds()
    assert since.isoformat() == "2026-10-23T00:00:00+03:30" and until.isoformat() == "2026-11-22T00:00:00+03:30"


def test_only_the_councils_requests_count(personas, dataset):
    """A request made on another council does not count in this council's record."""
    other_council = factories.make_council(personas.own, [personas.other], slug="another")
    ask(other_council, personas.own, {personas.other: ("accepted", 1)}, created=at(1405, 8, 6))
    assert _rows(personas, ABAN)[personas.other.pk].amplified_for_others == 2
    # The activity report of an agency (all its councils) counts it.
    figures = reciprocity.agency_figures(personas.other.pk, at(1405, 8, 1).date(), at(1405, 8, 30).date())
    assert figures.amplified_for_others == 3


def test_the_whole_council_in_a_fixed_number_of_queries(personas, dataset, django_assert_num_queries):
    get_registry()
    # Five queries of the cooperation figures and one of the coverage line (hamafza.coverage's reader).
    with django_assert_num_queries(6):
        rows = reciprocity.council_record(personas.council.pk, ABAN)
    assert len(rows) == 3
    for n in range(4):
        agency = factories.make_agency(f"دستگاه تازه {n}")
        personas.council.memberships.create(agency=agency)
        ask(personas.council, agency, {personas.own: ("accepted", 1)}, created=at(1405, 8, 9))
    get_registry()
    with django_assert_num_queries(6):
        rows = reciprocity.council_record(personas.council.pk, ABAN)
    assert len(rows) == 7 and sum(r.requests_sent for r in rows) == 6 + 4


def test_sorting_puts_missing_medians_last(personas, dataset):
    rows = reciprocity.council_record(personas.council.pk, MEHR)
    ordered = reciprocity.sort_rows(rows, "median_response_seconds", descending=True)
    assert ordered[0].agency_id == personas.other.pk and ordered[-1].median_response_seconds is None
    by_figure = reciprocity.sort_rows(reciprocity.council_record(personas.council.pk, ABAN), "amplified_for_others", True)
    assert by_figure[0].agency_id == personas.other.pk


def test_a_campaign_period_counts_the_campaigns_own_days(client, personas, dataset):
    """A campaign from 8 to 12 Aban holds R2 (10 Aban) and R3 (12 Aban) only, though its months
    are all of Aban; the record page offers the council's campaigns and refuses another council's."""
    from django.urls import reverse

    from hamafza.council import actions as council_actions
    from hamafza.persian.jalali import jalali_to_gregorian
    from tests.personas import sign_in_verified

    campaign = council_actions.create_campaign(
        personas.secretariat, council=personas.council, title="هفتهٔ ایمنی راه‌ها",
        start_date=jalali_to_gregorian(1405, 8, 8), end_date=jalali_to_gregorian(1405, 8, 12),
    )
    rows = _rows(personas, periods.campaign(campaign))
    a, b = rows[personas.own.pk], rows[personas.other.pk]
    assert (a.requests_sent, b.requests_sent) == (1, 1)  # R2 by A, R3 by B
    assert (b.requests_received, b.accepted) == (1, 1)  # R2

    sign_in_verified(client, personas.secretariat)
    url = reverse("workspace:cooperation:reciprocity")
    page = client.get(url, {"kind": "campaign", "campaign": campaign.pk})
    assert page.status_code == 200 and "هفتهٔ ایمنی راه‌ها" in page.content.decode()
    other = factories.make_council(personas.pending_supporting, [], hostname="bsh.example.ir", short_name="بوشهر",
                                   slug="bushehr")
    foreign = council_actions.create_campaign(personas.admin, council=other, title="پویش دیگر", start_date=campaign.start_date,
                                              end_date=campaign.end_date)
    refused = client.get(url, {"kind": "campaign", "campaign": foreign.pk})
    assert refused.status_code == 400 and "پویش را از فهرست" in refused.content.decode()
