"""Trailing and inverted frames: the source after the content.

* trailing: ``CONTENT, SOURCE CUE [tail].`` ('The pier will reopen in May, the harbour master
  said on Friday.'), with a quotation continued after the cue ('"It held," Reed said, "and it
  will hold again."') and the cue as a parenthetical ('The dam, engineers said, would hold.');
* inverted: ``CONTENT, CUE SOURCE[, appositive].`` ('"It held," said Tomas Reed, a dam
  engineer.');
* after a quotation, any verb in the place of "said": '"Get off my boat," Reed barked.' and
  '"Stop the drilling," the mayor urged.' (:func:`after_quotation`).
Invented examples throughout.
"""

from __future__ import annotations

from bisect import bisect_left

from attribtrack.extractor.frames.content import content_forward
from attribtrack.extractor.frames.relatives import holds_claim, is_relative
from attribtrack.extractor.frames.view import Frame, SentenceView, Span
from attribtrack.extractor.frames.words import (
    FINITE_AUX,
    NOUN_MARKERS,
    NP_PREPS,
    PASSIVE_AUX,
    QUOTE_PARTICLES,
    QUOTE_VERBS,
    SAYING_LEMMAS,
    TAIL_CLAUSE_OPENERS,
    TAIL_MAX,
    TAIL_PREPS,
    TAIL_STOPS,
    is_clause,
)


def tail_ok(v: SentenceView, a: int, b: int) -> bool:
    """Tokens a..b-1 are a plausible tail after a trailing cue (place, date, addressee, outlet)."""
    lex = v.lex
    if b - a > TAIL_MAX:
        return False
    # "in his new book", "in a court filing", "without evidence": a phrase of place, medium or
    # manner, whatever its nouns, as long as no clause starts inside it
    prep = (
        a < b
        and v.t[a].low in TAIL_PREPS
        and v.t[a].low != "to"
        and lex.cue_class.get(v.t[a - 1].low) in ("speech", "tell")
        and lex.cue_lemma.get(v.t[a - 1].low) in SAYING_LEMMAS
    )
    for k in range(a, b):
        tok = v.t[k]
        low = tok.low
        if low == "that" and k > a:
            return False
        if (
            prep
            and tok.word
            and low not in TAIL_STOPS
            and low not in FINITE_AUX
            and (low not in lex.cue_class or low in lex.cue_tail)
        ):
            continue
        if (
            low in lex.cue_tail
            or low in lex.months
            or tok.cap
            or low[:1].isdigit()
            or low in lex.determiners
            or low in (",", "-", "'s", "'", "/", "&")
            or low in lex.hedge_firsts
        ):
            continue
        return False
    return True


