"""The boundary probe: people of one agency or council ask, over HTTP, for what belongs to another.

On the demo (two councils sharing `rahdari` and `meteo`; `rail`, `ports`, … sit only on the first,
`amoozesh` only on the second) every object a persona must not see is given a unique secret title
(drafts, submitted items of agencies it has no part in, the other council's meetings, tasks,
proposals, reports, help and amplification requests, resources and bookings, other agencies'
channels, other people's tokens and notifications). Then, as each persona:

- every GET route of the workspace, the API and the portal is requested, with each secret
  object's id put into the URL wherever an id of its kind goes, and every route without an id
  once (with ?agency=/?sector=/?council=/?q= filters pointing across the boundary): never a 500,
  never a 200 with a secret title in the body;
- the media files of drafts and of the other council's task evidence are not served;
- every workspace form the persona reaches is posted with foreign ids in its id fields (agency,
  item, resource, meeting, channel, image, …): never a 500, and the foreign object gains no new
  reference (no row of ours now points at it);
- the second council's portal (its host name) shows nothing that belongs only to the first.

The expected answers are written by hand from the rules (one council's work stays inside it, an
agency's unpublished work stays with it), never derived from hamafza.policy."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.test import Client

from hamafza.accounts.models import CouncilRole, Membership, User
from hamafza.agencies.models import Agency, Council, CouncilMembership
from hamafza.apitokens.actions import do_create_token
from hamafza.audit.models import AuditEvent
from hamafza.newsroom.models import ItemAgency, NewsItem
from tests.demo.conftest import demo  # noqa: F401  (the module-scoped demo fixture)
from tests.input_walk import baseline, files_for
from tests.personas import sign_in_verified
from tests.test_input_walk import crawl, route_name
from tests.test_permission_matrix import all_routes

S = NewsItem.Status
OSTAN_HOST = "ostan.localhost"
PER_KIND = 2  # secret objects of each kind tried in each id slot
# Persona → demo username. Agency people of an agency on one council only, the shared agency's
# head, and both councils' secretariats.
PERSONAS = {
    "rail_staff": "rail-staff",  # agency on the first council only
    "amoozesh_head": "amoozesh-head",  # agency on the second council only
    "meteo_head": "meteo-head",  # agency on both councils
    "dabir": "dabir",  # secretariat of the first council
    "dabir_ostan": "dabir-ostan",  # secretariat of the second council
}
# URL keyword → the model whose ids go there.
SLOTS = {
    "item_id": "newsroom.NewsItem", "campaign_id": "council.Campaign", "proposal_id": "council.ProgramProposal",
    "meeting_id": "council.Meeting", "report_id": "council.ActivityReport", "task_id": "council.Task",
    "image_id": "newsroom.Image", "notification_id": "notifications.Notification", "token_id": "apitokens.ApiToken",
    "channel_id": "distribution.Channel", "delivery_id": "distribution.Delivery", "booking_id": "cooperation.Booking",
    "resource_id": "cooperation.Resource", "job_id": "reporting.ReportJob", "attachment_id": "newsroom.Attachment",
    "target_id": "cooperation.AmplificationTarget",
    "journalist_id": "press.Journalist", "outlet_id": "press.Outlet", "list_id": "press.PressList",
    "release_id": "press.Release",
}
# The text field of each kind that carries the secret (unique) title.
TITLE_FIELD = {
    "newsroom.NewsItem": "title", "council.ProgramProposal": "title", "council.Meeting": "title",
    "council.ActivityReport": "narrative", "council.Task": "title", "cooperation.HelpRequest": "title",
    "cooperation.AmplificationRequest": "message", "cooperation.Resource": "name", "cooperation.Booking": "purpose",
    "distribution.Channel": "name", "apitokens.ApiToken": "name", "notifications.Notification": "text",
    "reporting.ReportJob": "title", "newsroom.Attachment": "title", "distribution.Delivery": "remark",
    "press.Journalist": "name", "press.Outlet": "name", "press.PressList": "name", "press.Release": "subject",
}
SKIP_GET = {"accounts:sign_out", "workspace:council:ical", "media"}  # ical: a token, not an id
# Form fields that carry an id, and the model it names.
ID_FIELDS = {
    "agency": "agencies.Agency", "agencies": "agencies.Agency", "supporting": "agencies.Agency",
    "targets": "agencies.Agency", "asking_agency": "agencies.Agency",
    "item": "newsroom.NewsItem", "evidence_item": "newsroom.NewsItem", "result_item": "newsroom.NewsItem",
    "news_item": "newsroom.NewsItem", "items": "newsroom.NewsItem",
    "offer": "cooperation.HelpOffer", "resource": "cooperation.Resource", "help_request": "cooperation.HelpRequest",
    "request": "cooperation.HelpRequest", "meeting": "council.Meeting", "resolution": "council.Resolution",
    "channel": "distribution.Channel", "channels": "distribution.Channel", "main_image": "newsroom.Image",
    "image": "newsroom.Image", "gallery": "newsroom.Image", "attachment": "newsroom.Attachment",
    "campaign": "council.Campaign", "task": "council.Task", "assignee": "accounts.User",
    "indicator": "reporting.Indicator", "indicators": "reporting.Indicator", "council": "agencies.Council",
    "outlet": "press.Outlet", "journalists": "press.Journalist", "lists": "press.PressList",
    "shared_with": "agencies.Agency",
}


class World:
    """Who is who on the demo, and what each persona must not see."""

    def __init__(self):
        self.users = {p: User.objects.get(username=u) for p, u in PERSONAS.items()}
        self.council_of_agency: dict[int, set[int]] = defaultdict(set)
        for m in CouncilMembership.objects.all():
            self.council_of_agency[m.agency_id].add(m.council_id)
        self.first, self.second = Council.objects.order_by("id")[:2]
        self.secret: dict[str, dict[str, list]] = {}  # persona → model label → [objects]
        self.titles: dict[str, set[str]] = {}
        self.foreign_agencies: dict[str, list[int]] = {}
        self.files: dict[str, list[str]] = {}
        self._number = itertools.count(1)
        self.what: dict[str, str] = {}  # secret title → the object it names
        self._prepare()

    def _second_council_work(self):
        """The demo's second council has little of its own: a meeting, a task, a help request and
        a resource of its agency that sits on no other council (copies of the first's rows)."""
        from hamafza.cooperation.models import HelpRequest, Resource
        from hamafza.council.models import Meeting, Task

        amoozesh = Agency.objects.get(slug="آموزش-و-پرورش-خوزستان")
        for model, changes in ((Meeting, {"council": self.second, "news_item": None}),
                               (Task, {"council": self.second, "agency": amoozesh, "resolution": None, "assignee": None}),
                               (HelpRequest, {"council": self.second, "asking_agency": amoozesh, "result_item": None}),
                               (Resource, {"agency": amoozesh})):
            row = model.objects.order_by("id").first()
            row.pk = None
            for key, value in changes.items():
                setattr(row, key, value)
            row.save()

    def _channels(self):
        """A channel of every agency and of each council, each with a delivery whose outcome is
        unknown (so that lists of deliveries to look at show it)."""
        from hamafza.distribution.models import Delivery
        from tests.distribution.conftest import make_channel

        owners = [{"agency": a} for a in Agency.objects.filter(memberships__isnull=False).distinct()]
        for n, owner in enumerate([*owners, {"council": self.first}, {"council": self.second}]):
            channel = make_channel(chat_id=f"@probe_{n}", default=False, **owner)
            item = NewsItem.objects.filter(status=S.PUBLISHED, lead_agency=owner.get("agency") or self.first.head_agency).first()
            if item:
                Delivery.objects.create(item=item, version="1", channel=channel, action=Delivery.Action.CREATE,
                                        state=Delivery.State.UNKNOWN)

    def agencies_of(self, user) -> set[int]:
        return set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))

    def councils_of(self, user) -> set[int]:
        councils = set(CouncilRole.objects.filter(user=user).values_list("council_id", flat=True))
        for agency in self.agencies_of(user):
            councils |= self.council_of_agency[agency]
        return councils

    def _mark(self, obj) -> str:
        return self._mark_title(obj, TITLE_FIELD[obj._meta.label])

    def _mark_title(self, obj, field: str) -> str:
        label = obj._meta.label
        n = next(self._number)
        title = f"رمزآزمون{n:04d}"  # what must not be shown; searches ask for the second word
        type(obj).objects.filter(pk=obj.pk).update(**{field: f"{title} نشان{n:04d}"})
        setattr(obj, field, f"{title} نشان{n:04d}")
        # As if it had been made with this title: its audit entries name it so.
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk).update(object_repr=getattr(obj, field))
        self.what[title] = f"{label} {obj.pk}"
        return title

    def _prepare(self):
        from hamafza.newsroom import actions

        # A draft and a submitted item of every agency, each supported by no one, made through
        # the actions so that the audit log has their events.
        for agency in Agency.objects.filter(memberships__isnull=False).distinct():
            writer = Membership.objects.filter(agency=agency).order_by("id").first().user
            actions.do_create_draft(writer, agency, {"title": "draft", "lead": "لید", "body": "<p>متن</p>"})
            submitted = actions.do_create_draft(writer, agency, {"title": "submitted", "lead": "لید", "body": "<p>متن</p>"})
            actions.do_submit(writer, NewsItem.objects.get(pk=submitted.pk))
        self._second_council_work()
        self._channels()
        # Every person gets a token and a notification of their own.
        from hamafza.notifications.models import Notification

        for user in User.objects.filter(username__in=PERSONAS.values()):
            do_create_token(user, "probe")
            Notification.objects.create(user=user, kind="mention", text="probe", url="/workspace/")
        marked: dict[tuple[str, int], str] = {}

        def mark(obj) -> str:
            key = (obj._meta.label, obj.pk)
            if key not in marked:
                marked[key] = self._mark(obj)
            return marked[key]

        for persona, user in self.users.items():
            mine, councils = self.agencies_of(user), self.councils_of(user)
            secretariat = CouncilRole.objects.filter(user=user, role=CouncilRole.Role.SECRETARIAT).exists()
            found: dict[str, list] = defaultdict(list)

            def add(label, objects):
                for obj in objects:
                    if len(found[label]) < PER_KIND + 2:
                        found[label].append(obj)

            def involved(item) -> set[int]:
                return {item.lead_agency_id, *ItemAgency.objects.filter(item=item).values_list("agency_id", flat=True)}

            items = NewsItem.objects.exclude(status__in=[S.PUBLISHED, S.WITHDRAWN] if hasattr(S, "WITHDRAWN") else [S.PUBLISHED])
            for item in items.order_by("id"):
                agencies = involved(item)
                if agencies & mine:
                    continue
                if item.status == S.SUBMITTED and secretariat and any(self.council_of_agency[a] & councils for a in agencies):
                    continue
                if item.status == S.DRAFT or item.status == S.SUBMITTED:
                    add("newsroom.NewsItem", [item])
            foreign_council = dict(council__in=Council.objects.exclude(id__in=councils))
            from hamafza.cooperation.models import AmplificationRequest, Booking, HelpRequest, Resource
            from hamafza.council.models import ActivityReport, Meeting, ProgramProposal, Task
            from hamafza.distribution.models import Channel, Delivery
            from hamafza.notifications.models import Notification as N
            from hamafza.apitokens.models import ApiToken

            add("council.Meeting", Meeting.objects.filter(**foreign_council).order_by("id"))
            add("council.Task", Task.objects.filter(**foreign_council).order_by("id"))
            add("council.ProgramProposal", ProgramProposal.objects.filter(campaign__council__in=Council.objects.exclude(id__in=councils)).order_by("id"))
            add("council.ActivityReport", ActivityReport.objects.filter(meeting__council__in=Council.objects.exclude(id__in=councils)).order_by("id"))
            add("cooperation.HelpRequest", HelpRequest.objects.filter(**foreign_council).order_by("id"))
            add("cooperation.AmplificationRequest", AmplificationRequest.objects.filter(**foreign_council).order_by("id"))
            outside = [a for a, cs in self.council_of_agency.items() if not cs & councils]
            add("cooperation.Resource", Resource.objects.filter(agency_id__in=outside).order_by("id"))
            add("cooperation.Booking", Booking.objects.filter(agency_id__in=outside, resource__agency_id__in=outside).order_by("id"))
            foreign_channels = Q(council__in=Council.objects.exclude(id__in=councils))
            if not secretariat:
                foreign_channels |= Q(agency__isnull=False) & ~Q(agency_id__in=mine)
            add("distribution.Channel", Channel.objects.filter(foreign_channels).order_by("-id"))
            add("distribution.Delivery", Delivery.objects.filter(channel__in=Channel.objects.filter(foreign_channels)).order_by("-id"))
            add("apitokens.ApiToken", ApiToken.objects.exclude(user=user).filter(user__username__in=PERSONAS.values()).order_by("id"))
            add("notifications.Notification", N.objects.exclude(user=user).filter(text="probe").order_by("id"))
            # The press office: personal data stays with its agency and those it shares with.
            from hamafza.press.models import Journalist, Outlet, PressList, Release

            shared_lists = PressList.objects.filter(shared_with__in=mine)
            add("press.Journalist", Journalist.objects.exclude(agency_id__in=mine).exclude(shared_with__in=mine)
                .exclude(lists__in=shared_lists).order_by("id"))
            add("press.Outlet", Outlet.objects.exclude(agency_id__in=mine).filter(shared=False).order_by("id"))
            add("press.PressList", PressList.objects.exclude(agency_id__in=mine).exclude(shared_with__in=mine).order_by("id"))
            add("press.Release", Release.objects.exclude(agency_id__in=mine).order_by("id"))
            self.secret[persona] = {label: objs for label, objs in found.items()}
            self.titles[persona] = {mark(o) for objs in found.values() for o in objs}
            self.foreign_agencies[persona] = outside
        self.files = self._private_files()

    def _private_files(self) -> dict[str, list[str]]:
        """Per persona, media paths of its secret drafts' images and attachments and of the other
        council's task evidence."""
        return {}

    def across(self, persona: str) -> str:
        """A query whose filters point across the persona's boundary."""
        councils = self.councils_of(self.users[persona])
        other = next((c.pk for c in (self.first, self.second) if c.pk not in councils), self.second.pk)
        agency = (self.foreign_agencies[persona] or [0])[0]
        return f"?council={other}&agency={agency}&q={self.word(min(self.titles[persona]))}&sector=1&page=1"

    @staticmethod
    def word(title: str) -> str:
        """The word a search asks for to find the object titled `title` (not the title itself,
        which a results page repeats)."""
        return title.replace("رمزآزمون", "نشان")

    def id_slots(self, persona: str) -> dict[str, list[int]]:
        out = {}
        for slot, label in SLOTS.items():
            objects = self.secret[persona].get(label, [])
            if objects:
                out[slot] = [o.pk for o in objects[:PER_KIND]]
        return out


