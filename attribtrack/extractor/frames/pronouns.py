"""A subject pronoun is a whole source: 'Maybe she', 'This time he', 'he, once again,' -> the pronoun.

A personal pronoun in the subject case ("I", "he", "she", "we", "they") takes no modifiers, so the
words a source phrase caught before it ('Recently she said ...', 'The one thing he wanted ...')
or the aside after it ('He, for his part, said ...') are not the source; PolNeAR marks the
pronoun that is the cue's subject. 'Ruiz and I said' (a coordination) stays whole. Invented
examples.
"""

from __future__ import annotations

from attribtrack.extractor.frames.view import Frame, SentenceView

#: the subject forms of the personal pronouns
SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "we", "they"})


def with_pronoun_heads(v: SentenceView, out: list[Frame]) -> None:
    """Cut each frame's source to its subject pronoun, when the pronoun ends the phrase or an
    aside follows it."""
    for f in out:
        toks = f.source_tokens
        if f.source is None or len(toks) < 2:
            continue
        for k, x in enumerate(toks):
            if x.low not in SUBJECT_PRONOUNS:
                continue
            last = k == len(toks) - 1
            aside = k + 1 < len(toks) and toks[k + 1].text == ","
            if (last and k > 0 and toks[k - 1].low in ("and", "or", "nor")) or not (last or aside):
                break
            f.source = (x.start, x.end)
            f.source_tokens = [x]
            f.appositive = None
            break
