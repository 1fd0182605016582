"""The store never lies: what it says is the latest revision is what was last published, a full
disk is reported as a full disk, ... (issue 14). Real SQLite and PostgreSQL throughout."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result

from attribtrack.cli import cli
from attribtrack.store import open_store


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(*args: str | os.PathLike[str], input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


# --- a revert is a revision ------------------------------------------------------------------


def test_a_revert_is_recorded_as_a_new_revision_with_the_first_texts_hash(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        assert store.ingest("A", doc_id="d").number == 1
        assert store.ingest("B", doc_id="d").number == 2
        reverted = store.ingest("A", doc_id="d")
        assert (reverted.number, reverted.created, reverted.sha256) == (3, True, sha("A"))
        assert store.revision("d").text == "A"  # the latest is what is published now
        assert [(r.number, r.sha256) for r in store.revisions("d")] == [
            (1, sha("A")), (2, sha("B")), (3, sha("A"))
        ]  # fmt: skip
        assert [r.ref for r in store.with_text(sha("A"))] == ["d@1", "d@3"]
        again = store.ingest("A", doc_id="d")  # the latest revision's text again: nothing added
        assert (again.number, again.created) == (3, False)
        assert store._db.execute("SELECT count(*) FROM texts").fetchone()[0] == 2  # stored once


def test_a_revert_through_the_cli_is_listed_by_log(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    a, b = tmp_path / "story.txt", tmp_path / "story-b.txt"
    a.write_text("The mayor said the mall was safe.\n", encoding="utf-8")
    b.write_text("The mayor said the mall was unsafe.\n", encoding="utf-8")
    for path in (a, b, a):
        assert run("--store", db, "ingest", "--doc", "story", path).exit_code == 0
    again = run("--store", db, "ingest", "--doc", "story", a)
    assert (again.exit_code, again.stdout) == (
        0,
        f"unchanged story@3: {a} has the same text; nothing added\n",
    )
    log = run("--store", db, "log", "story")
    lines = log.stdout.splitlines()
    assert log.exit_code == 0 and [line.split()[0] for line in lines[2:]] == ["1", "2", "3"]
    assert lines[2].split()[4] == lines[4].split()[4] != lines[3].split()[4]  # the sha256 column


# --- a full disk is reported as a full disk --------------------------------------------------

# SQLite's own "database or disk is full" (SQLITE_FULL): PRAGMA max_page_count caps the file at
# its current size on every connection the CLI opens, so the next write that needs a page fails
# exactly as it does on a full disk (SQLite then rolls the transaction back by itself).
_FULL = """
import sqlite3, sys
_connect = sqlite3.connect
def connect(*args, **kwargs):
    db = _connect(*args, **kwargs)
    db.execute("PRAGMA max_page_count = 1")  # never below the current size: no page more
    return db