@pytest.fixture(scope="module")
def world(demo, django_db_blocker):  # noqa: F811
    """Built once per module, in a savepoint of the demo's transaction rolled back at the end;
    each test still runs in its own savepoint (the `db` fixture) and changes nothing of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _each_test_in_a_savepoint(db):
    """The `db` fixture for every test here: its writes roll back, the module's world stays."""


@pytest.fixture
def clients(world):
    out = {}
    for persona, user in world.users.items():
        client = Client(raise_request_exception=False)
        sign_in_verified(client, user)
        out[persona] = client
    return out


def leaked(world, titles: set[str], body: str) -> list[str]:
    return sorted(f"{world.what[t]} «{t}»" for t in titles if t in body)


def _fill(route: str, values: dict[str, int]) -> str | None:
    url = "/" + route
    for key, value in values.items():
        url = re.sub(rf"<(?:int:)?{key}>", str(value), url)
    return None if "<" in url or "(?P" in url or "^" in url else url


def get_urls(world, persona: str):
    """(route name, URL) of every GET the persona makes."""
    slots = world.id_slots(persona)
    for route, name in all_routes():
        if not name or name in SKIP_GET or not name.split(":")[0] in ("workspace", "api", "portal"):
            continue
        keys = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if not keys:
            yield name, "/" + route
            yield name, "/" + route + world.across(persona)
            continue
        if any(k not in SLOTS and k not in ("number", "action") for k in keys):
            continue
        for key in keys:
            for pk in slots.get(key, []):
                values = {k: pk if k == key else 1 for k in keys}
                values.update(action="view") if "action" in keys else None
                url = _fill(route, values)
                if url:
                    yield name, url


