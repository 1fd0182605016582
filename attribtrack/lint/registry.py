"""The registry: every rule, in code order. An explicit tuple — adding a rule is one line."""

from __future__ import annotations

from attribtrack.lint import draft_rules as draft
from attribtrack.lint import revision_rules as revision
from attribtrack.lint import sources_rules as sources
from attribtrack.lint.rules import Rule

RULES: tuple[Rule, ...] = (
    draft.QuoteWithoutSource(),  # AT101
    draft.UnresolvedPronoun(),  # AT102
    draft.AnonymousSource(),  # AT103
    draft.UnattributedFigure(),  # AT104
    draft.UnbalancedQuotes(),  # AT105
    draft.LoadedCue(),  # AT106
    sources.SingleSource(),  # AT201
    sources.QuoteNotInSource(),  # AT202
    sources.CitedDocumentMissing(),  # AT203
    revision.AttributionDropped(),  # AT301
    revision.SourceChanged(),  # AT302
    revision.QuoteAltered(),  # AT303
    revision.ConfirmationDropped(),  # AT304
    revision.HedgeDropped(),  # AT305
    revision.CueChanged(),  # AT306
)


def rule(code: str) -> Rule:
    for r in RULES:
        if r.code == code:
            return r
    raise KeyError(code)
