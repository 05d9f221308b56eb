"""/api/v1/health: refused without a key or with a wrong one; answers the monitoring key and a
site admin's staff token; 503 when a check fails."""

import pytest

from hamafza.apitokens.actions import do_create_token

URL = "/api/v1/health"
KEY = "monitoring-key-0123456789abcdef"


@pytest.fixture(autouse=True)
def monitoring_key(settings):
    settings.HEALTH_TOKEN = KEY


def get(client, key=None):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.get(URL, headers=headers)


def test_refused_without_a_key(client, personas):
    answer = get(client)
    assert answer.status_code == 401 and "کلید" in answer.json()["detail"]


@pytest.mark.parametrize("key", ["wrong", KEY + "x", "hz_notarealtoken"])
def test_refused_with_a_wrong_key(client, personas, key):
    assert get(client, key).status_code == 401


def test_refused_with_no_monitoring_key_configured(client, personas, settings):
    settings.HEALTH_TOKEN = ""
    assert get(client, "").status_code == 401
    assert get(client, KEY).status_code == 401


def test_a_staff_token_of_someone_not_admin_is_refused(client, personas):
    _token, raw = do_create_token(personas.own_head, "پایش")
    assert get(client, raw).status_code == 403


def test_the_monitoring_key_gets_every_check(client, personas, only_checks):
    only_checks(("database", "ok"), ("backup", "warn"))
    answer = get(client, KEY)
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    body = answer.json()
    assert body["status"] == "warn"
    assert [(c["key"], c["status"]) for c in body["checks"]] == [("database", "ok"), ("backup", "warn")]
    assert body["checks"][1]["summary"] == "وضعیت warn" and body["checks"][1]["details"] == ["جزئیات"]


def test_a_site_admins_token_answers(client, personas, only_checks):
    only_checks(("database", "ok"))
    _token, raw = do_create_token(personas.admin, "پایش")
    answer = get(client, raw)
    assert answer.status_code == 200 and answer.json()["status"] == "ok"


def test_a_failing_check_answers_503(client, personas, only_checks):
    only_checks(("database", "ok"), ("scheduler", "fail"))
    answer = get(client, KEY)
    assert answer.status_code == 503 and answer.json()["status"] == "fail"


def test_the_real_checks_answer(client, personas):
    body = get(client, KEY).json()
    assert {c["key"] for c in body["checks"]} >= {"database", "migrations", "cache", "tasks", "scheduler", "senders",
                                                  "disk", "backup", "deploy"}
