"""Distribution pages of the workspace: channels (list, edit, test), the deliveries of an item
(state, attempts, last error, per-channel retry, the verdict on `unknown`), and the channel choice
with per-channel preview that the item editor includes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.distribution import actions
from hamafza.distribution.formatting import ItemMedia, render as render_message
from hamafza.agencies import messengers
from hamafza.agencies.models import Council
from hamafza.distribution import platforms
from hamafza.distribution.council_platforms import NOTE_MAX, do_set_platforms
from hamafza.distribution.models import Channel, ChannelDefault, Delivery, ItemChannelChoice, SandboxMessage
from hamafza.distribution.outbox import chosen_channels

from .forms import KIND_ABOUT, ChannelForm
from .sandbox import bubble


@staff_required
@require_http_methods(["GET"])
def channel_list(request):
    channels = list(policy.visible_channels(request.user).select_related("agency", "council"))
    health = actions.health(channels)
    roles = policy.roles_of(request.user)
    reg = get_registry()
    addable = [reg.agencies[a] for a in sorted(roles.head_agencies) if a in reg.agencies]
    councils = [reg.councils[c] for c in sorted(roles.secretariat_councils) if c in reg.councils]
    if roles.superuser:
        addable, councils = list(reg.agencies.values()), list(reg.councils.values())
    return render(request, "workspace/distribution/channels.html", {
        "rows": [(ch, health.get(ch.pk, {}), policy.can_manage_channel(request.user, ch)) for ch in channels],
        "addable": addable, "councils": councils, "nav": "distribution",
        "disallowed": {ch.pk for ch in channels if not policy.platform_allowed(ch)},
        "can_view_troubles": policy.can_view_delivery_troubles(request.user),
    })


@staff_required
@require_http_methods(["GET", "POST"])
def channel_edit(request, channel_id: int | None = None):
    """New: choose the kind first (only the kinds the council's platforms allow), then that
    kind's form. Existing: the channel's own kind, never changed here."""
    if channel_id is None:
        owner = "council" if "council" in request.GET else "agency"
        channel = policy.access_new_channel(request.user, owner, request.GET.get(owner, ""))
        is_default = owner == "agency"
        kinds = offered_kinds(channel)
        kind = request.GET.get("kind") or request.POST.get("kind", "")
        if kind not in {k for k, _label, _about in kinds}:
            return render(request, "workspace/distribution/channel_kinds.html", {
                "kinds": kinds, "owner": owner, "owner_id": channel.agency_id or channel.council_id,
                "unknown": bool(kind), "nav": "distribution",
            }, status=400 if kind else 200)
    else:
        channel = policy.access_channel(request.user, channel_id, for_write=True)
        is_default = bool(channel.agency_id) and ChannelDefault.objects.filter(
            agency_id=channel.agency_id, channel=channel).exists()
        kind = channel.kind
    form = ChannelForm(request.POST or None, instance=channel, initial={"default_for_agency": is_default}, kind=kind,
                       allowed=policy.allowed_platforms(council_id=channel.council_id, agency_id=channel.agency_id))
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_channel(request.user, form.save(commit=False), token=form.cleaned_data.get("token", ""),
                                         default_for_agency=form.cleaned_data.get("default_for_agency", False)
                                         if channel.agency_id else None)
        except actions.DistributionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("مجرای «%(name)s» ذخیره شد.") % {"name": saved.name})
            return redirect("workspace:distribution:channel", channel_id=saved.pk)
    status = 400 if request.method == "POST" else 200
    response = render(request, "workspace/distribution/channel.html", {
        "form": form, "channel": channel, "kind_label": Channel.Kind(kind).label, "nav": "distribution",
        "kind_about": KIND_ABOUT.get(kind, ""), "platform": platforms.of(channel),
        "platform_allowed": policy.platform_allowed(channel) if channel.pk else True,
        "kept_without_council": bool(channel.pk) and policy.kept_without_council(channel),
        "on_no_council": policy.on_no_council(channel.agency_id),
    }, status=status)
    response["Cache-Control"] = "no-store"
    return response


def offered_kinds(channel) -> list[tuple[str, str, str]]:
    """(kind, label, what it is) of the kinds a new channel of this owner may have: a bot kind
    only if its platform is allowed by the owner's council(s); manual kits and sandboxes always
    (a manual kit's platform, a sandbox's imitated one, are checked in the form)."""
    allowed = policy.allowed_platforms(council_id=channel.council_id, agency_id=channel.agency_id)
    order = [Channel.Kind.BALE, Channel.Kind.EITAA, Channel.Kind.RUBIKA, Channel.Kind.EMAIL, Channel.Kind.MANUAL,
             Channel.Kind.SANDBOX, Channel.Kind.TELEGRAM]
    out = []
    for kind in order:
        if kind in Channel.BOT_KINDS and kind not in allowed:
            continue
        if kind == Channel.Kind.EMAIL and "email" not in allowed:
            continue
        out.append((kind.value, kind.label, KIND_ABOUT.get(kind, "")))
    return out


@staff_required
@require_POST
def channel_test(request, channel_id: int):
    channel = policy.access_channel(request.user, channel_id, for_write=True)
    ok, message = actions.do_test_channel(request.user, channel, post=request.POST.get("post") == "1")
    if request.headers.get("HX-Request"):
        return render(request, "workspace/distribution/channel.html#test-result", {"ok": ok, "message": message})
    (messages.success if ok else messages.error)(request, message)
    return redirect("workspace:distribution:channel", channel_id=channel.pk)


@staff_required
@require_POST
def channel_resume(request, channel_id: int):
    channel = policy.access_channel(request.user, channel_id, for_write=True)
    if actions.do_resume_channel(request.user, channel):
        messages.success(request, _("ارسال به «%(name)s» از سر گرفته شد.") % {"name": channel.name})
    else:
        messages.error(request, _("این مجرا متوقف نبود."))
    return redirect("workspace:distribution:channel", channel_id=channel.pk)


@staff_required
@require_http_methods(["GET"])
def sandbox_view(request, channel_id: int):
    """What a sandbox channel received, drawn as its platform shows it (anyone who sees the
    channel: staff try publishing here before a real channel)."""
    channel = policy.access_channel(request.user, channel_id)
    if not channel.is_sandbox:
        raise Http404
    rows = SandboxMessage.objects.filter(channel=channel, album__isnull=True) | SandboxMessage.objects.filter(
        channel=channel, album=F("message_id"))
    bubbles = [bubble(m) for m in rows.order_by("-created_at", "-message_id")[:50]]
    return render(request, "workspace/distribution/sandbox.html", {
        "channel": channel, "platform": platforms.of(channel), "bubbles": bubbles, "nav": "distribution",
        "can_manage": policy.can_manage_channel(request.user, channel),
    })


@staff_required
@require_http_methods(["GET", "POST"])
def council_platforms(request, council_id: int):
    """The platforms a council allows (its secretariat): domestic ones, and foreign ones with a
    note of why."""
    council = get_registry().councils.get(council_id)
    if council is None or not policy.can_view_council(request.user, council_id):
        raise Http404
    if not policy.can_set_platforms(request.user, council_id):
        raise PermissionDenied
    stored = Council.objects.filter(pk=council_id).values("platforms", "platforms_note").first()
    chosen, note, error = set(stored["platforms"] or []), stored["platforms_note"], ""
    if request.method == "POST":
        chosen, note = set(request.POST.getlist("platforms")), request.POST.get("note", "")
        try:
            do_set_platforms(request.user, council_id, chosen, note)
        except actions.DistributionError as exc:
            error = exc.message
        else:
            messages.success(request, _("سکوهای مجاز «%(name)s» ذخیره شد.") % {"name": council.short_name})
            return redirect("workspace:distribution:platforms", council_id=council_id)
    rows = lambda codes: [(c, messengers.LABELS[c], c in chosen) for c in codes]  # noqa: E731
    return render(request, "workspace/distribution/platforms.html", {
        "council": council, "domestic": rows(messengers.DOMESTIC), "foreign": rows(messengers.FOREIGN),
        "note": note, "error": error, "note_max": NOTE_MAX, "nav": "distribution",
    }, status=400 if error else 200)


def _delivery_rows(request, deliveries):
    """Each delivery with what the person may do to it now (the resend waits out the platform's
    late-delivery window, see actions.resend_refusal)."""
    rows = []
    for d in deliveries:
        can = policy.can_resolve_delivery(request.user, d)
        rows.append({"d": d, "can": can, "resend_refusal": actions.resend_refusal(d) if can else ""})
    return rows


@staff_required
@require_http_methods(["GET"])
def item_deliveries(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    visible = policy.visible_channels(request.user)
    deliveries = list(
        Delivery.objects.filter(item=item, channel__in=visible).select_related("channel", "parent", "item")
        .order_by("channel_id", "id")
    )
    return render(request, "workspace/distribution/deliveries.html", {
        "item": item, "rows": _delivery_rows(request, deliveries), "nav": "distribution",
    })


@staff_required
@require_http_methods(["GET"])
def troubles(request):
    """Every `unknown` and failed delivery on the channels the person manages, with the actions."""
    if not policy.can_view_delivery_troubles(request.user):
        raise PermissionDenied
    deliveries = [
        d for d in policy.troubled_deliveries(request.user).select_related("channel", "item", "parent")
        .order_by("-updated_at", "-id")[:300]
        if d.item_id is None or policy.can_view_item(request.user, d.item)
    ]
    paused = [ch for ch in policy.visible_channels(request.user).filter(paused_at__isnull=False)
              if policy.can_manage_channel(request.user, ch)]
    return render(request, "workspace/distribution/troubles.html", {
        "rows": _delivery_rows(request, deliveries), "paused": paused, "nav": "distribution",
    })


def _back(request, delivery):
    if request.POST.get("back") == "troubles":
        return redirect("workspace:distribution:troubles")
    return redirect("workspace:distribution:item", item_id=delivery.item_id)


@staff_required
@require_POST
def delivery_retry(request, delivery_id: int):
    delivery = policy.access_delivery(request.user, delivery_id, for_write=True)
    try:
        actions.do_retry(request.user, delivery)
    except actions.DistributionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("ارسال به «%(name)s» دوباره در صف گذاشته شد.") % {"name": delivery.channel.name})
    return _back(request, delivery)


@staff_required
@require_POST
def delivery_mark(request, delivery_id: int):
    delivery = policy.access_delivery(request.user, delivery_id, for_write=True)
    try:
        reply = actions.do_mark(request.user, delivery, request.POST.get("verdict", ""), link=request.POST.get("link", ""))
    except actions.DistributionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, reply)
    return _back(request, delivery)


@staff_required
@require_http_methods(["GET", "POST"])
def item_channels(request, item_id: int):
    """The channel choice and per-channel preview of an item: a fragment the editor includes
    (hx-get on load), or a page of its own."""
    item = policy.access_item(request.user, item_id)
    usable = actions.usable_channels(request.user, item)
    if request.method == "POST":
        choices = {ch.pk: (request.POST.get(f"channel-{ch.pk}") == "1", request.POST.get(f"override-{ch.pk}", ""))
                   for ch in usable}
        try:
            actions.set_item_choices(request.user, item, choices)
        except actions.DistributionError as exc:
            messages.error(request, exc.message)
            return redirect("workspace:distribution:item_channels", item_id=item.pk)
        messages.success(request, _("مجراهای انتشار این خبر ذخیره شد."))
        if request.headers.get("HX-Request"):
            return _channels_fragment(request, item, usable)
        return redirect("workspace:distribution:item_channels", item_id=item.pk)
    return _channels_fragment(request, item, usable, full=not request.headers.get("HX-Request"))


def _channels_fragment(request, item, usable, full=False):
    chosen = {ch.pk: text for ch, text in chosen_channels(item)}
    overrides = dict(ItemChannelChoice.objects.filter(item=item).values_list("channel_id", "override_text"))
    rows, media = [], ItemMedia(item)
    for ch in usable:
        message = render_message(item, ch, overrides.get(ch.pk, ""), media=media)
        rows.append({"channel": ch, "on": ch.pk in chosen, "override": overrides.get(ch.pk, ""), "message": message,
                     "markup_warning": any(c in overrides.get(ch.pk, "") for c in "<>&")})
    template = "workspace/distribution/item_channels.html" + ("" if full else "#channels")
    return render(request, template, {"item": item, "rows": rows, "can_choose": policy.can_edit_item(request.user, item),
                                      "nav": "distribution"})
