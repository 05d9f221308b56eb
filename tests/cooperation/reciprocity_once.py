"""The world, its people and the reciprocity record's known dataset (reciprocity_factories.
make_dataset) built once for a module, for modules whose tests write only what their savepoint
rolls back: `from .reciprocity_once import _built, dataset, personas, world` and
`pytestmark = pytest.mark.usefixtures("module_copy")`. Each test gets its own copy in its own
savepoint (tests/conftest.py: module_db, module_copy), and the clock frozen as before (clock.frozen)."""

import pytest
import time_machine

from tests import factories
from tests.people_once import personas, world  # noqa: F401  (the copies' world and people, as there)
from tests.personas import make_personas

from .clock import NOW
from .reciprocity_factories import make_dataset


@pytest.fixture(scope="module")
def _built(module_db):
    world = factories.make_world()
    personas = make_personas(world)
    with time_machine.travel(NOW, tick=False):  # as the per-test dataset fixture: the rows under the frozen clock
        dataset = make_dataset(personas)
    return {"world": world, "personas": personas, "dataset": dataset}


@pytest.fixture
def dataset(module_copy, frozen):
    return module_copy["dataset"]
