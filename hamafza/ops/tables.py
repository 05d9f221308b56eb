"""Every table of a migration state, read and written as canonical rows.

A row is a JSON array of its concrete fields' values in field order, encoded the same way on both
engines (datetimes in UTC ISO form, decimals as text, binary as base64, JSON as JSON), one line
per row in primary-key order. The SHA-256 of a table's lines is its checksum: the archive's file
for the table hashes to it, and a copy in another database can be read back and compared.

The models are the migration state's historical models (the schema the database is actually at),
so an archive made before a later migration is loaded at its own schema and migrated forward.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.models import FileField

Node = tuple[str, str]
INT_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField",
}
# Media names kept inside JSON columns: (model label, field) -> key of each entry's stored name.
MEDIA_IN_JSON = {("newsroom.image", "renditions"): "name"}


def applied_migrations(using: str) -> set[Node]:
    return set(MigrationLoader(connections[using], ignore_no_migrations=True).applied_migrations or ())


def known_migrations() -> set[Node]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def state_models(nodes: Iterable[Node]) -> list:
    """The concrete, managed historical models at `nodes`, each after the models it points to."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    apps = loader.project_state(nodes=sorted(nodes), at_end=True).apps
    models = [
        m for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    return _dependency_order(sorted(models, key=lambda m: m._meta.label_lower))


def _dependency_order(models: list) -> list:
    by_label = {m._meta.label_lower: m for m in models}
    done: dict[str, None] = {}

    def visit(model, path: tuple = ()) -> None:
        label = model._meta.label_lower
        if label in done or label in path:
            return
        for field in model._meta.concrete_fields:
            target = getattr(field, "related_model", None)
            if target is not None and target is not model:
                visit(by_label.get(target._meta.label_lower, target), (*path, label))
        done[label] = None

    for model in models:
        visit(model)
    return [by_label[label] for label in done if label in by_label]


def _is_int_pk(model) -> bool:
    pk = model._meta.pk
    target = getattr(pk, "target_field", pk)
    return target.get_internal_type() in INT_TYPES


def _encode(value):
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value // dt.timedelta(microseconds=1)
    return value


def _decoder(field) -> Callable:
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return dt.datetime.fromisoformat
    if kind == "DateField":
        return dt.date.fromisoformat
    if kind == "TimeField":
        return dt.time.fromisoformat
    if kind == "DecimalField":
        return decimal.Decimal
    if kind == "BinaryField":
        return base64.b64decode
    if kind == "UUIDField":
        return uuid.UUID
    if kind == "DurationField":
        return lambda v: dt.timedelta(microseconds=v)
    return lambda v: v


# Values of these types go to the database driver as decoded from JSON, on both engines.
PLAIN_TYPES = INT_TYPES | {"CharField", "TextField", "SlugField", "EmailField", "URLField", "BooleanField", "FloatField"}


def _preparer(field, connection) -> Callable | None:
    """How a decoded value becomes a query parameter (None: as it is)."""
    target = getattr(field, "target_field", field) if field.is_relation else field
    if target.get_internal_type() in PLAIN_TYPES:
        return None
    decode = _decoder(field)
    return lambda value: field.get_db_prep_save(decode(value), connection)


def line_of(values) -> bytes:
    return json.dumps([_encode(v) for v in values], ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode() + b"\n"


@dataclass
class TableDigest:
    rows: int = 0
    sha256: str = ""


def columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def media_names(model, values) -> Iterator[str]:
    """The stored media names one row refers to."""
    label = model._meta.label_lower
    for field, value in zip(model._meta.concrete_fields, values):
        if not value:
            continue
        if isinstance(field, FileField):
            yield str(value)
        elif (label, field.name) in MEDIA_IN_JSON and isinstance(value, list):
            key = MEDIA_IN_JSON[(label, field.name)]
            yield from (entry[key] for entry in value if isinstance(entry, dict) and entry.get(key))


def read_lines(model, using: str, on_row: Callable | None = None) -> Iterator[bytes]:
    """The table's canonical lines in primary-key order; `on_row(values)` sees each row."""
    query = model._base_manager.using(using).order_by("pk").values_list(*columns(model))
    rows = query.iterator(chunk_size=5000)
    if not _is_int_pk(model):
        # Text keys sort differently per engine (collations): sort their encoded form here.
        at = [f.primary_key for f in model._meta.concrete_fields].index(True)
        rows = iter(sorted(rows, key=lambda values: line_of([values[at]])))
    for values in rows:
        if on_row is not None:
            on_row(values)
        yield line_of(values)


def digest(model, using: str) -> TableDigest:
    sha, count = hashlib.sha256(), 0
    for line in read_lines(model, using):
        sha.update(line)
        count += 1
    return TableDigest(count, sha.hexdigest())


def insert_lines(model, using: str, lines: Iterable[bytes], batch: int = 1000) -> int:
    """Insert canonical lines into the model's table (columns as given, no model instances)."""
    connection = connections[using]
    fields = model._meta.concrete_fields
    preparers = [(i, prepare) for i, f in enumerate(fields) if (prepare := _preparer(f, connection)) is not None]
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )

    def prepared(line: bytes) -> list:
        values = json.loads(line)
        for i, prepare in preparers:
            if values[i] is not None:
                values[i] = prepare(values[i])
        return values

    if connection.vendor == "postgresql":
        return _copy_lines(connection, model, fields, map(prepared, lines))
    count, chunk = 0, []
    with connection.cursor() as cursor:
        for line in lines:
            chunk.append(prepared(line))
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def _copy_lines(connection, model, fields, rows: Iterable[list]) -> int:
    """PostgreSQL: COPY … FROM STDIN, several times faster than INSERTs."""
    qn = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields))
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def has_rows(model, using: str) -> bool:
    return model._base_manager.using(using).exists()
