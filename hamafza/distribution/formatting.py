"""What exactly goes to each channel: one function, used by the preview and by the outbox.

Telegram and Bale get HTML (`parse_mode=HTML`: only `<`, `>` and `&` escaped, our own tags only
around the kicker and title); Eitaa and the manual kits get plain text. Lengths are counted as
the platforms count them, in UTF-16 code units of the visible text: a caption holds 1,024, a
message 4,096. A longer text is cut at the end of a sentence and closed with a «ادامه خبر» link
to the portal's short address (/n/<id>).

An item's uploaded video goes as a video (its caption within the caption limit) where the
platform lets a bot send one of its size and container (`video_limit`: MP4 within the kind's
MAX_VIDEO_BYTES); elsewhere the post is its poster frame with a link to watch the video on the
portal. An Aparat link is a line of the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from hamafza.agencies.hosts import council_url
from hamafza.agencies.registry import get_registry

from . import platforms
from .models import Channel

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?؟۔…](?=\s|$)|\n")
MAX_ALBUM = 10


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def html_to_text(body: str) -> str:
    """The sanitised body as plain paragraphs."""
    text = _BLOCK_END.sub("\n", body or "")
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def short_link(item, channel: Channel | None = None) -> str:
    """The portal's short address of the item, on the address of the council the message speaks
    for: the channel's council, else a council the channel's agency sits on that shows the item,
    else the first council of the item's lead agency (agencies.hosts.council_url)."""
    registry = get_registry()
    councils = list(registry.councils.values())
    showing = [c for c in councils if item.lead_agency_id in c.member_ids]
    council = None
    if channel is not None and channel.council_id:
        council = registry.councils.get(channel.council_id)
    elif channel is not None and channel.agency_id:
        own = [c for c in councils if channel.agency_id in c.member_ids]
        council = next((c for c in own if c in showing), own[0] if own else None)
    if council is None:
        council = showing[0] if showing else registry.default_council
    return f"{council_url(council)}/n/{item.pk}"


def hashtags(item) -> list[str]:
    """The hashtags of the campaigns the item is tagged to (council.CampaignItem), without
    repeats, written as the platforms expect them («#هفته_حمل_و_نقل»)."""
    from hamafza.council.selectors import hashtags_for_item

    out = []
    for tag in hashtags_for_item(item.pk):
        tag = str(tag).strip().lstrip("#").replace(" ", "_").replace("\u200c", "_")
        if tag and f"#{tag}" not in out:
            out.append(f"#{tag}")
    return out


def cut_at_sentence(text: str, budget: int) -> str:
    """The longest head of `text` within `budget` UTF-16 units that ends a sentence; failing
    that (one endless sentence), the head up to a word boundary and an ellipsis."""
    if utf16_len(text) <= budget:
        return text
    if budget <= 1:
        return ""
    head = text[:budget]
    while utf16_len(head) > budget:  # characters outside the BMP count twice
        head = head[:-1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= len(head) * 0.3:
        return head[: ends[-1]].rstrip()
    head = head[: budget - 1]
    space = head.rfind(" ")
    if space > len(head) * 0.5:
        head = head[:space]
    return head.rstrip() + "…"


@dataclass
class Message:
    """One rendering of an item for one channel. `text` is ready to send (HTML or plain)."""

    format: str  # "html" | "plain"
    text: str
    photos: list[str] = field(default_factory=list)  # storage names of the images, first = main
    video: str = ""  # storage name of the video sent as a video (then `photos` is empty)
    video_info: dict = field(default_factory=dict)  # duration, width, height (whole numbers)
    link: str = ""
    cut: bool = False
    limit: int = 4096
    length: int = 0

    @property
    def is_caption(self) -> bool:
        return bool(self.photos or self.video)

    def as_payload(self) -> dict:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict) -> "Message":
        return cls(**{k: payload[k] for k in cls.__dataclass_fields__ if k in payload})


def item_photos(item) -> list[str]:
    names = []
    if item.main_image_id and item.main_image is not None and item.main_image.file:
        names.append(item.main_image.file.name)
    for g in item.gallery.select_related("image").all()[: MAX_ALBUM]:
        if g.image.file and g.image.file.name not in names:
            names.append(g.image.file.name)
    return names[:MAX_ALBUM]


def media_of(payload: dict) -> list[str]:
    """What a sent payload posted besides its text: its photos, then its video."""
    return [*(payload.get("photos") or []), *([payload["video"]] if payload.get("video") else [])]


def video_limit(kind: str) -> int:
    """The largest video a bot may send as a video on this kind of channel (0: none)."""
    from . import conf

    try:
        return int(conf.get(f"{kind.upper()}_MAX_VIDEO_BYTES"))
    except KeyError:
        return 0


def item_video(item):
    """The item's uploaded video (with its file), or None."""
    from hamafza.newsroom.models import Video

    try:
        video = item.video
    except Video.DoesNotExist:
        return None
    return video if video.file else None


