"""The installation's health for monitoring: `GET /api/v1/health` with
`Authorization: Bearer <key>`.

The key is either HAMAFZA_HEALTH_TOKEN (a read-only key for the monitoring system: it opens this
endpoint and nothing else, so a leaked monitoring config cannot act as a person), or a site
admin's own staff API token (an admin checking by hand; revocable in the workspace). Answers 200
while every check is ok or warn, 503 when one fails, so that a plain HTTP probe alerts; the body
always carries every check.
"""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.security import HttpBearer

from hamafza import policy
from hamafza.apitokens.actions import user_for_key
from hamafza.health import registry

from ..schemas.common import ErrorOut

MONITOR = "monitor"


class HealthKey(HttpBearer):
    openapi_description = "HAMAFZA_HEALTH_TOKEN, or a site admin's staff token (hz_…)."

    def __call__(self, request):
        found = super().__call__(request)
        if not found:
            raise HttpError(401, _("کلید پایش لازم است: سرآیند Authorization: Bearer …"))
        return found

    def authenticate(self, request, token):
        expected = settings.HEALTH_TOKEN
        if expected and constant_time_compare(token, expected):
            return MONITOR
        user = user_for_key(token)
        if user is None:
            raise HttpError(401, _("کلید پایش نامعتبر است."))
        if not policy.can_view_health(user):
            raise HttpError(403, _("سلامت سامانه فقط برای مدیر سامانه است."))
        return user


router = Router(tags=["health"], auth=HealthKey())


@router.get("/health", summary="The installation's health (every check of `hamafza doctor`)",
            response={200: dict, 401: ErrorOut, 403: ErrorOut, 503: dict})
def health(request: HttpRequest):
    outcomes = registry.run_all()
    status = registry.overall(outcomes)
    body = {"status": status, "checked_at": timezone.now().isoformat(), "checks": [o.as_dict() for o in outcomes]}
    return JsonResponse(body, status=503 if status == registry.FAIL else 200,
                        json_dumps_params={"ensure_ascii": False}, headers={"Cache-Control": "no-store"})
