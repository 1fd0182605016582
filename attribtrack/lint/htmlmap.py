"""Where a finding on an HTML draft stands in the HTML file.

``check`` reads an HTML draft as its main text (tags, navigation and boilerplate gone), so the
spans of its findings index that text, not the file the reporter opens. :class:`SourceMap` aligns
the two: the words of the main text with the visible words of the HTML (tags, comments, scripts,
styles, the head, navigation, footers and asides skipped, entities decoded, each character
remembering its offset in the file), by a longest-matching-blocks alignment of the word
sequences. A word found in both maps character by character; an offset in a word the main text
added (none usually) maps to the nearest aligned word. Rendering then reports the file's line
and column.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["SourceMap", "source_map"]

#: Past this many words on either side the alignment is skipped (positions stay those of the
#: main text): the matcher's work grows faster than linearly and a draft is never this long.
MAX_WORDS = 200_000

#: skipped whole: comments, code, and the parts of a page that are never its main text (a head,
#: navigation, footers, asides), so that their words cannot be taken for the article's
_SKIP = re.compile(
    r"<!--.*?-->|<(head|script|style|template|noscript|nav|footer|aside)\b.*?</\1\s*>|<[^>]*>|&#?\w+;",
    re.S | re.I,
)


def _visible(raw: str) -> tuple[str, list[int]]:
    """The HTML's visible characters and, for each, its offset in ``raw``."""
    chars: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _SKIP.finditer(raw):
        chunk = raw[pos : m.start()]
        chars.append(chunk)
        where.extend(range(pos, m.start()))
        token = m.group()
        if token.startswith("&"):
            decoded = html.unescape(token)
            chars.append(decoded)
            where.extend([m.start()] * len(decoded))
        else:
            chars.append(" ")  # a tag separates words
            where.append(m.start())
        pos = m.end()
    chars.append(raw[pos:])
    where.extend(range(pos, len(raw)))
    return "".join(chars), where


_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class SourceMap:
    """Offsets into the main text -> offsets into the HTML file (``raw``)."""

    raw: str
    starts: tuple[int, ...]  # main-text word starts, in order
    ends: tuple[int, ...]
    targets: tuple[tuple[int, ...] | None, ...]  # per main-text word: raw offset of each character

    def offset(self, pos: int, *, end: bool = False) -> int:
        """Where main-text offset ``pos`` is in ``raw``; ``end`` for the end of a span."""
        if not self.starts:
            return 0
        i = bisect_right(self.starts, pos - 1 if end else pos) - 1
        if (
            i >= 0
            and self.targets[i] is not None
            and self.starts[i] <= (pos - 1 if end else pos) < self.ends[i]
        ):
            chars = self.targets[i]
            assert chars is not None
            return chars[pos - 1 - self.starts[i]] + 1 if end else chars[pos - self.starts[i]]
        if end:  # the end of the nearest aligned word before
            for j in range(min(i, len(self.targets) - 1), -1, -1):
                found = self.targets[j]
                if found is not None:
                    return found[-1] + 1
            return 0
        for j in range(max(i + 1, 0), len(self.targets)):  # the start of the nearest aligned word after
            found = self.targets[j]
            if found is not None:
                return found[0]
        return len(self.raw)


def source_map(text: str, raw: str) -> SourceMap | None:
    """The alignment of ``text`` (an HTML draft's main text) with ``raw`` (its file), or None
    when there is nothing to align or it would be too long to compute."""
    from difflib import SequenceMatcher

    visible, where = _visible(raw)
    ours = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    theirs = [(m.start(), m.group()) for m in _WORD.finditer(visible)]
    if not ours or not theirs or len(ours) > MAX_WORDS or len(theirs) > MAX_WORDS:
        return None
    matcher = SequenceMatcher(None, [w for _, _, w in ours], [w for _, w in theirs], autojunk=False)
    targets: list[tuple[int, ...] | None] = [None] * len(ours)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            start = theirs[b + k][0]
            targets[a + k] = tuple(where[start + c] for c in range(len(ours[a + k][2])))
    return SourceMap(raw, tuple(s for s, _, _ in ours), tuple(e for _, e, _ in ours), tuple(targets))
