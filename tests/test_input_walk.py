"""No input makes the server fail: every staff form and every write of the staff API, on the demo
council, with a NUL character, ten times each field's limit and integers of 2^63 and 2^70 — and
every filter page with them in its query. Run on SQLite and on PostgreSQL (where NULs and
over-long text used to answer 500).

The walk signs in as the secretariat, a head, a staff member and the site admin of the demo
(it holds an object of every kind: campaigns, meetings, tasks, help requests, resources,
channels, reporting figures), follows the workspace's links, reads every form on every page it
reaches (tests/input_walk.py), and posts each hostile variant inside a savepoint that is rolled
back. Each answer must be below 500; a refusal (4xx, or 200 with the form shown again) must
speak Persian, and the object the URL names must be unchanged by it. Every route that accepts
a POST must have been reached by some form, or be listed in SKIP with the reason."""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import Resolver404, resolve

from hamafza.accounts.models import CouncilRole, Membership, User
from hamafza.apitokens.actions import do_create_token
from tests.demo.conftest import load_demo
from tests.input_walk import HUGE, KNOWN, NUL, baseline, files_for, persian_message, read_page, variants, where
from tests.personas import sign_in_verified
from tests.test_permission_matrix import all_routes

# Routes that take a POST the walk does not reach through a form, and why that is fine.
SKIP = {
    "accounts:sign_out": "no input",
    "workspace:press:revoke": "a button on an embargoed release's page (the demo sends none: it would mail); no input "
                              "but the ids; tested in tests/press/test_releases.py (other agency, tampered ids)",
    "accounts:verify": "needs a half-signed-in session; its code field is tried by tests/accounts",
    "accounts:password_reset_confirm": "needs a mailed token; tried in tests/accounts",
    "accounts:invitation": "needs an invitation token; tried in tests/accounts",
    "accounts:enrol": "the walker's people are enrolled already; its code field is tried in tests/accounts",
    "workspace:news:release": "no input: the editor's beacon when it closes (ids tried with 2^63 and 2^70 below)",
    "workspace:council:calendar_feed": "a read-only JSON feed that answers any method; its query is walked as a GET",
    "workspace:news:attach": "the editor's script posts the file (no form); tested in tests/workspace/test_news_editor.py",
    "workspace:news:detach": "the editor's script posts it (no input but the ids, tried with 2^63 and 2^70 below)",
    "workspace:news:video": "the editor's upload form shows on drafts only, and the editor pages the walk opens in the "
                            "demo are published items; the file is tried in tests/newsroom/test_video.py (wrong "
                            "containers, over-limit size and duration, cross-agency 404)",
    "workspace:news:video_remove": "a button posts it (no input but the id, tried with 2^63 and 2^70 below); tested in tests/newsroom/test_video.py",
    "workspace:news:restore": "no input but the ids (tried with 2^63 and 2^70 below); tested in tests/workspace/test_news_editor.py",
    # The text check's buttons post the editor's own fields (hx-include="#editor"), walked on news:save.
    "workspace:textcheck:accept": "posts the editor's fields, walked on news:save; tested in tests/workspace/test_textcheck.py",
    "workspace:textcheck:submit": "posts the editor's fields, walked on news:save; tested in tests/workspace/test_textcheck.py",
    # The demo council has no notice bot or SMS gateway: these forms show only once one is set.
    **{f"workspace:notifications:{name}": "needs the council's notice bot / SMS gateway (or an SMS code), which the "
       "demo does not set; walked with NUL, 10× and 2^70 in tests/notifications/test_settings_page.py"
       for name in ("bale_link", "bale_unlink", "sms_add", "sms_verify", "sms_remove")},
    "workspace:coverage_feed_set": "needs an outlet in the press list (hamafza.press, another branch's demo); walked "
                                   "with NUL, 10× and 2^70 in tests/coverage/test_permissions.py",
    # The demo's channels are sandboxes (no bot to test, never paused); deliveries to retry or mark
    # need a failure or an `unknown` send. Tested in tests/distribution/.
    **{f"workspace:distribution:{name}": "needs a failed, unknown or paused send, or a bot; tested in tests/distribution/"
       for name in ("channel_test", "channel_resume", "retry", "mark")},
}
# Pages never followed: downloads and feeds (no forms, slow to render) and signing out.
NO_FOLLOW = {
    "accounts:sign_out", "workspace:council:minutes_pdf", "workspace:council:ical", "workspace:council:calendar_feed",
    "workspace:reporting_export", "workspace:reporting_job_download", "workspace:cooperation:reciprocity_csv",
    "workspace:reporting_request_pdf", "workspace:scorecard:export", "workspace:coverage_bulletin_pdf",
}
PAGES_PER_ROUTE = 3
# Forms not posted: signing out would end the walker's session.
NO_POST = {"accounts:sign_out"}
# URL keyword → the model it names, to check that a refused change left the object as it was.
OBJECTS = {
    "item_id": "newsroom.NewsItem", "campaign_id": "council.Campaign", "proposal_id": "council.ProgramProposal",
    "meeting_id": "council.Meeting", "task_id": "council.Task", "report_id": "council.ActivityReport",
    "channel_id": "distribution.Channel", "resource_id": "cooperation.Resource", "request_id": None,
    "coverage_id": "coverage.Coverage", "outlet_id": "press.Outlet", "alert_id": "coverage.KeywordAlert",
    "event_id": "live.LiveEvent", "update_id": "live.LiveUpdate", "entity_id": "live.BoardEntity",
}


