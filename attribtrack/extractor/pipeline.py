"""The extraction pipeline: text in, :class:`attribtrack.models.Claims` (or its plain values) out."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from attribtrack.extractor.attach import find_dates, find_hedges, find_outlets, iso_date
from attribtrack.extractor.cueclass import cue_class
from attribtrack.extractor.frames import Frame, SentenceFrames
from attribtrack.extractor.frames.edges import cue_head
from attribtrack.extractor.frames.inherited import names_its_speaker, quote_inherits
from attribtrack.extractor.frames.words import BASIS_CUES
from attribtrack.extractor.lexicon import Lexicon, lexicon
from attribtrack.extractor.normalise import normalise
from attribtrack.extractor.repeats import SentenceMemo
from attribtrack.extractor.resolve import EntityDraft, Resolver
from attribtrack.extractor.segment import _TOKEN as TOKEN_PATTERN
from attribtrack.extractor.segment import BYLINE_DASH, Quote, Token, paragraphs, quotes, sentences, tokens
from attribtrack.extractor.sources import Described, describe, its_next
from attribtrack.gcpause import paused
from attribtrack.plain import Outlet

if TYPE_CHECKING:
    from attribtrack.extractor.incremental import ParagraphCache
    from attribtrack.models import Claims, DocumentRef
    from attribtrack.outlets import OutletRegistry

Span = tuple[int, int]

#: At most this many claims from one sentence: real sentences have a handful; this bounds the work
#: (and the output) on pathological inputs such as one 1 MB sentence.
MAX_FRAMES = 24

_REFERENCE_WORDS = frozenset(
    {
        "report",
        "reports",
        "account",
        "story",
        "claim",
        "claims",
        "information",
        "it",
        "this",
        "that",
        "those",
        "these",
        "them",
        "findings",
        "details",
        "the",
        "a",
        "an",
        "earlier",
        "its",
        "their",
        "his",
        "her",
        "same",
        "news",
        "independently",
        "later",
        "also",
        "was",
        "were",
        "has",
        "have",
        "been",
        "had",
        "subsequently",
        "separately",
        "allegation",
        "allegations",
        "figures",
        "figure",
        "number",
        "numbers",
        "reporting",
        "assessment",
        "warning",
    }
)
_OUTLET_REF_WORDS = frozenset({"newspaper", "newspapers", "paper", "papers", "outlets", "outlet"})
_COUNT_WORDS = {"two": 2, "both": 2, "three": 3}
#: a closing quotation mark, a dash and a capitalised word: '"..." ― Ana Ruiz, a farmer'
_BYLINE = re.compile(BYLINE_DASH + "(?=[A-Z])")
_BYLINE_DASHES = frozenset({"\u2015", "\u2014", "\u2013", "-"})


@dataclass
class Sent:
    span: Span
    toks: list[Token]
    in_quote: list[bool]
    para: int
    quotes: list[Quote]
    frames: list[Frame] = field(default_factory=list)
    absorbed: bool = False  # a quotation that continues a claim of the sentence before
    confirmed_by: list[tuple[Span, str]] = field(default_factory=list)
    #: for a sentence met before, what it has none of (see SentenceMemo.local and _none_or)
    facts: dict[str, bool] | None = None


@dataclass
class Work:
    frame: Frame
    sent: Sent
    name: str = ""
    type: str = "person"
    role: str | None = None
    entity: EntityDraft | None = None
    via: list[tuple[str, Span | None, EntityDraft | None, str | None]] = field(default_factory=list)
    confirmed: list[tuple[str, Span | None, EntityDraft | None, str | None]] = field(default_factory=list)


class _Lookup:
    """Registry lookups, memoised, with the first words of every known name for a quick no."""

    def __init__(self, registry: OutletRegistry) -> None:
        from attribtrack.outlets import normalise_name

        self.registry = registry
        self.memo: dict[str, Outlet | None] = {}
        firsts = set()
        for o in registry.all():
            for alias in (o.name, *o.aliases, *o.domains):
                key = normalise_name(alias)
                if key:
                    firsts.add(key.split()[0])
        self.firsts = frozenset(firsts)

    def __call__(self, name: str) -> Outlet | None:
        memo = self.memo
        if name in memo:
            return memo[name]
        hit = self.registry.lookup(name) if len(name) < 80 else None
        if len(memo) < 50_000:
            memo[name] = hit
        return hit


@lru_cache(maxsize=1)
def _default_lookup() -> _Lookup:
    from attribtrack.outlets import load_registry  # here: loaded by the first extraction only

    return _Lookup(load_registry())


def extract(
    text: str,
    *,
    document: DocumentRef | None = None,
    published: str | None = None,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None = None,
    cache: ParagraphCache | None = None,
    titles: Sequence[str] = (),
) -> Claims:
    """Every claim in ``text``: source, cue, content, via, confirmations, hedges and date.

    ``published`` (ISO date) lets "on April 2" become an ISO date; ``outlets`` is a registry or
    extra outlets (name -> aliases) added to the built-in one; ``titles`` are house-style titles
    and roles that introduce a speaker ("Chief Rabbi"), added to the built-in ones. ``cache``
    (one per edited text, e.g. an editor's open draft) reuses the paragraph-local work of the
    previous call for the paragraphs that did not change; the claims are the same as without it.
    """
    from attribtrack.models import Claims

    # The plain values, validated into the models in one call: the same values as building each
    # model by hand, without a Python-level constructor call per span, reference and claim.
    plain = extract_plain(
        text, document=document, published=published, outlets=outlets, cache=cache, titles=titles
    )
    # The collector paused for the validation too (it makes no cycles): its passes over the
    # growing models were 40% of the time of a text of many claims
    with paused():
        return Claims.model_validate(plain)


def extract_plain(
    text: str,
    *,
    document: DocumentRef | None = None,
    published: str | None = None,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None = None,
    cache: ParagraphCache | None = None,
    titles: Sequence[str] = (),
) -> dict:
    """What :func:`extract` validates into :class:`~attribtrack.models.Claims`, as plain dicts,
    tuples and strings (for :mod:`attribtrack.plain`: no pydantic on ``check``'s path)."""
    if not isinstance(text, str):
        raise TypeError("extract() needs a str")
    # The pipeline allocates many small, short-lived, acyclic objects (tokens, frames, spans): the
    # cyclic garbage collector's passes over them are pure overhead (a third of the time on long
    # texts), so it is paused for the call and restored after; nothing here needs it.
    lex = _with_titles(tuple(titles)) if titles else lexicon()
    with paused():
        return _extract(text, document, published, outlets, cache, lex)


def extract_json(
    text: str,
    *,
    document: DocumentRef | dict,
    published: str | None = None,
    indent: int | None = None,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None = None,
    titles: Sequence[str] = (),
) -> Iterator[str]:
    """``extract(text, ...).to_json(indent=indent)`` in pieces, the same bytes, without building the
    models, their dump and the whole string (982 MB for 8 MB of news): each claim is made,
    written and dropped in turn."""
    from attribtrack.json_pieces import json_chunks
    from attribtrack.plain import CLAIMS_SCHEMA

    with paused():  # and every claim's draft, held while they are written, settled unwalked
        run = _run(text, outlets, None, _with_titles(tuple(titles)) if titles else None)
        claims, entities = run.assembly.values(published, indent)
    # The collector back on for the writing: json's indenting encoder makes a few reference cycles
    # per call (its nested functions), one call per claim.
    doc = document if type(document) is dict else document.to_dict()  # a dict: DocumentRef's dump
    yield from json_chunks(
        {"claims": claims, "document": doc, "entities": entities, "schema": CLAIMS_SCHEMA}, indent
    )


def _run(
    text: str,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None,
    cache: ParagraphCache | None = None,
    lex: Lexicon | None = None,
) -> _Global:
    """Every stage but the numbering of claims and entities (:class:`_Assembly` does that)."""
    from attribtrack.outlets import OutletRegistry, load_registry

    if isinstance(outlets, OutletRegistry):
        lookup = _Lookup(outlets)
    elif outlets:
        lookup = _Lookup(load_registry(outlets))
    else:
        lookup = _default_lookup()
    lex = lex or lexicon()
    norm = normalise(text)
    # The whole-text stages run paragraph by paragraph behind the local one, each holding a
    # sentence only while a later one may still change it, and a sentence's tokens are dropped
    # once assembled: memory follows a few paragraphs, not the text (all of it was held, 150 bytes
    # a token: 1.1 GB for 8 MB). The only look-ahead, how often each transcript label occurs, is
    # counted first, from the sentence spans and their first tokens.
    groups, labels, words = _paragraphs(text, norm, lex, cache)
    run = _Global(text, norm, lex, lookup, labels, _Elsewhere(norm, words))
    for group in groups:
        run.paragraph(group)
    run.flush()
    return run


def _extract(
    text: str,
    document: DocumentRef | None,
    published: str | None,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None,
    cache: ParagraphCache | None = None,
    lex: Lexicon | None = None,
) -> dict:
    doc: DocumentRef | dict
    if document is None:
        import hashlib

        doc = {"sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()}
    else:
        doc = document
    return _run(text, outlets, cache, lex).assembly.plain(doc, published)


@lru_cache(maxsize=8)
def _with_titles(titles: tuple[str, ...]) -> Lexicon:
    """The lexicon with house-style titles added to its roles (each word of "Chief Rabbi")."""
    from dataclasses import replace

    base = lexicon()
    extra = frozenset(w.casefold().rstrip(".") for t in titles for w in t.split() if w.strip("."))
    return replace(base, roles=base.roles | extra)


# --- segmentation ------------------------------------------------------------------------------


def _paragraphs(
    text: str, norm: str, lex: Lexicon, cache: ParagraphCache | None
) -> tuple[Iterable[_Paragraph], dict[str, int], set[str]]:
    """The local stage, one paragraph's sentences at a time (with their tokens, quotations and
    frames), and what :func:`_speakers` needs to know of the whole text beforehand: how many
    sentences open with each label ("RUIZ:"), and the paragraph labels to look for elsewhere."""
    spans = paragraphs(norm)
    labels: dict[str, int] = {}
    firsts: list[Token] = []
    memo: dict = {}
    if cache is not None:  # an editor's draft: the cached local stage of every paragraph at once

        def local(pi: int, pa: int, pb: int) -> list[Sent]:
            return _segment_paragraph(text, norm, lex, pi, pa, pb, None, memo)

        sents = cache.sentences(text, norm, spans, lex, local)
        prev_para = -1
        for s in sents:
            t = _label_tokens(s.toks, s.quotes)
            _count_label(t, labels, firsts if s.para != prev_para else None)
            prev_para = s.para
        groups: Iterable[_Paragraph] = map(_paragraph_of, _grouped(sents))
    else:
        plans = []
        for pa, pb in spans:
            qs = quotes(norm, text, pa, pb)
            ss = sentences(norm, pa, pb, qs, lex)
            for k, (sa, sb) in enumerate(ss):
                if norm.find(":", sa, sb) == -1:
                    continue  # no colon, no "LABEL:" (most sentences: not tokenized twice)
                head = _label_head(norm, sa, sb, qs)
                if head is not None:  # _count_label of the sentence's _label_tokens, untokenized
                    labels[head.low] = labels.get(head.low, 0) + 1
                    if k == 0:
                        firsts.append(head)
            plans.append((qs, ss))
        groups = _planned(text, norm, lex, spans, plans, memo)
    words = {_label_word(t) for t in firsts if labels.get(t.low, 0) < 2}
    return groups, labels, words


@dataclass
class _Paragraph:
    """One paragraph for the whole-text stages: its sentence spans and the quotations of each
    sentence, known from the plan, and its sentences, made one at a time as they are read (a
    paragraph of 80,000 claims held all its sentences at once: 200 MB for 1 MB of text)."""

    spans: list[Span]
    quotes: list[Quote]  # those of its sentences (each once, in order): see _Assembly.quotations
    sents: Iterable[Sent]


def _planned(
    text: str, norm: str, lex: Lexicon, spans: list[tuple[int, int]], plans: list, memo: dict
) -> Iterator[_Paragraph]:
    repeats = SentenceMemo()
    for pi, (pa, pb) in enumerate(spans):
        plan, plans[pi] = plans[pi], None  # each plan is used once: not held to the end
        qs, ss = plan
        if not ss:
            continue
        opens = [q.open for q in qs]
        sq = _registered(_overlapping(qs, opens, sa, sb) for sa, sb in ss) if qs else []
        yield _Paragraph(ss, sq, _segment_sentences(text, norm, lex, pi, pa, pb, plan, memo, repeats))


def _paragraph_of(sents: list[Sent]) -> _Paragraph:
    return _Paragraph([s.span for s in sents], _registered(s.quotes for s in sents), sents)


def _registered(quotes: Iterable[list[Quote]]) -> list[Quote]:
    """The quotations of a paragraph's sentences (each sentence's), each once, in order."""
    out, seen = [], set()
    for qs in quotes:
        for q in qs:
            if q.open not in seen:
                seen.add(q.open)
                out.append(q)
    return out


def _count_label(t: list[Token], labels: dict[str, int], firsts: list[Token] | None) -> None:
    if len(t) > 2 and t[0].cap and t[1].text == ":":
        labels[t[0].low] = labels.get(t[0].low, 0) + 1
        if firsts is not None:
            firsts.append(t[0])


def _grouped(sents: list[Sent]) -> Iterator[list[Sent]]:
    group: list[Sent] = []
    for s in sents:
        if group and s.para != group[0].para:
            yield group
            group = []
        group.append(s)
    if group:
        yield group


#: what :func:`_count_label` needs of a sentence's :func:`_label_tokens`: a first token, ":" and
#: another token, after an opening mark ('"RUIZ: ...'). Atomic: the token is the one the tokenizer
#: makes there, never a shorter one (":" is never inside a token).
_LABEL_HEAD = re.compile(r'\s*(?:(")\s*)?((?>' + TOKEN_PATTERN + r"))\s*:\s*\S")


def _label_head(norm: str, sa: int, sb: int, qs: list[Quote]) -> Token | None:
    """The label token of a sentence ("RUIZ" of "RUIZ: The ferry ..."), as :func:`_count_label`
    finds it in the sentence's :func:`_label_tokens`, or None; without tokenizing the sentence (a
    text of labelled lines was tokenized twice)."""
    m = _LABEL_HEAD.match(norm, sa, sb)
    if m is None or not m.group(2)[:1].isupper():
        return None
    if m.group(1) is not None:  # stripped by _label_tokens only if the mark opens no closed quotation
        k = bisect_left(qs, m.start(1), key=_open_of)
        if k < len(qs) and qs[k].open == m.start(1) and qs[k].closed:
            return None
    g = m.group(2)
    return Token(m.start(2), m.end(2), g, g.casefold())


def _segment_paragraph(
    text: str,
    norm: str,
    lex: Lexicon,
    pi: int,
    pa: int,
    pb: int,
    plan: tuple[list[Quote], list[tuple[int, int]]] | None = None,
    memo: dict | None = None,
) -> list[Sent]:
    """One paragraph of the local stage (``plan``: its quotations and sentence spans, if already
    known; ``memo``: the text's token attributes, see :func:`tokens`). Reads nothing outside it
    but what :mod:`attribtrack.extractor.incremental` puts in its key."""
    return list(_segment_sentences(text, norm, lex, pi, pa, pb, plan, memo))


def _segment_sentences(
    text: str,
    norm: str,
    lex: Lexicon,
    pi: int,
    pa: int,
    pb: int,
    plan: tuple[list[Quote], list[tuple[int, int]]] | None = None,
    memo: dict | None = None,
    repeats: SentenceMemo | None = None,
) -> Iterator[Sent]:
    """:func:`_segment_paragraph`'s sentences, each made as it is asked for (``repeats``: the
    local stage of the text's sentences met before, see :mod:`attribtrack.extractor.repeats`)."""
    qs, ss = plan if plan is not None else (quotes(norm, text, pa, pb), None)
    opens = [q.open for q in qs]
    closes = [q.close for q in qs]  # in order (an unclosed one is last and closes at the end)
    for sa, sb in ss if ss is not None else sentences(norm, pa, pb, qs, lex):
        sq = _overlapping(qs, opens, sa, sb) if qs else []
        if repeats is None:
            toks, flags, frames = _local(norm, lex, sa, sb, qs, closes, sq, memo)
            facts = None
        else:
            make = partial(_local, norm, lex, sa, sb, qs, closes, sq, memo)
            toks, flags, frames, facts = repeats.local(norm, text, (sa, sb), sq, make)
        s = Sent((sa, sb), toks, flags, pi, sq)
        s.frames = frames
        s.facts = facts
        yield s


def _local(
    norm: str,
    lex: Lexicon,
    sa: int,
    sb: int,
    qs: list[Quote],
    closes: list[int],
    sq: list[Quote],
    memo: dict | None,
) -> tuple[list[Token], list[bool], list[Frame]]:
    """The local stage of the sentence [sa, sb) of a paragraph with quotations ``qs`` (``closes``
    their closing offsets; ``sq`` those overlapping the sentence): its tokens, which of them are
    inside a quotation, and its frames."""
    toks = tokens(norm, sa, sb, memo)
    if qs:
        flags = []
        qi = bisect_left(closes, sa)  # those before closed before the sentence began
        nq = len(qs)
        for t in toks:
            start = t.start
            while qi < nq and qs[qi].closed and qs[qi].close < start:
                qi += 1
            if qi < nq:
                q = qs[qi]
                flags.append(q.open < start and t.end <= q.close)
            else:
                flags.append(False)
    else:
        flags = [False] * len(toks)
    return toks, flags, SentenceFrames(toks, flags, (sa, sb), sq, lex, norm).frames(lex.cue_class)


def _label_word(tok: Token) -> str:
    """The form a label is looked for elsewhere in: "PENCE" as "Pence"."""
    return tok.text[:1].upper() + tok.text[1:].lower() if tok.text.isupper() else tok.text


def _named_elsewhere(tok: Token, norm: str) -> bool:
    """Does the word appear capitalised (as a name) somewhere else in the text?"""
    word = _label_word(tok)
    pos = norm.find(word)
    while pos != -1:
        if (
            pos != tok.start
            and (pos == 0 or not norm[pos - 1].isalnum())
            and (pos + len(word) >= len(norm) or not norm[pos + len(word)].isalnum())
        ):
            return True
        pos = norm.find(word, pos + 1)
    return False


_ALNUM_RUN = re.compile(r"[^\W_]+")  # a maximal run of str.isalnum() characters


class _Elsewhere:
    """:func:`_named_elsewhere` for many labels at once, in time linear in the text.

    Each lookup scans the whole text: fine for a few labels, quadratic for a text of thousands of
    one-word labels. Past a few, the text is scanned once for the alphanumeric runs that begin the
    labels (a whole-word occurrence of a word starting with a letter always starts such a run) and
    each lookup checks only those positions, with the same answers."""

    DIRECT = 32

    def __init__(self, norm: str, words: set[str]) -> None:
        self.norm = norm
        self.runs: dict[str, list[int]] | None = None
        if len(words) > self.DIRECT:
            firsts = {_ALNUM_RUN.match(w).group() for w in words if _ALNUM_RUN.match(w)}  # type: ignore[union-attr]
            runs: dict[str, list[int]] = {}
            for m in _ALNUM_RUN.finditer(norm):
                g = m.group()
                if g in firsts:
                    runs.setdefault(g, []).append(m.start())
            self.runs = runs
        self.groups: dict[tuple[str, int], dict[str, list[int]]] = {}

    def __call__(self, tok: Token) -> bool:
        if self.runs is None:
            return _named_elsewhere(tok, self.norm)
        norm = self.norm
        word = _label_word(tok)
        m = _ALNUM_RUN.match(word)
        if m is None:
            return _named_elsewhere(tok, norm)
        first = m.group()
        starts = self.runs.get(first, [])
        if first != word:  # "Jean-Pierre": the run starts grouped by the text at the word's length
            key = (first, len(word))
            group = self.groups.get(key)
            if group is None:
                group = {}
                for pos in starts:
                    group.setdefault(norm[pos : pos + len(word)], []).append(pos)
                self.groups[key] = group
            starts = group.get(word, [])
        end = len(norm)
        for pos in starts:
            e = pos + len(word)
            if pos != tok.start and (e >= end or not norm[e].isalnum()):
                return True
        return False


def _overlapping(qs: list[Quote], opens: list[int], a: int, b: int) -> list[Quote]:
    """Quotations overlapping [a, b): quotations never overlap each other, so a window suffices."""
    k = bisect_left(opens, a)
    lo = k - 1 if k > 0 and qs[k - 1].outer[1] > a else k
    hi = bisect_left(opens, b)
    return qs[lo:hi]


def _speakers(
    sents: list[Sent],
    spans: list[Span],
    norm: str,
    lex: Lexicon,
    labels: dict[str, int],
    elsewhere: _Elsewhere,
) -> None:
    """'NAME: ...' at the start of a paragraph (transcripts, headlines); ``sents``: the paragraph's
    first sentence, at least; ``spans``: all its sentences' spans.

    A one-word label is a speaker only when the text names it elsewhere too ("PENCE:" in a story
    about Mike Pence, or a label that opens several paragraphs), not "BUSTED:" or "Look:"."""
    for si, s in enumerate(sents[:1]):
        t = _label_tokens(s.toks, s.quotes)
        shift = len(s.toks) - len(t)
        a0, k = _label_name(t, s.in_quote, shift, lex)
        if k == a0 or k >= len(t) - 1:
            continue
        at = next((m for m in range(a0 + 1, k) if t[m].low == "at"), k)  # "Reed at Harbour Hall:": Reed
        dash = t[k].text in ("\u2014", "\u2013", "-") or (t[k].text == "-" and t[k + 1].text == "-")
        if t[k].text != ":" and not (
            dash and (t[k + 1].text == '"' or (k + 2 < len(t) and t[k + 2].text == '"'))
        ):
            continue
        # "Poll: Clinton leads in Ohio" names its source; "Poll: Do you agree?" asks the reader
        poll = k == a0 + 1 and t[a0].low in lex.documents and not any(x.text == "?" for x in t)
        if (t[a0].low in lex.not_sources and not poll) or t[a0].low in (
            "note",
            "update",
            "correction",
            "editor's",
            "photo",
            "source",
            "sources",
            "read",
            "related",
            "watch",
        ):
            continue
        j = len(spans)  # the label's words run to the paragraph's end
        end = spans[j - 1][1]
        a = t[k + 1].start if t[k + 1].text != "-" else t[k + 2].start
        if (
            k == a0 + 1
            and t[k].text == ":"
            and labels.get(t[a0].low, 0) < 2
            and not elsewhere(t[a0])
            and not _headline_label(t[a0], lex)
        ):
            continue  # (first: most labels of a text of one-word labels are none)
        b = end
        while b > a and norm[b - 1] in ".!? \n":
            b -= 1
        if b <= a:
            continue
        if sum(1 for x in t[k + 1 :] if x.word) < 3 and j == si + 1:
            continue  # "Clinton: 547."
        s.frames.append(
            Frame(
                cue=(t[k].start, t[k].end),
                cue_class="speech",
                cue_lemma=":",
                sentence=s.span,
                content=[(a, b)],
                source=(t[a0].start, t[at - 1].end),
                source_tokens=t[a0:at],
                shape="speaker",
                extra_sentences=spans[si + 1 : j],
            )
        )


def _label_name(t: list[Token], in_quote: list[bool], shift: int, lex: Lexicon) -> tuple[int, int]:
    """The label a paragraph opens with, as (first token, token after it): up to four capitalised
    words, with the full stop of a title or an initial ("Dr. Ana Ruiz:"), a place after "at"
    ("Former Mayor Reed at Harbour Hall:", whose speaker is the name before "at"), after a kicker
    ("EXCLUSIVE - Ana Ruiz:"). Not "to" or "on": "Limited Tools to Fight Terrorism:" and
    "Reed on Fishing:" are subheadings as often."""
    n = len(t)
    if n > 3 and t[0].word and len(t[0].text) > 2 and t[0].text.isupper() and t[1].text in _KICKER_DASHES:
        k = _label_end(t, in_quote, shift, lex, 2)
        if k > 2 and t[k].text == ":":
            return 2, k
    return 0, _label_end(t, in_quote, shift, lex, 0)


def _label_end(t: list[Token], in_quote: list[bool], shift: int, lex: Lexicon, a0: int) -> int:
    """The token after the name :func:`_label_name` reads from token ``a0``."""
    n = len(t)
    k = a0
    words = 0
    most = 4
    while k < n and words < most and (shift or not in_quote[k]):
        x = t[k]
        if x.cap and x.word:
            words += 1
        elif (
            x.text == "."
            and k > a0
            and t[k - 1].cap
            and (t[k - 1].low in lex.abbreviations or len(t[k - 1].text) == 1)
        ):
            pass  # "Dr. Ana Ruiz", "J. Reed"
        elif x.low == "at" and k > a0 and k + 1 < n and t[k + 1].cap and t[k + 1].word and most == 4:
            most = 5  # the place's name after it
        else:
            break
        k += 1
    return k


# the dash after a kicker before a headline's name ("EXCLUSIVE - Ana Ruiz: ...")
_KICKER_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _headline_label(tok: Token, lex: Lexicon) -> bool:
    """'Poll: ...', 'Report: ...', 'Insiders: ...': a one-word label that names a document or a
    group speaks for itself; a bare name must be named elsewhere ("BUSTED:" and "Look:" are none)."""
    low = tok.low
    return low in lex.documents or low in lex.anonymity or low in lex.groups


def _label_tokens(t: list[Token], qs: list[Quote]) -> list[Token]:
    """The tokens of a paragraph's first sentence, after the opening mark of a quoted transcript
    line ('"RUIZ: The ferry runs, ...' with no closing mark in the paragraph); ``qs``: quotations
    that include the sentence's."""
    if len(t) > 3 and t[0].text == '"' and t[1].cap:
        k = bisect_left(qs, t[0].start, key=_open_of)
        q = qs[k] if k < len(qs) and qs[k].open == t[0].start else None
        if q is None or not q.closed:  # unclosed, or displaced by a quotation inside the line
            return t[1:]
    return t


def _open_of(q: Quote) -> int:
    return q.open


def _bylines(sents: Iterable[Sent], spans: list[Span], norm: str) -> Iterator[Sent]:
    """'"Taxes are too high." ― Ana Ruiz, a farmer': a quotation signed with a dash and a name
    (``sents``: one paragraph's, ``spans`` theirs). Yields each sentence once no signature may
    change it any more (the one after it is read): a paragraph's sentences are not all held.

    The quotation opens its sentence (a pull quote, a vox pop); after the name only an appositive
    may follow ('"...," — Ana Ruiz said' is a cue's work, '"great" — Weber's word' no name)."""
    # a match is all quotation mark, spaces and dashes: it never leaves its paragraph
    starts = [a for a, _ in spans]
    window: dict[int, Sent] = {}  # the sentences read and not yet given back, by index
    matches = _BYLINE.finditer(norm, spans[0][0], spans[-1][1])
    m = next(matches, None)
    for i, s in enumerate(sents):
        window[i] = s
        # a signature closing in sentence k reads sentences k and k + 1: those before i are done
        while m is not None and bisect_right(starts, m.start()) - 1 < i:
            _byline(m, window, starts)
            m = next(matches, None)
        if i:
            yield window.pop(i - 1)
    while m is not None:
        _byline(m, window, starts)
        m = next(matches, None)
    yield from window.values()


def _byline(m: re.Match, sents: Mapping[int, Sent], starts: list[int]) -> None:
    """One signature of :func:`_bylines` (``sents``: the paragraph's sentences it may read)."""
    close = m.start()
    k = bisect_right(starts, close) - 1
    if k < 0:
        return
    sq = sents[k]  # the sentence of the closing mark holds the whole quotation
    q = next((x for x in sq.quotes if x.closed and x.close == close), None)
    if q is None or sq.frames or not sq.toks or sq.toks[0].start != q.open:
        return
    if sum(1 for x in sq.toks if x.word and q.open < x.start < q.close) < 3:
        return
    kb = bisect_right(starts, m.end()) - 1
    if kb not in (k, k + 1):
        return
    sb = sents[kb]
    if sb.para != sq.para or sb.frames:
        return
    t = sb.toks
    d = bisect_left([x.start for x in t], m.end()) - 1  # the dash
    if d < 0 or t[d].text not in _BYLINE_DASHES:
        return
    if t[d].text == "-" and d > 0 and t[d - 1].text == "-":
        d -= 1
    a = d + 1 if t[d].text != "-" or t[d + 1].text != "-" else d + 2
    e = a
    while (
        e < len(t)
        and e - a < 7
        and ((t[e].cap and t[e].word) or (t[e].text == "." and e > a and len(t[e - 1].text) <= 2))
    ):
        e += 1
    if e == a:
        return
    rest = t[e:]
    if rest and rest[-1].text == ".":
        rest = rest[:-1]
    appositive = None
    if rest:
        if rest[0].text not in (",", "(") or len(rest) > 16 or any(x.text == '"' for x in rest):
            return
        if len(rest) > 1:
            appositive = (rest[1].start, rest[-1].end)
    src_end = appositive[1] if appositive else t[e - 1].end
    sq.frames.append(
        Frame(
            cue=(t[d].start, t[a - 1].end),
            cue_class="speech",
            cue_lemma="-",
            sentence=sq.span,
            content=[(q.open, q.close + 1)],
            source=(t[a].start, src_end),
            source_tokens=t[a:e],
            appositive=appositive,
            shape="byline",
            extra_sentences=[sb.span] if sb is not sq else [],
        )
    )


def _same_words(a: list[Token], b: list[Token]) -> bool:
    return [x.text for x in a] == [x.text for x in b]


def _quoted(f: Frame, norm: str) -> bool:
    """Does the claim quote its source (a content span starting at a quotation mark)?"""
    for a, _ in f.content:
        if norm[a : a + 1] == '"' or (a > 0 and norm[a - 1] == '"'):
            return True
    return False


class _BareQuotes:
    """A sentence that is a quotation with no cue: the speaker of the sentence before, or nobody.

    Fed one sentence at a time; :meth:`sentence` returns the sentences it may no longer read or
    change, in order: those before both the speaker it remembers (the sentence before with
    frames) and the first quotation still waiting for its speaker (it changes their frames
    only). A paragraph of many claims is not all held."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.prev: Sent | None = None
        self.pending: list[tuple[int, int, Sent]] = []  # unclosed quotations waiting for their speaker
        self.held: deque[Sent] = deque()

    def sentence(self, s: Sent) -> list[Sent]:
        self._one(s)
        held, out = self.held, []
        held.append(s)
        prev, pending = self.prev, self.pending
        first = pending[0][2] if pending else None
        while held and held[0] is not prev and held[0] is not first:
            out.append(held.popleft())
        return out

    def flush(self) -> list[Sent]:
        out = list(self.held)
        self.held.clear()
        return out

    def _one(self, s: Sent) -> None:
        norm = self.norm
        if s.frames:
            if self.pending and s.toks and s.toks[0].text == '"' and s.para - self.pending[-1][2].para <= 1:
                target = next((f for f in s.frames if f.source is not None and _quoted(f, norm)), None)
                if target is not None:
                    # '"A.\n\n"B," Weber said.': the quotation began paragraphs earlier
                    target.content[0:0] = [(a, b) for a, b, _ in self.pending]
                    target.extra_sentences.extend(x.span for _, _, x in self.pending)
                    for _, _, x in self.pending:
                        x.absorbed = True
            self.pending = []
            self.prev = s
            return
        t = s.toks
        if len(t) < 4 or t[0].text != '"' or not s.quotes:
            self.prev = None if self.prev is None or s.para - self.prev.para > 1 else self.prev
            return
        q = next((x for x in s.quotes if x.open == t[0].start), None)
        if q is None or sum(1 for x in t if x.word and q.open < x.start < q.close) < 3:
            return
        speaker = None
        if self.prev is not None and s.para - self.prev.para <= 1 and not names_its_speaker(q, s.span, norm):
            speaker = next((f for f in reversed(self.prev.frames) if f.source is not None), None)
            if speaker is not None and speaker.shape not in ("opens-quote", "bare-quote"):
                # '"A," Weber said, explaining why. "B."': the quotation continues Weber's quotation
                quoted = next(
                    (
                        f
                        for f in reversed(self.prev.frames)
                        if f.source is not None
                        and f.shape in ("trailing", "forward")
                        and _quoted(f, norm)
                        and f.cue[0] < speaker.cue[0]
                        and (
                            norm[f.source[0] : f.source[1]] == norm[speaker.source[0] : speaker.source[1]]
                            # '"A," said Weber, who noted that ... "B."': the relative pronoun right
                            # after Weber stands for the same words
                            or (
                                0 <= speaker.source[0] - f.source[1] <= 3
                                and _same_words(speaker.source_tokens, f.source_tokens)
                            )
                        )
                    ),
                    None,
                )
                speaker = quoted or speaker
        a, b = q.inner
        b = min(b, s.span[1])
        if speaker is not None and (
            speaker.shape == "opens-quote"
            or (speaker.shape in ("trailing", "forward", "bare-quote") and _quoted(speaker, norm))
        ):
            # '"A," she said. "B."': one claim, the second quotation another content span;
            # 'He said:' then the quotation in the next paragraph: its only content
            if speaker.shape == "opens-quote":
                speaker.shape = "forward"
            speaker.content.append((q.open, min(q.outer[1], s.span[1])))
            speaker.extra_sentences.append(s.span)
            s.absorbed = True
            return
        if speaker is None and not q.closed:
            self.pending.append((q.open, min(q.outer[1], s.span[1]), s))
            return
        if speaker is not None and quote_inherits(speaker):
            s.frames.append(
                Frame(
                    cue=speaker.cue,
                    cue_class="quote",
                    cue_lemma="",
                    sentence=s.span,
                    content=[(q.open, min(q.outer[1], s.span[1]))],
                    source=speaker.source,
                    source_tokens=speaker.source_tokens,
                    appositive=speaker.appositive,
                    inherited=True,
                    shape="bare-quote",
                )
            )
        else:
            s.frames.append(
                Frame(
                    cue=(a, a),
                    cue_class="quote",
                    cue_lemma="",
                    sentence=s.span,
                    content=[(q.open, min(q.outer[1], s.span[1]))],
                    shape="bare-quote",
                )
            )


# --- confirmations ----------------------------------------------------------------------------


class _Confirmations:
    """'which was later confirmed by X' and a next sentence 'X confirmed the report.'

    A confirmation attaches to the last sentence with claims, within :data:`LOOKBACK` sentences;
    :meth:`sentence` returns the sentences it may no longer change, in order."""

    #: the sentences held back behind the last one with claims, at most (and so the farthest back
    #: a confirming sentence reaches): a text of sentences without claims is not all held
    LOOKBACK = 64

    def __init__(self, lex: Lexicon, lookup, text: str, norm: str) -> None:
        self.lex, self.lookup, self.text, self.norm = lex, lookup, text, norm
        self.prev: Sent | None = None
        self.held: list[Sent] = []

    def sentence(self, s: Sent) -> list[Sent]:
        self._one(s)
        if s.frames:
            out, self.held, self.prev = self.held, [s], s
            return out
        if self.prev is None:
            return [s]
        self.held.append(s)
        if len(self.held) > self.LOOKBACK:
            out, self.held, self.prev = self.held, [], None
            return out
        return []

    def flush(self) -> list[Sent]:
        out, self.held, self.prev = self.held, [], None
        return out

    def _one(self, s: Sent) -> None:
        lex, lookup, text = self.lex, self.lookup, self.text
        t = s.toks
        # passive: "confirmed by The New York Times" (most sentences have no "by" to look at)
        passive_names: list[tuple[Span, str]] = []
        a, b = s.span
        for i, tok in enumerate(t if "by" in self.norm[a:b].casefold() else ()):
            if tok.low in lex.confirmations and i + 1 < len(t) and t[i + 1].low == "by":
                k = i + 2
                while k < len(t) and t[k].text not in (",", ";", ".", '"') and k - i < 12:
                    k += 1
                # "by the port authority and by Maersk", "by Reuters and the coast guard": each one
                for part in _confirmers(t[i + 2 : k]):
                    found = find_outlets(part, text, lookup, lookup.firsts)
                    if found:
                        passive_names.extend((sp, o.name) for sp, o in found)
                    else:
                        passive_names.append(
                            ((part[0].start, part[-1].end), text[part[0].start : part[-1].end])
                        )
        # a confirming sentence about the claim before: its own frames with a reference as content
        own = [
            f
            for f in s.frames
            if f.cue_lemma in ("confirm", "corroborate", "verify") and _is_reference(f, t, s, lex)
        ]
        # "That was later confirmed by X", "The report was confirmed by X" refer to the claim before;
        # "The pause was confirmed by X" names something else
        subject_ref = bool(t) and t[0].low in ("that", "this", "the", "those", "these", "it") and len(t) < 16
        if subject_ref:
            for tok in t[1:]:
                if tok.low in lex.confirmations or not tok.word:
                    break
                if tok.low not in _REFERENCE_WORDS and tok.low not in lex.documents:
                    subject_ref = False
                    break
        if passive_names and not [f for f in s.frames if f not in own] and subject_ref and self.prev:
            self.prev.confirmed_by.extend(passive_names)
            passive_names = []
        if own and self.prev is not None:
            for f in own:
                if f.source is not None:
                    self.prev.confirmed_by.append((f.source, text[f.source[0] : f.source[1]]))
                s.frames.remove(f)
        s.confirmed_by.extend(passive_names)


def _confirmers(region: list[Token]) -> list[list[Token]]:
    """The names after a passive "confirmed by": split at "and" and commas, each without its "by"."""
    parts: list[list[Token]] = [[]]
    for tok in region:
        if tok.low in ("and", ",", "&"):
            parts.append([])
        elif not (tok.low == "by" and not parts[-1]):
            parts[-1].append(tok)
    return [p for p in parts if p]


def _is_reference(f: Frame, toks: list[Token], s: Sent, lex: Lexicon) -> bool:
    for a, b in f.content:
        words = [t.low for t in toks if a <= t.start and t.end <= b and t.word]
        if len(words) > 5 or any(w not in _REFERENCE_WORDS and w not in lex.documents for w in words):
            return False
    return True


# --- resolution --------------------------------------------------------------------------------


_READS_NEXT = object()  # a mention described by what follows it too (see _Global._describe)


class _Global:
    """The whole-text stages, fed the local stage one paragraph at a time: transcript speakers and
    pull quotes (within the paragraph), bare quotations and confirmations (each holding back the
    sentences it may still change), then resolution and assembly, one sentence at a time in
    order; then :class:`_Assembly` numbers the claims and entities."""

    def __init__(self, text: str, norm: str, lex: Lexicon, lookup, labels: dict[str, int], elsewhere) -> None:
        self.text, self.norm, self.lex, self.lookup = text, norm, lex, lookup
        self.labels, self.elsewhere = labels, elsewhere
        self.bare = _BareQuotes(norm)
        self.confirm = _Confirmations(lex, lookup, text, norm)
        self.resolver = Resolver()
        self.assembly = _Assembly(text, norm, lex)
        self.described: dict[tuple, Any] = {}  # key -> (Described, start), or _READS_NEXT

    def paragraph(self, p: _Paragraph) -> None:
        """One paragraph, its sentences taken one at a time (a few of them held, not all)."""
        self.assembly.quotations(p.quotes)
        for s in _bylines(self._spoken(p), p.spans, self.norm):
            for x in self.bare.sentence(s):
                self._confirmed(x)

    def _spoken(self, p: _Paragraph) -> Iterator[Sent]:
        """The paragraph's sentences, the first with its transcript speaker ("RUIZ: ...")."""
        it = iter(p.sents)
        for s in it:
            _speakers([s], p.spans, self.norm, self.lex, self.labels, self.elsewhere)
            yield s
            break
        yield from it

    def _confirmed(self, s: Sent) -> None:
        for x in self.confirm.sentence(s):
            self._sentence(x)

    def _sentence(self, s: Sent) -> None:
        self.assembly.add(s, self._resolve(s))
        # Assembled: nothing reads the sentence's tokens again (frames keep their source's own).
        s.toks = []
        s.in_quote = []

    def flush(self) -> None:
        """The text is over: nothing is held back any more."""
        for s in self.bare.flush():
            self._confirmed(s)
        for s in self.confirm.flush():
            self._sentence(s)

    #: how many source mentions :meth:`_describe` remembers (a few MB at most)
    DESCRIBED = 20_000

    def _describe(self, toks: list[Token], appositive: Span | None):
        """:func:`describe`, remembered by all it reads (the text and the tokens' offsets from the
        mention's start, the appositive's too): a long text names the same sources again and again
        ("the minister said", "he said"); its name span is moved to the mention's place."""
        lo, hi = toks[0].start, toks[-1].end
        if appositive is not None:
            lo, hi = min(lo, appositive[0]), max(hi, appositive[1])
        rel = appositive and (appositive[0] - lo, appositive[1] - lo)
        key = (self.text[lo:hi], self.norm[lo:hi], tuple([(t.start - lo, t.end - lo) for t in toks]), rel)
        # "Medivax said its ...": a name's type may read what follows the mention (describe says
        # when it did: such a mention is remembered by what followed it too, the others without;
        # "he said" is not scanned for an "its" every time, nor a new name)
        hit = self.described.get(key)
        if hit is _READS_NEXT:
            hit = self.described.get((*key, its_next(self.norm, toks[-1].end)))
        if hit is not None:
            d, at = hit
            got = object.__new__(Described)  # a copy (the caller's may change), made without __init__
            got.__dict__.update(d.__dict__)
            sp = d.name_span
            if sp is not None and at != lo:
                got.name_span = (sp[0] + lo - at, sp[1] + lo - at)
            return got
        d = describe(toks, appositive, self.norm, self.text, self.lex, self.lookup)
        if len(self.described) < self.DESCRIBED:
            kept = object.__new__(Described)  # a copy (the caller's may change)
            kept.__dict__.update(d.__dict__)
            if d.its is None:
                self.described[key] = (kept, lo)
            else:
                self.described[key] = _READS_NEXT
                self.described[(*key, d.its)] = (kept, lo)
        return d

    def _resolve(self, s: Sent) -> list[Work]:
        """The claims of one sentence, sources resolved (the resolver remembers the text so far)."""
        text, lex, lookup, resolver = self.text, self.lex, self.lookup, self.resolver
        works: list[Work] = []
        events: list[tuple[int, int, object]] = []
        sent_outlets = (
            _none_or(s, "outlets", find_outlets, s.toks, text, lookup, lookup.firsts) if s.toks else []
        )
        for sp, outlet in sent_outlets:
            events.append((sp[0], 0, (sp, outlet)))
        src_spans = sorted(f.source for f in s.frames if f.source)
        for f in s.frames:
            events.append(((f.source or f.cue)[0], 1, f))
        for sp, name, role in _none_or(s, "names", _person_names, s.toks, text, lex, lookup):
            events.append((sp[0], 2, (sp, name, role)))
        events.sort(key=_event_order)
        done_sources: dict[Span, tuple[str, str, EntityDraft | None, str | None]] = {}
        for _, kind, obj in events:
            if kind == 2:
                sp, name, role = obj  # type: ignore[misc]
                if not _inside(src_spans, sp[0]):
                    resolver.candidate(name, sp, role)
                continue
            if kind == 0:
                sp, outlet = obj  # type: ignore[misc]
                resolver.resolve(_outlet_described(outlet, sp), sp)
                continue
            f = obj  # type: ignore[assignment]
            w = Work(f, s)
            if f.source is not None and f.source_tokens:
                if f.source in done_sources and f.inherited:
                    w.name, w.type, w.entity, w.role = done_sources[f.source]
                else:
                    d = self._describe(f.source_tokens, f.appositive)
                    w.name, w.type, w.entity = resolver.resolve(d, f.source)
                    w.role = d.role
                    done_sources[f.source] = (w.name, w.type, w.entity, w.role)
            works.append(w)
            if f.cue_lemma.startswith("report") and w.entity is not None:
                resolver.last_reporter = w.entity
            # via: outlets named around the cue ("told Interfax", "in a statement on Telegram")
            for region in f.regions + ([f.addressee] if f.addressee else []):
                rtoks = _starting_in(s.toks, region)
                for sp, outlet in sent_outlets:
                    if not (region[0] <= sp[0] and sp[1] <= region[1]):
                        continue
                    ent = resolver.resolve(_outlet_described(outlet, sp), sp)[2]
                    _add_ref(w.via, outlet.name, sp, ent, "outlet")
                for sp in _unlisted_outlets(rtoks, lex):
                    # "told the Daily Ledger": a paper by its name's last word
                    if not any(o[0][0] <= sp[0] < o[0][1] for o in sent_outlets):
                        d = _named_outlet(text[sp[0] : sp[1]], sp)
                        ent = resolver.resolve(d, sp)[2]
                        _add_ref(w.via, d.name, sp, ent, "outlet")
                words = [t.low for t in rtoks]
                for k, wd in enumerate(words):
                    if wd in _OUTLET_REF_WORDS:
                        count = 2 if wd.endswith("s") else 1
                        for x in words[max(0, k - 3) : k]:
                            count = _COUNT_WORDS.get(x, count)
                        for ent in resolver.outlets(count):
                            _add_ref(w.via, ent.name, None, ent, "outlet")
        # confirmations in this sentence
        for sp, name in s.confirmed_by:
            outlet = lookup(name)
            ent = resolver.resolve(_outlet_described(outlet, sp), sp)[2] if outlet else None
            for w in works:
                if w.name != name:
                    _add_ref(w.confirmed, name, sp, ent, "outlet" if outlet else None)
        if len(works) < 2:
            return works  # what follows relates a sentence's claims to each other
        # "According to the report, X told ...": the report is the channel, not another claim.
        group = works
        drop: set[int] = set()
        # "Medivax said in a statement that ...": the statement is how Medivax said it, not a
        # second claim with no source
        for x in group[:MAX_FRAMES]:
            if x.frame.source is None and x.frame.shape in ("nominal", "passive") and x.frame.content:
                xa = x.frame.content[0][0]
                if any(
                    w.frame.source is not None
                    and w.frame.content
                    and w.frame.cue[1] <= x.frame.cue[0]
                    and w.frame.content[0][0] <= xa < w.frame.content[-1][1]
                    and w.frame.content[0][0] >= x.frame.cue[1]
                    for w in group[:MAX_FRAMES]
                ):
                    drop.add(id(x))
        # "The White House, citing intelligence officials, said ...": what is cited is the basis of
        # the claim, carried as its via, not a claim of its own with content "intelligence officials"
        for x in group[:MAX_FRAMES]:
            if cue_head(text[x.frame.cue[0] : x.frame.cue[1]]) not in BASIS_CUES or not x.frame.content:
                continue
            main = [
                w
                for w in group[:MAX_FRAMES]
                if w is not x
                and x.frame.source is not None
                and w.frame.source == x.frame.source
                and w.frame.cue[0] >= x.frame.content[-1][1]  # cited before it is said
            ]
            if main:
                drop.add(id(x))
                sp = x.frame.content[0]
                ctoks = _starting_in(s.toks, sp)
                name, typ, ent = resolver.resolve(self._describe(ctoks, None), sp)
                for w in main:
                    _add_ref(w.via, name, sp, ent, typ)
        for w in group:
            is_doc = bool(w.frame.source_tokens) and w.frame.source_tokens[-1].low in lex.documents
            if w.frame.shape != "according" or (
                w.type not in ("outlet", "document", "organization") and not is_doc
            ):
                continue
            inner = [
                x
                for x in group[:MAX_FRAMES]
                if x is not w
                and x.frame.shape != "according"
                and x.frame.source is not None
                and w.frame.cue[0] < x.frame.source[0]  # "According to the report, officials told ..."
                and any(a <= x.frame.cue[0] < b for a, b in w.frame.content)
            ]
            if inner:
                drop.add(id(w))
                for x in inner:
                    _add_ref(x.via, w.name, w.frame.source, w.entity, w.type)
        # "Officials said voters want change", "Aides said Weber attacked the plan": a verb of thinking,
        # or any cue but a plain verb of saying, inside what a person or group said is part of what they
        # said, not a claim of its own; inside what an outlet or organisation said, it came through it.
        outer = [w for w in group[:MAX_FRAMES] if w.frame.source is not None and w.frame.content]
        for x in group[:MAX_FRAMES]:
            cognition = cue_head(text[x.frame.cue[0] : x.frame.cue[1]]) in lex.cognition
            if any(
                w is not x
                and any(a <= x.frame.cue[0] < b for a, b in w.frame.content)
                and (
                    cognition
                    or (
                        w.type not in ("outlet", "organization", "document")
                        and not _reports(x)
                        and x.frame.shape != "nominal"
                    )
                )
                for w in outer
            ):
                drop.add(id(x))
        # Nested claims: a claim inside what an outlet or organisation said came through it.
        for w in group[:MAX_FRAMES]:
            if id(w) in drop or w.type not in ("outlet", "organization", "document"):
                continue
            for x in group[:MAX_FRAMES]:
                if x is w or id(x) in drop or x.name == w.name:
                    continue
                if any(a <= x.frame.cue[0] < b for a, b in w.frame.content):
                    _add_ref(x.via, w.name, w.frame.source, w.entity, w.type)
        return [w for w in works if id(w) not in drop]


_event_order = itemgetter(0, 1)  # a sentence's outlets, frames and names: by place, then kind
_start = attrgetter("start")


def _starting_in(toks: list[Token], span: Span) -> list[Token]:
    """The tokens (of a sentence, in order) that start inside ``span``."""
    return toks[bisect_left(toks, span[0], key=_start) : bisect_right(toks, span[1] - 1, key=_start)]


def _none_or(s: Sent, what: str, find: Callable[..., list], *args: object) -> list:
    """``find(*args)`` over the sentence ``s``, or none when an earlier occurrence of the same
    sentence (same text, same quotations) found none: a repeated sentence is not searched for
    outlets, names, hedges and dates again and again."""
    facts = s.facts
    if facts is None:
        return find(*args)
    if facts.get(what):
        return []
    got = find(*args)
    facts[what] = not got
    return got


def _reports(w: Work) -> bool:
    """Is the cue a plain verb of saying ("said", "told", "wrote", "added")?"""
    return w.frame.cue_lemma in ("say", "tell", "write", "add")


def _inside(spans: list[Span], pos: int) -> bool:
    """Is ``pos`` inside one of the sorted, non-overlapping-ish ``spans``?"""
    k = bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _person_names(toks: list[Token], text: str, lex: Lexicon, lookup) -> list[tuple[Span, str, str | None]]:
    """Titled names ("Transport Minister Ana Ruiz") and two- or three-word names before a verb."""
    out = []
    n = len(toks)
    i = 0  # the first token not yet consumed
    # Only capitalised words start a run: the others are not visited.
    for c in [k for k in range(n) if toks[k].cap and toks[k].word]:
        if c < i:
            continue
        i = c
        j = i
        while j < n and j - i < 6 and toks[j].cap and toks[j].word:
            j += 1
        run = toks[i:j]
        lows = [x.low.removesuffix("'s") for x in run]
        roles = [k for k, w in enumerate(lows) if w in lex.roles or w.rstrip(".") in lex.roles]
        if roles and roles[-1] + 1 < len(run):
            k = roles[-1] + 1
            name_toks = run[k:]
            if 1 <= len(name_toks) <= 3:
                sp = (name_toks[0].start, name_toks[-1].end)
                out.append((sp, text[sp[0] : sp[1]], text[run[0].start : run[k - 1].end]))
        elif (
            2 <= len(run) <= 3
            and lows[0] != "the"
            and (i == 0 or toks[i - 1].low != "the")  # "told the Daily Ledger": a name, not a person
            and j < n
            and toks[j].word
            and not toks[j].cap
            and not any(
                w in lex.organizations or w in lex.not_sources or w in lex.months or w in lex.countries
                for w in lows
            )
            and lookup(text[run[0].start : run[-1].end]) is None
        ):
            sp = (run[0].start, run[-1].end)
            out.append((sp, text[sp[0] : sp[1]], None))
        i = j
    return out


def _unlisted_outlets(toks: list[Token], lex: Lexicon) -> list[Span]:
    """Capitalised names ending in a newspaper word ("the Daily Ledger"), without "the"."""
    out = []
    for k, t in enumerate(toks):
        if t.cap and t.low in lex.outlet_words and k > 0 and toks[k - 1].cap:
            a = k - 1
            while a > 0 and toks[a - 1].cap and toks[a - 1].word and k - a < 5:
                a -= 1
            if toks[a].low == "the":
                a += 1
            if a < k:
                out.append((toks[a].start, t.end))
    return out


def _named_outlet(name: str, sp: Span):
    from attribtrack.extractor.sources import Described

    return Described("outlet", name, "outlet", None, sp)


def _outlet_described(outlet: Outlet, sp: Span):
    from attribtrack.extractor.sources import Described

    return Described("outlet", outlet.name, "outlet", None, sp)


def _add_ref(refs: list, name: str, span: Span | None, ent: EntityDraft | None, typ: str | None) -> None:
    if any(r[0] == name for r in refs):
        return
    refs.append((name, span, ent, typ))


# --- assembly ----------------------------------------------------------------------------------


class _Assembly:
    """Claims as plain values, added a sentence at a time; :meth:`values` numbers them."""

    def __init__(self, text: str, norm: str, lex: Lexicon) -> None:
        self.text, self.norm, self.lex = text, norm, lex
        self.ents: list[EntityDraft] = []  # in order of first reference
        self.seen: set[int] = set()
        self.quotes: list[Quote] = []  # every quotation of the text so far, in order
        self.opens: list[int] = []
        self.drafts: list[tuple] = []
        self.covered: list[Span] = []
        self.bare: list[tuple[Span, Span]] = []  # sentences that are unattributed unless covered

    def quotations(self, quotes: list[Quote]) -> None:
        """Register a paragraph's quotations (a claim's content may reach the paragraph before),
        before any of its sentences is added."""
        self.quotes.extend(quotes)
        self.opens.extend(q.open for q in quotes)

    def _note(self, e: EntityDraft | None) -> None:
        if e is not None and id(e) not in self.seen:
            self.seen.add(id(e))
            self.ents.append(e)

    def add(self, s: Sent, works: list[Work]) -> None:
        text, norm, lex = self.text, self.norm, self.lex
        for w in works:
            self._note(w.entity)
            for r in w.via + w.confirmed:
                self._note(r[2])
        found: tuple[list[Span], list] | None = None
        for w in works:
            f = w.frame
            fc = f.content
            if not fc:
                qs: list[Quote] = []
            elif len(fc) == 1:
                qs = _overlapping(self.quotes, self.opens, fc[0][0], fc[0][1]) if self.quotes else []
            else:
                qs = _overlapping(self.quotes, self.opens, min(a for a, _ in fc), max(b for _, b in fc))
            kind, content = _kind(_with_that(fc, f.cue, norm), qs, text, norm)
            if not content:
                continue
            bare = f.shape == "bare-quote"
            # the claim's span: the sentence's, and past it what the claim reaches
            lo, hi = s.span
            for a, b in content if bare else (f.cue, *content, f.source or f.cue):
                if a < lo:
                    lo = a
                if b > hi:
                    hi = b
            span = (lo, hi)
            for es in f.extra_sentences:
                span = (min(span[0], es[0]), max(span[1], es[1]))
            self.covered.append(span)
            # Held until the text is over, a draft a claim: as tuples and spans, made into the
            # claim's dicts by _claim_values as each is written (dicts took twice the memory)
            source = None
            if f.source is not None:
                source = (w.name, f.source, w.type, w.role, w.entity)  # the entity numbered later
            if found is None:
                found = (
                    _none_or(s, "hedges", find_hedges, s.toks, lex),
                    _none_or(s, "dates", find_dates, s.toks, lex),
                )
            sent_hedges, sent_dates = found
            date = None
            best = None
            for sp, val in sent_dates:
                if bare or any(a <= sp[0] < b for a, b in content):
                    continue
                dist = abs(sp[0] - f.cue[0])
                if best is None or dist < best[0]:
                    best = (dist, sp, val)
            if best is not None:
                date = (best[1], best[2])
            cue = None if bare else f.cue
            refs = (w.via, w.confirmed) if w.via or w.confirmed else None
            self.drafts.append((span, cue, kind, content, source, refs, sent_hedges or (), date))
        # Unattributed factual statements: sentences no claim covers (known once all are added).
        t = s.toks
        if not t or t[-1].text not in (".", "!", '"') or s.in_quote[0]:
            return
        if not _has_words(t, 4):
            return
        if t[-1].text == '"' and (len(t) < 2 or t[-2].text != "."):
            return
        if t[0].text == '"':
            return
        a, b = s.span
        e = b
        while e > a and norm[e - 1] in ".!":
            e -= 1
        self.bare.append(((a, b), (a, e)))

    def plain(self, document: DocumentRef | dict, published: str | None) -> dict:
        """The values :func:`extract` validates into :class:`~attribtrack.models.Claims`."""
        claims, entities = self.values(published)
        return {"document": document, "claims": tuple(claims), "entities": entities}

    def values(
        self, published: str | None, indent: int | None = None
    ) -> tuple[Iterator[dict] | Iterator[str], tuple[dict, ...] | tuple[str, ...]]:
        """The claims (made one at a time as they are read: a long text's are not all held as
        dicts) and the entities, as the plain values of :class:`Claims`; with ``indent``, each
        claim is instead its JSON as :func:`~attribtrack.json_pieces.json_chunks` writes it."""
        text, lex = self.text, self.lex
        ents = self.ents
        ents.sort(key=lambda e: (min(e.mentions)[0] if e.mentions else e.first, e.name))
        eid = {id(e): f"e{i}" for i, e in enumerate(ents, start=1)}
        drafts, self.drafts = self.drafts, []
        ci = sorted(self.covered)
        reach = []  # reach[k]: the furthest end among ci[:k+1]
        far = -1
        for _, b in ci:
            far = max(far, b)
            reach.append(far)
        for (a, b), content_span in self.bare:
            k = bisect_left(ci, (b, -1)) - 1  # spans starting before the sentence ends
            if k >= 0 and reach[k] > a:
                continue
            drafts.append(((a, b), None, "unattributed", [content_span], None, None, (), None))
        drafts.sort(key=lambda d: (d[0][0], d[1][0] if d[1] else -1, d[3][0][0]))
        if indent is not None:
            return _claim_texts(drafts, text, lex, eid, published, indent), _entity_texts(ents, eid, indent)
        entities = tuple(
            {
                "id": eid[id(e)],
                "name": e.name,
                "type": e.type,
                "roles": tuple(e.roles),
                "mentions": tuple(sorted(set(e.mentions))),
            }
            for e in ents
        )
        return _claim_values(drafts, text, lex, eid, published), entities


def _claim_values(
    drafts: list[tuple], text: str, lex: Lexicon, eid: dict[int, str], published: str | None
) -> Iterator[dict]:
    memo: dict[str, str] = {}
    for n, (span, cue, kind, content, source, refs, hedges, date) in enumerate(drafts, start=1):
        via = tuple(_ref(r, text, eid) for r in refs[0]) if refs else ()
        conf = tuple(_ref(r, text, eid) for r in refs[1]) if refs else ()
        if source is not None:
            name, sp, typ, role, ent = source
            source = {
                "name": name,
                "mention": text[sp[0] : sp[1]],
                "span": sp,
                "type": typ,
                "role": role,
                "entity": eid.get(id(ent)) if ent else None,
            }
        if date is not None:
            sp, val = date
            date = {"text": text[sp[0] : sp[1]], "span": sp, "iso": iso_date(val, published)}
        yield (
            {
                "id": f"c{n}",
                "kind": kind,
                "span": span,
                "text": text[span[0] : span[1]],
                "content": tuple({"text": text[a:b], "span": (a, b)} for a, b in content),
                "cue": {
                    "text": text[cue[0] : cue[1]],
                    "span": cue,
                    "class": cue_class(
                        text[cue[0] : cue[1]], lex, memo, source["mention"] if source is not None else None
                    ),
                }
                if cue
                else None,
                "source": source,
                "via": via,
                "confirmed_by": conf,
                "hedges": tuple({"text": text[a:b], "span": (a, b)} for a, b in hedges),
                "date": date,
            }
        )


def _claim_texts(
    drafts: list[tuple], text: str, lex: Lexicon, eid: dict[int, str], published: str | None, indent: int
) -> Iterator[str]:
    """:func:`_claim_values`' claims, each written as ``json_chunks`` writes it in the top-level
    ``claims`` list (keys sorted, indented ``indent``), straight from its draft: making the dicts
    and walking them was a third of the time of a text of many claims. The same bytes
    (``tests/test_extract_scale.py`` compares them with the models' ``to_json``)."""
    from attribtrack.json_pieces import Raw

    string = _json_string
    one = " " * indent
    i2, i3, i4, i5, i6 = ("\n" + one * k for k in (2, 3, 4, 5, 6))
    k3, k4, k5 = "," + i3, "," + i4, "," + i5
    # a (start, end) span at nesting 3, 4 and 5: its opening, middle and closing white space
    s3 = ("[" + i4, "," + i4, i3 + "]")
    s4 = ("[" + i5, "," + i5, i4 + "]")
    s5 = ("[" + i6, "," + i6, i5 + "]")

    def spans(items: Sequence[Span]) -> str:  # content and hedges: {span, text} at nesting 4
        if len(items) == 1:  # most claims: one content span
            a, b = items[0]
            return f'[{i4}{{{i5}"span": {s5[0]}{a}{s5[1]}{b}{s5[2]}{k5}"text": {string(text[a:b])}{i4}}}{i3}]'
        return (
            "["
            + i4
            + k4.join(
                f'{{{i5}"span": {s5[0]}{a}{s5[1]}{b}{s5[2]}{k5}"text": {string(text[a:b])}{i4}}}'
                for a, b in items
            )
            + i3
            + "]"
        )

    def refs(items: list) -> str:  # via and confirmed_by, as _ref makes them
        out = []
        for name, sp, ent, typ in items:
            e = eid.get(id(ent)) if ent is not None else None
            out.append(
                f'{{{i5}"entity": {"null" if e is None else string(e)}'
                f'{k5}"mention": {"null" if not sp else string(text[sp[0] : sp[1]])}'
                f'{k5}"name": {string(name)}'
                f'{k5}"span": {"null" if sp is None else f"{s5[0]}{sp[0]}{s5[1]}{sp[1]}{s5[2]}"}'
                f'{k5}"type": {"null" if typ is None else string(typ)}{i4}}}'
            )
        return "[" + i4 + k4.join(out) + i3 + "]"

    memo: dict[str, str] = {}
    for n, (span, cue, kind, content, source, ref, hedges, date) in enumerate(drafts, start=1):
        if cue:
            cue_text = text[cue[0] : cue[1]]
            mention = text[source[1][0] : source[1][1]] if source is not None else None
            cue_json = (
                f'{{{i4}"class": {string(cue_class(cue_text, lex, memo, mention))}'
                f'{k4}"span": {s4[0]}{cue[0]}{s4[1]}{cue[1]}{s4[2]}{k4}"text": {string(cue_text)}{i3}}}'
            )
        else:
            cue_json = "null"
        if source is not None:
            name, sp, typ, role, ent = source
            e = eid.get(id(ent)) if ent else None
            source_json = (
                f'{{{i4}"entity": {"null" if e is None else string(e)}'
                f'{k4}"mention": {string(text[sp[0] : sp[1]])}{k4}"name": {string(name)}'
                f'{k4}"role": {"null" if role is None else string(role)}'
                f'{k4}"span": {s4[0]}{sp[0]}{s4[1]}{sp[1]}{s4[2]}'
                f'{k4}"type": {string(typ)}{i3}}}'
            )
        else:
            source_json = "null"
        if date is not None:
            sp, val = date
            iso = iso_date(val, published)
            date_json = (
                f'{{{i4}"iso": {"null" if iso is None else string(iso)}'
                f'{k4}"span": {s4[0]}{sp[0]}{s4[1]}{sp[1]}{s4[2]}'
                f'{k4}"text": {string(text[sp[0] : sp[1]])}{i3}}}'
            )
        else:
            date_json = "null"
        yield Raw(
            f'{{{i3}"confirmed_by": {refs(ref[1]) if ref and ref[1] else "[]"}'
            f'{k3}"content": {spans(content) if content else "[]"}'
            f'{k3}"cue": {cue_json}{k3}"date": {date_json}'
            f'{k3}"hedges": {spans(hedges) if hedges else "[]"}'
            f'{k3}"id": "c{n}"{k3}"kind": {string(kind)}{k3}"source": {source_json}'
            f'{k3}"span": {s3[0]}{span[0]}{s3[1]}{span[1]}{s3[2]}'
            f'{k3}"text": {string(text[span[0] : span[1]])}'
            f'{k3}"via": {refs(ref[0]) if ref and ref[0] else "[]"}{i2}}}'
        )


def _entity_texts(ents: list[EntityDraft], eid: dict[int, str], indent: int) -> tuple[str, ...]:
    """The entities as :meth:`_Assembly.values` makes them, each written as ``json_chunks``
    writes it in the top-level ``entities`` list, as :func:`_claim_texts` writes the claims (a
    text of many speakers has thousands, each with its mentions)."""
    from attribtrack.json_pieces import Raw

    string = _json_string
    one = " " * indent
    i2, i3, i4, i5 = ("\n" + one * k for k in (2, 3, 4, 5))
    k3, k4 = "," + i3, "," + i4
    out = []
    for e in ents:
        spans = [f"[{i5}{a},{i5}{b}{i4}]" for a, b in sorted(set(e.mentions))]
        mentions = "[" + i4 + k4.join(spans) + i3 + "]" if spans else "[]"
        roles = "[" + i4 + k4.join(string(r) for r in e.roles) + i3 + "]" if e.roles else "[]"
        out.append(
            Raw(
                f'{{{i3}"id": {string(eid[id(e)])}{k3}"mentions": {mentions}{k3}"name": {string(e.name)}'
                f'{k3}"roles": {roles}{k3}"type": {string(e.type)}{i2}}}'
            )
        )
    return tuple(out)


_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # json.dumps's, for str

_THAT = re.compile(r"(?i)\bthat[ ]*,?[ ]+$")  # "said that, if elected, he ..."


def _with_that(spans: list[Span], cue: Span, norm: str) -> list[Span]:
    """'said that the dam held': the content opens with its "that" (the complementiser belongs to
    the reported clause, as annotators of attribution mark it)."""
    if not spans:
        return spans
    a, b = spans[0]
    if a <= cue[1] or a - cue[1] > 60:
        return spans
    m = _THAT.search(norm, max(cue[1], a - 12), a)
    if m is None:
        return spans
    return [(m.start(), b), *spans[1:]]


def _has_words(toks: list[Token], count: int) -> bool:
    """Are at least ``count`` of ``toks`` words? Stops counting there."""
    for t in toks:
        if t.word:
            count -= 1
            if count == 0:
                return True
    return count <= 0


def _ref(r, text: str, eid: dict[int, str]) -> dict:
    name, span, ent, typ = r
    return {
        "name": name,
        "mention": text[span[0] : span[1]] if span else None,
        "span": span,
        "type": typ,
        "entity": eid.get(id(ent)) if ent is not None else None,
    }


def _kind(spans: list[Span], qs: list[Quote], text: str, norm: str) -> tuple[str, list[Span]]:
    """direct (content is quotation), mixed (has quoted words) or indirect; direct -> inner text."""
    out: list[Span] = []
    kinds = []
    for a, b in spans:
        inside = [q for q in qs if q.open < b and q.outer[1] > a]
        if len(inside) == 1:
            q = inside[0]
            ia, ib = q.inner
            rest = norm[a : max(a, q.open)] + norm[min(b, q.outer[1]) : b]
            if q.open - 1 <= a <= q.open + 1 and not rest.strip(" ,.:;!?-\"'") and ia < ib:
                while ia < ib and norm[ia] == " ":
                    ia += 1
                while ib > ia and norm[ib - 1].isspace():
                    ib -= 1
                # '"It is credible," she said.': the comma is the attribution's, not the speaker's
                if ib > ia and norm[ib - 1] == ",":
                    ib -= 1
                    while ib > ia and norm[ib - 1].isspace():
                        ib -= 1
                if ia < ib:
                    out.append((ia, ib))
                    kinds.append("direct")
                    continue
            if q.open < a and b <= q.close and not q.closed:
                # '"RUIZ: The ferry ...' (a transcript line): the words after the label, all quoted
                while a < b and norm[a].isspace():
                    a += 1
                out.append((a, b))
                kinds.append("direct")
                continue
        # trim
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        out.append((a, b))
        kinds.append("mixed" if inside else "indirect")
    if not out:
        return "indirect", []
    if len(kinds) == 1:  # most claims: one content span
        return kinds[0], out
    if all(k == "direct" for k in kinds):
        return "direct", out
    if any(k != "indirect" for k in kinds):
        return "mixed", out
    return "indirect", out
