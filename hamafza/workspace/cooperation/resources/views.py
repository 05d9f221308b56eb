"""The shared-resource directory of the workspace: the council's resources by agency, a resource's
page with its booking calendar (the workspace's reusable Jalali calendar) and booking form, the
add / edit form of the own agency's resources, and the agency's bookings made and received.
Each view: parse → access (hamafza.policy) → one action (hamafza.cooperation.resources) → render;
bad input re-renders the page with a Persian message and what was typed (status 400)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.cooperation import resource_calendar, resources as actions
from hamafza.cooperation.models import Booking, Need, Resource
from hamafza.council.actions import today_in_tehran
from hamafza.council.errors import CouncilError
from hamafza.council.inputs import jalali_input, parse_date, parse_time, tehran_datetime
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits
from hamafza.workspace import calendar_grid

GET_POST = require_http_methods(["GET", "POST"])
TEMPLATES = "workspace/cooperation/resources/"


# --- Helpers -------------------------------------------------------------------------------------

def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("nav", "cooperation")
    context.setdefault("roles", policy.roles_of(request.user))
    return render(request, TEMPLATES + template, context, status=status)


def _names() -> dict[int, str]:
    return {a.id: a.short_name for a in get_registry().agencies.values()}


def _int_or_404(raw) -> int:
    try:
        value = int(to_ascii_digits(str(raw)))
    except (TypeError, ValueError):
        raise Http404(_("چنین دستگاهی در فهرست نیست.")) from None
    if not 0 < value < 2**62:
        raise Http404(_("چنین دستگاهی در فهرست نیست."))
    return value


def _my_sharing_agencies(user) -> list:
    """The person's agencies that may add resources (their own, in registry order)."""
    registry = get_registry()
    roles = policy.roles_of(user)
    return [registry.agencies[a] for a in roles.agencies if a in registry.agencies]


def _hours_text(resource) -> str:
    if resource.day_start is None:
        return _("در ساعات اداری با هماهنگی")
    return _("ساعت %(start)s تا %(end)s") % {
        "start": to_persian_digits(resource.day_start.strftime("%H:%M")),
        "end": to_persian_digits(resource.day_end.strftime("%H:%M")),
    }


