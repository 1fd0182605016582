"""Fuzzy quote alignment: find a quoted passage inside a long source text, word by word.

Quotes are compared as sequences of words (case-folded, quote marks, dashes and punctuation
ignored), so "verbatim" means the same words in the same order. Each word of a text is encoded as
one code point of a private alphabet shared by the quote and the document; the search then runs on
short strings of code points:

1. exact: ``str.find`` of the encoded quote in the encoded document (a verbatim quote);
2. fuzzy: rapidfuzz's ``partial_ratio_alignment`` (bit-parallel, in C) picks the best window of
   the document, and a small semi-global alignment over that window (free gaps at the document's
   ends, a cheap substitution for inflected forms like "statements"/"statement") gives the
   word-level operations.

benchmarks/bench_verify.py measures this against character-level rapidfuzz and diff-match-patch's
bitap ``match_main`` (limited to 32-character patterns) on a 40-word quote in a 10,000-word
transcript.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from attribtrack.models import Span

#: A word: letters and digits, with inner apostrophes ("don't", "Russia's"). Quote marks,
#: dashes and other punctuation separate words and are otherwise ignored.
WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})

#: Two different words this similar (rapidfuzz Indel, 0..1) count as an inflected form of each
#: other ("statements"/"statement", "resemble"/"resembles"): still a difference, but a cheap one.
NEAR_WORD = 0.8
#: Costs of a quote word absent from the source, and of a source word the quote leaves out
#: (a substitution costs 1): leaving a word out is the milder change.
MISSING = 0.95
ADDED = 0.9


class Tokens:
    """The words of a text: normalised forms and their ``[start, end)`` offsets in the text."""

    __slots__ = ("spans", "words")

    def __init__(self, words: tuple[str, ...], spans: tuple[Span, ...]) -> None:
        self.words = words
        self.spans = spans

    def __len__(self) -> int:
        return len(self.words)

    def span(self, start: int, end: int) -> Span:
        """Character span covering words ``[start, end)`` (empty span at a boundary if none)."""
        spans = self.spans
        if start >= end:
            pos = spans[start][0] if start < len(spans) else (spans[-1][1] if spans else 0)
            return (pos, pos)
        return (spans[start][0], spans[end - 1][1])


def _regions(start: int, end: int, skip: Sequence[Span]) -> list[Span]:
    """``[start, end)`` without the ``skip`` spans."""
    out: list[Span] = []
    pos = start
    for a, b in sorted(skip):
        if b <= pos or a >= end:
            continue
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out


def tokenize(text: str, start: int = 0, end: int | None = None, skip: Sequence[Span] = ()) -> Tokens:
    """Words of ``text[start:end]`` with offsets into ``text``; the ``skip`` spans are left out."""
    found: list[str] = []
    spans: list[Span] = []
    for a, b in _regions(start, len(text) if end is None else end, skip):
        # one split (C speed) gives separators and words alternately; their running lengths are
        # the offsets
        parts = _SPLIT_RE.split(text[a:b])
        bounds = list(accumulate(map(len, parts), initial=a))
        found.extend(parts[1::2])
        spans.extend(zip(bounds[1::2], bounds[2::2], strict=False))
    if not found:
        return Tokens((), ())
    # one casefold over all the words at once; NUL never occurs inside a word
    words = "\0".join(found).translate(_APOSTROPHES).casefold().split("\0")
    return Tokens(tuple(words), tuple(spans))


class Vocabulary:
    """Maps each distinct word to one code point, so word sequences become plain strings."""

    _BASE = 0x10000  # beyond the BMP: no surrogates, no clash with real text

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def encode(self, words: Sequence[str]) -> str:
        ids = self._ids
        for w in dict.fromkeys(words):  # new words get the next code points, in order of appearance
            if w not in ids:
                ids[w] = chr(self._BASE + len(ids))
        return "".join(map(ids.__getitem__, words))


@dataclass(frozen=True, slots=True)
class Op:
    """One word-level operation: ``equal``, ``near`` (inflected form), ``replace``,
    ``missing`` (quote words absent from the source) or ``added`` (source words the quote omits).
    Ranges are word indices into the quote and into the source."""

    tag: str
    q: tuple[int, int]
    s: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where (and how well) a quote's words were found in a source's words."""

    start: int  # first source word
    end: int  # one past the last source word
    ops: tuple[Op, ...]
    coverage: float  # share of quote words found equal or as an inflected form

    @property
    def exact(self) -> bool:
        return all(op.tag == "equal" for op in self.ops)

    def gaps(self) -> list[Op]:
        """Runs of source words between found parts of the quote (the quote left them out)."""
        return [op for op in self.ops if op.tag == "added"]


