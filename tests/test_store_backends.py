"""The store's behaviour on both backends (SQLite file, PostgreSQL schema), and what only a
shared PostgreSQL store has to get right: concurrent writers, killed writers, first-time openers
racing, connection errors that never show a password."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribtrack.cli import cli
from attribtrack.errors import NotFoundError, StoreError
from attribtrack.store import MIGRATIONS, open_store


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the interface, on both backends ---------------------------------------------------------


def test_revisions_numbered_idempotent_and_content_addressed(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        assert store.ingest("one", doc_id="d", title="T1").number == 1
        assert store.ingest("two", doc_id="d").number == 2
        again = store.ingest("two", doc_id="d")  # the latest revision's text: nothing added
        assert (again.number, again.created) == (2, False)
        store.ingest("two", doc_id="e")
        assert [r.ref for r in store.with_text(sha("two"))] == ["d@2", "e@1"]
        assert store.revision("d", "-1").text == "one"
        assert store.revision("d").text == "two"
        assert [d.id for d in store.documents()] == ["d", "e"]
        with pytest.raises(NotFoundError, match="has no revision 3"):
            store.revision("d", 3)
        with pytest.raises(NotFoundError, match="unknown document 'nope'"):
            store.revisions("nope")


def test_unicode_sizes_and_metadata(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        store.ingest("«é» 😀", doc_id="d", published="2024-04-02", metadata={"k": "v"}, outlet="Ledger")
        (info,) = store.revisions("d")
        assert (info.size, info.chars, info.metadata, info.published_at) == (11, 5, {"k": "v"}, "2024-04-02")
        assert store.document("d").outlet == "Ledger"


def test_a_text_of_several_megabytes_round_trips_and_is_stored_once(store_url: str) -> None:
    # Past a megabyte the SQLite backend writes the text a chunk at a time (a BLOB of its UTF-8):
    # the chunks cut through multi-byte characters' neighbours, never through one character.
    text = "«Le maire a dit» — 😀 the council said. " * 90_000  # ~3.6 MB, 1-, 2-, 3- and 4-byte characters
    with open_store(store_url, create=True) as store:
        first = store.ingest(text, doc_id="big")
        assert (first.number, first.size, first.sha256) == (1, len(text.encode()), sha(text))
        assert store.ingest(text, doc_id="big").created is False
        assert store.ingest(text, doc_id="copy").number == 1  # same text, stored once
        assert [r.ref for r in store.with_text(sha(text))] == ["big@1", "copy@1"]
        assert store.revision("big").text == text
        assert store.text(sha(text)) == text
        (info,) = store.revisions("copy")
        assert (info.size, info.chars) == (len(text.encode()), len(text))


def test_claims_cache_and_the_count_log_shows(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        store.ingest("text", doc_id="d")
        assert store.revisions("d")[0].claims is None
        store.put_claims(sha("text"), "1", '{"claims": [1, 2]}')
        assert store.revisions("d")[0].claims == 2
        store.put_claims(sha("text"), "1", '{"claims": [1, 2, 3]}')  # replaced, same second
        assert store.cached_claims(sha("text"), "1") == '{"claims": [1, 2, 3]}'
        assert store.revisions("d")[0].claims == 3
        store.put_claims(sha("text"), "2", "not json")
        assert store.revisions("d")[0].claims is None  # the newest entry is not JSON: no count


def test_migrations_recorded_once_in_order(store_url: str) -> None:
    open_store(store_url, create=True).close()
    open_store(store_url).close()  # a second open applies nothing
    with open_store(store_url) as store:
        names = [r[0] for r in store._db.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [m.__name__ for m in MIGRATIONS]


def test_newer_schema_refused(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        with store._transaction() as db:
            db.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', 'x')")
            if store_url.endswith(".db"):
                db.execute("PRAGMA user_version = 1")
    with pytest.raises(StoreError, match="newer attribtrack") as info:
        open_store(store_url)
    assert info.value.exit_code == 4


# --- PostgreSQL only -------------------------------------------------------------------------


def test_an_empty_database_is_no_store_until_created(pg_url: str) -> None:
    with pytest.raises(NotFoundError, match="no attribtrack store at"):
        open_store(pg_url)
    open_store(pg_url, create=True).close()
    open_store(pg_url).close()


def test_a_password_never_appears_in_the_error(pg_server: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(pg_server)
    url = f"postgresql://nosuchuser:Hunter2%21pw@{parts.hostname}:{parts.port}{parts.path}"
    result = CliRunner().invoke(cli, ["--store", url, "log", "d"])
    assert result.exit_code == 4
    assert "Hunter2" not in result.output and "Hunter2" not in (result.stderr or "")
    assert result.stderr.startswith(
        "attribtrack: error: cannot connect to the store postgresql://nosuchuser:***@"
    )
    assert result.stderr.count("\n") == 1


def test_an_unreachable_server_is_exit_4(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    result = CliRunner().invoke(cli, ["--store", f"postgresql://u:pw@127.0.0.1:{port}/db", "log", "d"])
    assert result.exit_code == 4
    assert "Connection refused" in result.stderr and ":pw@" not in result.stderr


def test_cli_against_a_postgresql_store(pg_url: str, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The mayor said on Tuesday that the bridge would close.\n")
    b.write_text("The mayor admitted on Tuesday that the bridge would close.\n")

    def run(*args: str) -> object:
        return CliRunner().invoke(cli, ["--store", pg_url, *args])

    assert run("init").exit_code == 0
    assert run("ingest", str(a), "--doc", "bridge").exit_code == 0
    assert run("ingest", str(b), "--doc", "bridge").stdout.startswith("added bridge@2")
    shown = run("show", "bridge@1")
    assert (shown.exit_code, shown.stdout) == (0, a.read_text())
    claims = run("claims", "bridge", "--format", "json")
    assert claims.exit_code == 0 and '"admitted"' in claims.stdout
    logged = run("log", "bridge")
    assert logged.exit_code == 0 and logged.stdout.splitlines()[-1].split()[6] == "1"  # claims cached
    diff = run("diff", "bridge@1", "bridge@2")
    assert diff.exit_code in (0, 1) and "said -> admitted" in diff.stdout
    missing = run("show", "bridge@9")
    assert missing.exit_code == 3 and missing.stderr.startswith(
        "attribtrack: error: document 'bridge' has no"
    )


def _open_once(url: str) -> str:
    open_store(url, create=True).close()
    return "ok"


def test_first_time_openers_do_not_race(pg_url: str) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open_once, [pg_url] * 4) == ["ok"] * 4
    with open_store(pg_url) as store:
        (count,) = store._db.execute("SELECT count(*) FROM _migrations").fetchone()
    assert count == len(MIGRATIONS)


def _writer(args: tuple[str, int, int]) -> list[int]:
    url, worker, n = args
    numbers = []
    with open_store(url, create=True, busy_timeout=60) as store:
        for i in range(n):
            doc = ("shared", f"own{worker}")[i % 2]  # half into one contended document
            numbers.append(store.ingest(f"writer {worker} text {i}", doc_id=doc).number)
    return numbers


def test_eight_writers_fifty_ingests_each(pg_url: str) -> None:
    open_store(pg_url, create=True).close()
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        results = pool.map(_writer, [(pg_url, w, 50) for w in range(8)])
    assert sum(len(r) for r in results) == 400
    with open_store(pg_url) as store:
        total = 0
        for doc in store.documents():
            numbers = [r.number for r in store.revisions(doc.id)]
            assert numbers == list(range(1, len(numbers) + 1)), doc.id  # gapless, unique
            total += len(numbers)
        assert total == 400  # nothing lost
        assert len(store.revisions("shared")) == 200


KILLED_WRITER = """
import os, sys, time
from attribtrack.store import open_store
store = open_store(sys.argv[1])
with store._transaction() as db:
    store._lock_document(db, "doc")
    db.execute("INSERT INTO texts (sha256, size, chars, text) VALUES ('half', 4, 4, 'half')")
    db.execute("INSERT INTO revisions (document, number, sha256, ingested_at) VALUES ('doc', 2, 'half', 'x')")
    print("in transaction", flush=True)
    time.sleep(60)
