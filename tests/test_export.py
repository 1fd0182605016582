"""``attribtrack export``: claims, changes and revisions as Parquet, JSON Lines and CSV; the
README's DuckDB query run over a real export."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from attribtrack.cli import cli
from attribtrack.export import CLAIMS, TABLES, arrow_schema, columns_markdown

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
CROCUS = FIXTURES / "crocus.txt"
CROCUS2 = FIXTURES / "crocus-rev2.txt"


def run(*args: str | os.PathLike[str]) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Two revisions of the wire story (Reuters, published), a rewrite of it (AP) and the
    source documents, in a fresh SQLite store."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ATTRIBTRACK_STORE", raising=False)
    return _fill(str(tmp_path / "store.db"), tmp_path)


def _fill(where: str, tmp_path: Path) -> str:
    rewrite = tmp_path / "rewrite.txt"
    rewrite.write_text(
        CROCUS.read_text(encoding="utf-8").replace("Peskov", "Peskov-Ivanov"), encoding="utf-8"
    )
    steps = [
        ("ingest", CROCUS, CROCUS2, "--doc", "crocus", "--outlet", "Reuters", "--published", "2024-04-03"),
        (
            "ingest",
            rewrite,
            "--doc",
            "rewrite",
            "--outlet",
            "Associated Press",
            "--published",
            "2024-04-04T09:30:00Z",
        ),
        ("ingest", *sorted((FIXTURES / "sources").glob("*.md"))),
    ]
    for step in steps:
        result = run("--store", where, *step)
        assert result.exit_code == 0, result.output
    return where


def _json(result: Result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _expected_claims(store: str, refs: list[str]) -> list[dict]:
    """The rows, built here from the ``claims --format json`` contract of each revision."""
    rows = []
    for ref in refs:
        doc = _json(run("--store", store, "claims", ref, "--format", "json"))
        for c in doc["claims"]:
            source, cue = c["source"] or {}, c["cue"] or {}
            rows.append({
                "document": doc["document"]["id"], "revision": doc["document"]["revision"],
                "sha256": doc["document"]["sha256"], "claim": c["id"], "kind": c["kind"],
                "source": source.get("name"), "source_type": source.get("type"),
                "source_role": source.get("role"), "cue": cue.get("text"), "cue_class": cue.get("class"),
                "via": [r["name"] for r in c["via"]], "confirmed_by": [r["name"] for r in c["confirmed_by"]],
                "confirmations": len(c["confirmed_by"]), "hedges": [h["text"] for h in c["hedges"]],
                "text": c["text"], "start": c["span"][0], "end": c["span"][1],
                "content": " \u2026 ".join(p["text"] for p in c["content"]) or None,
                "content_spans": [{"start": p["span"][0], "end": p["span"][1]} for p in c["content"]],
            })  # fmt: skip
    return rows


def _refs(store: str) -> list[str]:
    """Every DOC@N of the store, documents by id, revisions oldest first (the export's order)."""
    from attribtrack.store import open_store

    with open_store(store) as st:
        return [f"{d.id}@{r.number}" for d in st.documents() for r in st.revisions(d.id)]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_claims_rows_follow_the_claims_contract(store: str, tmp_path: Path) -> None:
    result = run("--store", store, "export", "--what", "claims", "-o", "claims.jsonl")
    rows = _jsonl(tmp_path / "claims.jsonl")
    assert (
        result.exit_code == 0
        and result.stdout == f"exported {len(rows)} claims rows to claims.jsonl (jsonl)\n"
    )
    expected = _expected_claims(store, _refs(store))
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected
    assert all(list(r) == sorted(c.name for c in CLAIMS) for r in rows)  # every column, sorted keys
    by_doc = {(r["document"], r["outlet"], r["published"], r["published_date"]) for r in rows}
    assert ("crocus", "Reuters", "2024-04-03", "2024-04-03") in by_doc
    assert ("rewrite", "Associated Press", "2024-04-04T09:30:00Z", "2024-04-04") in by_doc
    assert {r["revision"] for r in rows if r["document"] == "crocus"} == {1, 2}


def test_parquet_has_the_declared_schema_and_the_same_rows(store: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert run("--store", store, "export", "-o", "claims.parquet").exit_code == 0
    assert run("--store", store, "export", "-o", "claims.jsonl").exit_code == 0
    table = pq.read_table(tmp_path / "claims.parquet")
    assert table.schema.equals(arrow_schema("claims"), check_metadata=True)
    assert table.schema.metadata[b"attribtrack.schema"] == b"attribtrack.export.claims/1"
    got = table.to_pylist()
    for row in got:
        row["published_date"] = row["published_date"] and row["published_date"].isoformat()
    assert got == _jsonl(tmp_path / "claims.jsonl")


def test_csv_header_and_cells(store: str, tmp_path: Path) -> None:
    assert run("--store", store, "export", "crocus@2", "--format", "csv", "-o", "c.txt").exit_code == 0
    assert run("--store", store, "export", "crocus@2", "-o", "c.jsonl").exit_code == 0
    reader = csv.DictReader(io.StringIO((tmp_path / "c.txt").read_text(encoding="utf-8")))
    assert reader.fieldnames == [c.name for c in CLAIMS]
    for row, want in zip(reader, _jsonl(tmp_path / "c.jsonl"), strict=True):
        assert row["via"] == json.dumps(want["via"], ensure_ascii=False)
        assert row["content_spans"] == json.dumps(want["content_spans"], sort_keys=True)
        assert row["source"] == (want["source"] or "") and int(row["start"]) == want["start"]


def test_output_is_deterministic_and_the_same_for_any_jobs(store: str, tmp_path: Path) -> None:
    for i in range(6):  # enough revisions for worker processes
        doc = tmp_path / f"more{i}.txt"
        doc.write_text(CROCUS2.read_text(encoding="utf-8").replace("Peskov", f"Peskov{i}"), encoding="utf-8")
        assert run("--store", store, "ingest", doc).exit_code == 0
    for fmt in ("parquet", "jsonl", "csv"):
        outputs = []
        for jobs in ("1", "2", "2"):
            assert run("--store", store, "export", "--jobs", jobs, "-o", f"out-{jobs}.{fmt}").exit_code == 0
            outputs.append((tmp_path / f"out-{jobs}.{fmt}").read_bytes())
        assert outputs[0] == outputs[1] == outputs[2]


def test_revisions_match_log(store: str, tmp_path: Path) -> None:
    assert run("--store", store, "claims", "crocus@1", "--format", "json").exit_code == 0  # one cached
    assert run("--store", store, "export", "crocus", "--what", "revisions", "-o", "r.jsonl").exit_code == 0
    log = _json(run("--store", store, "log", "crocus", "--format", "json"))
    rows = _jsonl(tmp_path / "r.jsonl")
    assert [
        (r["revision"], r["sha256"], r["ingested_at"], r["bytes"], r["chars"], r["claims"]) for r in rows
    ] == [
        (r["number"], r["sha256"], r["ingested_at"], r["size"], r["chars"], r["claims"])
        for r in log["revisions"]
    ]
    assert rows[0]["claims"] is not None and rows[1]["claims"] is None
    assert {r["outlet"] for r in rows} == {"Reuters"}
    assert list(rows[0]) == sorted(c.name for c in TABLES["revisions"])


def test_changes_match_the_recorded_events(store: str, tmp_path: Path) -> None:
    from attribtrack.store import ChangeEvent, open_store

    with open_store(store) as st:
        events = [
            ChangeEvent("quote-altered", "c4", "c4", "a word changed", {"w": 1}),
            ChangeEvent("claim-added", None, "c9", "new claim"),
        ]
        st.record_changes("crocus", 1, 2, events)
    assert run("--store", store, "export", "--what", "changes", "-o", "ch.csv").exit_code == 0
    recorded = _json(run("--store", store, "changes", "--format", "json"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "ch.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], r["type"], r["old_claim"], r["detail"]) for r in rows] == [
        (e["id"], e["type"], e["old_claim"] or "", e["detail"]) for e in recorded["changes"]
    ]
    assert json.loads(rows[0]["data"]) == {"w": 1} and rows[0]["outlet"] == "Reuters"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("nosuch",), 3, "nosuch: no such stored document"),
        (("crocus@7",), 3, "document 'crocus' has no revision 7"),
        (("-o", "out.xlsx"), 2, "cannot tell the format of 'out.xlsx' (pass --format parquet|jsonl|csv)"),
        (("-o", "missing/dir/out.jsonl"), 3, "missing/dir/out.jsonl: no such directory 'missing/dir'"),
    ],
)
def test_errors_leave_no_file(
    store: str, tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    (tmp_path / "out.jsonl").write_text("an earlier export\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    full = list(args) if "-o" in args else [*args, "-o", "out.jsonl"]
    result = run("--store", store, "export", *full)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(f"attribtrack: error: {message}")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "an earlier export\n"


def test_a_failed_rename_leaves_no_half_file(store: str, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("--store", store, "export", "--format", "parquet", "-o", "taken")
    assert result.exit_code == 3 and result.stderr.startswith(
        "attribtrack: error: taken: cannot write (Is a directory)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before and not any((tmp_path / "taken").iterdir())


def test_no_store_is_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ATTRIBTRACK_STORE", raising=False)
    result = run("export", "-o", "x.jsonl")
    assert result.exit_code == 3 and not (tmp_path / "x.jsonl").exists()


def test_without_pyarrow_parquet_names_the_scale_extra(store: str, tmp_path: Path) -> None:
    """A real interpreter in which pyarrow cannot be imported (sys.modules entry None)."""
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from attribtrack.cli import main\n"
        f"sys.argv = ['attribtrack', '--store', {store!r}, 'export', '-o', 'x.parquet']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert re.fullmatch(
        r"attribtrack: error: --format parquet needs pyarrow \(.*\) \(pip install 'attribtrack\[scale\]'\)\n",
        proc.stderr,
    )
    assert not (tmp_path / "x.parquet").exists()
    ok = run("--store", store, "export", "-o", "x.jsonl")  # JSON Lines and CSV need no pyarrow
    assert ok.exit_code == 0


def test_both_backends_export_the_same_rows(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _fill(store_url, tmp_path)
    assert run("--store", store_url, "export", "--jobs", "2", "-o", "a.jsonl").exit_code == 0
    rows = _jsonl(tmp_path / "a.jsonl")
    expected = _expected_claims(store_url, _refs(store_url))
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected


def _readme_query() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- duckdb:start -->\s*```sql\n(.*?)```\s*<!-- duckdb:end -->", readme, re.S)
    assert found, "README: the DuckDB query between <!-- duckdb:start --> and <!-- duckdb:end -->"
    return found.group(1)


def test_the_readme_duckdb_query_over_a_real_export(store: str, tmp_path: Path) -> None:
    """The query exactly as the README prints it: the ten most-cited sources per outlet."""
    import duckdb

    assert run("--store", store, "export", "-o", "claims.parquet").exit_code == 0
    assert run("--store", store, "export", "-o", "claims.jsonl").exit_code == 0
    got = duckdb.connect().execute(_readme_query()).fetchall()
    counts: dict[tuple[str, str], int] = {}
    for r in _jsonl(tmp_path / "claims.jsonl"):
        if r["source"] is not None and r["outlet"] is not None:
            counts[(r["outlet"], r["source"])] = counts.get((r["outlet"], r["source"]), 0) + 1
    expected = []
    for outlet in sorted({o for o, _ in counts}):
        ranked = sorted(((-n, s) for (o, s), n in counts.items() if o == outlet))[:10]
        expected.extend((outlet, s, -n) for n, s in ranked)
    assert got == expected
    assert {o for o, _, _ in got} >= {"Reuters", "Associated Press"} and len(got) > 2


@pytest.mark.parametrize("what", sorted(TABLES))
def test_readme_documents_every_column(what: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert columns_markdown(what) in readme, f"README: paste attribtrack.export.columns_markdown({what!r})"
