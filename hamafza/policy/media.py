"""Who may download an uploaded file: one rule per `upload_to` prefix of every FileField.

The media view (hamafza/portal/views/media.py) asks `media_rule(name)` and `can_view_media`;
a name under no prefix of RULES is refused (404), so a new FileField is private until it gets
its rule here (tests/policy/test_media_rules.py fails until it does).

    agencies/logos/     public: the logo of an agency
    images/             a library photo and its renditions: public once an item using it is
                        published (or a live update using it); otherwise its agency, agencies of its councils when shared,
                        and whoever may see an item that uses it
    attachments/        an item's attachment: whoever may see the item
    council/kits/       a campaign's kit file: public when the campaign is (its council has a
                        portal); otherwise the council's people
    council/evidence/   a task's evidence: whoever may see the task
    reports/            a consolidated report (PDF): whoever may compile the council's report
    videos/             an item's video and its poster: whoever may see the item (policy.video)

`inline` says whether the file may be shown in the page (images only; everything else is sent
as a download); `plays` whether a video under the prefix may play in the page (<video>).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem

from .base import roles_of
from .council import can_view_agency_work, can_view_council
from .items import can_view_item, library_agencies
from .reporting import can_compile_report
from .video import can_view_video_file

__all__ = ["campaign_is_public", "can_view_media", "is_public_media", "media_master_name", "media_rule"]

S = NewsItem.Status


@dataclass(frozen=True)
class MediaRule:
    may_view: Callable[[object, str], bool]
    inline: bool  # images under this prefix may be shown in a page; anything else is a download
    plays: bool = False  # videos (MP4, WebM) under this prefix may play in a page


def _agency_logo(user, name: str) -> bool:
    return any(agency.logo == name for agency in get_registry().agencies.values())


def media_master_name(name: str) -> str:
    """A rendition «images/2026/11/abc.w960.webp» belongs to the master «images/2026/11/abc.jpg»."""
    match = re.fullmatch(r"(images/.+)\.w[0-9]{1,5}\.(?:jpg|webp)", name)
    return f"{match.group(1)}.jpg" if match else name


def _library_image(user, name: str) -> bool:
    from hamafza.newsroom.models import Image

    image = Image.objects.filter(file=media_master_name(name)).first()
    if image is None:
        return False
    items = NewsItem.objects.filter(Q(main_image=image) | Q(gallery__image=image)).distinct()
    if items.filter(status=S.PUBLISHED, published_at__isnull=False).exists():
        return True
    from hamafza.live.models import LiveUpdate

    if LiveUpdate.objects.filter(image=image, status=LiveUpdate.Status.PUBLISHED).exists():
        return True  # the photo of a published live update
    roles = roles_of(user)
    if roles.superuser or roles.member_of(image.agency_id):
        return True
    if image.shared and image.agency_id in library_agencies(user):
        return True
    return any(can_view_item(user, item) for item in items[:20])


def _item_attachment(user, name: str) -> bool:
    from hamafza.newsroom.models import Attachment

    attachment = Attachment.objects.filter(file=name).select_related("item").first()
    return attachment is not None and can_view_item(user, attachment.item)


def campaign_is_public(campaign) -> bool:
    """A campaign is public once it exists, on its council's portal: a council that answers at a
    host name of its own, or the default council (the first one)."""
    registry = get_registry()
    council = registry.councils.get(campaign.council_id)
    return council is not None and (bool(council.hostname) or council == registry.default_council)


def _kit_file(user, name: str) -> bool:
    from hamafza.council.models import ContentKitFile

    kit = ContentKitFile.objects.filter(file=name).select_related("campaign").first()
    if kit is None:
        return False
    return campaign_is_public(kit.campaign) or can_view_council(user, kit.campaign.council_id)


def _task_evidence(user, name: str) -> bool:
    from hamafza.council.models import ProgressUpdate

    update = ProgressUpdate.objects.filter(evidence_file=name).select_related("task").first()
    return update is not None and can_view_agency_work(user, update.task.council_id, update.task.agency_id)


def _council_report(user, name: str) -> bool:
    from hamafza.reporting.models import ReportJob

    job = ReportJob.objects.filter(file=name).only("council_id").first()
    return job is not None and can_compile_report(user, job.council_id)


# The static part of each `upload_to` (before the first «%») → its rule.
RULES: dict[str, MediaRule] = {
    "agencies/logos/": MediaRule(_agency_logo, inline=True),
    "images/": MediaRule(_library_image, inline=True),
    "attachments/": MediaRule(_item_attachment, inline=False),
    "council/kits/": MediaRule(_kit_file, inline=True),
    "council/evidence/": MediaRule(_task_evidence, inline=False),
    "reports/": MediaRule(_council_report, inline=False),
    "videos/": MediaRule(can_view_video_file, inline=True, plays=True),
}


def media_rule(name: str) -> MediaRule | None:
    """The rule of the prefix the stored name is under, or None (refused)."""
    for prefix, rule in RULES.items():
        if name.startswith(prefix):
            return rule
    return None


def can_view_media(user, name: str) -> bool:
    """May this person download this uploaded file? (None: nobody signed in.)"""
    rule = media_rule(name)
    return rule is not None and rule.may_view(user, name)


def is_public_media(name: str) -> bool:
    """Whether anyone may download the file (then it may be cached publicly)."""
    return can_view_media(None, name)
