"""AT2xx: rules that read the source documents — single-sourced claims, quotes that the cited
document does not contain, cited outlets with no document.

Source documents come from the ``sources`` option (a sequence of
:class:`attribtrack.sources.SourceText`; an empty one means "no documents"), else from the store
(``store`` option, the ``--store`` file, else ``.attribtrack/`` found upward from the working
directory; never created). With no store there are no documents: AT202 and AT203 stay silent, so
a CI job that checks bare files is unaffected.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from attribtrack.lint.rules import Context, Example, Hit, Rule
from attribtrack.plain import Span

if TYPE_CHECKING:
    from attribtrack.models import Claim
    from attribtrack.outlets import OutletRegistry
    from attribtrack.sources.documents import SourceText
    from attribtrack.sources.model import Verification

__all__ = ["RULES", "CitedDocumentMissing", "QuoteNotInSource", "SingleSource"]


def _excerpt(text: str, limit: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def _doc(text: str, ref: str, **fields: str) -> dict[str, str]:
    """A source document for a rule example, as plain data: examples are built at import, and
    importing the sources stage (and rapidfuzz) then would slow every `check` down."""
    return {"text": text, "ref": ref, "id": ref, **fields}


def _as_document(given: Any) -> SourceText:
    from attribtrack.sources.documents import SourceText

    return SourceText(**given) if isinstance(given, dict) else given  # type: ignore[no-any-return]


# --- documents and verdicts, computed once per draft -----------------------------------------

_STORE_CACHE: dict[tuple[str, float], tuple[Any, ...]] = {}
_VERIFIED: WeakKeyDictionary[Context, Verification | None] = WeakKeyDictionary()


def _registry(ctx: Context) -> OutletRegistry:
    from attribtrack.outlets import load_registry

    # the project's [tool.attribtrack.outlets], when the engine passes them as an option
    extra = ctx.options.get("outlets")
    return load_registry(extra if isinstance(extra, dict) else None)


def documents(ctx: Context) -> Sequence[SourceText] | None:
    """The source documents for this check, or None when there are none to be had."""
    given = ctx.options.get("sources")
    if given is not None:
        return tuple(_as_document(doc) for doc in given)
    store = ctx.options.get("store")
    if store is None and not _store_dir_above():
        return None  # the common case, a draft outside any store: not worth importing the store
    from attribtrack.store import find_store

    path = store if store is not None else find_store()
    if path is None or not os.path.exists(path):
        return None
    key = (os.path.abspath(path), os.path.getmtime(path))
    if key not in _STORE_CACHE:  # many drafts in one run share one read of the store
        from attribtrack.sources import documents_from_store

        _STORE_CACHE.clear()
        _STORE_CACHE[key] = tuple(documents_from_store(str(path)) or ())
    return _STORE_CACHE[key]


def _store_dir_above() -> bool:
    """Is there a ``.attribtrack/`` directory at or above the working directory (where
    :func:`attribtrack.store.find_store` would look)?"""
    here = os.path.abspath(os.getcwd())
    while True:
        if os.path.isdir(os.path.join(here, ".attribtrack")):
            return True
        parent = os.path.dirname(here)
        if parent == here:
            return False
        here = parent


def _key(name: str, registry: OutletRegistry) -> str:
    """:func:`attribtrack.sources.link.key` (the registry's canonical name, normalised), without
    importing the source-document modules on every check."""
    from attribtrack.outlets import normalise_name

    hit = registry.lookup(name)
    return normalise_name(hit.name if hit is not None else name)


def verification(ctx: Context) -> Verification | None:
    """The draft verified against the source documents (None without documents)."""
    if ctx not in _VERIFIED:
        docs = documents(ctx)
        if not docs:
            _VERIFIED[ctx] = None
        else:
            from attribtrack.models import Claims
            from attribtrack.sources.verification import verify

            claims = ctx.claims
            if not isinstance(claims, Claims):  # attribtrack.plain values: the models for verify
                claims = Claims.model_validate(claims.to_dict())
            _VERIFIED[ctx] = verify(claims, ctx.text, docs, registry=_registry(ctx))
    return _VERIFIED[ctx]


# --- the rules -------------------------------------------------------------------------------


def _outlets(claim: Claim, registry: OutletRegistry) -> list[tuple[str, Span]]:
    """The outlets a claim was reported by: its source if an outlet, and every outlet it came via."""
    out: list[tuple[str, Span]] = []
    src = claim.source
    if src is not None and (src.type == "outlet" or (src.type != "person" and registry.lookup(src.name))):
        out.append((src.name, src.span))
    for ref in claim.via:
        if ref.type == "outlet" or registry.lookup(ref.name) is not None:
            out.append((ref.name, ref.span or claim.span))
    return out


class SingleSource(Rule):
    """A claim reported by one outlet with no confirmation.

    "Reuters reported that …" or "officials told Reuters …" rests on a single outlet's
    reporting. The rule fires when a claim comes from exactly one outlet (as its source, or the
    outlet anonymous or group sources spoke through) and nothing confirms it: no "confirmed by"
    on it or on another claim of the same outlet's report, and — when source documents are
    ingested — no document of another outlet that states it. A named person speaking to an
    outlet ("Naryshkin told Interfax") is on the record and does not count.
    """

    code = "AT201"
    name = "single-source"
    severity = "info"
    fires = (
        Example("Reuters reported on Monday that the port had been closed to all shipping."),
        Example("The port had been closed to all shipping, officials told Reuters."),
    )
    passes = (
        Example(
            "Reuters reported on Monday that the port had been closed to all shipping, which was later "
            "confirmed by The Associated Press."
        ),
        Example("Harbour master Ivan Sokolov said on Monday that the port had been closed to all shipping."),
        Example(
            "Reuters reported on Monday that the port had been closed to all shipping.",
            options={
                "sources": (
                    _doc(
                        "The port has been closed to all shipping, the harbour master said.",
                        "ap-port",
                        outlet="Associated Press",
                    ),
                )
            },  # fmt: skip
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        registry = _registry(ctx)
        confirmed: set[str] = set()
        for claim in ctx.claims.claims:
            if claim.confirmed_by:
                confirmed.update(_key(name, registry) for name, _ in _outlets(claim, registry))
        v = verification(ctx)
        corroborated = {c.claim for c in v.corroborations} if v is not None else set()
        for claim in ctx.claims.claims:
            src = claim.source
            if src is None or claim.kind == "unattributed" or claim.confirmed_by or claim.id in corroborated:
                continue
            outlets = _outlets(claim, registry)
            if len({_key(name, registry) for name, _ in outlets}) != 1:
                continue
            name, span = outlets[0]
            if src.type == "person" or _key(name, registry) in confirmed:
                continue
            yield Hit(span, f"{name} is the only outlet for this claim and nothing confirms it", claim.id)


class QuoteNotInSource(Rule):
    """The cited source document is ingested and does not contain the quote.

    Each direct or mixed quote is looked for, word by word, in the ingested documents of its
    speaker, of the outlet it came through, and of the channel it names ("on Telegram"). The
    rule fires when the words differ (the message shows them: 'provocative statements' vs
    'provocative statement'), when they are found only in parts that stand apart in the source
    (truncated or spliced), or when they are not there at all. Quote marks, punctuation, case
    and spacing do not count. Without an ingested document for the quote the rule is silent
    (AT203 reports missing documents).
    """

    code = "AT202"
    name = "quote-not-in-source"
    severity = "error"
    fires = (
        Example(
            'Foreign Minister Anna Petrova said: "We will accept these terms."',
            options={
                "sources": (
                    _doc(
                        "Petrova: We will never accept these terms.",
                        "petrova-briefing",
                        speaker="Anna Petrova",
                    ),
                )
            },  # fmt: skip
        ),
        Example(
            'Foreign Minister Anna Petrova said: "Our farmers will have the best harvest in a decade."',
            options={
                "sources": (
                    _doc(
                        "Petrova: We will never accept these terms.",
                        "petrova-briefing",
                        speaker="Anna Petrova",
                    ),
                )
            },  # fmt: skip
        ),
    )
    passes = (
        Example(
            'Foreign Minister Anna Petrova said: "We will never accept these terms."',
            options={
                "sources": (
                    _doc(
                        "Petrova: We will never accept these terms!",
                        "petrova-briefing",
                        speaker="Anna Petrova",
                    ),
                )
            },  # fmt: skip
        ),
        Example(
            'Foreign Minister Anna Petrova said: "We will accept these terms."',
            options={
                "sources": (_doc("Sokolov: We will accept these terms.", "sokolov", speaker="Ivan Sokolov"),)
            },
        ),
        Example('Foreign Minister Anna Petrova said: "We will accept these terms."', options={"sources": ()}),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        v = verification(ctx)
        if v is None:
            return
        for q in v.quotes:
            if q.verdict in ("verbatim", "no-document"):
                continue
            where = ", ".join(q.candidates)
            # the pieces of a discontinuous quote ("A," she said, "B.") found apart: one finding
            apart = [
                seg for seg in q.segments if seg.verdict == "truncated-or-spliced" and len(seg.found) == 1
            ]
            if len(apart) > 1:
                span = (apart[0].span[0], apart[-1].span[1])
                parts = " … ".join(repr(_excerpt(seg.found[0].text, 40)) for seg in apart)
                doc = apart[0].found[0].document
                yield Hit(span, f"the pieces of this quote stand apart in {doc}: {parts}", q.claim)
            for seg in q.segments:
                if len(apart) > 1 and seg in apart:
                    continue
                quoted = f'"{_excerpt(seg.text)}"'
                if seg.verdict == "altered":
                    diff = "; ".join(f"{c.quote!r} vs {c.source!r}" for c in seg.changes)
                    doc = seg.found[0].document
                    yield Hit(seg.span, f"quote {quoted} differs from {doc}: {diff}", q.claim)
                elif seg.verdict == "truncated-or-spliced":
                    doc = seg.found[0].document if seg.found else where
                    parts = " … ".join(repr(_excerpt(p.text, 40)) for p in seg.found)
                    yield Hit(seg.span, f"quote {quoted} is in {doc} only in parts, apart: {parts}", q.claim)
                elif seg.verdict == "not-found":
                    who = f" of {q.speaker}" if q.speaker else ""
                    yield Hit(seg.span, f"quote {quoted} is not in the documents{who} ({where})", q.claim)


class CitedDocumentMissing(Rule):
    """A cited outlet or channel has no ingested document.

    When a store of source documents is in use, every outlet or channel the draft cites
    ("The Washington Post reported", "told Interfax", "in a statement on Telegram") should have
    a document in it, so that quotes and claims can be verified against it. Reported once per
    outlet, at its first mention. Silent when no source documents are in use at all.
    """

    code = "AT203"
    name = "cited-document-missing"
    severity = "info"
    fires = (
        Example(
            "Reuters reported on Monday that the port had been closed to all shipping.",
            options={"sources": (_doc("The port is open.", "interfax-port", outlet="Interfax"),)},
        ),
    )
    passes = (
        Example(
            "Reuters reported on Monday that the port had been closed to all shipping.",
            options={"sources": (_doc("The port has been closed.", "reuters-port", outlet="Reuters"),)},
        ),
        Example(
            "Reuters reported on Monday that the port had been closed to all shipping.",
            options={"sources": ()},
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        docs = documents(ctx)
        if not docs:
            return
        registry = _registry(ctx)
        have = {_key(p, registry) for d in docs for p in (d.outlet, d.channel) if p}
        seen: set[str] = set()
        for claim in ctx.claims.claims:
            for name, span in _outlets(claim, registry):
                k = _key(name, registry)
                if k in have or k in seen:
                    continue
                seen.add(k)
                yield Hit(span, f"no ingested document of {name}, which this draft cites", claim.id)


RULES: tuple[Rule, ...] = (SingleSource(), QuoteNotInSource(), CitedDocumentMissing())
