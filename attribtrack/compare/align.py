"""Align the claims of two revisions: which old claim became which new claim.

Claims are matched before any text is compared claim by claim, in three passes:

1. **identical**: the same claim sentence, paired in document order;
2. **in place**: an old claim whose span, carried through the text diff, overlaps a new claim's
   span, when their words are similar enough (an edit in place: a new source, a new cue, a
   quote paraphrased);
3. **by content**: otherwise, claims whose words are largely the same (an edit that also moved).

Pairs are taken greedily by score, ties broken by position, so the result is deterministic. A
matched claim that leaves the order of its neighbours (it is not on the longest run of pairs in
the same order in both revisions) has moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from attribtrack.compare.textdiff import TextDiff, words
from attribtrack.models import Claim

#: Accept a pair anywhere when this many of their words are shared (Dice coefficient) ...
SIMILAR = 0.6
#: ... or in place (the old span carried through the diff overlaps the new one) at this much,
IN_PLACE = 0.3
#: ... or in place with the same source at this much (a quote turned into a paraphrase).
IN_PLACE_SAME_SOURCE = 0.15
#: An old claim is "in place" only where its span maps to at most this many times its length.
PLACE_SLACK = 3
#: Words in more claims than this do not nominate candidates (they say nothing about identity).
COMMON = 40


class Pair(NamedTuple):
    """One aligned claim: ``old``/``new`` is None for an added/removed claim. (A named tuple:
    there is one for every claim of a revision, and they are built faster than dataclasses.)"""

    old: Claim | None
    new: Claim | None
    moved: bool = False


def content_text(claim: Claim) -> str:
    """What the claim says (its content spans), or the whole claim when it has none."""
    return " ".join(c.text for c in claim.content) or claim.text


def dice(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def same_source(a: Claim, b: Claim) -> bool:
    """Same speaker: equal names, or one name's words within the other's ("Peskov" in "Dmitry Peskov")."""
    if a.source is None or b.source is None:
        return a.source is None and b.source is None
    return _same_speaker(set(words(a.source.name)), set(words(b.source.name)))


def _same_speaker(wa: set[str], wb: set[str]) -> bool:
    return bool(wa and wb) and (wa <= wb or wb <= wa)


class _Features:
    __slots__ = ("claim", "content", "all", "speaker")

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.content = set(words(content_text(claim)))
        self.all = set(words(claim.text))
        #: the words of the source's name (None: no source), for :func:`same_source`
        self.speaker = set(words(claim.source.name)) if claim.source is not None else None

    def similarity(self, other: _Features) -> float:
        return max(dice(self.content, other.content), dice(self.all, other.all))

    def same_source(self, other: _Features) -> bool:
        """:func:`same_source` of the two claims, from the words computed once."""
        if self.speaker is None or other.speaker is None:
            return self.speaker is None and other.speaker is None
        return _same_speaker(self.speaker, other.speaker)


def align(old: Sequence[Claim], new: Sequence[Claim], text: TextDiff) -> list[Pair]:
    """Pairs for every claim of both revisions: matched, then removed, then added (see module doc)."""
    matched: dict[int, int] = {}  # old index -> new index

    # 1. Identical claim sentences, in document order.
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, claim in enumerate(new):
        by_text[claim.text].append(j)
    for i, claim in enumerate(old):
        queue = by_text.get(claim.text)
        if queue:
            matched[i] = queue.pop(0)

    rest_old = [i for i in range(len(old)) if i not in matched]
    taken = set(matched.values())
    rest_new = [j for j in range(len(new)) if j not in taken]
    if rest_old and rest_new:
        matched.update(_match_rest(old, new, rest_old, rest_new, text))

    moved = _moved(matched, old, new)
    pairs = [Pair(old[i], new[j], moved=i in moved) for i, j in sorted(matched.items(), key=itemgetter(1))]
    taken = set(matched.values())
    removed = [Pair(old[i], None) for i in range(len(old)) if i not in matched]
    added = [Pair(None, new[j]) for j in range(len(new)) if j not in taken]
    return pairs + removed + added


def _match_rest(
    old: Sequence[Claim], new: Sequence[Claim], rest_old: list[int], rest_new: list[int], text: TextDiff
) -> dict[int, int]:
    fo = {i: _Features(old[i]) for i in rest_old}
    fn = {j: _Features(new[j]) for j in rest_new}

    # Candidates: claims sharing an informative word, and claims in place.
    index: dict[str, list[int]] = defaultdict(list)
    for j in rest_new:
        for w in fn[j].all:
            index[w].append(j)
    by_start = sorted((new[j].span[0], new[j].span[1], j) for j in rest_new)
    starts = [s for s, _, _ in by_start]
    longest = max((e - s for s, e, _ in by_start), default=0)

    scored: list[tuple[float, int, int, int, int]] = []
    for i in rest_old:
        claim = old[i]
        cands: set[int] = set()
        for w in fo[i].all:
            js = index.get(w, ())
            if len(js) <= COMMON:
                cands.update(js)
        lo = text.map_old(claim.span[0])
        hi = max(text.map_old(claim.span[1], end=True), lo + 1)
        in_place: set[int] = set()
        # Where the claim lands says something only when it lands somewhere about its size (in
        # a rewritten stretch every position maps to the whole stretch).
        if hi - lo <= PLACE_SLACK * (claim.span[1] - claim.span[0]) + 200:
            k = bisect_left(starts, hi) - 1
            while k >= 0 and starts[k] > lo - longest:
                s, e, j = by_start[k]
                if e > lo:
                    in_place.add(j)
                k -= 1
        cands |= in_place
        fi = fo[i]
        for j in cands:
            sim = fi.similarity(fn[j])
            here = j in in_place
            # Accepted when similar enough anywhere, or in place; the source only decides the
            # lowest bar (and adds to the score), so it is compared only for candidates that pass.
            if sim >= SIMILAR or (here and sim >= IN_PLACE):
                src = fi.same_source(fn[j])
            elif here and sim >= IN_PLACE_SAME_SOURCE:
                src = fi.same_source(fn[j])
                if not src:
                    continue
            else:
                continue
            score = sim + (0.5 if here else 0.0) + (0.2 if src else 0.0)
            scored.append((-score, claim.span[0], new[j].span[0], i, j))

    scored.sort()
    result: dict[int, int] = {}
    used: set[int] = set()
    for _, _, _, i, j in scored:
        if i not in result and j not in used:
            result[i] = j
            used.add(j)
    return result


def _moved(matched: dict[int, int], old: Sequence[Claim], new: Sequence[Claim]) -> set[int]:
    """Old indices of matched claims off the longest run kept in the same order (they moved)."""
    items = [(i, j) for _, i, j in sorted((old[i].span, i, j) for i, j in matched.items())]
    rank = {j: r for r, (_, j) in enumerate(sorted((c.span, j) for j, c in enumerate(new)))}
    seq = [rank[j] for _, j in items]
    keep = _lis(seq)
    return {items[k][0] for k in range(len(items)) if k not in keep}


def _lis(seq: Sequence[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (the leftmost-ending one)."""
    tails: list[int] = []  # values
    tails_at: list[int] = []  # index in seq of each tail
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        p = bisect_left(tails, v)
        if p == len(tails):
            tails.append(v)
            tails_at.append(k)
        else:
            tails[p] = v
            tails_at[p] = k
        prev[k] = tails_at[p - 1] if p else -1
    out: set[int] = set()
    k = tails_at[-1] if tails_at else -1
    while k != -1:
        out.add(k)
        k = prev[k]
    return out
