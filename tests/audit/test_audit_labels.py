"""Every audit event the product writes has a Persian label in the audit log (no raw
«meeting.created» in front of a secretary)."""

from __future__ import annotations

import re
from pathlib import Path

from hamafza.distribution.actions import VERDICTS
from hamafza.workspace.audit.views import action_labels

ROOT = Path(__file__).resolve().parents[2] / "hamafza"
# Event names are written as literals "<object>.<verb>" in the actions (and a few are chosen
# between literals); the distribution verdicts are the one computed family.
EVENT = re.compile(r'"((?:item|help|amplification|booking|resource|channel|delivery|campaign|meeting|proposal|report|'
                   r'task|calendar_feed|apitoken|image|invitation|live|notice)\.[a-z_]+)"')


def written_events() -> set[str]:
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found.update(EVENT.findall(path.read_text(encoding="utf-8")))
    found.update(f"delivery.marked_{verdict}" for verdict in VERDICTS)
    return found


def test_every_written_event_has_a_persian_label():
    labels = action_labels()
    events = written_events()
    assert len(events) > 50  # the scan finds the actions' events at all
    missing = sorted(e for e in events if e not in labels)
    assert not missing, missing
    persian = re.compile(r"[\u0600-\u06FF]")
    assert all(persian.search(str(labels[e])) for e in events)
