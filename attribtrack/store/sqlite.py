"""The SQLite backend: the embedded default, one file (``.attribtrack/attribtrack.db`` found upward).

Concurrency. WAL mode; every write is one ``BEGIN IMMEDIATE`` transaction, so a crash or a second
writer never leaves a half-written revision (SQLite has one writer at a time: revision numbers are
gapless because writers are serialised). A busy store is retried for ``busy_timeout`` seconds
(SQLite's busy handler), then :class:`StoreError` "store is busy".

Schema. ``PRAGMA user_version`` holds the count of applied migrations so an up-to-date store opens
without reading ``_migrations``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from attribtrack.errors import NotFoundError, StoreError, UsageError
from attribtrack.store import base
from attribtrack.store.base import (
    _FETCH_COLUMNS,
    _REV_COLUMNS,
    BUSY_TIMEOUT,
    KINDS,
    Store,
    _fetch_state,
    _hash,
    _info,
    _metadata,
    _parse_spec,
)
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

STORE_DIR = ".attribtrack"
STORE_FILE = "attribtrack.db"
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: The oldest schema (count of migrations) every read query works on: a read-only store at least
#: this new is read as it is; the migrations after it only add what writing needs.
READABLE_FROM = 4


# --- errors ----------------------------------------------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])


# A text over this size is written through SQLite's incremental blob I/O, a chunk at a time, and
# is stored as a BLOB of its UTF-8 bytes (read back as text by _as_text). Bound as one TEXT
# value, SQLite keeps two copies of it while inserting (the bound value and the record built from
# it): three 50 MB copies in memory for a 50 MB article, on top of the text itself.
_BLOB_OVER = 1 << 20
_CHUNK = 1 << 20


def _write_text(db: sqlite3.Connection, sha: str, size: int, text: str) -> None:
    """Store ``text`` (``size`` bytes in UTF-8) under ``sha`` unless it is stored already."""
    if size <= _BLOB_OVER:
        db.execute(
            "INSERT INTO texts (sha256, size, chars, text) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (sha, size, len(text), text),
        )
        return
    cursor = db.execute(
        "INSERT INTO texts (sha256, size, chars, text) VALUES (?, ?, ?, zeroblob(?)) ON CONFLICT DO NOTHING",
        (sha, size, len(text), size),
    )
    if cursor.rowcount != 1 or cursor.lastrowid is None:
        return  # stored already (content addressing: the same text is the same bytes)
    with db.blobopen("texts", "text", cursor.lastrowid) as blob:
        for start in range(0, len(text), _CHUNK):
            blob.write(text[start : start + _CHUNK].encode("utf-8"))


def _as_text(value: str | bytes) -> str:
    """A stored text: TEXT as it is, a large text's BLOB decoded from UTF-8."""
    return value if isinstance(value, str) else bytes(value).decode("utf-8")


def _tampered(value: object, sha: str, size: int, chars: int) -> str | None:
    """Why a stored text value is not the text ``sha`` names (None: it is). Hashing a 50 MB text
    costs ~0.1 s, so every read checks: a store that was edited or damaged behind attribtrack's
    back must never serve its bytes as the stored revision."""
    if not isinstance(value, str | bytes | memoryview):
        return f"is not text (a {type(value).__name__})"
    try:
        text = _as_text(value)  # type: ignore[arg-type]
    except UnicodeDecodeError:
        return "is not valid UTF-8"
    got_sha, got_size = _hash(text)
    if got_sha != sha:
        return "does not match its sha256"
    if (got_size, len(text)) != (size, chars):
        recorded = f"recorded as {size}, {chars}"
        return f"does not match its recorded size ({got_size} bytes, {len(text)} chars {recorded})"
    return None


def _checked_text(value: object, sha: str, size: int, chars: int, what: str) -> str:
    problem = _tampered(value, sha, size, chars)
    if problem is not None:
        raise StoreError(
            f"the stored text of {what} {problem}: the store was changed outside attribtrack or is damaged",
            hint="`attribtrack store check` lists every problem",
        )
    return _as_text(value)  # type: ignore[arg-type]


