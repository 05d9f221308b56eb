"""An item that was never public leaves no public trace: a scheduled item taken back before its
time answers 404 at its URL (no withdrawal notice, no reason), in the API, the feeds and the
sitemap. Withdrawal notices are for items people could read."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.utils import timezone

from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem

HOST = "khz.example.ir"
TITLE = "خبر زمان‌بندی‌شدهٔ محرمانه"
REASON = "دلیل داخلی لغو برنامه"
S = NewsItem.Status


def scheduled(personas) -> NewsItem:
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": TITLE, "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    actions.do_schedule(personas.own_head, NewsItem.objects.get(pk=item.pk), timezone.now() + dt.timedelta(days=1))
    return NewsItem.objects.get(pk=item.pk)


def public_traces(client, item: NewsItem) -> dict[str, tuple[int, str]]:
    paths = {
        "article": f"/news/{item.pk}/{item.slug}/",
        "short": f"/n/{item.pk}",
        "api": f"/api/v1/news/{item.pk}",
        "rss": "/feeds/rss/",
        "atom": "/feeds/atom/",
        "agency feed": f"/feeds/agency/{personas_slug(item)}/rss/",
        "sitemap": "/sitemap-items-1.xml",
        "news sitemap": "/sitemap-news.xml",
        "home": "/",
    }
    out = {}
    for name, path in paths.items():
        response = client.get(path, HTTP_HOST=HOST)
        out[name] = (response.status_code, response.content.decode())
    return out


def personas_slug(item: NewsItem) -> str:
    return item.lead_agency.slug


@pytest.mark.parametrize("mode", ["withdrawn", "gone"])
def test_a_scheduled_item_taken_back_leaves_no_public_trace(client, personas, mode):
    item = scheduled(personas)
    actions.do_unpublish(personas.own_head, item, REASON, mode)
    item = NewsItem.objects.select_related("lead_agency").get(pk=item.pk)
    traces = public_traces(client, item)
    for name in ("article", "short", "api"):
        assert traces[name][0] == 404, name
    for name, (status, body) in traces.items():
        assert status < 500, name
        assert TITLE not in body and REASON not in body, name
    assert item.status == S.UNPUBLISHED and item.published_at is None and item.unpublish_mode == ""


def test_a_published_item_withdrawn_keeps_its_notice(client, personas):
    """The other side of the rule: an item people could read keeps its notice with the reason."""
    item = scheduled(personas)
    actions.do_publish(personas.own_head, item)
    actions.do_unpublish(personas.own_head, NewsItem.objects.get(pk=item.pk), REASON, "withdrawn")
    item = NewsItem.objects.select_related("lead_agency").get(pk=item.pk)
    page = client.get(f"/news/{item.pk}/{item.slug}/", HTTP_HOST=HOST)
    assert page.status_code == 200 and REASON in page.content.decode()
    assert client.get(f"/api/v1/news/{item.pk}", HTTP_HOST=HOST).status_code == 404


def test_taken_back_then_published_then_withdrawn_shows_the_notice(client, personas):
    item = scheduled(personas)
    actions.do_unpublish(personas.own_head, item, REASON, "withdrawn")
    actions.do_publish(personas.own_head, NewsItem.objects.get(pk=item.pk))
    actions.do_unpublish(personas.own_head, NewsItem.objects.get(pk=item.pk), "دلیل دوم", "withdrawn")
    item = NewsItem.objects.get(pk=item.pk)
    page = client.get(f"/news/{item.pk}/{item.slug}/", HTTP_HOST=HOST)
    assert page.status_code == 200 and "دلیل دوم" in page.content.decode()


def test_notices_given_before_the_fix_to_never_public_items_are_forgotten(client, personas):
    """Data migration newsroom 0007: an item unpublished while scheduled (as the old code did it:
    mode «withdrawn», its time kept) loses its notice; an item published since keeps its own."""
    import importlib

    from django.apps import apps

    from hamafza.audit.models import AuditEvent

    migration = importlib.import_module("hamafza.newsroom.migrations.0007_forget_never_public_notices")
    old = scheduled(personas)
    actions.do_unpublish(personas.own_head, old, REASON, "withdrawn")
    NewsItem.objects.filter(pk=old.pk).update(unpublish_mode="withdrawn", published_at=old.published_at)
    kept = scheduled(personas)
    actions.do_unpublish(personas.own_head, kept, "نخست", "withdrawn")
    actions.do_publish(personas.own_head, NewsItem.objects.get(pk=kept.pk))
    actions.do_unpublish(personas.own_head, NewsItem.objects.get(pk=kept.pk), "دلیل دوم", "withdrawn")
    assert AuditEvent.objects.filter(action="item.unpublished", before__status="scheduled").count() == 2
    # The migration reads only which database it runs on from its schema editor.
    migration.forget_never_public(apps, SimpleNamespace(connection=connection))
    old, kept = NewsItem.objects.get(pk=old.pk), NewsItem.objects.get(pk=kept.pk)
    assert client.get(f"/news/{old.pk}/{old.slug}/", HTTP_HOST=HOST).status_code == 404
    assert "دلیل دوم" in client.get(f"/news/{kept.pk}/{kept.slug}/", HTTP_HOST=HOST).content.decode()
