"""The PostgreSQL backend: one store shared by a desk (``--store postgresql://USER@HOST/DB``).

The only module that imports psycopg (3), and only when a URL names PostgreSQL. Connection
settings follow libpq's conventions -- ``PGPASSWORD``, ``~/.pgpass``, ``PGSSLMODE``, ``PGSERVICE``,
``?options=-csearch_path%3Dschema`` in the URL -- because psycopg hands the URL to libpq as it is;
attribtrack stores no credentials anywhere, and a password in a URL never appears in a message.

The queries are the SQLite backend's (written in SQL both speak); this module supplies what
differs: connecting, transactions, the migration lock, the per-document lock and error messages.

Locks.
* Migrations run in one transaction under ``pg_advisory_lock`` on a key for the schema, so two
  first-time openers never race: the second waits, then finds everything applied.
* An ingest takes ``pg_advisory_xact_lock(ns, hashtext(schema/doc))`` first. Why an advisory lock
  and not ``SELECT ... FOR UPDATE`` on the document row: the first ingest of a document has no
  row to lock yet, and two first ingests would both insert it. Holding the lock until commit, each
  ingest reads ``max(number)`` after the previous one committed (READ COMMITTED takes a fresh
  snapshot per statement), so numbers are unique and gapless; a hash collision only makes two
  documents' writers take turns. A writer killed mid-transaction loses its connection, and the
  server rolls the transaction back and releases the lock.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg

from attribtrack.errors import NotFoundError, StoreError
from attribtrack.store import base
from attribtrack.store.base import BUSY_TIMEOUT
from attribtrack.store.records import StoreBusy
from attribtrack.store.schema import MIGRATIONS, POSTGRESQL
from attribtrack.store.sqlite import SQLiteStore

SCHEMES = ("postgresql://", "postgres://")
# Advisory lock namespaces (the first int4 of a two-key lock): "at" + a small number.
_MIGRATION_LOCK = 0x6174_0001
_DOCUMENT_LOCK = 0x6174_0002
_OUR_TABLES = ("documents", "texts", "revisions", "claims_cache", "fetch_state", "compared_pairs",
               "change_events")  # fmt: skip


def is_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


def redact(url: str) -> str:
    """``url`` without its password (``postgresql://ann:***@host/db``), for messages."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rpartition("@")
        user = parts.username or ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[2]}"))
    except ValueError:
        return url.split("://", 1)[0] + "://***"


def _secrets(url: str) -> list[str]:
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if not password:
        return []
    return [p for p in {password, unquote(password)} if p]


def _one_line(message: str, url: str) -> str:
    text = " ".join(str(message).split())
    for secret in _secrets(url):
        text = text.replace(secret, "***")
    return text


