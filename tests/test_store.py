"""The store: location, migrations, content addressing, revisions, transactions, cache."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from attribtrack import store as store_module
from attribtrack.errors import NotFoundError, StoreError
from attribtrack.store import MIGRATIONS, find_store, init_store, open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- location --------------------------------------------------------------------------------


def test_find_store_walks_up_like_git(tmp_path: Path) -> None:
    (tmp_path / ".attribtrack").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_store(deep) == tmp_path.resolve() / ".attribtrack" / "attribtrack.db"


def test_find_store_none_without_a_store_directory(tmp_path: Path) -> None:
    assert find_store(tmp_path) is None


def test_missing_store_is_not_created_when_reading(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no attribtrack store here"):
        open_store(start=tmp_path)
    with pytest.raises(NotFoundError, match="no attribtrack store at"):
        open_store(tmp_path / "x.db")
    assert list(tmp_path.iterdir()) == []


def test_create_makes_the_default_store_with_a_gitignore(tmp_path: Path) -> None:
    open_store(start=tmp_path, create=True).close()
    assert (tmp_path / ".attribtrack" / "attribtrack.db").is_file()
    assert (tmp_path / ".attribtrack" / ".gitignore").read_text() == "*\n"


def test_init_reports_whether_it_created(tmp_path: Path) -> None:
    path, created = init_store(start=tmp_path)
    assert (path, created) == (tmp_path / ".attribtrack" / "attribtrack.db", True)
    assert init_store(start=tmp_path) == (path, False)


# --- schema ----------------------------------------------------------------------------------


def test_migrations_are_recorded_in_order(db: Path) -> None:
    open_store(db, create=True).close()
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [m.__name__ for m in MIGRATIONS]
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_from_a_newer_attribtrack_is_refused(db: Path) -> None:
    open_store(db, create=True).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="written by a newer attribtrack") as info:
        open_store(db)
    assert info.value.exit_code == 4


def test_an_unknown_migration_is_refused_even_if_user_version_lags(db: Path) -> None:
    open_store(db, create=True).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'x')")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer attribtrack"):
        open_store(db)


def test_an_older_store_is_migrated(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    MIGRATIONS[0](con)
    con.execute("INSERT INTO _migrations VALUES (?, 'then')", (MIGRATIONS[0].__name__,))
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with open_store(db) as store:
        store.put_claims("abc", "1", "{}")  # the cache table came with migration 2
        assert store.cached_claims("abc", "1") == "{}"


@pytest.mark.parametrize(
    "content",
    [b"this is not a database, just words\n", b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "garbage-after-header"],
)
def test_a_corrupt_store_is_a_store_error(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    with pytest.raises(StoreError, match="corrupt or not an attribtrack store") as info:
        open_store(db)
    assert info.value.exit_code == 4


def test_another_programs_sqlite_database_is_refused(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not an attribtrack store"):
        open_store(db)


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path, create=True)


# --- revisions -------------------------------------------------------------------------------


def test_ingest_numbers_revisions_and_is_idempotent(db: Path) -> None:
    with open_store(db, create=True) as store:
        first = store.ingest("one", doc_id="d", title="T1")
        second = store.ingest("two", doc_id="d")
        again = store.ingest("two", doc_id="d")  # the latest revision's text (a revert is new)
        assert (first.number, first.created, first.sha256, first.size) == (1, True, sha("one"), 3)
        assert (second.number, second.created) == (2, True)
        assert (again.number, again.created, again.ref) == (2, False, "d@2")
        assert [r.number for r in store.revisions("d")] == [1, 2]


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (None, "three"),
        ("", "three"),
        ("latest", "three"),
        (1, "one"),
        ("2", "two"),
        ("-1", "two"),
        (-2, "one"),
    ],
)
def test_revision_specs(db: Path, spec: object, text: str) -> None:
    with open_store(db, create=True) as store:
        for t in ("one", "two", "three"):
            store.ingest(t, doc_id="d")
        assert store.revision("d", spec).text == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("4", "document 'd' has no revision 4 \\(its revisions are 1-2\\)"),
        ("-2", "document 'd' has no revision -2"),
        ("0", "has no revision 0"),
        ("x", "unknown revision d@x"),
    ],
)
def test_unknown_revision(db: Path, spec: str, message: str) -> None:
    with open_store(db, create=True) as store:
        store.ingest("one", doc_id="d")
        store.ingest("two", doc_id="d")
        with pytest.raises(NotFoundError, match=message) as info:
            store.revision("d", spec)
        assert info.value.exit_code == 3


def test_unknown_document(db: Path) -> None:
    with open_store(db, create=True) as store:
        for call in (store.document, store.revisions, store.revision):
            with pytest.raises(NotFoundError, match="unknown document 'nope'"):
                call("nope")


def test_texts_are_content_addressed_across_documents(db: Path) -> None:
    with open_store(db, create=True) as store:
        store.ingest("shared words", doc_id="a")
        store.ingest("shared words", doc_id="b")
        assert [r.ref for r in store.with_text(sha("shared words"))] == ["a@1", "b@1"]
        assert store.text(sha("shared words")) == "shared words"
    assert sqlite3.connect(db).execute("SELECT count(*) FROM texts").fetchone()[0] == 1


def test_document_fields_update_and_revision_fields_stay(db: Path) -> None:
    with open_store(db, create=True) as store:
        store.ingest("v1", doc_id="d", title="Old", published="2024-04-02", metadata={"k": "v"})
        store.ingest("v2", doc_id="d", title="New", outlet="Reuters", kind="source")
        doc = store.document("d")
        assert (doc.kind, doc.outlet, doc.title) == ("source", "Reuters", "New")
        r1, r2 = store.revisions("d")
        assert (r1.title, r1.published_at, r1.metadata) == ("Old", "2024-04-02", {"k": "v"})
        assert (r2.title, r2.published_at, r2.metadata) == ("New", None, {})
        assert [d.id for d in store.documents(kind="source")] == ["d"]
        assert store.documents(kind="article") == []


def test_records_convert_to_the_data_model(db: Path) -> None:
    with open_store(db, create=True) as store:
        store.ingest("text é", doc_id="d", title="T")
        revision = store.revision("d").model()
        document = store.document("d").model()
    assert (revision.document, revision.number, revision.text, revision.title) == ("d", 1, "text é", "T")
    assert revision.ingested_at.tzinfo is not None
    assert (document.id, document.kind) == ("d", "article")


def test_sizes_are_utf8_bytes_and_chars(db: Path) -> None:
    with open_store(db, create=True) as store:
        store.ingest("«é»", doc_id="d")
        (info,) = store.revisions("d")
    assert (info.size, info.chars) == (6, 3)


def test_a_failed_ingest_leaves_nothing_behind(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db, create=True) as store:

        def explode(*args: object, **kwargs: object) -> str:
            raise RuntimeError("crash in the middle of the transaction")

        monkeypatch.setattr(store_module.json, "dumps", explode)  # fails after texts and documents rows
        with pytest.raises(RuntimeError):
            store.ingest("half", doc_id="d")
        monkeypatch.undo()
        assert store.documents() == []
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM texts").fetchone()[0] == 0


def test_a_busy_store_is_a_clear_store_error(db: Path) -> None:
    open_store(db, create=True).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with open_store(db, busy_timeout=0.2) as store:
            with pytest.raises(StoreError, match="^store is busy") as info:
                store.ingest("x", doc_id="d")
            assert info.value.exit_code == 4
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_store(db) as store:
        assert store.ingest("x", doc_id="d").created  # and it works once the lock is gone


# --- extraction cache ------------------------------------------------------------------------


def test_claims_cache_is_keyed_by_text_and_extractor_version(db: Path) -> None:
    with open_store(db, create=True) as store:
        assert store.cached_claims("s", "1") is None
        store.put_claims("s", "1", '{"claims": []}')
        store.put_claims("s", "2", '{"claims": [1]}')
        assert store.cached_claims("s", "1") == '{"claims": []}'
        assert store.cached_claims("s", "2") == '{"claims": [1]}'
        store.put_claims("s", "1", '{"claims": [2]}')
        assert store.cached_claims("s", "1") == '{"claims": [2]}'


@pytest.mark.parametrize("text", ["", "ascii only", "«é» – 😀 mixed " * 50])
def test_chunked_hash_equals_the_plain_one(text: str) -> None:
    assert store_module._hash(text, chunk=7) == (sha(text), len(text.encode("utf-8")))
