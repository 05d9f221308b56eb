"""Workspace tags of the workflow area: the desk's notifications section and the navigation's
notification count, audit-log link and the areas a person may open (`menu_access`).

    {% load workflow_nav %}{% notifications_section %}
"""

from django import template

from hamafza import policy
from hamafza.notifications import inbox

register = template.Library()


@register.inclusion_tag("workspace/notifications/_section.html", takes_context=True)
def notifications_section(context):
    request = context["request"]
    return {**inbox.section_context(request.user), "request": request, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    return inbox.unread_count(context["request"].user)


@register.simple_tag(takes_context=True)
def can_view_audit(context) -> bool:
    return policy.can_view_audit(context["request"].user)


@register.simple_tag(takes_context=True)
def can_view_health(context) -> bool:
    return policy.can_view_health(context["request"].user)


@register.simple_tag(takes_context=True)
def menu_access(context) -> dict[str, bool]:
    """Which areas of the main menu this person may open, from hamafza.policy (the same rules the
    areas' views ask), so that no menu item leads to a 403 or a 404."""
    user = context["request"].user
    councils = policy.viewable_councils(user)
    return {"media": policy.can_open_media_library(user), "cooperation": bool(councils),
            "scorecard": bool(policy.scorecard_councils(user)),
            "press": bool(policy.press_councils(user)),
            "coverage": any(policy.can_view_bulletin(user, c) for c in councils)}


@register.simple_tag(takes_context=True)
def sees_item_coverage(context, item) -> bool:
    """Whether the item's page links to where it was carried (hamafza.policy.can_view_item_coverage)."""
    return item.status == "published" and policy.can_view_item_coverage(context["request"].user, item)