def trailing(
    v: SentenceView, i: int, cls: str, lemma: str, cue_span: Span, s: int, e: int, appositive: Span | None
) -> Frame | None:
    """The trailing frame of the cue at i with source tokens s..e: the content runs from the
    sentence start to the source, the tail after the cue must look like a place, date or addressee."""
    t = v.t
    n = v.n
    end = v.sentence_end()
    # Tail up to the end, or to a continued quotation ', "..."'.
    k = i + 1
    cont: Span | None = None
    quoted_before = s >= 1 and (
        t[s - 1].text == '"' or (s >= 2 and t[s - 1].text == "," and t[s - 2].text == '"')
    )
    if quoted_before and title_before(v, s):
        return None  # 'On "Harbor Talk," Ruiz said the plan ...': a title, then a forward cue
    if not quoted_before:
        # "..., lawmakers said Friday afternoon, as they bristled at ...", "..., he said; his
        # agents found them": the tail ends at a clause of its own
        for m in range(i + 1, min(end, i + TAIL_MAX + 2)):
            if v.q[m]:
                continue
            if t[m].text == ";" or (
                t[m].text == ","
                and m + 1 < end
                and (t[m + 1].low in TAIL_CLAUSE_OPENERS or t[m + 1].low.endswith("ing"))
            ):
                end = m
                break
    limit = min(end, i + (60 if quoted_before else TAIL_MAX + 2))
    while k < limit and not (t[k].text == '"' and v.q[k + 1] if k + 1 < n else False):
        k += 1
    if k == limit and limit < end and not quoted_before:
        return None
    if k < end and t[k].text == '"':
        if not quoted_before and all(x.text == "," for x in t[i + 1 : k]):
            return None  # 'In May, Weber said, "..."': the quotation is what he said, not a tail
        tail_end = k
        cont = v.quote_span_at(t[k].start)  # the continued quotation
    else:
        tail_end = end
    tail_b = tail_end
    while tail_b > i + 1 and t[tail_b - 1].text == ",":
        tail_b -= 1
    if quoted_before and tail_b > i + 1:
        # '"...," she said at a rally, adding that ...': the tail ends at a clause of its own
        m = i + 1
        while m < tail_b and not (
            t[m].text == ","
            and m + 1 < tail_b
            and (t[m + 1].low.endswith("ing") or t[m + 1].low in ("and", "but", "who", "which", "as", "when"))
        ):
            m += 1
        tail_b = m
        tail_end = min(tail_end, m)
    elif not tail_ok(v, i + 1, tail_b):
        # "The dam, engineers said, would hold.": the attribution is a parenthetical
        m = i + 1
        while m < tail_b and m - i <= 6 and t[m].text != ",":
            m += 1
        if (
            m < tail_b
            and t[m].text == ","
            and tail_ok(v, i + 1, m)
            and t[s - 1].text == ","
            and cont is None
            and sum(1 for x in t[m + 1 : end] if x.word) >= 2
        ):
            after = v.span(m + 1, content_forward(v, m + 1, i, v.lex.cue_class)[1])
            before = v.content_span(0, s)
            if after is None or before is None:
                return None
            return Frame(
                cue=cue_span,
                cue_class=cls,
                cue_lemma=lemma,
                sentence=v.sent,
                content=[before, after],
                source=(t[s].start, t[e].end),
                source_tokens=t[s : e + 1],
                appositive=appositive,
                shape="trailing",
                regions=[(t[i + 1].start, t[m - 1].end)] if m > i + 1 else [],
            )
        return None
    # Content: from the sentence start (after a dateline) to the comma before the source.
    content = v.content_span(v.after_dateline(), s)
    if content is None:
        return None
    spans = [content]
    if cont is not None:
        spans.append(cont)
    regions = []
    if i + 1 < tail_end:
        regions.append((t[i + 1].start, t[tail_end - 1].end))
    return Frame(
        cue=cue_span,
        cue_class=cls,
        cue_lemma=lemma,
        sentence=v.sent,
        content=spans,
        source=(t[s].start, t[e].end),
        source_tokens=t[s : e + 1],
        appositive=appositive,
        shape="trailing",
        regions=regions,
    )


def title_before(v: SentenceView, s: int) -> bool:
    """Is the quotation closing before token s a title ('on "Harbor Talk,"', 'of "Face the
    Nation"'): after a preposition, or a few words all capitalised?"""
    t = v.t
    c = s - 1 if t[s - 1].text == '"' else s - 2
    if c < 1 or t[c].text != '"':
        return False
    o = c - 1
    while o >= 0 and t[o].text != '"':
        o -= 1
    if o < 0:
        return False
    words = [x for x in t[o + 1 : c] if x.word]
    if not words or len(words) > 8 or o == 0:
        return False
    return t[o - 1].low in NP_PREPS or (
        len(words) <= 5 and all(x.cap or x.low in ("of", "the", "and", "a", "in", "on") for x in words)
    )