sqlite3.connect = connect
from attribtrack.cli import main
sys.argv[0] = "attribtrack"
main()
"""


def test_a_full_disk_during_ingest_is_reported_as_one_line_with_exit_4(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = tmp_path / "story.txt"
    first.write_text("The mayor said the mall was safe.\n", encoding="utf-8")
    assert run("--store", db, "ingest", first).exit_code == 0
    big = tmp_path / "story-2.txt"
    big.write_text("The council said the mall was unsafe. " * 50_000, encoding="utf-8")  # ~2 MB
    got = subprocess.run(
        [sys.executable, "-c", _FULL, "--store", str(db), "ingest", "--doc", "story", str(big)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert got.returncode == 4, got.stderr
    assert got.stderr.splitlines() == [
        f"attribtrack: error: cannot write the store {db} (database or disk is full)"
    ]
    with open_store(db) as store:  # nothing half-written; revision 1 intact
        assert [r.number for r in store.revisions("story")] == [1]
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_full_disk_keeps_the_cause_through_the_store_api(tmp_path: Path) -> None:
    from attribtrack.errors import StoreError

    with open_store(tmp_path / "s.db", create=True) as store:
        store.ingest("first", doc_id="d")
        store._db.execute("PRAGMA max_page_count = 1")
        with pytest.raises(StoreError, match=r"database or disk is full"):
            store.ingest("x" * 200_000, doc_id="d")
        assert not store._db.in_transaction
        assert store.revision("d").text == "first"


# --- the claims cache is a cache -------------------------------------------------------------

STORY = (
    "The mayor said the mall was safe. \u201cWe checked every exit,\u201d said Anna Petrova, "
    "a spokeswoman for the city.\n"
)


def _claims_rows(store_url: str) -> list[tuple[str, str]]:
    with open_store(store_url) as store:
        return list(store._db.execute("SELECT extractor_version, claims FROM claims_cache").fetchall())


@pytest.mark.parametrize(
    "corrupt",
    ["{not json", '{"schema": "attribtrack.claims/1", "claims": 7}', "[]"],
    ids=["invalid-json", "not-the-schema", "not-an-object"],
)
def test_a_corrupt_claims_cache_row_is_recomputed_and_replaced(store_url: str, corrupt: str) -> None:
    with open_store(store_url, create=True) as store:
        store.ingest(STORY, doc_id="story")
    first = run("--store", store_url, "claims", "story@1")
    assert first.exit_code == 0, first.stderr
    ((version, good),) = _claims_rows(store_url)
    with open_store(store_url) as store:
        with store._transaction() as db:
            db.execute("UPDATE claims_cache SET claims = ?", (corrupt,))
    again = run("--store", store_url, "claims", "story@1")
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, "")
    assert _claims_rows(store_url) == [(version, good)]  # the corrupt row was replaced
    blame = run("--store", store_url, "blame", "story")
    assert blame.exit_code == 0, blame.stderr


# --- every text is checked against its sha256 ------------------------------------------------


def _tamper(store_url: str, sql: str, *args: object) -> None:
    with open_store(store_url) as store:
        with store._transaction() as db:
            db.execute(sql, args)


def test_a_tampered_text_is_never_served_and_store_check_names_it(store_url: str) -> None:
    with open_store(store_url, create=True) as store:
        store.ingest(STORY, doc_id="story")
        store.ingest(STORY + "The council disagreed.\n", doc_id="story")
    assert run("--store", store_url, "claims", "story@1").exit_code == 0
    clean = run("--store", store_url, "store", "check")
    assert (clean.exit_code, clean.stderr) == (0, "")
    assert clean.stdout.endswith(
        ": ok (1 document, 2 revisions, 2 texts of "
        f"{2 * len(STORY.encode()) + 23} bytes matching their sha256, 1 cache entry)\n"
    )
    _tamper(
        store_url, "UPDATE texts SET text = ? WHERE sha256 = ?", STORY.replace("safe", "unsafe"), sha(STORY)
    )
    for args in (("show", "story@1"), ("claims", "story@-1"), ("diff", "story@1", "story@2")):
        got = run("--store", store_url, *args)
        assert (got.exit_code, got.stdout) == (4, ""), args
        assert got.stderr == (
            "attribtrack: error: the stored text of story@1 does not match its sha256: the store was "
            "changed outside attribtrack or is damaged (`attribtrack store check` lists every problem)\n"
        )
    assert run("--store", store_url, "show", "story@2").exit_code == 0  # the other revision is fine
    checked = run("--store", store_url, "store", "check")
    assert checked.exit_code == 4
    assert checked.stdout == f"text {sha(STORY)} does not match its sha256 (revisions story@1)\n"
    assert checked.stderr.endswith(": 1 problem found\n")


def test_store_check_names_every_problem_one_line_each(store_url: str) -> None:
    from attribtrack.extractor import EXTRACTOR_VERSION

    with open_store(store_url, create=True) as store:
        store.ingest(STORY, doc_id="story")
        store.ingest("Another story, said nobody.", doc_id="other")
    assert run("--store", store_url, "claims", "story@1").exit_code == 0
    _tamper(store_url, "UPDATE texts SET size = size + 1 WHERE sha256 = ?", sha(STORY))
    _tamper(
        store_url,
        "INSERT INTO claims_cache (sha256, extractor_version, claims, created_at) VALUES (?, ?, ?, ?)",
        "0" * 64, EXTRACTOR_VERSION, "{}", "2026-01-01T00:00:00Z",
    )  # fmt: skip
    _tamper(store_url, "UPDATE claims_cache SET claims = '{' WHERE sha256 = ?", sha(STORY))
    checked = run("--store", store_url, "store", "check")
    assert checked.exit_code == 4
    assert checked.stdout.splitlines() == [
        f"text {sha(STORY)} does not match its recorded size ({len(STORY.encode())} bytes, {len(STORY)} "
        f"chars recorded as {len(STORY.encode()) + 1}, {len(STORY)}) (revisions story@1)",
        f"claims cache entry {'0' * 64} (extractor {EXTRACTOR_VERSION}) has no stored text",
        f"claims cache entry {sha(STORY)} (extractor {EXTRACTOR_VERSION}) is not valid claims/1 JSON "
        "(the next read recomputes it)",
    ]
    assert checked.stderr.endswith(": 3 problems found\n")


def test_store_check_on_sqlite_finds_orphans_gaps_and_bad_utf8(tmp_path: Path) -> None:
    # What PostgreSQL's foreign keys refuse outright, SQLite (foreign_keys off) has to be checked for.
    db = tmp_path / "s.db"
    big = "The mayor said the mall was safe. " * 40_000  # > 1 MiB: stored as a BLOB of UTF-8
    with open_store(db, create=True) as store:
        store.ingest(big, doc_id="big")
        for n in range(3):
            store.ingest(f"text {n}", doc_id="gappy")
        store.ingest("lonely", doc_id="lonely")
    raw = sqlite3.connect(db)
    with raw:
        raw.execute("UPDATE texts SET text = CAST(? AS BLOB) WHERE sha256 = ?", (b"\xff" * 10, sha(big)))
        raw.execute("DELETE FROM revisions WHERE document = 'gappy' AND number = 2")
        raw.execute("DELETE FROM documents WHERE id = 'lonely'")
    raw.close()
    shown = run("--store", db, "show", "big")
    assert (shown.exit_code, shown.stderr) == (
        4,
        "attribtrack: error: the stored text of big@1 is not valid UTF-8: the store was changed outside "
        "attribtrack or is damaged (`attribtrack store check` lists every problem)\n",
    )
    checked = run("--store", db, "store", "check")
    assert checked.exit_code == 4
    assert checked.stdout.splitlines() == [
        f"text {sha(big)} is not valid UTF-8 (revisions big@1)",
        "revisions of 'lonely' name a document the store does not have",
        "document 'gappy' has 2 revisions numbered 1-3, not 1-2",
    ]


# --- reading needs no write ------------------------------------------------------------------

# A read-only store, honestly: one this process cannot write. As a user, the file 0444 in a
# directory 0555. Root ignores file modes (CI runs as root), so there the directory is a
# read-only bind mount in a private mount namespace: a read-only file system (EROFS), which
# stops root too. Before reading, SQLite wants the WAL's -shm file, which neither can hold:
# that is the case that failed.

_RO_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'


def _read_only_argv(directory: Path, argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", _RO_MOUNT, str(directory), *argv]


def _cli(
    *args: str | os.PathLike[str], cwd: Path, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    argv = _read_only_argv(cwd, [sys.executable, "-m", "attribtrack", *map(str, args)])
    return subprocess.run(argv, capture_output=True, text=True, cwd=cwd, timeout=120, input=input)


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir())}


def _as_four_migrations_left_it(db: Path) -> None:
    """The store as attribtrack 0.1 (four migrations, no documents.origin) left it."""
    raw = sqlite3.connect(db)
    with raw:
        raw.execute("ALTER TABLE documents DROP COLUMN origin")
        raw.execute("DELETE FROM _migrations WHERE name = 'm005_document_origin'")
        raw.execute("PRAGMA user_version = 4")
    raw.close()


@pytest.fixture(params=["current", "older"])
def read_only_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A read-only store of this version's schema, or of an older one (which the read commands
    read as it is: the migrations after it only add what writing needs)."""
    directory = tmp_path / "ro"
    directory.mkdir()
    db = directory / "store.db"
    with open_store(db, create=True) as store:
        store.ingest(STORY, doc_id="story")
        store.ingest(STORY + "The council disagreed, officials said.\n", doc_id="story")
    if request.param == "older":
        _as_four_migrations_left_it(db)
    probe = subprocess.run(
        _read_only_argv(directory, ["touch", str(directory / "probe")]), capture_output=True
    )
    if os.geteuid() == 0 and (probe.returncode == 0 or b"Read-only file system" not in probe.stderr):
        why = f"no read-only bind mount for root here ({probe.stderr.decode().strip()[:120]})"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    db.chmod(0o444)
    directory.chmod(0o555)
    try:
        yield db
    finally:
        directory.chmod(0o755)


