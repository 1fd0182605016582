"""The schema: ordered, named migrations shared by both backends.

Append only: never edit or reorder a migration that has shipped. Each runs inside the transaction
that records it (``_migrations``), so a store is never half-migrated; PostgreSQL's DDL is
transactional too. A migration is a function ``(db, dialect)``: ``db`` has ``execute(sql)`` (an
``sqlite3.Connection`` or a ``psycopg.Connection``), ``dialect`` is ``"sqlite"`` or
``"postgresql"``. The DDL is written once, in the common subset; :func:`ddl` adapts it:

* PostgreSQL compares text by the database's collation, which may not be byte order (en_US
  ignores punctuation, so '2026-01-02' and '2026-01-02T00:00:00Z' would not sort as in SQLite):
  every ``TEXT`` column is ``COLLATE "C"`` there, so ids, times and URLs sort and compare the same
  on both backends.
* Anything else that differs is spelled out in the migration, under ``if dialect == ...``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def ddl(sql: str, dialect: str) -> str:
    """``sql`` (common-subset DDL) for ``dialect``."""
    if dialect == POSTGRESQL:
        return sql.replace(" TEXT", ' TEXT COLLATE "C"')
    return sql


def m001_documents_and_revisions(db: Any, dialect: str = SQLITE) -> None:
    db.execute(
        ddl(
            """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('article', 'source')),
            outlet TEXT, title TEXT, url TEXT, speaker TEXT, channel TEXT,
            created_at TEXT NOT NULL)""",
            dialect,
        )
    )
    # Texts are content-addressed: the same text in two documents (or revisions) is stored once.
    # The text comes last so that reading size and chars never walks its overflow pages.
    db.execute(
        ddl(
            """CREATE TABLE texts (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            chars INTEGER NOT NULL,
            text TEXT NOT NULL)""",
            dialect,
        )
    )
    db.execute(
        ddl(
            """CREATE TABLE revisions (
            document TEXT NOT NULL REFERENCES documents(id),
            number INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES texts(sha256),
            ingested_at TEXT NOT NULL,
            published_at TEXT,
            title TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (document, number))""",
            dialect,
        )
    )
    db.execute("CREATE INDEX revisions_by_sha ON revisions (sha256, document)")


def m002_claims_cache(db: Any, dialect: str = SQLITE) -> None:
    # `log` shows the claim count of the newest cached extraction of each text: SQLite breaks a
    # tie of created_at (one second) by rowid; PostgreSQL has no rowid, so it gets a sequence
    # column, renewed on every replacement as SQLite's INSERT OR REPLACE renews the rowid.
    sequence = "seq BIGSERIAL NOT NULL, " if dialect == POSTGRESQL else ""
    db.execute(
        ddl(
            f"""CREATE TABLE claims_cache (
            sha256 TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            claims TEXT NOT NULL,
            created_at TEXT NOT NULL,
            {sequence}PRIMARY KEY (sha256, extractor_version))""",
            dialect,
        )
    )
    if dialect == POSTGRESQL:
        # SQLite's json_valid()/json_array_length(claims, '$.claims') for PostgreSQL 12+ (which has
        # no IS JSON before 16): NULL for text that is not JSON or has no "claims", 0 for a
        # "claims" that is not an array -- exactly SQLite's answers.
        db.execute(
            """CREATE FUNCTION attribtrack_claim_count(claims text) RETURNS integer
            LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
            DECLARE value json;
            BEGIN
                value := claims::json -> 'claims';
                IF value IS NULL THEN RETURN NULL; END IF;
                IF json_typeof(value) <> 'array' THEN RETURN 0; END IF;
                RETURN json_array_length(value);
            EXCEPTION WHEN invalid_text_representation THEN
                RETURN NULL;
            END
            $fn$"""
        )


def m003_fetch_state(db: Any, dialect: str = SQLITE) -> None:
    # What `watch` knows of each URL it follows, so a restarted watcher resumes where it stopped.
    # Times are ISO 8601 UTC strings ('2026-01-02T03:04:05Z'), which sort as times; next_check NULL:
    # never again (the article has aged out of its schedule).
    db.execute(
        ddl(
            """CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
            document TEXT,
            source TEXT,
            first_seen TEXT NOT NULL,
            next_check TEXT,
            last_checked TEXT,
            last_status INTEGER,
            last_error TEXT,
            etag TEXT,
            last_modified TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            settings TEXT NOT NULL DEFAULT '{}')""",
            dialect,
        )
    )
    db.execute("CREATE INDEX fetch_state_due ON fetch_state (next_check)")


def m004_change_events(db: Any, dialect: str = SQLITE) -> None:
    # An attribution change between two stored revisions is one row, written once per revision
    # pair (compared_pairs records that a pair was compared, even when it had no change).
    db.execute(
        ddl(
            """CREATE TABLE compared_pairs (
            document TEXT NOT NULL REFERENCES documents(id),
            from_revision INTEGER NOT NULL,
            to_revision INTEGER NOT NULL,
            compared_at TEXT NOT NULL,
            PRIMARY KEY (document, from_revision, to_revision))""",
            dialect,
        )
    )
    db.execute(
        ddl(
            """CREATE TABLE change_events (
            document TEXT NOT NULL,
            from_revision INTEGER NOT NULL,
            to_revision INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            old_claim TEXT,
            new_claim TEXT,
            detail TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}',
            detected_at TEXT NOT NULL,
            PRIMARY KEY (document, from_revision, to_revision, seq),
            FOREIGN KEY (document, from_revision, to_revision)
                REFERENCES compared_pairs (document, from_revision, to_revision))""",
            dialect,
        )
    )
    db.execute("CREATE INDEX change_events_by_time ON change_events (detected_at)")


def m005_document_origin(db: Any, dialect: str = SQLITE) -> None:
    # Where a document was first ingested from (a file's real path, or a URL): an id derived from
    # a file name that matches a document from somewhere else is refused rather than merged.
    # NULL for documents stored before this column: the next ingest with an origin fills it in.
    db.execute(ddl("ALTER TABLE documents ADD COLUMN origin TEXT", dialect))


#: The schema, in order. A store records the names it has applied.
MIGRATIONS: tuple[Callable[..., None], ...] = (
    m001_documents_and_revisions,
    m002_claims_cache,
    m003_fetch_state,
    m004_change_events,
    m005_document_origin,
)

#: Every table of the schema, parents before children (the order `store copy` writes them in),
#: with the columns copied and the key they are read in.
TABLES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "documents",
        ("id", "kind", "outlet", "title", "url", "speaker", "channel", "created_at", "origin"),
        "id",
    ),
    ("texts", ("sha256", "size", "chars", "text"), "sha256"),
    (
        "revisions",
        ("document", "number", "sha256", "ingested_at", "published_at", "title", "metadata"),
        "document, number",
    ),
    # Oldest first, so the destination's tie-break (rowid / seq) keeps the same newest entry.
    ("claims_cache", ("sha256", "extractor_version", "claims", "created_at"), "created_at, {tiebreak}"),
    (
        "fetch_state",
        (
            "url",
            "kind",
            "document",
            "source",
            "first_seen",
            "next_check",
            "last_checked",
            "last_status",
            "last_error",
            "etag",
            "last_modified",
            "failures",
            "settings",
        ),
        "url",
    ),  # fmt: skip
    (
        "compared_pairs",
        ("document", "from_revision", "to_revision", "compared_at"),
        "document, from_revision, to_revision",
    ),  # fmt: skip
    (
        "change_events",
        (
            "document",
            "from_revision",
            "to_revision",
            "seq",
            "type",
            "old_claim",
            "new_claim",
            "detail",
            "data",
            "detected_at",
        ),
        "document, from_revision, to_revision, seq",
    ),  # fmt: skip
)
