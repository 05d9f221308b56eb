"""Ids in the editor's form must belong to the caller's councils (issue 12, leaks 4 and 5): a photo
of another council's library is refused as main image and in the gallery (one rule:
policy.can_use_image), an agency that shares no council with the lead agency cannot be made a
supporting agency, and every new supporting agency is invited — never credited without saying
yes. Refusals are Persian messages; nothing saved is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget
from hamafza.newsroom import actions, media
from hamafza.newsroom.models import ItemAgency, NewsItem
from tests import factories
from tests.newsroom.test_media import jpeg_bytes
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

KHZ, BSH = "khz.example.ir", "bsh.example.ir"
HX = {"HX-Request": "true"}


@pytest.fixture
def bushehr(personas):
    """Council 2: D heads it and sits on no other council; council 1 is the world's (A, B, C)."""
    return factories.make_council(personas.pending_supporting, [], hostname=BSH, slug="bushehr", short_name="شورای بوشهر")


def photo(agency, shared: bool):
    upload = SimpleUploadedFile("p.jpg", jpeg_bytes(400, 300, exif=False))
    return factories.make_image(agency, upload, media.ImageMeta(caption="عکس کتابخانه", shared=shared))


def draft_of(user, agency, **data) -> NewsItem:
    return actions.do_create_draft(user, agency, {"title": "پیش‌نویس آزمایشی", "lead": "لید ذخیره‌شده", **data})


def save(client, item, **fields):
    data = {"base_revision": item.revision, "title": item.title, **fields}
    return client.post(f"/workspace/news/{item.pk}/save/", data, headers=HX)


# --- Photos --------------------------------------------------------------------------------------

def test_another_councils_shared_photo_cannot_become_a_main_image(client, personas, bushehr):
    """Leak 4: an editor of council 2 names a council-1 photo as main image."""
    foreign = photo(personas.other, shared=True)  # B, council 1, shared with its council
    item = draft_of(personas.pending_supporting_staff, personas.pending_supporting)
    sign_in_verified(client, personas.pending_supporting_staff)
    response = save(client, item, main_image=str(foreign.pk), lead="لید تازه")
    assert response.status_code == 200
    assert "در دسترس این دستگاه نیست" in response.content.decode()
    item.refresh_from_db()
    assert item.main_image_id is None and item.lead == "لید تازه"  # the rest of the edit is kept
    editor = client.get(f"/workspace/news/{item.pk}/").content.decode()
    assert foreign.file.name not in editor
    assert client.get(f"/media/{foreign.file.name}").status_code == 404


def test_another_councils_shared_photo_cannot_join_a_gallery(client, personas, bushehr):
    foreign = photo(personas.other, shared=True)
    item = draft_of(personas.pending_supporting_staff, personas.pending_supporting)
    sign_in_verified(client, personas.pending_supporting_staff)
    response = save(client, item, gallery_present="1", gallery=[str(foreign.pk)])
    assert "در دسترس این دستگاه نیست" in response.content.decode()
    assert not item.gallery.exists()


def test_photos_shared_within_the_council_are_usable_and_private_ones_are_not(client, personas):
    shared, private = photo(personas.other, shared=True), photo(personas.other, shared=False)
    item = draft_of(personas.own_staff, personas.own)
    sign_in_verified(client, personas.own_staff)
    save(client, item, main_image=str(shared.pk), gallery_present="1", gallery=[str(shared.pk)])
    item.refresh_from_db()
    assert item.main_image_id == shared.pk and list(item.gallery.values_list("image_id", flat=True)) == [shared.pk]
    response = save(client, item, main_image=str(private.pk))
    assert "در دسترس این دستگاه نیست" in response.content.decode()
    assert NewsItem.objects.get(pk=item.pk).main_image_id == shared.pk


@pytest.mark.parametrize("value", [str(2**63), str(2**70), "-1", "0", "abc"])
def test_an_impossible_image_id_is_a_message_not_an_error(client, personas, value):
    item = draft_of(personas.own_staff, personas.own)
    sign_in_verified(client, personas.own_staff)
    response = save(client, item, main_image=value, lead="لید تازه")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.lead == "لید تازه" and item.main_image_id is None