def _translate(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreBusy(
            "store is busy", hint=f"another attribtrack is writing to {path}; try again in a moment"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(f"{path} is corrupt or not an attribtrack store ({exc})")
    if "readonly" in text or "unable to open" in text or "disk i/o" in text or "full" in text:
        return StoreError(f"cannot write the store {path} ({exc})")
    return StoreError(f"store {path}: {exc}")


def _guarded(method: F) -> F:
    """Turn SQLite errors raised by a Store method into one StoreError (exit 4)."""

    @functools.wraps(method)
    def wrapper(self: SQLiteStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except self._errors as exc:
            raise self._translate(exc) from exc

    return wrapper  # type: ignore[return-value]


# --- locating and opening --------------------------------------------------------------------


def find_store(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The database of the nearest ``.attribtrack/`` directory at or above ``start`` (default: cwd)."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / STORE_DIR).is_dir():
            return directory / STORE_DIR / STORE_FILE
    return None


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    create: bool = False,
    start: str | os.PathLike[str] | None = None,
    busy_timeout: float = BUSY_TIMEOUT,
    _default_dir: bool = False,
) -> SQLiteStore:
    """Open (and migrate) the store.

    ``path``: the database file (``--store``); None discovers ``.attribtrack/`` upward from
    ``start`` (default: cwd). ``create``: make a missing store (in ``start``/cwd when none is found
    upward); otherwise a missing store raises :class:`NotFoundError` (exit 3).
    Raises :class:`StoreError` (exit 4) for a corrupt file or a store from a newer attribtrack.
    """
    if path is not None:
        db_path = Path(path)
        default_dir = _default_dir
    else:
        default_dir = True
        found = find_store(start)
        if found is None and not create:
            raise NotFoundError(
                "no attribtrack store here or in any parent directory",
                hint="run `attribtrack init` or `attribtrack ingest`, or pass --store FILE",
            )
        db_path = found or Path(start if start is not None else os.getcwd()) / STORE_DIR / STORE_FILE
    if db_path.is_dir():
        raise StoreError(f"store {db_path} is a directory, not a database file")
    exists = db_path.exists()
    if not exists and not create:
        raise NotFoundError(f"no attribtrack store at {db_path}", hint="run `attribtrack init`")
    if exists:
        _check_header(db_path)
    else:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            if default_dir and not (db_path.parent / ".gitignore").exists():
                # .attribtrack/ holds a local database: keep it out of the project's git history.
                (db_path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot create the store {db_path} ({exc.strerror or exc})") from exc
    store = SQLiteStore(db_path, busy_timeout=busy_timeout, create=create)
    try:
        store._migrate()
    except _ReadOnly:
        store.close()
        return _open_read_only(db_path, busy_timeout)
    except BaseException:
        store.close()
        raise
    return store


class _ReadOnly(Exception):
    """The store can be read but not written here (not an sqlite3.Error: _guarded lets it pass)."""


def _read_only_error(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _open_read_only(path: Path, busy_timeout: float) -> SQLiteStore:
    """Open a store this process may read but not write (a read-only file, directory or file
    system): reading never needs to write, so ``log``, ``show``, ``claims``, ``diff`` and
    ``blame`` work and any write fails with "cannot write the store" (the claims cache is then
    simply not filled).

    First SQLite's ``mode=ro``, which still shares the ``-shm`` lock file with writers, so a
    concurrent ingest is seen consistently. When even the ``-shm`` cannot be made (the directory
    is read-only and no writer has one open), ``immutable=1``: SQLite then reads the file
    without locks, which is right for read-only media; a writer with more rights than this
    process starting mid-read is the one case it cannot see, and every text read is still
    checked against its sha256."""
    for immutable in (False, True):
        store = SQLiteStore(path, busy_timeout=busy_timeout, readonly=True, immutable=immutable)
        try:
            store._migrate()
        except _ReadOnly:
            store.close()
            continue
        except BaseException:
            store.close()
            raise
        return store
    raise StoreError(f"cannot read the store {path} (SQLite cannot open it read-only)")


def init_store(
    path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] | None = None
) -> tuple[Path, bool]:
    """Create a store: ``path``, or ``.attribtrack/attribtrack.db`` in ``start`` (default: cwd) --
    never one found upward, as ``git init`` makes a repository here. Returns (path, created).

    """
    db_path = (
        Path(path)
        if path is not None
        else Path(start if start is not None else os.getcwd()) / STORE_DIR / STORE_FILE
    )
    existed = db_path.exists()
    open_store(db_path, create=True, _default_dir=path is None).close()
    return db_path, not existed


_NOT_FILES = (
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)  # fmt: skip


def _check_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _NOT_FILES if test(mode)), "not a file")
        raise StoreError(f"store {path} is not a regular file ({kind}), not a database file")


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite tries to use it (it would say so lazily).

    Only a regular file is opened, and non-blocking: ``--store`` naming a FIFO waited for a
    writer forever (as an input file once did). No size cap here, unlike inputs: a store grows
    past any cap an input has, and SQLite reads pages of it, never the whole file."""
    try:
        _check_regular(path, os.stat(path).st_mode)  # a device is never opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            _check_regular(path, os.fstat(fh.fileno()).st_mode)  # nor a FIFO swapped in meanwhile
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the store {path} ({exc.strerror or exc})") from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path} is corrupt or not an attribtrack store (file is not a database)")


# Claims in the latest cached extraction of a revision's text (the cache holds claims/1 JSON).
_CLAIM_COUNT = (
    "SELECT CASE WHEN json_valid(c.claims) THEN json_array_length(c.claims, '$.claims') END "
    "FROM claims_cache c WHERE c.sha256 = r.sha256 ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1"
)


def _cache_entry_problem(raw: object, sha: str) -> str | None:
    """Why a claims-cache entry is not ``claims/1`` JSON of the text ``sha`` (None: it is)."""
    from pydantic import ValidationError

    from attribtrack.models import Claims

    try:
        claims = Claims.model_validate_json(str(raw))
    except (ValidationError, ValueError):
        return "is not valid claims/1 JSON"
    if claims.document.sha256 != sha:
        return f"holds the claims of another text ({claims.document.sha256})"
    return None


# --- the store -------------------------------------------------------------------------------


class SQLiteStore(Store):
    """An open SQLite store. Use :func:`attribtrack.store.open_store`; close it (or use ``with``)."""

    # The queries are written once, in SQL both backends speak (ON CONFLICT upserts, ``?``
    # parameters, which the PostgreSQL backend turns into ``%s``); what differs is here.
    _errors: tuple[type[Exception], ...] = (sqlite3.Error,)
    _CLAIM_COUNT = _CLAIM_COUNT
    # INSERT OR REPLACE gives the entry a new rowid: the newest entry wins a created_at tie.
    _PUT_CLAIMS = (
        "INSERT OR REPLACE INTO claims_cache (sha256, extractor_version, claims, created_at) "
        "VALUES (?, ?, ?, ?)"
    )

    def _translate(self, exc: Exception) -> StoreError:
        return _translate(self.path, exc)  # type: ignore[arg-type]

    #: What breaks a created_at tie in claims_cache (the newer entry is the larger).
    _TIEBREAK = "rowid"

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[Any]:
        """A read transaction: every read in it sees the same state of the store (WAL)."""
        self._db.execute("BEGIN")
        try:
            yield self._db
        finally:
            self._db.execute("COMMIT")

    def _lock_document(self, db: Any, doc_id: str) -> None:
        """Nothing to do: BEGIN IMMEDIATE already serialises every writer of the file."""

    #: Opened read-only (the store could not be written by this process): see _open_read_only.
    readonly = False

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        create: bool = False,
        readonly: bool = False,
        immutable: bool = False,
    ) -> None:
        self.path = path
        self.location = str(path)
        self.readonly = readonly
        self._immutable = immutable
        self._create = create
        mode = "ro" if readonly else "rwc" if create else "rw"
        uri = f"{path.resolve().as_uri()}?mode={mode}{'&immutable=1' if immutable else ''}"
        try:
            # isolation_level=None: no implicit transactions; each write says BEGIN IMMEDIATE itself.
            self._db = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise _translate(path, exc) from exc

    # -- lifecycle

    def close(self) -> None:
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock up front (or waits for it),
        so two writers never interleave and a failure rolls everything back.

        The error that stopped the transaction is the one raised. SQLite rolls a transaction back
        by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM): an unconditional
        ROLLBACK would then fail with "cannot rollback - no transaction is active" and hide the
        real cause (a full disk)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already; never raises (the caller is
        raising the error that matters)."""
        if self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    @_guarded
    def _migrate(self) -> None:
        db = self._db
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version > len(MIGRATIONS):
                raise self._newer()
            if self.readonly:
                if version < READABLE_FROM:
                    raise StoreError(
                        f"the store {self.path} is read-only here and was written by an older "
                        "attribtrack: it must be upgraded, which writes to it",
                        hint="run any attribtrack command once with write access to it",
                    )
                return  # a newer migration a read never needs is applied by the next writer
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            # A read-only file or directory: SQLite cannot open the WAL's -shm, or switch modes.
            if self._create or self._immutable or not _read_only_error(exc):
                raise
            raise _ReadOnly from exc
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across crashes of the process
        if version == len(MIGRATIONS):
            return
        try:
            self._apply_migrations()
        except sqlite3.OperationalError as exc:
            # A file SQLite opened read-only behind mode=rw (its permissions): reads still work.
            if self._create or version < READABLE_FROM or not _read_only_error(exc):
                raise
            raise _ReadOnly from exc

    def _apply_migrations(self) -> None:
        db = self._db
        with self._transaction():
            (version,) = db.execute("PRAGMA user_version").fetchone()  # another process may have won
            if version == len(MIGRATIONS):
                return
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "_migrations" not in tables:
                if tables:
                    raise StoreError(f"{self.path} is an SQLite database but not an attribtrack store")
                db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            applied = {r[0] for r in db.execute("SELECT name FROM _migrations")}
            known = [m.__name__ for m in MIGRATIONS]
            if applied - set(known):
                raise self._newer()
            for migration in MIGRATIONS:
                if migration.__name__ not in applied:
                    migration(db, "sqlite")
                    db.execute("INSERT INTO _migrations VALUES (?, ?)", (migration.__name__, base._now()))
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    def _newer(self) -> StoreError:
        return StoreError(
            f"{self.path} was written by a newer attribtrack (its schema is newer than this version knows)",
            hint="upgrade attribtrack",
        )

    # -- writing

    def _write_text(self, db: Any, sha: str, size: int, text: str) -> None:
        _write_text(db, sha, size, text)

    @_guarded
    def ingest(
        self,
        text: str,
        *,
        doc_id: str,
        kind: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
        url: str | None = None,
        published: str | None = None,
        speaker: str | None = None,
        channel: str | None = None,
        metadata: dict[str, str] | None = None,
        origin: str | None = None,
        same_origin: bool = False,
    ) -> IngestResult:
        """Add ``text`` as the next revision of ``doc_id`` (creating the document), in one transaction.

        If the document's latest revision has exactly this text nothing is added
        (``created=False``): re-ingesting is idempotent. A text equal to an older revision only (a
        revert, A -> B -> A) is a new revision, sharing that revision's stored text: the latest
        revision is always what was last published. Document fields given here (not None)
        update the document; ``title``, ``published`` and ``metadata`` also belong to the revision.

        ``origin``: where the text came from (``git:PATH`` for a file in a git work tree, else
        its real path; a URL), recorded when the document is created (or has none yet).
        ``same_origin``: the id was derived from that name, not chosen -- a document with another
        origin is then refused (:class:`OriginConflict`, exit 2), in the same transaction, so two
        stories whose names slugify alike never become one. Origins compare as
        :func:`attribtrack.store.base.same_origin` says (an older store's absolute path matches
        the ``git:PATH`` it ends with, and is replaced by it).
        """
        if kind is not None and kind not in KINDS:
            raise UsageError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
        sha, size = _hash(text)
        now = base._now()
        described = {"kind": kind, "outlet": outlet, "title": title, "url": url, "speaker": speaker,
                     "channel": channel}  # fmt: skip
        with self._transaction() as db:
            self._lock_document(db, doc_id)
            found = db.execute("SELECT origin FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if found is None:
                db.execute(
                    "INSERT INTO documents (id, kind, outlet, title, url, speaker, channel, created_at, "
                    "origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, kind or "article", outlet, title, url, speaker, channel, now, origin),
                )
            else:
                (known,) = found
                if origin is not None and known is not None and known != origin:
                    same, recorded = base.same_origin(known, origin)
                    if same_origin and not same:
                        raise OriginConflict(doc_id, known)
                    if recorded != known:  # an absolute path of an older store becomes git:PATH
                        described["origin"] = recorded
                if known is None and origin is not None:
                    described["origin"] = origin
                changes = {k: v for k, v in described.items() if v is not None}
                if changes:
                    assignments = ", ".join(f"{k} = ?" for k in changes)  # keys are ours, not input
                    db.execute(
                        f"UPDATE documents SET {assignments} WHERE id = ?", (*changes.values(), doc_id)
                    )
            latest = db.execute(
                "SELECT number, sha256 FROM revisions WHERE document = ? ORDER BY number DESC LIMIT 1",
                (doc_id,),
            ).fetchone()
            if latest is not None and latest[1] == sha:
                return IngestResult(doc_id, latest[0], sha, size, created=False)
            self._write_text(db, sha, size, text)
            number = 1 if latest is None else latest[0] + 1
            db.execute(
                "INSERT INTO revisions (document, number, sha256, ingested_at, published_at, title, "
                "metadata) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, number, sha, now, published, title, json.dumps(metadata or {}, sort_keys=True)),
            )
        return IngestResult(doc_id, number, sha, size, created=True)

    # -- reading

    @_guarded
    def document(self, doc_id: str) -> DocumentInfo:
        """The document ``doc_id``; :class:`NotFoundError` (exit 3) if there is none."""
        row = self._db.execute(
            "SELECT id, kind, outlet, title, url, speaker, channel, created_at FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"unknown document {doc_id!r}")
        return DocumentInfo(*row)

    @_guarded
    def has_document(self, doc_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    @_guarded
    def documents(self, kind: str | None = None) -> list[DocumentInfo]:
        """Every document (of ``kind``, if given), sorted by id."""
        sql = "SELECT id, kind, outlet, title, url, speaker, channel, created_at FROM documents"
        rows = self._db.execute(
            sql + (" WHERE kind = ?" if kind else "") + " ORDER BY id", (kind,) if kind else ()
        )
        return [DocumentInfo(*row) for row in rows]

    @_guarded
    def revisions(self, doc_id: str) -> list[RevisionInfo]:
        """The revisions of ``doc_id``, oldest first, without their texts, with their cached claim
        counts. Unknown id: NotFoundError."""
        rows = self._db.execute(
            f"SELECT {_REV_COLUMNS}, ({self._CLAIM_COUNT}) FROM revisions r JOIN texts t USING (sha256) "
            "WHERE r.document = ? ORDER BY r.number",
            (doc_id,),
        ).fetchall()
        if not rows:
            self.document(doc_id)  # raises for an unknown document
        return [RevisionInfo(*row[:8], _metadata(row[8]), row[9]) for row in rows]

    @_guarded
    def revision(self, doc_id: str, spec: int | str | None = None) -> StoredRevision:
        """One revision with its text. ``spec``: None/"" /"latest" = the latest; ``N`` (int or "N")
        = revision N; ``-N`` = N before the latest. Unknown document or revision: NotFoundError."""
        offset, number = _parse_spec(doc_id, spec)
        base = (
            f"SELECT {_REV_COLUMNS}, t.text FROM revisions r JOIN texts t USING (sha256) WHERE r.document = ?"
        )
        if number is not None:
            row = self._db.execute(base + " AND r.number = ?", (doc_id, number)).fetchone()
        else:
            row = self._db.execute(
                base + " ORDER BY r.number DESC LIMIT 1 OFFSET ?", (doc_id, offset)
            ).fetchone()
        if row is None:
            count = self._db.execute(
                "SELECT count(*) FROM revisions WHERE document = ?", (doc_id,)
            ).fetchone()[0]
            if count == 0:
                self.document(doc_id)
                raise NotFoundError(f"document {doc_id!r} has no revisions")
            raise NotFoundError(
                f"document {doc_id!r} has no revision {spec}",
                hint=f"its revisions are 1-{count}" if count > 1 else "it has one revision, 1",
            )
        text = _checked_text(row[9], row[2], row[6], row[7], f"{row[0]}@{row[1]}")
        return StoredRevision(*row[:8], _metadata(row[8]), text)

    @_guarded
    def text(self, sha256: str) -> str:
        """A stored text by its sha256; NotFoundError if no revision has it."""
        row = self._db.execute("SELECT text, size, chars FROM texts WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise NotFoundError(f"no stored text with sha256 {sha256}")
        return _checked_text(row[0], sha256, row[1], row[2], f"sha256 {sha256[:12]}")

    @_guarded
    def with_text(self, sha256: str) -> list[RevisionInfo]:
        """Every revision (of any document) whose text has this sha256."""
        rows = self._db.execute(
            f"SELECT {_REV_COLUMNS} FROM revisions r JOIN texts t USING (sha256) "
            "WHERE r.sha256 = ? ORDER BY r.document, r.number",
            (sha256,),
        )
        return [_info(row) for row in rows]

    # -- checking the whole store

    def _integrity(self) -> list[str]:
        """What the database engine finds wrong with its own pages and indexes."""
        rows = [str(r[0]) for r in self._db.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else [f"database integrity: {r}" for r in rows]

    def _schema_problems(self) -> list[str]:
        known = [m.__name__ for m in MIGRATIONS]
        applied = {r[0] for r in self._db.execute("SELECT name FROM _migrations")}
        problems = [f"migration {name} is not applied" for name in known if name not in applied]
        problems += [
            f"migration {name} is unknown to this attribtrack" for name in sorted(applied - set(known))
        ]
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version != len(applied):
            problems.append(f"PRAGMA user_version is {version}, but {len(applied)} migrations are recorded")
        return problems

    @_guarded
    def check(self, extractor_version: str | None = None) -> tuple[list[str], dict[str, int]]:
        """Check the whole store: the engine's integrity, the migrations, every text against its
        sha256, size and length, revisions against documents and texts (numbered 1..N), recorded
        changes against revisions, and claims-cache entries against texts (and, for
        ``extractor_version``, against the ``claims/1`` schema). Returns (problems, counts): one
        line per problem, none when all is well. Reads one text at a time."""
        db = self._db
        problems = self._integrity()
        problems += self._schema_problems()
        counts = {"documents": 0, "revisions": 0, "texts": 0, "bytes": 0, "cache entries": 0}
        users: dict[str, list[str]] = {}
        for document, number, sha in db.execute(
            "SELECT document, number, sha256 FROM revisions ORDER BY document, number"
        ).fetchall():
            users.setdefault(sha, []).append(f"{document}@{number}")
        for (sha,) in db.execute("SELECT sha256 FROM texts ORDER BY sha256").fetchall():
            value, size, chars = db.execute(
                "SELECT text, size, chars FROM texts WHERE sha256 = ?", (sha,)
            ).fetchone()
            counts["texts"] += 1
            counts["bytes"] += int(size)
            problem = _tampered(value, sha, int(size), int(chars))
            del value
            if problem is not None:
                refs = users.get(sha)
                where = f" (revisions {', '.join(refs)})" if refs else " (no revision uses it)"
                problems.append(f"text {sha} {problem}{where}")
        for (document,) in db.execute(
            "SELECT r.document FROM revisions r LEFT JOIN documents d ON d.id = r.document "
            "WHERE d.id IS NULL GROUP BY r.document ORDER BY r.document"
        ).fetchall():
            problems.append(f"revisions of {document!r} name a document the store does not have")
        for document, number, sha in db.execute(
            "SELECT r.document, r.number, r.sha256 FROM revisions r LEFT JOIN texts t USING (sha256) "
            "WHERE t.sha256 IS NULL ORDER BY r.document, r.number"
        ).fetchall():
            problems.append(f"revision {document}@{number} has no stored text (sha256 {sha})")
        for document, n, low, high in db.execute(
            "SELECT d.id, count(r.number), min(r.number), max(r.number) FROM documents d "
            "LEFT JOIN revisions r ON r.document = d.id GROUP BY d.id ORDER BY d.id"
        ).fetchall():
            counts["documents"] += 1
            counts["revisions"] += int(n)
            if n == 0:
                problems.append(f"document {document!r} has no revisions")
            elif (low, high) != (1, n):
                problems.append(f"document {document!r} has {n} revisions numbered {low}-{high}, not 1-{n}")
        for document, old, new in db.execute(
            "SELECT p.document, p.from_revision, p.to_revision FROM compared_pairs p WHERE NOT EXISTS "
            "(SELECT 1 FROM revisions r WHERE r.document = p.document AND r.number = p.from_revision) "
            "OR NOT EXISTS (SELECT 1 FROM revisions r WHERE r.document = p.document "
            "AND r.number = p.to_revision) ORDER BY p.document, p.from_revision, p.to_revision"
        ).fetchall():
            problems.append(
                f"recorded changes {document}@{old}..{new} name a revision the store does not have"
            )
        problems += self._cache_problems(extractor_version, counts)
        return problems, counts

    def _cache_problems(self, extractor_version: str | None, counts: dict[str, int]) -> list[str]:
        problems = []
        rows = self._db.execute(
            "SELECT c.sha256, c.extractor_version, t.sha256 IS NOT NULL FROM claims_cache c "
            "LEFT JOIN texts t USING (sha256) ORDER BY c.sha256, c.extractor_version"
        ).fetchall()
        for sha, version, stored in rows:
            counts["cache entries"] += 1
            what = f"claims cache entry {sha} (extractor {version})"
            if not stored:
                problems.append(f"{what} has no stored text")
            elif version == extractor_version:
                (raw,) = self._db.execute(
                    "SELECT claims FROM claims_cache WHERE sha256 = ? AND extractor_version = ?",
                    (sha, version),
                ).fetchone()
                problem = _cache_entry_problem(raw, sha)
                if problem is not None:
                    problems.append(f"{what} {problem} (the next read recomputes it)")
        return problems

    # -- extraction cache (keyed by the text, not the document: identical texts share claims)

    @_guarded
    def cached_claims(self, sha256: str, extractor_version: str) -> str | None:
        """The claims JSON cached for this text and extractor version, or None."""
        row = self._db.execute(
            "SELECT claims FROM claims_cache WHERE sha256 = ? AND extractor_version = ?",
            (sha256, extractor_version),
        ).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def put_claims(self, sha256: str, extractor_version: str, claims_json: str) -> bool:
        """Cache ``claims_json`` for this text and extractor version (replacing any earlier entry).

        False when the store cannot be written (read-only, full, busy): the cache is a cache, and
        a read command (``claims``, ``diff``, ``blame``) must never fail because it could not
        remember what it computed."""
        try:
            with self._transaction() as db:
                db.execute(self._PUT_CLAIMS, (sha256, extractor_version, claims_json, base._now()))
        except self._errors:
            return False
        return True

    # -- watch: per-URL fetch state

    @_guarded
    def fetch_state(self, url: str) -> FetchState | None:
        """What is known of ``url``, or None if it was never seen."""
        row = self._db.execute(f"SELECT {_FETCH_COLUMNS} FROM fetch_state WHERE url = ?", (url,)).fetchone()
        return None if row is None else _fetch_state(row)

    @_guarded
    def fetch_states(self, *, due: str | None = None, kind: str | None = None) -> list[FetchState]:
        """Every known URL (of ``kind``), by URL; with ``due`` (an ISO time) only those whose next
        check is at or before it."""
        where, args = [], []
        if due is not None:
            where.append("next_check IS NOT NULL AND next_check <= ?")
            args.append(due)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        sql = f"SELECT {_FETCH_COLUMNS} FROM fetch_state"
        sql += (" WHERE " + " AND ".join(where)) if where else ""
        return [_fetch_state(row) for row in self._db.execute(sql + " ORDER BY url", args)]

    @_guarded
    def put_fetch_state(self, state: FetchState) -> None:
        """Insert or replace what is known of ``state.url`` (one transaction)."""
        values = (*state[:-1], json.dumps(state.settings, sort_keys=True))
        with self._transaction() as db:
            db.execute(
                f"INSERT INTO fetch_state ({_FETCH_COLUMNS}) "
                f"VALUES ({', '.join('?' * len(FetchState._fields))}) ON CONFLICT (url) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in FetchState._fields[1:]),
                values,
            )

    # -- change events

    @_guarded
    def is_compared(self, doc_id: str, from_revision: int, to_revision: int) -> bool:
        """Whether the changes between these two revisions have been recorded."""
        return (
            self._db.execute(
                "SELECT 1 FROM compared_pairs WHERE document = ? AND from_revision = ? AND to_revision = ?",
                (doc_id, from_revision, to_revision),
            ).fetchone()
            is not None
        )

    @_guarded
    def record_changes(
        self, doc_id: str, from_revision: int, to_revision: int, events: list[ChangeEvent]
    ) -> bool:
        """Record the attribution changes between two revisions of ``doc_id``, in one transaction,
        once per pair: False (nothing written) if the pair was already recorded."""
        now = base._now()
        with self._transaction() as db:
            inserted = db.execute(
                "INSERT INTO compared_pairs (document, from_revision, to_revision, compared_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (doc_id, from_revision, to_revision, now),
            ).rowcount
            if not inserted:
                return False
            db.executemany(
                "INSERT INTO change_events (document, from_revision, to_revision, seq, type, old_claim, "
                "new_claim, detail, data, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, from_revision, to_revision, seq, e.type, e.old_claim, e.new_claim, e.detail,
                     json.dumps(e.data, sort_keys=True), now)
                    for seq, e in enumerate(events, 1)
                ],
            )  # fmt: skip
        return True

    @_guarded
    def changes(
        self,
        doc_id: str | None = None,
        *,
        since: str | None = None,
        types: tuple[str, ...] | list[str] | None = None,
        outlet: str | None = None,
        limit: int | None = None,
    ) -> list[ChangeRecord]:
        """Recorded change events, oldest first (detected_at, then document and revisions).
        ``since``: an ISO date or time (events detected at or after it); ``types``: change types;
        ``outlet``: the document's outlet (case-insensitive); ``limit``: the newest N only."""
        where, args = [], []
        if doc_id is not None:
            where.append("e.document = ?")
            args.append(doc_id)
        if since is not None:
            where.append("e.detected_at >= ?")
            args.append(since)
        if types:
            where.append(f"e.type IN ({', '.join('?' * len(types))})")
            args.extend(types)
        if outlet is not None:
            where.append("lower(d.outlet) = lower(?)")
            args.append(outlet)
        sql = (
            "SELECT e.document, e.from_revision, e.to_revision, e.seq, e.type, e.old_claim, e.new_claim, "
            "e.detail, e.data, e.detected_at, d.outlet, d.title FROM change_events e "
            "LEFT JOIN documents d ON d.id = e.document"
        )
        sql += (" WHERE " + " AND ".join(where)) if where else ""
        order = "e.detected_at, e.document, e.from_revision, e.to_revision, e.seq"
        if limit is not None:
            newest = ", ".join(f"{column} DESC" for column in order.split(", "))
            sql = f"SELECT * FROM ({sql} ORDER BY {newest} LIMIT ?) AS newest"
            args.append(limit)
            rows = self._db.execute(
                sql + " ORDER BY detected_at, document, from_revision, to_revision, seq", args
            ).fetchall()
        else:
            rows = self._db.execute(f"{sql} ORDER BY {order}", args).fetchall()
        return [ChangeRecord(*row[:8], _metadata(row[8]), *row[9:]) for row in rows]
