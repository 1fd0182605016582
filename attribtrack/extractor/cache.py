"""Claims of a loaded TARGET, through the store's extraction cache for stored revisions.

The cache is keyed by (text sha256, :data:`EXTRACTOR_VERSION`): identical texts share claims, and
bumping the version invalidates every entry. File targets never open the store.
"""

from __future__ import annotations

from typing import Any

from attribtrack.models import Claims, DocumentRef


def claims_for(loaded: Any, *, store: str | None = None) -> Claims:
    """Claims of a :class:`attribtrack.targets.Loaded`; ``store`` is the --store override."""
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.extractor.pipeline import extract

    doc = DocumentRef(id=loaded.document, revision=loaded.revision, sha256=loaded.sha256, title=loaded.title)
    if loaded.document is None:
        return extract(loaded.text, document=doc, published=loaded.published)
    from attribtrack.store import open_store

    st = open_store(store)
    try:
        cached = getattr(st, "cached_claims", None)
        if cached is not None:
            raw = cached(loaded.sha256, EXTRACTOR_VERSION)
            if raw is not None:
                return Claims.model_validate_json(raw).model_copy(update={"document": doc})
        claims = extract(loaded.text, document=doc, published=loaded.published)
        put = getattr(st, "put_claims", None)
        if put is not None:
            put(loaded.sha256, EXTRACTOR_VERSION, claims.to_json())
        return claims
    finally:
        close = getattr(st, "close", None)
        if close is not None:
            close()