def find(quote: str, quote_words: Sequence[str], doc_code: str, doc_words: Sequence[str]) -> Alignment | None:
    """Best alignment of an encoded quote (``quote``, its words) in an encoded document."""
    m = len(quote)
    if m == 0 or not doc_code:
        return None
    at = doc_code.find(quote)
    if at >= 0:
        return Alignment(at, at + m, (Op("equal", (0, m), (at, at + m)),), 1.0)
    if m > len(doc_code):
        lo, hi = 0, len(doc_code)
    else:
        from rapidfuzz import fuzz  # imported on first use: `check` often needs no alignment

        hit = fuzz.partial_ratio_alignment(quote, doc_code)
        if hit is None or hit.score == 0:
            return None
        pad = max(3, m // 3)
        lo, hi = max(0, hit.dest_start - pad), min(len(doc_code), hit.dest_end + pad)
    return _semi_global(quote_words, doc_words, lo, hi)


def _near(a: str, b: str) -> bool:
    # inflected forms share their first letter; checking it first spares most comparisons
    if a[:1] != b[:1]:
        return False
    from rapidfuzz.distance import Indel

    return bool(Indel.normalized_similarity(a, b) >= NEAR_WORD)


def _semi_global(q: Sequence[str], d: Sequence[str], lo: int, hi: int) -> Alignment | None:
    """Edit-distance alignment of all of ``q`` against a substring of ``d[lo:hi]``.

    Costs: equal 0, inflected form 0.4, other substitution 1, a missing word 0.95, an added word
    0.9 (so "and it could" against "and could" is one added word, not "it" replacing "and" or
    "and" missing); skipping
    source words before and after the quote is free. Ties prefer the diagonal.
    """
    m, n = len(q), hi - lo
    if m == 0 or n <= 0:
        return None
    inf = float("inf")
    # cost[i][j]: best cost of aligning q[:i] ending at source word lo+j
    cost = [[0.0] * (n + 1)] + [[inf] * (n + 1) for _ in range(m)]
    move = [[0] * (n + 1) for _ in range(m + 1)]  # 1 diagonal, 2 up (quote word missing), 3 left (added)
    for i in range(1, m + 1):
        cost[i][0] = i * MISSING
        move[i][0] = 2
        qi = q[i - 1]
        row, prev = cost[i], cost[i - 1]
        mrow = move[i]
        for j in range(1, n + 1):
            dj = d[lo + j - 1]
            sub = 0.0 if qi == dj else (0.4 if _near(qi, dj) else 1.0)
            best, how = prev[j - 1] + sub, 1
            up = prev[j] + MISSING
            if up < best:
                best, how = up, 2
            left = row[j - 1] + ADDED
            if left < best:
                best, how = left, 3
            row[j], mrow[j] = best, how
    last = cost[m]
    end_j = min(range(n + 1), key=lambda j: (last[j], j))
    # trace back
    steps: list[tuple[str, int, int]] = []  # (tag, quote index or -1, source index or -1)
    i, j = m, end_j
    while i > 0:
        how = move[i][j]
        if how == 1:
            qi, dj = q[i - 1], d[lo + j - 1]
            tag = "equal" if qi == dj else ("near" if _near(qi, dj) else "replace")
            steps.append((tag, i - 1, lo + j - 1))
            i, j = i - 1, j - 1
        elif how == 2:
            steps.append(("missing", i - 1, -1))
            i -= 1
        else:
            steps.append(("added", -1, lo + j - 1))
            j -= 1
    steps.reverse()
    ops: list[Op] = []
    qpos, spos = 0, lo + j
    for tag, qk, sk in steps:
        qn = qpos + (1 if qk >= 0 else 0)
        sn = spos + (1 if sk >= 0 else 0)
        if ops and ops[-1].tag == tag:
            prev_op = ops[-1]
            ops[-1] = Op(tag, (prev_op.q[0], qn), (prev_op.s[0], sn))
        else:
            ops.append(Op(tag, (qpos, qn), (spos, sn)))
        qpos, spos = qn, sn
    found = sum(op.q[1] - op.q[0] for op in ops if op.tag in ("equal", "near"))
    return Alignment(lo + j, lo + end_j, tuple(ops), round(found / m, 4))
