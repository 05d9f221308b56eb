"""The media route table: who may download a file under each `upload_to` prefix, every persona
against a table WRITTEN BY HAND below (never derived from hamafza.policy), on real files made
through the product's upload paths. A prefix of any model's FileField that has no rule in
hamafza/policy/media.py, or no case in this table, fails the first tests.

The world (tests/personas.py): A is our agency, B another agency of the council, C supports
items, D sits on no council of the world. «council 2» is a second council (head B, with D) that
has no portal of its own, so its campaigns are not public.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models

from hamafza.council.models import ProgressUpdate
from hamafza.newsroom.models import Attachment
from hamafza.policy.media import RULES
from tests import factories, mediafiles
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

PERSONAS = (
    "own_staff", "own_head", "other_staff", "other_head", "supporting_staff", "pending_supporting_staff",
    "secretariat", "observer", "admin", "anonymous",
)

# fmt: off
#                                                      own  own  other other supp. pend. secre- obser- admin anony-
#                                                      staff head staff head  staff supp. tariat ver          mous
EXPECTED = {
    "a draft's image":                ("images/",      (1,   1,   0,    0,    0,    0,     0,     0,     1,    0)),
    "a draft image's rendition":      ("images/",      (1,   1,   0,    0,    0,    0,     0,     0,     1,    0)),
    "a published item's image":       ("images/",      (1,   1,   1,    1,    1,    1,     1,     1,     1,    1)),
    "a published image's rendition":  ("images/",      (1,   1,   1,    1,    1,    1,     1,     1,     1,    1)),
    "a photo shared with the council": ("images/",     (1,   1,   1,    1,    1,    0,     0,     0,     1,    0)),
    "a draft's attachment":           ("attachments/", (1,   1,   0,    0,    0,    0,     0,     0,     1,    0)),
    "a published item's attachment":  ("attachments/", (1,   1,   1,    1,    1,    1,     1,     1,     1,    1)),
    "a draft's video":                ("videos/",      (1,   1,   0,    0,    0,    0,     0,     0,     1,    0)),
    "a draft video's poster":         ("videos/",      (1,   1,   0,    0,    0,    0,     0,     0,     1,    0)),
    "a published item's video":       ("videos/",      (1,   1,   1,    1,    1,    1,     1,     1,     1,    1)),
    "a video file with no row":       ("videos/",      (0,   0,   0,    0,    0,    0,     0,     0,     0,    0)),
    "an agency's logo":               ("agencies/logos/", (1, 1,  1,    1,    1,    1,     1,     1,     1,    1)),
    "a public campaign's kit file":   ("council/kits/", (1,  1,   1,    1,    1,    1,     1,     1,     1,    1)),
    "a council-2 campaign's kit file": ("council/kits/", (0, 0,   1,    1,    0,    1,     0,     0,     1,    0)),
    "evidence of B's task":           ("council/evidence/", (0, 0, 1,   1,    0,    0,     1,     1,     1,    0)),
    "the council's report":           ("reports/",     (0,   0,   0,    0,    0,    0,     1,     1,     1,    0)),
    "a file under no prefix":         ("",             (0,   0,   0,    0,    0,    0,     0,     0,     0,    0)),
    "an attachment file with no row": ("attachments/", (0,   0,   0,    0,    0,    0,     0,     0,     0,    0)),
}
# fmt: on


def _draft_image(people, client):
    image = mediafiles.library_image(people.own)
    mediafiles.use_as_main_image(factories.make_item(people.own, published=False), image)
    return image


def _published_image(people, client):
    image = mediafiles.library_image(people.own)
    mediafiles.use_as_main_image(factories.make_item(people.own), image)
    return image


def _council_2(people):
    return factories.make_council(people.other, [people.pending_supporting], hostname=None)


BUILDERS = {
    "a draft's image": lambda people, client: _draft_image(people, client).file.name,
    "a draft image's rendition": lambda people, client: mediafiles.rendition_of(_draft_image(people, client)),
    "a published item's image": lambda people, client: _published_image(people, client).file.name,
    "a published image's rendition": lambda people, client: mediafiles.rendition_of(_published_image(people, client)),
    "a photo shared with the council": lambda people, client: mediafiles.library_image(people.own, shared=True).file.name,
    "a draft's attachment": lambda people, client: mediafiles.attachment_of(
        factories.make_item(people.own, published=False)).file.name,
    "a published item's attachment": lambda people, client: mediafiles.attachment_of(factories.make_item(people.own)).file.name,
    "a draft's video": lambda people, client: mediafiles.video_of(factories.make_item(people.own, published=False)).file.name,
    "a draft video's poster": lambda people, client: mediafiles.video_of(factories.make_item(people.own, published=False)).poster.name,
    "a published item's video": lambda people, client: mediafiles.video_of(factories.make_item(people.own)).file.name,
    "a video file with no row": lambda people, client: _stored("videos/2026/11/orphan.mp4"),
    "an agency's logo": lambda people, client: mediafiles.agency_logo(people.own),
    "a public campaign's kit file": lambda people, client: mediafiles.kit_file(
        client, people.admin, mediafiles.campaign_of(people.council)).file.name,
    "a council-2 campaign's kit file": lambda people, client: mediafiles.kit_file(
        client, people.admin, mediafiles.campaign_of(_council_2(people))).file.name,
    "evidence of B's task": lambda people, client: mediafiles.evidence_of(
        client, people.other_staff, mediafiles.task_of(people.council, people.other)).evidence_file.name,
    "the council's report": lambda people, client: mediafiles.council_report(people.council),
    "a file under no prefix": lambda people, client: _stored("notes/secret.pdf"),
    "an attachment file with no row": lambda people, client: _stored("attachments/2026/11/orphan.pdf"),
}


def _stored(name: str) -> str:
    from django.core.files.storage import default_storage

    return default_storage.save(name, ContentFile(mediafiles.PDF))


def upload_prefixes() -> dict[str, str]:
    """model.field → the static part of its upload_to (before the first «%»), for every FileField."""
    out = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                assert isinstance(field.upload_to, str), f"{model._meta.label}.{field.name}: name its prefix in media.py"
                out[f"{model._meta.label}.{field.name}"] = field.upload_to.split("%")[0]
    return out


def test_every_upload_prefix_has_a_rule():
    prefixes = upload_prefixes()
    assert {"images/", "attachments/", "council/kits/", "council/evidence/"} <= set(prefixes.values())
    missing = [f"{field} ({prefix})" for field, prefix in prefixes.items() if prefix not in RULES]
    assert not missing, "FileFields with no rule in hamafza/policy/media.py RULES:\n" + "\n".join(missing)
    assert not set(RULES) - set(prefixes.values()), "rules for prefixes no FileField uses"


def test_every_media_prefix_is_in_the_table():
    covered = {prefix for prefix, _row in EXPECTED.values()}
    missing = set(upload_prefixes().values()) - covered
    assert not missing, f"media prefixes missing from tests/test_media_matrix.py EXPECTED: {sorted(missing)}"
    assert set(BUILDERS) == set(EXPECTED)


def fetch(client, people, persona: str, name: str):
    client.logout()
    if persona != "anonymous":
        sign_in_verified(client, getattr(people, persona))
    return read(client.get(f"/media/{name}"))


def read(response):
    """The response with its file read and closed (the test client closes it safely then)."""
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("case", list(EXPECTED))
def test_who_may_download(case, client, personas):
    prefix, row = EXPECTED[case]
    name = BUILDERS[case](personas, client)
    assert name.startswith(prefix)
    got, statuses = {}, {}
    for persona in PERSONAS:
        response = fetch(client, personas, persona, name)
        statuses[persona] = response.status_code
        got[persona] = int(response.status_code == 200)
    assert set(statuses.values()) <= {200, 404}, statuses
    assert got == dict(zip(PERSONAS, row, strict=True)), statuses


def test_documents_are_downloads_and_images_are_shown(client, personas):
    attachment = mediafiles.attachment_of(factories.make_item(personas.own))
    response = read(client.get(f"/media/{attachment.file.name}"))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    image = _published_image(personas, client)
    response = read(client.get(f"/media/{image.file.name}"))
    assert response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_evidence_is_a_private_download(client, personas):
    update = mediafiles.evidence_of(client, personas.other_staff, mediafiles.task_of(personas.council, personas.other))
    response = fetch(client, personas, "secretariat", update.evidence_file.name)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_html_stored_by_older_versions_is_never_shown_inline(client, personas):
    """Evidence was stored under its sender's name before uploads were checked: an «.html» or
    «.svg» left from then is sent as an opaque download, never as a page of our origin."""
    task = mediafiles.task_of(personas.council, personas.other)
    for name, data in (("page.html", b"<html><script>alert(1)</script></html>"), ("logo.svg", b"<svg onload=alert(1)>")):
        update = ProgressUpdate(task=task, note="قدیمی")
        update.evidence_file.save(name, ContentFile(data), save=True)
        response = fetch(client, personas, "other_staff", update.evidence_file.name)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_draft_attachment_becomes_public_when_the_item_is_published(client, personas):
    item = factories.make_item(personas.own, published=False)
    attachment = mediafiles.attachment_of(item)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    factories.publish_item(item)
    response = read(client.get(f"/media/{Attachment.objects.get(pk=attachment.pk).file.name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("path", [
    "/media/attachments/%00.pdf", "/media/council/evidence/..%5C..%5Csettings.py", "/media/images//2026/x.jpg",
    "/media/council/kits/./x.pdf", "/media/attachments/" + "x" * 5000 + ".pdf", "/media/council/",
])
def test_odd_names_are_not_found(client, personas, path):
    sign_in_verified(client, personas.admin)
    response = client.get(path)
    assert response.status_code == 404
    assert "پیدا نشد" in response.content.decode()