@pytest.fixture(scope="module")
def demo(module_db):
    """The demo council, loaded once for the module (rolled back after it: tests/conftest.py)."""
    load_demo()


def people() -> dict[str, User]:
    head = Membership.objects.filter(role=Membership.Role.HEAD).select_related("user").order_by("id").first().user
    staff = Membership.objects.filter(role=Membership.Role.STAFF, agency__memberships__user=head).first().user
    secretariat = CouncilRole.objects.filter(role=CouncilRole.Role.SECRETARIAT).order_by("id").first().user
    return {"secretariat": secretariat, "head": head, "staff": staff, "admin": User.objects.get(username="admin")}


def route_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, starts: list[str]) -> tuple[list, list[str]]:
    """Every form on every workspace page reachable from `starts`, and the pages read."""
    seen_per_route: dict[str, int] = defaultdict(int)
    queue, visited, forms, pages = list(starts), set(), [], []
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or url in visited:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        name = route_name(parts.path)
        if name is None or name in NO_FOLLOW or not (name.startswith("workspace:") or name.startswith("accounts:")):
            continue
        if seen_per_route[name] >= PAGES_PER_ROUTE:
            continue
        visited.add(url)
        seen_per_route[name] += 1
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        pages.append(path)
        found, links = read_page(path, response.content.decode())
        forms.extend(found)
        queue.extend(sorted(link for link in links if link not in visited))  # sorted: the same walk every run
    return forms, pages


def snapshot(url: str):
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    for key, value in match.kwargs.items():
        label = OBJECTS.get(key)
        if label and isinstance(value, int):
            obj = apps.get_model(label).objects.filter(pk=value).first()
            return model_to_dict(obj) if obj else None
    return None


def check(problems: list[str], who: str, label: str, method: str, url: str, data=None, files=None, found=None) -> int:
    """One request, rolled back afterwards; what is wrong with the answer goes to `problems`, the
    forms of an HTML answer to `found` (a form answered by another form: text check's panel)."""
    before = snapshot(url) if method == "post" else None
    with transaction.atomic():
        try:
            response = client_of[who].get(url, data) if method == "get" else client_of[who].post(url, {**(data or {}), **(files or {})})
        except Exception as exc:  # noqa: BLE001  (the walk reports every failure, not only the first)
            problems.append(f"{who} {method.upper()} {url} [{label}]: {type(exc).__name__}: {str(exc)[:160]} @ {where(exc)}")
            transaction.set_rollback(True)
            return 500
        status = response.status_code
        if found is not None and status == 200 and response.get("Content-Type", "").startswith("text/html"):
            found.extend(read_page(url, response.content.decode())[0])
        if status == 302 and response["Location"].startswith("/accounts/sign-in/") and who != "anonymous":
            problems.append(f"{who} {method.upper()} {url} [{label}]: the walker was signed out")
        if status >= 500:
            problems.append(f"{who} {method.upper()} {url} [{label}]: {status}")
        elif (status == 200 and method == "post") or 400 <= status < 500:
            # A refusal speaks Persian; a 200 that is not a form shown again (a heartbeat's
            # fragment) needs no message.
            shown_again = status != 200 or b"<form" in response.content
            if shown_again and response.content.strip() and not persian_message(response) and status not in (404, 405):
                problems.append(f"{who} {method.upper()} {url} [{label}]: {status} without a Persian message")
            after = snapshot(url) if before is not None else None
            if before is not None and after != before and status != 200:
                changed = sorted(k for k in before if before[k] != (after or {}).get(k))
                problems.append(f"{who} POST {url} [{label}]: refused ({status}) but changed {changed}")
        transaction.set_rollback(True)
    return status


client_of: dict[str, Client] = {}