def test_no_get_crosses_a_boundary(world, clients):
    problems, requests = [], 0
    for persona, client in clients.items():
        titles = world.titles[persona]
        token = do_create_token(world.users[persona], "probe-api")[1]
        # The persona's own calendar feed (a token in the URL, not an id): their councils only.
        from hamafza.council import actions as council_actions

        ical = f"/workspace/council/ical/{council_actions.create_calendar_feed(world.users[persona])}.ics"
        response = client.get(ical)
        requests += 1
        if response.status_code != 200 or (hits := leaked(world, titles, response.content.decode(errors="replace"))):
            problems.append(f"{persona} GET {ical}: {response.status_code}, shows {hits if response.status_code == 200 else '-'}")
        # People of the first council only also ask on the second council's host name.
        hosts = ("testserver", OSTAN_HOST) if world.second.pk not in world.councils_of(world.users[persona]) else ("testserver",)
        for name, url in get_urls(world, persona):
            for host in hosts if "?" not in url else ("testserver",):
                headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if url.startswith("/api/") else {}
                response = client.get(url, HTTP_HOST=host, **headers)
                requests += 1
                body = response.content.decode(errors="replace") if not response.streaming else ""
                if response.status_code >= 500:
                    problems.append(f"{persona} GET {host}{url}: {response.status_code}")
                elif hits := leaked(world, titles, body):
                    problems.append(f"{persona} GET {host}{url} ({name}): {response.status_code} shows {hits}")
    print(f"\nGET probe: {requests} requests; secrets: " + "; ".join(
        f"{p}: " + ", ".join(f"{label.split('.')[1]} {len(objs)}" for label, objs in world.secret[p].items()) for p in clients))
    assert not problems, "\n".join(problems)


