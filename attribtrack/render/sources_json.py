"""``attribtrack.sources/1`` and ``attribtrack.verify/1`` as JSON: sorted keys, same bytes for the
same value, non-ASCII kept as is."""

from __future__ import annotations

from attribtrack.sources.model import SourceGraph, Verification


def render_json(value: SourceGraph | Verification) -> str:
    return value.to_json(indent=2) + "\n"
