"""attribtrack: who said it, through whom, who confirmed it, and what changed between revisions.

The library is usable without the CLI::

    attribtrack.extract(text) -> Claims
    attribtrack.diff(old_text, new_text) -> RevisionDiff
    attribtrack.check(draft_text, baseline=None, config=None) -> Findings

Heavy modules are imported on first use so that ``import attribtrack`` (and ``attribtrack
--help``) stays fast. The stage modules are named differently from these functions
(``extractor``, ``compare``, ``lint``) because importing a submodule binds its name on the package.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "check", "diff", "extract"]


def extract(text: str, **options: Any) -> Any:
    """Every claim in ``text`` with its source, cue, via, confirmations, hedges and date."""
    from attribtrack.extractor import extract as _extract

    return _extract(text, **options)


def diff(old: str, new: str, **options: Any) -> Any:
    """Attribution-aware comparison of two revisions of a text."""
    from attribtrack.compare import diff as _diff

    return _diff(old, new, **options)


def check(draft: str, baseline: str | None = None, config: Any = None, **options: Any) -> Any:
    """Findings of the editorial rules on a draft (and against a baseline, if given)."""
    from attribtrack.lint import check as _check

    return _check(draft, baseline=baseline, config=config, **options)
