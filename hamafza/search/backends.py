"""The two engines behind one interface: write documents, find candidate ids.

Both rank only a bounded candidate set: the newest `CANDIDATES` matching items of the council
(a cheap order the engine can stream), then relevance (bm25 / ts_rank) among those. A word
found in most items therefore costs the same as a rare one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from hamafza.newsroom.models import ItemAgency, ItemSector, Placement
from hamafza.persian.searchtext import Query

CANDIDATES = 200


@dataclass(frozen=True)
class Filters:
    council_id: int
    agency_id: int | None = None
    sector_id: int | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None


def _filter_sql(doc_id: str, f: Filters) -> tuple[str, list]:
    """JOIN and WHERE parts that keep the council's published items matching the filters."""
    join = f"JOIN {Placement._meta.db_table} p ON p.item_id = {doc_id} AND p.council_id = %s"
    params: list = [f.council_id]
    where = []
    if f.start is not None:
        where.append("p.published_at >= %s")
        params.append(f.start)
    if f.end is not None:
        where.append("p.published_at < %s")
        params.append(f.end)
    if f.agency_id is not None:
        where.append(f"EXISTS (SELECT 1 FROM {ItemAgency._meta.db_table} a WHERE a.item_id = {doc_id} AND a.agency_id = %s)")
        params.append(f.agency_id)
    if f.sector_id is not None:
        where.append(f"EXISTS (SELECT 1 FROM {ItemSector._meta.db_table} s WHERE s.item_id = {doc_id} AND s.sector_id = %s)")
        params.append(f.sector_id)
    return join, where, params


def _limit(limit: int | None) -> str:
    """`limit=None` (benchmarks, recall checks) ranks every match."""
    return "" if limit is None else f"LIMIT {int(limit)}"


