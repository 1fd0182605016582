"""The registry: every rule, in code order. An explicit tuple — adding a rule is one line."""

from __future__ import annotations

from attribtrack.lint import draft_rules, revision_rules
from attribtrack.lint.rules import Rule

try:  # AT2xx (source documents) live in the sources engineer's module
    from attribtrack.lint import sources_rules

    _SOURCE_RULES: tuple[Rule, ...] = tuple(sources_rules.RULES)
except ImportError:  # pragma: no cover - until attribtrack/lint/sources_rules.py lands
    _SOURCE_RULES = ()

RULES: tuple[Rule, ...] = tuple(
    sorted((*draft_rules.RULES, *_SOURCE_RULES, *revision_rules.RULES), key=lambda r: r.code)
)


def rule(code: str) -> Rule:
    for r in RULES:
        if r.code == code:
            return r
    raise KeyError(code)
