"""Name what happened to an aligned claim: the contract's change types.

One edited claim can yield several changes (``source-changed`` and ``cue-changed``).
``claim-edited`` is reported when the claim's content words changed (outside a direct quote, which
is ``quote-altered``), or when its words changed and nothing more specific explains it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence

from attribtrack.compare.align import Pair, content_text, same_source
from attribtrack.compare.model import Change, ChangeType, WordOp
from attribtrack.compare.textdiff import Op, TextDiff, word_ops, words
from attribtrack.models import Claim, Cue, Span, TextSpan

#: Quoted stretches inside a claim (double quotation marks of the common styles).
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»|„[^“”]*[“”]")
#: Content that is kept when this share of its words is still there, in the other text.
KEPT = 0.6
EXCERPT = 60


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """One line, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def who(claim: Claim | None) -> str:
    """``Dmitry Peskov (Kremlin spokesman)``, or ``(no source)``."""
    if claim is None or claim.source is None:
        return "(no source)"
    s = claim.source
    return f"{s.name} ({s.role})" if s.role else s.name


def quotes(claim: Claim) -> list[Span]:
    """Spans (in the document) of the quoted words of a claim."""
    if claim.kind == "direct" and claim.content:
        return [c.span for c in claim.content]
    if claim.kind in ("direct", "mixed", "unattributed"):
        base = claim.span[0]
        return [
            (base + m.start() + 1, base + m.end() - 1)
            for m in QUOTED.finditer(claim.text)
            if not claim.text[: m.start()].endswith("=")  # an HTML attribute, not a quotation
        ]
    return []


