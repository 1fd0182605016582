"""Quote verification, support of reported claims, and corroboration by other outlets.

For each direct or mixed quote, every quoted stretch is looked for, word by word, in the source
documents linked to the claim (:mod:`attribtrack.sources.link`):

- ``verbatim``: the same words in the same order (quote marks, punctuation, case and spacing
  are not words);
- ``altered``: found with differences (a changed, missing or added word), reported word by word;
- ``truncated-or-spliced``: the parts are in the source but apart — words cut from the middle,
  pieces joined from different places, or the pieces of a discontinuous quote not adjacent;
- ``not-found``: linked documents exist, and none holds the quote.

An indirect claim is ``supported`` by the passage (a sentence or two) holding the largest share
of its content words, when that share reaches :data:`SUPPORT_MIN`; else ``unsupported``. A claim
is corroborated by an outlet other than its own when a document of that outlet holds it at
:data:`CORROBORATE_MIN`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from attribtrack.models import Claim, Claims, Span
from attribtrack.outlets import OutletRegistry, load_registry, normalise_name
from attribtrack.sources import link
from attribtrack.sources.align import Alignment, Op, Tokens, Vocabulary, find, tokenize
from attribtrack.sources.documents import Indexed, SourceText, sort_documents
from attribtrack.sources.model import (
    QUOTE_VERDICTS,
    Corroboration,
    Passage,
    QuoteCheck,
    SegmentCheck,
    SupportCheck,
    Verification,
    WordChange,
)
from attribtrack.sources.words import content_stems

#: A quote counts as found (altered) when this share of its words is in the source.
ALTERED_MIN = 0.6
#: Parts of a quote found apart count as found when together they cover this share of it.
SPLICED_MIN = 0.8
#: Source words left out of the middle of a quote that make it "truncated", not "altered".
SPLICE_GAP = 4
#: Words between the pieces of a discontinuous quote ("A," he said, "B.") before they count
#: as found apart.
JOIN_GAP = 3
#: Documents aligned word by word per quote (the best by shared words and word pairs).
CANDIDATES = 3
#: Share of an indirect claim's content words a passage must hold to support it.
SUPPORT_MIN = 0.65
#: Share of a claim's content words another outlet's passage must hold to corroborate it.
CORROBORATE_MIN = 0.65
#: Fewest content words a claim needs before support or corroboration is judged at all.
MIN_CONTENT_WORDS = 3

_QUOTED = re.compile(r"[\"“«]([^\"“”«»]+)[\"”»]")


@dataclass(frozen=True)
class _Found:
    doc: Indexed
    align: Alignment
    parts: tuple[Alignment, ...] = ()  # when spliced: each part's own alignment


def quote_segments(claim: Claim, text: str) -> list[Span]:
    """The quoted stretches of a direct or mixed claim, as spans of the article (marks excluded).

    A direct quote's content spans are its quoted words; a mixed claim's quoted fragments are
    found between quotation marks inside its content (else inside the whole claim).
    """
    if claim.kind == "direct" and claim.content:
        spans = [c.span for c in claim.content]
    else:
        spans = []
        for start, end in [c.span for c in claim.content] or [claim.span]:
            spans.extend((m.start(1), m.end(1)) for m in _QUOTED.finditer(text, start, end))
        if not spans and claim.content:
            start, end = claim.span
            spans = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text, start, end)]
    return [s for s in spans if tokenize(text, s[0], s[1]).words]


def verify(
    claims: Claims, text: str, documents: Sequence[SourceText], *, registry: OutletRegistry | None = None
) -> Verification:
    """Verdicts for every claim of an article (``claims`` extracted from ``text``)."""
    registry = registry if registry is not None else load_registry()
    vocab = Vocabulary()
    docs = [Indexed(d, vocab) for d in sort_documents(documents)]
    quotes: list[QuoteCheck] = []
    support: list[SupportCheck] = []
    corroborations: list[Corroboration] = []
    for claim in claims.claims:
        if claim.kind == "unattributed" or claim.source is None:
            continue
        linked = link.candidates(claim, docs, registry)
        refs = tuple(d.doc.ref for d in linked)
        speaker = claim.source.name
        if claim.kind in ("direct", "mixed"):
            segments = quote_segments(claim, text)
            if segments:
                quotes.append(_check_quote(claim, text, segments, linked, vocab, refs, speaker))
        elif claim.kind == "indirect":
            checked = _check_support(claim, linked, refs, speaker)
            if checked is not None:
                support.append(checked)
        corroborations.extend(_corroborate(claim, text, docs, registry))
    return Verification(
        document=claims.document,
        sources=tuple(d.doc.describe() for d in docs),
        quotes=tuple(quotes),
        support=tuple(support),
        corroborations=tuple(corroborations),
    )


# --- quotes ----------------------------------------------------------------------------------


def _check_quote(
    claim: Claim,
    text: str,
    segments: list[Span],
    linked: list[Indexed],
    vocab: Vocabulary,
    refs: tuple[str, ...],
    speaker: str,
) -> QuoteCheck:
    checks: tuple[SegmentCheck, ...] = ()
    if not linked:
        verdict = "no-document"
    else:
        found: list[_Found | None] = []
        results: list[SegmentCheck] = []
        for span in segments:
            q = tokenize(text, span[0], span[1])
            hit = _locate(q, vocab.encode(q.words), linked)
            found.append(hit)
            results.append(_segment_check(text, span, q, hit))
        if (
            claim.kind == "direct"
            and len(results) > 1
            and all(r.verdict in ("verbatim", "altered") for r in results)
        ):
            if not _adjacent([f for f in found if f is not None]):
                results = [r.model_copy(update={"verdict": "truncated-or-spliced"}) for r in results]
        checks = tuple(results)
        verdict = max((r.verdict for r in results), key=QUOTE_VERDICTS.index)
    return QuoteCheck(
        claim=claim.id, kind=claim.kind, speaker=speaker, span=claim.span, verdict=verdict,  # type: ignore[arg-type]
        segments=checks, candidates=refs,
    )  # fmt: skip


def _locate(q: Tokens, code: str, linked: list[Indexed]) -> _Found | None:
    """The best place of a quote in the linked documents (exact first; then rapidfuzz's best
    windows, refined word by word; then pieces found apart)."""
    if not code:
        return None
    for idx in linked:  # linked is best-first, so a verbatim hit in a nearer document wins
        at = idx.code.find(code)
        if at >= 0:
            return _Found(
                idx, Alignment(at, at + len(code), (Op("equal", (0, len(code)), (at, at + len(code))),), 1.0)
            )
    # Rank the documents by the quote's words and word pairs they contain (set lookups), and
    # align only against the few best: rapidfuzz's window search costs far more per document.
    words, pairs = set(code), {code[i : i + 2] for i in range(len(code) - 1)}
    scored = []
    for rank, idx in enumerate(linked):
        have_words, have_pairs = idx.ngrams
        shared = (len(pairs & have_pairs), len(words & have_words))
        if shared[1]:
            scored.append((-shared[0], -shared[1], rank, idx))
    scored.sort(key=lambda r: r[:3])
    best: _Found | None = None
    for *_, idx in scored[:CANDIDATES]:
        a = find(code, q.words, idx.code, idx.tokens.words)
        if a is not None and (best is None or a.coverage > best.align.coverage):
            best = _Found(idx, a)
    if best is None:
        return None
    # pieces found apart: the longest run found, then what is left on either side. Edit distance
    # prices a long cut (source words left out) above a few changed words, so the split is
    # tried whenever the quote is not found whole, and wins when it finds more words exactly.
    spliced = _splice(q, code, best)
    if spliced is not None and _exact_words(spliced.parts) > _exact_words((best.align,)):
        return spliced
    if _acceptable(best.align, len(code)):
        return best
    return spliced or best


def _exact_words(aligns: Sequence[Alignment]) -> int:
    return sum(op.q[1] - op.q[0] for a in aligns for op in a.ops if op.tag == "equal")


def _acceptable(a: Alignment, m: int) -> bool:
    if m <= 3:  # a short quote: every word there, at least one of them exactly, nothing between
        return (
            a.coverage == 1.0
            and any(op.tag == "equal" for op in a.ops)
            and not a.gaps()
            and (m > 1 or a.exact)
        )
    return a.coverage >= ALTERED_MIN


def _splice(q: Tokens, code: str, best: _Found) -> _Found | None:
    """The quote as pieces found apart in ``best``'s document, or None."""
    m = len(code)
    if m < 6:
        return None
    runs = [op for op in best.align.ops if op.tag == "equal" and op.q[1] - op.q[0] >= 3]
    if not runs:
        return None
    run = max(runs, key=lambda op: (op.q[1] - op.q[0], -op.q[0]))
    pieces = [(run.q[0], Alignment(run.s[0], run.s[1], (Op("equal", (0, run.q[1] - run.q[0]), run.s),), 1.0))]
    covered = run.q[1] - run.q[0]
    for lo, hi in ((0, run.q[0]), (run.q[1], m)):
        if hi - lo < 3:
            continue
        hit = _locate_simple(q.words[lo:hi], code[lo:hi], [best.doc])
        if hit is None or hit.coverage < SPLICED_MIN:
            return None
        pieces.append((lo, hit))
        covered += round(hit.coverage * (hi - lo))
    if len(pieces) < 2 or covered / m < SPLICED_MIN:
        return None
    pieces.sort(key=lambda p: p[0])  # quote order
    apart = any(
        b.start < a.end or b.start - a.end >= SPLICE_GAP
        for (_, a), (_, b) in zip(pieces, pieces[1:], strict=False)
    )
    if not apart:
        return None
    return _Found(best.doc, best.align, tuple(a for _, a in pieces))


