import pytest
from django.db.backends.base.base import BaseDatabaseWrapper


@pytest.fixture(autouse=True)
def _runtime_aliases_allowed(transactional_db, django_db_blocker, monkeypatch):
    """Every ops test commits (the engine reads through connections of its own) and may connect
    to aliases made at run time (a snapshot file, a target database). Django's test cases refuse
    any alias a test did not declare in advance, which these cannot be: connect unpatched."""
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", django_db_blocker._real_ensure_connection)


@pytest.fixture
def media_root(settings, tmp_path):
    """A media directory of the test's own (the files it compares are only its own)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
