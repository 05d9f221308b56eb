import io
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


def load_demo() -> str:
    out = io.StringIO()
    with override_settings(DEMO_MODE=True):
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once per module inside a transaction that is rolled back afterwards;
    each test still runs in its own savepoint (the `db` fixture)."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            started = time.monotonic()
            output = load_demo()
            print(f"\ndemo load: {time.monotonic() - started:.2f} s")
            yield output
            transaction.set_rollback(True)
