"""The permission matrix: every role × own / other / supporting agency × every action, through
the workspace views, the staff API and the media URL, against a table WRITTEN BY HAND below
(never derived from hamafza.policy). Then: every URL pattern, API operation and the media route
must appear in a hand-kept table of covered or explicitly public routes, and every guarded
route refuses anonymous people and other agencies' staff.

The item under test belongs to agency A ("own"); agency C supports it and has accepted; agency D
was invited and has not accepted; B is another agency of the same council. See tests/personas.py.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from hamafza.accounts.models import Membership
from hamafza.apitokens.actions import do_create_token
from hamafza.newsroom import actions
from hamafza.newsroom.models import Attachment, Comment, ItemAgency, NewsItem, Video
from tests import factories
from tests.personas import make_personas, make_user, sign_in_verified

S = NewsItem.Status

PERSONAS = (
    "own_staff", "own_head", "other_staff", "other_head", "supporting_staff", "supporting_head",
    "pending_supporting_staff", "secretariat", "observer", "admin", "anonymous",
)

# fmt: off
# The expected table. 1 = allowed, 0 = refused. Written by hand from issue 3's rules:
# drafts are private to the lead agency and accepted supporting agencies (read and comment, no
# edit without a grant); submitted items are also read by the secretariat and observers; only the
# lead head approves (not their own item unless allowed), publishes and unpublishes; observers
# change nothing; a site admin may do everything.
#                          own     own    other  other  supp.  supp.  pending secre- obser- admin  anony-
#                          staff   head   staff  head   staff  head   supp.   tariat  ver           mous
EXPECTED = {
    "view draft":          (1,      1,     0,     0,     1,     1,     0,      0,      0,      1,     0),
    "view submitted":      (1,      1,     0,     0,     1,     1,     0,      1,      1,      1,     0),
    "edit draft":          (1,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "edit granted draft":  (1,      1,     0,     0,     1,     1,     0,      0,      0,      1,     0),
    "submit":              (1,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "approve":             (0,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "approve own item":    (0,      0,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "schedule":            (0,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "publish scheduled":   (0,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "unpublish":           (0,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "see revisions":       (1,      1,     0,     0,     1,     1,     0,      0,      0,      1,     0),
    "comment":             (1,      1,     0,     0,     1,     1,     0,      0,      0,      1,     0),
    "download attachment": (1,      1,     0,     0,     1,     1,     0,      0,      0,      1,     0),
    "upload video":        (1,      1,     0,     0,     0,     0,     0,      0,      0,      1,     0),
    "watch draft video":   (1,      1,     0,     0,     1,     1,     0,      0,      0,      1,     0),
}
# fmt: on

# Which surfaces each action is tried through.
CHANNELS = {
    "view draft": ("view", "api"),
    "view submitted": ("view", "api"),
    "edit draft": ("view", "api"),
    "edit granted draft": ("view", "api"),
    "submit": ("view", "api"),
    "approve": ("view",),
    "approve own item": ("view",),
    "schedule": ("view",),
    "publish scheduled": ("view",),
    "unpublish": ("view",),
    "see revisions": ("view",),
    "comment": ("view",),
    "download attachment": ("media",),
    "upload video": ("view",),
    "watch draft video": ("media",),
}

# What a refusal may look like: the sign-in redirect (anonymous, pages), 401 (API without a
# usable token), 403 (may see, may not change), 404 (may not see). Never 200, never 500.
REFUSED = {302, 401, 403, 404}


def cases():
    for action, row in EXPECTED.items():
        assert len(row) == len(PERSONAS), action
        for channel in CHANNELS[action]:
            for persona, allowed in zip(PERSONAS, row):
                yield pytest.param(action, channel, persona, bool(allowed), id=f"{action}-{channel}-{persona}")


@pytest.fixture(scope="module")
def _people(module_db):
    """The world and its people, built once for the module's ~230 tests (tests/conftest.py:
    module_db); each test builds its own item in its own savepoint."""
    personas = make_personas(factories.make_world())
    personas.supporting_head = make_user("supporting_head")
    Membership.objects.create(user=personas.supporting_head, agency=personas.supporting, role=Membership.Role.HEAD)
    return personas


@pytest.fixture
def people(db, _people):
    return copy.deepcopy(_people)  # this test's own (the policy caches roles on a person)


def build_item(people, state: str, writer=None, grant: bool = False) -> NewsItem:
    writer = writer or people.own_staff
    item = actions.do_create_draft(writer, people.own, {
        "title": "خبر ماتریس دسترسی", "lead": "لید", "body": "<p>متن</p>", "supporting": [people.supporting.pk],
    })
    ItemAgency.objects.filter(item=item, agency=people.supporting).update(accepted_at=timezone.now(), can_edit=grant)
    # D sits on no council, so no action may invite it (issue 12): its unanswered row is made here.
    ItemAgency.objects.create(item=item, agency=people.pending_supporting, role=ItemAgency.Role.SUPPORTING, order=2)
    if state != S.DRAFT:
        actions.do_submit(writer, NewsItem.objects.get(pk=item.pk))
    if state == S.SCHEDULED:
        actions.do_schedule(people.own_head, NewsItem.objects.get(pk=item.pk), timezone.now() + dt.timedelta(days=1))
    if state == S.PUBLISHED:
        actions.do_publish(people.own_head, NewsItem.objects.get(pk=item.pk))
    return NewsItem.objects.get(pk=item.pk)


def attach(item: NewsItem) -> Attachment:
    attachment = Attachment(item=item, title="پیوست محرمانه", size=9, kind="pdf")
    attachment.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


def signed_in(client, people, persona: str):
    if persona != "anonymous":
        sign_in_verified(client, getattr(people, persona))
    return client


def api_headers(people, persona: str) -> dict:
    if persona == "anonymous":
        return {}
    return {"HTTP_AUTHORIZATION": f"Bearer {do_create_token(getattr(people, persona), 'matrix')[1]}"}


def attempt(client, people, action: str, channel: str, persona: str) -> tuple[int, bool]:
    """Try the action; returns the response status and whether the action took effect."""
    state = {"view submitted": S.SUBMITTED, "submit": S.DRAFT, "approve": S.SUBMITTED, "approve own item": S.SUBMITTED,
             "schedule": S.SUBMITTED, "publish scheduled": S.SCHEDULED, "unpublish": S.PUBLISHED}.get(action, S.DRAFT)
    item = build_item(people, state, writer=people.own_head if action == "approve own item" else None,
                      grant=action == "edit granted draft")
    news = f"/workspace/news/{item.pk}"
    api = f"/api/v1/staff/items/{item.pk}"
    headers = api_headers(people, persona) if channel == "api" else {}
    client = signed_in(client, people, persona) if channel != "api" else client

    if action in ("view draft", "view submitted"):
        if channel == "api":
            response = client.get(api, **headers)
            return response.status_code, response.status_code == 200
        response = client.get(f"{news}/")
        ok = response.status_code == 200 and item.title in response.content.decode()
        # The item's stable workspace address leads to the editor for exactly the same people.
        second = client.get(f"/workspace/items/{item.pk}/")
        leads_to_editor = second.status_code == 302 and second["Location"] == f"{news}/"
        assert leads_to_editor == ok, f"the item address and the editor disagree ({second.status_code})"
        assert ok or second.status_code in REFUSED
        return response.status_code, ok
    if action in ("edit draft", "edit granted draft"):
        if channel == "api":
            response = client.put(api, {"title": "تیتر تازه", "base_revision": 1}, content_type="application/json", **headers)
        else:
            response = client.post(f"{news}/save/", {"title": "تیتر تازه", "base_revision": "1"})
        item.refresh_from_db()
        return response.status_code, item.revision == 2 and item.title == "تیتر تازه"
    if action == "submit":
        if channel == "api":
            response = client.post(f"{api}/submit", **headers)
        else:
            response = client.post(f"{news}/do/submit/")
        item.refresh_from_db()
        return response.status_code, item.status == S.SUBMITTED
    if action == "schedule":
        # A Jalali date and time, as the editor's fields send them: ۱۴۰۹/۰۱/۰۱ ۱۰:۳۰ Tehran.
        response = client.post(f"{news}/do/schedule/", {"date": "۱۴۰۹/۰۱/۰۱", "time": "۱۰:۳۰"})
        item.refresh_from_db()
        return response.status_code, item.status == S.SCHEDULED
    if action in ("approve", "approve own item", "publish scheduled"):
        response = client.post(f"{news}/do/publish/")
        item.refresh_from_db()
        return response.status_code, item.status == S.PUBLISHED
    if action == "unpublish":
        response = client.post(f"{news}/do/unpublish/", {"reason": "دلیل", "mode": "withdrawn"})
        item.refresh_from_db()
        return response.status_code, item.status == S.UNPUBLISHED
    if action == "see revisions":
        response = client.get(f"{news}/revisions/")
        return response.status_code, response.status_code == 200
    if action == "comment":
        response = client.post(f"{news}/comments/", {"body": "نظر ماتریس"}, HTTP_HX_REQUEST="true")
        if response.status_code == 204 and response.get("HX-Redirect", "").startswith("/accounts/sign-in/"):
            return 302, False  # htmx's form of the sign-in redirect
        return response.status_code, Comment.objects.filter(item=item, body="نظر ماتریس").exists()
    if action == "download attachment":
        attachment = attach(item)
        response = client.get(f"/media/{attachment.file.name}")
        return response.status_code, response.status_code == 200
    if action == "upload video":
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.videos import clip

        response = client.post(f"{news}/video/", {"file": SimpleUploadedFile("clip.mp4", clip(2))})
        return response.status_code, Video.objects.filter(item=item).exists()
    if action == "watch draft video":
        from tests.mediafiles import video_of

        video = video_of(item)
        played = client.get(f"/media/{video.file.name}", HTTP_RANGE="bytes=0-3")
        poster = client.get(f"/media/{video.poster.name}")
        assert (played.status_code in (200, 206)) == (poster.status_code == 200)
        return played.status_code, played.status_code == 206
    raise AssertionError(action)


@pytest.mark.parametrize("action,channel,persona,allowed", list(cases()))
def test_permission_matrix(client, people, action, channel, persona, allowed):
    status, took_effect = attempt(client, people, action, channel, persona)
    assert status < 500
    if allowed:
        assert took_effect, f"{persona} should be able to {action} through {channel} (status {status})"
    else:
        assert not took_effect, f"{persona} must not be able to {action} through {channel}"
        assert status in REFUSED, f"{persona} / {action} / {channel}: refused with {status}"
        if persona == "anonymous" and channel == "view":
            assert status == 302
        if persona == "anonymous" and channel == "api":
            assert status == 401


def test_read_only_people_get_403_and_outsiders_404(client, people):
    """The two refusals differ: an observer may read a submitted item (403 when changing it);
    another agency may not even see it (404, as for a missing item)."""
    item = build_item(people, S.SUBMITTED)
    sign_in_verified(client, people.observer)
    assert client.post(f"/workspace/news/{item.pk}/save/", {"title": "x", "base_revision": "2"}).status_code == 403
    sign_in_verified(client, people.other_head)
    assert client.post(f"/workspace/news/{item.pk}/save/", {"title": "x", "base_revision": "2"}).status_code == 404
    assert client.post(f"/workspace/news/{item.pk}/do/publish/").status_code == 404


# --- Every route is in a table -------------------------------------------------------------------

# The routes this file's matrix exercises (by URL name), and why the others are fine. Add a
# route here when you add it to the product: the test below fails until you do.
MATRIX = "exercised by test_permission_matrix"
PUBLIC = "public"


def elsewhere(path: str) -> str:
    return f"guarded (staff_required + policy); tested in {path}"


ROUTES = {
    "media": MATRIX,
    # Public portal pages, feeds and sitemaps: published items only (selectors).
    **{f"portal:{name}": PUBLIC for name in (
        "home", "article", "short", "agency", "sector", "tag", "archive_year", "archive_month", "feed_rss",
        "feed_atom", "agency_rss", "agency_atom", "sector_rss", "sector_atom", "sitemap", "sitemap_pages",
        "sitemap_news", "sitemap_items", "robots", "search", "campaign",
        # The public performance dashboard and open data: approved figures only (reporting).
        "dashboard", "dashboard_agency", "dashboard_sector", "open_data", "open_data_csv", "open_data_json",
        "open_data_schema",
        # The e-mail newsletter: subscribing is public; confirming and leaving use the token in the link.
        "newsletter", "newsletter_confirm", "newsletter_unsubscribe",
        # Live events and the status board: published updates and the board only (live.selectors).
        "live_index", "live_event", "live_poll", "board", "board_text", "board_entity", "board_json", "board_atom",
    )},
    # A journalist's preview of an embargoed release: the signed, revocable token is the credential.
    "portal:press_preview": "token in the URL; tested in tests/press/test_releases.py",
    # Accounts: the sign-in flow is public by nature; inviting is guarded.
    "accounts:sign_in": PUBLIC, "accounts:verify": PUBLIC, "accounts:enrol": PUBLIC, "accounts:sign_out": PUBLIC,
    "accounts:password_reset": PUBLIC, "accounts:password_reset_sent": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC, "accounts:password_reset_complete": PUBLIC,
    "accounts:invitation": PUBLIC,
    "accounts:invite": elsewhere("tests/accounts/test_invitations.py"),
    "accounts:recovery_codes": elsewhere("tests/accounts/test_recovery_codes.py"),
    # The public read API and its documentation.
    "api:openapi-json": PUBLIC, "api:openapi-view": PUBLIC, "api:api-root": PUBLIC,
    "api:list_agencies": PUBLIC, "api:get_agency": PUBLIC, "api:list_sectors": PUBLIC, "api:list_news": PUBLIC,
    "api:get_news": PUBLIC, "api:search": PUBLIC, "api:list_values": PUBLIC, "api:scorecard": PUBLIC, "api:agencies_reach": PUBLIC,
    # The staff API.
    "api:me": elsewhere("tests/api/test_staff_tokens.py"),
    "api:health": "guarded (HAMAFZA_HEALTH_TOKEN or a site admin's token); tested in tests/health/test_endpoint.py",
    "api:get_item": MATRIX, "api:save_draft": MATRIX, "api:create_draft": elsewhere("tests/api/test_staff_tokens.py"),
    "api:submit": MATRIX,
    # The workspace: the desk and the newsroom.
    "workspace:desk": elsewhere("tests/workspace/test_desk.py"),
    "workspace:styleguide": elsewhere("tests/workspace/test_styleguide.py"),
    "workspace:item": MATRIX,
    "workspace:news:list": elsewhere("tests/workspace/test_news_list.py"),
    "workspace:news:new": elsewhere("tests/workspace/test_news_editor.py"),
    "workspace:news:edit": MATRIX,
    "workspace:news:save": MATRIX,
    "workspace:news:lock": elsewhere("tests/newsroom/test_workflow.py (locks) and tests/workspace/test_news_editor.py"),
    "workspace:news:release": elsewhere("tests/workspace/test_news_editor.py"),
    "workspace:news:transition": MATRIX,
    "workspace:news:revisions": MATRIX,
    "workspace:news:restore": elsewhere("tests/workspace/test_news_editor.py"),
    "workspace:news:comments": MATRIX,
    "workspace:news:preview": elsewhere("tests/workspace/test_news_editor.py"),
    "workspace:news:attach": elsewhere("tests/workspace/test_news_editor.py"),
    "workspace:news:detach": elsewhere("tests/workspace/test_news_editor.py"),
    "workspace:news:video": MATRIX,
    "workspace:news:video_remove": elsewhere("tests/newsroom/test_video.py"),
    "workspace:textcheck:check": elsewhere("tests/workspace/test_textcheck.py"),
    "workspace:textcheck:accept": elsewhere("tests/workspace/test_textcheck.py"),
    "workspace:textcheck:submit": elsewhere("tests/workspace/test_textcheck.py"),
    "workspace:search:results": elsewhere("tests/search/test_staff_search.py"),
    "workspace:media:library": elsewhere("tests/workspace/test_media_library.py"),
    "workspace:media:upload": elsewhere("tests/workspace/test_media_library.py"),
    "workspace:media:picker": elsewhere("tests/workspace/test_media_library.py"),
    "workspace:media:image": elsewhere("tests/workspace/test_media_library.py"),
    # Audit, notifications, tokens.
    "workspace:audit:log": elsewhere("tests/audit/test_audit_log.py; per council: tests/audit/test_audit_visibility.py"),
    "workspace:notifications:inbox": elsewhere("tests/notifications/test_notifications.py"),
    "workspace:notifications:read_all": elsewhere("tests/notifications/test_notifications.py"),
    "workspace:notifications:open": elsewhere("tests/notifications/test_notifications.py"),
    **{f"workspace:notifications:{name}": elsewhere("tests/notifications/test_settings_page.py (own settings only)")
       for name in ("settings", "bale_link", "bale_unlink", "sms_add", "sms_verify", "sms_remove", "choices")},
    "workspace:tokens:list": elsewhere("tests/api/test_staff_tokens.py"),
    "workspace:tokens:revoke": elsewhere("tests/api/test_staff_tokens.py"),
    "workspace:health:page": elsewhere("tests/health/test_page.py"),
    # Council and reporting (other areas of the workspace).
    **{f"workspace:council:{name}": elsewhere("tests/council/") for name in (
        "campaigns", "campaign", "proposal", "calendar", "calendar_feed", "meetings", "meeting", "minutes_pdf",
        "report", "tasks", "my_tasks", "task", "compliance", "desk_tasks",
    )},
    **{f"workspace:cooperation:{name}": elsewhere("tests/cooperation/") for name in (
        "amp_inbox", "amp_sent", "amp_desk", "amp_item", "amp_ask", "amp_detail", "amp_withdraw", "amp_accept",
        "amp_decline",
    )},
    **{f"workspace:cooperation:{name}": elsewhere("tests/cooperation/") for name in ("home", "reciprocity", "reciprocity_csv")},
    **{f"workspace:cooperation:{name}": elsewhere("tests/cooperation/") for name in ("help_list", "help_new", "help_detail")},
    **{f"workspace:cooperation:{name}": elsewhere("tests/cooperation/") for name in (
        "resource_list", "resource_add", "resource_bookings", "resource_booking_cancel", "resource_detail",
        "resource_edit", "resource_book", "resource_retire",
    )},
    **{f"workspace:distribution:{name}": elsewhere("tests/distribution/") for name in (
        "channels", "channel_new", "channel", "channel_test", "channel_resume", "troubles", "item", "item_channels", "retry",
        "mark", "sandbox", "platforms",
    )},
    **{f"workspace:live:{name}": elsewhere("tests/live/test_workspace.py") for name in (
        "events", "new", "event", "edit", "post", "summary", "direct", "update", "board", "status",
    )},
    # The press office: the agency's staff and head only (policy.press); personal data per agency.
    **{f"workspace:press:{name}": elsewhere("tests/press/") for name in (
        "home", "journalist_new", "journalist", "journalist_erase", "outlet_new", "outlet", "list_new", "list",
        "import", "export", "item_card", "release_new", "invite", "releases", "release", "revoke",
    )},
    **{f"workspace:{name}": elsewhere("tests/coverage/test_permissions.py") for name in (
        "coverage", "coverage_item", "coverage_review", "coverage_decide", "coverage_bulletin", "coverage_bulletin_pdf",
        "coverage_feeds", "coverage_feed_set", "coverage_alerts", "coverage_alert_delete",
    )},
    # A personal calendar feed: the secret token in the URL is the credential.
    "workspace:council:ical": "token in the URL; tested in tests/council/",
    **{f"workspace:scorecard:{name}": elsewhere("tests/scorecard/test_pages.py") for name in (
        "page", "export", "weights", "items",
    )},
    **{f"workspace:{name}": elsewhere("tests/reporting/") for name in (
        "reporting_grid", "reporting_cell", "reporting_submit", "reporting_approve", "reporting_return",
        "reporting_export", "reporting_import", "reporting_report", "reporting_request_pdf", "reporting_job", "reporting_catalogue",
        "reporting_job_download",
    )},
    "workspace:reach": elsewhere("tests/reach/test_workspace.py"),
}
# The Django admin: is_staff people only, signing in through accounts (hamafza/urls.py).
ROUTE_PREFIXES = {"admin/": "Django admin (is_staff), sign-in through accounts"}
# Routes that answer without a session by design (public or secret-token), excluded from the
# anonymous-refusal sweep below.
OPEN_ROUTES = {name for name, why in ROUTES.items() if why == PUBLIC} | {"workspace:council:ical", "media",
                                                                        "portal:press_preview"}

# The API operations (from the OpenAPI schema), by "METHOD path".
API_OPERATIONS = {
    "GET /api/v1/agencies": PUBLIC,
    "GET /api/v1/agencies/{slug}": PUBLIC,
    "GET /api/v1/sectors": PUBLIC,
    "GET /api/v1/news": PUBLIC,
    "GET /api/v1/news/{item_id}": PUBLIC,
    "GET /api/v1/search": PUBLIC,
    "GET /api/v1/reporting/values": PUBLIC,
    "GET /api/v1/scorecard": PUBLIC,
    "GET /api/v1/reach/agencies": PUBLIC,
    "GET /api/v1/staff/me": elsewhere("tests/api/test_staff_tokens.py"),
    "GET /api/v1/staff/items/{item_id}": MATRIX,
    "PUT /api/v1/staff/items/{item_id}": MATRIX,
    "POST /api/v1/staff/items": elsewhere("tests/api/test_staff_tokens.py"),
    "POST /api/v1/staff/items/{item_id}/submit": MATRIX,
    "GET /api/v1/health": "guarded (HAMAFZA_HEALTH_TOKEN or a site admin's token); tested in tests/health/test_endpoint.py",
}


def all_routes():
    """(route, name) of every URL pattern, names with their namespaces."""

    def walk(patterns, prefix="", namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace]))
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = ":".join(filter(None, [namespace, p.name])) if p.name else ""
                yield prefix + str(p.pattern), name

    return list(walk(get_resolver().url_patterns))


def test_every_url_pattern_is_in_the_table():
    missing = []
    for route, name in all_routes():
        if any(route.startswith(prefix) for prefix in ROUTE_PREFIXES):
            continue
        if name not in ROUTES:
            missing.append(f"{route} ({name or 'unnamed'})")
    assert not missing, "routes missing from tests/test_permission_matrix.py ROUTES:\n" + "\n".join(missing)


def test_every_place_the_table_points_to_exists():
    """«tested in …» names a test file or folder that is there."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    named = {m for why in [*ROUTES.values(), *API_OPERATIONS.values()]
             for m in re.findall(r"tests/[\w/]+(?:\.py)?", why)}
    assert named and not [p for p in sorted(named) if not (root / p).exists()]


