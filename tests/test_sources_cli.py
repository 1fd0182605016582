"""`attribtrack verify` and `attribtrack sources` end to end: the real extractor on the seed
article, source documents from --source files or ingested into a store, and AT202 in CI formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pydot
import pytest
from click.testing import CliRunner

from attribtrack.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = str(ROOT / "fixtures" / "crocus.txt")
SOURCE_FILES = sorted(str(p) for p in (ROOT / "fixtures" / "sources").glob("*.md"))
SOURCE_ARGS = [arg for path in SOURCE_FILES for arg in ("--source", path)]

# pydot's parser (pyparsing) warns about its own use of deprecated names
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _no_store_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where no .attribtrack/ store can be found upward, and with no ATTRIBTRACK_STORE."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ATTRIBTRACK_STORE", raising=False)


@pytest.fixture
def store(tmp_path: Path) -> str:
    db = str(tmp_path / "store.db")
    code, _, err = run("--store", db, "ingest", *SOURCE_FILES)
    assert code == 0, err
    code, _, err = run("--store", db, "ingest", ARTICLE, "--doc", "crocus")
    assert code == 0, err
    return db


def by_quote(data: dict, words: str) -> dict:  # type: ignore[type-arg]
    return next(q for q in data["quotes"] if any(words in s["text"] for s in q["segments"]))


def check_verdicts(data: dict, ref) -> None:  # type: ignore[no-untyped-def,type-arg]
    """The verdicts the seed article must get against the fixtures (``ref`` names a fixture)."""
    putin = by_quote(data, "provocative statements")
    assert putin["verdict"] == "altered"
    seg = next(s for s in putin["segments"] if s["text"] == "provocative statements")
    assert seg["changes"] == [
        {"op": "replaced", "quote": "provocative statements", "source": "provocative statement"}
    ]
    assert seg["found"][0]["document"] == ref("kremlin-putin-fsb-board")
    assert by_quote(data, "This is not our area")["verdict"] == "truncated-or-spliced"
    assert by_quote(data, "concrete, timely, and credible")["verdict"] == "verbatim"
    assert by_quote(data, "too general")["verdict"] == "verbatim"
    assert by_quote(data, "ultimate criminal beneficiaries")["verdict"] == "not-found"
    support = {s["speaker"]: s for s in data["support"] if s["verdict"] != "no-document"}
    assert support["The Washington Post"]["verdict"] == "supported"
    assert support["Dmitry Peskov"]["verdict"] == "supported"
    assert support["intelligence sources"]["verdict"] == "unsupported"
    assert {c["outlet"] for c in data["corroborations"]} == {"The New York Times"}


def test_verify_json_with_source_files() -> None:
    code, out, err = run("verify", ARTICLE, *SOURCE_ARGS, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "attribtrack.verify/1"
    check_verdicts(data, lambda stem: str(ROOT / "fixtures" / "sources" / f"{stem}.md"))


def test_verify_against_the_store(store: str) -> None:
    code, out, err = run("--store", store, "verify", "crocus", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    check_verdicts(data, lambda stem: f"{stem}@1")
    # the article itself is not one of its sources
    assert "crocus" not in {s["id"] for s in data["sources"]} and len(data["sources"]) == 7


def test_verify_is_deterministic(store: str) -> None:
    first = run("--store", store, "verify", ARTICLE, "--format", "json")[1]
    assert first == run("--store", store, "verify", ARTICLE, "--format", "json")[1]


def test_verify_text(store: str) -> None:
    code, out, _ = run("--store", store, "verify", "crocus")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "crocus@1: 12 quotes and 9 reported claims against 7 source documents"
    assert "      'provocative statements' vs 'provocative statement'" in lines
    assert any(
        line.startswith(
            "    the pieces of this quote stand apart in the source: 'This is not our area of expertise'"
        )
        for line in lines
    )
    assert lines[-1].startswith(
        "summary: 4 verbatim, 1 altered, 1 truncated-or-spliced, 2 not-found, 4 supported"
    )


def test_sources_dot_draws_the_seed_graph(store: str) -> None:
    code, out, err = run("--store", store, "sources", "crocus", "--format", "dot")
    assert code == 0, err
    (graph,) = pydot.graph_from_dot_data(out)
    edges = {
        (e.get_source().strip('"'), e.get_destination().strip('"'), e.get_label()) for e in graph.get_edges()
    }
    pairs = {(s, d) for s, d, _ in edges}
    assert ("dmitry-peskov", "kremlin") in pairs
    assert ("sergei-naryshkin", "interfax") in pairs
    assert ("lynne-tracy", "telegram") in pairs
    assert any(s == "the-washington-post" and d == "the-new-york-times" and "confirmed by" in label
               for s, d, label in edges)  # fmt: skip


def test_sources_json_and_mermaid(store: str) -> None:
    data = json.loads(run("--store", store, "sources", "crocus", "--format", "json")[1])
    assert data["schema"] == "attribtrack.sources/1"
    rows = {r["speaker"]: r for r in data["claims"]}
    assert rows["Sergei Naryshkin"]["via"] == ["Interfax"]
    assert rows["The Washington Post"]["confirmed_by"] == ["The New York Times"]
    mermaid = run("--store", store, "sources", "crocus", "--format", "mermaid")[1]
    assert '  n_the_washington_post -.->|"confirmed by (c1, c2)"| n_the_new_york_times' in mermaid


def test_sources_table_without_any_store() -> None:
    code, out, err = run("sources", ARTICLE)
    assert code == 0, err
    assert "Naryshkin" in out and "Interfax" in out
    assert "crocus mall" in out.splitlines()[0]


def test_verify_needs_source_documents() -> None:
    code, out, err = run("verify", ARTICLE)
    assert code == 3
    assert out == ""
    assert err.startswith("attribtrack: error: no attribtrack store") and err.count("\n") == 1


def test_unreadable_source_is_an_input_error(tmp_path: Path) -> None:
    code, _, err = run("verify", ARTICLE, "--source", str(tmp_path / "missing.md"))
    assert code == 3
    assert err.count("\n") == 1 and "missing.md" in err


def test_bad_format_is_a_usage_error() -> None:
    code, _, err = run("sources", ARTICLE, "--format", "svg")
    assert code == 2


# --- AT202 in the CI formats -----------------------------------------------------------------


def at202(store: str, fmt: str) -> tuple[int, str]:
    code, out, _ = run("--store", store, "check", ARTICLE, "--format", fmt, "--select", "AT2")
    return code, out


def test_at202_json(store: str) -> None:
    code, out = at202(store, "json")
    assert code == 1
    findings = [f for f in json.loads(out)["findings"] if f["code"] == "AT202"]
    altered = next(f for f in findings if "provocative" in f["message"])
    assert altered["message"] == (
        'quote "provocative statements" differs from kremlin-putin-fsb-board@1: '
        "'provocative statements' vs 'provocative statement'"
    )
    text = Path(ARTICLE).read_text(encoding="utf-8")
    assert text[altered["span"][0] : altered["span"][1]] == "provocative statements"
    assert altered["severity"] == "error"


def test_at202_sarif(store: str) -> None:
    _, out = at202(store, "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert any(r["ruleId"] == "AT202" and "'provocative statement'" in r["message"]["text"] for r in results)


def test_at202_github(store: str) -> None:
    _, out = at202(store, "github")
    assert any(line.startswith("::error file=") and "AT202" in line and "provocative statement" in line
               for line in out.splitlines())  # fmt: skip


def test_at202_junit(store: str) -> None:
    _, out = at202(store, "junit")
    root = ET.fromstring(out)
    failures = [
        f
        for f in root.iter("failure")
        if "provocative statement" in (f.get("message") or "") + (f.text or "")
    ]
    assert failures


def test_seed_article_without_a_store_has_no_at202() -> None:
    code, out, _ = run("check", ARTICLE, "--format", "json", "--select", "AT2")
    assert [f["code"] for f in json.loads(out)["findings"]] == ["AT201"]
    assert code == 0


def test_source_ingested_with_flags_instead_of_front_matter(tmp_path: Path) -> None:
    db = str(tmp_path / "flags.db")
    statement = tmp_path / "statement.txt"
    statement.write_text(
        "Statement\n\nWe will never accept these terms, and we say so plainly.\n", encoding="utf-8"
    )
    draft = tmp_path / "draft.txt"
    draft.write_text('"We will accept these terms," Minister Anna Petrova wrote on Telegram.\n', "utf-8")
    flags = ["--kind", "source", "--speaker", "Anna Petrova", "--channel", "Telegram"]
    flags += ["--published", "2024-05-02"]
    code, _, err = run("--store", db, "ingest", str(statement), *flags)
    assert code == 0, err
    data = json.loads(run("--store", db, "verify", str(draft), "--format", "json")[1])
    (q,) = data["quotes"]
    assert q["verdict"] == "altered"
    assert q["candidates"] == ["statement@1"]
    assert q["segments"][0]["changes"] == [{"op": "added", "quote": "will", "source": "will never"}]


def test_at203_names_cited_outlets_without_documents(tmp_path: Path) -> None:
    db = str(tmp_path / "partial.db")
    assert run("--store", db, "ingest", *[p for p in SOURCE_FILES if "interfax" in p])[0] == 0
    code, out, _ = run("--store", db, "check", ARTICLE, "--format", "json", "--select", "AT203")
    assert code == 0  # info only
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert "no ingested document of The Washington Post, which this draft cites" in messages
    assert "no ingested document of Reuters, which this draft cites" in messages
    assert not any("Interfax" in m for m in messages)
    assert len(messages) == len(set(messages))  # once per outlet
