"""The world and its people (tests/personas.py) built once for a module, for modules whose tests
write only what their savepoint rolls back: `from tests.people_once import _built, personas, world`
and `pytestmark = pytest.mark.usefixtures("module_copy")`. Each test gets its own copy in its own
savepoint (tests/conftest.py: module_db, module_copy)."""

import pytest

from tests import factories
from tests.personas import make_personas


@pytest.fixture(scope="module")
def _built(module_db):
    world = factories.make_world()
    return {"world": world, "personas": make_personas(world)}


@pytest.fixture
def world(module_copy):
    return module_copy["world"]


@pytest.fixture
def personas(module_copy):
    return module_copy["personas"]
