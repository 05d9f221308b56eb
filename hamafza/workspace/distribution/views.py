"""Distribution pages of the workspace: channels (list, edit, test), the deliveries of an item
(state, attempts, last error, per-channel retry, the verdict on `unknown`), and the channel choice
with per-channel preview that the item editor includes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.distribution import actions
from hamafza.distribution.formatting import render as render_message
from hamafza.distribution.models import Channel, ChannelDefault, Delivery, ItemChannelChoice
from hamafza.distribution.outbox import chosen_channels

from .forms import ChannelForm


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
    })


@staff_required
@require_http_methods(["GET", "POST"])
def channel_edit(request, channel_id: int | None = None):
    if channel_id is None:
        owner = "council" if "council" in request.GET else "agency"
        try:
            owner_id = int(request.GET.get(owner, ""))
        except ValueError:
            raise Http404 from None
        reg = get_registry()
        if owner_id not in (reg.councils if owner == "council" else reg.agencies):
            raise Http404
        if not policy.can_add_channel(request.user, **{f"{owner}_id": owner_id}):
            raise PermissionDenied
        channel = Channel(**{f"{owner}_id": owner_id})
        is_default = owner == "agency"
    else:
        channel = policy.access_channel(request.user, channel_id, for_write=True)
        is_default = bool(channel.agency_id) and ChannelDefault.objects.filter(
            agency_id=channel.agency_id, channel=channel).exists()
    form = ChannelForm(request.POST or None, instance=channel, initial={"default_for_agency": is_default})
    if request.method == "POST" and form.is_valid():
        saved = actions.save_channel(form.save(commit=False), token=form.cleaned_data["token"],
                                     default_for_agency=form.cleaned_data["default_for_agency"])
        messages.success(request, _("مجرای «%(name)s» ذخیره شد.") % {"name": saved.name})
        return redirect("workspace:distribution:channel", channel_id=saved.pk)
    status = 400 if request.method == "POST" else 200
    response = render(request, "workspace/distribution/channel.html", {
        "form": form, "channel": channel, "nav": "distribution",
    }, status=status)
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_POST
def channel_test(request, channel_id: int):
    channel = policy.access_channel(request.user, channel_id, for_write=True)
    ok, message = actions.do_test_channel(channel, post=request.POST.get("post") == "1")
    if request.headers.get("HX-Request"):
        return render(request, "workspace/distribution/channel.html#test-result", {"ok": ok, "message": message})
    (messages.success if ok else messages.error)(request, message)
    return redirect("workspace:distribution:channel", channel_id=channel.pk)


@staff_required
@require_http_methods(["GET"])
def item_deliveries(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    visible = policy.visible_channels(request.user)
    deliveries = list(
        Delivery.objects.filter(item=item, channel__in=visible).select_related("channel", "parent").order_by("channel_id", "id")
    )
    rows = [(d, policy.can_resolve_delivery(request.user, d)) for d in deliveries]
    return render(request, "workspace/distribution/deliveries.html", {
        "item": item, "rows": rows, "nav": "distribution",
    })


@staff_required
@require_POST
def delivery_retry(request, delivery_id: int):
    delivery = policy.access_delivery(request.user, delivery_id, for_write=True)
    if actions.do_retry(delivery, request.user):
        messages.success(request, _("ارسال به «%(name)s» دوباره در صف گذاشته شد.") % {"name": delivery.channel.name})
    else:
        messages.error(request, _("این ارسال در وضعیتی نیست که بتوان دوباره فرستاد."))
    return redirect("workspace:distribution:item", item_id=delivery.item_id)


@staff_required
@require_POST
def delivery_mark(request, delivery_id: int):
    delivery = policy.access_delivery(request.user, delivery_id, for_write=True)
    verdict = request.POST.get("verdict")
    link = request.POST.get("link", "").strip()
    if verdict not in ("sent", "not_sent"):
        messages.error(request, _("«ارسال شد» یا «ارسال نشد» را برگزینید."))
    elif link and not link.startswith(("http://", "https://")):
        messages.error(request, _("پیوند پست باید با http:// یا https:// آغاز شود؛ چیزی ذخیره نشد."))
    elif actions.do_mark(delivery, sent=verdict == "sent", user=request.user, link=link):
        messages.success(request, _("وضعیت ارسال به «%(name)s» ثبت شد.") % {"name": delivery.channel.name})
    else:
        messages.error(request, _("وضعیت این ارسال پیش‌تر تغییر کرده است؛ صفحه را ببینید."))
    return redirect("workspace:distribution:item", item_id=delivery.item_id)


@staff_required
@require_http_methods(["GET", "POST"])
def item_channels(request, item_id: int):
    """The channel choice and per-channel preview of an item: a fragment the editor includes
    (hx-get on load), or a page of its own."""
    item = policy.access_item(request.user, item_id)
    can_choose = policy.can_edit_item(request.user, item)
    usable = [
        ch for ch in policy.visible_channels(request.user).filter(enabled=True)
        if policy.can_use_channel(request.user, ch) and (ch.agency_id == item.lead_agency_id or ch.council_id)
    ]
    if request.method == "POST":
        if not can_choose:
            raise PermissionDenied
        choices = {}
        for ch in usable:
            text = request.POST.get(f"override-{ch.pk}", "")
            if len(text) > 4000:
                messages.error(request, _("متن ویژهٔ «%(name)s» بیش از ۴۰۰۰ نویسه است؛ کوتاهش کنید. چیزی ذخیره نشد.")
                               % {"name": ch.name})
                return redirect("workspace:distribution:item_channels", item_id=item.pk)
            choices[ch.pk] = (request.POST.get(f"channel-{ch.pk}") == "1", text)
        actions.set_item_choices(item, choices)
        messages.success(request, _("مجراهای انتشار این خبر ذخیره شد."))
        if request.headers.get("HX-Request"):
            return _channels_fragment(request, item, usable, can_choose)
        return redirect("workspace:distribution:item_channels", item_id=item.pk)
    return _channels_fragment(request, item, usable, can_choose,
                              full=not request.headers.get("HX-Request"))


def _channels_fragment(request, item, usable, can_choose, full=False):
    chosen = {ch.pk: text for ch, text in chosen_channels(item)}
    overrides = dict(ItemChannelChoice.objects.filter(item=item).values_list("channel_id", "override_text"))
    rows = []
    for ch in usable:
        message = render_message(item, ch, overrides.get(ch.pk, ""))
        rows.append({"channel": ch, "on": ch.pk in chosen, "override": overrides.get(ch.pk, ""), "message": message,
                     "markup_warning": any(c in overrides.get(ch.pk, "") for c in "<>&")})
    template = "workspace/distribution/item_channels.html" + ("" if full else "#channels")
    return render(request, template, {"item": item, "rows": rows, "can_choose": can_choose, "nav": "distribution"})