def _locate_simple(words: Sequence[str], code: str, docs: list[Indexed]) -> Alignment | None:
    best = None
    for idx in docs:
        a = find(code, words, idx.code, idx.tokens.words)
        if a is not None and (best is None or a.coverage > best.coverage):
            best = a
    return best


def _segment_check(text: str, span: Span, q: Tokens, hit: _Found | None) -> SegmentCheck:
    quote_text = text[span[0] : span[1]].strip()
    if hit is None:
        return SegmentCheck(text=quote_text, span=span, verdict="not-found", coverage=0.0)
    doc = hit.doc
    if hit.parts:
        found = tuple(_passage(doc, doc.tokens.span(p.start, p.end)) for p in hit.parts)
        return SegmentCheck(
            text=quote_text,
            span=span,
            verdict="truncated-or-spliced",
            coverage=hit.align.coverage,
            found=found,
        )
    a = hit.align
    if not _acceptable(a, len(q)):
        return SegmentCheck(text=quote_text, span=span, verdict="not-found", coverage=a.coverage)
    passage = _passage(doc, doc.tokens.span(a.start, a.end))
    if a.exact:
        return SegmentCheck(text=quote_text, span=span, verdict="verbatim", coverage=1.0, found=(passage,))
    changes = tuple(_changes(text, q, doc, a))
    gaps = [op for op in a.gaps() if op.s[1] - op.s[0] >= SPLICE_GAP]
    if gaps:
        pieces = _split_at_gaps(doc, a, gaps)
        return SegmentCheck(
            text=quote_text, span=span, verdict="truncated-or-spliced", coverage=a.coverage, found=pieces,
            changes=changes,
        )  # fmt: skip
    return SegmentCheck(
        text=quote_text, span=span, verdict="altered", coverage=a.coverage, found=(passage,), changes=changes
    )


