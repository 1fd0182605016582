"""AT3xx: rules against a baseline — what an edit did to attribution.

Each rule reads the changes :func:`attribtrack.compare.compare_claims` finds between the baseline
and the draft and keeps those of its change types. A finding points at the claim in the draft;
when the claim is gone from the draft, at the place where it stood (the baseline offset carried
through a character diff of the two texts).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from attribtrack.lint.draft_rules import excerpt
from attribtrack.lint.rules import Context, Example, Hit, Rule
from attribtrack.plain import Span

if TYPE_CHECKING:
    from attribtrack.models import Claim

__all__ = [
    "RULES",
    "AttributionDropped",
    "ConfirmationDropped",
    "CueChanged",
    "HedgeDropped",
    "QuoteAltered",
    "SourceChanged",
]


def _who(claim: Claim | None) -> str:
    if claim is None or claim.source is None:
        return "no one"
    return claim.source.mention or claim.source.name


def _content(claim: Claim | None) -> str:
    if claim is None:
        return ""
    return " … ".join(c.text for c in claim.content) if claim.content else claim.text


class RevisionRule(Rule):
    """Shared machinery: pick this rule's change types, locate each change in the draft."""

    needs_baseline = True
    change_types: ClassVar[tuple[str, ...]] = ()

    def check(self, ctx: Context) -> Iterator[Hit]:
        for change in ctx.changes:
            if getattr(change, "type", None) in self.change_types:
                old, new = getattr(change, "old_claim", None), getattr(change, "new_claim", None)
                message = self.message(change, old, new)
                if message:
                    yield Hit(self.span(ctx, change, old, new), message, new.id if new is not None else None)

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:  # pragma: no cover
        raise NotImplementedError

    def span(self, ctx: Context, change: Any, old: Claim | None, new: Claim | None) -> Span:
        if new is not None:
            return new.span
        return where_it_stood(ctx, old.span if old is not None else (0, 0))


def where_it_stood(ctx: Context, old_span: Span) -> Span:
    """The sentence of the draft at the place a removed claim stood in the baseline."""
    position = _map_offset(ctx, old_span[0])
    for start, end in ctx.sentences:
        if position < end:
            return (start, end)
    return (position, position)


def _map_offset(ctx: Context, offset: int) -> int:
    """Carry a baseline offset into the draft through a (deterministic) character diff."""
    assert ctx.baseline is not None
    cache = ctx.__dict__.setdefault("_offset_diff", [])
    if not cache:
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        dmp.Diff_Timeout = 0  # never depend on the speed of the machine
        cache.append((dmp, dmp.diff_main(ctx.baseline.text, ctx.text, False)))
    dmp, diffs = cache[0]
    return min(int(dmp.diff_xIndex(diffs, offset)), len(ctx.text))


class AttributionDropped(RevisionRule):
    """Against the baseline: the same content, but its source was removed.

    The draft still makes the claim, now in the paper's own voice. Restore the attribution or
    confirm the paper can state the fact itself.
    """

    code = "AT301"
    name = "attribution-dropped"
    severity = "error"
    change_types = ("attribution-dropped",)
    fires = (
        Example(
            "The bridge will close for repairs in June.",
            baseline="The bridge will close for repairs in June, the city engineer said.",
        ),
    )
    passes = (
        Example(
            "The bridge will close for repairs in June, the city engineer said.",
            baseline="The bridge will close for repairs in June, the city engineer said.",
        ),
    )

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:
        return f'attribution to "{_who(old)}" dropped: "{excerpt(_content(new or old))}" now has no source'


class SourceChanged(RevisionRule):
    """Against the baseline: the same content, attributed to another source.

    Often a correction, sometimes a slip. Check that the new source really said it.
    """

    code = "AT302"
    name = "source-changed"
    severity = "warning"
    change_types = ("source-changed",)
    fires = (
        Example(
            "The bridge will close for repairs in June, the mayor said.",
            baseline="The bridge will close for repairs in June, the city engineer said.",
        ),
    )
    passes = (
        Example(
            "The bridge will close for repairs in June, the city engineer said on Monday.",
            baseline="The bridge will close for repairs in June, the city engineer said on Monday.",
        ),
    )

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:
        return f'source changed from "{_who(old)}" to "{_who(new)}"'

    def span(self, ctx: Context, change: Any, old: Claim | None, new: Claim | None) -> Span:
        if new is not None and new.source is not None:
            return new.source.span  # the new source's words
        return super().span(ctx, change, old, new)


