"""Group a revision diff into hunks, as ``diff -u`` does, each knowing its attribution changes.

A hunk holds whole lines (a paragraph is a line in most articles; a hard-wrapped Markdown
paragraph is several) with ``context`` unchanged lines around the changes; hunks closer than
twice the context are merged. Line endings are kept exactly (``\\r\\n`` stays), so the unified
renderer can reproduce the new text byte for byte when the diff is applied.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from attribtrack.compare.classify import excerpt
from attribtrack.compare.model import Change, RevisionDiff
from attribtrack.compare.textdiff import split_lines

#: How far context is widened to reach the edge of a paragraph.
PARAGRAPH_REACH = 10
#: Changes named in one hunk header at most.
ANNOTATE = 3


@dataclass(frozen=True)
class Hunk:
    """Lines ``[old_start, old_start + old_count)`` (1-based) became ``[new_start, ...)``.

    ``lines`` are ``(tag, text)`` with tag ``" "``, ``"-"`` or ``"+"`` and the text with its line
    ending (the last line of a file may have none). ``old_span``/``new_span`` are the character
    ranges the hunk covers; ``changes`` the attribution changes whose claims it touches.
    """

    old_start: int
    old_count: int
    new_start: int
    new_count: int
    lines: tuple[tuple[str, str], ...]
    old_span: tuple[int, int]
    new_span: tuple[int, int]
    changes: tuple[Change, ...] = field(default=())
    #: Claims that moved here or away from here, unchanged (``moved from old line 21: ...``).
    moves: tuple[str, ...] = field(default=())

    def header(self) -> str:
        """``@@ -a,b +c,d @@`` (an empty side is numbered by the line before it, as diff does)."""
        a = self.old_start if self.old_count else self.old_start - 1
        c = self.new_start if self.new_count else self.new_start - 1
        return f"@@ -{a},{self.old_count} +{c},{self.new_count} @@"

    def annotation(self, limit: int = ANNOTATE) -> str:
        """What happened to attribution here, on one line (``type: detail; type: detail``); past
        ``limit`` changes, ``(+N more)`` (the summary before the diff lists them all)."""
        notes = [one_line(c.headline()) for c in self.changes] + list(self.moves)
        shown = "; ".join(notes[:limit])
        more = len(notes) - limit
        return f"{shown}; (+{more} more)" if more > 0 else shown


def one_line(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=4)
def line_starts(text: str) -> tuple[int, ...]:
    """Offset of each line's start, then the text's length. Cached: a rendering asks for the
    same two texts several times (hunks, moves, summary)."""
    return (0, *accumulate(map(len, split_lines(text))))


def line_of(starts: Sequence[int], offset: int) -> int:
    """1-based line number of a character offset."""
    return max(1, bisect_right(starts, offset))


def change_line(rd: RevisionDiff, change: Change) -> tuple[bool, int]:
    """Where a change stands, for the closing table of the renderers: ``(True, line)`` in the new
    text, or ``(False, line)`` in the old one for a claim that was removed."""
    if change.new_claim is not None:
        return True, line_of(line_starts(rd.new_text), change.new_claim.span[0])
    assert change.old_claim is not None
    return False, line_of(line_starts(rd.old_text), change.old_claim.span[0])


def hunks(rd: RevisionDiff, context: int = 3) -> list[Hunk]:
    """The hunks of ``rd`` with ``context`` lines around each change (``-U N``)."""
    if rd.identical:
        return []
    context = max(0, context)
    old_lines, new_lines = split_lines(rd.old_text), split_lines(rd.new_text)
    os_, ns = line_starts(rd.old_text), line_starts(rd.new_text)
    ops = list(rd.lines)
    # Change blocks: (old from, old to, new from, new to) in line indices.
    blocks: list[list[int]] = []
    for kind, a0, a1, b0, b1 in ops:
        if kind == "equal":
            continue
        if blocks and blocks[-1][1] == a0 and blocks[-1][3] == b0:
            blocks[-1][1], blocks[-1][3] = a1, b1
        else:
            blocks.append([a0, a1, b0, b1])
    # Each block's context (in old lines), widened to whole paragraphs; merged where they touch.
    groups: list[tuple[int, int, list[list[int]]]] = []
    for block in blocks:
        oa, ob = max(0, block[0] - context), min(len(old_lines), block[1] + context)
        if context:
            oa, ob = _paragraph_edges(old_lines, oa, ob)
        if groups and oa <= groups[-1][1]:
            groups[-1] = (groups[-1][0], max(ob, groups[-1][1]), [*groups[-1][2], block])
        else:
            groups.append((oa, ob, [block]))
    built: list[tuple[Hunk, list[tuple[int, int]], list[tuple[int, int]]]] = []
    for oa, ob, group in groups:
        first = group[0]
        na = first[2] - (first[0] - oa)
        nb = na + (ob - oa) - sum(b[1] - b[0] for b in group) + sum(b[3] - b[2] for b in group)
        lines: list[tuple[str, str]] = []
        i = oa
        minus: list[tuple[int, int]] = []
        plus: list[tuple[int, int]] = []
        for a0, a1, b0, b1 in group:
            lines.extend((" ", old_lines[k]) for k in range(i, a0))
            lines.extend(("-", old_lines[k]) for k in range(a0, a1))
            lines.extend(("+", new_lines[k]) for k in range(b0, b1))
            minus.append((os_[a0], os_[a1]))
            plus.append((ns[b0], ns[b1]))
            i = a1
        lines.extend((" ", old_lines[k]) for k in range(i, ob))
        hunk = Hunk(oa + 1, ob - oa, na + 1, nb - na, tuple(lines), (os_[oa], os_[ob]), (ns[na], ns[nb]))
        built.append((hunk, minus, plus))
    return _assign(built, rd.changes, _moves(rd))


def _moves(rd: RevisionDiff) -> list[tuple[tuple[int, int] | None, tuple[int, int] | None, str]]:
    """(old span, new span, note) for each claim that only moved: one note where it went, one
    where it came from."""
    old_starts, new_starts = line_starts(rd.old_text), line_starts(rd.new_text)
    out: list[tuple[tuple[int, int] | None, tuple[int, int] | None, str]] = []
    for m in rd.alignment:
        if m.status != "moved" or m.old_span is None or m.new_span is None:
            continue
        what = excerpt(rd.new_text[m.new_span[0] : m.new_span[1]])
        out.append((None, m.new_span, f"moved from old line {line_of(old_starts, m.old_span[0])}: {what}"))
        out.append((m.old_span, None, f"moved to line {line_of(new_starts, m.new_span[0])}: {what}"))
    return out


def _blank(line: str) -> bool:
    return not line.strip()


def _paragraph_edges(lines: Sequence[str], oa: int, ob: int) -> tuple[int, int]:
    """Widen ``[oa, ob)`` so that it neither starts nor ends inside a paragraph (a run of non-blank
    lines: hard-wrapped Markdown), by at most :data:`PARAGRAPH_REACH` lines each way."""
    start = oa
    while start > max(0, oa - PARAGRAPH_REACH) and not (_blank(lines[start]) or _blank(lines[start - 1])):
        start -= 1
    end = ob
    while end < min(len(lines), ob + PARAGRAPH_REACH) and not (_blank(lines[end - 1]) or _blank(lines[end])):
        end += 1
    return start, end


def _hits(span: tuple[int, int] | None, ranges: Sequence[tuple[int, int]]) -> bool:
    """Does a claim's span touch one of the changed line ranges?"""
    if span is None:
        return False
    s, e = span
    return any(s < r1 and e > r0 or (s == e and r0 <= s <= r1) for r0, r1 in ranges)


