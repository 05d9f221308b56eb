"""The version shown in the editor's header: «نسخهٔ ۱» for a new draft and for the demo's items
(which the loader writes outside the editor, with their first revision); an item that has no
revision yet (written by an import) shows no «نسخهٔ ۰», and its first save makes it version 1."""

import re

from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem, Revision
from tests import factories
from tests.personas import sign_in_verified


def _label(html: str) -> re.Match:
    return re.search(r'<span class="muted" id="revision-label"( hidden)?>نسخهٔ <span id="revision-number">([^<]*)</span>', html)


def test_a_new_draft_is_version_one(client, personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "بازدید مدیرکل از پروژه‌های راه"})
    sign_in_verified(client, personas.own_staff)
    label = _label(client.get(f"/workspace/news/{item.pk}/").content.decode())
    assert label.group(1) is None and label.group(2) == "۱"


def test_an_item_without_a_revision_shows_no_version_zero_until_its_first_save(client, personas):
    item = factories.make_item(personas.own, published=False, title="خبر درون‌ریزی‌شده")
    assert item.revision == 0
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{item.pk}/").content.decode()
    label = _label(html)
    assert label.group(1) == " hidden"  # no «نسخهٔ ۰» for people to read
    assert 'name="base_revision" value="0"' in html
    response = client.post(f"/workspace/news/{item.pk}/save/", {"base_revision": 0, "title": item.title},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'name="base_revision" value="1"' in response.content.decode()
    assert _label(client.get(f"/workspace/news/{item.pk}/").content.decode()).groups() == (None, "۱")


def test_the_demo_loaders_items_start_at_their_first_revision(db, personas):
    item = factories.make_item(personas.own, published=False, created_by=personas.own_staff)
    revision = factories.first_revision(item, item.created_by)  # newsroom.unchecked.first_revision
    item.refresh_from_db()
    assert item.revision == 1 and revision.number == 1 and revision.kind == Revision.Kind.CREATE
    assert revision.author == personas.own_staff and revision.data["title"] == item.title
    assert NewsItem.objects.get(pk=item.pk).revisions.count() == 1
