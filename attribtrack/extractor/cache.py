"""Claims of a loaded TARGET, through the store's extraction cache for stored revisions.

The cache is keyed by (text sha256, :data:`EXTRACTOR_VERSION`): identical texts share claims, and
bumping the version invalidates every entry. File targets never open the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models (pydantic) are loaded by the functions that build them, not by
    # house_style, which `claims FILE --format json` calls without them
    from attribtrack.models import Claims


def claims_for(
    loaded: Any,
    *,
    store: str | None = None,
    titles: tuple[str, ...] = (),
    outlets: dict[str, list[str]] | None = None,
) -> Claims:
    """Claims of a :class:`attribtrack.targets.Loaded`; ``store`` is the --store override.

    ``titles`` and ``outlets`` (the project's configuration) change what is extracted, so claims
    with them are computed, never read from or written to the cache (keyed by text and version)."""
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.extractor.pipeline import extract
    from attribtrack.models import DocumentRef

    doc = DocumentRef(id=loaded.document, revision=loaded.revision, sha256=loaded.sha256, title=loaded.title)
    if loaded.document is None or titles or outlets:
        return extract(
            loaded.text, document=doc, published=loaded.published, titles=titles, outlets=outlets or None
        )
    from attribtrack.store import open_store

    st = open_store(store)
    try:
        cached = getattr(st, "cached_claims", None)
        if cached is not None:
            raw = cached(loaded.sha256, EXTRACTOR_VERSION)
            hit = None if raw is None else parse_cached(raw)
            if hit is not None:
                return hit.model_copy(update={"document": doc})
        claims = extract(loaded.text, document=doc, published=loaded.published)
        put = getattr(st, "put_claims", None)
        if put is not None:  # replaces a corrupt entry; a store that cannot be written keeps none
            put(loaded.sha256, EXTRACTOR_VERSION, claims.to_json())
        return claims
    finally:
        close = getattr(st, "close", None)
        if close is not None:
            close()


def house_style(target: str) -> tuple[tuple[str, ...], dict[str, list[str]]]:
    """(style.titles, outlets) of the project configuration for a target: found upward from the
    file, else from the working directory (stdin, stored revisions), as ``check`` does."""
    from pathlib import Path

    from attribtrack.config import load_config

    path = Path(target)
    cfg = load_config(path if target != "-" and path.exists() else Path.cwd())
    return cfg.style.titles, cfg.outlets


def parse_cached(raw: str) -> Claims | None:
    """A cached ``claims/1`` entry, or None when it is not valid JSON of the schema: the cache is a
    cache, so a corrupt entry is recomputed (and replaced), never an error."""
    from pydantic import ValidationError

    from attribtrack.models import Claims

    try:
        return Claims.model_validate_json(raw)
    except (ValidationError, ValueError):
        return None
