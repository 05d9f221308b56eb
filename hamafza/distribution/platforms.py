"""What each platform accepts and allows, in one table: the renderer (HTML or plain text, the
limits), the outbox (edit in place, delete), the sandbox (which imitates each platform and fails
where it would fail) and the channel forms read it.

Limits are the platforms' own where documented (Telegram: text 4,096 and caption 1,024 UTF-16
units after entity parsing, an album 2–10 photos, a photo ≤ 10 MB). Bale follows the Telegram
shape. Eitaayar and Rubika publish no limits: the Telegram numbers are used and marked
`verified=False` (see shared/notes/channels.md) so that a correction is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Platform:
    code: str
    label: str
    html: bool  # the message is sent with parse_mode=HTML (our own <b> tags only)
    edit: bool  # a sent message can be edited in place
    delete: bool  # a sent message can be deleted (within DELETE_WINDOW_HOURS)
    text_limit: int
    caption_limit: int
    max_media: int  # photos in one post (an album above 1)
    verified: bool = True
    email: bool = False


PLATFORMS: dict[str, Platform] = {
    "telegram": Platform("telegram", _("تلگرام"), html=True, edit=True, delete=True, text_limit=4096,
                         caption_limit=1024, max_media=10),
    "bale": Platform("bale", _("بله"), html=True, edit=True, delete=True, text_limit=4096, caption_limit=1024,
                     max_media=10, verified=False),
    "eitaa": Platform("eitaa", _("ایتا"), html=False, edit=False, delete=False, text_limit=4096, caption_limit=1024,
                      max_media=1, verified=False),
    "rubika": Platform("rubika", _("روبیکا"), html=False, edit=True, delete=True, text_limit=4096,
                       caption_limit=1024, max_media=1, verified=False),
    "email": Platform("email", _("خبرنامهٔ رایانامه‌ای"), html=False, edit=False, delete=False, text_limit=100000,
                      caption_limit=100000, max_media=0, email=True),
}
MANUAL = Platform("manual", _("انتشار دستی"), html=False, edit=False, delete=False, text_limit=4096,
                  caption_limit=1024, max_media=10)

# The platforms a sandbox channel can imitate, in the order offered.
SANDBOX_CHOICES = [(p.code, p.label) for p in (PLATFORMS[c] for c in ("bale", "eitaa", "rubika", "telegram", "email"))]


def of(channel) -> Platform:
    """The platform a channel speaks to (a sandbox: the one it imitates)."""
    return PLATFORMS.get(channel.platform, MANUAL)


__all__ = ["MANUAL", "PLATFORMS", "SANDBOX_CHOICES", "Platform", "of"]
