"""The known record (fixture.py) built once for a module, for modules whose tests only read it:
`from .once import _built, personas, record`. Each test gets its own copy in its own savepoint
(tests/conftest.py: module_db, module_copy)."""

import pytest

from tests import factories
from tests.personas import make_personas

from .fixture import build_record


@pytest.fixture(scope="module")
def _built(module_db):
    personas = make_personas(factories.make_world())
    return personas, build_record(personas)


@pytest.fixture
def personas(module_copy):
    return module_copy[0]


@pytest.fixture
def record(module_copy):
    return module_copy[1]
