"""The press office's pages: the press list (journalists, outlets, lists), import and export,
the release composer from a news item, invitations from the council's calendar, and the release
history with each recipient's status. Views parse, ask hamafza.policy, call hamafza.press.actions
and render; every rule is the policy's."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.council.inputs import jalali_input
from hamafza.persian.digits import read_int, to_persian_digits
from hamafza.press import actions
from hamafza.press.errors import CouncilError
from hamafza.press.models import Outlet, Recipient, Release

SHOWN = 100  # journalists shown at once (search narrows)


@dataclass(frozen=True)
class Where:
    council: object  # CouncilInfo
    agency_id: int
    agencies: list  # AgencyInfo of the person's agencies on this council

    @property
    def query(self) -> str:
        return f"?council={self.council.id}&agency={self.agency_id}"

    @property
    def agency(self):
        return get_registry().agencies[self.agency_id]


def _where(request, agency_id: int | None = None, council_id: int | None = None) -> Where:
    """The council and agency a page is about: ?council= / ?agency= when the person may (a foreign
    or unknown one answers 404), else the host's council and the person's first agency on it."""
    reg = get_registry()
    councils = policy.press_councils(request.user)
    if not councils:
        raise Http404(_("در هیچ دستگاهی از شوراها عضو نیستید."))
    source = request.GET
    if council_id is None and source.get("council"):
        council_id = read_int(source.get("council"))
        if council_id not in councils:
            raise Http404
    if council_id is None:
        host = getattr(request, "council", None)
        council_id = host.id if host is not None and host.id in councils else councils[0]
        if agency_id is not None and not policy.can_work_on_press(request.user, council_id, agency_id):
            council_id = next((c for c in councils if policy.can_work_on_press(request.user, c, agency_id)), council_id)
    agencies = policy.press_agencies(request.user, council_id)
    if agency_id is None and source.get("agency"):
        agency_id = read_int(source.get("agency"))
        if agency_id not in agencies:
            raise Http404
    if agency_id is None:
        agency_id = agencies[0]
    if agency_id not in agencies:
        raise Http404
    return Where(reg.councils[council_id], agency_id, [reg.agencies[a] for a in agencies if a in reg.agencies])


def _back(where: Where, name: str = "workspace:press:home", *args) -> str:
    return reverse(name, args=args) + where.query


def _error(exc: CouncilError) -> dict:
    return {"field": exc.field, "message": exc.message}


def _agency_choices(where: Where) -> list:
    reg = get_registry()
    return [reg.agencies[a] for a in where.council.member_ids if a != where.agency_id and a in reg.agencies]


# --- The press list ------------------------------------------------------------------------------

@staff_required
@require_GET
def home(request):
    where = _where(request)
    q = " ".join(str(request.GET.get("q") or "").split())[:100]
    journalists = policy.visible_journalists(request.user, where.council.id, where.agency_id).select_related("outlet")
    if q:
        journalists = journalists.filter(Q(name__icontains=q) | Q(beat__icontains=q) | Q(outlet__name__icontains=q)
                                         | Q(email__icontains=q))
    total = journalists.count()
    outlets = policy.visible_outlets(request.user, where.council.id, where.agency_id)
    lists = policy.usable_press_lists(request.user, where.council.id, where.agency_id).prefetch_related("journalists")
    reg = get_registry()
    shown, outlets, lists = list(journalists[:SHOWN]), list(outlets), list(lists)
    for row in (*shown, *outlets, *lists):
        row.owner = reg.agencies.get(row.agency_id)
    return render(request, "workspace/press/home.html", {
        "nav": "press", "where": where, "q": q, "journalists": shown, "total": total,
        "more": total > SHOWN, "outlets": outlets, "lists": lists,
    })


def _form_page(request, where: Where, *, fields, many=(), initial, save, template: str, back: str, extra: dict):
    """An add/edit form of the press list: POST → the action (its Persian error shown on the
    form, 400) → back to the list; GET → the form with `initial()`."""
    error, status = None, 200
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in fields} | {k: request.POST.getlist(k) for k in many}
        try:
            saved = save(form)
        except CouncilError as exc:
            error, status = _error(exc), 400
        else:
            messages.success(request, _("«%(name)s» ذخیره شد.") % {"name": str(saved)})
            return redirect(back)
    else:
        form = initial()
    return render(request, template, {"nav": "press", "where": where, "form": form, "error": error, **extra},
                  status=status)


def _ids_of(related) -> list[str]:
    return [str(pk) for pk in related.values_list("pk", flat=True)]


@staff_required
@require_http_methods(["GET", "POST"])
def journalist_edit(request, journalist_id: int | None = None):
    where = _where(request)
    journalist = None
    if journalist_id is not None:
        journalist = policy.access_journalist(request.user, where.council.id, where.agency_id, journalist_id,
                                              for_write=True)

    def initial() -> dict:
        if journalist is None:
            return {"shared_with": []}
        j = journalist
        return {"name": j.name, "outlet": str(j.outlet_id or ""), "beat": j.beat, "email": j.email,
                "mobile": j.mobile, "bale_id": j.bale_id, "eitaa_id": j.eitaa_id, "consent": "1" if j.consent else "",
                "consent_date": jalali_input(j.consent_date), "source": j.source,
                "shared_with": _ids_of(j.shared_with)}

    return _form_page(
        request, where, fields=("name", "outlet", "beat", "email", "mobile", "bale_id", "eitaa_id", "consent",
                                "consent_date", "source"), many=("shared_with",), initial=initial,
        save=lambda data: actions.do_save_journalist(request.user, where.council.id, where.agency_id, data, journalist),
        template="workspace/press/journalist_form.html", back=_back(where),
        extra={"journalist": journalist, "share_choices": _agency_choices(where),
               "outlets": policy.visible_outlets(request.user, where.council.id, where.agency_id)},
    )


@staff_required
@require_POST
def journalist_erase(request, journalist_id: int):
    where = _where(request)
    journalist = policy.access_journalist(request.user, where.council.id, where.agency_id, journalist_id, for_write=True)
    name = journalist.name
    actions.do_erase_journalist(request.user, journalist)
    messages.success(request, _("نشانی‌ها و اطلاعات «%(name)s» پاک شد.") % {"name": name})
    return redirect(_back(where))


@staff_required
@require_http_methods(["GET", "POST"])
def outlet_edit(request, outlet_id: int | None = None):
    where = _where(request)
    outlet = None
    if outlet_id is not None:
        outlet = policy.access_outlet(request.user, where.council.id, where.agency_id, outlet_id, for_write=True)
    fields = ("name", "kind", "province", "site_url", "feed_url", "sitemap_url")

    def initial() -> dict:
        if outlet is None:
            return {"kind": Outlet.Kind.SITE}
        return {k: getattr(outlet, k) for k in fields} | {"shared": "1" if outlet.shared else ""}

    return _form_page(
        request, where, fields=(*fields, "shared"), initial=initial,
        save=lambda data: actions.do_save_outlet(request.user, where.council.id, where.agency_id, data, outlet),
        template="workspace/press/outlet_form.html", back=_back(where) + "#outlets",
        extra={"outlet": outlet, "kinds": Outlet.Kind.choices},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def list_edit(request, list_id: int | None = None):
    where = _where(request)
    press_list = None
    if list_id is not None:
        press_list = policy.access_press_list(request.user, where.council.id, where.agency_id, list_id, for_write=True)

    def initial() -> dict:
        if press_list is None:
            return {"journalists": [], "shared_with": []}
        return {"name": press_list.name, "journalists": _ids_of(press_list.journalists),
                "shared_with": _ids_of(press_list.shared_with)}

    return _form_page(
        request, where, fields=("name",), many=("journalists", "shared_with"), initial=initial,
        save=lambda data: actions.do_save_list(request.user, where.council.id, where.agency_id, data, press_list),
        template="workspace/press/list_form.html", back=_back(where) + "#lists",
        extra={"press_list": press_list, "share_choices": _agency_choices(where),
               "journalists": policy.visible_journalists(request.user, where.council.id, where.agency_id)
               .select_related("outlet")},
    )


# --- Import and export ---------------------------------------------------------------------------

@staff_required
@require_http_methods(["GET", "POST"])
def import_journalists(request):
    where = _where(request)
    result, status = None, 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            result = actions.ImportResult(errors=[(0, "", _("پرونده‌ای برگزیده نشده است."))])
        elif upload.size > actions.tabular.MAX_BYTES:
            result = actions.ImportResult(errors=[(0, "", _("حجم پرونده بیش از ۵ مگابایت است."))])
        else:
            result = actions.do_import_journalists(request.user, where.council.id, where.agency_id, upload.read(),
                                                   upload.name)
        if result.ok:
            messages.success(request, _("%(added)s خبرنگار افزوده و %(changed)s به‌روز شد.") % {
                "added": to_persian_digits(result.added), "changed": to_persian_digits(result.changed)})
            return redirect(_back(where))
        status = 400
    return render(request, "workspace/press/import.html", {
        "nav": "press", "where": where, "result": result, "columns": [label for _k, label in actions.COLUMNS],
    }, status=status)


@staff_required
@require_GET
def export_journalists(request, fmt: str):
    where = _where(request)
    body = actions.export_journalists(request.user, where.council.id, where.agency_id, fmt)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="journalists-{where.agency_id}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


# --- Releases ------------------------------------------------------------------------------------

@staff_required
@require_GET
def item_card(request, item_id: int):
    """The news editor's card: send a release of this item, and its releases so far."""
    item = policy.access_item(request.user, item_id)
    councils = [c for c in policy.press_councils(request.user)
                if policy.can_work_on_press(request.user, c, item.lead_agency_id)]
    if not councils:
        return HttpResponse("")
    releases = Release.objects.filter(item=item, agency_id=item.lead_agency_id, council_id__in=councils)[:5]
    can_send = policy.can_release_item(request.user, item)
    if not can_send and not releases:
        return HttpResponse("")
    return render(request, "workspace/press/_item.html", {
        "item": item, "can_send": can_send, "releases": releases,
        "query": f"?council={councils[0]}&agency={item.lead_agency_id}",
    })


