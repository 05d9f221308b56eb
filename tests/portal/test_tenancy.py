"""Two councils on one installation: each portal shows its own agencies and items."""

import pytest

from tests import factories

from .helpers import HOST, visible_text

OTHER = "bushehr.example.ir"


@pytest.fixture
def two(world):
    bushehr = factories.make_council(world["D"], [world["B"]], hostname=OTHER, portal_title="درگاه شورای بوشهر")
    return {
        **world,
        "bushehr": bushehr,
        "khz_only": factories.make_item(world["C"], title="خبر ویژهٔ راه‌آهن جنوب"),
        "bsh_only": factories.make_item(world["D"], title="خبر ویژهٔ بنادر بوشهر"),
        "shared": factories.make_item(world["B"], title="خبر راهداری برای هر دو شورا"),
    }


def test_each_home_shows_only_its_councils_items(client, two):
    khz = visible_text(client.get("/", HTTP_HOST=HOST))
    bsh = visible_text(client.get("/", HTTP_HOST=OTHER))
    assert "خبر ویژهٔ راه‌آهن جنوب" in khz and "خبر ویژهٔ راه‌آهن جنوب" not in bsh
    assert "خبر ویژهٔ بنادر بوشهر" in bsh and "خبر ویژهٔ بنادر بوشهر" not in khz
    assert "خبر راهداری برای هر دو شورا" in khz and "خبر راهداری برای هر دو شورا" in bsh
    assert "درگاه شورای بوشهر" in bsh and "درگاه شورای بوشهر" not in khz


def test_an_agency_on_both_councils_has_a_page_on_both(client, two):
    slug = two["B"].slug
    assert client.get(f"/agency/{slug}/", HTTP_HOST=HOST).status_code == 200
    assert client.get(f"/agency/{slug}/", HTTP_HOST=OTHER).status_code == 200


def test_an_agency_of_the_other_council_is_404(client, two):
    response = client.get(f"/agency/{two['C'].slug}/", HTTP_HOST=OTHER)
    assert response.status_code == 404
    assert "چنین دستگاهی در این شورا عضو نیست." in response.content.decode()
    assert client.get(f"/agency/{two['D'].slug}/", HTTP_HOST=HOST).status_code == 404


def test_an_article_of_the_other_council_is_404(client, two):
    assert client.get(two["bsh_only"].get_absolute_url(), HTTP_HOST=HOST).status_code == 404
    assert client.get(two["khz_only"].get_absolute_url(), HTTP_HOST=OTHER).status_code == 404
    assert client.get(two["shared"].get_absolute_url(), HTTP_HOST=OTHER).status_code == 200


def test_footer_lists_the_councils_own_agencies(client, two):
    bsh = visible_text(client.get("/", HTTP_HOST=OTHER))
    assert two["D"].name in bsh and two["B"].name in bsh
    assert two["C"].name not in bsh


def test_an_allowed_host_that_no_council_names_gets_the_first_council(client, two):
    assert "خبر ویژهٔ راه‌آهن جنوب" in visible_text(client.get("/", HTTP_HOST="127.0.0.1"))


def test_an_installation_without_a_council_shows_a_friendly_page(client, db):
    # Without councils only the configured names are answered (here the loopback of tests).
    response = client.get("/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert "هنوز هیچ شورایی روی آن راه‌اندازی نشده است" in visible_text(response)
    assert client.get("/feeds/rss/", HTTP_HOST="127.0.0.1").status_code == 404
    assert client.get("/", HTTP_HOST=HOST).status_code == 400
