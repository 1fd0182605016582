"""Values produced by the sources stage: verification verdicts and the source graph.

``attribtrack.verify/1`` (:class:`Verification`) and ``attribtrack.sources/1``
(:class:`SourceGraph`) are JSON contracts: sorted keys, spans are ``[start, end)`` character
offsets — ``span`` into the article, ``source_span`` into the source document's stored text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from attribtrack.models import DocumentRef, Model, Span

VERIFY_SCHEMA: Literal["attribtrack.verify/1"] = "attribtrack.verify/1"
SOURCES_SCHEMA: Literal["attribtrack.sources/1"] = "attribtrack.sources/1"

#: Quote verdicts, from the best to the worst. ``no-document``: no source document is linked to
#: the claim, so nothing was checked (rule AT203 reports the missing document).
QuoteVerdict = Literal["verbatim", "altered", "truncated-or-spliced", "not-found", "no-document"]
QUOTE_VERDICTS: tuple[str, ...] = ("verbatim", "altered", "truncated-or-spliced", "not-found", "no-document")
SupportVerdict = Literal["supported", "unsupported", "no-document"]


class SourceDoc(Model):
    """A source document as the verdicts cite it (``ref`` is ``DOC@N`` or a file path)."""

    ref: str
    id: str
    revision: int | None = None
    title: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    channel: str | None = None
    published: str | None = None


class Passage(Model):
    """Text of a source document, with its span in that document's text."""

    document: str  # SourceDoc.ref
    text: str
    source_span: Span


class WordChange(Model):
    """One word-level difference between the article's quote and the source.

    ``op``: ``replaced`` (words differ), ``missing`` (the quote has words the source lacks),
    ``added`` (the source has words the quote leaves out). ``quote``/``source`` carry one word
    of context so the change reads in place: 'provocative statements' vs 'provocative statement'.
    """

    op: Literal["replaced", "missing", "added"]
    quote: str
    source: str


class SegmentCheck(Model):
    """One quoted stretch of the article (a discontinuous quote has several)."""

    text: str
    span: Span
    verdict: Literal["verbatim", "altered", "truncated-or-spliced", "not-found"]
    coverage: float  # share of the quote's words found (inflected forms included)
    found: tuple[Passage, ...] = ()  # where it was found; several parts when spliced
    changes: tuple[WordChange, ...] = ()


class QuoteCheck(Model):
    """The verdict on a direct or mixed quote."""

    claim: str
    kind: str
    speaker: str | None = None
    span: Span
    verdict: QuoteVerdict
    segments: tuple[SegmentCheck, ...] = ()
    candidates: tuple[str, ...] = ()  # refs of the source documents linked to the claim


class SupportCheck(Model):
    """The verdict on an indirect claim: the best supporting passage and its score (0..1, the
    share of the claim's content words that the passage contains)."""

    claim: str
    speaker: str | None = None
    span: Span
    verdict: SupportVerdict
    score: float = 0.0
    passage: Passage | None = None
    candidates: tuple[str, ...] = ()


class Corroboration(Model):
    """A claim stated by a document of an outlet other than the one(s) the claim came from."""

    claim: str
    outlet: str
    score: float
    passage: Passage


class Verification(Model):
    """``attribtrack.verify/1``: the verdicts for one article against its source documents."""

    schema_: Literal["attribtrack.verify/1"] = Field(VERIFY_SCHEMA, alias="schema")
    document: DocumentRef
    sources: tuple[SourceDoc, ...] = ()
    quotes: tuple[QuoteCheck, ...] = ()
    support: tuple[SupportCheck, ...] = ()
    corroborations: tuple[Corroboration, ...] = ()

    def verdicts(self) -> dict[str, str]:
        """claim id -> its verdict (quote or support)."""
        out: dict[str, str] = {q.claim: q.verdict for q in self.quotes}
        out.update({s.claim: s.verdict for s in self.support})
        return out


# --- the source graph ------------------------------------------------------------------------

NodeType = Literal["person", "organization", "outlet", "channel", "group", "anonymous", "document", "article"]
Relation = Literal["via", "cited-by", "confirmed-by"]


class Node(Model):
    id: str
    name: str
    type: NodeType
    roles: tuple[str, ...] = ()


class Evidence(Model):
    """Why an edge exists: the article's own words (``span``) or a source document's passage."""

    claim: str
    span: Span | None = None  # in the article
    passage: Passage | None = None  # in a source document


class Edge(Model):
    source: str  # node id
    target: str  # node id
    relation: Relation
    claims: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


class ClaimSourcing(Model):
    """One row of ``attribtrack sources``: who said what, through whom, confirmed by whom."""

    claim: str
    kind: str
    span: Span
    content: str
    speaker: str | None = None
    via: tuple[str, ...] = ()
    confirmed_by: tuple[str, ...] = ()
    verdict: str | None = None


class SourceGraph(Model):
    """``attribtrack.sources/1``: speakers -> outlets and channels -> the article."""

    schema_: Literal["attribtrack.sources/1"] = Field(SOURCES_SCHEMA, alias="schema")
    document: DocumentRef
    article: str  # the article's node id
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    claims: tuple[ClaimSourcing, ...] = ()
