"""Memory the extractor holds while it works, measured (tracemalloc), never timed.

The claims themselves are held to the end (they are numbered in text order); what must not grow
with the text is what is held *besides* them: the sentences, tokens and frames of the stages."""

from __future__ import annotations

import tracemalloc

from attribtrack.extractor.pipeline import _run


def _held_besides_the_claims(text: str) -> int:
    """Peak traced bytes of a run less the bytes still held once it is over (its claims)."""
    _run(text[:200], None)  # the lexicon and registry, loaded outside the measurement
    tracemalloc.start()
    try:
        run = _run(text, None)
        final, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert run.assembly.drafts  # the claims, still held
    return peak - final


def _per_extra_sentence(unit: str) -> float:
    small = _held_besides_the_claims(unit * 3000 + "\n")
    large = _held_besides_the_claims(unit * 12000 + "\n")
    return (large - small) / 9000


# A paragraph of 3,000 or 12,000 claims: its sentences, with their tokens and frames, were all held
# until its end (about 1,150 bytes a sentence, 200 MB for 1 MB of text). Now only each sentence's
# span is (the plan of the paragraph: some 80 bytes).


def test_one_long_paragraph_of_claims_is_not_held_whole() -> None:
    assert _per_extra_sentence("He said so. ") < 250


def test_one_long_paragraph_of_quotations_is_not_held_whole() -> None:
    assert _per_extra_sentence('"Yes," she said. ') < 250
