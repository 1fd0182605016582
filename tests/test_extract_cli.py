"""The claims command: JSON contract, jsonl order, an 80-column table, errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from attribtrack.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CROCUS = str(ROOT / "fixtures" / "crocus.txt")


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_json_contract_shape() -> None:
    r = run("claims", CROCUS, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["schema"] == "attribtrack.claims/1"
    assert len(doc["document"]["sha256"]) == 64
    text = Path(CROCUS).read_text(encoding="utf-8")
    c4 = doc["claims"][3]
    assert c4["id"] == "c4" and c4["kind"] == "indirect"
    assert c4["source"]["name"] == "Dmitry Peskov"
    assert c4["source"]["mention"] == "Kremlin spokesman Dmitry Peskov"
    assert c4["source"]["role"] == "Kremlin spokesman"
    assert c4["cue"]["text"] == "said"
    assert c4["date"]["text"] == "April 3"
    for claim in doc["claims"]:
        a, b = claim["span"]
        assert text[a:b] == claim["text"]
        for part in claim["content"]:
            assert text[part["span"][0] : part["span"][1]] == part["text"]
    ents = {e["id"]: e for e in doc["entities"]}
    assert ents[c4["source"]["entity"]]["name"] == "Dmitry Peskov"


def test_jsonl_one_line_per_target_in_order(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Carl Weber said the dam held.\n", encoding="utf-8")
    b.write_text('"It held," Lena Hart said.\n', encoding="utf-8")
    r = run("claims", str(b), str(a), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(x) for x in lines)
    assert first["claims"][0]["source"]["name"] == "Lena Hart"
    assert second["claims"][0]["source"]["name"] == "Carl Weber"


def test_text_table_fits_80_columns() -> None:
    r = run("claims", CROCUS, env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert "Dmitry Peskov" in r.output and "Kremlin spokesman" in r.output
    assert max(len(line.rstrip()) for line in r.output.splitlines()) <= 80


def test_missing_file_is_an_input_error() -> None:
    r = run("claims", "no/such/file.txt")
    assert r.exit_code == 3
    assert "Traceback" not in r.output


def test_json_takes_one_target() -> None:
    r = run("claims", CROCUS, CROCUS, "--format", "json")
    assert r.exit_code == 2
