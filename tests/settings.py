"""Test settings: the product's settings with a private var/ directory per test process.

The suite runs twice in CI: on the embedded default (SQLite) and with DATABASE_URL and
REDIS_URL set (PostgreSQL and Redis).
"""

import atexit
import os
import shutil
import tempfile

_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ.setdefault("HAMAFZA_TESTING", "1")
# Not setdefault: xdist workers inherit the controller's environment, and each worker needs a
# var/ (file cache, media) of its own.
_var_dir = tempfile.mkdtemp(prefix=f"hamafza-test-{_worker}-")
os.environ["HAMAFZA_VAR_DIR"] = _var_dir


def _remove_var_dir(path: str = _var_dir, owner: int = os.getpid()) -> None:
    """This process's var/ goes when it exits (after pytest-django dropped the test database in
    it). Only the process that made it removes it: a forked child that exits normally inherits
    this handler, and a subprocess that loads these settings makes and removes a var/ of its own
    (one that is handed HAMAFZA_VAR_DIR with other settings registers nothing)."""
    if os.getpid() == owner:
        shutil.rmtree(path, ignore_errors=True)


atexit.register(_remove_var_dir)
os.environ.setdefault("HAMAFZA_TASKS_IMMEDIATE", "1")
os.environ["HAMAFZA_CACHE_PREFIX"] = f"hamafza-test-{_worker}-{os.getpid()}"
if os.environ.get("REDIS_URL") and _worker.startswith("gw"):
    # One Redis database per xdist worker: a test that clears the cache flushes only its own.
    _base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    os.environ["REDIS_URL"] = f"{_base}/{1 + int(_worker[2:]) % 15}"

from hamafza.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # The test database is a file (in this process's var/), as in the product: several
    # connections (threads of the channel sender, two schedulers) then write to it and wait for
    # each other as they do in production, instead of failing at once on the in-memory database's
    # shared-cache table locks.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

# The test databases are built from the models, not by running every migration in every test
# process; tests/schema.py adds what the migrations add, and tests/test_migrations.py runs the
# real migrations on each engine and compares. HAMAFZA_TEST_MIGRATE=1 migrates them for real.
if os.environ.get("HAMAFZA_TEST_MIGRATE") != "1":
    for _database in DATABASES.values():  # noqa: F405
        _database.setdefault("TEST", {})["MIGRATE"] = False

# A plain list while pytest-django copies it (setup_test_environment adds "testserver" before any
# database exists); tests/conftest.py then puts the product's CouncilHosts back around it.
ALLOWED_HOSTS = list(ALLOWED_HOSTS.names)  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # A commit need not wait for the WAL to reach the disk in tests: a crash of the test server
    # loses nothing the suite needs, and the migrations and transactional tests commit often.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
