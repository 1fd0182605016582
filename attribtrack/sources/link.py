"""Linking an article's claims to the source documents that may hold them.

A source document is a candidate for a claim when it is of the same outlet (the claim's source
or one it came via: "told Interfax", "according to the report"), of the same speaker (the claim's
resolved source entity), or of a channel the claim mentions ("in a statement on Telegram").
A document of another named speaker is never a candidate for a person's words. Candidates are
ordered: speaker matches first, then nearest in date, then by id.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from attribtrack.models import Claim
from attribtrack.outlets import OutletRegistry, normalise_name
from attribtrack.sources.documents import Indexed

_PERSONS = ("person",)
_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})\b")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Names:
    """Canonical keys of the names a claim is attributed to."""

    speaker: str | None  # the source, if a person (or group/organisation) rather than an outlet
    outlets: tuple[str, ...]  # the source if an outlet, and every via


def key(name: str, registry: OutletRegistry) -> str:
    """The comparison key of an outlet or channel name: the registry's canonical name, normalised."""
    hit = registry.lookup(name)
    return normalise_name(hit.name if hit is not None else name)


def display(name: str, registry: OutletRegistry) -> str:
    """How to show an outlet or channel: its canonical registry name, else the name as written."""
    hit = registry.lookup(name)
    if hit is not None:
        return hit.name
    return name[4:] if name.startswith(("the ", "The ")) else name


def claim_names(claim: Claim, registry: OutletRegistry) -> Names:
    outlets: list[str] = []
    speaker = None
    src = claim.source
    if src is not None:
        if src.type == "outlet" or (src.type != "person" and registry.lookup(src.name) is not None):
            outlets.append(key(src.name, registry))
        else:
            speaker = normalise_name(src.name)
    outlets.extend(key(v.name, registry) for v in claim.via)
    return Names(speaker, tuple(dict.fromkeys(outlets)))


def same_speaker(a: str, b: str) -> bool:
    """Normalised names of the same person: equal, or one is the other's surname ("Peskov")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return " " not in short and long_.split()[-1] == short


def _doc_date(value: str | None) -> date | None:
    if not value:
        return None
    m = _ISO.search(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def claim_date(claim: Claim) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the claim's date, if it names one."""
    if claim.date is None:
        return None
    iso = _doc_date(claim.date.iso)
    if iso is not None:
        return (iso.year, iso.month, iso.day)
    m = _MONTH_DAY.search(claim.date.text)
    if m and m[1].casefold() in _MONTHS:
        return (None, _MONTHS[m[1].casefold()], int(m[2]))
    return None


def distance(when: tuple[int | None, int, int] | None, published: str | None) -> int:
    """Days between a claim's date and a document's; unknown dates sort last."""
    doc = _doc_date(published)
    if when is None or doc is None:
        return 10**6
    year, month, day = when
    try:
        then = date(year if year is not None else doc.year, month, day)
    except ValueError:
        return 10**6
    return abs((doc - then).days)


def candidates(claim: Claim, docs: Sequence[Indexed], registry: OutletRegistry) -> list[Indexed]:
    """The source documents that may hold ``claim``, best first."""
    names = claim_names(claim, registry)
    text = claim.text.casefold()
    when = claim_date(claim)
    ranked: list[tuple[int, int, str, Indexed]] = []
    for idx in docs:
        doc = idx.doc
        doc_speaker = normalise_name(doc.speaker) if doc.speaker else None
        if doc_speaker and names.speaker:
            if not same_speaker(doc_speaker, names.speaker):
                continue  # another person's words
            strength = 0
        elif doc_speaker and claim.source is not None and claim.source.type == "person":
            continue
        else:
            strength = 2
            for place in (doc.outlet, doc.channel):
                if place and key(place, registry) in names.outlets:
                    strength = 1
            if strength == 2 and doc.channel and _mentions(text, doc.channel):
                strength = 1
            if strength == 2:
                continue
        ranked.append((strength, distance(when, doc.published), doc.ref, idx))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]


def _mentions(text: str, name: str) -> bool:
    """Whether a claim's words name a channel ("in a statement on Telegram")."""
    core = normalise_name(name)
    return bool(core) and re.search(r"\b" + re.escape(core) + r"\b", text) is not None