def inverted(v: SentenceView, i: int, j: int, cls: str, lemma: str, cue_span: Span) -> Frame | None:
    """'"...," said Sen. Ann Lee (D-Ore.), a member of the panel, who ...' (source after the cue)."""
    t = v.t
    lex = v.lex
    end = v.sentence_end()
    k = i + 1
    while (
        k < end
        and t[k].text not in (",", '"', "(", ";")
        and t[k].low not in ("who", "which", "whose")
        and k - i <= 12
        and not (t[k].low in lex.cue_class and not t[k].cap and k > i + 1 and t[k].low not in lex.documents)
    ):
        k += 1
    if k == i + 1 or k - i > 12:
        return None
    src_toks = t[i + 1 : k]
    first = src_toks[0]
    quoted = t[j].text == '"' or (j >= 1 and t[j - 1].text == '"')
    # "..., said former treasurer Ed Marsh, who ...", "..., said several observers."
    described = len(src_toks) <= 6 and v.valid_source(src_toks) and (k >= end or t[k].text == ",")
    if not quoted:
        rest = t[k:end]
        named_rest = (
            described
            or k >= end
            or (t[k].text == "," and len(rest) <= 6 and all(x.cap or not x.word for x in rest))
        )
        if any(
            x.low in ("the", "a", "an") or x.low in PASSIVE_AUX or x.low in ("has", "had", "have")
            for x in src_toks[1:]
        ):
            return None  # "..., told the council the pier was unsafe": a clause, not a speaker
        if not (
            len(src_toks) <= 6
            and (first.cap or first.low in NOUN_MARKERS or described)
            and (k >= end or t[k].text in (",", "("))
            and (first.cap or named_rest)
        ):
            return None
    if first.low in lex.pronouns:
        return None
    if not (
        first.cap
        or described
        or first.low in lex.determiners
        or first.low in NOUN_MARKERS
        or first.low in lex.groups
        or first.low in ("another", "one", "some")
    ):
        return None
    if not v.valid_source(src_toks) and not any(x.cap for x in src_toks) and len(src_toks) > 6:
        return None
    s, e = i + 1, k - 1
    appositive = None
    cont: Span | None = None
    if k < end:
        m = k
        while m < end and m - k <= 40 and t[m].text != '"':
            m += 1
        if m < end and t[m].text == '"':
            cont = v.quote_span_at(t[m].start)
            last = m - 1
        else:
            last = end - 1
        while last >= k and t[last].text in (",", "-"):
            last -= 1
        if m - k > 40 and m < end:
            return None
        for r in range(k, last + 1):
            # '"...," said Ruiz, a ferry captain, who said ...': the clause with its own claim is out
            if is_relative(t[r]) and (r == k or t[r - 1].text == ",") and holds_claim(v, r, last + 1):
                last = r - 1
                while last >= k and t[last].text in (",", "-"):
                    last -= 1
                break
        if last >= k:
            a = k + 1 if t[k].text == "," else k
            if a <= last and not is_clause(t[a]):
                appositive = (t[a].start, t[last].end)
                e = last
    content = v.content_span(0, j)
    if content is None:
        return None
    spans = [content] + ([cont] if cont else [])
    return Frame(
        cue=cue_span,
        cue_class=cls,
        cue_lemma=lemma,
        sentence=v.sent,
        content=spans,
        source=(t[s].start, t[e].end),
        source_tokens=t[s : e + 1],
        appositive=appositive,
        shape="trailing",
        regions=[],
    )


def after_quotation(v: SentenceView, out: list[Frame]) -> None:
    """'"Get off my boat," Reed barked.', '"Not again," the mayor groaned, "not this week."': right
    after a quotation that ends in a comma, question or exclamation mark, a short source and one
    past-tense verb that ends the sentence (or leads to the quotation's continuation) stand where
    "said" stands, whatever the verb; so do the verbs of the lexicon that are not verbs of saying
    ('"...," Gorka urged.'). The verb is the cue (class as the lexicon gives it, else stance).
    PolNeAR train: such verbs after a quotation are in an annotated cue in nearly every case."""
    t = v.t
    n = v.n
    sa, sb = v.sent
    closes = [q.close for q in v.quotes if q.closed and sa < q.close < sb]
    if not closes:
        return
    end = v.sentence_end()
    cues = v.lex.cue_class
    taken = [fr.cue for fr in out]
    starts = v.starts
    for close in closes:
        c = bisect_left(starts, close)
        if c < 1 or c + 2 >= end or t[c].start != close or t[c].text != '"' or v.q[c]:
            continue
        if not v.q[c - 1] or t[c - 1].text not in (",", "?", "!"):
            continue
        i = c + 2
        while i < end and i - c <= 6 and t[i].word and not v.q[i] and not past_verb(t[i].low):
            i += 1
        if i >= end or not t[i].word or t[i].cap or not past_verb(t[i].low) or v.q[i]:
            continue
        cls = cues.get(t[i].low)
        if cls in ("speech", "tell"):
            continue  # a verb of saying: the trailing shape has it
        k = i + 1
        if k < end and t[k].low in QUOTE_PARTICLES and not v.q[k]:
            k += 1  # '"...," Reed went on.', '"...," she shot back.'
        if k < end and len(t[k].low) > 4 and t[k].low.endswith("ly") and not t[k].cap:
            k += 1  # '"...," Reed barked angrily.'
        if not (k >= end or (t[k].text == "," and k + 1 < n and t[k + 1].text == '"' and not v.q[k + 1])):
            continue
        src = t[c + 1 : i]
        if not v.valid_source(src) or any(a <= t[i].start < b for a, b in taken):
            continue
        fr = trailing(v, i, cls or "stance", t[i].low, (t[i].start, t[k - 1].end), c + 1, i - 1, None)
        if fr is not None:
            out.append(fr)


def past_verb(low: str) -> bool:
    """A past-tense form: "-ed", or one of the irregular verbs that follow a quotation ("went on",
    "shot back"; grammar.toml ``quote_verbs``)."""
    return low.endswith("ed") or low in QUOTE_VERBS
