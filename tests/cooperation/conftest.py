"""Fixtures of the cooperation tests: the frozen clock, a head for agency C, the reciprocity
record's known dataset."""

import pytest

from .amp_helpers import c_head
from .clock import frozen  # noqa: F401  (fixture)
from .reciprocity_factories import dataset  # noqa: F401  (fixture)


@pytest.fixture
def supporting_head(personas):
    return c_head(personas)
