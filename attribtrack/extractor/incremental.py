"""Re-extraction of an edited text: the paragraph-local stage is reused for unchanged paragraphs.

The pipeline has two stages. The *local* one (quotation spans, sentences, tokens and the frames of
each sentence) reads nothing outside its paragraph; the *global* one (transcript speakers, pull
quotes, bare quotations carried over from the previous speaker, confirmations, entity and pronoun
resolution, assembly) reads the whole text and is run in full every time. A
:class:`ParagraphCache` keeps the local stage's output per paragraph, keyed by the paragraph's
text, in offsets relative to the paragraph; an unchanged paragraph, wherever the edit moved it, is
shifted into place instead of being segmented and framed again. So the claims of an edited text
are those of a fresh extraction by construction (``tests/test_lsp_incremental.py`` checks it over
random edits).

The one thing the local stage reads past its paragraph: whether the first non-space character
after it is ``.``, ``,`` or ``;`` or the end of the text (``'"Why not?" Biden said'`` then continues
the sentence). That character is part of the key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attribtrack.extractor.segment import Quote, Token

if TYPE_CHECKING:
    from attribtrack.extractor.lexicon import Lexicon

__all__ = ["ParagraphCache"]

_new = object.__new__
_TRAIL_CHARS = ".,;"


def _shift_value(v: Any, d: int, tokmap: dict[int, Token]) -> Any:
    """A frame attribute moved by ``d``: spans, lists of spans and tokens; anything else as is.
    Lists are always new (the global stage may change a frame's lists)."""
    if type(v) is tuple and len(v) == 2 and type(v[0]) is int:
        return (v[0] + d, v[1] + d) if d else v
    if type(v) is list:
        return [_shift_value(x, d, tokmap) for x in v]
    if type(v) is Token:
        return tokmap.get(id(v), v)
    return v


def _place(s: Any, d: int, para: int) -> Any:
    """A fresh copy of a local-stage sentence moved by ``d`` into paragraph ``para``.

    Tokens and quotations are never changed after segmentation, so an unmoved sentence shares
    them; the sentence and its frames are always copies (the global stage adds frames and flags)."""
    out = _new(type(s))
    out.__dict__.update(s.__dict__)
    out.para = para
    out.in_quote = list(s.in_quote)
    out.confirmed_by = list(s.confirmed_by)
    tokmap: dict[int, Token] = {}
    if d:
        toks = []
        for t in s.toks:
            n = _new(Token)
            n.start = t.start + d
            n.end = t.end + d
            n.text = t.text
            n.low = t.low
            n.cap = t.cap
            n.word = t.word
            tokmap[id(t)] = n
            toks.append(n)
        out.toks = toks
        out.span = (s.span[0] + d, s.span[1] + d)
        out.quotes = [Quote(q.open + d, q.close + d, q.closed) for q in s.quotes]
    else:
        out.toks = list(s.toks)
    frames = []
    for f in s.frames:
        n = _new(type(f))
        if d:
            n.__dict__.update({k: _shift_value(v, d, tokmap) for k, v in f.__dict__.items()})
        else:  # spans and tokens are immutable: only the lists are new
            n.__dict__.update({k: v[:] if type(v) is list else v for k, v in f.__dict__.items()})
        frames.append(n)
    out.frames = frames
    return out


class ParagraphCache:
    """The local stage of the paragraphs of the last extraction, for the next one.

    Holds only the paragraphs of the latest text (memory stays proportional to one draft), each
    as computed at its latest place. ``hits``/``misses`` count paragraphs reused and computed by
    the latest extraction."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[int, list[Any]]] = {}
        self._lexicon: Lexicon | None = None
        self.hits = 0
        self.misses = 0

    def sentences(
        self,
        text: str,
        norm: str,
        spans: list[tuple[int, int]],
        lex: Lexicon,
        local: Callable[[int, int, int], list[Any]],
    ) -> list[Any]:
        """The local-stage sentences of every paragraph in ``spans``; ``local(pi, pa, pb)``
        computes one paragraph in place (absolute offsets) when it is not cached."""
        if self._lexicon is not lex:
            self._entries, self._lexicon = {}, lex
        old, new = self._entries, {}
        out: list[Any] = []
        self.hits = self.misses = 0
        n = len(norm)
        for pi, (pa, pb) in enumerate(spans):
            nxt = pb
            while nxt < n and norm[nxt].isspace():
                nxt += 1
            trail = "$" if nxt >= n else (norm[nxt] if norm[nxt] in _TRAIL_CHARS else "")
            key = (text[pa:pb], trail)
            entry = new.get(key) or old.get(key)
            if entry is None:
                self.misses += 1
                pristine = local(pi, pa, pb)
            else:
                self.hits += 1
                at, pristine = entry
                if at != pa:  # moved: keep it at its new place for the next call
                    pristine = [_place(s, pa - at, pi) for s in pristine]
            new[key] = (pa, pristine)
            out.extend(_place(s, 0, pi) for s in pristine)
        self._entries = new
        return out
