import datetime as dt
from urllib.parse import unquote

from hamafza.newsroom.models import Attachment, GalleryImage, Image
from tests import factories

from .conftest import assert_persian_error


def test_it_shows_a_published_item_with_its_agencies_tags_and_sectors(api, world, sectors):
    item = factories.make_item(
        world["A"], title="آغاز هفتهٔ حمل و نقل", kicker="با حضور مدیران کل", city="اهواز",
        body="<p>متن <strong>خبر</strong></p>", supporting=[world["C"], world["B"]],
        sectors=[sectors["rail"], sectors["road"]], tags=["هفته حمل و نقل"],
        published_at=dt.datetime(2026, 11, 26, 11, 0, tzinfo=dt.UTC),
    )

    response, body = api.get(f"news/{item.pk}")

    assert response.status_code == 200
    assert body["kicker"] == "با حضور مدیران کل"
    assert body["title"] == "آغاز هفتهٔ حمل و نقل"
    assert body["body"] == "<p>متن <strong>خبر</strong></p>"
    assert body["lead_agency"]["id"] == world["A"].pk
    assert [a["id"] for a in body["supporting_agencies"]] == [world["C"].pk, world["B"].pk]
    assert [s["code"] for s in body["sectors"]] == ["road", "rail"]
    assert body["tags"] == [{"slug": item.tags.get().slug, "name": "هفته حمل و نقل"}]
    assert dt.datetime.fromisoformat(body["published_at"]) == item.published_at
    assert body["published_at_jalali"] == "1405-09-05T14:30:00+03:30"
    assert body["short_url"] == f"http://khz.example.ir/n/{item.pk}"
    assert unquote(body["url"]) == f"http://khz.example.ir/news/{item.pk}/{item.slug}/"
    assert body["main_image"] is None and body["gallery"] == [] and body["attachments"] == []


def test_it_shows_images_with_caption_and_credit_and_attachments(api, world):
    photo = Image.objects.create(
        agency=world["A"], file="images/2026/11/bridge.jpg", width=1200, height=800,
        caption="پل سفید اهواز", credit="عکس: روابط عمومی", alt="پل",
    )
    item = factories.make_item(world["A"], main_image=photo)
    GalleryImage.objects.create(item=item, image=photo)
    Attachment.objects.create(item=item, file="attachments/2026/11/report.pdf", title="گزارش عملکرد", size=2048)

    _, body = api.get(f"news/{item.pk}")

    expected_image = {
        "url": "http://khz.example.ir/media/images/2026/11/bridge.jpg", "width": 1200, "height": 800,
        "caption": "پل سفید اهواز", "credit": "عکس: روابط عمومی", "alt": "پل",
    }
    assert body["main_image"] == expected_image
    assert body["gallery"] == [expected_image]
    assert body["attachments"] == [
        {"title": "گزارش عملکرد", "url": "http://khz.example.ir/media/attachments/2026/11/report.pdf", "size": 2048}
    ]


def test_a_draft_is_not_found(api, world):
    draft = factories.make_item(world["A"], published=False)

    response, body = api.get(f"news/{draft.pk}")

    assert_persian_error(response, body, 404)


def test_an_unknown_id_is_not_found(api):
    for item_id in ("999999", "0", "-3", "abc", "9" * 30):
        response, body = api.get(f"news/{item_id}")

        assert_persian_error(response, body, 404)


def test_the_detail_reads_a_fixed_number_of_queries(api, world, django_assert_num_queries):
    others = [factories.make_agency() for _ in range(10)]
    item = factories.make_item(world["A"], supporting=others, tags=["اربعین", "مرز شلمچه"])
    api.get("sectors")  # the registry loads once per change, not per request

    with django_assert_num_queries(6):  # item, agencies, sectors, gallery, attachments, tags
        response, body = api.get(f"news/{item.pk}")

    assert len(body["supporting_agencies"]) == 10
