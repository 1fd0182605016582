"""The engine: mask the draft, run the enabled rules, stamp identity, apply suppression."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from attribtrack.config import Config, Style, parse_config
from attribtrack.lint.extraction import Outlets, extract_claims, outlets_key
from attribtrack.lint.markdown import is_markdown, mask, suppressions
from attribtrack.lint.rules import Baseline, Context, Rule
from attribtrack.plain import Finding

if TYPE_CHECKING:
    from attribtrack.models import Claims

__all__ = ["baseline_claims", "check"]


@lru_cache(maxsize=8)
def _baseline_claims(text: str, markdown: bool, style: Style, outlets: Outlets) -> Claims:
    return extract_claims(mask(text, markdown=markdown).prose, style, outlets)


def baseline_claims(
    baseline: Baseline, style: Style, outlets: Mapping[str, Sequence[str]] | None = None
) -> Claims:
    """The claims of a baseline (its prose only), extracted once however many drafts share it."""
    if baseline.claims is not None:
        return baseline.claims
    return _baseline_claims(baseline.text, is_markdown(baseline.label), style, outlets_key(outlets))


def _config(config: Config | Mapping[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return parse_config(config)


def check(
    draft: str,
    baseline: str | Baseline | None = None,
    config: Config | Mapping[str, Any] | None = None,
    *,
    path: str | None = None,
    markdown: bool | None = None,
    rules: Iterable[Rule] | None = None,
    claims: Claims | None = None,
    **options: Any,
) -> tuple[Finding, ...]:
    """Findings of the rules on ``draft`` (and against ``baseline``, if given), sorted by place.

    ``config`` is a :class:`~attribtrack.config.Config` or a ``[tool.attribtrack]`` table;
    ``path`` names the draft in findings, decides Markdown handling (``.md``) and per-path
    ignores; ``claims`` skips extraction (they must index ``draft``); other ``options`` reach the
    rules as ``ctx.options``.
    """
    if rules is None:
        from attribtrack.lint.registry import RULES

        rules = RULES
    cfg = _config(config)
    if cfg.outlets and "outlets" not in options:
        options["outlets"] = cfg.outlets  # the project's outlets, for the source rules
    masked = mask(draft, markdown=is_markdown(path) if markdown is None else markdown)
    off = suppressions(draft, masked.comments)
    if isinstance(baseline, str):
        baseline = Baseline(baseline)
    ctx = Context(
        draft,
        prose=masked.prose,
        path=path,
        style=cfg.style,
        baseline=baseline,
        claims=claims,
        options=options,
    )
    findings: dict[tuple[str, tuple[int, int], str], Finding] = {}
    for rule in rules:
        if not cfg.enabled(rule.code, path) or (rule.needs_baseline and baseline is None):
            continue
        severity = cfg.severity_of(rule.code, rule.severity)
        for hit in rule.check(ctx):
            if off and off.suppressed(rule.code, hit.span[0]):
                continue
            key = (rule.code, hit.span, hit.message)
            if key in findings:  # two claims on one source mention: one finding
                continue
            findings[key] = Finding(
                code=rule.code,
                name=rule.name,
                severity=severity,  # type: ignore[arg-type]
                message=hit.message,
                path=path,
                span=hit.span,
                claim=hit.claim,
            )
    return tuple(sorted(findings.values(), key=lambda f: (f.span, f.code, f.message)))