def _decorate(resource, names: dict) -> None:
    resource.agency_name = names.get(resource.agency_id, "")
    resource.weekdays_text = actions.weekdays_text(resource.weekdays or [])
    resource.hours_text = _hours_text(resource)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if target.startswith("/workspace/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


# --- The directory -------------------------------------------------------------------------------

@staff_required
@require_GET
def directory(request):
    registry = get_registry()
    names = _names()
    owners = policy.visible_resource_agencies(request.user)
    qs = Resource.objects.filter(retired_at__isnull=True)
    if owners is not None:
        qs = qs.filter(agency_id__in=owners)
    visible = sorted(owners) if owners is not None else sorted(registry.agencies)
    capability = request.GET.get("capability") or ""
    kind = request.GET.get("kind") or ""
    agency = request.GET.get("agency") or ""
    day_text = (request.GET.get("day") or "").strip()
    if capability in Need.values:
        qs = qs.filter(capability=capability)
    else:
        capability = ""
    if kind in Resource.Kind.values:
        qs = qs.filter(kind=kind)
    else:
        kind = ""
    agency_id = None
    if agency:
        agency_id = _int_or_404(agency)
        if agency_id not in visible:
            raise Http404(_("چنین دستگاهی در فهرست نیست."))
        qs = qs.filter(agency_id=agency_id)
    error, day = "", None
    if day_text:
        try:
            day = parse_date(day_text, _("روز"), "day")
        except CouncilError as exc:
            error = exc.message
    resources = list(qs)
    booked: dict[int, list] = defaultdict(list)
    if day is not None:
        weekday = actions.jalali_weekday(day)
        resources = [r for r in resources if not r.weekdays or weekday in r.weekdays]
        since, until = jalali.day_bounds(day)
        for b in Booking.objects.filter(resource_id__in=[r.pk for r in resources], status=Booking.Status.CONFIRMED,
                                        starts_at__lt=until, ends_at__gt=since).order_by("starts_at"):
            booked[b.resource_id].append(b)
    groups: dict[int, list] = defaultdict(list)
    for r in resources:
        _decorate(r, names)
        r.booked = booked.get(r.pk, [])
        groups[r.agency_id].append(r)
    order = {a: i for i, a in enumerate(registry.agencies)}
    grouped = [(registry.agencies[a] if a in registry.agencies else None, groups[a])
               for a in sorted(groups, key=lambda a: order.get(a, 10**9))]
    context = {
        "sub": "directory", "grouped": grouped, "count": len(resources),
        "needs": Need.choices, "kinds": Resource.Kind.choices,
        "agencies": [registry.agencies[a] for a in visible if a in registry.agencies],
        "capability": capability, "kind": kind, "agency": agency_id, "day_text": day_text, "day": day,
        "error": error, "error_field": "day" if error else "", "can_add": bool(_my_sharing_agencies(request.user)),
    }
    return _page(request, "directory.html", context, status=400 if error else 200)


# --- Add and change ------------------------------------------------------------------------------

def _form_values(resource=None) -> dict:
    if resource is None:
        return {"kind": "", "capability": "", "name": "", "skills": "", "description": "", "contact": "",
                "day_start": "۰۸:۰۰", "day_end": "۱۶:۰۰", "weekdays": ["0", "1", "2", "3", "4"], "agency": ""}
    return {
        "kind": resource.kind, "capability": resource.capability, "name": resource.name, "skills": resource.skills,
        "description": resource.description, "contact": resource.contact,
        "day_start": to_persian_digits(resource.day_start.strftime("%H:%M")) if resource.day_start else "",
        "day_end": to_persian_digits(resource.day_end.strftime("%H:%M")) if resource.day_end else "",
        "weekdays": [str(d) for d in resource.weekdays or []], "agency": str(resource.agency_id),
    }


def _read_resource_form(post) -> dict:
    return {
        "kind": post.get("kind", ""), "capability": post.get("capability", ""), "name": post.get("name", ""),
        "skills": post.get("skills", ""), "description": post.get("description", ""), "contact": post.get("contact", ""),
        "weekdays": post.getlist("weekdays"),
        "day_start": parse_time(post.get("day_start", ""), _("ساعت آغاز"), "day_start"),
        "day_end": parse_time(post.get("day_end", ""), _("ساعت پایان"), "day_end"),
    }


@staff_required
@GET_POST
def resource_form(request, resource_id=None):
    resource = None
    mine = _my_sharing_agencies(request.user)
    if resource_id is not None:
        resource = policy.access_resource(request.user, resource_id)
        if not policy.can_edit_resource(request.user, resource):
            raise PermissionDenied(_("فقط دستگاه صاحب منبع می‌تواند آن را ویرایش کند."))
        if resource.retired_at is not None:
            raise Http404(_("این منبع دیگر به اشتراک گذاشته نمی‌شود."))
    elif not mine:
        raise PermissionDenied(_("فقط کارکنان روابط عمومی یک دستگاه می‌توانند منبع ثبت کنند."))
    context = {
        "sub": "add" if resource is None else "directory", "resource": resource, "mine": mine,
        "needs": Need.choices, "kinds": Resource.Kind.choices,
        "weekday_choices": [(str(i), name) for i, name in enumerate(jalali.WEEKDAYS)],
        "form": _form_values(resource),
    }
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("kind", "capability", "name", "skills", "description", "contact",
                                                       "day_start", "day_end", "agency")}
        form["weekdays"] = request.POST.getlist("weekdays")
        context["form"] = form
        try:
            fields = _read_resource_form(request.POST)
            if resource is None:
                agency_ids = {a.id for a in mine}
                raw = form["agency"] or (str(mine[0].id) if len(mine) == 1 else "")
                try:
                    agency_id = int(to_ascii_digits(raw))
                except ValueError:
                    raise CouncilError(_("دستگاهی را که منبع از آن است انتخاب کنید."), "agency") from None
                if agency_id not in agency_ids:
                    raise CouncilError(_("دستگاهی را که منبع از آن است انتخاب کنید."), "agency")
                resource = actions.add_resource(request.user, agency_id, **fields)
                messages.success(request, _("«%(name)s» به فهرست منابع اشتراکی افزوده شد.") % {"name": resource.name})
            else:
                resource = actions.change_resource(request.user, resource, **fields)
                messages.success(request, _("تغییرات «%(name)s» ذخیره شد.") % {"name": resource.name})
        except CouncilError as error:
            context.update(error=error.message, error_field=error.field)
            return _page(request, "form.html", context, status=400)
        return HttpResponseRedirect(reverse("workspace:cooperation:resource_detail", args=[resource.pk]))
    return _page(request, "form.html", context)