@pytest.fixture
def walkers(db, demo):
    who = people()
    client_of.clear()
    for name, user in who.items():
        do_create_token(user, "گردش")  # so that the tokens page has a revoke form
        client = Client(raise_request_exception=True)
        sign_in_verified(client, user)
        client_of[name] = client
    client_of["anonymous"] = Client(raise_request_exception=True)
    yield who
    client_of.clear()


def test_every_form_survives_nul_long_text_and_huge_numbers(walkers):
    from hamafza.newsroom.models import NewsItem

    published = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).order_by("-published_at").first()
    KNOWN.update(item=str(published.pk), evidence_item=str(published.pk))
    problems: list[str] = []
    posted: set[str] = set()
    done: set[tuple] = set()
    refused_as_filled: list[str] = []
    every_page: list[tuple[str, str]] = []
    for who in ("secretariat", "head", "staff", "admin", "anonymous"):
        starts = ["/accounts/sign-in/", "/accounts/password/reset/"] if who == "anonymous" else [
            "/workspace/", "/accounts/two-factor/", "/accounts/two-factor/recovery/", "/accounts/invitations/new/",
        ]
        forms, pages = crawl(client_of[who], starts)
        every_page += [(who, p) for p in pages]
        for form in forms:  # grows while walking: forms in answers are walked too
            if form.key() in done or route_name(form.action) in NO_POST:
                continue
            status = check(problems, who, "as filled", form.method, form.action, baseline(form), files_for(form),
                           found=forms if form.method == "post" else None)
            if status >= 400:
                refused_as_filled.append(f"{who} {form.method.upper()} {form.action} → {status}")
            if status in (403, 404) and who != "admin":
                continue  # not this person's form: another persona (at last the admin) tries it
            done.add(form.key())
            name = route_name(form.action)
            if form.method == "post" and name and status not in (403, 404):
                posted.add(name)
            for label, data, _kind, _field in variants(form):
                check(problems, who, label, form.method, form.action, data, files_for(form))
    # Every filter and list page with a NUL and huge numbers in its query: once per person and
    # page shape (the path with its numbers as N, and the names in its query). The hostile query
    # meets the same view and the same parsing on /news/12/ as on /news/13/; walking all 507
    # crawled pages sent about 1,300 more requests to code already probed.
    probed: set[tuple] = set()
    for who, page in every_page:
        parts = urlsplit(page)
        shape = (who, re.sub(r"\d+", "N", parts.path), tuple(sorted(k for k, _v in parse_qsl(parts.query))))
        if shape in probed:
            continue
        probed.add(shape)
        for params in ({"page": str(HUGE)}, {"q": "x" + NUL}, {"page": NUL}, {"year": str(HUGE), "month": str(HUGE)}):
            check(problems, who, f"query {params}", "get", page, params)
    # Every route with ids in its path, with ids of 2^63 and 2^70.
    for route, name in all_routes():
        if not (name.startswith("workspace:") or name.startswith("accounts:")) or "<int:" not in route:
            continue
        for big in (2**63, HUGE):
            path = "/" + re.sub(r"<int:[a-z_]+>", str(big), re.sub(r"<(?:str|slug|path):[a-z_0-9]+>", "x", route))
            for method in ("get", "post"):
                check(problems, "admin", f"path {big}", method, path)
    # The public pages too, as anybody: ids of 2^63 and 2^70, and a NUL in the query.
    for route, name in all_routes():
        if not name.startswith("portal:") or "(?P" in route or "^" in route:
            continue
        for value in (str(2**63), str(HUGE)):
            path = "/" + re.sub(r"<int:[a-z_]+>", value, re.sub(r"<(?:str|slug|path):[a-z_0-9]+>", "x", route))
            check(problems, "anonymous", f"path {value}", "get", path, {"page": value, "q": "x" + NUL})
    # Every route that takes a POST was reached by a form (or is skipped with a reason).
    unreached = []
    for route, name in all_routes():
        if not (name.startswith("workspace:") or name.startswith("accounts:")) or name in posted or name in SKIP:
            continue
        path = "/" + re.sub(r"<int:[a-z_]+>", "1", re.sub(r"<(?:str|slug|path):[a-z_0-9]+>", "x", route))
        status = check(problems, "admin", "reachable?", "post", path)
        if status != 405:
            unreached.append(f"{name} ({path} answers POST with {status})")
    print(f"\nwalk: {len(every_page)} pages, {len(done)} forms; {len(posted)} routes posted: {sorted(posted)}")
    print("forms refused as filled (their variants are refused before the bad field is read):\n  " + "\n  ".join(refused_as_filled))
    assert not problems + unreached, (
        f"{len(problems)} problems:\n" + "\n".join(problems)
        + "\nroutes taking a POST that no form reached (add to SKIP with a reason):\n" + "\n".join(unreached)
    )


