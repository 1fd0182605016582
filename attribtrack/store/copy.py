"""``store copy``: a whole history from one store to another (SQLite <-> PostgreSQL, or alike).

Every table of the schema (documents, texts, revisions, the claims cache, watch state, compared
pairs and change events) is read from a consistent snapshot of the source and written to the
destination in one transaction, parents first: a failure leaves the destination as it was. The
row counts of the destination are then checked against the source's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attribtrack.errors import StoreError, UsageError
from attribtrack.store.schema import TABLES

BATCH = 500


def copy_store(source: Any, destination: Any, *, force: bool = False) -> dict[str, int]:
    """Copy every row of ``source`` into ``destination`` (open stores); the rows per table.

    A destination with any rows is refused (:class:`StoreError`, exit 4) unless ``force``, which
    replaces its contents in the same transaction."""
    if _identity(source) == _identity(destination):
        raise UsageError("store copy: the source and the destination are the same store")
    counts: dict[str, int] = {}
    existing = _counts(destination)
    if any(existing.values()) and not force:
        held = ", ".join(f"{n} {t}" for t, n in existing.items() if n)
        raise StoreError(
            f"store copy: {destination.location} is not empty ({held})",
            hint="pass --force to replace its contents",
        )
    with source._snapshot() as read, destination._transaction() as write:
        for table, _columns, _key in reversed(TABLES):
            write.execute(f"DELETE FROM {table}")  # nothing when empty; --force replaces
        for table, columns, key in TABLES:
            order = key.format(tiebreak=source._TIEBREAK)
            rows = read.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            counts[table] = 0
            text_column = columns.index("text") if table == "texts" else None
            while batch := rows.fetchmany(BATCH):
                values = [tuple(r) for r in batch]
                if text_column is not None:
                    values = [_as_str(r, text_column) for r in values]
                write.executemany(insert, values)
                counts[table] += len(batch)
    copied = _counts(destination)
    if copied != counts:
        raise StoreError(f"store copy: counts differ after the copy (read {counts}, written {copied})")
    return counts


def _as_str(row: tuple[Any, ...], column: int) -> tuple[Any, ...]:
    """A texts row with its text as str: SQLite holds a text over 1 MiB as a BLOB of its UTF-8,
    which psycopg would send PostgreSQL as bytea, stored in the TEXT column as its hex spelling
    (``\\x5468...``), a text that no longer matches its sha256."""
    value = row[column]
    if isinstance(value, bytes | memoryview):
        return (*row[:column], bytes(value).decode("utf-8"), *row[column + 1 :])
    return row


def _identity(store: Any) -> str:
    path = store.path
    return str(path.resolve()) if isinstance(path, Path) else str(store.location)


def _counts(store: Any) -> dict[str, int]:
    return {
        table: int(store._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table, _columns, _key in TABLES
    }