def _split_at_gaps(doc: Indexed, a: Alignment, gaps: list[Op]) -> tuple[Passage, ...]:
    out = []
    start = a.start
    for g in gaps:
        out.append(_passage(doc, doc.tokens.span(start, g.s[0])))
        start = g.s[1]
    out.append(_passage(doc, doc.tokens.span(start, a.end)))
    return tuple(out)


def _adjacent(found: list[_Found]) -> bool:
    """Whether the pieces of a discontinuous quote follow one another in one document."""
    for prev, nxt in zip(found, found[1:], strict=False):
        if nxt.doc is not prev.doc:
            return False
        gap = nxt.align.start - prev.align.end
        if gap < 0 or gap > JOIN_GAP:
            return False
    return True


def _passage(doc: Indexed, span: Span) -> Passage:
    return Passage(document=doc.doc.ref, text=doc.doc.text[span[0] : span[1]], source_span=span)


def _words(text: str, tokens: Tokens, lo: int, hi: int) -> str:
    if lo >= hi:
        return ""
    s, e = tokens.span(lo, hi)
    return " ".join(text[s:e].split())


def _changes(text: str, q: Tokens, doc: Indexed, a: Alignment) -> list[WordChange]:
    """Word-level differences, consecutive ones merged, each with one word of context."""
    out: list[WordChange] = []
    ops = list(a.ops)
    i = 0
    dtext, dtok = doc.doc.text, doc.tokens
    while i < len(ops):
        if ops[i].tag == "equal":
            i += 1
            continue
        j = i
        while j < len(ops) and ops[j].tag != "equal":
            j += 1
        q0, q1 = ops[i].q[0], ops[j - 1].q[1]
        s0, s1 = ops[i].s[0], ops[j - 1].s[1]
        # one word of context: before if there is one, else after
        if i > 0:
            q0, s0 = q0 - 1, s0 - 1
        elif j < len(ops):
            q1, s1 = q1 + 1, s1 + 1
        tags = {op.tag for op in ops[i:j]}
        op: Literal["replaced", "missing", "added"] = (
            "replaced"
            if tags & {"replace", "near"} or tags == {"missing", "added"}
            else ("missing" if "missing" in tags else "added")
        )
        out.append(WordChange(op=op, quote=_words(text, q, q0, q1), source=_words(dtext, dtok, s0, s1)))
        i = j
    return out


