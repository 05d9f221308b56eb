"""Settings of staff notices outside the workspace, with their defaults. Tests override them
with `settings.NOTICES = {...}`; a deployment points the base URLs at a proxy by environment."""

from django.conf import settings

from hamafza.core.env import env_int, env_str

DEFAULTS = {
    "BALE_BASE_URL": env_str("HAMAFZA_BALE_BASE_URL", "https://tapi.bale.ai"),
    "BALE_LINK_BASE": "https://ble.ir",
    "KAVENEGAR_BASE_URL": env_str("HAMAFZA_KAVENEGAR_BASE_URL", "https://api.kavenegar.com/v1"),
    "TIMEOUT": 10.0,
    # Minutes a Bale linking code and an SMS verification code live; wrong SMS codes allowed.
    "BALE_CODE_MINUTES": 30,
    "SMS_CODE_MINUTES": 10,
    "SMS_CODE_TRIES": 5,
    # The local hour (Tehran) at which the daily digest leaves.
    "DIGEST_HOUR": env_int("HAMAFZA_NOTICE_DIGEST_HOUR", 8),
    # Retries of a gateway that did not answer: BACKOFF * 2**(attempt-1) seconds, then failed.
    "MAX_ATTEMPTS": 5,
    "BACKOFF": 60.0,
    # A row `sending` for longer than this was left by a worker that died: it is not sent again.
    "STALE_MINUTES": 10,
    # Enqueue a send task when a transaction that made notices commits (tests of concurrent
    # workers turn it off and run the workers themselves).
    "SEND_ON_COMMIT": True,
    # Updates read per getUpdates call.
    "UPDATES_LIMIT": 100,
}


def get(name: str):
    overrides = getattr(settings, "NOTICES", None) or {}
    return overrides[name] if name in overrides else DEFAULTS[name]
