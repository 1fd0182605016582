"""The extraction pipeline: text in, :class:`attribtrack.models.Claims` out."""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from attribtrack.extractor.attach import find_dates, find_hedges, find_outlets, iso_date
from attribtrack.extractor.frames import Frame, SentenceFrames
from attribtrack.extractor.lexicon import Lexicon, lexicon
from attribtrack.extractor.normalise import normalise
from attribtrack.extractor.resolve import EntityDraft, Resolver
from attribtrack.extractor.segment import BYLINE_DASH, Quote, Token, paragraphs, quotes, sentences, tokens
from attribtrack.extractor.sources import describe
from attribtrack.models import (
    Claims,
    DocumentRef,
    Outlet,
)

if TYPE_CHECKING:
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
) -> Claims:
    """Every claim in ``text``: source, cue, content, via, confirmations, hedges and date.

    ``published`` (ISO date) lets "on April 2" become an ISO date; ``outlets`` is a registry or
    extra outlets (name -> aliases) added to the built-in one.
    """
    if not isinstance(text, str):
        raise TypeError("extract() needs a str")
    # The pipeline allocates many small, short-lived, acyclic objects (tokens, frames, spans): the
    # cyclic garbage collector's passes over them are pure overhead (a third of the time on long
    # texts), so it is paused for the call and restored after; nothing here needs it.
    if not gc.isenabled():
        return _extract(text, document, published, outlets)
    gc.disable()
    try:
        return _extract(text, document, published, outlets)
    finally:
        gc.enable()