def test_the_second_councils_portal_shows_nothing_of_the_first(world):
    """On the second council's host name: items, campaigns and agencies of the first council only
    are nowhere — pages, feeds, sitemap, search, the public API and its filters."""
    from hamafza.council.models import Campaign

    only_first = [a for a, cs in world.council_of_agency.items() if cs == {world.first.pk}]
    items = [i for i in NewsItem.objects.filter(status=S.PUBLISHED).order_by("-published_at")
             if {i.lead_agency_id, *ItemAgency.objects.filter(item=i).values_list("agency_id", flat=True)} <= set(only_first)][:3]
    campaigns = list(Campaign.objects.filter(council=world.first).order_by("id")[:2])
    assert items and campaigns
    titles = [world._mark_title(o, "title") for o in [*items, *campaigns]]
    agency = Agency.objects.filter(pk__in=only_first).order_by("id").first()
    urls = ["/", "/news/", "/search/", "/sitemap.xml", "/sitemap-items-1.xml", "/feeds/rss/", "/feeds/atom/", "/api/v1/news",
            f"/agency/{agency.slug}/", f"/feeds/agency/{agency.slug}/rss/", f"/feeds/agency/{agency.slug}/atom/",
            f"/dashboard/agency/{agency.slug}/", f"/api/v1/agencies/{agency.slug}", f"/api/v1/news?agency={agency.pk}",
            f"/api/v1/news?council={world.first.pk}", f"/api/v1/agencies?council={world.first.pk}",
            f"/?agency={agency.pk}&council={world.first.pk}", f"/archive/{items[0].published_at.year}/"]
    for item, t in zip(items, titles):
        urls += [f"/news/{item.pk}/{item.slug}/", f"/n/{item.pk}", f"/api/v1/news/{item.pk}", f"/search/?q={world.word(t)}",
                 f"/api/v1/news?q={world.word(t)}"]
    urls += [f"/campaign/{c.slug}/" for c in campaigns]
    for route, name in all_routes():  # every portal and API page without an id, plain and filtered
        if name.split(":")[0] in ("portal", "api") and "<" not in route and "(?P" not in route:
            urls += ["/" + route, f"/{route}?agency={agency.pk}&council={world.first.pk}&q={world.word(min(titles))}"]
    client, problems = Client(raise_request_exception=False), []
    for url in urls:
        response = client.get(url, HTTP_HOST=OSTAN_HOST)
        body = "" if response.streaming else response.content.decode(errors="replace")
        if response.status_code >= 500:
            problems.append(f"GET {url} on {OSTAN_HOST}: {response.status_code}")
        elif hits := leaked(world, set(titles), body):
            problems.append(f"GET {url} on {OSTAN_HOST}: {response.status_code} shows {hits}")
    print(f"\nportal probe: {len(urls)} requests")
    assert not problems, "\n".join(problems)