# --- support and corroboration ---------------------------------------------------------------


def _claim_stems(claim: Claim) -> frozenset[str]:
    words = tokenize(" ".join(c.text for c in claim.content) if claim.content else claim.text).words
    return content_stems(words)


def best_passage(stems: frozenset[str], doc: Indexed) -> tuple[float, Span] | None:
    """The passage of ``doc`` holding the largest share of ``stems`` (ties: shorter, earlier)."""
    if not stems:
        return None
    best: tuple[float, int, int, Span] | None = None
    n = len(stems)
    for span, have in doc.passage_stems:
        score = len(stems & have) / n
        cand = (-score, span[1] - span[0], span[0], span)
        if best is None or cand[:3] < best[:3]:
            best = cand
    return (round(-best[0], 4), best[3]) if best is not None else None


def _check_support(
    claim: Claim, linked: list[Indexed], refs: tuple[str, ...], speaker: str
) -> SupportCheck | None:
    """The best supporting passage; None when the claim has too few content words to judge."""
    stems = _claim_stems(claim)
    if len(stems) < MIN_CONTENT_WORDS:
        return None
    if not linked:
        return SupportCheck(
            claim=claim.id, speaker=speaker, span=claim.span, verdict="no-document", candidates=refs
        )
    best: tuple[float, int, Span, Indexed] | None = None
    for rank, idx in enumerate(linked):
        hit = best_passage(stems, idx)
        if hit is not None and (best is None or hit[0] > best[0]):
            best = (hit[0], rank, hit[1], idx)
    if best is None:
        return SupportCheck(
            claim=claim.id, speaker=speaker, span=claim.span, verdict="unsupported", candidates=refs
        )
    score, _, span, idx = best
    return SupportCheck(
        claim=claim.id, speaker=speaker, span=claim.span,
        verdict="supported" if score >= SUPPORT_MIN else "unsupported",
        score=score, passage=_passage(idx, span), candidates=refs,
    )  # fmt: skip


def _corroborate(
    claim: Claim, text: str, docs: list[Indexed], registry: OutletRegistry
) -> list[Corroboration]:
    """Outlets other than the claim's own whose documents state it (one passage per outlet)."""
    stems = _claim_stems(claim)
    if len(stems) < MIN_CONTENT_WORDS:
        return []
    names = link.claim_names(claim, registry)
    best: dict[str, tuple[float, str, Span, Indexed]] = {}
    for idx in docs:
        doc = idx.doc
        if not doc.outlet:
            continue
        k = link.key(doc.outlet, registry)
        if k in names.outlets:
            continue
        if doc.speaker and names.speaker and link.same_speaker(normalise_name(doc.speaker), names.speaker):
            continue  # the speaker's own words are the source, not a confirmation
        hit = best_passage(stems, idx)
        if hit is None or hit[0] < CORROBORATE_MIN:
            continue
        if k not in best or (hit[0], doc.ref) > (best[k][0], best[k][1]):
            best[k] = (hit[0], doc.ref, hit[1], idx)
    return [
        Corroboration(claim=claim.id, outlet=link.display(idx.doc.outlet or k, registry), score=score,
                      passage=_passage(idx, span))
        for k, (score, _, span, idx) in sorted(best.items())
    ]  # fmt: skip
