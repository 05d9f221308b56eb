"""Uploaded files: public for published items, private otherwise, never outside the media folder."""

from django.core.files.base import ContentFile

from hamafza.newsroom.models import Attachment, NewsItem
from tests import factories
from tests.personas import sign_in_verified


def attach(item: NewsItem, name: str = "report.pdf") -> Attachment:
    attachment = Attachment(item=item, title="گزارش")
    attachment.file.save(name, ContentFile(b"%PDF-1.4 test"), save=True)
    return attachment


def test_an_attachment_of_a_published_item_is_public_and_cacheable(world, client):
    item = factories.make_item(world["A"])
    attachment = attach(item)
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "public" in response["Cache-Control"]


def test_an_attachment_of_a_draft_is_hidden_from_outsiders(personas, client):
    draft = factories.make_item(personas.world["A"], published=False)
    attachment = attach(draft)
    assert client.get(attachment.file.url).status_code == 404  # anonymous
    sign_in_verified(client, personas.other_staff)
    assert client.get(attachment.file.url).status_code == 404
    sign_in_verified(client, personas.own_staff)
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_paths_outside_the_media_folder_are_refused(world, client):
    for path in ("/media/../settings.py", "/media/%2e%2e/secret_key", "/media/nothing/here.jpg"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "پیدا نشد" in response.content.decode()
