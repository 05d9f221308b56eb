"""`hamafza check --deploy` in the scale profile with HAMAFZA_HTTPS=1: no warning, no error."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(tmp_path, **env):
    # Nothing of the test run leaks in (the browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE
    # for Playwright, which the deploy check rightly refuses).
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HAMAFZA_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))}
    clean.update({
        "DJANGO_SETTINGS_MODULE": "hamafza.settings",
        "PYTHONPATH": str(ROOT),
        "HAMAFZA_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": "postgres://hamafza:secret@127.0.0.1:5432/hamafza",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "HAMAFZA_SECRET_KEY": secrets.token_urlsafe(50),
        "HAMAFZA_ALLOWED_HOSTS": "hamafza.example.ir",
        **env,
    })
    return subprocess.run(
        [sys.executable, "-m", "hamafza", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean, cwd=tmp_path, capture_output=True, text=True,
    )


def test_the_scale_profile_with_https_passes_the_deploy_check(tmp_path):
    result = run_check(tmp_path, HAMAFZA_HTTPS="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_the_https_switch_the_deploy_check_complains(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode != 0
    for check in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert check in result.stderr


def test_the_https_switch_trusts_the_proxy_header_and_secures_cookies(tmp_path):
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, '*' in list(s.ALLOWED_HOSTS.names)]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAMAFZA_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "hamafza.settings", "PYTHONPATH": str(ROOT),
                "HAMAFZA_VAR_DIR": str(tmp_path / "var"), "HAMAFZA_HTTPS": "1"})
    out = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == '[["HTTP_X_FORWARDED_PROTO", "https"], true, true, true, true, false]'
