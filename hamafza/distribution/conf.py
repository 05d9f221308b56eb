"""Settings of the distribution app, with their defaults.

A deployment sets them through environment variables (base URLs, so that it can point them at a
proxy); tests override them with `settings.DISTRIBUTION = {...}` (the limits and back-off times,
scaled down). Read a value with `conf.get("NAME")`.
"""

from django.conf import settings

from hamafza.core.env import env_int, env_str


def _float(name: str, default: float) -> float:
    raw = env_str(name)
    if not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from None


DEFAULTS = {
    # Where each platform's API lives.
    "TELEGRAM_BASE_URL": env_str("HAMAFZA_TELEGRAM_BASE_URL", "https://api.telegram.org"),
    "BALE_BASE_URL": env_str("HAMAFZA_BALE_BASE_URL", "https://tapi.bale.ai"),
    "EITAA_BASE_URL": env_str("HAMAFZA_EITAA_BASE_URL", "https://eitaayar.ir/api"),
    "RUBIKA_BASE_URL": env_str("HAMAFZA_RUBIKA_BASE_URL", "https://botapi.rubika.ir/v3"),
    # Public post links.
    "TELEGRAM_LINK_BASE": "https://t.me",
    "BALE_LINK_BASE": "https://ble.ir",
    "EITAA_LINK_BASE": "https://eitaa.com",
    "RUBIKA_LINK_BASE": "https://rubika.ir",
    # HTTP timeouts (seconds): a read timeout leaves the delivery `unknown`.
    "CONNECT_TIMEOUT": _float("HAMAFZA_CHANNEL_CONNECT_TIMEOUT", 5.0),
    "READ_TIMEOUT": _float("HAMAFZA_CHANNEL_READ_TIMEOUT", 30.0),
    # Rate limits: minimum seconds between two sends to one chat, and through one bot token.
    # Telegram: about 1 message/s per chat, at most 20/min in a group or channel, 30/s per bot.
    "CHAT_INTERVAL": _float("HAMAFZA_CHANNEL_CHAT_INTERVAL", 3.0),
    "TOKEN_INTERVAL": _float("HAMAFZA_CHANNEL_TOKEN_INTERVAL", 1 / 30),
    # Retries of 5xx and network errors: base * 2**(attempt-1), capped, with ±JITTER share.
    "BACKOFF_BASE": _float("HAMAFZA_CHANNEL_BACKOFF_BASE", 10.0),
    "BACKOFF_MAX": _float("HAMAFZA_CHANNEL_BACKOFF_MAX", 3600.0),
    "BACKOFF_JITTER": 0.25,
    "MAX_ATTEMPTS": env_int("HAMAFZA_CHANNEL_MAX_ATTEMPTS", 8),
    # A delivery `sending` for longer than this (the process died) becomes `unknown`. A sender
    # with a heartbeat (`distribution_worker` beats every SENDER_HEARTBEAT seconds) is found dead
    # sooner: its claims become `unknown` once its lease is SENDER_LEASE seconds old.
    "SENDING_STALE_AFTER": _float("HAMAFZA_CHANNEL_SENDING_STALE", 120.0),
    "SENDER_HEARTBEAT": _float("HAMAFZA_CHANNEL_SENDER_HEARTBEAT", 1.0),
    "SENDER_LEASE": _float("HAMAFZA_CHANNEL_SENDER_LEASE", 6.0),
    # How long after a request whose answer never came the platform may still deliver it (a hung
    # request was seen delivered 60 s after it was sent): «not sent, send again» is offered only
    # after this window, per adapter.
    "TELEGRAM_LATE_DELIVERY": _float("HAMAFZA_TELEGRAM_LATE_DELIVERY", 180.0),
    "BALE_LATE_DELIVERY": _float("HAMAFZA_BALE_LATE_DELIVERY", 180.0),
    "EITAA_LATE_DELIVERY": _float("HAMAFZA_EITAA_LATE_DELIVERY", 180.0),
    "RUBIKA_LATE_DELIVERY": _float("HAMAFZA_RUBIKA_LATE_DELIVERY", 180.0),
    # After this many permanent failures in a row a channel is paused until a head resumes it.
    "PAUSE_AFTER_FAILURES": env_int("HAMAFZA_CHANNEL_PAUSE_AFTER_FAILURES", 3),
    # Deleting a sent message is possible within this many hours; later it is edited instead.
    "DELETE_WINDOW_HOURS": 48.0,
    # Sends in flight at once in one worker process, each on its own chat (a thread pool; each
    # thread its own database connection). A killed worker leaves at most this many `unknown`.
    # 1 = one at a time, in the worker's own thread.
    "SEND_CONCURRENCY": env_int("HAMAFZA_CHANNEL_SEND_CONCURRENCY", 4),
    # A worker drains due deliveries for at most this many seconds per task run.
    "DRAIN_SECONDS": _float("HAMAFZA_CHANNEL_DRAIN_SECONDS", 50.0),
    # Who sends. "process": a dedicated sender (`hamafza distribution_worker`, started by
    # `hamafza serve`) polls the outbox with a read every SENDER_POLL seconds and claims what is
    # due. "tasks": each publishing transaction enqueues a send task (after commit) and the task
    # workers send; the scheduler enqueues one for retries. Default: "process" on the embedded
    # default (django-tasks-db, whose worker takes a task through the one SQLite write lock and
    # would then be held by a long send), "tasks" with RQ (the scale profile).
    "SENDER": env_str("HAMAFZA_CHANNEL_SENDER", ""),
    "SENDER_POLL": _float("HAMAFZA_CHANNEL_SENDER_POLL", 0.25),
    # Enqueue a send task when a publishing transaction commits (None: when SENDER is "tasks").
    "KICK_ON_COMMIT": None,
    "MAX_PHOTO_BYTES": 10 * 1024 * 1024,
    # The largest video a bot may send as a video (MP4), per platform; a larger one (or a WebM)
    # goes as its poster with a link to the portal. Telegram's Bot API: 50 MB for uploads through
    # multipart/form-data. Bale's Bot API is Telegram-shaped and its limit undocumented (50 MB is
    # what clients are told); Eitaayar's sendFile limit is undocumented: 50 MB, conservatively.
    "TELEGRAM_MAX_VIDEO_BYTES": env_int("HAMAFZA_TELEGRAM_MAX_VIDEO_MB", 50) * 1024 * 1024,
    "BALE_MAX_VIDEO_BYTES": env_int("HAMAFZA_BALE_MAX_VIDEO_MB", 50) * 1024 * 1024,
    "EITAA_MAX_VIDEO_BYTES": env_int("HAMAFZA_EITAA_MAX_VIDEO_MB", 50) * 1024 * 1024,
    # Newsletter: the local hour (Tehran) after which the daily digest goes out.
    "DIGEST_HOUR": env_int("HAMAFZA_NEWSLETTER_DIGEST_HOUR", 18),
}


def get(name: str):
    overrides = getattr(settings, "DISTRIBUTION", None) or {}
    if name in overrides:
        return overrides[name]
    value = DEFAULTS[name]
    if name == "SENDER" and value not in ("process", "tasks"):
        return "process" if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db") else "tasks"
    if name == "KICK_ON_COMMIT" and value is None:
        return get("SENDER") == "tasks"
    return value
