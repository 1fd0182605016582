"""``claims --format json`` writes each claim straight from its draft (pipeline._claim_texts), not
through the models: the same bytes as the models' ``to_json``, on every fixture and on the
sentences whose claims use each field (a cue's class that reads its source, dates, via, hedges,
confirmations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribtrack.extractor import extract
from attribtrack.extractor.pipeline import extract_json
from attribtrack.models import DocumentRef

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md") and p.is_file())

SENTENCES = [
    "Poll: Ortiz leads Weber by nine points in the harbour race\n\nThe count starts on Monday.",
    "Mayor Ortiz holds a narrow lead over Weber in the latest Gazette poll.",
    "In a new Harbour Institute poll, 52 percent of islanders back the bridge.",
    'The dam held, Transport Minister Ana Ruiz told Reuters on April 2. "It will hold," she said.',
    "The plant will close next year, Reuters reported.\n\nThat was later confirmed by the company.",
    "Officials reportedly said the ferry might be delayed, according to the Daily Ledger.",
    "RUIZ: The ferry runs on time and the harbour is safe for everyone.",
    '"Taxes are far too high." \u2015 Ana Ruiz, a farmer',
]


def _same(text: str) -> None:
    doc = DocumentRef(sha256="0" * 64, id="d", revision=1)
    for indent in (None, 2, 4):
        assert "".join(extract_json(text, document=doc, indent=indent)) == extract(
            text, document=doc
        ).to_json(indent=indent)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_the_fixtures_are_written_as_the_models_write_them(path: Path) -> None:
    _same(path.read_text(encoding="utf-8"))


def test_every_field_is_written_as_the_models_write_it() -> None:
    _same("\n\n".join(SENTENCES) + "\n")