def foreign_ids(world, persona: str) -> dict[str, list[int]]:
    """Model label → ids the persona may neither see nor use."""
    from hamafza.cooperation.models import HelpOffer, HelpRequest
    from hamafza.council.models import Campaign, Resolution, Task
    from hamafza.newsroom.models import Attachment, Image
    from hamafza.reporting.models import Indicator

    user = world.users[persona]
    councils = world.councils_of(user)
    outside = world.foreign_agencies[persona]
    other_councils = Council.objects.exclude(id__in=councils)
    secret = world.secret[persona]
    out = {label: [o.pk for o in objs[:PER_KIND]] for label, objs in secret.items()}
    out["agencies.Agency"] = outside[:PER_KIND]
    out["newsroom.Image"] = list(Image.objects.filter(agency_id__in=outside).values_list("pk", flat=True)[:PER_KIND])
    out["newsroom.Attachment"] = list(Attachment.objects.filter(item__in=secret.get("newsroom.NewsItem", [])).values_list("pk", flat=True)[:PER_KIND])
    out["council.Resolution"] = list(Resolution.objects.filter(meeting__council__in=other_councils).values_list("pk", flat=True)[:PER_KIND])
    out["council.Campaign"] = list(Campaign.objects.filter(council__in=other_councils).values_list("pk", flat=True)[:PER_KIND])
    out["council.Task"] = list(Task.objects.filter(council__in=other_councils).values_list("pk", flat=True)[:PER_KIND])
    out["cooperation.HelpRequest"] = list(HelpRequest.objects.filter(council__in=other_councils).values_list("pk", flat=True)[:PER_KIND])
    out["cooperation.HelpOffer"] = list(HelpOffer.objects.filter(request__council__in=other_councils).values_list("pk", flat=True)[:PER_KIND])
    out["agencies.Council"] = list(other_councils.values_list("pk", flat=True)[:PER_KIND])
    out["reporting.Indicator"] = list(Indicator.objects.filter(agency_id__in=outside).values_list("pk", flat=True)[:PER_KIND])
    out["accounts.User"] = list(User.objects.filter(memberships__agency_id__in=outside).values_list("pk", flat=True)[:PER_KIND])
    return {label: ids for label, ids in out.items() if ids}