# --- Supporting agencies -------------------------------------------------------------------------

def test_an_agency_of_another_council_cannot_be_made_supporting(client, personas, bushehr):
    """Leak 5: a tampered `supporting=<D>` (D sits only on council 2) is refused, so the item never
    shows on council 2's portal credited to D."""
    item = draft_of(personas.own_staff, personas.own)
    sign_in_verified(client, personas.own_staff)
    response = save(client, item, supporting_present="1", supporting=[str(personas.pending_supporting.pk)], lead="لید تازه")
    html = response.content.decode()
    assert "بنادر بوشهر" in html and "شورا" in html
    assert not ItemAgency.objects.filter(item=item, agency=personas.pending_supporting).exists()
    assert NewsItem.objects.get(pk=item.pk).lead == "لید تازه"
    actions.do_submit(personas.own_staff, NewsItem.objects.get(pk=item.pk))
    actions.do_publish(personas.own_head, NewsItem.objects.get(pk=item.pk))
    item = NewsItem.objects.get(pk=item.pk)
    assert client.get(f"/news/{item.pk}/{item.slug}/", HTTP_HOST=BSH).status_code == 404
    assert client.get(f"/api/v1/news/{item.pk}", HTTP_HOST=BSH).status_code == 404


def test_a_new_supporting_agency_is_invited_and_not_credited_until_it_accepts(client, personas):
    item = draft_of(personas.own_staff, personas.own)
    sign_in_verified(client, personas.own_staff)
    save(client, item, supporting_present="1", supporting=[str(personas.supporting.pk)])
    target = AmplificationTarget.objects.get(request__item=item, agency=personas.supporting)
    assert target.request.kind == AmplificationRequest.Kind.SUPPORT and target.status == AmplificationTarget.Status.PENDING
    assert ItemAgency.objects.get(item=item, agency=personas.supporting).accepted_at is None
    # Published before C answered: C is not credited anywhere.
    actions.do_submit(personas.own_staff, NewsItem.objects.get(pk=item.pk))
    actions.do_publish(personas.own_head, NewsItem.objects.get(pk=item.pk))
    assert not ItemAgency.objects.filter(item=item, agency=personas.supporting).exists()
    target.refresh_from_db()
    assert target.status == AmplificationTarget.Status.WITHDRAWN  # no longer answerable in C's inbox
    body = client.get(f"/api/v1/news/{item.pk}", HTTP_HOST=KHZ).json()
    assert body["supporting_agencies"] == []


def test_only_the_lead_agency_invites(client, personas):
    """A supporting agency granted editing may edit the text, not invite further agencies."""
    item = draft_of(personas.own_staff, personas.own)
    ItemAgency.objects.create(item=item, agency=personas.supporting, role=ItemAgency.Role.SUPPORTING, order=1,
                              accepted_at=item.created_at, can_edit=True)
    sign_in_verified(client, personas.supporting_staff)
    response = save(client, item, supporting_present="1",
                    supporting=[str(personas.supporting.pk), str(personas.other.pk)], lead="لید همکار")
    assert "دستگاه اصلی" in response.content.decode()
    assert not ItemAgency.objects.filter(item=item, agency=personas.other).exists()
    assert NewsItem.objects.get(pk=item.pk).lead == "لید همکار"


def test_a_correction_cannot_add_a_supporting_agency(client, personas):
    item = draft_of(personas.own_staff, personas.own)
    actions.do_submit(personas.own_staff, item)
    actions.do_publish(personas.own_head, NewsItem.objects.get(pk=item.pk))
    item = NewsItem.objects.get(pk=item.pk)
    with pytest.raises(actions.ValidationError) as exc:
        actions.do_correct(personas.own_head, item, {"supporting": [personas.other.pk]}, "یادداشت", item.revision)
    assert "بازنشر" in exc.value.message_dict["supporting"][0]
    assert not ItemAgency.objects.filter(item=item, agency=personas.other).exists()