class SQLiteBackend:
    @staticmethod
    def match_expression(query: Query) -> str:
        parts = []
        for term in query.terms:
            parts.append("(" + " OR ".join(f'"{form}"' for form in term.forms) + ")")
        for phrase in query.phrases:
            parts.append('exact : "' + " ".join(phrase) + '"')
        return " AND ".join(parts)

    def write(self, cursor, rows: Iterable[tuple[int, str, str]], old: dict[int, tuple[str, str]]) -> None:
        """rows: (item id, exact, extra), already saved in search_document; old: their previous
        text (an external-content FTS5 table forgets a row only when told its old values)."""
        deletes = [(item_id, *old[item_id]) for item_id, _, _ in rows if item_id in old]
        if deletes:
            cursor.executemany(
                "INSERT INTO search_fts(search_fts, rowid, exact, extra) VALUES('delete', %s, %s, %s)", deletes
            )
        cursor.executemany("INSERT INTO search_fts(rowid, exact, extra) VALUES (%s, %s, %s)", list(rows))

    def delete(self, cursor, item_id: int, old: tuple[str, str]) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts, rowid, exact, extra) VALUES('delete', %s, %s, %s)", [item_id, *old])

    def rebuild(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES('rebuild')")

    def candidates(self, query: Query, f: Filters, limit: int | None = CANDIDATES) -> list[int]:
        join, where, params = _filter_sql("search_fts.rowid", f)
        sql = (
            f"SELECT search_fts.rowid, bm25(search_fts) FROM search_fts {join} "
            f"WHERE search_fts MATCH %s {''.join(' AND ' + w for w in where)} "
            f"ORDER BY search_fts.rowid DESC {_limit(limit)}"
        )
        # The join's parameters come first in the SQL text.
        params = [params[0], self.match_expression(query), *params[1:]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [item_id for item_id, _ in sorted(rows, key=lambda r: (r[1], -r[0]))]

    def candidates_within(self, query: Query, visible: tuple[str, tuple], limit: int | None = CANDIDATES) -> list[int]:
        """Staff search: like `candidates`, but among the ids the subquery `visible` (SQL, params)
        yields instead of a council's placements (drafts included). The unary «+» keeps the id
        list from being handed to FTS5 as a rowid constraint (one full-text lookup per visible id:
        2 s on 10,000 items); as a filter on the matches it costs 3 ms."""
        visible_sql, visible_params = visible
        sql = (
            f"SELECT search_fts.rowid, bm25(search_fts) FROM search_fts "
            f"WHERE search_fts MATCH %s AND +search_fts.rowid IN ({visible_sql}) "
            f"ORDER BY search_fts.rowid DESC {_limit(limit)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(query), *visible_params])
            rows = cursor.fetchall()
        return [item_id for item_id, _ in sorted(rows, key=lambda r: (r[1], -r[0]))]


class PostgresBackend:
    @staticmethod
    def tsquery(query: Query) -> str:
        parts = []
        for term in query.terms:
            parts.append("(" + " | ".join(f"'{form}'" for form in term.forms) + ")")
        for phrase in query.phrases:
            parts.append("(" + " <-> ".join(f"'{w}':A" for w in phrase) + ")")
        return " & ".join(parts)

    VECTOR = "setweight(to_tsvector('simple', exact), 'A') || setweight(to_tsvector('simple', extra), 'B')"

    def write(self, cursor, rows, old) -> None:
        ids = [item_id for item_id, _, _ in rows]
        cursor.execute(f"UPDATE search_document SET vector = {self.VECTOR} WHERE item_id = ANY(%s)", [ids])

    def delete(self, cursor, item_id, old) -> None:
        pass  # the row goes, and its vector with it

    def rebuild(self, cursor) -> None:
        cursor.execute(f"UPDATE search_document SET vector = {self.VECTOR}")

    def candidates(self, query: Query, f: Filters, limit: int | None = CANDIDATES) -> list[int]:
        # The council's placement is probed per matching row in a scalar subquery, which
        # PostgreSQL never turns into a join: as a join it preferred a merge join that walks the
        # whole placement index (100 ms for a word in 0.2% of 100,000 items; 2 ms this way).
        # A frequent word then streams the primary key backwards and stops at `limit`; a rare
        # one takes its few rows from the GIN index.
        placed = ["p.item_id = d.item_id AND p.council_id = %s"]
        params: list = [f.council_id]
        if f.start is not None:
            placed.append("p.published_at >= %s")
            params.append(f.start)
        if f.end is not None:
            placed.append("p.published_at < %s")
            params.append(f.end)
        where = [f"(SELECT 1 FROM {Placement._meta.db_table} p WHERE {' AND '.join(placed)}) IS NOT NULL"]
        if f.agency_id is not None:
            where.append(f"EXISTS (SELECT 1 FROM {ItemAgency._meta.db_table} a WHERE a.item_id = d.item_id AND a.agency_id = %s)")
            params.append(f.agency_id)
        if f.sector_id is not None:
            where.append(f"EXISTS (SELECT 1 FROM {ItemSector._meta.db_table} s WHERE s.item_id = d.item_id AND s.sector_id = %s)")
            params.append(f.sector_id)
        sql = (
            f"SELECT item_id FROM (SELECT d.item_id, ts_rank(d.vector, q.q) AS rank "
            f"FROM search_document d CROSS JOIN to_tsquery('simple', %s) AS q(q) "
            f"WHERE d.vector @@ q.q {''.join(' AND ' + w for w in where)} "
            f"ORDER BY d.item_id DESC {_limit(limit)}) c ORDER BY rank DESC, item_id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.tsquery(query), *params])
            return [r[0] for r in cursor.fetchall()]

    def candidates_within(self, query: Query, visible: tuple[str, tuple], limit: int | None = CANDIDATES) -> list[int]:
        """Staff search: like `candidates`, but among the ids the subquery `visible` (SQL, params)
        yields instead of a council's placements (drafts included)."""
        visible_sql, visible_params = visible
        sql = (
            f"SELECT item_id FROM (SELECT d.item_id, ts_rank(d.vector, q.q) AS rank "
            f"FROM search_document d CROSS JOIN to_tsquery('simple', %s) AS q(q) "
            f"WHERE d.vector @@ q.q AND d.item_id IN ({visible_sql}) "
            f"ORDER BY d.item_id DESC {_limit(limit)}) c ORDER BY rank DESC, item_id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.tsquery(query), *visible_params])
            return [r[0] for r in cursor.fetchall()]


def get_backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