class QuoteAltered(RevisionRule):
    """Against the baseline: words inside a direct quotation changed.

    A quotation is the speaker's words. Editing them (or turning the quotation into paraphrase
    while keeping it attributed to the speaker, or a paraphrase into a quotation) needs a reason
    and a check against the source.
    """

    code = "AT303"
    name = "quote-altered"
    severity = "error"
    change_types = ("quote-altered", "quote-to-paraphrase", "paraphrase-to-quote")
    fires = (
        Example(
            '"The bridge is dangerous and must close," the city engineer said.',
            baseline='"The bridge is unsafe and must close," the city engineer said.',
        ),
        Example(
            'The mayor called the plan "unfair," officials said.',
            baseline="The mayor called the plan unfair, officials said.",
        ),
    )
    passes = (
        Example(
            '"The bridge is unsafe and must close," the city engineer said on Monday.',
            baseline='"The bridge is unsafe and must close," the city engineer said.',
        ),
    )

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:
        if getattr(change, "type", "") == "quote-to-paraphrase":
            return f'quotation "{excerpt(_content(old))}" turned into paraphrase'
        if getattr(change, "type", "") == "paraphrase-to-quote":
            detail = getattr(change, "detail", "").partition(": ")[2]
            return (
                f'paraphrase turned into a quotation: "{excerpt(detail)}" (did the source say these words?)'
            )
        ops = [op for op in getattr(change, "ops", ()) if op.op in ("delete", "insert")]
        if ops:
            removed = " … ".join(op.text for op in ops if op.op == "delete")
            added = " … ".join(op.text for op in ops if op.op == "insert")
            return f'words inside the quotation changed: "{excerpt(removed, 40)}" -> "{excerpt(added, 40)}"'
        return f'words inside the quotation changed: "{excerpt(_content(old))}" -> "{excerpt(_content(new))}"'

    def span(self, ctx: Context, change: Any, old: Claim | None, new: Claim | None) -> Span:
        """The changed words in the draft when they are known, else the whole quotation."""
        if new is None or not new.content:
            return super().span(ctx, change, old, new)
        quote = (new.content[0].span[0], new.content[-1].span[1])
        inserted = [
            op.new for op in getattr(change, "ops", ()) if op.op == "insert" and op.new[1] > op.new[0]
        ]
        inside = [s for s in inserted if quote[0] <= s[0] and s[1] <= quote[1]]
        if inside:
            return (min(s[0] for s in inside), max(s[1] for s in inside))
        return quote


_CONFIRMED = "The plant will close next year, Reuters reported, which was later confirmed by the company."


class ConfirmationDropped(RevisionRule):
    """Against the baseline: a confirmation ("confirmed by X") was removed.

    The claim now rests on fewer shoulders than before.
    """

    code = "AT304"
    name = "confirmation-dropped"
    severity = "warning"
    change_types = ("confirmation-dropped",)
    fires = (
        Example(
            "The plant will close next year, Reuters reported.",
            baseline=_CONFIRMED,
        ),
    )
    passes = (Example(_CONFIRMED, baseline=_CONFIRMED),)

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:
        kept = {r.name for r in new.confirmed_by} if new is not None else set()
        gone = [
            r.mention or r.name for r in (old.confirmed_by if old is not None else ()) if r.name not in kept
        ]
        return f"confirmation by {', '.join(repr(g) for g in gone) or 'another source'} dropped"


class HedgeDropped(RevisionRule):
    """Against the baseline: a hedge ("without evidence", "allegedly") was removed.

    Dropping a hedge turns a contested statement into a stronger one.
    """

    code = "AT305"
    name = "hedge-dropped"
    severity = "warning"
    change_types = ("hedge-dropped",)
    fires = (
        Example(
            "Officials said that the fire was arson.",
            baseline="Officials said without evidence that the fire was arson.",
        ),
    )
    passes = (
        Example(
            "Officials said without evidence that the fire was arson.",
            baseline="Officials said without evidence that the fire was arson.",
        ),
    )

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:
        kept = {h.text.lower() for h in new.hedges} if new is not None else set()
        gone = [h.text for h in (old.hedges if old is not None else ()) if h.text.lower() not in kept]
        return f"hedge {', '.join(repr(g) for g in gone) or ''} dropped".replace("  ", " ")


class CueChanged(RevisionRule):
    """Against the baseline: the cue changed ("said" became "admitted", "claimed" became "confirmed").

    The reporting verb carries a judgement; changing it changes what the story says about the
    statement.
    """

    code = "AT306"
    name = "cue-changed"
    severity = "warning"
    change_types = ("cue-changed",)
    fires = (
        Example(
            "The minister admitted that the project was late.",
            baseline="The minister said that the project was late.",
        ),
    )
    passes = (
        Example(
            "The minister said on Monday that the project was late.",
            baseline="The minister said that the project was late.",
        ),
    )

    def message(self, change: Any, old: Claim | None, new: Claim | None) -> str:
        before = old.cue.text if old is not None and old.cue else "?"
        after = new.cue.text if new is not None and new.cue else "?"
        return f'cue changed from "{before}" to "{after}"'

    def span(self, ctx: Context, change: Any, old: Claim | None, new: Claim | None) -> Span:
        if new is not None and new.cue is not None:
            return new.cue.span
        return super().span(ctx, change, old, new)


RULES: tuple[Rule, ...] = (
    AttributionDropped(),
    SourceChanged(),
    QuoteAltered(),
    ConfirmationDropped(),
    HedgeDropped(),
    CueChanged(),
)
