"""The claims extractor: every statement linked to who said it, through whom, and who confirmed it.

``extract(text)`` runs the pipeline of ../shared/DESIGN.md on one text:
normalise -> segment (paragraphs, quotations, sentences, tokens) -> frames (cue, source, content)
-> resolve (entities) -> attach (via, confirmations, hedges, dates) -> ``Claims``.
Rule-based and deterministic: the same text gives the same claims, byte for byte.
"""

from __future__ import annotations

from attribtrack.extractor.pipeline import extract, extract_plain

#: Bump whenever the output for some input changes: the store caches claims per (sha256, version).
EXTRACTOR_VERSION = "0.70.3"

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_plain"]
