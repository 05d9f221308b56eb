"""Staff notices outside the workspace: a person's own notice settings (Bale link, SMS number,
choices), and the council's notice bot and SMS gateway (back office).

A person changes only their own settings: the actions take no person id, so no other person's
settings can be named. Linking a Bale account goes through the bot of a council the person works
in (a member agency's staff or head, the secretariat or an observer of that council)."""

from __future__ import annotations

from .base import roles_of
from .cooperation import my_agencies_in_council

__all__ = ["can_configure_notices", "can_keep_notice_settings", "can_reach_through_council"]


def can_keep_notice_settings(user) -> bool:
    """Any signed-in, active person of the workspace (staff, heads, secretariat, observers)."""
    if not (user and getattr(user, "is_authenticated", False) and user.is_active):
        return False
    roles = roles_of(user)
    return roles.superuser or bool(roles.agencies) or bool(roles.overseen_councils)


def can_reach_through_council(user, council_id: int | None) -> bool:
    """May this person link their Bale account to this council's bot, or take SMS codes from its
    gateway: they work in that council."""
    if council_id is None or not can_keep_notice_settings(user):
        return False
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils or bool(my_agencies_in_council(user, council_id))


def can_configure_notices(user, council_id: int | None) -> bool:
    """The council's notice bot token and SMS gateway key are back-office settings: site admins."""
    return council_id is not None and roles_of(user).superuser
