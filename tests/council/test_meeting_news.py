from hamafza.council import actions
from hamafza.newsroom.models import NewsItem
from tests.personas import sign_in_verified

from .conftest import j


def test_a_meetings_news_draft_names_its_attendees_and_decisions(client, personas, meeting):
    actions.add_attendee(personas.secretariat, meeting, name="امید زمانی", title="رئیس اداره ارتباطات و اطلاع‌رسانی راه و شهرسازی خوزستان",
                         agency=personas.own, quote="باید از همه ظرفیت‌های ارتباطی بهره بگیریم.")
    actions.add_attendee(personas.secretariat, meeting, name="امیر طرفیانی", title="مدیرکل روابط عمومی استانداری خوزستان",
                         quote="دستگاه‌ها نباید جزیره‌ای کار کنند.")
    actions.add_resolution(personas.secretariat, meeting, "برنامه‌های پیشنهادی هفته حمل و نقل تا ۲۰ آذر به دبیرخانه برسد.",
                           [(personas.other, j(1405, 9, 20))])
    sign_in_verified(client, personas.secretariat)
    response = client.post(f"/workspace/council/meetings/{meeting.pk}/", {"action": "news"})
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.status == NewsItem.Status.DRAFT
    assert item.lead_agency == personas.council.head_agency  # the secretariat's (head) agency newsroom
    text = item.lead + item.body
    for expected in ("امید زمانی، رئیس اداره ارتباطات و اطلاع‌رسانی راه و شهرسازی خوزستان",
                     "امیر طرفیانی، مدیرکل روابط عمومی استانداری خوزستان",
                     "باید از همه ظرفیت‌های ارتباطی بهره بگیریم.", "دستگاه‌ها نباید جزیره‌ای کار کنند.",
                     "برنامه‌های پیشنهادی هفته حمل و نقل تا ۲۰ آذر به دبیرخانه برسد.", "پنجشنبه ۵ آذر ۱۴۰۵"):
        assert expected in text
    meeting.refresh_from_db()
    assert meeting.news_item == item
    assert response["Location"] == f"/workspace/items/{item.pk}/"


def test_minutes_print_to_a_pdf(client, personas, meeting):
    actions.add_attendee(personas.secretariat, meeting, name="امید زمانی", title="رئیس شورا")
    actions.save_minutes(personas.secretariat, meeting, "<p>گزارش برنامه‌های هفته حمل و نقل ارائه شد.</p><script>alert(1)</script>")
    meeting.refresh_from_db()
    assert "<script>" not in meeting.minutes
    sign_in_verified(client, personas.other_staff)
    response = client.get(f"/workspace/council/meetings/{meeting.pk}/minutes.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(response.content))
    fonts = {str(f) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    assert reader.pages and fonts
