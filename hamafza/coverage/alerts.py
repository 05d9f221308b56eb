"""Keyword alerts: saved searches over the monitored entries. A query is read as the search
box reads one (hamafza.persian.searchtext.parse_query: every word, in any of its spellings;
«quoted phrases» as consecutive words); new matching entries notify the alert's owner once."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from hamafza.persian.digits import format_number
from hamafza.persian.searchtext import parse_query

from .models import KeywordAlert, MonitoredEntry


def matches(query: str, text: str) -> bool:
    q = parse_query(query)
    if q.empty:
        return False
    tokens = text.split()
    present = set(tokens)
    if not all(any(f in present for f in term.forms) for term in q.terms):
        return False
    for phrase in q.phrases:
        n = len(phrase)
        if not any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1)):
            return False
    return True


def run_alerts(council_id: int, entries: list[MonitoredEntry]) -> int:
    """Notify the owners of the council's alerts of the new entries that match them."""
    from hamafza.notifications import notify

    if not entries:
        return 0
    newest = max(e.pk for e in entries)
    sent = 0
    for alert in KeywordAlert.objects.filter(council_id=council_id):
        hits = [e for e in entries if e.pk > alert.last_entry_id and matches(alert.query, f"{e.text}")]
        KeywordAlert.objects.filter(pk=alert.pk).update(last_entry_id=max(newest, alert.last_entry_id))
        if not hits:
            continue
        text = _("«%(query)s» در %(count)s مطلب تازه: %(title)s") % {
            "query": alert.query, "count": format_number(len(hits)), "title": hits[0].title or hits[0].url}
        sent += notify([alert.created_by_id], "coverage_alert", text=text, subject=alert.query,
                       url=reverse("workspace:coverage_alerts") + f"?alert={alert.pk}")
    return sent
