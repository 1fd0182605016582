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
    if i + 1 < v.n and t[i + 1].low == "by":
        return passive_by(v, i, cls, lemma)
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


# Where the agent after "by" ends: punctuation, or a word that opens a clause or a phrase.
_AGENT_STOPS = frozenset(
    {",", ".", ";", ":", "(", ")", '"', "!", "?", "--", "\u2014", "\u2013", "who", "which", "that", "as",
     "in", "on", "at", "for", "to", "after", "before", "because", "when", "while", "and", "but", "or",
     "with", "from", "since", "during", "over", "of"}
)  # fmt: skip


def passive_by(v: SentenceView, i: int, cls: str, lemma: str) -> Frame | None:
    """'The merger was first reported by the Harbour Gazette.' (invented): the agent after "by" is
    the source, the subject before the auxiliary the content; cue "was first reported": "by" marks
    the agent and stays out of the cue (PolNeAR train: out in 158 of 199 such cues)."""
    t = v.t
    lex = v.lex
    k = i + 2
    while k < v.n and k - i <= 9 and t[k].low not in _AGENT_STOPS and not v.q[k]:
        k += 1
    agent = t[i + 2 : k]
    if not agent or k - i > 9 or not v.valid_source(agent) or agent[-1].low in lex.cue_class:
        return None
    aux = i - 1
    while aux > 0 and t[aux].low not in PASSIVE_AUX and i - aux <= 3:
        aux -= 1
    if t[aux].low not in PASSIVE_AUX:
        return None
    if aux > 0 and t[aux - 1].low in ("has", "have", "had"):
        aux -= 1  # "has been endorsed by": the perfect auxiliary joins the cue
    first = aux
    while (
        first > 0
        and aux - first < 8
        and (t[first - 1].word or t[first - 1].text == "'s")
        and not v.q[first - 1]
        and t[first - 1].low not in lex.clause_openers
        and t[first - 1].low not in lex.relative_pronouns
    ):
        first -= 1
    subject = v.span(first, aux) if first < aux else None
    if subject is None:
        return None
    source = (agent[0].start, agent[-1].end)
    return Frame(
        cue=(t[aux].start, t[i].end),
        cue_class=cls,
        cue_lemma=lemma,
        sentence=v.sent,
        content=[subject],
        source=source,
        source_tokens=agent,
        shape="passive-by",
    )


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
