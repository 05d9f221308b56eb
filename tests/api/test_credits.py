"""Who an item is credited to in the API: its supporting agencies, never an agency that only
republished it at the lead agency's request (that one is «به نقل از», as on the portal)."""

from hamafza.newsroom import actions
from tests import factories


def test_a_republisher_is_not_a_supporting_agency(api, world):
    item = factories.make_item(world["A"], supporting=[world["C"]])
    actions.add_republisher(item, world["B"])
    response, body = api.get(f"news/{item.pk}")
    assert response.status_code == 200
    assert [a["id"] for a in body["supporting_agencies"]] == [world["C"].pk]
