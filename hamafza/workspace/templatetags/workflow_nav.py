"""Workspace tags of the workflow area: the desk's notifications section and the navigation's
notification count and audit-log link.

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