def test_read_commands_work_on_a_read_only_store_and_write_nothing(read_only_store: Path) -> None:
    db, directory = read_only_store, read_only_store.parent
    before = _snapshot(directory)
    assert list(before) == ["store.db"]  # no -wal or -shm: the last writer closed cleanly
    for args in (("log", "story"), ("show", "story@1"), ("claims", "story@2"), ("claims", "story@2"),
                 ("diff", "story@1", "story@2"), ("blame", "story")):  # fmt: skip
        got = _cli("--store", db, *args, cwd=directory)
        assert (got.returncode, got.stderr) == (0, ""), args
        assert got.stdout, args
    assert _cli("--store", db, "show", "story@1", cwd=directory).stdout == STORY
    assert _snapshot(directory) == before  # not a byte written, not a file made
    # Writing is refused as what it is, in one line.
    got = _cli("--store", db, "ingest", "--doc", "story", "-", cwd=directory, input="A third text.\n")
    assert got.returncode == 4
    assert got.stderr.startswith(f"attribtrack: error: cannot write the store {db} (")
    assert len(got.stderr.splitlines()) == 1


def test_read_commands_on_a_writable_store_leave_it_byte_for_byte_as_it_was(tmp_path: Path) -> None:
    # They open it read-write (the last to close a WAL store removes its -wal and -shm; a
    # read-only connection could not) and write nothing.
    db = tmp_path / "store.db"
    with open_store(db, create=True) as store:
        store.ingest(STORY, doc_id="story")
        store.ingest(STORY + "The council disagreed.\n", doc_id="story")
    before = _snapshot(tmp_path)
    for args in (("log", "story"), ("show", "story@1"), ("store", "check")):  # diff and blame fill the cache
        assert run("--store", db, *args).exit_code == 0, args
    assert _snapshot(tmp_path) == before


