"""`claims DOC@N` and `claims --format jsonl` write their JSON in pieces, as `claims FILE --format
json` does (issue 14): the same bytes as the models' ``to_json``, from a file, a fresh extraction
of a stored revision (then cached), a cached entry, and a corrupt entry (recomputed), without
holding the claims as models (peak memory measured as the child's own VmHWM)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_store_truths import _read_only_argv

from attribtrack.cli import cli
from attribtrack.extractor.pipeline import extract
from attribtrack.models import Claims, DocumentRef
from attribtrack.render.claims_json import cached_chunks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORY = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")
EDIT = (FIXTURES / "crocus-rev2.txt").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def expected(text: str, doc: str | None, revision: int | None, title: str | None, indent: int | None) -> str:
    sha = __import__("hashlib").sha256(text.encode()).hexdigest()
    ref = DocumentRef(id=doc, revision=revision, sha256=sha, title=title)
    return extract(text, document=ref).to_json(indent=indent) + "\n"


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EDIT, encoding="utf-8")
    db = tmp_path / "s.db"
    assert (
        run(
            "--store", str(db), "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--doc", "crocus"
        )[0]
        == 0
    )
    return db


def cache(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT sha256, claims FROM claims_cache ORDER BY sha256").fetchall()


@pytest.mark.parametrize(("fmt", "indent"), [("json", 2), ("jsonl", None)])
def test_a_stored_revision_missed_then_cached_is_the_models_json(
    stored: Path, fmt: str, indent: int | None
) -> None:
    with sqlite3.connect(stored) as con:
        con.execute("DELETE FROM claims_cache")
    title = STORY.split("\n", 1)[0]
    want = expected(STORY, "crocus", 1, title, indent)
    assert run("--store", str(stored), "claims", "crocus@1", "--format", fmt) == (0, want, "")
    entries = cache(stored)
    assert len(entries) == 1 and entries[0][1] == expected(STORY, "crocus", 1, title, None).rstrip("\n")
    assert run("--store", str(stored), "claims", "crocus@1", "--format", fmt) == (0, want, "")  # a hit


def test_a_cached_entry_from_another_revision_gets_this_revisions_document(stored: Path) -> None:
    (stored.parent / "c.txt").write_text(STORY, encoding="utf-8")  # A -> B -> A: revision 3 is A
    run("--store", str(stored), "ingest", str(stored.parent / "c.txt"), "--doc", "crocus")
    title = STORY.split("\n", 1)[0]
    assert run("--store", str(stored), "claims", "crocus@1", "--format", "jsonl")[0] == 0
    code, out, _ = run("--store", str(stored), "claims", "crocus@3", "--format", "json")
    assert (code, out) == (0, expected(STORY, "crocus", 3, title, 2))


def test_jsonl_of_files_and_revisions_is_one_models_line_each(stored: Path) -> None:
    a, b = str(stored.parent / "a.txt"), str(stored.parent / "b.txt")
    code, out, err = run(
        "--store", str(stored), "claims", a, "crocus@2", b, "--format", "jsonl", "--jobs", "1"
    )
    assert (code, err) == (0, "")
    title2 = EDIT.split("\n", 1)[0]
    assert out == (
        expected(STORY, None, None, STORY.split("\n", 1)[0], None)
        + expected(EDIT, "crocus", 2, title2, None)
        + expected(EDIT, None, None, title2, None)
    )


def test_jsonl_reports_an_unreadable_target_and_goes_on(stored: Path) -> None:
    code, out, err = run("--store", str(stored), "claims", "crocus@1", "crocus@9", "--format", "jsonl")
    assert code == 3 and len(out.splitlines()) == 1
    assert (
        err.splitlines()[0]
        == "attribtrack: error: document 'crocus' has no revision 9 (its revisions are 1-2)"
    )
    assert err.splitlines()[-1] == "attribtrack: error: 1 of 2 targets were not read"


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-5],  # cut off
        lambda raw: raw.replace('"kind": "direct"', '"kind": "bogus"', 1),  # one claim invalid
        lambda raw: raw.replace('"schema": "attribtrack.claims/1"', '"schema": "other"'),
        lambda raw: raw[:-1] + ', "extra": []}',
        lambda raw: raw + " []",
        lambda raw: "[]",
    ],
    ids=["cut", "claim", "schema", "extra-list", "trailing", "not-an-object"],
)
def test_a_corrupt_entry_is_recomputed_before_anything_is_written(stored: Path, damage) -> None:
    run("--store", str(stored), "claims", "crocus@1", "--format", "jsonl")
    [(sha, raw)] = cache(stored)
    with sqlite3.connect(stored) as con:
        con.execute("UPDATE claims_cache SET claims = ?", (damage(raw),))
    title = STORY.split("\n", 1)[0]
    assert run("--store", str(stored), "claims", "crocus@1", "--format", "json") == (
        0, expected(STORY, "crocus", 1, title, 2), "")  # fmt: skip
    assert cache(stored) == [(sha, raw)]  # replaced by the recomputed entry


def test_a_valid_entry_not_written_as_attribtrack_writes_it_is_the_models_dump() -> None:
    """Whitespace, key order and an omitted default (``entities``): what
    ``Claims.model_validate_json`` makes of the entry is written, not the entry."""
    ref = DocumentRef(id="d", revision=2, sha256="0" * 64)
    claims = extract(STORY, document=ref)
    data = claims.to_dict()
    data.pop("entities")
    for claim in data["claims"]:
        claim.pop("via")  # a default too
    raw = json.dumps(dict(reversed(list(data.items()))), indent=3)
    model = Claims.model_validate_json(raw)
    for indent in (None, 2):
        assert "".join(cached_chunks(raw, ref.to_dict(), indent)) == model.to_json(indent=indent)


def test_a_read_only_store_is_read_and_its_cache_left_unfilled(stored: Path) -> None:
    con = sqlite3.connect(stored)
    con.execute("DELETE FROM claims_cache")
    con.commit()
    con.close()  # the last writer gone: nothing left in a -wal file
    os.chmod(stored, 0o444)
    argv = [
        sys.executable,
        "-m",
        "attribtrack",
        "--store",
        str(stored),
        "claims",
        "crocus@2",
        "--format",
        "jsonl",
    ]
    try:
        # Root writes a 0444 file: as root (CI), the store's folder is a read-only bind mount instead.
        got = subprocess.run(
            _read_only_argv(stored.parent, argv), capture_output=True, text=True, timeout=120
        )
        assert (got.returncode, got.stderr) == (0, "")
        assert got.stdout == expected(EDIT, "crocus", 2, EDIT.split("\n", 1)[0], None)
    finally:
        os.chmod(stored, 0o644)
    assert cache(stored) == []


#: attribtrack's CLI in a child that prints its own VmHWM (kB) on stderr as it exits.
CHILD = """
import atexit, sys
def _hwm():
    with open("/proc/self/status") as status:
        sys.stderr.write(next(l.split()[1] for l in status if l.startswith("VmHWM:")))
