"""The store: versioned, content-addressed documents in an embedded SQLite database.

This is the only module that writes SQL. Everything else asks it for documents and revisions::

    with open_store(create=True) as store:          # .attribtrack/attribtrack.db, found upward
        result = store.ingest(text, doc_id="crocus", title="crocus mall")
        result.number, result.created                # 1, True (False: same text already stored)
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

import contextlib
import functools
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from attribtrack.errors import NotFoundError, StoreError, UsageError

__all__ = [
    "MIGRATIONS",
    "STORE_DIR",
    "STORE_FILE",
    "DocumentInfo",
    "IngestResult",
    "RevisionInfo",
    "Store",
    "StoredRevision",
    "find_store",
    "init_store",
    "open_store",
]

STORE_DIR = ".attribtrack"
STORE_FILE = "attribtrack.db"
#: Seconds a write waits for another writer before giving up with "store is busy".
BUSY_TIMEOUT = 5.0
KINDS = ("article", "source")
_SQLITE_MAGIC = b"SQLite format 3\x00"

# --- migrations ------------------------------------------------------------------------------
# Append only: never edit or reorder a migration that has shipped. Each runs inside the
# transaction that records it, so a store is never half-migrated.


def m001_documents_and_revisions(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('article', 'source')),
            outlet TEXT, title TEXT, url TEXT, speaker TEXT, channel TEXT,
            created_at TEXT NOT NULL)"""
    )
    # Texts are content-addressed: the same text in two documents (or revisions) is stored once.
    # The text comes last so that reading size and chars never walks its overflow pages.
    db.execute(
        """CREATE TABLE texts (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            chars INTEGER NOT NULL,
            text TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE revisions (
            document TEXT NOT NULL REFERENCES documents(id),
            number INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES texts(sha256),
            ingested_at TEXT NOT NULL,
            published_at TEXT,
            title TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (document, number))"""
    )
    db.execute("CREATE INDEX revisions_by_sha ON revisions (sha256, document)")


