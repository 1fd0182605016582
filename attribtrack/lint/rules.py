"""The Rule API: every check is a small declared object.

A rule declares its identity and documentation as class attributes and yields :class:`Hit` values
from :meth:`Rule.check`; the engine (``attribtrack.lint.engine``) stamps the code, name and
severity on each hit, applies configuration and inline suppression, and turns hits into
:class:`attribtrack.models.Finding` values. Rules never set their own identity on a finding.

Writing a rule::

    class QuoteWithoutSource(Rule):
        \"\"\"A direct or mixed quote has no resolvable speaker.

        (The docstring is the rule's published documentation; its first line is the summary.)
        \"\"\"

        code = "AT101"
        name = "quote-without-source"
        severity = "error"
        fires = (Example("\\"We will rebuild,\\" the statement read."),)
        passes = (Example("\\"We will rebuild,\\" the mayor said."),)

        def check(self, ctx: Context) -> Iterator[Hit]:
            for claim in ctx.claims.claims:
                ...
                yield Hit(claim.span, "quote has no speaker", claim=claim.id)

Examples are run by the tests (``tests/test_lint_rules.py``): every ``fires`` example must give at
least one finding of the rule, every ``passes`` example none. An :class:`Example` with a
``baseline`` is checked against that baseline (the AT3xx rules); ``config`` is a
``[tool.attribtrack]`` table; ``options`` are passed to :func:`attribtrack.lint.check` (for rules
that need more, e.g. a store) and reach the rule as ``ctx.options``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from attribtrack.plain import Severity, Span

if TYPE_CHECKING:
    from attribtrack.config import Style
    from attribtrack.models import Claims

__all__ = ["SEVERITIES", "Baseline", "Context", "Example", "Hit", "Rule", "severity_rank"]

#: Severities from the least to the most serious.
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Hit:
    """What a rule yields: where, what, and (if any) which claim. The engine adds the rest."""

    span: Span
    message: str
    claim: str | None = None


@dataclass(frozen=True)
class Example:
    """A must-fire or must-not-fire example of a rule, run by the tests."""

    text: str
    baseline: str | None = None
    #: a ``[tool.attribtrack]`` table to check the example with (e.g. house style)
    config: Mapping[str, Any] = field(default_factory=dict)
    #: passed to :func:`attribtrack.lint.check` as keyword options (e.g. a store)
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Baseline:
    """The earlier version a draft is compared with (``--against``)."""

    text: str
    label: str = "baseline"
    claims: Claims | None = None


class Context:
    """Everything a rule may read about one draft. Expensive parts are computed on first use.

    ``text`` is the draft exactly as read (spans index it); ``prose`` is the same text with
    everything that is not prose (Markdown front matter, code, HTML comments, link targets)
    blanked out with spaces, so offsets are unchanged. Claims are extracted from ``prose``.
    """

    def __init__(
        self,
        text: str,
        *,
        prose: str | None = None,
        path: str | None = None,
        style: Style | None = None,
        baseline: Baseline | None = None,
        claims: Claims | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        from attribtrack.config import Style

        self.text = text
        self.prose = text if prose is None else prose
        self.path = path
        self.style = style if style is not None else Style()
        self.baseline = baseline
        self.options: Mapping[str, Any] = options or {}
        if claims is not None:
            self.__dict__["claims"] = claims

    @cached_property
    def claims(self) -> Claims:
        """The draft's claims (``attribtrack.claims/1``), offsets into ``text``.

        Without a baseline to compare them with they are :mod:`attribtrack.plain` values (the
        same attributes; no pydantic imported); against a baseline, the models."""
        from attribtrack.lint.extraction import extract_claims, outlets_key

        return extract_claims(  # type: ignore[return-value]
            self.prose, self.style, outlets_key(self.options.get("outlets")), plain=self.baseline is None
        )

    @cached_property
    def baseline_claims(self) -> Claims | None:
        if self.baseline is None:
            return None
        from attribtrack.lint.engine import baseline_claims

        return baseline_claims(self.baseline, self.style, self.options.get("outlets"))

    @cached_property
    def changes(self) -> tuple[Any, ...]:
        """Attribution changes from the baseline to this draft (empty without a baseline)."""
        if self.baseline is None or self.baseline_claims is None:
            return ()
        from attribtrack.compare import compare_claims

        return tuple(compare_claims(self.baseline.text, self.baseline_claims, self.prose, self.claims))

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Paragraph spans of ``prose`` (separated by blank lines), whitespace trimmed."""
        from attribtrack.lint.text import paragraphs

        return paragraphs(self.prose)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans of ``prose`` (a light splitter; quotes and abbreviations respected)."""
        from attribtrack.lint.text import sentences

        return sentences(self.prose, self.paragraphs)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``.

    The docstring is the documentation: its first line is the one-line summary shown by
    ``attribtrack rules`` and the README, the rest is the help text (SARIF ``help``).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    #: True for rules that compare the draft with a baseline; they run only with ``--against``.
    needs_baseline: ClassVar[bool] = False
    fires: ClassVar[tuple[Example, ...]] = ()
    passes: ClassVar[tuple[Example, ...]] = ()

    def check(self, ctx: Context) -> Iterator[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0].strip() if cls.__doc__ else ""

    @classmethod
    def description(cls) -> str:
        """The docstring without its summary line, dedented."""
        import inspect

        doc = inspect.cleandoc(cls.__doc__ or "")
        return doc.partition("\n")[2].strip()
