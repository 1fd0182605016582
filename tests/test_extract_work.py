"""Work done per claim, counted (not timed): what a long text repeats is worked out once."""

from __future__ import annotations

import json

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


def test_claims_are_held_as_tuples_until_written() -> None:
    """Every claim is held until the text is over (they are numbered in text order): as tuples
    and spans, never as the dicts written (twice the memory: 50 MB of news held 340,000)."""
    unit = (
        "Carl Weber told Reuters on Monday that the dam held. Ana Ruiz reportedly said it leaked.\n\n"
        "Ana Ruiz said, without evidence, that it broke. The company later confirmed it.\n\n"
    )
    run = pipeline._run(unit * 20, None)
    drafts = run.assembly.drafts
    assert len(drafts) == 60

    def dicts(value: object) -> int:
        if isinstance(value, dict):
            return 1
        if isinstance(value, (tuple, list)):
            return sum(dicts(v) for v in value)
        return 0

    assert sum(dicts(d) for d in drafts) == 0
    claims = list(run.assembly.values("2024-03-06")[0])
    model = extract(unit * 20, published="2024-03-06").to_dict()["claims"]
    assert json.dumps(claims, sort_keys=True) == json.dumps(model, sort_keys=True)
    assert claims[0]["via"][0]["name"] == "Reuters" and claims[0]["date"]["text"] == "Monday"
    assert claims[1]["hedges"][0]["text"] == "reportedly"
    assert claims[2]["confirmed_by"][0]["name"] == "The company"


def test_the_collector_skips_the_held_claims_while_they_are_written() -> None:
    """The drafts of every claim are made with the collector off; while they are written it is on
    again, but past them (frozen): its passes walked them all, a tenth of the time of a text of
    short claims. After the writing (or if it stops early) nothing stays frozen."""
    import gc

    from attribtrack.extractor.pipeline import extract_json

    doc = {"id": None, "revision": None, "sha256": "0" * 64, "title": None}
    text = "Carl Weber said the dam held.\n\n" * 200
    before = gc.get_freeze_count()
    chunks = extract_json(text, document=doc, indent=2)
    next(chunks)
    assert gc.isenabled() and gc.get_freeze_count() > before + 200
    assert "".join(chunks).count('"id": "c') == 200
    assert gc.get_freeze_count() == before
    stopped = extract_json(text, document=doc, indent=None)
    next(stopped)
    stopped.close()
    assert gc.get_freeze_count() == before
