"""The workspace header: who is signed in (name, agencies and roles)."""

from django import template

from django.utils.translation import gettext as _

from hamafza import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def signed_in_person(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = policy.roles_of(user)
    registry = getattr(request, "registry", None)
    if registry is None:
        from hamafza.agencies.registry import get_registry

        registry = get_registry()
    from hamafza.accounts.models import CouncilRole, Membership

    badges = []
    for agency_id, role in roles.agencies.items():
        agency = registry.agencies.get(agency_id)
        if agency is not None:
            badges.append((agency.short_name, Membership.Role(role).label))
    for council_ids, role in ((roles.secretariat_councils, CouncilRole.Role.SECRETARIAT),
                              (roles.observer_councils, CouncilRole.Role.OBSERVER)):
        for council_id in council_ids:
            council = registry.councils.get(council_id)
            if council is not None:
                badges.append((council.short_name, role.label))
    if roles.superuser:
        badges.append(("", _("مدیر سامانه")))
    return {
        "person_badges": badges,
        "can_invite": roles.superuser or bool(policy.invitable_agencies(user)),
    }
