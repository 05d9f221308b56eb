import datetime as dt

from django.utils import timezone

from tests import factories


def _ids(body):
    return [item["id"] for item in body["results"]]


def test_it_lists_published_items_newest_first(api, world):
    now = timezone.now()
    old = factories.make_item(world["A"], published_at=now - dt.timedelta(days=2))
    new = factories.make_item(world["B"], published_at=now - dt.timedelta(hours=1))

    response, body = api.get("news")

    assert response.status_code == 200
    assert _ids(body) == [new.pk, old.pk]


def test_a_list_entry_names_its_lead_agency_and_links_to_the_portal(api, world):
    item = factories.make_item(world["B"], title="بازگشایی محور اهواز–خرمشهر", city="اهواز")

    _, body = api.get("news")
    entry = body["results"][0]

    assert entry["title"] == "بازگشایی محور اهواز–خرمشهر"
    assert entry["city"] == "اهواز"
    assert entry["lead_agency"] == {
        "id": world["B"].pk, "slug": "راهداری", "name": world["B"].name, "short_name": "راهداری",
    }
    assert entry["short_url"] == f"http://khz.example.ir/n/{item.pk}"
    assert str(item.pk) in entry["url"]


def test_drafts_and_unpublished_items_never_appear(api, world):
    draft = factories.make_item(world["A"], published=False)
    withdrawn = factories.make_item(world["A"])
    factories.unpublish_item(withdrawn)
    shown = factories.make_item(world["A"])

    _, body = api.get("news")

    assert _ids(body) == [shown.pk]
    assert draft.pk not in _ids(body)


def test_items_of_agencies_outside_the_council_do_not_appear(api, world):
    factories.make_item(world["D"])

    _, body = api.get("news")

    assert body["results"] == []


def test_an_outside_agencys_item_appears_when_a_member_supports_it(api, world):
    item = factories.make_item(world["D"], supporting=[world["B"]])

    _, body = api.get("news")

    assert _ids(body) == [item.pk]


def test_the_list_reads_one_query_whatever_the_page_size(api, world, django_assert_num_queries):
    for _ in range(5):
        factories.make_item(world["A"])
    api.get("sectors")  # the registry loads once per change, not per request

    with django_assert_num_queries(1):
        response, body = api.get("news", page_size=3)

    assert len(body["results"]) == 3
