"""The public API's tests: one world per module (tests/conftest.py: module_db, module_copy), each
test with its own copy in its own savepoint; a module may build more in its own `_built`
(test_search.py)."""

import re

import pytest

from tests import factories
from tests.people_once import world  # noqa: F401  (the copy's world, as there)

KHZ = "khz.example.ir"
BUSHEHR = "bsh.example.ir"

_PERSIAN = re.compile(r"[\u0600-\u06FF]")


class ApiClient:
    """GETs under /api/v1/ on a council's host name; returns (response, json or None)."""

    def __init__(self, client, host: str = KHZ):
        self.client = client
        self.host = host

    def get(self, path: str, host: str | None = None, headers: dict | None = None, **params):
        response = self.client.get(f"/api/v1/{path}", params, HTTP_HOST=host or self.host, headers=headers or {})
        body = response.json() if response.content and response["Content-Type"].startswith("application/json") else None
        return response, body


def assert_persian_error(response, body, status: int) -> None:
    assert response.status_code == status, body
    assert set(body) == {"detail"}
    assert _PERSIAN.search(body["detail"]), body["detail"]


@pytest.fixture(scope="module")
def _built(module_db):
    return {"world": factories.make_world()}


@pytest.fixture
def sectors(world):
    return world["sectors"]


@pytest.fixture
def api(client, world):
    return ApiClient(client)


@pytest.fixture
def bushehr(world):
    """A second council on its own host: D heads it and C sits on both councils."""
    return make_bushehr(world)


def make_bushehr(world):
    return factories.make_council(world["D"], [world["C"]], hostname=BUSHEHR, slug="bushehr", short_name="شورای بوشهر")