# --- The API: every operation from the OpenAPI schema -------------------------------------------

def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), schema["anyOf"][0])
        return _resolve(schema, spec)
    return schema


def _sample(name: str, schema: dict, known: dict):
    if name in known:
        return known[name]
    kind = schema.get("type")
    return {"string": "متن آزمایشی", "integer": 1, "number": 1, "boolean": False, "array": []}.get(kind)


def api_variants(props: dict, base: dict):
    """(label, body) per property: a NUL, ten times the limit, 2^63 and 2^70 where numbers go."""
    for name, schema in props.items():
        kind = schema.get("type")
        items = schema.get("items", {}).get("type")
        if kind == "string":
            yield f"{name}: NUL", {**base, name: (base.get(name) or "x") + NUL + "ب"}
            length = schema["maxLength"] * 10 if schema.get("maxLength") else 10_000
            yield f"{name}: {length} chars", {**base, name: "ب" * length}
        elif kind == "integer":
            yield f"{name}: 2^70", {**base, name: HUGE}
            yield f"{name}: 2^63", {**base, name: 2**63}
        elif kind == "array" and items == "integer":
            yield f"{name}: [2^70]", {**base, name: [HUGE]}
            yield f"{name}: [2^63]", {**base, name: [2**63]}
        elif kind == "array" and items == "string":
            yield f"{name}: [NUL]", {**base, name: ["x" + NUL]}
            yield f"{name}: [long]", {**base, name: ["ب" * 10_000]}


def test_every_api_operation_survives_nul_long_text_and_huge_numbers(db, demo):
    from hamafza.agencies.models import Agency
    from hamafza.api.main import api
    from hamafza.newsroom import actions
    from hamafza.newsroom.models import NewsItem

    head = people()["head"]
    agency = Membership.objects.filter(user=head).first().agency
    item = actions.do_create_draft(head, agency, {"title": "پیش‌نویس گردش", "lead": "لید", "body": "<p>متن</p>"})
    headers = {"HTTP_AUTHORIZATION": f"Bearer {do_create_token(head, 'walk')[1]}"}
    # The body as the item already is: a variant then changes one field only, so a refusal must
    # leave the item exactly as it was.
    known = {"item_id": item.pk, "agency": agency.pk, "base_revision": item.revision, "slug": Agency.objects.first().slug,
             **{k: getattr(item, k) for k in ("title", "kicker", "lead", "body", "city")}}
    spec = api.get_openapi_schema(path_prefix="/api/")
    client = Client(raise_request_exception=True)
    problems: list[str] = []
    tried = set()

    def call(method, path, label, body=None, query=None):
        before = model_to_dict(NewsItem.objects.get(pk=item.pk))
        with transaction.atomic():
            try:
                if body is not None:
                    import json as _json

                    response = getattr(client, method)(path, _json.dumps(body), content_type="application/json", **headers)
                else:
                    response = getattr(client, method)(path, query or {}, **headers)
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{method.upper()} {path} [{label}]: {type(exc).__name__}: {str(exc)[:160]} @ {where(exc)}")
                transaction.set_rollback(True)
                return
            status = response.status_code
            if status >= 500:
                problems.append(f"{method.upper()} {path} [{label}]: {status}")
            elif 400 <= status < 500 and not persian_message(response):
                problems.append(f"{method.upper()} {path} [{label}]: {status} without a Persian message")
            if 400 <= status < 500 and model_to_dict(NewsItem.objects.get(pk=item.pk)) != before:
                problems.append(f"{method.upper()} {path} [{label}]: refused ({status}) but the item changed")
            transaction.set_rollback(True)

    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            tried.add(f"{method.upper()} {path}")
            params = op.get("parameters", [])
            path_values = {p["name"]: known.get(p["name"], 1) for p in params if p["in"] == "path"}
            concrete = path.format(**path_values)
            body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            props = {}
            body = None
            if body_schema:
                resolved = _resolve(body_schema, spec)
                props = {k: _resolve(v, spec) for k, v in resolved.get("properties", {}).items()}
                body = {k: _sample(k, v, known) for k, v in props.items()}
            call(method, concrete, "as filled", body)
            for label, variant in api_variants(props, body or {}):
                call(method, concrete, label, variant)
            query = {p["name"]: _resolve(p.get("schema", {}), spec) for p in params if p["in"] == "query"}
            for label, variant in api_variants(query, {}):
                call(method, concrete, f"query {label}", None if method == "get" else body, variant if method == "get" else None)
            for name in path_values:
                for big in (2**63, HUGE):
                    call(method, path.format(**{**path_values, name: big}), f"path {name}={big}", body)
    print(f"\napi walk: {len(tried)} operations")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