def _cue_stem(word: str) -> str:
    """The verb a cue is a form of: its name in the cue lexicon (data/cues.txt lists every form,
    "say says said saying"), else the word less a regular ending."""
    from attribtrack.extractor.lexicon import lexicon

    w = word.casefold()
    lemma = lexicon().cue_lemma.get(w)
    if lemma is not None:
        return lemma
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def same_cue(a: Cue | TextSpan | None, b: Cue | TextSpan | None) -> bool:
    """The same reporting verb, whatever its tense ("says"/"said"; "admits"/"admitted") and the
    words the cue's span holds around it: an auxiliary, an adverb, a weekday or an addressee
    ("said" / "has also said" / "said Tuesday"; PolNeAR's annotators put those in the cue, so the
    extractor does). A negation is part of the verb: "said" -> "did not say" is a cue change."""
    if a is None or b is None:
        return a is None and b is None
    x, y = a.text.casefold().split(), b.text.casefold().split()
    if x == y:
        return True
    kx, ky = _cue_key(x), _cue_key(y)
    if kx is not None and ky is not None:
        return kx == ky
    if len(x) != len(y) or not x:
        return False
    sx, sy = _cue_stem(x[0]), _cue_stem(y[0])
    short, long_ = sorted((sx, sy), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 2 and x[1:] == y[1:]


def _cue_key(words: list[str]) -> tuple[bool, tuple[str, ...]] | None:
    """(negated, the lemmas of the cue-lexicon verbs in it), or None when no word of the cue is a
    listed verb form ("according to", "in a statement")."""
    from attribtrack.extractor.lexicon import lexicon

    lemma = lexicon().cue_lemma
    verbs = tuple(lemma[w] for w in words if w in lemma)
    if not verbs:
        return None
    negated = any(w in ("not", "never") or w.endswith(("n't", "n’t")) for w in words)
    return negated, verbs


def _public(ops: Iterable[Op], old: str, new: str) -> tuple[WordOp, ...]:
    out = []
    for op in ops:
        if op.kind == "equal":
            continue
        text = old[op.a0 : op.a1] if op.kind == "delete" else new[op.b0 : op.b1]
        out.append(WordOp(op=op.kind, old=(op.a0, op.a1), new=(op.b0, op.b1), text=text))  # type: ignore[arg-type]
    return tuple(out)


def _touching(ops: Sequence[Op], old_spans: Sequence[Span], new_spans: Sequence[Span]) -> list[Op]:
    def hits(a: int, b: int, spans: Sequence[Span]) -> bool:
        return any(a <= e and b >= s for s, e in spans)

    return [op for op in ops if hits(op.a0, op.a1, old_spans) or hits(op.b0, op.b1, new_spans)]


def _already_said(o: Claim, qn: Sequence[Span], old_text: str, new_text: str) -> bool:
    """Are the words now quoted all words the old claim already had?"""
    had = Counter(words(o.text))
    quoted = Counter(w for a, b in qn for w in words(new_text[a:b]))
    return bool(quoted) and not quoted - had


def _clipped(ops: Sequence[Op], qo: Sequence[Span], qn: Sequence[Span], old: str, new: str) -> list[Op]:
    """The parts of ``ops`` inside the quotations (old ones for deletions, new ones for
    insertions) that hold a word; an op over a quotation and the words around it is cut down."""
    out = []
    for op in ops:
        if op.kind == "delete":
            spans, text, lo, hi = qo, old, op.a0, op.a1
        elif op.kind == "insert":
            spans, text, lo, hi = qn, new, op.b0, op.b1
        else:
            continue
        for s, e in spans:
            a, b = max(lo, s), min(hi, e)
            if a >= b or not words(text[a:b]):
                continue
            while text[a].isspace():
                a += 1
            while text[b - 1].isspace():
                b -= 1
            if op.kind == "delete":
                out.append(Op("delete", a, b, op.b0, op.b1))
            else:
                out.append(Op("insert", op.a0, op.a1, a, b))
    return out


def _altered_quotes(
    o: Claim, n: Claim, qo: Sequence[Span], qn: Sequence[Span], old_text: str, new_text: str
) -> list[tuple[Span, Span]]:
    """Old quotes whose words changed, each with the new quote(s) it became (found by carrying the
    old quote's span through a diff of the two claims). A quote that disappeared or a new one is
    not an altered quote: the claim was edited."""
    td = TextDiff(o.text, n.text)
    base_o, base_n = o.span[0], n.span[0]
    out = []
    for s, e in qo:
        ms = td.map_old(s - base_o) + base_n
        me = td.map_old(e - base_o, end=True) + base_n
        partners = [(a, b) for a, b in qn if a < max(me, ms + 1) and b > ms]
        if not partners:
            continue
        after = [w for a, b in partners for w in words(new_text[a:b])]
        if words(old_text[s:e]) != after:
            out.append(((s, e), (partners[0][0], partners[-1][1])))
    return out


def _local_vias(claim: Claim, text: str) -> list[list[str]]:
    """The words naming each channel inside the claim itself (not one resolved from afar)."""
    s0, e0 = claim.span
    return [
        words(text[r.span[0] : r.span[1]])
        for r in claim.via
        if r.span and s0 <= r.span[0] and r.span[1] <= e0
    ]


def _channel_changed(o: Claim, n: Claim, old_text: str, new_text: str) -> bool:
    """Both claims name a channel, and not with the same words (adding or dropping one is not
    a change of source; a name resolved differently from elsewhere is not either)."""
    before, after = _local_vias(o, old_text), _local_vias(n, new_text)
    return bool(before and after) and sorted(before) != sorted(after)


def _vias(claim: Claim) -> str:
    return ", ".join(r.name for r in claim.via) or "(none)"


def _label(ref: object) -> str:
    """A confirmation's name or a hedge's words."""
    return str(getattr(ref, "name", None) or getattr(ref, "text", ""))


def _names(refs: Iterable[object]) -> Counter[str]:
    return Counter(" ".join(words(_label(r))) for r in refs)


def _display(refs: Iterable[object], keys: Iterable[str]) -> list[str]:
    wanted = set(keys)
    seen: list[str] = []
    for r in refs:
        name = _label(r)
        key = " ".join(words(name))
        if key in wanted and name not in seen:
            seen.append(name)
    return seen


def classify(pair: Pair, old_text: str, new_text: str) -> list[Change]:
    """The changes of one matched pair (empty when the claim is unchanged)."""
    o, n = pair.old, pair.new
    assert o is not None and n is not None
    ops = [op for op in word_ops(old_text, new_text, *o.span, *n.span) if op.kind != "equal"]
    found: list[Change] = []

    def add(kind: ChangeType, detail: str, focus: list[Op] | None = None) -> None:
        chosen = focus if focus else ops
        found.append(
            Change(
                type=kind, old_claim=o, new_claim=n, ops=_public(chosen, old_text, new_text), detail=detail
            )
        )

    # Source.
    if o.source is not None and n.source is None:
        add("attribution-dropped", who(o), _touching(ops, [o.source.span], []))
    elif o.source is None and n.source is not None:
        add("attribution-added", who(n), _touching(ops, [], [n.source.span]))
    elif o.source is not None and n.source is not None and not same_source(o, n):
        add("source-changed", f"{who(o)} -> {who(n)}", _touching(ops, [o.source.span], [n.source.span]))
    elif o.source is not None and _channel_changed(o, n, old_text, new_text):
        # Same speaker, another channel named in the claim ("told Interfax" -> "told TASS"): the
        # claim now comes through someone else, so it is a source change too.
        spans_o = [r.span for r in o.via if r.span]
        spans_n = [r.span for r in n.via if r.span]
        add("source-changed", f"via {_vias(o)} -> via {_vias(n)}", _touching(ops, spans_o, spans_n))

    # Quotes.
    qo, qn = quotes(o), quotes(n)
    quote_change = False
    if qo and not qn and o.kind in ("direct", "mixed"):
        add("quote-to-paraphrase", f"{who(n)}: {excerpt(content_text(n))}", ops)
        quote_change = True
    elif qn and not qo and n.kind in ("direct", "mixed") and _already_said(o, qn, old_text, new_text):
        # 'called the plan unfair' -> 'called the plan "unfair"': the claim's own words, now given
        # as the speaker's (no word changed, so no other change type would name it); new words in
        # quotation marks are a content edit
        quoted = " … ".join(new_text[a:b].strip(" ,.;:") for a, b in qn)
        add("paraphrase-to-quote", f"{who(n)}: {excerpt(quoted)}", _touching(ops, [], qn))
    elif qo and qn:
        if o.kind == "direct" and n.kind == "direct":
            # The whole claim is the quotation: any change to its words alters it (a cut included).
            before = [w for s, e in qo for w in words(old_text[s:e])]
            after = [w for s, e in qn for w in words(new_text[s:e])]
            altered = [((qo[0][0], qo[-1][1]), (qn[0][0], qn[-1][1]))] if before != after else []
        else:
            altered = _altered_quotes(o, n, qo, qn, old_text, new_text)
        if altered:
            # Only the words inside the quotations: a quotation split around its cue ('"A," he
            # admitted, "B."') must not count the cue and the speaker as quoted words.
            focus = _clipped(ops, qo, qn, old_text, new_text)
            if focus:
                changed = [
                    f"-{op.text}" if op.op == "delete" else f"+{op.text}"
                    for op in _public(focus, old_text, new_text)
                ]
                add("quote-altered", f"{who(n)}: {excerpt(' '.join(changed))}", focus)
                quote_change = True

    # Cue.
    if o.cue is not None and n.cue is not None and not same_cue(o.cue, n.cue):
        detail = f"{o.cue.text} -> {n.cue.text}"
        if o.cue.class_ and n.cue.class_ and o.cue.class_ != n.cue.class_:
            detail += f": {o.cue.class_} -> {n.cue.class_}"  # "said -> believes: speech -> cognition"
        add("cue-changed", detail, _touching(ops, [o.cue.span], [n.cue.span]))

    # Confirmations and hedges.
    for kind_drop, kind_add, old_refs, new_refs in (
        ("confirmation-dropped", "confirmation-added", o.confirmed_by, n.confirmed_by),
        ("hedge-dropped", "hedge-added", o.hedges, n.hedges),
    ):
        had, has = _names(old_refs), _names(new_refs)
        for name in _display(old_refs, (had - has).keys()):
            spans = [r.span for r in old_refs if getattr(r, "span", None)]
            add(kind_drop, name, _touching(ops, spans, []))  # type: ignore[arg-type]
        for name in _display(new_refs, (has - had).keys()):
            spans = [r.span for r in new_refs if getattr(r, "span", None)]
            add(kind_add, name, _touching(ops, [], spans))  # type: ignore[arg-type]

    # Content.
    content_changed = words(content_text(o)) != words(content_text(n))
    if content_changed and any(c.type in ("attribution-added", "attribution-dropped") for c in found):
        # An unattributed statement's content is the whole sentence, an attributed claim's only
        # what was said: the same words, unless one is not within the other's sentence.
        content_changed = not (
            set(words(content_text(n))) <= set(words(o.text))
            or set(words(content_text(o))) <= set(words(n.text))
        )
    if not quote_change and (content_changed or (ops and not found and words(o.text) != words(n.text))):
        add("claim-edited", f"{who(n)}: {excerpt(content_text(n))}", ops)
    return found


def unmatched(
    pair: Pair,
    text: TextDiff,
    attributed_old: Sequence[tuple[Span, Span]] | SpanIndex,
    attributed_new: Sequence[tuple[Span, Span]] | SpanIndex,
) -> list[Change]:
    """A removed or added claim: ``claim-removed``/``claim-added``, or ``attribution-dropped``/
    ``attribution-added`` (with any hedge or confirmation that went with the attribution) when its
    content is still (or already) in the other text, unattributed.

    The other side is then a synthesised ``unattributed`` claim over those words, so that a
    finding can point at them; its id is ``u`` and its start offset.
    """
    old_text, new_text = text.old, text.new
    if pair.old is not None:
        o = pair.old
        lo, hi = text.map_old(o.span[0]), text.map_old(o.span[1], end=True)
        kept = _kept(o, new_text, lo, hi, attributed_new) if o.source is not None else None
        if kept is not None:
            return classify(Pair(o, kept), old_text, new_text)
        op = WordOp(op="delete", old=o.span, new=(lo, lo), text=o.text)
        return [
            Change(
                type="claim-removed", old_claim=o, ops=(op,), detail=f"{who(o)}: {excerpt(content_text(o))}"
            )
        ]
    n = pair.new
    assert n is not None
    lo, hi = text.map_new(n.span[0]), text.map_new(n.span[1], end=True)
    was = _kept(n, old_text, lo, hi, attributed_old) if n.source is not None else None
    if was is not None:
        return classify(Pair(was, n), old_text, new_text)
    op = WordOp(op="insert", old=(lo, lo), new=n.span, text=n.text)
    return [
        Change(type="claim-added", new_claim=n, ops=(op,), detail=f"{who(n)}: {excerpt(content_text(n))}")
    ]


class SpanIndex:
    """(claim span, source span) pairs, found by the claim spans that overlap a range in
    logarithmic time (a linear scan per removed claim made long revisions quadratic)."""

    __slots__ = ("items", "starts", "longest")

    def __init__(self, pairs: Iterable[tuple[Span, Span]]) -> None:
        self.items = sorted(pairs)
        self.starts = [s for (s, _), _ in self.items]
        self.longest = max((e - s for (s, e), _ in self.items), default=0)


def _overlapping(attributed: Sequence[tuple[Span, Span]] | SpanIndex, lo: int, hi: int) -> list[Span]:
    """Source spans of the claims whose span overlaps ``[lo, hi)`` (``s < hi and e > lo``)."""
    if not isinstance(attributed, SpanIndex):
        attributed = SpanIndex(attributed)
    items = attributed.items
    first = bisect_right(attributed.starts, lo - attributed.longest)
    last = bisect_left(attributed.starts, hi)
    return [src for (s, e), src in items[first:last] if s < hi and e > lo]


def _kept(
    claim: Claim, other: str, lo: int, hi: int, attributed: Sequence[tuple[Span, Span]] | SpanIndex
) -> Claim | None:
    """The claim's content in ``other[lo:hi]`` as an unattributed claim, if it is still there.

    ``attributed``: (claim span, source span) of the other text's attributed claims. One that
    overlaps the region takes the words over, unless its speaker is named inside the region: then
    it is a claim nested in this one's content ("Reuters reported that Iran warned ..." ->
    "Iran warned ..."), and this claim's own attribution is still gone.
    """
    if hi <= lo:
        return None
    region = other[lo:hi]
    lead = len(region) - len(region.lstrip())
    trail = len(region.rstrip())
    lo, hi = lo + lead, lo + trail
    if hi <= lo or any(not lo <= ss < se <= hi for (ss, se) in _overlapping(attributed, lo, hi)):
        return None
    want = words(content_text(claim))
    have = Counter(words(other[lo:hi]))
    if not want:
        return None
    present = sum(1 for w in want if have[w] > 0)
    if present / len(want) < KEPT:
        return None
    # The kept words: each content span carried over, where it maps inside the region.
    return Claim(
        id=f"u{lo}",
        kind="unattributed",
        span=(lo, hi),
        text=other[lo:hi],
        content=(TextSpan(text=other[lo:hi], span=(lo, hi)),),
    )
