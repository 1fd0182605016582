"""The store: versioned, content-addressed documents in an embedded SQLite database.

This is the only package that writes SQL (``sqlite.py``; the interface and shared helpers
in ``base.py``, the records in ``records.py``, the migrations in ``schema.py``).
Everything else asks it for documents and revisions::

    with open_store(create=True) as store:          # .attribtrack/attribtrack.db, found upward
        result = store.ingest(text, doc_id="crocus", title="crocus mall")
        result.number, result.created                # 1, True (False: the latest revision has it)
        store.revision("crocus", "-1").text          # one before the latest
        store.revisions("crocus")                    # [RevisionInfo, ...] without the texts

Location. ``open_store(path)`` uses ``path`` (``--store FILE`` / ``ATTRIBTRACK_STORE``) when given;
otherwise it walks up from the working directory to the first ``.attribtrack/`` directory, as git
finds ``.git``, and uses ``.attribtrack/attribtrack.db`` there. With ``create=True`` a missing store
is created (in the working directory when none is found upward); without it a missing store is a
:class:`NotFoundError`, so commands that only read files never leave a database behind.

Schema. Ordered migrations (:data:`MIGRATIONS`, small named functions) are applied in one
transaction and recorded by name in ``_migrations``; ``PRAGMA user_version`` holds their count so
an up-to-date store opens without reading the table. A store with migrations this code does not
know was written by a newer attribtrack and is refused (:class:`StoreError`, exit 4).

Concurrency. WAL mode; every ingest is one ``BEGIN IMMEDIATE`` transaction, so a crash or a second
writer never leaves a half-written revision. A busy store is retried for ``busy_timeout`` seconds
(SQLite's busy handler), then :class:`StoreError` "store is busy".

Records. Listings return small immutable records (:class:`DocumentInfo`, :class:`RevisionInfo`)
rather than the pydantic models: ``attribtrack log`` must answer in well under 100 ms and
importing pydantic alone costs about that. ``.model()`` converts a record to the data model
(:class:`attribtrack.models.Document` / :class:`attribtrack.models.Revision`).
"""

from __future__ import annotations

import json  # noqa: F401 -- tests patch attribtrack.store.json.dumps to fail mid-transaction
import os
from pathlib import Path
from typing import Any

from attribtrack.errors import UsageError
from attribtrack.store import sqlite as _sqlite
from attribtrack.store.base import BUSY_TIMEOUT, KINDS, Store
from attribtrack.store.base import _hash as _hash  # tests check the chunked hash
from attribtrack.store.records import (
    ChangeEvent,
    ChangeRecord,
    DocumentInfo,
    FetchState,
    IngestResult,
    OriginConflict,
    RevisionInfo,
    StoreBusy,
    StoredRevision,
)
from attribtrack.store.schema import MIGRATIONS
from attribtrack.store.sqlite import STORE_DIR, STORE_FILE, SQLiteStore, find_store

__all__ = [
    "BUSY_TIMEOUT",
    "KINDS",
    "MIGRATIONS",
    "STORE_DIR",
    "STORE_FILE",
    "ChangeEvent",
    "ChangeRecord",
    "DocumentInfo",
    "FetchState",
    "IngestResult",
    "OriginConflict",
    "RevisionInfo",
    "SQLiteStore",
    "Store",
    "StoreBusy",
    "StoredRevision",
    "find_store",
    "init_store",
    "is_url",
    "open_store",
]


_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: object) -> bool:
    """Whether ``location`` (``--store``) names a PostgreSQL store rather than a file."""
    return isinstance(location, str) and location.startswith(_SCHEMES)


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    start: str | os.PathLike[str] | None = None,
    busy_timeout: float = BUSY_TIMEOUT,
) -> Store:
    """Open (and migrate) the store: a ``postgresql://`` URL, a database file, or (None) the
    ``.attribtrack/`` found upward from ``start``. See :func:`attribtrack.store.sqlite.open_store`;
    for a URL the database must exist, and ``create`` makes the schema in it."""
    if is_url(path):
        return _postgres().open_postgres(str(path), create=create, busy_timeout=busy_timeout)
    return _sqlite.open_store(path, create=create, start=start, busy_timeout=busy_timeout)


def init_store(
    path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] | None = None
) -> tuple[Path | str, bool]:
    """Create a store (see :func:`attribtrack.store.sqlite.init_store`); for a URL, the schema in
    its database. Returns (where, created); a URL comes back without its password."""
    if is_url(path):
        pg = _postgres()
        store = pg.PostgresStore(str(path))
        try:
            created = store._applied() is None
            store._migrate(True)
        finally:
            store.close()
        return pg.redact(str(path)), created
    return _sqlite.init_store(path, start=start)


def _postgres() -> Any:
    try:
        from attribtrack.store import postgres
    except ImportError as exc:
        raise UsageError(
            f"a postgresql:// store needs psycopg ({exc})", hint="pip install 'attribtrack[postgres]'"
        ) from None
    return postgres
