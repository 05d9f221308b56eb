"""The embedded default and the scale profile are chosen by environment variables alone."""

import json
import os
import subprocess
import sys

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "options": settings.DATABASES["default"].get("OPTIONS", {}),
    "cache": settings.CACHES["default"]["BACKEND"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "media": str(settings.MEDIA_ROOT),
}))
"""


def probe(tmp_path, **env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HAMAFZA_", "DATABASE_URL", "REDIS_URL"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "hamafza.settings", "HAMAFZA_VAR_DIR": str(tmp_path / "var"), **env})
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_default(tmp_path):
    config = probe(tmp_path)
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["options"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["options"]["init_command"]
    assert "busy_timeout" in config["options"]["init_command"]
    assert config["tasks"] == "django_tasks_db.DatabaseBackend"
    assert config["cache"].endswith("FileBasedCache")
    assert config["media"] == str(tmp_path / "var" / "media")
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0


def test_scale_profile(tmp_path):
    config = probe(tmp_path, DATABASE_URL="postgres://u:p@db:5432/hz", REDIS_URL="redis://cache:6379/0")
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["tasks"] == "django_tasks_rq.RQBackend"
    assert config["cache"] == "hamafza.core.rediscache.RedisCache"


def test_a_bad_boolean_fails_loudly(tmp_path):
    clean = {**os.environ, "DJANGO_SETTINGS_MODULE": "hamafza.settings", "HAMAFZA_VAR_DIR": str(tmp_path), "HAMAFZA_DEMO": "maybe"}
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True)
    assert out.returncode != 0
    assert "HAMAFZA_DEMO must be a boolean" in out.stderr
