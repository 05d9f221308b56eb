"""The public live pages: a live event (its pinned summary and updates), and the status board
(HTML, text-only, JSON, Atom). Every page answers a conditional GET with the council's live stamp
as its ETag: a reader polling every 15 s with nothing new gets a 304 after one cache read, with
no query and no rendering. The board pages work with no JavaScript at all; the live page's small
script (portal/js/live.js) only swaps in the fresh fragment."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hamafza.live import selectors, stamp
from hamafza.live.text import status_line

from .base import check_id, page, portal_view

def poll_seconds() -> int:
    """How often the live page asks for news while nothing changes (HAMAFZA_LIVE_POLL_SECONDS, 15)."""
    return int(getattr(settings, "LIVE_POLL_SECONDS", 15))


def poll_plan(event) -> dict:
    """The live page's adaptive polling (portal/js/live.js): during the event's period, `fast`
    seconds after a change, growing ×1.5 to `every` while nothing changes; outside it, `idle`.
    The period goes as epoch seconds so that a cached page decides on the reader's clock."""
    return {"every": poll_seconds(), "fast": int(getattr(settings, "LIVE_POLL_FAST_SECONDS", 3)),
            "idle": int(getattr(settings, "LIVE_POLL_IDLE_SECONDS", 60)),
            "starts": int(event.starts_at.timestamp()), "ends": int(event.ends_at.timestamp())}


def _fresh(request: HttpRequest) -> tuple[str, HttpResponse | None]:
    """The live ETag of this council, and a 304 when the reader has it already (one cache read)."""
    tag = stamp.etag(request.council.id)
    if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        return tag, _conditional(HttpResponseNotModified(), tag)
    return tag, None


def _conditional(response: HttpResponse, tag: str) -> HttpResponse:
    response["ETag"] = tag
    # Cached only with a revalidation: the reader asks each time and gets a 304 for nothing new.
    response["Cache-Control"] = "public, no-cache"
    response["Vary"] = "Accept-Language, Cookie"
    return response


def stamped(view):
    """Answers a reader whose ETag is the council's current stamp with a 304 before the view runs,
    and stamps what the view answers."""
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        tag, unchanged = _fresh(request)
        return unchanged or _conditional(view(request, *args, **kwargs), tag)

    return wrapper


def _event(request: HttpRequest, event_id: int):
    event = selectors.public_event(request.council.id, check_id(event_id))
    if event is None:
        raise Http404(_("چنین رویداد زنده‌ای در این شورا نیست."))
    return event


@require_GET
@portal_view
@stamped
def live_index(request: HttpRequest) -> HttpResponse:
    events = selectors.current_events(request.council.id)
    return page(request, "portal/live_index.html", {"events": events})


@require_GET
@portal_view
@stamped
def live_event(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    context = {"event": event, "updates": selectors.published_updates(event), "groups": selectors.board(request.council.id),
               "poll": poll_plan(event), "etag": stamp.etag(request.council.id)}
    return page(request, "portal/live_event.html", context)


@require_GET
@portal_view
@stamped
def live_poll(request: HttpRequest, event_id: int) -> HttpResponse:
    """The fragment the live page swaps in (summary, updates, board), or 304."""
    event = _event(request, event_id)
    context = {"event": event, "updates": selectors.published_updates(event), "groups": selectors.board(request.council.id),
               "council": request.council, "reg": request.registry}
    return render(request, "portal/_live_fragment.html", context)


@require_GET
@portal_view
@stamped
def board(request: HttpRequest) -> HttpResponse:
    context = {"groups": selectors.board(request.council.id)}
    return page(request, "portal/board.html", context)


@require_GET
@portal_view
@stamped
def board_text(request: HttpRequest) -> HttpResponse:
    """The board as a few lines of text in a bare page: no stylesheet, no image, no script."""
    context = {"groups": selectors.board(request.council.id), "council": request.council, "line": status_line}
    return render(request, "portal/board_text.html", context)


@require_GET
@portal_view
def board_entity(request: HttpRequest, entity_id: int) -> HttpResponse:
    from hamafza.live.models import BoardEntity

    entity = BoardEntity.objects.filter(pk=check_id(entity_id), council_id=request.council.id).first()
    if entity is None:
        raise Http404(_("چنین موردی در تابلوی وضعیت نیست."))
    return page(request, "portal/board_entity.html", {"entity": entity, "history": selectors.history(entity)})


@require_GET
@portal_view
@stamped
def board_json(request: HttpRequest) -> HttpResponse:
    rows = [{
        "id": e.pk, "kind": e.kind, "kind_label": e.get_kind_display(), "name": e.name, "state": e.state,
        "state_label": e.get_state_display(), "wait_minutes": e.wait_minutes, "figure": e.figure, "note": e.note,
        "changed_at": e.changed_at.isoformat() if e.changed_at else None, "text": status_line(e),
    } for e in selectors.board_entities(request.council.id)]
    response = JsonResponse({"council": request.council.slug, "entities": rows}, json_dumps_params={"ensure_ascii": False})
    return response


@require_GET
@portal_view
@stamped
def board_atom(request: HttpRequest) -> HttpResponse:
    """Each change of the board as an entry, newest first."""
    link = request.build_absolute_uri(reverse("portal:board"))
    feed = Atom1Feed(title=_("تابلوی وضعیت — %(council)s") % {"council": request.council.portal_title}, link=link,
                     description=_("وضعیت گذرگاه‌ها، جاده‌ها، فرودگاه‌ها، ایستگاه‌ها و بندرها"), language="fa",
                     feed_url=request.build_absolute_uri(request.path))
    for change in selectors.recent_changes(request.council.id):
        entity = change.entity
        entity.state, entity.wait_minutes, entity.figure, entity.note = (
            change.state, change.wait_minutes, change.figure, change.note)
        url = request.build_absolute_uri(reverse("portal:board_entity", args=[entity.pk]))
        feed.add_item(title=status_line(entity), link=url, description=status_line(entity),
                      unique_id=f"{url}#change-{change.pk}", updateddate=change.changed_at, pubdate=change.changed_at)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response

