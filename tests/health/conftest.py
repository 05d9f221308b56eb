import pytest

from hamafza.health import registry


@pytest.fixture
def only_checks(monkeypatch):
    """Replace the registry by the given checks: only_checks(("key", status), ...)."""

    def install(*pairs):
        fake = {}
        for key, status in pairs:
            fake[key] = registry.Check(key, f"بررسی {key}", lambda s=status: registry.Result(s, f"وضعیت {s}", ["جزئیات"]))
        monkeypatch.setattr(registry, "_checks", fake)

    return install