# --- A resource and its booking calendar ---------------------------------------------------------

def _detail_context(request, resource) -> dict:
    today = today_in_tehran()
    span = calendar_grid.read_span(request.GET, today)
    names = _names()
    _decorate(resource, names)
    events = resource_calendar.resource_events(resource, span.start, span.end)
    context = {"sub": "directory", "resource": resource, "agency_names": names}
    context.update(calendar_grid.build(span, events, today, names))
    days = [d for w in context["weeks"] for d in w] if "weeks" in context else context["days"]
    open_days = set(resource.weekdays or [])
    can_book = policy.can_book_resource(request.user, resource)
    free, closed, book_label = (_("آزاد؛ %(hours)s") % {"hours": resource.hours_text}, _("خارج از روزهای در دسترس"),
                                _("رزرو این روز"))
    past = _("رزروی نداشت.")
    for d in days:
        d.closed = bool(open_days) and actions.jalali_weekday(d.date) not in open_days
        d.empty_text = closed if d.closed else (past if d.date < today else free)
        if can_book and not d.closed and d.in_range and d.date >= today:
            d.action_url, d.action_label = f"?view=week&d={jalali.iso_jalali(d.date)}#book", book_label
    roles = policy.roles_of(request.user)
    context["booking_agencies"] = [get_registry().agencies[a] for a in policy.booking_agencies(request.user, resource)
                                   if a in get_registry().agencies]
    context["can_book"] = can_book
    context["can_edit"] = resource.retired_at is None and policy.can_edit_resource(request.user, resource)
    context["can_retire"] = resource.retired_at is None and policy.can_retire_resource(request.user, resource)
    upcoming = list(Booking.objects.filter(resource=resource, status=Booking.Status.CONFIRMED,
                                           ends_at__gte=timezone.now()).order_by("starts_at")[:12])
    for b in upcoming:
        b.agency_name = names.get(b.agency_id, "")
        b.cancellable = roles.superuser or roles.member_of(b.agency_id) or roles.head_of(resource.agency_id)
    context["upcoming"] = upcoming
    start_day = span.anchor if span.anchor >= today else today
    context.setdefault("form", {"day": jalali_input(start_day) if request.GET.get("d") else "", "start_time": "",
                                "end_time": "", "purpose": "", "agency": ""})
    return context


@staff_required
@require_GET
def detail(request, resource_id):
    resource = policy.access_resource(request.user, resource_id)
    return _page(request, "detail.html", _detail_context(request, resource))


def _gone(request) -> HttpResponse:
    """A stale page posting a resource that no longer exists: a clear page, not an error."""
    return _page(request, "gone.html", {"sub": "directory"}, status=404)


