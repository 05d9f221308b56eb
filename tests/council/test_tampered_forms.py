"""Forms sent with ids the page never offered — another council's agency, item or an id past
2^63 — answer 400 with a Persian message and the typed text, and save nothing; an agency's choice
it may not make (another agency of the same council) is refused with 403."""

from __future__ import annotations

import pytest

from hamafza.council.models import CampaignItem, Meeting, ProgramProposal, ProgressUpdate, Resolution
from hamafza.council import actions
from tests.personas import sign_in_verified

from .conftest import j


@pytest.fixture
def task(personas, frozen):
    return actions.create_task(personas.secretariat, council=personas.council, title="گزارش تصویری", agency=personas.other,
                               deadline=j(1405, 9, 20))


def _refused(client, url, data, typed: str):
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400, (url, data, response.status_code)
    assert 'class="error banner"' in page
    assert typed in page  # what was typed is shown again


def test_the_secretariat_cannot_reach_into_the_other_council(client, personas, campaign, meeting, elsewhere):
    sign_in_verified(client, personas.secretariat)
    d = personas.pending_supporting.pk  # sits only on council 2
    _refused(client, f"/workspace/council/campaigns/{campaign.pk}/",
             {"action": "propose", "agency": d, "title": "برنامه بندر", "date": "۱۴۰۵/۰۹/۲۶"}, "برنامه بندر")
    _refused(client, f"/workspace/council/campaigns/{campaign.pk}/",
             {"action": "tag", "item": f"https://bsh.example.ir/news/{elsewhere['item'].pk}/x"}, "bsh.example.ir")
    _refused(client, f"/workspace/council/meetings/{meeting.pk}/",
             {"action": "resolution", "text": "مصوبه بندر", "agencies": [d], "deadline": "۱۴۰۵/۰۹/۲۰"}, "مصوبه بندر")
    _refused(client, f"/workspace/council/meetings/{meeting.pk}/",
             {"action": "agenda", "title": "گزارش بندر", "agency": d, "asks_report": "1"}, "گزارش بندر")
    _refused(client, "/workspace/council/meetings/",
             {"title": "نشست بزرگ", "date": "۱۴۰۵/۰۹/۱۰", "time": "۱۰:۰۰", "agencies": [str(2**70)]}, "نشست بزرگ")
    _refused(client, "/workspace/council/campaigns/",
             {"title": "پویش بندر", "start_date": "۱۴۰۵/۰۹/۱۰", "end_date": "۱۴۰۵/۰۹/۲۰", "agencies": [d]}, "پویش بندر")
    assert not ProgramProposal.objects.exists() and not CampaignItem.objects.exists()
    assert not Resolution.objects.filter(meeting=meeting).exists() and Meeting.objects.count() == 2  # ours and council 2's
    assert not meeting.agenda.exists() and not meeting.reports.exists()
    # Council 2's meeting is not found at all.
    assert client.post(f"/workspace/council/meetings/{elsewhere['meeting'].pk}/", {"action": "minutes", "minutes": "x"}).status_code == 404


def test_an_agency_cites_only_its_councils_published_news_as_evidence(client, personas, task, elsewhere):
    sign_in_verified(client, personas.other_head)
    _refused(client, f"/workspace/council/tasks/{task.pk}/",
             {"action": "progress", "note": "گزارش بوشهر", "evidence_item": str(elsewhere["item"].pk)}, "گزارش بوشهر")
    assert not ProgressUpdate.objects.exists()


def test_an_agency_may_not_choose_another_agency_of_its_council(client, personas, campaign, task):
    sign_in_verified(client, personas.own_staff)
    response = client.post(f"/workspace/council/campaigns/{campaign.pk}/",
                           {"action": "propose", "agency": personas.other.pk, "title": "برنامه", "date": "۱۴۰۵/۰۹/۲۶"})
    assert response.status_code == 403 and not ProgramProposal.objects.exists()
