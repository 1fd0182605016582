"""The ``check`` stage: editorial rules on drafts (AT1xx), source documents (AT2xx) and
revisions against a baseline (AT3xx).

    check(draft_text, baseline=None, config=None, path=None) -> tuple[Finding, ...]

Modules: ``rules`` (the Rule API), ``draft_rules``/``revision_rules`` (the rules), ``registry``
(the explicit tuple), ``engine`` (masking, suppression, stamping), ``markdown`` (what is prose),
``run`` (many drafts, configuration discovery, ``--against``), ``docs`` (the README table).
"""

from __future__ import annotations

from attribtrack.lint.engine import check
from attribtrack.lint.rules import Baseline, Context, Example, Hit, Rule

__all__ = ["Baseline", "Context", "Example", "Hit", "Rule", "check"]