@staff_required
@require_POST
def book(request, resource_id):
    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:
        return _gone(request)
    if not policy.can_view_resource(request.user, resource):
        raise Http404
    form = {k: request.POST.get(k, "") for k in ("day", "start_time", "end_time", "purpose", "agency")}
    allowed = policy.booking_agencies(request.user, resource)
    try:
        day = parse_date(form["day"], _("تاریخ رزرو"), "day")
        start = parse_time(form["start_time"], _("ساعت آغاز"), "start_time", required=True)
        end = parse_time(form["end_time"], _("ساعت پایان"), "end_time", required=True)
        raw = form["agency"] or (str(allowed[0]) if len(allowed) == 1 else "")
        try:
            agency_id = int(to_ascii_digits(raw))
        except ValueError:
            raise CouncilError(_("دستگاهی را که رزرو برای آن است انتخاب کنید."), "agency") from None
        if agency_id not in allowed:
            if not allowed and resource.retired_at is None:
                raise PermissionDenied(_("این منبع را نمی‌توانید رزرو کنید."))
            raise CouncilError(_("دستگاهی را که رزرو برای آن است انتخاب کنید."), "agency")
        starts_at = tehran_datetime(day, start)
        ends_at = tehran_datetime(day, end) if end != dt.time(0) else tehran_datetime(day + dt.timedelta(days=1), end)
        booking = actions.book(request.user, resource, agency_id, starts_at, ends_at, form["purpose"])
    except CouncilError as error:
        resource.refresh_from_db()
        context = _detail_context(request, resource)
        context.update(error=error.message, error_field=error.field, form=form)
        return _page(request, "detail.html", context, status=400)
    messages.success(request, _("«%(resource)s» برای %(when)s رزرو شد.") % {
        "resource": resource.name, "when": jalali.format_datetime(booking.starts_at, weekday=True)})
    url = reverse("workspace:cooperation:resource_detail", args=[resource.pk])
    return HttpResponseRedirect(f"{url}?view=week&d={jalali.iso_jalali(day)}")


@staff_required
@require_POST
def retire(request, resource_id):
    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None:
        return _gone(request)
    if not policy.can_view_resource(request.user, resource):
        raise Http404
    try:
        actions.retire_resource(request.user, resource)
    except CouncilError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("«%(name)s» کنار گذاشته شد و رزروهای آیندهٔ آن لغو شد.") % {"name": resource.name})
    return HttpResponseRedirect(reverse("workspace:cooperation:resource_detail", args=[resource.pk]))


# --- The agency's bookings -----------------------------------------------------------------------

@staff_required
@require_GET
def my_bookings(request):
    roles = policy.roles_of(request.user)
    names = _names()
    mine = list(roles.agencies)
    past = request.GET.get("past") == "1"
    now = timezone.now()
    qs = Booking.objects.select_related("resource").filter(Q(agency_id__in=mine) | Q(resource__agency_id__in=mine))
    qs = qs.filter(ends_at__lt=now).order_by("-starts_at") if past else qs.filter(ends_at__gte=now).order_by("starts_at")
    made, received = [], []
    for b in qs[:300]:
        b.agency_name = names.get(b.agency_id, "")
        b.owner_name = names.get(b.resource.agency_id, "")
        b.cancellable = (not past and b.status == Booking.Status.CONFIRMED
                         and (roles.superuser or roles.member_of(b.agency_id) or roles.head_of(b.resource.agency_id)))
        (made if roles.member_of(b.agency_id) else received).append(b)
        if roles.member_of(b.agency_id) and roles.member_of(b.resource.agency_id) and b.agency_id != b.resource.agency_id:
            received.append(b)
    context = {"sub": "bookings", "made": made, "received": received, "past": past}
    return _page(request, "bookings.html", context)


@staff_required
@require_POST
def cancel(request, booking_id):
    booking = Booking.objects.select_related("resource").filter(pk=booking_id).first()
    if booking is None or not policy.can_view_resource(request.user, booking.resource):
        raise Http404(_("این رزرو پیدا نشد."))
    try:
        actions.cancel_booking(request.user, booking, request.POST.get("reason", ""))
    except CouncilError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("رزرو «%(resource)s» لغو شد.") % {"resource": booking.resource.name})
    return HttpResponseRedirect(_safe_next(request, reverse("workspace:cooperation:resource_bookings")))
