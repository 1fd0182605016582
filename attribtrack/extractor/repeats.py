"""A sentence met again: its tokens and frames are moved into place, not made again.

A sentence's local stage -- its tokens, which of them are inside a quotation, and its frames
(:mod:`attribtrack.extractor.frames`) -- reads nothing but its own normalised text, the
quotations it overlaps and the lexicon: the same words with the same quotation marks around them
give the same tokens and frames, shifted by the distance between the two places. News repeats
sentences ("He said.", a recurring boilerplate line, a transcript's '"Yes," she said.'), and a
long text of claims repeats them by the thousand, where the local stage is half of a sentence's
cost. :class:`SentenceMemo` keeps, per text, the local stage of each sentence met twice (spans
relative to the sentence, a frame's tokens by index) and makes fresh copies for every later
occurrence: the global stage changes frames, so none is ever shared. The claims are those made
without it (``tests/test_extract_work.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attribtrack.extractor.frames import Frame
from attribtrack.extractor.segment import Quote, Token

__all__ = ["SentenceMemo"]

_new = object.__new__
_SEEN = object()  # a key met once: made, not kept (most sentences of a text never recur)

Local = tuple[list[Token], list[bool], list[Frame]]
#: what the global stage found none of in a sentence (see :meth:`SentenceMemo.facts`)
Facts = dict[str, bool]


class SentenceMemo:
    """Per text: sentence (normalised text, and the offsets of its quotations relative to it) ->
    its local stage, relative. ``made`` counts the sentences made, ``moved`` those moved into
    place."""

    #: sentences remembered at most (met once or kept), the longest one remembered (a long
    #: sentence rarely recurs), and the tokens of all kept sentences at most: what is kept stays
    #: some 16 MB (50 MB of repeated news kept 86 MB with no bound on tokens)
    LIMIT = 50_000
    LONGEST = 400
    TOKENS = 200_000

    def __init__(self) -> None:
        self.kept: dict[tuple[str, tuple], Any] = {}
        self.room = self.TOKENS
        self.made = 0
        self.moved = 0

    def local(
        self, norm: str, text: str, span: tuple[int, int], quotes: list[Quote], make: Callable[[], Local]
    ) -> tuple[list[Token], list[bool], list[Frame], Facts | None]:
        """The tokens, in-quotation flags and frames of the sentence at ``span`` (``quotes``: those
        it overlaps): moved from an earlier occurrence, or ``make()``. And for a sentence met
        before, where the global stage notes what it found none of there (no outlet, no name, no
        hedge, no date: most repeated sentences have none), shared by all its occurrences with the
        same original ``text`` (which the global stage reads: curly and straight quotation marks
        normalise alike); None for the others."""
        a, b = span
        if b - a > self.LONGEST:
            self.made += 1
            return (*make(), None)
        key = (norm[a:b], tuple([(q.open - a, q.close - a, q.closed) for q in quotes]) if quotes else ())
        kept = self.kept.get(key)
        if kept is not None and kept is not _SEEN:
            self.moved += 1
            return (*_placed(kept, a), kept[4] if kept[3] == text[a:b] else None)
        self.made += 1
        made = make()
        if kept is None:
            if len(self.kept) < self.LIMIT:
                self.kept[key] = _SEEN
            return (*made, None)
        self.room -= len(made[0]) + 1
        template = _relative(made, a) if self.room >= 0 else None  # kept for the third and later
        if template is None:
            return (*made, None)
        facts: Facts = {}
        self.kept[key] = (*template, text[a:b], facts)
        return (*made, facts)


def _relative(made: Local, a: int) -> tuple | None:
    """A sentence's local stage with spans relative to its start ``a``: each token's attributes,
    the flags, and each frame's attributes by how they move: as they are, a span, a list of spans,
    a list of the sentence's tokens (by index). None if a frame holds anything else."""
    toks, flags, frames = made
    index = {id(t): k for k, t in enumerate(toks)}
    ttoks = tuple((t.start - a, t.end - a, t.text, t.low, t.cap, t.word) for t in toks)
    tframes = []
    for f in frames:
        same: dict[str, Any] = {}
        spans, lists, tokens = [], [], []
        for k, v in f.__dict__.items():
            tv = type(v)
            if tv is tuple and len(v) == 2 and type(v[0]) is int and type(v[1]) is int:
                spans.append((k, v[0] - a, v[1] - a))
            elif tv is list and v and all(type(x) is Token for x in v):
                if any(id(x) not in index for x in v):
                    return None
                tokens.append((k, tuple(index[id(x)] for x in v)))
            elif tv is list:
                if not all(type(x) is tuple and len(x) == 2 and type(x[0]) is int for x in v):
                    return None
                lists.append((k, tuple((x - a, y - a) for x, y in v)))
            elif v is None or tv in (str, bool):
                same[k] = v
            else:
                return None
        tframes.append((same, tuple(spans), tuple(lists), tuple(tokens)))
    return ttoks, tuple(flags), tuple(tframes)


def _placed(template: tuple, a: int) -> Local:
    """Fresh tokens, flags and frames from ``template`` for the sentence starting at ``a``."""
    ttoks, flags, tframes = template[:3]
    toks = []
    append = toks.append
    for start, end, text, low, cap, word in ttoks:
        t = _new(Token)
        t.start = start + a
        t.end = end + a
        t.text = text
        t.low = low
        t.cap = cap
        t.word = word
        append(t)
    frames = []
    for same, spans, lists, tokens in tframes:
        f = _new(Frame)
        d = f.__dict__
        d.update(same)
        for k, x, y in spans:
            d[k] = (x + a, y + a)
        for k, v in lists:
            d[k] = [(x + a, y + a) for x, y in v]
        for k, v in tokens:
            d[k] = [toks[i] for i in v]
        frames.append(f)
    return toks, list(flags), frames
