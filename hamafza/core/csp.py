"""django-csp's middleware, with the plain policy built once.

django-csp builds both headers (the policy and the report-only one) from the settings on every
response, with a `dataclasses.asdict` each: about 3 % of an uncached portal page (bench/README.md,
issue 17). Most responses add nothing to the settings' policy: no nonce was read, and the view set
no `_csp_*` attribute. For those the two header values are the same every time, so they are built
once (and again after a change of the CSP settings); anything else takes django-csp's own path.
"""

from __future__ import annotations

import http.client

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What a view or decorator may set on a response to change or drop a policy (django-csp 4.0).
_RESPONSE_PARTS = (
    "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
    "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro",
)
_CSP_SETTINGS = {"CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY", "DEBUG"}
_DEBUG_EXEMPT = (http.client.INTERNAL_SERVER_ERROR, http.client.NOT_FOUND)

# (policy, report-only policy) from the settings alone, or False where a setting asks for
# django-csp's own path (excluded URL prefixes); None until first needed.
_plain: tuple[str, str] | bool | None = None


def plain_policies() -> tuple[str, str] | bool:
    global _plain
    if _plain is None:
        enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}
        if enforced.get("EXCLUDE_URL_PREFIXES") or report_only.get("EXCLUDE_URL_PREFIXES"):
            _plain = False
        else:
            _plain = (build_policy(), build_policy(report_only=True))
    return _plain


@receiver(setting_changed)
def _csp_settings_changed(setting, **kwargs) -> None:
    global _plain
    if setting in _CSP_SETTINGS:
        _plain = None


class CSPMiddleware(_CSPMiddleware):
    def process_response(self, request, response):
        policies = plain_policies()
        if (
            policies is False
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _RESPONSE_PARTS)
            or (settings.DEBUG and response.status_code in _DEBUG_EXEMPT)
        ):
            return super().process_response(request, response)
        enforced, report_only = policies
        if enforced and HEADER not in response:
            response[HEADER] = enforced
        if report_only and HEADER_REPORT_ONLY not in response:
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header is written is an error, not a
        # nonce the browser would refuse.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
