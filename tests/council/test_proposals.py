from hamafza.council import actions
from hamafza.council.models import ProgramProposal
from tests.personas import sign_in_verified

from .conftest import j

HOST = "khz.example.ir"


def test_a_program_proposed_then_approved_shows_on_the_public_page_on_its_jalali_day(client, personas, campaign):
    sign_in_verified(client, personas.other_head)
    response = client.post(f"/workspace/council/campaigns/{campaign.pk}/", {
        "action": "propose", "agency": personas.other.pk, "title": "بازدید خبرنگاران از راهدارخانه",
        "date": "۱۴۰۵/۰۹/۲۶", "start_time": "۱۰:۳۰", "place": "راهدارخانه اهواز", "coverage_needed": "عکاس",
    })
    assert response.status_code == 302
    proposal = ProgramProposal.objects.get()
    assert proposal.date == j(1405, 9, 26) and proposal.status == ProgramProposal.Status.PROPOSED

    page = client.get(f"/campaign/{campaign.slug}/", HTTP_HOST=HOST).content.decode()
    assert "بازدید خبرنگاران" not in page  # not approved yet

    client.logout()
    sign_in_verified(client, personas.secretariat)
    response = client.post(f"/workspace/council/proposals/{proposal.pk}/", {"action": "review", "decision": "approved"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProgramProposal.Status.APPROVED and proposal.reviewed_by == personas.secretariat

    client.logout()
    response = client.get(f"/campaign/{campaign.slug}/", HTTP_HOST=HOST)
    assert response.status_code == 200
    page = response.content.decode()
    day = page.split('data-date="2026-12-17"')[1].split("</section>")[0]
    assert "پنجشنبه ۲۶ آذر ۱۴۰۵" in day
    assert "بازدید خبرنگاران از راهدارخانه" in day and "۱۰:۳۰" in day


def test_changes_requested_go_back_to_the_agency_and_a_declined_program_stays_off_the_page(client, personas, campaign):
    p = actions.propose_program(personas.other_head, campaign=campaign, agency=personas.other, title="نمایشگاه عکس", date=j(1405, 9, 27))
    q = actions.propose_program(personas.other_head, campaign=campaign, agency=personas.other, title="همایش ایمنی", date=j(1405, 9, 28))
    sign_in_verified(client, personas.secretariat)
    response = client.post(f"/workspace/council/proposals/{p.pk}/", {"action": "review", "decision": "changes_requested"})
    assert response.status_code == 400
    assert "بنویسید چه اصلاحی لازم است" in response.content.decode()
    client.post(f"/workspace/council/proposals/{p.pk}/", {"action": "review", "decision": "changes_requested", "note": "ساعت را بگویید"})
    client.post(f"/workspace/council/proposals/{q.pk}/", {"action": "review", "decision": "declined"})
    p.refresh_from_db()
    assert p.status == ProgramProposal.Status.CHANGES_REQUESTED
    actions.update_proposal(personas.other_head, p, title="نمایشگاه عکس", date=j(1405, 9, 27), place="ایستگاه راه‌آهن")
    p.refresh_from_db()
    assert p.status == ProgramProposal.Status.PROPOSED
    page = client.get(f"/campaign/{campaign.slug}/", HTTP_HOST=HOST).content.decode()
    assert "همایش ایمنی" not in page and "نمایشگاه عکس" not in page


def test_a_news_item_tagged_to_the_campaign_shows_on_its_page(client, personas, campaign):
    from tests import factories

    item = factories.make_item(personas.own, title="آغاز هفته حمل و نقل در خوزستان")
    actions.tag_item(personas.secretariat, campaign, item)
    page = client.get(f"/campaign/{campaign.slug}/", HTTP_HOST=HOST).content.decode()
    assert "آغاز هفته حمل و نقل در خوزستان" in page and "#هفته_حمل_و_نقل" in page


def test_an_unknown_campaign_is_a_404(client, personas):
    assert client.get("/campaign/نیست/", HTTP_HOST=HOST).status_code == 404
