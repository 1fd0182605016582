"""Work done per claim, counted (not timed): what a long text repeats is worked out once."""

from __future__ import annotations

import json

import pytest

from attribtrack.extractor import pipeline
from attribtrack.extractor.pipeline import extract
from attribtrack.extractor.repeats import SentenceMemo


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


@pytest.mark.parametrize("how", ["extract_json", "extract", "extract_plain"])
def test_the_collector_does_not_walk_the_extraction_again(how: str) -> None:
    """What the extraction makes, it makes with the collector paused, so it is all "young" when
    the collector comes back on, and its next passes would walk every object of every claim (a
    tenth of the time of a text of short claims; 40% building the models): it is settled into the
    oldest generation instead (and nothing stays frozen)."""
    import gc

    text = "Carl Weber said the dam held.\n\n" * 500
    doc = {"id": None, "revision": None, "sha256": "0" * 64, "title": None}
    gc.collect()
    frozen = gc.get_freeze_count()
    if how == "extract_json":
        chunks = pipeline.extract_json(text, document=doc, indent=2)
        next(chunks)  # extracted: the claims are held, to be written
        held = None
    else:
        held = getattr(pipeline, how)(text)
    young = len(gc.get_objects(generation=0))
    assert gc.isenabled() and young < 500, young  # not the thousands of the 500 claims
    assert gc.get_freeze_count() == frozen
    if how == "extract_json":
        assert "".join(chunks).count('"id": "c') == 500
    else:
        assert len(held.claims if how == "extract" else held["claims"]) == 500  # type: ignore[union-attr,index]


def test_objects_the_program_keeps_frozen_stay_frozen() -> None:
    """A pre-fork server freezes what it has before forking; an extraction's settling (a freeze and
    a thaw) must not thaw those too (it did: the freeze count went back to 0)."""
    import gc

    kept = [object() for _ in range(100)]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert before >= len(kept)
        extract("Carl Weber said the dam held.\n")
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def framed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sentences the frame finders are run on, in order, from now on."""
    from attribtrack.extractor.frames import sentence

    found: list[str] = []
    real = sentence.find_frames

    def counted(v, cues):  # type: ignore[no-untyped-def]
        found.append(v.norm[v.sent[0] : v.sent[1]])
        return real(v, cues)

    monkeypatch.setattr(sentence, "find_frames", counted)
    return found


def test_a_repeated_sentence_is_framed_twice_and_then_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    """The frames of a sentence met again are moved into place, not found again: after its
    second occurrence, a sentence costs no frame finding (a text of 80,000 short claims spent a
    third of its time there); the claims are those found without it."""
    found = framed(monkeypatch)
    unit = (
        'Carl Weber said the dam held. "It held," he said. The river rose.\n\n'
        '"The pier will reopen. He said so." Ana Ruiz said the pier would reopen.\n\n'
        "He said so.\n\n"
    )
    claims = extract(unit * 40).claims
    assert sorted(set(found)) == sorted(
        ['"It held," he said.', "Ana Ruiz said the pier would reopen.", "Carl Weber said the dam held.",
         '"The pier will reopen. He said so."', "He said so.", "The river rose."]
    )  # fmt: skip
    assert len(found) == 2 * 6  # each sentence twice (the second time, its frames are kept)
    assert len(claims) == 40 * 4
    n = len(unit)  # each claim in its own place
    assert [c.source.span for c in claims[:5:4] if c.source] == [(0, 10), (n, n + 10)]
    monkeypatch.setattr(SentenceMemo, "LONGEST", 0)  # nothing remembered: the same claims
    assert extract(unit * 40).claims == claims
    assert len(found) == 2 * 6 + 40 * 6


def test_what_a_repeated_sentence_has_none_of_is_not_searched_for_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sentence met again is not searched again for the names, outlets, hedges and dates an
    earlier occurrence had none of; one that had some is searched every time (each occurrence has
    its own), and so is a sentence whose original text differs (curly marks normalise alike)."""
    searched: list[str] = []
    real = pipeline._person_names

    def counted(toks, text, lex, lookup):  # type: ignore[no-untyped-def]
        searched.append(text[toks[0].start : toks[-1].end])
        return real(toks, text, lex, lookup)

    monkeypatch.setattr(pipeline, "_person_names", counted)
    unit = "He said so.\n\nCarl Weber said the dam held.\n\n\u201cIt held,\u201d he said.\n\n"
    straight = '"It held," he said.\n\n'
    claims = extract((unit + straight) * 30).claims
    assert len(claims) == 30 * 4
    assert searched.count("He said so.") == 2  # the second time, it is noted: no names
    assert searched.count("Carl Weber said the dam held.") == 30
    # the same sentence once normalised: kept as its second occurrence (straight marks) reads
    assert searched.count('"It held," he said.') == 1
    assert searched.count("\u201cIt held,\u201d he said.") == 30
    monkeypatch.setattr(SentenceMemo, "LONGEST", 0)  # nothing remembered: the same claims
    assert extract((unit + straight) * 30).claims == claims


def test_what_repeated_sentences_keep_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept sentences hold at most SentenceMemo.TOKENS tokens (50 MB of repeated news kept 86
    MB without a bound): past it, a sentence met again is made again, with the same claims."""
    found = framed(monkeypatch)
    unit = "Carl Weber said the dam held.\n\nHe said so.\n\n"  # 7 and 4 tokens, and one each
    claims = extract(unit * 20).claims
    assert len(found) == 4
    found.clear()
    monkeypatch.setattr(SentenceMemo, "TOKENS", 8)  # room for the first only
    assert extract(unit * 20).claims == claims
    assert found.count("Carl Weber said the dam held.") == 2
    assert found.count("He said so.") == 20
