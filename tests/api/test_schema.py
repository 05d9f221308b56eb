"""The OpenAPI schema is served, and schemathesis finds no server error anywhere in it.

Cases run against the WSGI application in-process, with some data in the database. `positive_data_acceptance` is excluded: the schema cannot
say that «1404/12/30» is not a date or which slugs exist, so schema-valid input may rightly get
400 or 404. Every other check runs, including response-schema conformance.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from hamafza.api.main import api
from hamafza.wsgi import application
from tests import factories


def test_the_schema_and_docs_are_served(client, world):
    schema = client.get("/api/openapi.json").json()
    docs = client.get("/api/docs")

    assert schema["info"]["version"] == "1"
    assert {"/api/v1/agencies", "/api/v1/agencies/{slug}", "/api/v1/sectors", "/api/v1/news",
            "/api/v1/news/{item_id}"} <= set(schema["paths"])
    assert docs.status_code == 200


@pytest.fixture
def some_news(world, sectors):
    """Data to read, and a database connection that survives the in-process WSGI calls: Django
    closes connections at the end of each request, which would drop the test's transaction on
    PostgreSQL. Its own test client does the same as this fixture."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield [
        factories.make_item(world["A"], supporting=[world["B"]], sectors=[sectors["road"]], tags=["اربعین"])
        for _ in range(3)
    ]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Built from the same NinjaAPI object that serves /api/openapi.json (the test above checks that
# it is served), at import time: schemathesis 4.32's fixture-based lazy loader fails on pytest 9
# (it reads the removed `Function._nodeid`), and fetching over WSGI at collection time would need
# the database before pytest-django sets it up. Requests still go to the WSGI app in-process.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_input_gives_a_server_error(case, some_news):
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
