"""A sentence met again: its frames are moved into place, not found again.

A sentence's frames (:mod:`attribtrack.extractor.frames`) read nothing but its own tokens, which
of them are inside a quotation, the quotations it overlaps and the lexicon: the same words with
the same quotation marks around them give the same frames, shifted by the distance between the two
places. News repeats sentences ("He said.", a recurring boilerplate line, a transcript's "Yes,"
she said.), and a long text of claims repeats them by the thousand, where finding a sentence's
frames is a third of its cost. :class:`FrameMemo` keeps, per text, the frames of each sentence
met twice (with their spans relative to the sentence, their tokens by index) and makes fresh
copies for every later occurrence: the global stage changes frames, so none is ever shared. The
claims are those found without it (``tests/test_extract_work.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attribtrack.extractor.frames import Frame
from attribtrack.extractor.segment import Quote, Token

__all__ = ["FrameMemo"]

_new = object.__new__
_SEEN = object()  # a key met once: its frames are found, not kept (most sentences never recur)


class FrameMemo:
    """Per text: sentence (normalised text and the offsets of its quotations, relative to it) ->
    its frames, relative. ``found`` counts the sentences whose frames were found, ``moved`` those
    moved into place."""

    #: sentences remembered at most (seen once or kept), and the longest one remembered: a long
    #: sentence rarely recurs, and what is kept stays a few megabytes
    LIMIT = 50_000
    LONGEST = 400

    def __init__(self) -> None:
        self.kept: dict[tuple[str, tuple], Any] = {}
        self.found = 0
        self.moved = 0

    def frames(
        self,
        norm: str,
        span: tuple[int, int],
        toks: list[Token],
        quotes: list[Quote],
        find: Callable[[], list[Frame]],
    ) -> list[Frame]:
        """The frames of the sentence at ``span`` (its ``toks`` and the ``quotes`` it overlaps):
        moved from an earlier occurrence, or ``find()``."""
        a, b = span
        if b - a > self.LONGEST:
            self.found += 1
            return find()
        key = (norm[a:b], tuple([(q.open - a, q.close - a, q.closed) for q in quotes]) if quotes else ())
        kept = self.kept.get(key)
        if kept is not None and kept is not _SEEN:
            self.moved += 1
            return _placed(kept, a, toks)
        self.found += 1
        frames = find()
        if kept is None:
            if len(self.kept) < self.LIMIT:
                self.kept[key] = _SEEN
        else:  # the second time: kept for the third and later
            template = _relative(frames, a, toks)
            if template is not None:
                self.kept[key] = template
        return frames


def _relative(frames: list[Frame], a: int, toks: list[Token]) -> tuple | None:
    """Each frame's attributes with spans relative to ``a`` and tokens as their index in
    ``toks`` (None if a frame holds a token that is not one of them)."""
    index = {id(t): k for k, t in enumerate(toks)}
    out = []
    try:
        for f in frames:
            out.append(tuple((k, _moved(v, -a, index.__getitem__)) for k, v in f.__dict__.items()))
    except KeyError:
        return None
    return tuple(out)


def _placed(template: tuple, a: int, toks: list[Token]) -> list[Frame]:
    """Fresh frames from ``template`` for the sentence starting at ``a`` with tokens ``toks``."""
    out = []
    token = toks.__getitem__
    for attrs in template:
        f = _new(Frame)
        f.__dict__.update({k: _moved(v, a, token) for k, v in attrs})
        out.append(f)
    return out


def _moved(v: Any, d: int, token: Callable[[Any], Any]) -> Any:
    """A frame attribute moved by ``d``: spans, lists of spans and tokens (each through
    ``token``); anything else as is. Lists are always new (the global stage changes them)."""
    tv = type(v)
    if tv is tuple and len(v) == 2 and type(v[0]) is int:
        return (v[0] + d, v[1] + d)
    if tv is list:
        return [_moved(x, d, token) for x in v]
    if tv is Token:  # made relative: its index
        return token(id(v))
    if tv is int:  # placed: the token at that index
        return token(v)
    return v
