from django.urls import reverse

from hamafza.portal.links import article_path


def test_article_path_is_what_reverse_gives():
    for item_id, slug in [(1, "abc"), (42, "بازگشایی-محور-اهواز-1405"), (7, "راه_آهن")]:
        assert article_path(item_id, slug) == reverse("portal:article", kwargs={"item_id": item_id, "slug": slug})
