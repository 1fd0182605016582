"""Transcript labels ("RUIZ: The ferry runs"), counted over the whole text before the paragraphs
are framed: the count reads the sentence's opening without tokenizing it (a text of labelled lines
was tokenized twice), and must find exactly what the tokens would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from attribtrack.extractor.lexicon import lexicon
from attribtrack.extractor.normalise import normalise
from attribtrack.extractor.pipeline import _label_head, _label_tokens
from attribtrack.extractor.segment import paragraphs, quotes, sentences, tokens

_PIECES = [
    "RUIZ", "Ruiz", "ruiz", "U.S.", "Jean-Pierre", "O'Neill's", "Q", "1", ":", " :", ": ", "::",
    '"', "\u201c", "\u201d", " ", "  ", "\n", "-", "\u2014", "said", "The ferry runs.", ". ", "?",
    "x", "\u00ad", "a.m.", "'", ",",
]  # fmt: skip


def _by_tokens(norm: str, sa: int, sb: int, qs: list) -> tuple[int, int, str, str] | None:
    """The reference: what _count_label reads of the sentence's tokens."""
    t = _label_tokens(tokens(norm, sa, sb), qs)
    if len(t) > 2 and t[0].cap and t[1].text == ":":
        return (t[0].start, t[0].end, t[0].text, t[0].low)
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_label_head_is_what_the_tokens_say(pieces: list[str]) -> None:
    text = "".join(pieces)
    norm, lex = normalise(text), lexicon()
    for pa, pb in paragraphs(norm):
        qs = quotes(norm, text, pa, pb)
        for sa, sb in sentences(norm, pa, pb, qs, lex):
            head = _label_head(norm, sa, sb, qs)
            got = None if head is None else (head.start, head.end, head.text, head.low)
            assert got == _by_tokens(norm, sa, sb, qs), (text, norm[sa:sb])


def test_label_heads() -> None:
    text = 'RUIZ: The ferry runs.\n\n"PENCE: We will.\n\n"Closed: quote" here.\n\nLook:\n\nU.S.: no.'
    norm, lex = normalise(text), lexicon()
    found = []
    for pa, pb in paragraphs(norm):
        qs = quotes(norm, text, pa, pb)
        for sa, sb in sentences(norm, pa, pb, qs, lex):
            head = _label_head(norm, sa, sb, qs)
            found.append(head.text if head else None)
    assert found == ["RUIZ", "PENCE", None, None, "U.S."]
