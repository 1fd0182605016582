"""attribtrack: who said it, through whom, who confirmed it, and what changed between revisions.

The library is usable without the CLI::

    attribtrack.extract(text) -> Claims
    attribtrack.diff(old_text, new_text) -> RevisionDiff
    attribtrack.check(draft_text, baseline=None, config=None) -> tuple[Finding, ...]

Heavy modules are imported on first use so that ``import attribtrack`` (and ``attribtrack
--help``) stays fast. The stage modules are named differently from these functions
(``extractor``, ``compare``, ``lint``) because importing a submodule binds its name on the package.
Every option is a named keyword: a misspelt one is a ``TypeError``, not silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from attribtrack.compare.model import RevisionDiff
    from attribtrack.config import Config
    from attribtrack.models import Claims, DocumentRef
    from attribtrack.outlets import OutletRegistry
    from attribtrack.plain import Finding
    from attribtrack.sources.documents import SourceText

__version__ = "0.1.0"

__all__ = ["__version__", "check", "diff", "extract"]


def extract(
    text: str,
    *,
    document: DocumentRef | None = None,
    published: str | None = None,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None = None,
    titles: Sequence[str] = (),
) -> Claims:
    """Every claim in ``text`` with its source, cue, via, confirmations, hedges and date.

    ``published`` (ISO date) resolves "on April 2"; ``outlets`` adds outlets (name -> aliases) to
    the built-in registry; ``titles`` adds house-style titles that introduce a speaker."""
    from attribtrack.extractor import extract as _extract

    return _extract(text, document=document, published=published, outlets=outlets, titles=titles)


def diff(
    old: str,
    new: str,
    *,
    old_label: str = "old",
    new_label: str = "new",
    old_claims: Claims | None = None,
    new_claims: Claims | None = None,
) -> RevisionDiff:
    """Attribution-aware comparison of two revisions of a text (claims extracted unless given)."""
    from attribtrack.compare import diff as _diff

    return _diff(
        old, new, old_label=old_label, new_label=new_label, old_claims=old_claims, new_claims=new_claims
    )


def check(
    draft: str,
    baseline: str | None = None,
    config: Config | Mapping[str, Any] | None = None,
    *,
    path: str | None = None,
    markdown: bool | None = None,
    claims: Claims | None = None,
    store: str | None = None,
    sources: Sequence[SourceText | Mapping[str, Any]] | None = None,
) -> tuple[Finding, ...]:
    """Findings of the editorial rules on a draft (and against a baseline, if given).

    ``config`` is a :class:`~attribtrack.config.Config` or a ``[tool.attribtrack]`` table;
    ``path`` names the draft (Markdown handling, per-path ignores); ``store`` or ``sources``
    give the source documents the AT2xx rules read."""
    from attribtrack.lint import check as _check

    options: dict[str, Any] = {}
    if store is not None:
        options["store"] = store
    if sources is not None:
        options["sources"] = sources
    return _check(draft, baseline, config, path=path, markdown=markdown, claims=claims, **options)