def _extract(
    text: str,
    document: DocumentRef | None,
    published: str | None,
    outlets: OutletRegistry | Mapping[str, Sequence[str]] | None,
) -> Claims:
    if document is None:
        import hashlib

        document = DocumentRef(sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    from attribtrack.outlets import OutletRegistry, load_registry

    if isinstance(outlets, OutletRegistry):
        lookup = _Lookup(outlets)
    elif outlets:
        lookup = _Lookup(load_registry(outlets))
    else:
        lookup = _default_lookup()

    lex = lexicon()
    norm = normalise(text)
    sents = _segment(text, norm, lex)
    for s in sents:
        sf = SentenceFrames(s.toks, s.in_quote, s.span, s.quotes, lex, norm)
        s.frames = sf.frames(lex.cue_class)
    _speakers(sents, norm, lex)
    _bylines(sents, norm)
    _bare_quotes(sents, norm, lex)
    _confirmations(sents, lex, lookup, text)
    works = _resolve(sents, norm, text, lex, lookup)
    return _assemble(works, sents, text, norm, lex, lookup, document, published)


# --- segmentation ------------------------------------------------------------------------------


def _segment(text: str, norm: str, lex: Lexicon) -> list[Sent]:
    out: list[Sent] = []
    for pi, (pa, pb) in enumerate(paragraphs(norm)):
        qs = quotes(norm, text, pa, pb)
        opens = [q.open for q in qs]
        for sa, sb in sentences(norm, pa, pb, qs, lex):
            toks = tokens(norm, sa, sb)
            if qs:
                flags = []
                qi = 0
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
            sq = _overlapping(qs, opens, sa, sb) if qs else []
            out.append(Sent((sa, sb), toks, flags, pi, sq))
    return out


def _named_elsewhere(tok: Token, norm: str) -> bool:
    """Does the word appear capitalised (as a name) somewhere else in the text?"""
    word = tok.text[:1].upper() + tok.text[1:].lower() if tok.text.isupper() else tok.text
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


def _overlapping(qs: list[Quote], opens: list[int], a: int, b: int) -> list[Quote]:
    """Quotations overlapping [a, b): quotations never overlap each other, so a window suffices."""
    k = bisect_left(opens, a)
    lo = k - 1 if k > 0 and qs[k - 1].outer[1] > a else k
    hi = bisect_left(opens, b)
    return qs[lo:hi]


def _speakers(sents: list[Sent], norm: str, lex: Lexicon) -> None:
    """'NAME: ...' at the start of a paragraph (transcripts, headlines).

    A one-word label is a speaker only when the text names it elsewhere too ("PENCE:" in a story
    about Mike Pence, or a label that opens several paragraphs), not "BUSTED:" or "Look:"."""
    labels: dict[str, int] = {}
    for s in sents:
        t = _label_tokens(s)
        if len(t) > 2 and t[0].cap and t[1].text == ":":
            labels[t[0].low] = labels.get(t[0].low, 0) + 1
    prev_para = -1
    for si, s in enumerate(sents):
        first = s.para != prev_para
        prev_para = s.para
        if not first:
            continue
        t = _label_tokens(s)
        shift = len(s.toks) - len(t)
        k = 0
        while k < len(t) and k < 4 and t[k].cap and t[k].word and (shift or not s.in_quote[k]):
            k += 1
        if k == 0 or k >= len(t) - 1:
            continue
        dash = t[k].text in ("\u2014", "\u2013", "-") or (t[k].text == "-" and t[k + 1].text == "-")
        if t[k].text != ":" and not (
            dash and (t[k + 1].text == '"' or (k + 2 < len(t) and t[k + 2].text == '"'))
        ):
            continue
        if t[0].low in lex.not_sources or t[0].low in (
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
        end = s.span[1]
        j = si + 1
        while j < len(sents) and sents[j].para == s.para:
            end = sents[j].span[1]
            j += 1
        a = t[k + 1].start if t[k + 1].text != "-" else t[k + 2].start
        b = end
        while b > a and norm[b - 1] in ".!? \n":
            b -= 1
        if b <= a:
            continue
        if sum(1 for x in t[k + 1 :] if x.word) < 3 and j == si + 1:
            continue  # "Clinton: 547."
        if k == 1 and t[k].text == ":" and labels.get(t[0].low, 0) < 2 and not _named_elsewhere(t[0], norm):
            continue
        s.frames.append(
            Frame(
                cue=(t[k].start, t[k].end),
                cue_class="speech",
                cue_lemma=":",
                sentence=s.span,
                content=[(a, b)],
                source=(t[0].start, t[k - 1].end),
                source_tokens=t[:k],
                shape="speaker",
                extra_sentences=[sents[x].span for x in range(si + 1, j)],
            )
        )


def _label_tokens(s: Sent) -> list[Token]:
    """The tokens of a paragraph's first sentence, after the opening mark of a quoted transcript
    line ('"RUIZ: The ferry runs, ...' with no closing mark in the paragraph)."""
    t = s.toks
    if len(t) > 3 and t[0].text == '"' and t[1].cap:
        q = next((x for x in s.quotes if x.open == t[0].start), None)
        if q is None or not q.closed:  # unclosed, or displaced by a quotation inside the line
            return t[1:]
    return t


def _bylines(sents: list[Sent], norm: str) -> None:
    """'"Taxes are too high." ― Ana Ruiz, a farmer': a quotation signed with a dash and a name.

    The quotation opens its sentence (a pull quote, a vox pop); after the name only an appositive
    may follow ('"...," — Ana Ruiz said' is a cue's work, '"great" — Weber's word' no name)."""
    if '"' not in norm:
        return
    starts = [s.span[0] for s in sents]
    for m in _BYLINE.finditer(norm):
        close = m.start()
        k = bisect_right(starts, close) - 1
        if k < 0:
            continue
        sq = sents[k]  # the sentence of the closing mark holds the whole quotation
        q = next((x for x in sq.quotes if x.closed and x.close == close), None)
        if q is None or sq.frames or not sq.toks or sq.toks[0].start != q.open:
            continue
        if sum(1 for x in sq.toks if x.word and q.open < x.start < q.close) < 3:
            continue
        kb = bisect_right(starts, m.end()) - 1
        sb = sents[kb]
        if kb not in (k, k + 1) or sb.para != sq.para or sb.frames:
            continue
        t = sb.toks
        d = bisect_left([x.start for x in t], m.end()) - 1  # the dash
        if d < 0 or t[d].text not in _BYLINE_DASHES:
            continue
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
            continue
        rest = t[e:]
        if rest and rest[-1].text == ".":
            rest = rest[:-1]
        appositive = None
        if rest:
            if rest[0].text not in (",", "(") or len(rest) > 16 or any(x.text == '"' for x in rest):
                continue
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


def _quoted(f: Frame, norm: str) -> bool:
    """Does the claim quote its source (a content span starting at a quotation mark)?"""
    for a, _ in f.content:
        if norm[a : a + 1] == '"' or (a > 0 and norm[a - 1] == '"'):
            return True
    return False


def _bare_quotes(sents: list[Sent], norm: str, lex: Lexicon) -> None:
    """A sentence that is a quotation with no cue: the speaker of the sentence before, or nobody."""
    prev: Sent | None = None
    pending: list[tuple[int, int, Sent]] = []  # unclosed quotations waiting for their speaker
    for s in sents:
        if s.frames:
            if pending and s.toks and s.toks[0].text == '"' and s.para - pending[-1][2].para <= 1:
                target = next((f for f in s.frames if f.source is not None and _quoted(f, norm)), None)
                if target is not None:
                    # '"A.\n\n"B," Weber said.': the quotation began paragraphs earlier
                    target.content[0:0] = [(a, b) for a, b, _ in pending]
                    target.extra_sentences.extend(x.span for _, _, x in pending)
                    for _, _, x in pending:
                        x.absorbed = True
            pending = []
            prev = s
            continue
        t = s.toks
        if len(t) < 4 or t[0].text != '"' or not s.quotes:
            prev = None if prev is None or s.para - prev.para > 1 else prev
            continue
        q = next((x for x in s.quotes if x.open == t[0].start), None)
        if q is None or sum(1 for x in t if x.word and q.open < x.start < q.close) < 3:
            continue
        speaker = None
        if prev is not None and s.para - prev.para <= 1:
            speaker = next((f for f in reversed(prev.frames) if f.source is not None), None)
            if speaker is not None and speaker.shape not in ("opens-quote", "bare-quote"):
                # '"A," Weber said, explaining why. "B."': the quotation continues Weber's quotation
                quoted = next(
                    (
                        f
                        for f in reversed(prev.frames)
                        if f.source is not None
                        and f.shape in ("trailing", "forward")
                        and _quoted(f, norm)
                        and f.cue[0] < speaker.cue[0]
                        and norm[f.source[0] : f.source[1]] == norm[speaker.source[0] : speaker.source[1]]
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
            continue
        if speaker is None and not q.closed:
            pending.append((q.open, min(q.outer[1], s.span[1]), s))
            continue
        if speaker is not None:
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


def _confirmations(sents: list[Sent], lex: Lexicon, lookup, text: str) -> None:
    """'which was later confirmed by X' and a next sentence 'X confirmed the report.'"""
    prev_with_frames: Sent | None = None
    for s in sents:
        t = s.toks
        # passive: "confirmed by The New York Times"
        passive_names: list[tuple[Span, str]] = []
        for i, tok in enumerate(t):
            if tok.low in lex.confirmations and i + 1 < len(t) and t[i + 1].low == "by":
                k = i + 2
                while k < len(t) and t[k].text not in (",", ";", ".", '"') and k - i < 12:
                    k += 1
                region = t[i + 2 : k]
                found = find_outlets(region, text, lookup, lookup.firsts)
                if found:
                    passive_names.extend((sp, o.name) for sp, o in found)
                elif region:
                    passive_names.append(
                        ((region[0].start, region[-1].end), text[region[0].start : region[-1].end])
                    )
        # a confirming sentence about the claim before: its own frames with a reference as content
        own = [
            f
            for f in s.frames
            if f.cue_lemma in ("confirm", "corroborate", "verify") and _is_reference(f, t, s, lex)
        ]
        subject_ref = bool(t) and t[0].low in ("that", "this", "the", "those", "these", "it") and len(t) < 16
        if passive_names and not [f for f in s.frames if f not in own] and subject_ref and prev_with_frames:
            prev_with_frames.confirmed_by.extend(passive_names)
            passive_names = []
        if own and prev_with_frames is not None:
            for f in own:
                if f.source is not None:
                    prev_with_frames.confirmed_by.append((f.source, text[f.source[0] : f.source[1]]))
                s.frames.remove(f)
        s.confirmed_by.extend(passive_names)
        if s.frames:
            prev_with_frames = s


def _is_reference(f: Frame, toks: list[Token], s: Sent, lex: Lexicon) -> bool:
    for a, b in f.content:
        words = [t.low for t in toks if a <= t.start and t.end <= b and t.word]
        if len(words) > 5 or any(w not in _REFERENCE_WORDS and w not in lex.documents for w in words):
            return False
    return True


# --- resolution --------------------------------------------------------------------------------


def _resolve(sents: list[Sent], norm: str, text: str, lex: Lexicon, lookup) -> list[Work]:
    resolver = Resolver()
    works: list[Work] = []
    for s in sents:
        events: list[tuple[int, int, object]] = []
        sent_outlets = find_outlets(s.toks, text, lookup, lookup.firsts) if s.toks else []
        for sp, outlet in sent_outlets:
            events.append((sp[0], 0, (sp, outlet)))
        src_spans = sorted(f.source for f in s.frames if f.source)
        starts = [t.start for t in s.toks] if s.frames else []
        for f in s.frames:
            events.append(((f.source or f.cue)[0], 1, f))
        for sp, name, role in _person_names(s.toks, text, lex, lookup):
            events.append((sp[0], 2, (sp, name, role)))
        events.sort(key=lambda e: (e[0], e[1]))
        done_sources: dict[Span, tuple[str, str, EntityDraft | None, str | None]] = {}
        first_work = len(works)
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
                    d = describe(f.source_tokens, f.appositive, norm, text, lex, lookup)
                    w.name, w.type, w.entity = resolver.resolve(d, f.source)
                    w.role = d.role
                    done_sources[f.source] = (w.name, w.type, w.entity, w.role)
            works.append(w)
            if f.cue_lemma.startswith("report") and w.entity is not None:
                resolver.last_reporter = w.entity
            # via: outlets named around the cue ("told Interfax", "in a statement on Telegram")
            for region in f.regions + ([f.addressee] if f.addressee else []):
                rtoks = s.toks[bisect_left(starts, region[0]) : bisect_right(starts, region[1] - 1)]
                for sp, outlet in sent_outlets:
                    if not (region[0] <= sp[0] and sp[1] <= region[1]):
                        continue
                    ent = resolver.resolve(_outlet_described(outlet, sp), sp)[2]
                    _add_ref(w.via, outlet.name, sp, ent, "outlet")
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
            for w in works[first_work:]:
                if w.name != name:
                    _add_ref(w.confirmed, name, sp, ent, "outlet" if outlet else None)
        if not s.frames:
            continue
    # "According to the report, X told ...": the report is the channel, not another claim.
    by_sent: dict[int, list[Work]] = {}
    for w in works:
        by_sent.setdefault(id(w.sent), []).append(w)
    drop: set[int] = set()
    for group in by_sent.values():
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
    works = [w for w in works if id(w) not in drop]
    # "Officials said voters want change", "Aides said Weber attacked the plan": a verb of thinking,
    # or any cue but a plain verb of saying, inside what a person or group said is part of what they
    # said, not a claim of its own; inside what an outlet or organisation said, it came through it.
    for group in by_sent.values():
        outer = [w for w in group[:MAX_FRAMES] if w.frame.source is not None and w.frame.content]
        for x in group[:MAX_FRAMES]:
            cognition = text[x.frame.cue[0] : x.frame.cue[1]].casefold() in lex.cognition
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
    works = [w for w in works if id(w) not in drop]
    # Nested claims: a claim inside what an outlet or organisation said came through it.
    for group in by_sent.values():
        for w in group[:MAX_FRAMES]:
            if id(w) in drop or w.type not in ("outlet", "organization", "document"):
                continue
            for x in group[:MAX_FRAMES]:
                if x is w or id(x) in drop or x.name == w.name:
                    continue
                if any(a <= x.frame.cue[0] < b for a, b in w.frame.content):
                    _add_ref(x.via, w.name, w.frame.source, w.entity, w.type)
    return works


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


def _outlet_described(outlet: Outlet, sp: Span):
    from attribtrack.extractor.sources import Described

    return Described("outlet", outlet.name, "outlet", None, sp)


def _add_ref(refs: list, name: str, span: Span | None, ent: EntityDraft | None, typ: str | None) -> None:
    if any(r[0] == name for r in refs):
        return
    refs.append((name, span, ent, typ))


# --- assembly ----------------------------------------------------------------------------------


def _assemble(
    works: list[Work],
    sents: list[Sent],
    text: str,
    norm: str,
    lex: Lexicon,
    lookup,
    document: DocumentRef,
    published: str | None,
) -> Claims:
    # Entity ids in order of first mention.
    ents: list[EntityDraft] = []
    seen: set[int] = set()

    def note(e: EntityDraft | None) -> None:
        if e is not None and id(e) not in seen:
            seen.add(id(e))
            ents.append(e)

    for w in works:
        note(w.entity)
        for r in w.via + w.confirmed:
            note(r[2])
    ents.sort(key=lambda e: (min(e.mentions)[0] if e.mentions else e.first, e.name))
    eid = {id(e): f"e{i}" for i, e in enumerate(ents, start=1)}

    all_quotes = sorted({q.open: q for s in sents for q in s.quotes}.values(), key=lambda q: q.open)
    all_opens = [q.open for q in all_quotes]
    drafts = []
    covered: list[Span] = []
    cache: dict[int, tuple[list[Span], list]] = {}
    for w in works:
        f = w.frame
        s = w.sent
        kind, content = _kind(
            f.content,
            _overlapping(all_quotes, all_opens, min(a for a, _ in f.content), max(b for _, b in f.content))
            if f.content
            else [],
            text,
            norm,
        )
        if not content:
            continue
        bare = f.shape == "bare-quote"
        parts = list(content) if bare else [f.cue, *content] + ([f.source] if f.source else [])
        lo = min(p[0] for p in parts)
        hi = max(p[1] for p in parts)
        span = (min(lo, s.span[0]), max(hi, s.span[1]))
        for es in f.extra_sentences:
            span = (min(span[0], es[0]), max(span[1], es[1]))
        covered.append(span)
        source = None
        if f.source is not None:
            ent = w.entity
            source = {
                "name": w.name,
                "mention": text[f.source[0] : f.source[1]],
                "span": f.source,
                "type": w.type,
                "role": w.role,
                "entity": eid.get(id(ent)) if ent else None,
            }
        stoks = s.toks
        key = id(s)
        if key not in cache:
            cache[key] = (find_hedges(stoks, lex), find_dates(stoks, lex))
        sent_hedges, sent_dates = cache[key]
        hedges = [{"text": text[a:b], "span": (a, b)} for a, b in sent_hedges]
        date = None
        best = None
        for sp, val in sent_dates:
            if bare or any(a <= sp[0] < b for a, b in content):
                continue
            dist = abs(sp[0] - f.cue[0])
            if best is None or dist < best[0]:
                best = (dist, sp, val)
        if best is not None:
            _, sp, val = best
            date = {"text": text[sp[0] : sp[1]], "span": sp, "iso": iso_date(val, published)}
        drafts.append((span, None if bare else f.cue, kind, content, source, w, hedges, date))
    # Unattributed factual statements: sentences no claim covers.
    ci = sorted(covered)
    reach = []  # reach[k]: the furthest end among ci[:k+1]
    far = -1
    for _, b in ci:
        far = max(far, b)
        reach.append(far)
    for s in sents:
        k = bisect_left(ci, (s.span[1], -1)) - 1  # spans starting before the sentence ends
        if k >= 0 and reach[k] > s.span[0]:
            continue
        if not s.toks or s.toks[-1].text not in (".", "!", '"') or s.in_quote[0]:
            continue
        if not _has_words(s.toks, 4):
            continue
        if s.toks[-1].text == '"' and (len(s.toks) < 2 or s.toks[-2].text != "."):
            continue
        if s.toks[0].text == '"':
            continue
        a, b = s.span
        e = b
        while e > a and norm[e - 1] in ".!":
            e -= 1
        drafts.append(((a, b), None, "unattributed", [(a, e)], None, None, [], None))
    drafts.sort(key=lambda d: (d[0][0], d[1][0] if d[1] else -1, d[3][0][0]))
    claims = []
    for n, (span, cue, kind, content, source, w, hedges, date) in enumerate(drafts, start=1):
        via = tuple(_ref(r, text, eid) for r in w.via) if w else ()
        conf = tuple(_ref(r, text, eid) for r in w.confirmed) if w else ()
        claims.append(
            {
                "id": f"c{n}",
                "kind": kind,
                "span": span,
                "text": text[span[0] : span[1]],
                "content": tuple({"text": text[a:b], "span": (a, b)} for a, b in content),
                "cue": {"text": text[cue[0] : cue[1]], "span": cue} if cue else None,
                "source": source,
                "via": via,
                "confirmed_by": conf,
                "hedges": tuple(hedges),
                "date": date,
            }
        )
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
    # Plain values, validated into the models in one call: the same values as building each model
    # by hand, without a Python-level constructor call per span, reference and claim.
    return Claims.model_validate({"document": document, "claims": tuple(claims), "entities": entities})


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
    if all(k == "direct" for k in kinds):
        return "direct", out
    if any(k != "indirect" for k in kinds):
        return "mixed", out
    return "indirect", out