def _compose_context(request, where: Where, **extra) -> dict:
    return {"nav": "press", "where": where,
            "lists": policy.usable_press_lists(request.user, where.council.id, where.agency_id)
            .prefetch_related("journalists"), **extra}


@staff_required
@require_http_methods(["GET", "POST"])
def release_new(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    where = _where(request, agency_id=item.lead_agency_id)
    if not policy.can_release_item(request.user, item):
        raise Http404
    error, status = None, 200
    form = {"subject": item.title, "lists": []}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("subject", "note", "embargo_date", "embargo_time")}
        form["lists"] = request.POST.getlist("lists")
        try:
            release = actions.do_send_release(request.user, where.council.id, where.agency_id, item, form)
        except CouncilError as exc:
            error, status = _error(exc), 400
        else:
            messages.success(request, _("خبرنامه برای %(n)s خبرنگار در صف ارسال است.") % {
                "n": to_persian_digits(release.recipients.count())})
            return redirect(_back(where, "workspace:press:release", release.pk))
    return render(request, "workspace/press/compose.html", _compose_context(
        request, where, item=item, form=form, error=error, can_embargo=policy.can_embargo_release(request.user, item),
    ), status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def invite_new(request):
    where = _where(request)
    events = actions.invitation_events(request.user, where.council.id)
    error, status = None, 200
    form = {"lists": [], "event": ""}
    if request.method == "POST":
        form = {"event": request.POST.get("event", ""), "note": request.POST.get("note", ""),
                "lists": request.POST.getlist("lists")}
        try:
            release = actions.do_send_invitation(request.user, where.council.id, where.agency_id, form)
        except CouncilError as exc:
            error, status = _error(exc), 400
        else:
            messages.success(request, _("دعوت‌نامه برای %(n)s خبرنگار در صف ارسال است.") % {
                "n": to_persian_digits(release.recipients.count())})
            return redirect(_back(where, "workspace:press:release", release.pk))
    return render(request, "workspace/press/invite.html", _compose_context(
        request, where, events=events, form=form, error=error), status=status)


@staff_required
@require_GET
def releases(request):
    where = _where(request)
    rows = (Release.objects.filter(council_id=where.council.id, agency_id=where.agency_id)
            .select_related("item", "created_by").prefetch_related("recipients")[:100])
    return render(request, "workspace/press/releases.html", {"nav": "press", "where": where, "releases": rows})


@staff_required
@require_GET
def release_detail(request, release_id: int):
    where = _where(request)
    release = policy.access_release(request.user, where.council.id, where.agency_id, release_id)
    return render(request, "workspace/press/release.html", {
        "nav": "press", "where": where, "release": release, "recipients": release.recipients.all(),
        "counts": {s: release.recipients.filter(status=s).count() for s in Recipient.Status.values},
        "statuses": Recipient.Status,
    })


@staff_required
@require_POST
def preview_revoke(request, release_id: int, recipient_id: int):
    where = _where(request)
    release = policy.access_release(request.user, where.council.id, where.agency_id, release_id)
    pk = read_int(recipient_id)
    recipient = release.recipients.filter(pk=pk).first() if pk else None
    if recipient is None:
        raise Http404
    actions.do_revoke_preview(request.user, recipient)
    messages.success(request, _("پیوند پیش‌نمایش «%(name)s» باطل شد.") % {"name": recipient.name})
    return redirect(_back(where, "workspace:press:release", release.pk))


