"""`attribtrack store copy`: a whole history, SQLite -> PostgreSQL -> SQLite, counts checked."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from attribtrack.cli import cli
from attribtrack.store import ChangeEvent, FetchState, open_store


def fill(location: str) -> None:
    with open_store(location, create=True) as s:
        s.ingest(
            "The mayor said it rained.", doc_id="rain", outlet="Ledger", title="Rain", metadata={"k": "v"}
        )
        s.ingest("The mayor admitted it rained.", doc_id="rain", published="2026-01-02")
        s.ingest("The mayor said it rained.", doc_id="copy")  # a shared text
        s.put_claims(s.revision("rain").sha256, "1", '{"claims": [1]}')
        s.put_fetch_state(FetchState("https://x.test/rain", "page", document="rain", first_seen="t0",
                                     settings={"outlet": "Ledger"}))  # fmt: skip
        s.record_changes("rain", 1, 2, [ChangeEvent("cue-changed", "c1", "c1", "said -> admitted", {"a": 1})])


def history(location: str) -> tuple[object, ...]:
    with open_store(location) as s:
        docs = s.documents()
        revs = [(r, s.revision(r.document, r.number).text) for d in docs for r in s.revisions(d.id)]
        return (docs, revs, s.fetch_states(), s.changes(), s.cached_claims(s.revision("rain").sha256, "1"))


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_round_trip_through_postgresql(tmp_path: Path, pg_url: str) -> None:
    first, back = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    fill(first)
    to_pg = run("store", "copy", first, pg_url)
    assert to_pg.exit_code == 0, to_pg.output
    assert to_pg.stdout.startswith("copied 2 documents, 2 texts, 3 revisions, 1 claims_cache, 1 fetch_state, "
                                   "1 compared_pairs, 1 change_events from ")  # fmt: skip
    assert run("store", "copy", pg_url, back).exit_code == 0
    assert history(first) == history(pg_url) == history(back)
    with open_store(pg_url) as s:  # the copy goes on numbering where the history stopped
        assert s.ingest("Third.", doc_id="rain").number == 3


def test_a_non_empty_destination_needs_force(tmp_path: Path, store_url: str) -> None:
    src = str(tmp_path / "src.db")
    fill(src)
    with open_store(store_url, create=True) as s:
        s.ingest("other", doc_id="other")
    refused = run("store", "copy", src, store_url)
    assert refused.exit_code == 4
    assert "is not empty (1 documents, 1 texts, 1 revisions)" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert [d.id for d in open_store(store_url).documents()] == ["other"]  # untouched
    assert run("store", "copy", "--force", src, store_url).exit_code == 0
    assert history(store_url) == history(src)


def test_bad_sources(tmp_path: Path) -> None:
    fill(str(tmp_path / "a.db"))
    same = run("store", "copy", str(tmp_path / "a.db"), str(tmp_path / "." / "a.db"))
    assert same.exit_code == 2 and "the same store" in same.stderr
    missing = run("store", "copy", str(tmp_path / "none.db"), str(tmp_path / "b.db"))
    assert missing.exit_code == 3 and not (tmp_path / "b.db").exists()