def test_the_table_names_no_route_that_is_gone():
    names = {name for _route, name in all_routes()}
    assert not set(ROUTES) - names


def test_every_api_operation_is_in_the_table():
    from hamafza.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/")
    operations = {f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods}
    assert operations == set(API_OPERATIONS), (
        f"missing: {sorted(operations - set(API_OPERATIONS))}; gone: {sorted(set(API_OPERATIONS) - operations)}"
    )


def test_the_media_route_exists_and_is_in_the_table():
    assert any(name == "media" for _route, name in all_routes())


# --- Sweeps over every guarded route -------------------------------------------------------------

def _fill(route: str, item_id: int) -> str:
    """A concrete path for a route pattern: ids of our draft, «x» for strings."""
    path = re.sub(r"<int:item_id>", str(item_id), route)
    path = re.sub(r"<int:[a-z_]+>", "1", path)
    path = re.sub(r"<(?:str|slug|path)?:?[a-z_0-9]+>", "x", path)
    return "/" + path


def guarded_routes():
    return [
        (route, name) for route, name in all_routes()
        if name in ROUTES and name not in OPEN_ROUTES and not route.startswith("admin/") and not route.startswith("api/")
        and "(?P" not in route and "^" not in route
    ]


def test_every_guarded_page_refuses_anonymous_people(client, people):
    item = build_item(people, S.DRAFT)
    for route, name in guarded_routes():
        path = _fill(route, item.pk)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in {302, 401, 403, 404, 405}, f"{method.upper()} {path} ({name}) → {response.status_code}"
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/sign-in/"), f"{path} redirects elsewhere"


def test_no_item_route_lets_another_agency_touch_our_draft(client, people):
    """Every route that takes an item id, tried by the other agency's head with our draft's id:
    refused (404, or 405 for the wrong method), and the draft unchanged."""
    item = build_item(people, S.DRAFT)
    sign_in_verified(client, people.other_head)
    item_routes = [(r, n) for r, n in all_routes() if "<int:item_id>" in r and not r.startswith("api/")]
    assert len(item_routes) >= 10
    for route, name in item_routes:
        path = _fill(route, item.pk)
        if name == "portal:article":
            continue  # public pages answer 404 for a draft: tested in tests/portal
        for method in ("get", "post"):
            response = getattr(client, method)(path, {"title": "نفوذ", "base_revision": "1", "body": "x"})
            assert response.status_code in {403, 404, 405}, f"{method.upper()} {path} ({name}) → {response.status_code}"
    unchanged = NewsItem.objects.get(pk=item.pk)
    assert (unchanged.title, unchanged.status, unchanged.revision) == (item.title, S.DRAFT, 1)
    assert not Comment.objects.filter(item=item).exists()
