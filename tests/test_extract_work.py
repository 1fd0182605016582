"""Work done per claim, counted (not timed): what a long text repeats is worked out once."""

from __future__ import annotations

import pytest

from attribtrack.extractor import pipeline
from attribtrack.extractor.pipeline import extract


def test_a_repeated_source_mention_is_described_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = pipeline.describe

    def counted(toks, appositive, norm, orig, lex, lookup):  # type: ignore[no-untyped-def]
        calls.append(orig[toks[0].start : toks[-1].end])
        return real(toks, appositive, norm, orig, lex, lookup)

    monkeypatch.setattr(pipeline, "describe", counted)
    unit = "The county engineer, Carl Weber, said the dam held.\n\nHe said the river fell.\n\n"
    claims = extract(unit * 50).claims
    assert len(claims) == 100
    assert sorted(calls) == ["He", "The county engineer, Carl Weber,"]
    # each mention in its own place, as if described there
    assert [c.source.span for c in claims[:4] if c.source] == [(0, 32), (53, 55), (78, 110), (131, 133)]
    monkeypatch.setattr(pipeline._Global, "DESCRIBED", 0)  # nothing remembered: the same claims
    assert extract(unit * 50).claims == claims
    assert len(calls) == 2 + 100