def references(label: str, pk: int) -> int:
    """How many rows point at the object (reverse foreign keys and many-to-many links)."""
    model = apps.get_model(label)
    total = 0
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            through = rel.through if hasattr(rel, "through") else rel.field.remote_field.through
            names = [f.name for f in through._meta.fields if f.is_relation and f.related_model is model]
            total += sum(through.objects.filter(**{n: pk}).count() for n in names)
        else:
            total += rel.related_model._base_manager.filter(**{rel.field.name: pk}).count()
    return total


def write_to(send, label: str, pk: int, where: str, titles, problems: list[str]) -> None:
    """`send()` inside a savepoint rolled back afterwards: never a 500, the foreign object (label,
    pk) unchanged and no new row pointing at it, none of `titles` in the answer."""
    from django.forms.models import model_to_dict

    obj = apps.get_model(label)._base_manager.get(pk=pk)
    before, refs = model_to_dict(obj), references(label, pk)
    with transaction.atomic():
        response = send()
        obj.refresh_from_db()
        after, refs_after = model_to_dict(obj), references(label, pk)
        transaction.set_rollback(True)
    body = "" if response.streaming else response.content.decode(errors="replace")
    if response.status_code >= 500:
        problems.append(f"{where}: {response.status_code}")
    elif before != after or refs != refs_after:
        changed = sorted(k for k in before if before[k] != after.get(k))
        problems.append(f"{where}: {response.status_code}, changed {changed} / references {refs} → {refs_after}")
    elif hits := [t for t in titles if t in body]:
        problems.append(f"{where}: {response.status_code} shows {hits}")