def _assign(
    built: Sequence[tuple[Hunk, list[tuple[int, int]], list[tuple[int, int]]]],
    changes: Sequence[Change],
    moves: Sequence[tuple[tuple[int, int] | None, tuple[int, int] | None, str]],
) -> list[Hunk]:
    """Each change (and move note) goes to the first hunk whose changed lines its old or new
    claim touches."""
    old_starts = [h.old_span[0] for h, _, _ in built]
    new_starts = [h.new_span[0] for h, _, _ in built]

    def home(span_old: tuple[int, int] | None, span_new: tuple[int, int] | None) -> int | None:
        candidates: set[int] = set()
        for span, starts in ((span_old, old_starts), (span_new, new_starts)):
            if span is not None:
                # Hunks are in order and apart: only those starting before the span ends can touch it.
                k = bisect_right(starts, span[1]) - 1
                candidates.update(x for x in (k - 1, k) if x >= 0)
        for k in sorted(candidates):
            _, minus, plus = built[k]
            if _hits(span_old, minus) or _hits(span_new, plus):
                return k
        return None

    mine: list[list[Change]] = [[] for _ in built]
    notes: list[list[str]] = [[] for _ in built]
    for change in changes:
        k = home(change.span_old, change.span_new)
        if k is not None:
            mine[k].append(change)
    for span_old, span_new, note in moves:
        k = home(span_old, span_new)
        if k is not None:
            notes[k].append(note)
    return [
        Hunk(
            h.old_start,
            h.old_count,
            h.new_start,
            h.new_count,
            h.lines,
            h.old_span,
            h.new_span,
            tuple(m),
            tuple(n),
        )
        for (h, _, _), m, n in zip(built, mine, notes, strict=True)
    ]


def summary_lines(rd: RevisionDiff) -> list[str]:
    """The attribution summary, one line each: counts, then every change with its line."""
    if rd.identical:
        return []
    counts = rd.status_counts()
    parts = [f"{counts[k]} {k}" for k in ("edited", "added", "removed", "moved") if counts.get(k)]
    n = len(rd.changes)
    head = f"{rd.old.label} -> {rd.new.label}: {n} change{'s' if n != 1 else ''}"
    if parts:
        claims = sum(counts.get(k, 0) for k in ("edited", "added", "removed", "moved"))
        head += f" ({', '.join(parts)} claim{'s' if claims != 1 else ''})"
    ns, os_ = line_starts(rd.new_text), line_starts(rd.old_text)
    lines = [one_line(head)]
    for change in rd.changes:
        if change.new_claim is not None:
            where = f"line {line_of(ns, change.new_claim.span[0])}"
        else:
            assert change.old_claim is not None
            where = f"old line {line_of(os_, change.old_claim.span[0])}"
        lines.append(one_line(f"{where}: {change.headline()}"))
    return lines
