"""The ``align`` and ``diff`` stages: compare two revisions claim by claim, then word by word.

    compare_claims(old_text, old, new_text, new) -> tuple[Change, ...]
    align_claims(old_text, old, new_text, new) -> (tuple[ClaimMatch, ...], tuple[Change, ...])
    diff(old_text, new_text, old_label=..., new_label=...) -> RevisionDiff

Claims are aligned first (:mod:`.align`), each aligned pair is named (:mod:`.classify`), and the
texts are diffed lines-then-words (:mod:`.textdiff`) for the renderers and to carry spans from one
revision to the other. :mod:`.hunks` groups the line diff into unified-diff hunks and
:mod:`.history` follows claims across all revisions of a document (stable ids, blame).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from attribtrack.compare.align import Pair, align
from attribtrack.compare.classify import SpanIndex, classify, unmatched
from attribtrack.compare.model import (
    CHANGE_TYPES,
    DIFF_SCHEMA,
    Change,
    ChangeType,
    ClaimMatch,
    MatchStatus,
    RevisionDiff,
    Side,
    WordOp,
)
from attribtrack.compare.textdiff import TextDiff
from attribtrack.gcpause import paused
from attribtrack.models import Claim, Claims

__all__ = [
    "CHANGE_TYPES",
    "DIFF_SCHEMA",
    "Change",
    "ChangeType",
    "ClaimMatch",
    "RevisionDiff",
    "Side",
    "WordOp",
    "align_claims",
    "compare_claims",
    "diff",
]


def compare_claims(old_text: str, old: Claims, new_text: str, new: Claims) -> tuple[Change, ...]:
    """Every named change between the claims of two revisions, in document order."""
    return align_claims(old_text, old, new_text, new)[1]


def align_claims(
    old_text: str, old: Claims, new_text: str, new: Claims, *, text: TextDiff | None = None
) -> tuple[tuple[ClaimMatch, ...], tuple[Change, ...]]:
    """How each claim fared (unchanged, edited, moved, added, removed) and the named changes."""
    td = text if text is not None else TextDiff(old_text, new_text)
    return _compare(td, old.claims, new.claims)


def _compare(
    td: TextDiff, old: Sequence[Claim], new: Sequence[Claim]
) -> tuple[tuple[ClaimMatch, ...], tuple[Change, ...]]:
    pairs = align(old, new, td)
    attributed_old = SpanIndex((c.span, c.source.span) for c in old if c.source is not None)
    attributed_new = SpanIndex((c.span, c.source.span) for c in new if c.source is not None)
    matches: list[tuple[tuple[int, int], ClaimMatch]] = []
    changes: list[tuple[tuple[int, int], Change]] = []
    for pair in pairs:
        o, n = pair.old, pair.new
        if o is not None and n is not None:
            status: MatchStatus
            if _same(o, n):  # most claims: nothing to name
                found = None
                status = "moved" if pair.moved else "unchanged"
            else:
                found = classify(pair, td.old, td.new)
                # edited: a change is named (a claim whose words and attribution stayed, its
                # spacing or punctuation retouched, is not: "4 changes (5 edited claims)")
                status = "edited" if found else ("moved" if pair.moved else "unchanged")
            key = (n.span[0], o.span[0])
            matches.append(
                (
                    key,
                    ClaimMatch(
                        status=status, old=o.id, new=n.id, moved=pair.moved, old_span=o.span, new_span=n.span
                    ),
                )
            )
            if found:
                changes.extend((key, c) for c in found)
            continue
        found = unmatched(pair, td, attributed_old, attributed_new)
        if pair.old is not None:
            key = (td.map_old(pair.old.span[0]), pair.old.span[0])
        else:
            assert pair.new is not None
            key = (pair.new.span[0], td.map_new(pair.new.span[0]))
        first = found[0]
        if first.type in ("claim-added", "claim-removed"):
            status = "added" if first.type == "claim-added" else "removed"
        else:  # its content stayed; the attribution came or went (the other side is synthesised)
            status = "edited"
        old_id = first.old_claim.id if first.old_claim else None
        new_id = first.new_claim.id if first.new_claim else None
        old_span = first.old_claim.span if first.old_claim else None
        new_span = first.new_claim.span if first.new_claim else None
        match = ClaimMatch(status=status, old=old_id, new=new_id, old_span=old_span, new_span=new_span)
        matches.append((key, match))
        changes.extend((key, c) for c in found)
    matches.sort(key=itemgetter(0))
    changes.sort(key=itemgetter(0))  # stable: a pair's changes keep their order
    return tuple(m for _, m in matches), tuple(c for _, c in changes)


def _same(a: Claim, b: Claim) -> bool:
    """The same words and the same attribution (most claims of a revision): nothing to name."""
    return a.text == b.text and a.kind == b.kind and _attribution(a) == _attribution(b)


def _attribution(c: Claim) -> tuple[object, ...]:
    # Called for every claim of both revisions: plain comprehensions, none for empty tuples.
    src, cue, date = c.source, c.cue, c.date
    return (
        [t.text for t in c.content] if c.content else None,
        cue.text if cue else None,
        (src.name, src.mention, src.role, src.type) if src else None,
        [r.name for r in c.via] if c.via else None,
        [r.name for r in c.confirmed_by] if c.confirmed_by else None,
        [h.text for h in c.hedges] if c.hedges else None,
        date.text if date else None,
    )


def diff(
    old_text: str,
    new_text: str,
    *,
    old_label: str = "old",
    new_label: str = "new",
    old_claims: Claims | None = None,
    new_claims: Claims | None = None,
    old_side: Side | None = None,
    new_side: Side | None = None,
) -> RevisionDiff:
    """Attribution-aware diff of two revisions. Claims are extracted unless given.

    Identical texts give an empty diff without extracting anything.
    """
    # Everything built here (tokens, ops, claims, changes) is acyclic: the cyclic GC's passes over
    # it are pure overhead, and on long texts they grow with everything else alive (see attribtrack.gcpause).
    with paused():
        return _diff(old_text, new_text, old_label, new_label, old_claims, new_claims, old_side, new_side)


def _diff(
    old_text: str,
    new_text: str,
    old_label: str,
    new_label: str,
    old_claims: Claims | None,
    new_claims: Claims | None,
    old_side: Side | None,
    new_side: Side | None,
) -> RevisionDiff:
    from attribtrack.targets import sha256_text

    old_side = old_side or Side(label=old_label, sha256=sha256_text(old_text))
    new_side = new_side or Side(label=new_label, sha256=sha256_text(new_text))
    alignment: tuple[ClaimMatch, ...] = ()
    changes: tuple[Change, ...] = ()
    texts: list[TextDiff] = []

    def text_diff() -> TextDiff:
        if not texts:
            texts.append(TextDiff(old_text, new_text))
        return texts[0]

    if old_text != new_text:
        if old_claims is None and new_claims is None:
            from attribtrack.compare.both import extract_both

            # The text diff is computed while a forked child is still busy with the old text.
            old_claims, new_claims = extract_both(old_text, new_text, meanwhile=text_diff)
        elif old_claims is None or new_claims is None:
            from attribtrack.extractor import extract

            old_claims = old_claims if old_claims is not None else extract(old_text)
            new_claims = new_claims if new_claims is not None else extract(new_text)
        alignment, changes = _compare(text_diff(), old_claims.claims, new_claims.claims)
    td = text_diff()
    ops = tuple(
        WordOp.model_construct(
            op=op.kind,
            old=(op.a0, op.a1),
            new=(op.b0, op.b1),
            text=new_text[op.b0 : op.b1] if op.kind == "insert" else old_text[op.a0 : op.a1],
        )
        for op in td.ops
    )
    return RevisionDiff(
        schema="attribtrack.diff/1",
        old=old_side,
        new=new_side,
        identical=td.identical,
        alignment=alignment,
        changes=changes,
        old_text=old_text,
        new_text=new_text,
        ops=ops,
        lines=tuple((op.kind, op.a0, op.a1, op.b0, op.b1) for op in td.line_ops),
    )


__all__ += ["Pair", "TextDiff"]