def test_read_commands_work_in_a_read_only_postgresql_session(pg_url: str) -> None:
    # PostgreSQL's own read-only mode: every transaction of the session refuses to write.
    store_url = pg_url
    with open_store(store_url, create=True) as store:
        store.ingest(STORY, doc_id="story")
        store.ingest(STORY + "The council disagreed.\n", doc_id="story")
    read_only = store_url + quote(" -cdefault_transaction_read_only=on")
    for args in (("log", "story"), ("show", "story@1"), ("claims", "story@2"),
                 ("diff", "story@1", "story@2"), ("blame", "story")):  # fmt: skip
        got = run("--store", read_only, *args)
        assert (got.exit_code, got.stderr) == (0, ""), args
    got = run("--store", read_only, "ingest", "--doc", "story", "-", input=b"A third text.\n")
    assert got.exit_code == 4 and "read-only transaction" in got.stderr
    assert _claims_rows(store_url) == []  # nothing was cached: the session could not write


# --- two stories never merge silently --------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(label: str | Path, doc: str, origin: Path) -> str:
    return (
        f"attribtrack: error: {label}: document {doc!r} already holds revisions from {origin} "
        f"(pass --doc {doc} to add it as a revision of that document, or another --doc)\n"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [("My Story.txt", "my-story.txt"), ("a/story.txt", "b/story.html")],
)
def test_a_name_that_slugifies_alike_never_joins_another_files_document(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / first, "The mayor said the mall was safe.\n")
    _write(tmp_path / second, "<html><body><p>The minister said the budget was balanced.</p></body></html>")
    doc = "my-story" if first.startswith("My") else "story"
    assert run("--store", store_url, "ingest", first).exit_code == 0
    refused = run("--store", store_url, "ingest", second)
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == _refusal(second, doc, (tmp_path / first).resolve())
    assert [r.number for r in _revisions(store_url, doc)] == [1]  # nothing written
    # Re-ingesting the first file, edited, stays fine; an explicit --doc always wins.
    _write(tmp_path / first, "The mayor said the mall was unsafe.\n")
    assert run("--store", store_url, "ingest", first).stdout.startswith(f"added {doc}@2 from {first} (")
    assert run("--store", store_url, "ingest", "--doc", doc, second).stdout.startswith(f"added {doc}@3 ")
    assert run("--store", store_url, "ingest", "--doc", "other", second).stdout.startswith("added other@1 ")