def m002_claims_cache(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE claims_cache (
            sha256 TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            claims TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (sha256, extractor_version))"""
    )


#: The schema, in order. A store records the names it has applied.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    m001_documents_and_revisions,
    m002_claims_cache,
)

# --- records ---------------------------------------------------------------------------------


# NamedTuples rather than dataclasses: they are just as immutable and cost a tenth of the class
# creation time at import, which `log` (budget: 100 ms for the whole process) notices.


class DocumentInfo(NamedTuple):
    """A stored document (identity and description; its texts are in its revisions)."""

    id: str
    kind: str
    outlet: str | None
    title: str | None
    url: str | None
    speaker: str | None
    channel: str | None
    created_at: str

    def model(self) -> Any:
        """This document as :class:`attribtrack.models.Document`."""
        from attribtrack.models import Document

        return Document(
            id=self.id, kind=self.kind, outlet=self.outlet, title=self.title, url=self.url,
            speaker=self.speaker, channel=self.channel,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class RevisionInfo(NamedTuple):
    """One revision without its text: what ``log`` lists.

    ``size`` is the text's length in UTF-8 bytes, ``chars`` in characters (span units);
    ``ingested_at`` is ISO 8601 UTC (``2026-01-02T03:04:05Z``); ``published_at`` as given.
    ``claims`` is the number of claims in the most recent cached extraction of this text (any
    extractor version; None when it was never extracted) -- filled in by :meth:`Store.revisions`.
    """

    document: str
    number: int
    sha256: str
    ingested_at: str
    published_at: str | None
    title: str | None
    size: int
    chars: int
    metadata: dict[str, str]
    claims: int | None = None

    @property
    def ref(self) -> str:
        """``DOC@N``: how to name this revision as a TARGET."""
        return f"{self.document}@{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class StoredRevision(NamedTuple):
    """A revision with its text (offsets in claims and findings index this text); the fields of
    :class:`RevisionInfo` and ``text``."""

    document: str
    number: int
    sha256: str
    ingested_at: str
    published_at: str | None
    title: str | None
    size: int
    chars: int
    metadata: dict[str, str]
    text: str

    @property
    def ref(self) -> str:
        return f"{self.document}@{self.number}"

    def info(self) -> RevisionInfo:
        """This revision without its text."""
        return RevisionInfo(*self[:9])

    def model(self) -> Any:
        """This revision as :class:`attribtrack.models.Revision`."""
        from datetime import datetime

        from attribtrack.models import Revision

        return Revision(
            document=self.document, number=self.number, sha256=self.sha256, text=self.text,
            ingested_at=datetime.fromisoformat(self.ingested_at), published_at=self.published_at,
            title=self.title, metadata=self.metadata,
        )  # fmt: skip


class IngestResult(NamedTuple):
    """What an ingest did. ``created`` is False when the document already had this exact text;
    ``number`` is then the existing revision with it."""

    document: str
    number: int
    sha256: str
    size: int
    created: bool

    @property
    def ref(self) -> str:
        return f"{self.document}@{self.number}"


# --- errors ----------------------------------------------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])


def _translate(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
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
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _translate(self.path, exc) from exc

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
) -> Store:
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
    store = Store(db_path, busy_timeout=busy_timeout, create=create)
    try:
        store._migrate()
    except BaseException:
        store.close()
        raise
    return store


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


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite tries to use it (it would say so lazily)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the store {path} ({exc.strerror or exc})") from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path} is corrupt or not an attribtrack store (file is not a database)")


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_REV_COLUMNS = (
    "r.document, r.number, r.sha256, r.ingested_at, r.published_at, r.title, t.size, t.chars, r.metadata"
)


def _hash(text: str, chunk: int = 1 << 20) -> tuple[str, int]:
    """sha256 and UTF-8 size of ``text``, encoded a chunk at a time (a 50 MB text never has a
    second 50 MB copy)."""
    import hashlib  # here, not at module level: `log` and `show` never hash

    digest, size = hashlib.sha256(), 0
    for start in range(0, len(text), chunk):
        data = text[start : start + chunk].encode("utf-8")
        digest.update(data)
        size += len(data)
    return digest.hexdigest(), size


def _metadata(raw: str) -> dict[str, str]:
    return {} if raw == "{}" else json.loads(raw)  # type: ignore[no-any-return]


# Claims in the latest cached extraction of a revision's text (the cache holds claims/1 JSON).
_CLAIM_COUNT = (
    "SELECT CASE WHEN json_valid(c.claims) THEN json_array_length(c.claims, '$.claims') END "
    "FROM claims_cache c WHERE c.sha256 = r.sha256 ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1"
)


def _info(row: tuple[Any, ...]) -> RevisionInfo:
    return RevisionInfo(*row[:8], _metadata(row[8]))


# --- the store -------------------------------------------------------------------------------


class Store:
    """An open attribtrack database. Use :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, path: Path, *, busy_timeout: float = BUSY_TIMEOUT, create: bool = False) -> None:
        self.path = path
        uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
        try:
            # isolation_level=None: no implicit transactions; each write says BEGIN IMMEDIATE itself.
            self._db = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise _translate(path, exc) from exc

    # -- lifecycle

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock up front (or waits for it),
        so two writers never interleave and a failure rolls everything back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    @_guarded
    def _migrate(self) -> None:
        db = self._db
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version > len(MIGRATIONS):
            raise self._newer()
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across crashes of the process
        if version == len(MIGRATIONS):
            return
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
                    migration(db)
                    db.execute("INSERT INTO _migrations VALUES (?, ?)", (migration.__name__, _now()))
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    def _newer(self) -> StoreError:
        return StoreError(
            f"{self.path} was written by a newer attribtrack (its schema is newer than this version knows)",
            hint="upgrade attribtrack",
        )

    # -- writing

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
    ) -> IngestResult:
        """Add ``text`` as the next revision of ``doc_id`` (creating the document), in one transaction.

        If the document already has a revision with exactly this text nothing is added
        (``created=False``): re-ingesting is idempotent. Document fields given here (not None)
        update the document; ``title``, ``published`` and ``metadata`` also belong to the revision.
        """
        if kind is not None and kind not in KINDS:
            raise UsageError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
        sha, size = _hash(text)
        now = _now()
        described = {"kind": kind, "outlet": outlet, "title": title, "url": url, "speaker": speaker,
                     "channel": channel}  # fmt: skip
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                db.execute(
                    "INSERT INTO documents (id, kind, outlet, title, url, speaker, channel, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, kind or "article", outlet, title, url, speaker, channel, now),
                )
            else:
                changes = {k: v for k, v in described.items() if v is not None}
                if changes:
                    assignments = ", ".join(f"{k} = ?" for k in changes)  # keys are ours, not input
                    db.execute(
                        f"UPDATE documents SET {assignments} WHERE id = ?", (*changes.values(), doc_id)
                    )
            same = db.execute(
                "SELECT min(number) FROM revisions WHERE sha256 = ? AND document = ?", (sha, doc_id)
            ).fetchone()[0]
            if same is not None:
                return IngestResult(doc_id, same, sha, size, created=False)
            db.execute(
                "INSERT OR IGNORE INTO texts (sha256, size, chars, text) VALUES (?, ?, ?, ?)",
                (sha, size, len(text), text),
            )
            (number,) = db.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE document = ?", (doc_id,)
            ).fetchone()
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
            f"SELECT {_REV_COLUMNS}, ({_CLAIM_COUNT}) FROM revisions r JOIN texts t USING (sha256) "
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
        return StoredRevision(*row[:8], _metadata(row[8]), row[9])

    @_guarded
    def text(self, sha256: str) -> str:
        """A stored text by its sha256; NotFoundError if no revision has it."""
        row = self._db.execute("SELECT text FROM texts WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise NotFoundError(f"no stored text with sha256 {sha256}")
        return str(row[0])

    @_guarded
    def with_text(self, sha256: str) -> list[RevisionInfo]:
        """Every revision (of any document) whose text has this sha256."""
        rows = self._db.execute(
            f"SELECT {_REV_COLUMNS} FROM revisions r JOIN texts t USING (sha256) "
            "WHERE r.sha256 = ? ORDER BY r.document, r.number",
            (sha256,),
        )
        return [_info(row) for row in rows]

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
    def put_claims(self, sha256: str, extractor_version: str, claims_json: str) -> None:
        """Cache ``claims_json`` for this text and extractor version (replacing any earlier entry)."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO claims_cache (sha256, extractor_version, claims, created_at) "
                "VALUES (?, ?, ?, ?)",
                (sha256, extractor_version, claims_json, _now()),
            )


def _parse_spec(doc_id: str, spec: int | str | None) -> tuple[int, int | None]:
    """(offset from the latest, absolute number or None)."""
    if spec is None or spec == "" or spec == "latest":
        return 0, None
    try:
        n = int(spec)
    except ValueError:
        raise NotFoundError(f"unknown revision {doc_id}@{spec}", hint="use DOC, DOC@N or DOC@-N") from None
    if n == 0 or (isinstance(spec, str) and spec.strip() != spec):
        raise NotFoundError(f"document {doc_id!r} has no revision {spec}", hint="revisions count from 1")
    return (-n, None) if n < 0 else (0, n)
