"""The listing rows and council placements follow an item's status and agencies."""

from hamafza.agencies.models import CouncilMembership
from hamafza.newsroom import actions
from hamafza.newsroom.models import ItemAgency, ItemSector, Placement
from tests import factories


def test_publishing_places_the_item_on_every_council_of_its_agencies(world):
    other = factories.make_council(world["D"], [world["B"]], hostname="ostan.example.ir")
    item = factories.make_item(world["D"], supporting=[world["C"]], sectors=[world["sectors"]["road"]])
    # D sits only on the other council; supporting agency C brings it to Khuzestan's portal too.
    assert set(Placement.objects.filter(item=item).values_list("council_id", flat=True)) == {
        world["council"].pk, other.pk,
    }
    assert set(ItemAgency.objects.filter(item=item).values_list("published_at", flat=True)) == {item.published_at}
    assert ItemSector.objects.get(item=item).published_at == item.published_at


def test_drafts_are_listed_nowhere(world):
    item = factories.make_item(world["A"], published=False, sectors=[world["sectors"]["road"]])
    assert not Placement.objects.filter(item=item).exists()
    assert ItemAgency.objects.get(item=item).published_at is None


def test_unpublishing_removes_the_item_from_every_listing(world):
    item = factories.make_item(world["A"], supporting=[world["B"]], sectors=[world["sectors"]["road"]])
    factories.unpublish_item(item)
    assert not Placement.objects.filter(item=item).exists()
    assert not ItemAgency.objects.filter(item=item, published_at__isnull=False).exists()
    assert not ItemSector.objects.filter(item=item, published_at__isnull=False).exists()


def test_an_agency_joining_a_council_brings_its_published_items(world, django_capture_on_commit_callbacks):
    item = factories.make_item(world["D"])
    assert not Placement.objects.filter(item=item, council=world["council"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        CouncilMembership.objects.create(council=world["council"], agency=world["D"])
    assert Placement.objects.filter(item=item, council=world["council"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        CouncilMembership.objects.filter(council=world["council"], agency=world["D"]).delete()
    assert not Placement.objects.filter(item=item, council=world["council"]).exists()


def test_changing_supporting_agencies_updates_placements(world):
    other = factories.make_council(world["D"], [], hostname="ostan.example.ir")
    item = factories.make_item(world["A"])
    assert not Placement.objects.filter(item=item, council=other).exists()
    actions.set_item_agencies(item, world["A"], [world["D"]])
    assert Placement.objects.filter(item=item, council=other).exists()
    actions.set_item_agencies(item, world["A"], [])
    assert not Placement.objects.filter(item=item, council=other).exists()


def test_body_html_is_sanitized(world):
    item = factories.make_item(world["A"], body='<p onclick="x()">متن</p><script>alert(1)</script><a href="javascript:x">پیوند</a>')
    assert "<script" not in item.body and "onclick" not in item.body and "javascript:" not in item.body
    assert "متن" in item.body
