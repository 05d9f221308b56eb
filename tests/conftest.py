import copy

import pytest
from django.core.cache import cache
from django.db import transaction

from hamafza.agencies import registry
from hamafza.agencies.hosts import CouncilHosts

from . import factories
from .personas import personas  # noqa: F401  (the shared persona fixture)


@pytest.fixture(scope="session", autouse=True)
def _council_hosts(django_test_environment):
    """The product's host check in every test: the councils' host names, the loopback names and
    the test client's «testserver» (teardown_test_environment restores the setting)."""
    from django.conf import settings

    settings.ALLOWED_HOSTS = CouncilHosts(settings.ALLOWED_HOSTS)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, built from the models (tests/settings.py), given what
    the migrations add (tests/schema.py)."""
    from django.db import connections

    from .schema import complete

    with django_db_blocker.unblock():
        for alias in connections:
            complete(alias)


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """On PostgreSQL, the database a transactional test leaves is emptied with one DELETE per table
    instead of Django's TRUNCATE of every table: TRUNCATE makes new files for each of ~150 tables
    and their indexes, 0.6 s per transactional test; the DELETEs of the few rows a test wrote take
    a few ms. The same rows go (foreign keys are checked at the end of the flush's transaction),
    and sequences go on as after TRUNCATE without RESTART IDENTITY. Only Django's `flush` command
    (test teardown, tests/ops/helpers.py) changes: the product's own flush (restore) does not."""
    from django.core.management.commands import flush

    original = flush.sql_flush

    def sql_flush(style, connection, reset_sequences=False, allow_cascade=False):
        if connection.vendor != "postgresql" or reset_sequences or allow_cascade:
            return original(style, connection, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {connection.ops.quote_name(t)}" for t in tables]

    flush.sql_flush = sql_flush
    yield
    flush.sql_flush = original


@pytest.fixture(autouse=True)
def _fresh_cache_and_registry():
    cache.clear()
    registry.invalidate()
    yield
    registry.invalidate()


@pytest.fixture
def sectors(db):
    return factories.make_sectors()


@pytest.fixture
def world(db, sectors):
    """A council of three agencies (A heads it) and an agency D that sits on no council."""
    return factories.make_world(sectors)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole module, rolled back after its last test: what a module-scoped
    fixture builds in it is built once for the module's tests, and each test still runs in a
    savepoint of its own (the `db` fixture), so that its writes roll back and the next test finds
    the module's data as it was built. For modules whose tests share the same data; each test takes
    a deep copy of the built objects (copy.deepcopy, as Django's setUpTestData gives each test), so
    that what a test caches on an instance (a person's roles, a refreshed field) never reaches the
    next. Not for modules with transactional tests (those empty the database)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def module_copy(_built, db):
    """This test's own deep copy of what its module's `_built` fixture (module-scoped, on
    module_db) made once: each test runs in its own savepoint with objects of its own. `_built` is
    named here, not looked up, so that pytest sets the module's transaction up before the test's
    savepoint. A module uses it by `pytestmark = pytest.mark.usefixtures("module_copy")` and
    fixtures that pick parts of it (tests/portal/test_feed_writer.py)."""
    return copy.deepcopy(_built)


# The longest tests start first, so that with pytest-xdist no worker begins a two-minute walk
# while the other has nothing left to do (the suite's tail was these files).
SLOW_FIRST = (
    "tests/test_input_walk.py",
    "tests/test_boundary_probe.py",
    "tests/distribution/test_crash.py",
    "tests/ops/",
    "tests/distribution/test_serve_restart.py",
)


def pytest_collection_modifyitems(session, config, items):
    def rank(item) -> int:
        path = item.nodeid
        return next((i for i, prefix in enumerate(SLOW_FIRST) if path.startswith(prefix)), len(SLOW_FIRST))

    items.sort(key=rank)  # stable: the rest keep their order
