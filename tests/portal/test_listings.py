import datetime as dt

from hamafza.agencies.models import SocialAccount
from tests import factories

from .helpers import HOST, assert_no_latin_digits, visible_text


def test_agency_page_shows_its_profile_and_the_items_it_supports(client, khz):
    b = khz["B"]
    b.about = "متولی نگهداری راه‌های استان"
    b.phone = "061-33334444"
    b.save()
    SocialAccount.objects.create(agency=b, platform="bale", handle="@rahdari_khz", url="https://ble.ir/rahdari_khz")
    led = factories.make_item(b, title="خبر خود راهداری")
    supported = factories.make_item(khz["A"], title="خبری که راهداری در آن همکار است", supporting=[b])
    other = factories.make_item(khz["C"], title="خبر راه‌آهن بی‌ارتباط")
    response = client.get(f"/agency/{b.slug}/", HTTP_HOST=HOST)
    text = visible_text(response)
    assert led.title in text and supported.title in text and other.title not in text
    assert "متولی نگهداری راه‌های استان" in text
    assert "۰۶۱-۳۳۳۳۴۴۴۴" in text
    assert 'href="https://ble.ir/rahdari_khz"' in response.content.decode()
    assert_no_latin_digits(response, allowed=("@rahdari_khz",))


def test_sector_page_lists_the_sectors_items_with_persian_dates(client, khz):
    road = khz["sectors"]["road"]
    item = factories.make_item(
        khz["B"], title="تعمیر پل سفید", sectors=[road],
        published_at=dt.datetime(2026, 11, 26, 11, 0, tzinfo=dt.timezone.utc),
    )
    factories.make_item(khz["C"], title="خبر ریلی", sectors=[khz["sectors"]["rail"]])
    response = client.get(f"/sector/{road.slug}/", HTTP_HOST=HOST)
    text = visible_text(response)
    assert item.title in text and "خبر ریلی" not in text
    assert "۵ آذر ۱۴۰۵، ۱۴:۳۰" in text
    assert_no_latin_digits(response)


def test_tag_page_lists_tagged_items_of_this_council(client, khz):
    item = factories.make_item(khz["A"], title="برنامه‌های هفته حمل و نقل", tags=["هفته حمل و نقل"])
    factories.make_item(khz["A"], title="خبر بی‌برچسب")
    text = visible_text(client.get("/tag/هفته-حمل-و-نقل/", HTTP_HOST=HOST))
    assert item.title in text and "خبر بی‌برچسب" not in text


def test_tag_used_only_on_another_council_is_404(client, khz):
    factories.make_item(khz["D"], tags=["بندر"])
    assert client.get("/tag/بندر/", HTTP_HOST=HOST).status_code == 404


def test_listing_paginates_with_persian_page_numbers(client, khz):
    items = [factories.make_item(khz["B"], title=f"خبر راهداری {'ابپتثجچ'[i % 7]}") for i in range(21)]
    path = f"/agency/{khz['B'].slug}/"
    first_response = client.get(path, HTTP_HOST=HOST)
    first = first_response.content.decode()
    assert "صفحهٔ ۱" in visible_text(first_response) and 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get(path, {"page": "2"}, HTTP_HOST=HOST)
    html = second.content.decode()
    assert "صفحهٔ ۲" in visible_text(second) and 'rel="prev"' in html and 'rel="next"' not in html
    oldest = items[-1]  # the factories publish each item a minute before the previous one
    assert f"/news/{oldest.pk}/" in html and f"/news/{oldest.pk}/" not in first
    assert_no_latin_digits(second)


def test_archive_month_lists_that_months_items(client, khz):
    in_azar = factories.make_item(khz["A"], title="خبر آذرماه", published_at=dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.timezone.utc))
    in_aban = factories.make_item(khz["A"], title="خبر آبان‌ماه", published_at=dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.timezone.utc))
    text = visible_text(client.get("/archive/۱۴۰۵/۹/", HTTP_HOST=HOST))
    assert in_azar.title in text and in_aban.title not in text
    assert "اخبار آذر ۱۴۰۵" in text


def test_home_has_a_row_per_sector_and_the_agency_strip(client, khz):
    s = khz["sectors"]
    for n in range(13):  # the lead story and the latest twelve: a sector row shows what is not above
        factories.make_item(khz["A"], title=f"خبر تازه {'ابپتثجچحخدذرز'[n]}")
    factories.make_item(khz["B"], title="خبر جاده‌ای", sectors=[s["road"]])
    factories.make_item(khz["C"], title="خبر ریلی", sectors=[s["rail"]])
    response = client.get("/", HTTP_HOST=HOST)
    html = response.content.decode()
    assert f'id="sector-{s["road"].id}"' in html and f'id="sector-{s["rail"].id}"' in html
    assert f'id="sector-{s["maritime"].id}"' not in html
    for agency in (khz["A"], khz["B"], khz["C"]):
        assert f'href="/agency/' in html and agency.short_name in html
    assert_no_latin_digits(response)
