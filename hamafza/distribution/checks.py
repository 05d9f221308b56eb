"""Configuration mistakes of distribution, as system checks."""

from django.core.checks import Error, Warning, register

from . import conf


@register()
def check_timeouts(app_configs=None, **kwargs):
    problems = []
    stale = float(conf.get("SENDING_STALE_AFTER"))
    longest = float(conf.get("CONNECT_TIMEOUT")) + 3 * float(conf.get("READ_TIMEOUT"))
    if stale <= longest:
        problems.append(Warning(
            f"SENDING_STALE_AFTER ({stale} s) should exceed the connect timeout plus three read timeouts "
            f"({longest} s): a slow send that is still alive would be shown as unknown.",
            id="distribution.W001",
        ))
    for name in ("TELEGRAM_BASE_URL", "BALE_BASE_URL", "EITAA_BASE_URL"):
        if not str(conf.get(name)).startswith(("http://", "https://")):
            problems.append(Error(f"{name} must be an http(s) URL, got {conf.get(name)!r}", id="distribution.E001"))
    return problems
