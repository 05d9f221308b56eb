"""`hamafza doctor` prints every check and exits non-zero when one fails."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def doctor(*args):
    out = io.StringIO()
    try:
        call_command("doctor", *args, stdout=out)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue()


def test_all_well_exits_zero(only_checks):
    only_checks(("database", "ok"), ("cache", "ok"))
    code, out = doctor()
    assert code == 0 and "✔ بررسی database: وضعیت ok" in out


def test_a_warning_exits_zero_unless_strict(only_checks):
    only_checks(("database", "ok"), ("backup", "warn"))
    assert doctor()[0] == 0
    assert doctor("--strict")[0] == 1


def test_a_failure_exits_one(only_checks):
    only_checks(("database", "ok"), ("scheduler", "fail"))
    code, out = doctor()
    assert code == 1 and "✘ بررسی scheduler: وضعیت fail" in out and "    جزئیات" in out


def test_json_and_only(only_checks):
    only_checks(("database", "ok"), ("scheduler", "fail"))
    code, out = doctor("--json", "--only", "database")
    assert code == 0 and json.loads(out)["checks"][0]["key"] == "database" and len(json.loads(out)["checks"]) == 1


def test_the_real_checks_run():
    code, out = doctor()
    assert "پایگاه داده" in out and "آخرین پشتیبان" in out
    assert code == (1 if "✘" in out else 0)
