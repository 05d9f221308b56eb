"""Defects 9 and 17 of issue 13.

9: a person who may only read an item (the observer) sees a read-only page: no toolbar, no media
buttons, no «ذخیره شد» chip, a «فقط خواندنی» mark instead.
17: the editor has one heading per section, its length counters are labelled for sight and for
screen readers (aria-describedby), and photos carry alt text of their own (not the caption),
used in <img alt> on the portal and in the workspace."""

import re

import pytest
from django.core.files.base import ContentFile

from hamafza.newsroom import actions
from hamafza.newsroom.models import Image
from tests import factories
from tests.newsroom.test_media import jpeg_bytes
from tests.personas import sign_in_verified

from .test_media_library import post_image


@pytest.fixture
def submitted(personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {
        "title": "افتتاح پایانه مسافربری اهواز", "lead": "لید خبر", "body": "<p>متن <b>خبر</b></p>",
    })
    return actions.do_submit(personas.own_staff, item)


def test_the_observer_sees_a_read_only_editor(client, personas, submitted):
    sign_in_verified(client, personas.observer)
    html = client.get(f"/workspace/news/{submitted.pk}/").content.decode()
    assert "فقط خواندنی" in html and 'class="readonly-note"' in html
    assert "ذخیره شد" not in html and "هر چند ثانیه خودکار ذخیره می‌شود" not in html
    assert "data-django-prose-editor" not in html  # no rich-text toolbar
    assert "متن <b>خبر</b>" in html  # the body is shown as text
    for control in ("از کتابخانه", "بارگذاری تصویر", "افزودن به گالری", "data-clear-main", "data-remove-gallery"):
        assert control not in html, control


def test_the_writer_still_gets_the_editor(client, personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس", "lead": "لید"})
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{item.pk}/").content.decode()
    assert "data-django-prose-editor" in html and "از کتابخانه" in html and "فقط خواندنی" not in html


def test_one_heading_for_the_channels_section_and_labelled_counters(client, personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس", "lead": "لید"})
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{item.pk}/").content.decode()
    headings = re.findall(r"<h2[^>]*>([^<]*)</h2>", html)
    assert not any(h.strip() == "مجراهای انتشار" for h in headings), headings
    assert len(headings) == len(set(headings)), headings
    part = client.get(f"/workspace/distribution/items/{item.pk}/channels/", headers={"HX-Request": "true"})
    if part.status_code == 200:  # the part the editor loads brings the section's one heading
        assert "مجراهای انتشار و پیش‌نمایش" in part.content.decode()
    assert 'aria-describedby="count-title"' in html and 'aria-describedby="count-lead"' in html
    assert re.search(r'<span id="count-title" class="counter">نویسه‌های تیتر: <span data-count="title">', html)
    assert re.search(r'<span id="count-lead" class="counter">نویسه‌های لید: <span data-count="lead">', html)


def test_alt_text_is_its_own_field_not_the_caption(client, personas):
    sign_in_verified(client, personas.own_staff)
    form = client.get("/workspace/media/").content.decode()
    assert 'name="alt"' in form and "متن جایگزین" in form
    post_image(client, jpeg_bytes(), alt="استاندار در حال بریدن نوار افتتاح پایانه")
    image = Image.objects.get()
    assert image.alt == "استاندار در حال بریدن نوار افتتاح پایانه" and image.caption == "بازدید از محور"
    post_image(client, jpeg_bytes(), name="second.jpg")
    assert Image.objects.exclude(pk=image.pk).get().alt == ""  # the caption is not copied into alt


def test_the_portal_uses_the_alt_text(client, personas):
    img = Image.objects.create(agency=personas.own, file=ContentFile(jpeg_bytes(), name="bridge.jpg"),
                               caption="زیرنویس خبر", alt="پل بتنی روی رود کارون")
    item = factories.make_item(personas.own, title="خبر با تصویر", main_image=img)
    html = client.get(item.get_absolute_url(), HTTP_HOST="khz.example.ir").content.decode()
    assert 'alt="پل بتنی روی رود کارون"' in html
    assert 'alt="زیرنویس خبر"' not in html


def test_the_demo_pictures_describe_what_they_show():
    from hamafza.demo import drawing

    assert set(drawing.SCENE_ALT) == set(drawing._SCENES)
    assert all(text.startswith("طرح نمادین") for text in drawing.SCENE_ALT.values())
