"""Sources: an article's claims checked against the documents of the outlets, officials and
channels it cites, and the graph of who said what through whom.

Library use::

    from attribtrack import sources
    docs = sources.documents_from_paths(["fixtures/sources/tracy-telegram.md"])
    v = sources.verify(claims, text, docs)          # attribtrack.verify/1
    g = sources.graph(claims, v, title="crocus")    # attribtrack.sources/1

:func:`analyse` does the whole job for a TARGET (what ``attribtrack verify`` and ``attribtrack
sources`` call): read it, extract its claims, gather the source documents (``--source`` paths, or
every ``kind: source`` document of the store), verify, and build the graph.

The stage modules are named apart from these functions (``verification``, ``sourcegraph``):
importing a submodule binds its name on the package and would hide a function of that name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from attribtrack.sources.documents import SourceText

if TYPE_CHECKING:
    from attribtrack.models import Claims
    from attribtrack.outlets import OutletRegistry
    from attribtrack.sources.model import SourceGraph, Verification
    from attribtrack.targets import Loaded

__all__ = [
    "Analysis",
    "SourceText",
    "analyse",
    "documents_from_paths",
    "documents_from_store",
    "graph",
    "verify",
]


def verify(
    claims: Claims, text: str, documents: Sequence[SourceText], *, registry: OutletRegistry | None = None
) -> Verification:
    """Verdicts for the quotes and reported claims of ``text`` (:mod:`attribtrack.sources.verification`)."""
    from attribtrack.sources.verification import verify as _verify

    return _verify(claims, text, documents, registry=registry)


def graph(
    claims: Claims,
    verification: Verification | None = None,
    *,
    title: str | None = None,
    registry: OutletRegistry | None = None,
) -> SourceGraph:
    """The source graph (see :mod:`attribtrack.sources.sourcegraph`)."""
    from attribtrack.sources.sourcegraph import build

    return build(claims, verification, title=title, registry=registry)


def documents_from_paths(
    targets: Sequence[str], *, store: str | None = None, encoding: str | None = None
) -> list[SourceText]:
    """Source documents named as TARGETs (files with front matter, or stored ``DOC``/``DOC@N``)."""
    from attribtrack.sources.documents import from_loaded
    from attribtrack.targets import load

    return [from_loaded(load(t, store=store, encoding=encoding)) for t in targets]


def documents_from_store(store: str | None = None, *, required: bool = True) -> list[SourceText] | None:
    """Every ``kind: source`` document of the store (latest revisions). ``store``: the --store file;
    None discovers ``.attribtrack/`` upward. With no store: NotFoundError if ``required``, else None."""
    from attribtrack.sources.documents import from_store
    from attribtrack.store import find_store, open_store

    if store is None and not required and find_store() is None:
        return None
    with open_store(store) as opened:
        return from_store(opened)


@dataclass(frozen=True)
class Analysis:
    loaded: Loaded
    claims: Claims
    documents: tuple[SourceText, ...] | None  # None: no store and no --source (graph from the text only)
    verification: Verification | None
    graph: SourceGraph


def analyse(
    target: str,
    *,
    store: str | None = None,
    sources: Sequence[str] = (),
    require_documents: bool = True,
    registry: OutletRegistry | None = None,
    encoding: str | None = None,
) -> Analysis:
    """Read TARGET, extract its claims, verify them against the source documents, build the graph."""
    from attribtrack.outlets import load_registry
    from attribtrack.targets import load

    loaded = load(target, store=store, encoding=encoding)
    if registry is None:  # the built-in outlets and the project's [tool.attribtrack.outlets]
        from pathlib import Path

        from attribtrack.config import load_config

        registry = load_registry(load_config(Path(loaded.path or ".")).outlets or None)
    docs: list[SourceText] | None
    if sources:
        docs = documents_from_paths(sources, store=store, encoding=encoding)
    else:
        docs = documents_from_store(store, required=require_documents)
    if docs is not None and loaded.document is not None:
        docs = [d for d in docs if d.id != loaded.document]
    claims = _claims(loaded, store)
    verification = verify(claims, loaded.text, docs, registry=registry) if docs is not None else None
    title = loaded.title or loaded.label
    return Analysis(
        loaded=loaded,
        claims=claims,
        documents=tuple(docs) if docs is not None else None,
        verification=verification,
        graph=graph(claims, verification, title=title, registry=registry),
    )


def _claims(loaded: Loaded, store: str | None) -> Claims:
    """The claims of a TARGET: through the store's extraction cache (as `attribtrack claims`), or,
    for a file with Markdown front matter or HTML comments, of its prose only."""
    from attribtrack.extractor.cache import claims_for
    from attribtrack.sources.documents import not_prose

    skip = not_prose(loaded.text)
    if not skip:
        return claims_for(loaded, store=store)
    from attribtrack.extractor.pipeline import extract
    from attribtrack.models import DocumentRef

    doc = DocumentRef(id=loaded.document, revision=loaded.revision, sha256=loaded.sha256, title=loaded.title)
    return extract(_prose(loaded.text, skip), document=doc, published=loaded.published)


def _prose(text: str, skip: Sequence[tuple[int, int]]) -> str:
    """``text`` with front matter and HTML comments blanked (same length: offsets unchanged)."""
    if not skip:
        return text
    chars = list(text)
    for s, e in skip:
        for i in range(s, e):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)
