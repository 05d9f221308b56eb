"""Portal photos carry their renditions: a WebP <source> and a JPEG srcset with `sizes`, so a
phone downloads the 480-pixel file, not the 1600-pixel master."""

import re

import pytest

from hamafza.newsroom import media
from tests import factories
from tests.newsroom.test_media import jpeg_bytes, upload

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "khz.example.ir"}


def _item_with_photo(world, width=2000):
    image = factories.make_image(world["A"], upload(jpeg_bytes(width, width * 2 // 3)),
                                 media.ImageMeta(caption="بازدید از پروژه"))
    return factories.make_item(world["A"], title="بازدید مدیرکل از پروژه", main_image=image), image


def test_listing_cards_offer_webp_and_jpeg_renditions(client, world):
    item, image = _item_with_photo(world)
    page = client.get(f"/agency/{world['A'].slug}/", **HOST).content.decode()
    picture = re.search(r"<picture>(.*?)</picture>", page, re.S).group(1)
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)"', picture)
    assert webp and "100vw" in webp.group(2)
    widths = [int(w) for w in re.findall(r" (\d+)w", webp.group(1))]
    assert widths == [480, 960, 1600]
    assert all(url.endswith(".webp") for url in re.findall(r"(\S+) \d+w", webp.group(1)))
    jpeg = re.search(r'<img src="[^"]+" srcset="([^"]+)"', picture).group(1)
    assert re.findall(r"\.w(\d+)\.jpg", jpeg) == ["480", "960", "1600"]


def test_the_article_photo_has_renditions_and_a_wide_size(client, world):
    item, _image = _item_with_photo(world, width=700)
    page = client.get(item.get_absolute_url(), **HOST).content.decode()
    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)"', page)
    # No rendition wider than the photo itself.
    assert [int(w) for w in re.findall(r" (\d+)w", source.group(1))] == [480, 700]
    assert "46rem" in source.group(2)


def test_a_photo_without_renditions_is_a_plain_image(client, world):
    item, image = _item_with_photo(world)
    type(image).objects.filter(pk=image.pk).update(renditions=[])
    page = client.get(f"/agency/{world['A'].slug}/", **HOST).content.decode()
    assert "<picture>" not in page and image.file.url in page