def _revisions(store_url: str, doc: str) -> list[object]:
    with open_store(store_url) as store:
        return list(store.revisions(doc))


def test_front_matter_doc_wins_and_a_url_is_an_origin_too(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a" / "story.md", "# Story\n\nThe mayor said the mall was safe.\n")
    _write(tmp_path / "b" / "story.md", "---\ndoc: story\n---\nThe mayor said the mall was unsafe.\n")
    _write(tmp_path / "c" / "draft.md", "---\ndoc: story\n---\nThe mayor said it was closed.\n")
    assert run("--store", store_url, "ingest", "a/story.md").exit_code == 0
    for path, n in (("b/story.md", 2), ("c/draft.md", 3)):  # the draft says which document it is
        got = run("--store", store_url, "ingest", path)
        assert got.stdout.startswith(f"added story@{n} from {path} ("), got.stderr


def test_a_document_stored_before_origins_gets_one_from_its_next_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "s.db"
    with open_store(db, create=True) as store:
        store.ingest("The mayor said the mall was safe.\n", doc_id="story")
    _as_four_migrations_left_it(db)
    _write(tmp_path / "a" / "story.txt", "The mayor said the mall was unsafe.\n")
    _write(tmp_path / "b" / "story.txt", "The minister said the budget was balanced.\n")
    assert run("--store", db, "ingest", "a/story.txt").stdout.startswith("added story@2 ")  # migrated
    refused = run("--store", db, "ingest", "b/story.txt")
    assert (refused.exit_code, refused.stderr) == (
        2, _refusal("b/story.txt", "story", (tmp_path / "a" / "story.txt").resolve())
    )  # fmt: skip
    assert run("--store", db, "store", "check").exit_code == 0


@pytest.mark.parametrize(
    ("name", "doc"),
    [("Новости дня.txt", "новости-дня"), ("新闻.txt", "新闻"), ("Ειδήσεις.md", "ειδήσεις")],
)
def test_a_file_name_in_another_script_gives_a_document_id(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, doc: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / name, "The mayor said the mall was safe.\n")
    got = run("--store", store_url, "ingest", name)
    assert (got.exit_code, got.stderr) == (0, "")
    assert got.stdout.startswith(f"added {doc}@1 from {name} (")
    shown = run("--store", store_url, "show", f"{doc}@1")
    assert (shown.exit_code, shown.stdout) == (0, "The mayor said the mall was safe.\n")
    assert run("--store", store_url, "log", doc).exit_code == 0


def test_watch_adds_no_revision_for_an_unchanged_page_and_one_for_a_revert(tmp_path: Path) -> None:
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/bridge.html"
    db = tmp_path / "s.db"
    page = site / "bridge.html"
    one = "<html><body><article><p>The mayor said the bridge will reopen in May.</p></article></body></html>"
    two = one.replace("May", "June")

    def publish(html: str, step: int) -> str:
        page.write_text(html, encoding="utf-8")
        stamp = 1_700_000_000 + 60 * step  # a later Last-Modified each time: never a 304
        os.utime(page, (stamp, stamp))
        got = run("--store", db, "watch", "--once", "--all", url)
        assert got.exit_code == 0, got.output
        return got.output

    try:
        assert "new revisions 1" in publish(one, 0)
        assert "new revisions 0" in publish(one, 1)  # fetched again (200), the same text
        assert "new revisions 1" in publish(two, 2)
        assert "new revisions 1" in publish(one, 3)  # the revert is what is published now
    finally:
        server.shutdown()
    with open_store(db) as store:
        (doc,) = store.documents()
        assert [r.sha256 for r in store.revisions(doc.id)][::2] == [store.revision(doc.id, 1).sha256] * 2
        assert len(store.revisions(doc.id)) == 3
        assert "May" in store.revision(doc.id).text


def test_a_refusal_among_several_inputs_keeps_the_others_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "a" / "story.txt", "The mayor said the mall was safe.\n")
    _write(tmp_path / "b" / "story.txt", "The minister said the budget was balanced.\n")
    _write(tmp_path / "c" / "other.txt", "The council said nothing.\n")
    got = run("--store", "s.db", "ingest", "a/story.txt", "b/story.txt", "c/other.txt")
    assert got.exit_code == 2
    assert [line.split(" from ")[0] for line in got.stdout.splitlines()] == ["added story@1", "added other@1"]
    assert got.stderr == (
        _refusal("b/story.txt", "story", (tmp_path / "a" / "story.txt").resolve())
        + "attribtrack: error: 1 of 3 inputs were not ingested\n"
    )
    mixed = run("--store", "s.db", "ingest", "b/story.txt", "missing.txt")
    assert mixed.exit_code == 3  # an input that cannot be read is exit 3, as before