@functools.lru_cache(maxsize=256)
def _pg(sql: str) -> str:
    """Our ``?`` parameters as psycopg's ``%s`` (the queries contain no other ``?`` or ``%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection that speaks the shared queries' ``?`` parameters."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, args: Any = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(_pg(sql), tuple(args) if args else None)

    def executemany(self, sql: str, rows: Any) -> None:  # psycopg pipelines the rows
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_pg(sql), rows)


class PostgresStore(SQLiteStore):
    """An open PostgreSQL store. Use :func:`attribtrack.store.open_store` with a URL."""

    _errors = (psycopg.Error,)
    # json_valid/json_array_length are SQLite's; attribtrack_claim_count (migration 2) answers the
    # same. The seq column breaks created_at ties as SQLite's rowid does.
    _CLAIM_COUNT = (
        "SELECT attribtrack_claim_count(c.claims) FROM claims_cache c WHERE c.sha256 = r.sha256 "
        "ORDER BY c.created_at DESC, c.seq DESC LIMIT 1"
    )
    _PUT_CLAIMS = (
        "INSERT INTO claims_cache (sha256, extractor_version, claims, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (sha256, extractor_version) DO UPDATE SET claims = excluded.claims, "
        "created_at = excluded.created_at, seq = DEFAULT"
    )

    def _write_text(self, db: Any, sha: str, size: int, text: str) -> None:
        # One TEXT value whatever its size (SQLite's chunked BLOB writes are SQLite's own).
        db.execute(
            "INSERT INTO texts (sha256, size, chars, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (sha, size, len(text), text),
        )

    def __init__(self, url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.url = url
        self.path = self.location = redact(url)  # type: ignore[assignment]
        settings: dict[str, Any] = {"autocommit": True, "application_name": "attribtrack"}
        if "connect_timeout" not in url and "PGCONNECT_TIMEOUT" not in os.environ:
            settings["connect_timeout"] = 10  # an unreachable host fails in seconds, not minutes
        try:
            conn = psycopg.connect(url, **settings)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the store {self.location}: {_one_line(exc, url)}") from None
        except Exception as exc:  # a URL libpq cannot parse
            raise StoreError(f"bad store URL {self.location}: {_one_line(exc, url)}") from None
        self._db = _Connection(conn)  # type: ignore[assignment]
        try:
            # A writer waiting longer than this for another's lock gives up: "store is busy".
            conn.execute(f"SET lock_timeout = {int(busy_timeout * 1000)}")
        except psycopg.Error as exc:
            conn.close()
            raise self._translate(exc) from None

    def close(self) -> None:
        self._db.conn.close()  # type: ignore[attr-defined]

    def _translate(self, exc: Exception) -> StoreError:
        message = _one_line(str(exc), self.url)
        if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.DeadlockDetected):
            return StoreBusy(
                "store is busy", hint=f"another attribtrack is writing to {self.location}; try again"
            )
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"lost the connection to the store {self.location}: {message}")
        return StoreError(f"store {self.location}: {message}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._db.conn.transaction():  # type: ignore[attr-defined]
            yield self._db

    def _integrity(self) -> list[str]:
        # PostgreSQL checks its own pages (checksums, WAL); amcheck is an extension a store
        # cannot count on, so the check is of what attribtrack wrote.
        return []

    def _schema_problems(self) -> list[str]:
        known = [m.__name__ for m in MIGRATIONS]
        applied = self._applied() or set()
        problems = [f"migration {name} is not applied" for name in known if name not in applied]
        return problems + [
            f"migration {name} is unknown to this attribtrack" for name in sorted(applied - set(known))
        ]

    _TIEBREAK = "seq"

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[Any]:
        """A read-only REPEATABLE READ transaction: one consistent state for every read in it."""
        with self._db.conn.transaction():  # type: ignore[attr-defined]
            self._db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield self._db

    def _lock_document(self, db: Any, doc_id: str) -> None:
        db.execute(
            "SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || '/' || ?))",
            (_DOCUMENT_LOCK, doc_id),
        )

    def _applied(self) -> set[str] | None:
        """Names of the applied migrations; None when the schema has no ``_migrations`` table."""
        if self._db.execute("SELECT to_regclass('_migrations')").fetchone()[0] is None:
            return None
        return {r[0] for r in self._db.execute("SELECT name FROM _migrations")}

    def _migrate(self, create: bool = True) -> None:  # type: ignore[override]
        try:
            self._migrate_locked(create)
        except psycopg.Error as exc:
            raise self._translate(exc) from None

    def _migrate_locked(self, create: bool) -> None:
        known = [m.__name__ for m in MIGRATIONS]
        applied = self._applied()
        if applied is not None and set(known) == applied:
            return
        if applied is not None and applied - set(known):
            raise self._newer()
        if applied is None and not create:
            raise NotFoundError(f"no attribtrack store at {self.location}", hint="run `attribtrack init`")
        # A session lock taken before the transaction, not a transaction lock inside it: the
        # transaction must start after the wait, or its catalog lookups could still miss the
        # tables that the process we waited for has just created.
        self._db.execute("SELECT pg_advisory_lock(?, hashtext(current_schema()))", (_MIGRATION_LOCK,))
        try:
            self._migrate_under_lock(known)
        finally:
            self._db.execute("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", (_MIGRATION_LOCK,))

    def _migrate_under_lock(self, known: list[str]) -> None:
        with self._transaction() as db:
            applied = self._applied()  # another process may have migrated while we waited
            if applied is None:
                found = [t for t in _OUR_TABLES if db.execute("SELECT to_regclass(?)", (t,)).fetchone()[0]]
                if found:
                    raise StoreError(
                        f"{self.location} has tables named like attribtrack's ({', '.join(found)}) "
                        "but is not an attribtrack store"
                    )
                db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                applied = set()
            if applied - set(known):
                raise self._newer()
            for migration in MIGRATIONS:
                if migration.__name__ not in applied:
                    migration(db.conn, POSTGRESQL)
                    db.execute("INSERT INTO _migrations VALUES (?, ?)", (migration.__name__, base._now()))

    def _newer(self) -> StoreError:
        return StoreError(
            f"{self.location} was written by a newer attribtrack (its schema is newer than this "
            "version knows)",
            hint="upgrade attribtrack",
        )


def open_postgres(url: str, *, create: bool = False, busy_timeout: float = BUSY_TIMEOUT) -> PostgresStore:
    store = PostgresStore(url, busy_timeout=busy_timeout)
    try:
        store._migrate(create)
    except BaseException:
        store.close()
        raise
    return store
