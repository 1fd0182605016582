"""Text diffs: lines first, then words inside the changed lines.

Both levels use diff-match-patch over *tokens* (each distinct line or word mapped to one
character, as diff-match-patch's own ``linesToChars`` does) with ``Diff_Timeout = 0``: the result
is the exact minimal diff and never depends on how fast the machine is. Diffing the lines first
keeps the word diff linear in practice: only the changed paragraphs are diffed word by word.

Ops are plain tuples here (thousands of them are cheap); :class:`~attribtrack.compare.model.WordOp`
is their public, frozen form.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

#: A word, a run of whitespace, or any other single character (punctuation, symbols).
TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|.", re.DOTALL)
WORD = re.compile(r"\w+(?:['’]\w+)*")


class Op(NamedTuple):
    """``kind`` over old ``[a0, a1)`` and new ``[b0, b1)``; a deletion has ``b0 == b1``."""

    kind: str  # "equal" | "delete" | "insert"
    a0: int
    a1: int
    b0: int
    b1: int


class LineOp(NamedTuple):
    """Like :class:`Op`, in line indices."""

    kind: str
    a0: int
    a1: int
    b0: int
    b1: int


def split_lines(text: str) -> list[str]:
    """Lines as patch tools see them: split after ``\\n`` only, endings kept (CRLF stays whole)."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans of ``text[start:end]`` (offsets into ``text``)."""
    return [m.span() for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded (for similarity and quote comparison)."""
    return WORD.findall(text.casefold())


def _dmp() -> object:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact, machine-independent results
    return dmp


_DMP: object | None = None


def _engine() -> object:
    global _DMP
    if _DMP is None:
        _DMP = _dmp()
    return _DMP


def _encode(a: Sequence[str], b: Sequence[str]) -> tuple[str, str]:
    """Map each distinct token to one character (skipping the surrogate range)."""
    table: dict[str, str] = {}

    def code(tok: str) -> str:
        ch = table.get(tok)
        if ch is None:
            n = len(table) + 1
            if n >= 0xD800:
                n += 0x800
            ch = table[tok] = chr(n)
        return ch

    return "".join(map(code, a)), "".join(map(code, b))


#: Above this product of the two changed stretches' lengths (in tokens), no fine diff is tried.
DIFF_COST_CAP = 1_000_000


def diff_sequences(
    a: Sequence[str], b: Sequence[str], *, semantic: bool = False
) -> list[tuple[str, int, int, int, int]]:
    """Ops over two token sequences, in token indices; deletions before insertions in a change."""
    if list(a) == list(b):
        return [("equal", 0, len(a), 0, len(b))] if a else []
    # A deterministic cost cap: diff-match-patch is O(N*D), quadratic on adversarial input (a line
    # of commas against a sentence of ', , ,'). Past the cap, the stretch between the common
    # prefix and suffix is one deletion and one insertion: coarser, still patch-valid.
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    q = 0
    while q < len(a) - p and q < len(b) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    if (len(a) - p - q) * (len(b) - p - q) > DIFF_COST_CAP:
        ops: list[tuple[str, int, int, int, int]] = []
        if p:
            ops.append(("equal", 0, p, 0, p))
        _flush_block(ops, p, len(a) - q, p, len(b) - q)
        if q:
            ops.append(("equal", len(a) - q, len(a), len(b) - q, len(b)))
        return ops
    ca, cb = _encode(a, b)
    dmp = _engine()
    diffs = dmp.diff_main(ca, cb, False)  # type: ignore[attr-defined]
    if semantic:
        dmp.diff_cleanupSemantic(diffs)  # type: ignore[attr-defined]
    ops = []
    i = j = 0  # token positions in a and b
    bi, bj = 0, 0  # where the current change block began
    for kind, chunk in diffs:
        n = len(chunk)
        if kind == 0:
            _flush_block(ops, bi, i, bj, j)
            ops.append(("equal", i, i + n, j, j + n))
            i += n
            j += n
            bi, bj = i, j
        elif kind == -1:
            i += n
        else:
            j += n
    _flush_block(ops, bi, i, bj, j)
    return ops


def _flush_block(ops: list[tuple[str, int, int, int, int]], i0: int, i1: int, j0: int, j1: int) -> None:
    if i1 > i0:
        ops.append(("delete", i0, i1, j0, j0))
    if j1 > j0:
        ops.append(("insert", i1, i1, j0, j1))


class TextDiff:
    """The diff of two texts: line ops (for unified output) and word ops (for everything else)."""

    def __init__(self, old: str, new: str) -> None:
        self.old = old
        self.new = new
        self.old_lines = split_lines(old)
        self.new_lines = split_lines(new)
        self.old_starts = _starts(self.old_lines)
        self.new_starts = _starts(self.new_lines)
        self.line_ops = [LineOp(*op) for op in diff_sequences(self.old_lines, self.new_lines)]
        self.ops = _coalesce(self._word_ops())
        self._map_keys = [op.a0 for op in self.ops]
        self._rmap_keys = [op.b0 for op in self.ops]

    @property
    def identical(self) -> bool:
        return self.old == self.new

    def _word_ops(self) -> Iterable[Op]:
        os_, ns = self.old_starts, self.new_starts
        ops = self.line_ops
        k = 0
        while k < len(ops):
            op = ops[k]
            if op.kind == "equal":
                yield Op("equal", os_[op.a0], os_[op.a1], ns[op.b0], ns[op.b1])
                k += 1
                continue
            # A change block: the run of deletions/insertions between two equal runs.
            a0, b0 = op.a0, op.b0
            a1, b1 = a0, b0
            while k < len(ops) and ops[k].kind != "equal":
                a1 = max(a1, ops[k].a1)
                b1 = max(b1, ops[k].b1)
                k += 1
            yield from word_ops(self.old, self.new, os_[a0], os_[a1], ns[b0], ns[b1])

    # --- position maps (a claim's span in one text -> where it is in the other) ----------------

    def map_old(self, pos: int, *, end: bool = False) -> int:
        """Where old offset ``pos`` lands in the new text (``end``: as the end of a range)."""
        return _map(self.ops, self._map_keys, pos, end, forward=True)

    def map_new(self, pos: int, *, end: bool = False) -> int:
        return _map(self.ops, self._rmap_keys, pos, end, forward=False)


def _coalesce(ops: Iterable[Op]) -> list[Op]:
    out: list[Op] = []
    for op in ops:
        if out and op.kind == "equal" and out[-1].kind == "equal":
            out[-1] = Op("equal", out[-1].a0, op.a1, out[-1].b0, op.b1)
        else:
            out.append(op)
    return out


def _starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _map(ops: Sequence[Op], keys: Sequence[int], pos: int, end: bool, *, forward: bool) -> int:
    if not ops:
        return 0
    k = bisect_right(keys, pos) - 1
    # An end offset at the boundary of two ops belongs to the earlier one.
    if end:
        while k > 0 and (ops[k].a0 if forward else ops[k].b0) == pos:
            k -= 1
    k = max(k, 0)
    op = ops[k]
    s0, s1, t0 = (op.a0, op.a1, op.b0) if forward else (op.b0, op.b1, op.a0)
    if op.kind == "equal":
        return t0 + min(pos, s1) - s0
    # Inside a change block (a deletion and/or an insertion): a start offset goes to where the
    # block starts on the other side, an end offset to where it ends.
    lo = hi = k
    while lo > 0 and ops[lo - 1].kind != "equal":
        lo -= 1
    while hi + 1 < len(ops) and ops[hi + 1].kind != "equal":
        hi += 1
    if forward:
        return ops[hi].b1 if end else ops[lo].b0
    return ops[hi].a1 if end else ops[lo].a0


#: Change blocks longer than this many tokens (both sides) that share less than this share of
#: their words are shown as rewritten, not diffed word by word.
REWRITE_TOKENS = 60
REWRITE_OVERLAP = 0.4


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Dice coefficient of the two multisets of tokens other than whitespace."""
    from collections import Counter

    ca = Counter(t for t in a if not t.isspace())
    cb = Counter(t for t in b if not t.isspace())
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 1.0


def word_ops(old: str, new: str, a0: int, a1: int, b0: int, b1: int, *, semantic: bool = True) -> list[Op]:
    """Word-level ops between ``old[a0:a1]`` and ``new[b0:b1]`` (offsets into the whole texts)."""
    ta = tokenize(old, a0, a1)
    tb = tokenize(new, b0, b1)
    if not ta and not tb:
        return []
    if not ta:
        return [Op("insert", a0, a0, b0, b1)]
    if not tb:
        return [Op("delete", a0, a1, b0, b0)]
    sa = [old[s:e] for s, e in ta]
    sb = [new[s:e] for s, e in tb]
    if len(sa) + len(sb) > REWRITE_TOKENS and _overlap(sa, sb) < REWRITE_OVERLAP:
        # A rewritten stretch: a word diff would only scatter coincidences (and cost O(N*D)).
        return [Op("delete", a0, a1, b0, b0), Op("insert", a1, a1, b0, b1)]
    out: list[Op] = []
    for kind, i0, i1, j0, j1 in diff_sequences(sa, sb, semantic=semantic):
        c0 = ta[i0][0] if i0 < len(ta) else a1
        c1 = ta[i1 - 1][1] if i1 > i0 else c0
        d0 = tb[j0][0] if j0 < len(tb) else b1
        d1 = tb[j1 - 1][1] if j1 > j0 else d0
        out.append(Op(kind, c0, c1, d0, d1))
    return out
