"""Properties of the extractor: any text, no exception; spans in bounds and true; deterministic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribtrack.extractor import extract

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

PIECES = st.sampled_from(
    [
        '"',
        "\u201c",
        "\u201d",
        "\u00ab",
        "\u00bb",
        "'",
        "\u2019",
        " said ",
        " told ",
        ", ",
        ". ",
        "\n\n",
        "\n",
        "According to ",
        " the ministry",
        "Peskov",
        " he ",
        "Reuters",
        " that ",
        ": ",
        " on April 2",
        "\u00a0",
        "\u00ad",
        "without evidence",
        " confirmed by ",
        "U.S. officials",
        " -- ",
        "?",
        "!",
        "''",
        "``",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
)


def check_spans(text: str) -> None:
    c = extract(text)
    for claim in c.claims:
        a, b = claim.span
        assert 0 <= a <= b <= len(text) and text[a:b] == claim.text
        parts = (
            [*claim.content, *claim.hedges]
            + ([claim.cue] if claim.cue else [])
            + ([claim.date] if claim.date else [])
        )
        for p in parts:
            s, e = p.span
            assert 0 <= s <= e <= len(text) and text[s:e] == p.text
        if claim.source:
            s, e = claim.source.span
            assert text[s:e] == claim.source.mention
    for ent in c.entities:
        for s, e in ent.mentions:
            assert 0 <= s < e <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text(text: str) -> None:
    check_spans(text)
    assert extract(text).to_json() == extract(text).to_json()


def test_crocus_fixture_spans() -> None:
    check_spans((ROOT / "fixtures" / "crocus.txt").read_text(encoding="utf-8"))


def test_crocus_gold_score(tmp_path: Path) -> None:
    gold = SHARED / "corpus" / "dev" / "crocus.gold.json"
    scorer = SHARED / "tools" / "gold_score.py"
    if not gold.exists() or not scorer.exists():
        pytest.skip("../shared is not beside the checkout")
    pred = tmp_path / "crocus.json"
    pred.write_text(extract((ROOT / "fixtures" / "crocus.txt").read_text(encoding="utf-8")).to_json())
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--min-f1", "0.95"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout


def test_same_bytes_across_processes_and_hash_seeds() -> None:
    code = (
        "import sys; from attribtrack.extractor import extract; "
        "sys.stdout.write(extract(open(sys.argv[1], encoding='utf-8').read()).to_json())"
    )
    outs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code, str(ROOT / "fixtures" / "crocus.txt")],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outs.add(out.stdout)
    assert len(outs) == 1 and outs.pop().startswith("{")
