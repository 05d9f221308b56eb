"""Test settings: the product's settings with a private var/ directory per test process.

The suite runs twice in CI: on the embedded default (SQLite) and with DATABASE_URL and
REDIS_URL set (PostgreSQL and Redis).
"""

import os
import tempfile

_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ.setdefault("HAMAFZA_TESTING", "1")
os.environ.setdefault("HAMAFZA_VAR_DIR", tempfile.mkdtemp(prefix=f"hamafza-test-{_worker}-"))
os.environ.setdefault("HAMAFZA_TASKS_IMMEDIATE", "1")
os.environ["HAMAFZA_CACHE_PREFIX"] = f"hamafza-test-{_worker}-{os.getpid()}"

from hamafza.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
