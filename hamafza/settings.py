"""One settings module, driven by environment variables.

Embedded default (no variables): SQLite in WAL mode under ./var/, media on disk, a file cache
shared by the processes of one machine, tasks in the database (django-tasks-db).
Scale profile: DATABASE_URL (PostgreSQL), REDIS_URL (cache and tasks through django-tasks-rq),
and optionally S3-compatible media (HAMAFZA_S3_* variables).
"""

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from hamafza.agencies.hosts import CouncilHosts
from hamafza.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("HAMAFZA_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("HAMAFZA_DEBUG", False)
DEMO_MODE = env_bool("HAMAFZA_DEMO", False)
TESTING = env_bool("HAMAFZA_TESTING", False)


def _secret_key() -> str:
    key = env_str("HAMAFZA_SECRET_KEY")
    if key:
        return key
    # A per-installation key kept under var/: never a known value shipped with the code.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
CSRF_TRUSTED_ORIGINS = env_list("HAMAFZA_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("HAMAFZA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The hosts answered: every council's host name (read from the registry per request), the host of
# an explicitly configured HAMAFZA_SITE_URL, HAMAFZA_ALLOWED_HOSTS, and the loopback names in demo,
# development and tests. Never "*": any other Host header gets 400 (hamafza.agencies.hosts).
ALLOWED_HOSTS = CouncilHosts([
    *env_list("HAMAFZA_ALLOWED_HOSTS"),
    *([urlsplit(SITE_URL).hostname or ""] if env_str("HAMAFZA_SITE_URL") else []),
    *(["127.0.0.1", "localhost", "[::1]"] if DEMO_MODE or DEBUG or TESTING else []),
])

INSTALLED_APPS = [
    "hamafza.core.adminguard.AdminConfig",  # django.contrib.admin with the input guards on every admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ninja",  # serves Swagger UI for /api/docs from our static files, not from a CDN
    "template_partials",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "hamafza.core",
    "hamafza.persian",
    "hamafza.accounts",
    "hamafza.agencies",
    "hamafza.newsroom",
    "hamafza.audit",
    "hamafza.notifications",
    "hamafza.apitokens",
    "hamafza.search",
    "hamafza.distribution",
    "hamafza.council",
    "hamafza.reporting",
    "hamafza.cooperation",
    "hamafza.health",
    "hamafza.live",
    "hamafza.press",
    "hamafza.coverage",
    "hamafza.reach",
    "hamafza.scorecard",
    "hamafza.ops",
    "hamafza.portal",
    "hamafza.workspace",
    "hamafza.api",
    "hamafza.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A reader's poll with a current ETag: 304 after one cache read, before everything below.
    "hamafza.portal.fastpoll.LivePollMiddleware",
    "hamafza.core.csp.CSPMiddleware",  # django-csp's, the plain policy built once
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hamafza.core.nul.NulMiddleware",  # before anything reads a cookie, the query or the body
    "hamafza.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hamafza.agencies.middleware.CurrentCouncilMiddleware",
    "hamafza.core.limits.LimitsMiddleware",
    # A public page for a reader who is not signed in is answered here; what follows serves
    # signed-in people (sessions, CSRF, sign-in, two-factor, messages, the audit's actor).
    "hamafza.portal.readers.ReaderPathMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hamafza.audit.middleware.AuditActorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into its Persian page
]

ROOT_URLCONF = "hamafza.urls"
WSGI_APPLICATION = "hamafza.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out person before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "hamafza.accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "workspace:desk"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

TEMPLATES = [
    {
        # The public portal: Jinja2, several times faster than the Django template language
        # on the hot pages (see shared/notes/performance.md).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "hamafza.core.jinja.environment",
            "auto_reload": DEBUG,
        },
    },
    {
        # The staff workspace, admin and e-mails: Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",  # CSP_NONCE for the few inline scripts and styles
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("HAMAFZA_SQLITE_PATH", str(VAR_DIR / "hamafza.sqlite3")),
            # Keep the connection (and SQLite's page cache) across requests: reopening the file
            # and rerunning the PRAGMAs cost ~2 ms a request (bench/README.md).
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                # Web, worker and scheduler all write: WAL lets readers go on while one writes,
                # IMMEDIATE takes the write lock at BEGIN (no deadlocked upgrades) and the busy
                # timeout makes a writer wait instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA temp_store=MEMORY;"
                    "PRAGMA mmap_size=268435456;"
                    "PRAGMA cache_size=-32000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and tasks --------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hamafza.core.rediscache.RedisCache",  # Django's, one client per pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("HAMAFZA_CACHE_PREFIX", "hamafza"),
        }
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
else:
    CACHES = {
        "default": {
            # Shared by the web, worker and scheduler processes of one machine.
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            # Django's default of 300 entries is below the portal's pages: with the page cache
            # shared here, a busy portal rendered the same page again in each worker. The cull
            # (a directory listing) runs only on writes, that is once per rendered page.
            "OPTIONS": {"MAX_ENTRIES": env_int("HAMAFZA_FILE_CACHE_ENTRIES", 20000)},
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Portal reach (hamafza/reach): the day's random salt of the once-a-day reader marks lives only
# here, in a cache of its own that page entries never cull (the file cache culls past 300 entries).
CACHES["reach"] = (
    {"BACKEND": "hamafza.core.rediscache.RedisCache", "LOCATION": REDIS_URL,
     "KEY_PREFIX": env_str("HAMAFZA_CACHE_PREFIX", "hamafza") + "-reach"}
    if REDIS_URL else
    {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache-reach"),
     "OPTIONS": {"MAX_ENTRIES": 1000}}
)
REACH_COUNTING = env_bool("HAMAFZA_REACH", True)
# Seconds between two flushes of a process's buffered article views to the database (0: only
# when reach.counter.flush() is called, as tests do).
REACH_FLUSH_SECONDS = env_int("HAMAFZA_REACH_FLUSH_SECONDS", 30)

# The public portal's page cache (hamafza/core/pagecache.py): a page is rendered once per change,
# not once per reader; stored pages are answered in front of Django (core/pagecache_app.py).
# Generations: a memory-mapped file on one machine, the shared cache (Redis) in the scale profile.
PAGE_CACHE = env_bool("HAMAFZA_PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("HAMAFZA_PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_ENTRIES = env_int("HAMAFZA_PAGE_CACHE_ENTRIES", 2000)  # per process
PAGE_CACHE_MAX_BYTES = env_int("HAMAFZA_PAGE_CACHE_MAX_BYTES", 2 * 1024 * 1024)
PAGE_CACHE_GENERATIONS = env_str("HAMAFZA_PAGE_CACHE_GENERATIONS", "cache" if REDIS_URL else "file")

if env_bool("HAMAFZA_TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# How often a reader's live page asks for news (seconds); a poll with nothing new is a 304.
LIVE_POLL_SECONDS = env_int("HAMAFZA_LIVE_POLL_SECONDS", 15)
# During a running event the live page polls every HAMAFZA_LIVE_POLL_FAST_SECONDS after a change,
# backing off to LIVE_POLL_SECONDS while nothing changes; outside the event's period, every
# LIVE_POLL_IDLE_SECONDS (portal/js/live.js; bench/README.md «Live page under a crowd»).
LIVE_POLL_FAST_SECONDS = env_int("HAMAFZA_LIVE_POLL_FAST_SECONDS", 3)
LIVE_POLL_IDLE_SECONDS = env_int("HAMAFZA_LIVE_POLL_IDLE_SECONDS", 60)

# --- Files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("HAMAFZA_MEDIA_ROOT", str(VAR_DIR / "media")))
# Where `hamafza backup` writes its archives (hamafza-backup-*.tar); the health page reads the newest.
BACKUP_DIR = Path(env_str("HAMAFZA_BACKUP_DIR", str(VAR_DIR / "backups")))
# HAMAFZA_BACKUP_DAILY=1: the scheduler makes one archive a day (through the task worker) and keeps
# the last HAMAFZA_BACKUP_KEEP_DAILY daily and HAMAFZA_BACKUP_KEEP_WEEKLY weekly archives.
BACKUP_DAILY = env_bool("HAMAFZA_BACKUP_DAILY", False)
BACKUP_KEEP_DAILY = env_int("HAMAFZA_BACKUP_KEEP_DAILY", 7)
BACKUP_KEEP_WEEKLY = env_int("HAMAFZA_BACKUP_KEEP_WEEKLY", 4)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env_str("HAMAFZA_S3_BUCKET"):
    # Every object private; files are served through the media view, which checks the policy and
    # redirects to a short-lived signed URL (hamafza/core/storage.py). Needs the `s3` extra;
    # a half-set HAMAFZA_S3_* is a system check error (hamafza/core/checks.py).
    STORAGES["default"] = {
        "BACKEND": "hamafza.core.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env_str("HAMAFZA_S3_BUCKET"),
            "endpoint_url": env_str("HAMAFZA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("HAMAFZA_S3_REGION") or None,
            "access_key": env_str("HAMAFZA_S3_ACCESS_KEY") or None,
            "secret_key": env_str("HAMAFZA_S3_SECRET_KEY") or None,
        },
    }
if TESTING:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_MAX_AGE = 3600

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tehran"
USE_TZ = True

# --- Security ---------------------------------------------------------------------------------
# HAMAFZA_HTTPS=1 (the scale profile behind a TLS-terminating proxy): redirect to HTTPS, HSTS for a
# year, cookies only over HTTPS. The proxy must set X-Forwarded-Proto (and strip it from clients).
SERVE_HTTPS = env_bool("HAMAFZA_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SERVE_HTTPS or env_bool("HAMAFZA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SERVE_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("HAMAFZA_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HAMAFZA_HSTS_SUBDOMAINS", True)
    # The token only allows submitting the domain to browsers' preload list (a council's host name is
    # usually a subdomain, which the list ignores); HAMAFZA_HSTS_PRELOAD=0 leaves it out.
    SECURE_HSTS_PRELOAD = env_bool("HAMAFZA_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only our own scripts, and inline ones only with the
# response's nonce (`nonce="{{ CSP_NONCE }}"`, in Jinja2 `nonce="{{ csp_nonce() }}"`); no eval
# (htmx runs with allowEval off). <style> elements need the nonce too; style *attributes* stay
# allowed (style-src-attr): agencies' and sectors' colours, pygal's charts and the editor set them,
# and an attribute cannot carry the selector-based exfiltration a <style> element can.
# Media on S3 are shown from signed URLs on the bucket's origin: the endpoint (path-style), and any
# origin listed in HAMAFZA_MEDIA_ORIGINS (e.g. an AWS bucket's own host name).
_MEDIA_ORIGINS = [
    origin for origin in (
        env_str("HAMAFZA_S3_ENDPOINT_URL").rstrip("/") if env_str("HAMAFZA_S3_BUCKET") else "",
        *env_list("HAMAFZA_MEDIA_ORIGINS"),
    ) if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Mail -------------------------------------------------------------------------------------
EMAIL_HOST = env_str("HAMAFZA_SMTP_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("HAMAFZA_SMTP_PORT", 587)
    EMAIL_HOST_USER = env_str("HAMAFZA_SMTP_USER")
    EMAIL_HOST_PASSWORD = env_str("HAMAFZA_SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("HAMAFZA_SMTP_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("HAMAFZA_FROM_EMAIL", "hamafza@localhost")

# --- Sign-in: lockout (django-axes), two-factor, invitations -----------------------------------
AXES_FAILURE_LIMIT = env_int("HAMAFZA_SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("HAMAFZA_SIGNIN_LOCKOUT_MINUTES", 15))
# Lock the pair (account, address), so nobody can lock someone else out from elsewhere, and lock
# an address that guesses across many accounts: HAMAFZA_SIGNIN_ADDRESS_LIMIT failures from one
# address (default 30: a whole PR office often shares one NAT address). See accounts/lockout.py.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
SIGNIN_ADDRESS_FAILURE_LIMIT = env_int("HAMAFZA_SIGNIN_ADDRESS_LIMIT", 30)  # ours, not an axes setting
AXES_HANDLER = "hamafza.accounts.lockout.PairAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "hamafza.accounts.lockout.client_address"
AXES_USERNAME_CALLABLE = "hamafza.accounts.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "hamafza.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
OTP_TOTP_ISSUER = env_str("HAMAFZA_TOTP_ISSUER", "Hamafza")
INVITATION_VALID_DAYS = env_int("HAMAFZA_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# Django's validators with Persian messages (hamafza/accounts/passwords.py); every form that sets
# a password (reset, invitation, admin, `hamafza setup`) calls them. Only the demo loader's
# known password for demo people in demo mode skips them.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "hamafza.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "hamafza.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "hamafza.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "hamafza.accounts.passwords.NumericPasswordValidator"},
]

# --- Product settings -------------------------------------------------------------------------
SCHEDULER_INTERVAL_SECONDS = env_int("HAMAFZA_SCHEDULER_INTERVAL", 5)
# A read-only key for monitoring: `Authorization: Bearer <it>` on /api/v1/health (empty: only a
# site admin's staff API token answers there).
HEALTH_TOKEN = env_str("HAMAFZA_HEALTH_TOKEN", "")
PORTAL_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HAMAFZA_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