atexit.register(_hwm)
from attribtrack.cli import main
main()
"""


def peak_mb(*args: str, cwd: Path) -> float:
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=600, check=True)  # fmt: skip
    return int(proc.stderr.decode().split()[-1]) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc")
def test_claims_of_a_large_document_are_never_held_whole(tmp_path: Path) -> None:
    """2 MB of news, each figure the growth of the peak over one story's. Models of the claims
    took (before) 207 MB for a cached revision's JSON, 145 MB for its line, 126 MB for a file's
    line, 138 MB for a revision extracted then; in pieces 23, 24, 30 and 70 MB (a new extraction
    holds the claims' compact JSON twice to cache it, and SQLite a UTF-8 copy)."""
    unit = STORY.rstrip() + "\n\n"
    (tmp_path / "big.txt").write_text(unit * (2_000_000 // len(unit)), encoding="utf-8")
    (tmp_path / "small.txt").write_text(unit, encoding="utf-8")
    store = ("--store", "s.db")
    for name in ("big", "small"):
        subprocess.run([sys.executable, "-m", "attribtrack", *store, "ingest", f"{name}.txt"], cwd=tmp_path,
                       check=True, capture_output=True)  # fmt: skip
    base = peak_mb(*store, "claims", "small@1", "--format", "json", cwd=tmp_path)
    cases = [
        ("big@1", "jsonl", 100),  # a miss: extracted, cached
        ("big@1", "json", 45),  # hits
        ("big@1", "jsonl", 45),
        ("big.txt", "jsonl", 55),
    ]
    for target, fmt, most in cases:
        grown = peak_mb(*store, "claims", target, "--format", fmt, cwd=tmp_path) - base
        assert grown < most, f"claims {target} --format {fmt}: {grown:.0f} MB more than for one story"
