"""A document's claims across all its revisions: stable claim ids and blame.

Revision 1's claims keep the extractor's ids (``c1``, ``c2``, ...). In each later revision a claim
aligned with one of the revision before inherits that claim's id; a new claim gets the next
unused number. So ``c7`` names the same claim in every revision where it exists, whatever the
extractor numbers it there.

:func:`blame` says, for each claim of the latest revision, in which revision it first appeared
and which later revisions changed its source, quote, cue, confirmations or hedges. Its claims
keep the ids ``claims`` gives them in that revision; the stable id is beside each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import Field

from attribtrack.compare import align_claims
from attribtrack.compare.model import CHANGE_TYPES, Change
from attribtrack.compare.textdiff import TextDiff
from attribtrack.models import Claim, Claims, Model

BLAME_SCHEMA = "attribtrack.blame/1"

#: The change types blame reports (what happened to the attribution; plain edits are not).
ATTRIBUTION = tuple(t for t in CHANGE_TYPES if not t.startswith("claim-"))

_NUMBER = re.compile(r"\d+")


class BlameEvent(Model):
    revision: int
    type: str
    detail: str


class ClaimBlame(Model):
    """A claim of the blamed revision, where it came from.

    ``id`` is the claim's id in that revision, as ``claims DOC@N`` numbers it; ``stable`` the id
    that names it in every revision where it exists (see :func:`stable_ids`)."""

    id: str
    stable: str
    claim: Claim
    introduced: int
    changes: tuple[BlameEvent, ...] = ()


class Blame(Model):
    schema_: str = Field(BLAME_SCHEMA, alias="schema")
    document: str
    revision: int
    claims: tuple[ClaimBlame, ...] = ()


def stable_ids(
    revisions: Sequence[tuple[int, str, Claims]],
) -> list[tuple[dict[str, str], list[tuple[str, Change]]]]:
    """For each revision: extractor id -> stable id, and the (stable id, change) pairs of the
    changes that led to it from the revision before (none for the first)."""
    out: list[tuple[dict[str, str], list[tuple[str, Change]]]] = []
    next_number = 1
    prev: tuple[str, Claims] | None = None
    prev_ids: dict[str, str] = {}
    for _, text, claims in revisions:
        ids: dict[str, str] = {}
        changes: list[tuple[str, Change]] = []
        found: tuple[Change, ...] = ()
        if prev is None:
            for claim in claims.claims:
                ids[claim.id] = claim.id
        else:
            matches, found = align_claims(prev[0], prev[1], text, claims, text=TextDiff(prev[0], text))
            for m in matches:
                if m.old is not None and m.new is not None and m.old in prev_ids and m.new in _ids(claims):
                    ids[m.new] = prev_ids[m.old]
        # Claims without an inherited id: the next unused numbers, in document order.
        used = set(ids.values()) | set(prev_ids.values())
        next_number = max([next_number, *(_number(i) + 1 for i in used)])
        for claim in claims.claims:
            if claim.id not in ids:
                while f"c{next_number}" in used:
                    next_number += 1
                ids[claim.id] = f"c{next_number}"
                used.add(ids[claim.id])
                next_number += 1
        if prev is not None:
            changes = [
                (ids[c.new_claim.id], c) for c in found if c.new_claim is not None and c.new_claim.id in ids
            ]
        out.append((ids, changes))
        prev, prev_ids = (text, claims), ids
    return out


def _ids(claims: Claims) -> set[str]:
    return {c.id for c in claims.claims}


def _number(stable: str) -> int:
    m = _NUMBER.search(stable)
    return int(m.group()) if m else 0


def blame(document: str, revisions: Sequence[tuple[int, str, Claims]]) -> Blame:
    """Blame the last of ``revisions`` ((number, text, claims), oldest first)."""
    if not revisions:
        return Blame(schema=BLAME_SCHEMA, document=document, revision=0)
    history = stable_ids(revisions)
    introduced: dict[str, int] = {}
    events: dict[str, list[BlameEvent]] = {}
    for (number, _, _), (ids, changes) in zip(revisions, history, strict=True):
        for stable in ids.values():
            introduced.setdefault(stable, number)
        for stable, change in changes:
            if change.type in ATTRIBUTION:
                events.setdefault(stable, []).append(
                    BlameEvent(revision=number, type=change.type, detail=change.detail)
                )
    last_number, _, last_claims = revisions[-1]
    last_ids = history[-1][0]
    out = []
    for claim in last_claims.claims:
        stable = last_ids[claim.id]
        out.append(
            ClaimBlame(
                id=claim.id,
                stable=stable,
                claim=claim,
                introduced=introduced[stable],
                changes=tuple(events.get(stable, ())),
            )
        )
    return Blame(schema=BLAME_SCHEMA, document=document, revision=last_number, claims=tuple(out))