def post_to_foreign_url(client, persona, form, base, ids, titles, problems) -> int:
    """The form posted to the same route with a foreign object's id in the URL: refused, and the
    object unchanged. Returns the number of requests made."""
    from django.urls import resolve

    match = resolve(urlsplit(form.action).path)
    made = 0
    for key, value in match.kwargs.items():
        label = SLOTS.get(key)
        for pk in ids.get(label, [])[:1]:
            url = urlsplit(form.action).path.replace(f"/{value}/", f"/{pk}/", 1)
            write_to(lambda: client.post(url, {**base, **files_for(form)}), label, pk,
                     f"{persona} POST {url} [{label} {pk} in the URL]", titles, problems)
            made += 1
    return made


POST_PERSONAS = ("rail_staff", "amoozesh_head", "meteo_head", "dabir_ostan")


def test_no_form_takes_a_foreign_id(world, clients):
    problems, requests, tried_fields, unmapped, reached = [], 0, set(), set(), set()
    for persona in POST_PERSONAS:
        client, ids = clients[persona], foreign_ids(world, persona)
        forms, _pages = crawl(client, ["/workspace/"])
        done = set()
        for form in forms:
            name = route_name(form.action) or ""
            if form.method != "post" or not name.startswith("workspace:") or form.key() in done:
                continue
            done.add(form.key())
            reached.add(name.split(":")[-1])
            base = baseline(form)
            for f in form.fields:
                if f.name not in ID_FIELDS and (f.kind == "select" or (f.kind == "hidden" and f.value.isdigit())):
                    unmapped.add(f"{name}:{f.name}")
            requests += post_to_foreign_url(client, persona, form, base, ids, world.titles[persona], problems)
            for field in {f.name for f in form.fields}:
                label = ID_FIELDS.get(field)
                for pk in ids.get(label, [])[:1]:
                    tried_fields.add(field)
                    data = {**{k: list(v) for k, v in base.items()}, field: [str(pk)]}
                    path = urlsplit(form.action).path
                    write_to(lambda: client.post(path, {**data, **files_for(form)}), label, pk,
                             f"{persona} POST {path} [{field}={label} {pk}]", world.titles[persona], problems)
                    requests += 1
    print(f"\nPOST probe: {requests} requests; id fields tried: {sorted(tried_fields)}; unmapped: {sorted(unmapped)}; forms: {sorted(reached)}")
    assert not problems, "\n".join(problems)


ACTIONS = ("submit", "return", "publish", "schedule", "unpublish", "correct")


