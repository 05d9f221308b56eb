"""What "my desk" lists: each section is a query over hamafza.policy.visible_items, narrowed
to the person's own work, so nothing the person may not see can appear."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hamafza import policy
from hamafza.newsroom.models import ItemAgency, NewsItem

S = NewsItem.Status
LIMIT = 10


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    empty: str
    applies: Callable[[policy.Roles], bool]
    query: Callable[[object, policy.Roles], QuerySet | list]


def _base(user) -> QuerySet[NewsItem]:
    return policy.visible_items(user).select_related("lead_agency", "created_by")


def _mine(roles: policy.Roles) -> Q:
    agencies = list(roles.agencies)
    return Q(lead_agency_id__in=agencies) | Q(
        pk__in=ItemAgency.objects.filter(agency_id__in=agencies, role=ItemAgency.Role.SUPPORTING).values("item_id")
    )


def _drafts(user, roles):
    return _base(user).filter(created_by=user, status=S.DRAFT).order_by("-updated_at")[:LIMIT]


def _returned(user, roles):
    return _base(user).filter(created_by=user, status=S.RETURNED).order_by("-updated_at")[:LIMIT]


def _approval(user, roles):
    items = _base(user).filter(status=S.SUBMITTED, lead_agency_id__in=list(roles.head_agencies)).order_by("updated_at")
    return [item for item in items[: LIMIT * 3] if policy.can_approve(user, item)][:LIMIT]


def _review(user, roles):
    agencies = list(roles.overseen_agencies())
    return _base(user).filter(status=S.SUBMITTED, lead_agency_id__in=agencies).order_by("updated_at")[:LIMIT]


def _scope(roles) -> Q:
    scope = _mine(roles)
    if roles.overseen_councils:
        scope |= Q(lead_agency_id__in=list(roles.overseen_agencies()))
    return scope


def _scheduled(user, roles):
    return _base(user).filter(_scope(roles), status=S.SCHEDULED).order_by("published_at")[:LIMIT]


def _published(user, roles):
    return _base(user).filter(_scope(roles), status=S.PUBLISHED).order_by("-published_at")[:LIMIT]


def _has_agency(roles):
    return bool(roles.agencies)


SECTIONS = [
    Section("drafts", _("پیش‌نویس‌های من"), _("پیش‌نویسی ندارید."), _has_agency, _drafts),
    Section("returned", _("بازگشته به من برای اصلاح"), _("خبری برای اصلاح برنگشته است."), _has_agency, _returned),
    Section("approval", _("در انتظار تأیید من"), _("خبری در انتظار تأیید شما نیست."),
            lambda r: bool(r.head_agencies), _approval),
    Section("review", _("ارسال‌شده در شورا"), _("خبر ارسال‌شده‌ای در شوراهای شما نیست."),
            lambda r: bool(r.overseen_councils), _review),
    Section("scheduled", _("زمان‌بندی‌شده"), _("خبر زمان‌بندی‌شده‌ای نیست."),
            lambda r: bool(r.agencies or r.overseen_councils), _scheduled),
    Section("published", _("تازه منتشرشده"), _("هنوز خبری منتشر نشده است."),
            lambda r: bool(r.agencies or r.overseen_councils), _published),
]
BY_KEY = {s.key: s for s in SECTIONS}


def sections_for(roles: policy.Roles) -> list[Section]:
    return [s for s in SECTIONS if s.applies(roles)]


def load(section: Section, user, roles) -> dict:
    return {"key": section.key, "title": section.title, "empty": section.empty, "items": list(section.query(user, roles))}
