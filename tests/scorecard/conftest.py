import pytest

from hamafza.scorecard import criteria


@pytest.fixture(autouse=True)
def _built_in_criteria_only(monkeypatch):
    """The scorecard's own tests score the built-in criteria; reach and coverage add theirs when
    installed, checked by hand on the same record in test_reach_coverage_figures.py (which
    overrides this fixture)."""
    own = {c.key for c in criteria.all_criteria() if c.app == "scorecard"}
    monkeypatch.setattr(criteria, "_registry", {k: c for k, c in criteria._registry.items() if k in own})
