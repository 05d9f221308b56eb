import datetime as dt

import pytest
from django.utils import timezone

from hamafza.live import actions
from hamafza.live.models import BoardEntity

HOST = "khz.example.ir"


@pytest.fixture
def event(personas):
    """A running live event of the world's council: agencies A (ours) and B take part; C sits on
    the council but does not; D sits on no council."""
    now = timezone.now()
    return actions.do_open_event(
        personas.secretariat, personas.council.pk, title="اربعین ۱۴۰۵", kind="campaign",
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(days=3),
        agency_ids=[personas.own.pk, personas.other.pk],
    )


@pytest.fixture
def crossing(personas, event):
    return actions.do_add_entity(personas.secretariat, personas.council.pk, kind=BoardEntity.Kind.CROSSING,
                                 name="مرز شلمچه", agency_id=personas.own.pk, event_id=event.pk)
