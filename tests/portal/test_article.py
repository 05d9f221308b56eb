import datetime as dt
import re

from django.urls import reverse

from tests import factories

from .helpers import HOST, assert_no_latin_digits, visible_text

PUBLISHED = dt.datetime(2026, 11, 26, 11, 0, tzinfo=dt.timezone.utc)  # ۵ آذر ۱۴۰۵، ۱۴:۳۰ in Tehran


def test_home_leads_to_the_article_with_its_supporting_agencies(client, world):
    item = factories.make_item(world["A"], title="بازگشایی محور اهواز–خرمشهر", supporting=[world["B"], world["C"]])

    home = client.get("/", HTTP_HOST=HOST)
    assert home.status_code == 200
    path = reverse("portal:article", kwargs={"item_id": item.pk, "slug": item.slug})
    assert f'href="{path}"'.encode() in home.content or path.encode() in home.content

    page = client.get(path, HTTP_HOST=HOST)
    assert page.status_code == 200
    text = visible_text(page)
    assert "بازگشایی محور اهواز–خرمشهر" in text
    assert "با همکاری" in text
    assert world["B"].name in text and world["C"].name in text
    assert "به گزارش روابط عمومی اداره کل راه و شهرسازی خوزستان،" in text
    html = page.content.decode()
    assert re.search(r"<html lang=\"fa\" dir=\"rtl\"[ >]", html)
    assert reverse("portal:agency", kwargs={"slug": world["B"].slug}) in html


def test_article_shows_the_jalali_date_in_tehran_time_with_persian_digits(client, khz):
    item = factories.make_item(khz["A"], title="آغاز طرح نگهداری زمستانی", published_at=PUBLISHED)
    page = client.get(item.get_absolute_url(), HTTP_HOST=HOST)
    assert "۵ آذر ۱۴۰۵، ۱۴:۳۰" in visible_text(page)
    assert_no_latin_digits(page)


def test_a_time_after_2030_utc_is_the_next_day_in_tehran(client, world):
    item = factories.make_item(world["A"], published_at=dt.datetime(2026, 11, 26, 21, 0, tzinfo=dt.timezone.utc))
    assert "۶ آذر ۱۴۰۵، ۰۰:۳۰" in visible_text(client.get(item.get_absolute_url(), HTTP_HOST=HOST))


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client, world):
    item = factories.make_item(world["A"])
    response = client.get(f"/news/{item.pk}/not-the-slug/", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()


def test_short_link_redirects_to_the_article(client, world):
    item = factories.make_item(world["A"])
    response = client.get(f"/n/{item.pk}", HTTP_HOST=HOST)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()


def test_article_carries_canonical_open_graph_and_news_article_json_ld(client, world):
    item = factories.make_item(world["A"], title="تیتر «A320» در فرودگاه", kicker="روتیتر آزمایشی", tags=["هفته حمل و نقل"])
    html = client.get(item.get_absolute_url(), HTTP_HOST=HOST).content.decode()
    canonical = f"http://{HOST}{item.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="تیتر «A320» در فرودگاه">' in html
    assert '"@type":"NewsArticle"' in html
    assert '"headline":"تیتر «A320» در فرودگاه"' in html
    # A council allows the domestic messengers by default (issue 15): Bale and Eitaa share links,
    # Rubika a text to copy; no Telegram, WhatsApp or X until the council turns them on.
    for host in ("ble.ir", "eitaa.com"):
        assert f"https://{host}/" in html
    assert 'id="share-copy-rubika"' in html
    for host in ("t.me", "wa.me", "x.com"):
        assert f"https://{host}/" not in html
    assert reverse("portal:tag", kwargs={"slug": "هفته-حمل-و-نقل"}) in html


def test_unpublished_item_is_not_shown(client, world):
    item = factories.make_item(world["A"], published=False)
    assert client.get(item.get_absolute_url(), HTTP_HOST=HOST).status_code == 404


def test_related_items_are_the_lead_agencys_others(client, world):
    older = factories.make_item(world["A"], title="خبر پیشین راه و شهرسازی")
    other_agency = factories.make_item(world["B"], title="خبر دیگر راهداری")
    item = factories.make_item(world["A"])
    text = visible_text(client.get(item.get_absolute_url(), HTTP_HOST=HOST))
    assert older.title in text
    assert other_agency.title not in text


def test_article_shows_main_image_gallery_attachments_and_tags_in_order(client, khz):
    from hamafza.newsroom.models import Attachment, GalleryImage, Image

    def image(name, caption, credit):
        return Image.objects.create(
            agency=khz["A"], file=f"images/{name}.jpg", width=1200, height=800, caption=caption, credit=credit,
        )

    main = image("main", "نمایی از پل نادری", "علی احمدی")
    item = factories.make_item(khz["A"], title="بازسازی پل نادری", main_image=main, tags=["پل", "اهواز"])
    GalleryImage.objects.create(item=item, image=image("g2", "دومین تصویر", "مریم کریمی"), order=2)
    GalleryImage.objects.create(item=item, image=image("g1", "نخستین تصویر", ""), order=1)
    Attachment.objects.create(item=item, file="attachments/report.pdf", title="گزارش فنی پل", size=250 * 1024)

    response = client.get(item.get_absolute_url(), HTTP_HOST=HOST)
    text = visible_text(response)
    assert "نمایی از پل نادری عکس: علی احمدی" in text
    assert text.index("نخستین تصویر") < text.index("دومین تصویر")
    assert "گزارش فنی پل (۲۵۰ کیلوبایت)" in text
    html = response.content.decode()
    assert all(reverse("portal:tag", kwargs={"slug": t}) in html for t in ("اهواز", "پل"))
    assert '<meta property="og:image" content="http://khz.example.ir/media/images/main.jpg">' in html
    assert 'href="/media/attachments/report.pdf"' in html
    assert_no_latin_digits(response)