"""


def test_a_writer_killed_mid_transaction_leaves_the_store_consistent(pg_url: str) -> None:
    with open_store(pg_url, create=True) as store:
        store.ingest("first", doc_id="doc")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, pg_url], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "in transaction"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    deadline = time.monotonic() + 30
    while True:  # the server notices the dead connection, rolls back and releases the lock
        try:
            with open_store(pg_url, busy_timeout=1) as store:
                result = store.ingest("second", doc_id="doc")
            break
        except StoreError:
            assert time.monotonic() < deadline
    assert (result.number, result.created) == (2, True)
    with open_store(pg_url) as store:
        assert [r.number for r in store.revisions("doc")] == [1, 2]
        assert store.revision("doc", 2).text == "second"
        (half,) = store._db.execute("SELECT count(*) FROM texts WHERE sha256 = 'half'").fetchone()
        assert half == 0


def test_a_held_document_lock_is_store_busy(pg_url: str) -> None:
    with open_store(pg_url, create=True) as holder, open_store(pg_url, busy_timeout=0.2) as waiter:
        with holder._transaction() as db:
            holder._lock_document(db, "d")  # another writer is in the middle of ingesting d
            with pytest.raises(StoreError, match="^store is busy") as info:
                waiter.ingest("x", doc_id="d")
            assert info.value.exit_code == 4
            assert waiter.ingest("y", doc_id="e").number == 1  # other documents go on
        assert waiter.ingest("x", doc_id="d").number == 1  # and d once the lock is gone
