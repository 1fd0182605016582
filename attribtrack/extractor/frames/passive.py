"""Passive frames: a claim whose source the sentence does not name.

'The contractor was accused of cutting corners.', 'The bridge is expected to reopen in May.'
(invented): the cue is the auxiliary and the participle, there is no source; when only a time
follows ('The closure was announced on Friday.'), the subject is the content. Also the
constructor every other shape uses for such a claim (:func:`unsourced`).
"""

from __future__ import annotations

from attribtrack.extractor.frames.content import content_forward, object_end
from attribtrack.extractor.frames.view import Frame, SentenceView, Span
from attribtrack.extractor.frames.words import PASSIVE_AUX


def passive(v: SentenceView, i: int, cls: str, lemma: str) -> Frame | None:
    """'was accused of X' / 'is expected to win': a claim whose source the text does not give."""
    t = v.t
    p = i + 1
    a, b = content_forward(v, p, i, v.lex.cue_class)
    if cls == "stance":
        b = object_end(v, a, b)
    content = v.span(a, b)
    if content is None or b - a < 2:
        return None
    aux = i - 1
    while aux > 0 and t[aux].low not in PASSIVE_AUX:
        aux -= 1
    if aux > 0 and t[aux].low in PASSIVE_AUX and _only_a_time(v, a, b):
        # "The pause was announced on Friday.": what was announced is the subject, not the date
        subject = v.span(0, aux)
        if subject is not None:
            content = subject
    return Frame(
        cue=(t[aux].start, t[i].end),
        cue_class=cls,
        cue_lemma=lemma,
        sentence=v.sent,
        content=[content],
        source=None,
        shape="passive",
    )


_TIME_WORDS = frozenset(
    {"on", "in", "at", "by", "last", "this", "next", "early", "late", "earlier", "later", "today",
     "yesterday", "tonight", "week", "month", "year", "morning", "afternoon", "evening", "night", ","}
)  # fmt: skip


def _only_a_time(v: SentenceView, a: int, b: int) -> bool:
    """Are tokens a..b-1 only a time ("on Friday", "last week", "in May 2024")?"""
    lex = v.lex
    return all(
        x.low in _TIME_WORDS or x.low in lex.weekdays or x.low in lex.months or x.low.isdigit()
        for x in v.t[a:b]
    )


def unsourced(
    v: SentenceView, cue: Span, cls: str, lemma: str, content: Span, shape: str = "passive"
) -> Frame:
    """A claim whose source the sentence does not name ("the idea that ...", "when asked ...")."""
    return Frame(cue=cue, cue_class=cls, cue_lemma=lemma, sentence=v.sent, content=[content], shape=shape)
