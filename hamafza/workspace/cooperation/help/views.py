"""Help requests in the workspace: the board of requests the person may see, the new-request
form, and one request's page (offers, acceptance, delivery notes, the resulting item).
Each view: parse → access (hamafza.policy) → one action (hamafza.cooperation.helprequests) →
render. Bad input re-renders the page with a Persian message and what was typed (status 400)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.models import Agency, Council
from hamafza.agencies.registry import get_registry
from hamafza.cooperation import helprequests as actions
from hamafza.cooperation.errors import CooperationError
from hamafza.cooperation.models import HelpOffer, HelpRequest, Need, Resource
from hamafza.council.calendar import off_day_reason
from hamafza.council.errors import CouncilError
from hamafza.council.inputs import jalali_input, parse_time, tehran_datetime
from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits

from ..common import council_for

GET_POST = require_http_methods(["GET", "POST"])
R = HelpRequest.Status
O = HelpOffer.Status  # noqa: E741
BOARD_LIMIT = 200


# --- Helpers -------------------------------------------------------------------------------------

def _agency_names() -> dict[int, str]:
    return {a.id: a.short_name for a in get_registry().agencies.values()}


def _int(raw) -> int | None:
    try:
        value = int(to_ascii_digits(str(raw or "")).strip())
    except ValueError:
        return None
    return value if 0 < value < 2**31 else None


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("nav", "cooperation")
    context.setdefault("roles", policy.roles_of(request.user))
    return render(request, template, context, status=status)


def _done(request, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(url)


def _asking_agencies(user, council) -> list:
    registry = get_registry()
    ids = council.member_ids if policy.roles_of(user).superuser else sorted(policy.my_agencies_in_council(user, council.id))
    return [registry.agencies[a] for a in ids if a in registry.agencies]


# --- The board -----------------------------------------------------------------------------------

@staff_required
@require_http_methods(["GET"])
def help_list(request):
    user = request.user
    council = council_for(request)
    mine = sorted(policy.my_agencies_in_council(user, council.id))
    qs = policy.visible_help_requests(user, council.id).annotate(
        offer_count=Count("offers", filter=Q(offers__status__in=[O.OFFERED, O.ACCEPTED]), distinct=True),
        accepted_count=Count("offers", filter=Q(offers__status=O.ACCEPTED), distinct=True),
    )
    need = request.GET.get("need", "")
    status = request.GET.get("status", "")
    scope = request.GET.get("mine", "")
    if need in Need.values:
        qs = qs.filter(need=need)
    if status in R.values:
        qs = qs.filter(status=status)
    if scope == "asked":
        qs = qs.filter(asking_agency_id__in=mine)
    elif scope == "offered":
        qs = qs.filter(pk__in=HelpOffer.objects.filter(agency_id__in=mine).exclude(status=O.WITHDRAWN).values("request_id"))
    live = list(qs.filter(status__in=actions.LIVE).order_by("status", "day", "start_time", "id")[:BOARD_LIMIT])
    rest = list(qs.exclude(status__in=actions.LIVE).order_by("-day", "-id")[:BOARD_LIMIT])
    offered = set(HelpOffer.objects.filter(agency_id__in=mine, request__in=[r.pk for r in live + rest])
                  .exclude(status=O.WITHDRAWN).values_list("request_id", flat=True))
    names = _agency_names()
    for r in live + rest:
        r.asking_name = names.get(r.asking_agency_id, "")
        r.mine = r.asking_agency_id in mine
        r.offered = r.pk in offered
        r.when = when_text(r)
    return _page(request, "workspace/cooperation/help/list.html", {
        "council": council, "live": live, "rest": rest, "needs": Need.choices, "statuses": R.choices,
        "need": need, "status": status, "scope": scope, "filtered": bool(need or status or scope),
        "can_ask": bool(_asking_agencies(user, council)), "sub": "mine" if scope == "asked" and not (need or status) else "board",
    })


# --- Asking --------------------------------------------------------------------------------------

def _chosen_agencies(council, raw_ids) -> list[Agency]:
    ids = []
    for raw in raw_ids:
        value = _int(raw)
        if value is None or value not in council.member_ids:
            raise CooperationError(_("دستگاه انتخاب‌شده عضو این شورا نیست."), "agencies")
        ids.append(value)
    return list(Agency.objects.filter(pk__in=ids))


@staff_required
@GET_POST
def help_new(request):
    user = request.user
    council = council_for(request)
    agencies = _asking_agencies(user, council)
    if not agencies:
        if policy.can_oversee_council(user, council.id):
            raise PermissionDenied(_("ناظر و دبیرخانه درخواست کمک ثبت نمی‌کنند."))
        raise Http404(_("دستگاه شما عضو این شورا نیست."))
    registry = get_registry()
    others = [registry.agencies[a] for a in council.member_ids if a in registry.agencies]
    context = {
        "council": council, "agencies": agencies, "others": others, "needs": Need.choices, "sub": "new",
        "form": {"visibility": HelpRequest.Visibility.COUNCIL, "deadline_time": "۱۴:۰۰", "need": request.GET.get("need", "")},
        "checked": [], "today": jalali_input(actions.today_in_tehran()),
    }
    if request.method == "GET":
        return _page(request, "workspace/cooperation/help/new.html", context)
    post = request.POST
    try:
        agency_id = _int(post.get("agency")) if len(agencies) > 1 else agencies[0].id
        agency = next((a for a in agencies if a.id == agency_id), None)
        if agency is None:
            raise CooperationError(_("دستگاه درخواست‌کننده را انتخاب کنید."), "agency")
        day = actions.read_day(post.get("day", ""), _("تاریخ کار"), "day")
        start = parse_time(post.get("start_time"), _("ساعت شروع"), "start_time")
        end = parse_time(post.get("end_time"), _("ساعت پایان"), "end_time")
        deadline_day = actions.read_day(post.get("deadline_date", ""), _("تاریخ مهلت پیشنهاد"), "deadline_date")
        deadline_time = parse_time(post.get("deadline_time"), _("ساعت مهلت پیشنهاد"), "deadline_time", required=True)
        visibility = post.get("visibility", "")
        chosen = _chosen_agencies(council, post.getlist("agencies")) if visibility == HelpRequest.Visibility.CHOSEN else []
        off_day = off_day_reason(day)
        if off_day and post.get("off_day_ok") != "1":
            # Not refused: a Friday or a holiday may be right (a ceremony, a visit), but it is asked once.
            context.update(form=post, checked=post.getlist("agencies"), off_day=off_day,
                           day_text=jalali.format_date(day, weekday=True))
            return _page(request, "workspace/cooperation/help/new.html", context)
        help_request = actions.ask(
            user, council=Council.objects.get(pk=council.id), agency=Agency.objects.get(pk=agency.id),
            need=post.get("need", ""), title=post.get("title", ""), description=post.get("description", ""),
            place=post.get("place", ""), day=day, start_time=start, end_time=end,
            deadline=tehran_datetime(deadline_day, deadline_time), visibility=visibility, asked_agencies=chosen,
        )
    except CouncilError as error:
        context.update(error=error.message, error_field=error.field, form=post, checked=post.getlist("agencies"))
        return _page(request, "workspace/cooperation/help/new.html", context, status=400)
    return _done(request, _("درخواست کمک ثبت شد و برای دستگاه‌ها فرستاده شد."), actions.detail_url(help_request))


# --- One request ---------------------------------------------------------------------------------

def _offer_of(help_request, raw) -> HelpOffer:
    offer = HelpOffer.objects.select_related("resource").filter(pk=_int(raw) or 0, request=help_request).first()
    if offer is None:
        raise CooperationError(_("این پیشنهاد پیدا نشد؛ صفحه را دوباره باز کنید."), "offer")
    offer.request = help_request
    return offer


def _linkable_items(user, help_request) -> list[NewsItem]:
    items = NewsItem.objects.filter(lead_agency_id=help_request.asking_agency_id).order_by("-updated_at", "-id")[:40]
    return [i for i in items if policy.can_view_item(user, i)][:25]


def _offerable_resources(help_request, agency_ids) -> list[Resource]:
    """The offering agencies' resources of the kind asked for (any kind for «سایر»), each with
    `refusal`: why it cannot serve this request (not working that day, booked), "" if it can."""
    qs = Resource.objects.filter(agency_id__in=agency_ids, retired_at__isnull=True).order_by("name")
    if help_request.need != Need.OTHER:
        qs = qs.filter(capability=help_request.need)
    found = list(qs)
    for resource in found:
        resource.refusal = actions.resource_refusal(resource, help_request)
    return found


def _detail_context(request, help_request) -> dict:
    user = request.user
    roles = policy.roles_of(user)
    names = _agency_names()
    oversees = policy.can_oversee_council(user, help_request.council_id)
    manages = policy.can_manage_help_request(user, help_request)
    offers = list(help_request.offers.select_related("resource", "offered_by"))
    if not (manages or oversees or roles.superuser):
        offers = [o for o in offers if roles.member_of(o.agency_id) or o.status == O.ACCEPTED]
    for o in offers:
        o.agency_name = names.get(o.agency_id, "")
        o.mine = roles.member_of(o.agency_id)
    done = set(HelpOffer.objects.filter(request=help_request, status__in=[O.ACCEPTED, O.NOT_CHOSEN])
               .values_list("agency_id", flat=True))
    offering = [a for a in policy.offering_agencies(user, help_request) if a not in done]
    live = help_request.status in actions.LIVE
    offers_open = live and help_request.deadline > timezone.now()
    own_offer = next((o for o in offers if o.mine and o.status in (O.OFFERED, O.WITHDRAWN)), None)
    can_accept = policy.can_accept_offer(user, help_request)
    accepted = [o for o in offers if o.status == O.ACCEPTED]
    waiting = [o for o in offers if o.status == O.OFFERED]
    return {
        "hr": help_request, "council": get_registry().councils.get(help_request.council_id),
        "asking_name": names.get(help_request.asking_agency_id, ""), "when": when_text(help_request),
        "asked_names": [names.get(a.pk, a.short_name) for a in help_request.asked_agencies.all()],
        "offers": offers, "accepted": accepted, "waiting": waiting, "live": live, "offers_open": offers_open,
        "offering": [get_registry().agencies[a] for a in offering if a in get_registry().agencies] if offers_open else [],
        "own_offer": own_offer,
        "own_accepted": any(o.mine and o.status == O.ACCEPTED for o in offers),
        "resources": _offerable_resources(help_request, offering) if offers_open else [],
        "can_accept": can_accept and live, "can_manage": manages,
        "can_close": can_accept and help_request.status == R.ARRANGED and bool(waiting),
        "can_cancel": can_accept and live, "can_finish": manages and help_request.status == R.ARRANGED,
        "can_link": manages and help_request.status in (R.ARRANGED, R.DELIVERED),
        "items": _linkable_items(user, help_request) if manages and help_request.status in (R.ARRANGED, R.DELIVERED) else [],
        "result": help_request.result_item if help_request.result_item_id and policy.can_view_item(
            user, help_request.result_item) else None,
        "bookings": list(help_request.bookings.select_related("resource").order_by("starts_at")),
        "form": {}, "sub": "board",
    }


@staff_required
@GET_POST
def help_detail(request, request_id: int):
    user = request.user
    help_request = policy.access_help_request(user, request_id)
    if request.method == "GET":
        return _page(request, "workspace/cooperation/help/detail.html", _detail_context(request, help_request))
    post = request.POST
    what = post.get("action", "")
    note = ""
    try:
        if what == "offer":
            offering = policy.offering_agencies(user, help_request)
            agency_id = _int(post.get("agency")) if len(offering) > 1 else (offering[0] if offering else None)
            if not offering:
                raise PermissionDenied(_("دستگاه شما نمی‌تواند برای این درخواست پیشنهاد بدهد."))
            if agency_id not in offering:
                raise CooperationError(_("دستگاه پیشنهاددهنده را انتخاب کنید."), "agency")
            resource = None
            if post.get("resource"):
                resource = Resource.objects.filter(pk=_int(post.get("resource")) or 0).first()
                if resource is None:
                    raise CooperationError(_("منبع انتخاب‌شده پیدا نشد؛ شاید حذف شده باشد."), "resource")
            had = HelpOffer.objects.filter(request=help_request, agency_id=agency_id).exists()
            actions.offer(user, help_request, agency=Agency.objects.get(pk=agency_id), text=post.get("text", ""),
                          resource=resource)
            message = _("پیشنهاد شما به‌روز شد.") if had else _("پیشنهاد شما ثبت شد و برای دستگاه درخواست‌کننده فرستاده شد.")
        elif what == "withdraw":
            actions.withdraw_offer(user, _offer_of(help_request, post.get("offer")))
            message = _("پیشنهاد پس گرفته شد.")
        elif what == "accept":
            offer = actions.accept_offer(user, _offer_of(help_request, post.get("offer")))
            message = _("پیشنهاد «%(agency)s» پذیرفته شد.") % {"agency": _agency_names().get(offer.agency_id, "")}
            note = offer.booking_note
        elif what == "close":
            closed = actions.close_offers(user, help_request)
            message = _("پیشنهادگیری بسته شد.") if not closed else _("پیشنهادگیری بسته شد؛ %(n)s پیشنهاد دیگر انتخاب نشد.") % {
                "n": str(closed).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))}
        elif what == "deliver":
            actions.record_delivery(user, _offer_of(help_request, post.get("offer")), post.get("note", ""))
            message = _("آنچه انجام شد ثبت شد.")
        elif what == "link":
            item = None
            if post.get("unlink") != "1":
                if not post.get("item"):
                    raise CooperationError(_("خبر حاصل را انتخاب کنید."), "item")
                item = NewsItem.objects.filter(pk=_int(post.get("item")) or 0).first()
                if item is None:
                    raise CooperationError(_("خبر انتخاب‌شده پیدا نشد."), "item")
            actions.link_item(user, help_request, item)
            message = _("خبر حاصل به درخواست پیوند خورد.") if item else _("پیوند خبر برداشته شد.")
        elif what == "done":
            actions.mark_delivered(user, help_request)
            message = _("درخواست انجام‌شده ثبت شد.")
        elif what == "cancel":
            actions.cancel(user, help_request, post.get("reason", ""))
            message = _("درخواست لغو شد.")
        else:
            raise CooperationError(_("درخواست نامعتبر است."))
    except CouncilError as error:
        help_request.refresh_from_db()
        context = _detail_context(request, help_request)
        context.update(error=error.message, error_field=error.field, form=post, action=what)
        return _page(request, "workspace/cooperation/help/detail.html", context, status=400)
    if note:
        messages.info(request, note)
    return _done(request, message, actions.detail_url(help_request))


def when_text(help_request) -> str:
    """«سه‌شنبه ۵ آذر ۱۴۰۵، ۱۰:۰۰ تا ۱۲:۰۰» for lists and e-mails."""
    text = jalali.format_date(help_request.day, weekday=True)
    if help_request.start_time:
        text += "، " + help_request.start_time.strftime("%H:%M")
        if help_request.end_time:
            text += _(" تا ") + help_request.end_time.strftime("%H:%M")
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
