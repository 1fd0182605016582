"""Values of the ``align`` and ``diff`` stages: word ops, claim matches, changes, a revision diff.

``attribtrack.diff/1`` is :class:`RevisionDiff` dumped with :meth:`RevisionDiff.to_json`. The
texts and whole-text ops it carries for the renderers are excluded from JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from attribtrack.models import Claim, Model, Span

DIFF_SCHEMA = "attribtrack.diff/1"

ChangeType = Literal[
    "claim-added",
    "claim-removed",
    "claim-edited",
    "attribution-dropped",
    "attribution-added",
    "source-changed",
    "quote-altered",
    "quote-to-paraphrase",
    "paraphrase-to-quote",
    "cue-changed",
    "confirmation-dropped",
    "confirmation-added",
    "hedge-dropped",
    "hedge-added",
]

#: Every change type, in the order the contract lists them (also the order of summaries).
CHANGE_TYPES: tuple[str, ...] = ChangeType.__args__  # type: ignore[attr-defined]

MatchStatus = Literal["unchanged", "edited", "moved", "added", "removed"]
OpKind = Literal["equal", "delete", "insert"]


class WordOp(Model):
    """One word-level edit. ``old``/``new`` are spans in the old/new text; a deletion has an empty
    ``new`` span at the point where the words used to be, an insertion an empty ``old`` span."""

    op: OpKind
    old: Span
    new: Span
    text: str


class ClaimMatch(Model):
    """How one claim fared between two revisions. ``old``/``new`` are the claims' ids.

    ``moved`` is true when the claim left the order of its neighbours; ``status`` is ``moved`` only
    when its words did not change too (an edited claim that moved is ``edited`` with ``moved``).
    """

    status: MatchStatus
    old: str | None = None
    new: str | None = None
    moved: bool = False
    old_span: Span | None = None
    new_span: Span | None = None


class Change(Model):
    """One named change to a claim's wording or attribution (the contract's change types)."""

    type: ChangeType
    old_claim: Claim | None = None
    new_claim: Claim | None = None
    ops: tuple[WordOp, ...] = ()
    detail: str = ""

    @property
    def span_old(self) -> Span | None:
        return self.old_claim.span if self.old_claim else None

    @property
    def span_new(self) -> Span | None:
        return self.new_claim.span if self.new_claim else None

    def headline(self) -> str:
        """``type: detail``, on one line (hunk headers, summaries, verdicts)."""
        return f"{self.type}: {self.detail}" if self.detail else self.type


class Side(Model):
    """Which text one side of a diff is: how to name it, and its stored identity if any."""

    label: str
    sha256: str
    document: str | None = None
    revision: int | None = None


class RevisionDiff(Model):
    """An attribution-aware comparison of two revisions (``attribtrack.diff/1``)."""

    schema_: Literal["attribtrack.diff/1"] = Field("attribtrack.diff/1", alias="schema")
    old: Side
    new: Side
    identical: bool
    alignment: tuple[ClaimMatch, ...] = ()
    changes: tuple[Change, ...] = ()
    # For renderers only; not part of the JSON contract (the texts can be large).
    old_text: str = Field("", exclude=True, repr=False)
    new_text: str = Field("", exclude=True, repr=False)
    ops: tuple[WordOp, ...] = Field((), exclude=True, repr=False)
    #: The line diff (kind, old from, old to, new from, new to), in line indices.
    lines: tuple[tuple[str, int, int, int, int], ...] = Field((), exclude=True, repr=False)

    def summary(self) -> dict[str, int]:
        """Number of changes of each type that occurs, in contract order."""
        counts = {t: 0 for t in CHANGE_TYPES}
        for change in self.changes:
            counts[change.type] += 1
        return {t: n for t, n in counts.items() if n}

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for match in self.alignment:
            counts[match.status] = counts.get(match.status, 0) + 1
        return counts