def test_store_copy_of_a_large_sqlite_text_to_postgresql_keeps_the_text(tmp_path: Path, pg_url: str) -> None:
    # SQLite holds a text over 1 MiB as a BLOB of its UTF-8: copied as it is, PostgreSQL stored the
    # bytea's hex spelling in the TEXT column (and served it, until reads checked the sha256).
    big = "«Le maire a dit» — the council said. " * 40_000
    db, back = tmp_path / "s.db", tmp_path / "back.db"
    with open_store(db, create=True) as store:
        store.ingest(big, doc_id="big")
    for source, destination in ((db, pg_url), (pg_url, back)):
        got = run("store", "copy", source, destination)
        assert got.exit_code == 0, got.stderr
    for location in (pg_url, back):
        shown = run("--store", location, "show", "big")
        assert (shown.exit_code, shown.stdout == big) == (0, True), shown.stderr
        assert run("--store", location, "store", "check").exit_code == 0


def test_claims_on_a_full_store_still_answer(tmp_path: Path) -> None:
    # The claims cache is a cache: a full disk (SQLITE_FULL, as above) leaves it unfilled.
    db = tmp_path / "s.db"
    with open_store(db, create=True) as store:
        store.ingest(STORY * 200, doc_id="story")  # claims JSON larger than any free page
    for args in (("claims", "story@1"), ("blame", "story"), ("log", "story"), ("show", "story")):
        got = subprocess.run(
            [sys.executable, "-c", _FULL, "--store", str(db), *args], capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        assert (got.returncode, got.stderr) == (0, ""), args
    assert _claims_rows(str(db)) == []


def test_serve_recomputes_a_corrupt_claims_cache_row(tmp_path: Path) -> None:
    pytest.importorskip("starlette")
    import json

    from starlette.testclient import TestClient

    from attribtrack.serve import create_app

    db = str(tmp_path / "s.db")
    with open_store(db, create=True) as store:
        store.ingest(STORY + "The serve test said so, officials said.\n", doc_id="story")
    cli_claims = run("--store", db, "claims", "story@1", "--format", "json")
    assert cli_claims.exit_code == 0
    _tamper(db, "UPDATE claims_cache SET claims = '{not json'")
    got = TestClient(create_app(db)).get("/api/documents/story/revisions/1")
    assert got.status_code == 200, got.text
    assert got.json()["claims"]["claims"] == json.loads(cli_claims.stdout)["claims"] != []


# --- origins on a shared store: a file in a git work tree is its path in the repository --------


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _checkout(root: Path, text: str) -> Path:
    """A git work tree at ``root`` with ``drafts/story.txt`` holding ``text``."""
    root.mkdir(parents=True)
    _git(root, "init", "-q")
    return _write(root / "drafts" / "story.txt", text)


def _origin(store_url: str, doc: str) -> str:
    with open_store(store_url) as store:
        return str(store._db.execute("SELECT origin FROM documents WHERE id = ?", (doc,)).fetchone()[0])


def test_two_checkouts_of_one_repository_are_one_origin(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = _checkout(tmp_path / "alice" / "news", "The mayor said the mall was safe.\n")
    bob = _checkout(tmp_path / "bob" / "newsroom", "The mayor said the mall was unsafe.\n")
    monkeypatch.chdir(tmp_path / "alice" / "news")
    assert run("--store", store_url, "ingest", "drafts/story.txt").stdout.startswith("added story@1 ")
    assert _origin(store_url, "story") == "git:drafts/story.txt"
    monkeypatch.chdir(tmp_path)
    got = run("--store", store_url, "ingest", bob)  # another checkout, another absolute path
    assert (got.exit_code, got.stderr) == (0, "") and got.stdout.startswith("added story@2 ")
    # A linked worktree (its .git is a file) is a checkout too.
    _git(alice.parents[1], "add", ".")
    _git(alice.parents[1], "commit", "-q", "-m", "story")
    _git(alice.parents[1], "worktree", "add", "-q", str(tmp_path / "wt"))
    _write(tmp_path / "wt" / "drafts" / "story.txt", "The mayor said the mall had closed.\n")
    assert run("--store", store_url, "ingest", tmp_path / "wt" / "drafts" / "story.txt").stdout.startswith(
        "added story@3 "
    )
    # Another file of the repository is still another story.
    other = _write(tmp_path / "bob" / "newsroom" / "archive" / "story.txt", "The minister said so.\n")
    refused = run("--store", store_url, "ingest", other)
    assert (refused.exit_code, refused.stderr) == (2, _refusal(other, "story", "git:drafts/story.txt"))


def test_an_older_stores_absolute_origin_matches_the_path_in_the_repository(
    store_url: str, tmp_path: Path
) -> None:
    old = _write(tmp_path / "old" / "news" / "drafts" / "story.txt", "The mayor said the mall was safe.\n")
    assert run("--store", store_url, "ingest", old).exit_code == 0  # no .git here: its absolute path
    assert _origin(store_url, "story") == str(old.resolve())
    new = _checkout(tmp_path / "new" / "news", "The mayor said the mall was unsafe.\n")
    got = run("--store", store_url, "ingest", new)
    assert (got.exit_code, got.stderr) == (0, "") and got.stdout.startswith("added story@2 ")
    assert _origin(store_url, "story") == "git:drafts/story.txt"  # recorded as the shared form
    _write(old, "The mayor said the mall had closed.\n")
    assert run("--store", store_url, "ingest", old).stdout.startswith("added story@3 ")  # either way round
    elsewhere = _write(tmp_path / "new" / "news" / "story.txt", "The minister said so.\n")
    refused = run("--store", store_url, "ingest", elsewhere)  # git:story.txt: not where the story was
    assert (refused.exit_code, refused.stderr) == (2, _refusal(elsewhere, "story", "git:drafts/story.txt"))


@pytest.mark.parametrize(
    ("known", "origin", "same"),
    [
        ("git:drafts/story.txt", "git:drafts/story.txt", True),
        ("/home/ann/news/drafts/story.txt", "git:drafts/story.txt", True),
        ("git:drafts/story.txt", "/tmp/copy/drafts/story.txt", True),
        ("/home/ann/news/drafts/story.txt", "git:story.txt", True),
        ("C:\\news\\drafts\\story.txt", "git:drafts/story.txt", True),
        ("/home/ann/news/archive/story.txt", "git:drafts/story.txt", False),
        ("/home/ann/news/mystory.txt", "git:story.txt", False),
        ("git:a/story.txt", "git:b/story.txt", False),
        ("/a/story.txt", "/b/story.txt", False),
        ("https://example.com/git:story", "git:story", False),
        ("https://example.com/drafts/story.txt", "git:drafts/story.txt", False),
    ],
)
def test_which_origins_are_one(known: str, origin: str, same: bool) -> None:
    from attribtrack.store.base import same_origin

    # One origin: recorded as git:PATH from then on; two: the document keeps the one it had.
    shared = next((o for o in (known, origin) if o.startswith("git:")), known)
    assert same_origin(known, origin) == ((True, shared) if same else (False, known))