class ItemMedia:
    """An item's photos and video, read once for the messages of several channels (previews)."""

    def __init__(self, item):
        self.photos = item_photos(item)
        self.video = item_video(item)


def _video_parts(item, channel: Channel, media: ItemMedia | None = None) -> tuple[str, dict, list[str] | None, str | None]:
    """(video name, its info, photos instead of the item's (None: the item's own), a line of
    text; None for the line: the video is watched on the portal, through the closing link)."""
    from hamafza.newsroom.aparat import aparat_page

    video = media.video if media is not None else item_video(item)
    if video is not None:
        if not platforms.of(channel).email and video.kind == "mp4" and video.size <= video_limit(channel.kind):
            info = {"duration": round(video.duration), "width": video.width, "height": video.height}
            return video.file.name, info, [], ""
        poster = [video.poster.name] if video.poster else None
        return "", {}, poster, None
    if item.aparat:
        return "", {}, None, _("ویدیو در آپارات: %(link)s") % {"link": aparat_page(item.aparat)}
    return "", {}, None, ""


def render(item, channel: Channel, override: str = "", *, quoted: bool = False, fit: str = "",
           media: ItemMedia | None = None) -> Message:
    """`quoted`: another agency republishes the item on its channel («به نقل از …»).
    `fit`: "caption" or "text" renders within that kind's limit whatever the item's photos are
    (the text that replaces an already posted caption or text, see perform.py).
    `media`: the item's photos and video read already (ItemMedia), when one item is rendered for
    several channels."""
    platform = platforms.of(channel)
    is_html = platform.html
    video, video_info, instead, watch = _video_parts(item, channel, media)
    photos = (media.photos if media is not None else item_photos(item)) if instead is None else instead
    photos = photos[: max(platform.max_media, 0) or None] if not platform.email else []
    caption = fit == "caption" if fit else bool(photos or video)
    limit = channel.caption_limit if caption else channel.text_limit
    link = short_link(item, channel)
    agency = get_registry().agencies.get(item.lead_agency_id)
    agency_name = agency.name if agency else item.lead_agency.name

    if override.strip():
        body = html_to_text(html.escape(override.strip()).replace("\n", "<br>"))
    else:
        if quoted:
            reported = _("به نقل از روابط عمومی %(agency)s،") % {"agency": agency_name}
        else:
            reported = _("به گزارش روابط عمومی %(agency)s،") % {"agency": agency_name}
        lead = " ".join(item.lead.split())
        body = f"{reported} {lead}" if lead else reported
        rest = html_to_text(item.body)
        if rest:
            body = f"{body}\n\n{rest}"

    head_plain = [p for p in (" ".join(item.kicker.split()), " ".join(item.title.split())) if p]
    tags = " ".join(hashtags(item))
    more = _("«ادامه خبر»: %(link)s") % {"link": link}
    full = _("پیوند خبر: %(link)s") % {"link": link}
    if watch is None:  # the video could not go with the post: it plays on the portal
        more = _("«ادامه خبر و تماشای ویدیو»: %(link)s") % {"link": link}
        full = _("تماشای ویدیو و متن کامل: %(link)s") % {"link": link}
        watch = ""

    def visible(body_part: str, closing: str) -> str:
        blocks = ["\n".join(head_plain), body_part]
        if watch:
            blocks.append(watch)
        if tags:
            blocks.append(tags)
        blocks.append(closing)
        return "\n\n".join(b for b in blocks if b)

    cut = utf16_len(visible(body, full)) > limit
    if cut:
        budget = limit - utf16_len(visible("", more)) - 2
        body = cut_at_sentence(body, max(0, budget))
    closing = more if cut else full
    length = utf16_len(visible(body, closing))

    if is_html:
        esc = html.escape
        head = []
        if len(head_plain) == 2:
            head = [esc(head_plain[0]), f"<b>{esc(head_plain[1])}</b>"]
        elif head_plain:
            head = [f"<b>{esc(head_plain[0])}</b>"]
        blocks = ["\n".join(head), esc(body, quote=False)]
        if watch:
            blocks.append(esc(watch, quote=False))
        if tags:
            blocks.append(esc(tags, quote=False))
        blocks.append(esc(closing, quote=False))
        text = "\n\n".join(b for b in blocks if b)
    else:
        text = visible(body, closing)
    return Message(
        format="html" if is_html else "plain", text=text, photos=photos, video=video, video_info=video_info,
        link=link, cut=cut, limit=limit, length=length,
    )


def plain_notice(message: str, item, link: bool = True, channel: Channel | None = None) -> str:
    """A short notice (correction, withdrawal) as a reply or replacement text."""
    title = " ".join(item.title.split())
    parts = [message, title]
    if link:
        parts.append(short_link(item, channel))
    return "\n".join(parts)