def test_no_write_route_takes_a_foreign_object(world, clients):
    """Every workspace route that names an object, POSTed (and the staff API PUT/POSTed) with a
    foreign object's id and no form: never a 500, the object unchanged, nothing of it shown."""
    problems, requests = [], 0
    for persona in POST_PERSONAS:
        client, ids = clients[persona], foreign_ids(world, persona)
        titles = world.titles[persona]
        token = do_create_token(world.users[persona], "probe-write")[1]
        for route, name in all_routes():
            if not name.startswith(("workspace:", "api:")):
                continue
            keys = re.findall(r"<(?:\w+:)?(\w+)>", route)
            slots = [k for k in keys if SLOTS.get(k) in ids]
            if not slots or any(k not in SLOTS and k not in ("action", "number") for k in keys):
                continue
            for key in slots:
                label = SLOTS[key]
                pk = ids[label][0]
                for action in ACTIONS if "action" in keys else ("",):
                    url = _fill(route, {**{k: pk if k == key else 1 for k in keys if k != "action"}, "action": action})
                    if name.startswith("api:"):
                        def send(url=url, method="PUT" if name == "api:save_draft" else "POST"):
                            return client.generic(method, url, '{"title": "x", "body": "<p>x</p>"}',
                                                  content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
                    else:
                        def send(url=url):
                            return client.post(url, {"note": "x", "reason": "x", "body": "x", "title": "x", "at": "1405/01/01"})
                    write_to(send, label, pk, f"{persona} POST {url} ({name}) [{label} {pk}]", titles, problems)
                    requests += 1
    print(f"\nwrite-route probe: {requests} requests")
    assert not problems, "\n".join(problems)


def test_no_private_file_crosses_a_boundary(world, clients, settings, tmp_path):
    """The files of a draft (its library photo and renditions, its attachment, its video and the
    video's poster), the other
    council's task evidence and consolidated report: not served to the persona, nor to anyone
    on the second council's host."""
    from django.core.files.base import ContentFile

    from hamafza.council.models import ProgressUpdate, Task
    from tests.mediafiles import (
        PDF, attachment_of, council_report, library_image, rendition_of, use_as_main_image, video_of,
    )

    settings.MEDIA_ROOT = str(tmp_path)
    problems, requests = [], 0
    for persona, client in clients.items():
        user = world.users[persona]
        councils = world.councils_of(user)
        names = []
        drafts = [i for i in world.secret[persona].get("newsroom.NewsItem", []) if i.status == S.DRAFT][:1]
        for draft in drafts:
            image = library_image(draft.lead_agency)
            use_as_main_image(draft, image)
            video = video_of(draft)
            names += [image.file.name, rendition_of(image), attachment_of(draft).file.name, video.file.name, video.poster.name]
        for council in Council.objects.exclude(id__in=councils):
            task = Task.objects.filter(council=council).order_by("id").first()
            if task:
                update = ProgressUpdate(task=task, author=task.created_by or user, note="probe")
                update.evidence_file.save("evidence.pdf", ContentFile(PDF), save=True)
                names.append(update.evidence_file.name)
            names.append(council_report(council))
        assert names, persona
        for name in names:
            for host in ("testserver", OSTAN_HOST):
                response = client.get(f"/media/{name}", HTTP_HOST=host)
                requests += 1
                if response.status_code >= 500 or response.status_code == 200:
                    problems.append(f"{persona} GET /media/{name} on {host}: {response.status_code}")
    print(f"\nmedia probe: {requests} requests")
    assert not problems, "\n".join(problems)


def test_the_probe_would_see_a_leak(world):
    """The control: the same titles ARE shown to whom they belong (the editor of a draft, the
    page of a meeting to its council), so that the probe's silence means something."""
    draft = next(i for i in world.secret["rail_staff"]["newsroom.NewsItem"] if i.status == S.DRAFT)
    writer = Membership.objects.filter(agency=draft.lead_agency).order_by("id").first().user
    meeting = world.secret["amoozesh_head"]["council.Meeting"][0]
    secretary = CouncilRole.objects.filter(council=meeting.council, role=CouncilRole.Role.SECRETARIAT).first().user
    client = Client()
    sign_in_verified(client, writer)
    assert draft.title.split()[0] in client.get(f"/workspace/news/{draft.pk}/").content.decode()
    sign_in_verified(client, secretary)
    assert meeting.title.split()[0] in client.get(f"/workspace/council/meetings/{meeting.pk}/").content.decode()
