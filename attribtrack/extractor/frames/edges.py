"""Cue edges: a preposition between a cue and its content belongs to the cue.

In the invented 'The harbour master warned of delays at the pier.' the cue is "warned of" and the
content "delays at the pier"; in 'The union responded to the offer.' the cue is "responded to".
An infinitive stays in the content ('The mayor wants to reopen the pier.': cue "wants", content
"to reopen the pier"): "to" joins the cue only before a determiner, a pronoun or a name. PolNeAR's
annotators put the preposition in the cue in 85 to 100 cases in a hundred for each of
:data:`~attribtrack.extractor.frames.words.CUE_PREPOSITIONS` (train split), and "to" before a
determiner or name in about nine of ten.
"""

from __future__ import annotations

from bisect import bisect_left

from attribtrack.extractor.frames.nounphrase import left_np
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import (
    CHAIN_HEADS,
    CHAIN_STOPS,
    CUE_PREPOSITIONS,
    DOCUMENT_DATES,
    LOOSE_DETS,
    PARTICLES,
    SOURCE_ASIDES,
    SOURCE_OPENERS,
    TIME_WORDS,
    TO_OBJECTS,
    cue_adverb,
    is_clause,
)


def cue_head(cue: str) -> str:
    """The verb a cue is built on, lower-cased: the last word but the prepositions that joined it
    ("also believes" -> "believes", "went on to think about" -> "think")."""
    words = cue.casefold().split()
    while len(words) > 1 and (words[-1] in CUE_PREPOSITIONS or words[-1] in ("to", "in")):
        words.pop()
    return words[-1] if words else ""


def with_chains(v: SentenceView, out: list[Frame]) -> None:
    """'went on to say', 'is expected to endorse', 'continued to insist': the verbs that lead to
    a cue through "to" belong to it (PolNeAR train: in the cue in 97 cases in a hundred), with
    their own auxiliaries and adverbs ("are slightly more likely to say")."""
    t = v.t
    lex = v.lex
    starts = v.starts
    for fr in out:
        if fr.shape in ("speaker", "byline", "asked", "according", "nominal"):
            continue
        i = bisect_left(starts, fr.cue[0])
        if i < 2 or i >= v.n or t[i].start != fr.cue[0] or t[i - 1].low != "to" or v.q[i - 1]:
            continue
        floor = fr.source[1] if fr.source is not None and fr.source[1] <= fr.cue[0] else -1
        k = i - 1
        while k > 0 and i - k <= 5 and t[k - 1].start >= floor and not v.q[k - 1]:
            w = t[k - 1]
            if not w.word or w.cap or w.low in CHAIN_STOPS or w.low in lex.pronouns or w.low in LOOSE_DETS:
                break
            k -= 1
        if k == i - 1:
            fr.cue = (t[k].start, fr.cue[1])
            continue
        hedges = v.lex.hedge_firsts
        while k > 0 and cue_adverb(t[k - 1], hedges) and not v.q[k - 1] and t[k - 1].start >= floor:
            k -= 1
        fr.cue = (t[k].start, fr.cue[1])


def with_chain_heads(v: SentenceView, out: list[Frame]) -> None:
    """'Weber continued to question the audit': a cue that leads through "to" to another verb
    (:data:`~attribtrack.extractor.frames.words.CHAIN_HEADS`) takes that verb into the cue, and
    the content starts after it, unless that verb is a cue with a claim of its own ("continued to
    insist that ...": PolNeAR marks both)."""
    t = v.t
    starts = v.starts
    for fr in out:
        if not fr.content or fr.shape in ("speaker", "byline", "asked", "according", "nominal"):
            continue
        e = bisect_left(starts, fr.cue[1]) - 1
        a, b = fr.content[0]
        p = bisect_left(starts, a)
        if e < 0 or t[e].end != fr.cue[1] or t[e].low not in CHAIN_HEADS or p != e + 1:
            continue
        if p + 2 >= v.n or t[p].low != "to" or v.q[p] or v.q[p + 1] or t[p + 2].start >= b:
            continue
        verb = t[p + 1]
        if not verb.word or verb.cap or verb.low in v.lex.determiners or verb.low in CHAIN_STOPS:
            continue
        if any(g.cue[1] == verb.end for g in out):
            continue  # "continued to insist": two claims, as annotators mark them
        fr.cue = (fr.cue[0], verb.end)
        fr.content[0] = (t[p + 2].start, b)


def with_trailing_day(v: SentenceView, out: list[Frame]) -> None:
    """'The pier will reopen, Ruiz said Tuesday.': after a cue that ends its sentence, the weekday
    joins the cue (PolNeAR train: in the annotated cue in about three cases of five)."""
    t = v.t
    starts = v.starts
    end = v.sentence_end()
    for fr in out:
        if not fr.content:
            continue
        k = bisect_left(starts, fr.cue[1])
        if k >= v.n or t[k].low not in v.lex.weekdays or v.q[k]:
            continue
        if fr.content[-1][1] <= fr.cue[0] and k + 1 == end:
            fr.cue = (fr.cue[0], t[k].end)
        elif fr.content[0][0] > t[k].start and t[k].start - fr.cue[1] <= 1:
            fr.cue = (fr.cue[0], t[k].end)  # "said Tuesday that ..."


def with_infinitive(v: SentenceView, out: list[Frame]) -> None:
    """'The mayor is vowing to reopen the pier.': a cue that ends in "to" before a verb ("vowing
    to", "aims to", "looking to") gives the "to" back to its content, which is the infinitive
    "to reopen the pier" (PolNeAR train: "to" before a verb is in the annotated cue in fewer than
    one case in twenty; before a noun phrase, as in "responded to the offer", it stays)."""
    t = v.t
    starts = v.starts
    for fr in out:
        if not fr.content or fr.shape in ("speaker", "byline", "asked", "according"):
            continue
        e = bisect_left(starts, fr.cue[1]) - 1
        if e < 1 or e + 1 >= v.n or t[e].end != fr.cue[1] or t[e].text != "to" or v.q[e]:
            continue
        a, b = fr.content[0]
        nxt = t[e + 1]
        if nxt.start != a or v.q[e + 1] or not nxt.word or nxt.cap or nxt.text[:1].isdigit():
            continue
        low = nxt.low
        if low in TO_OBJECTS or low in LOOSE_DETS or low in CHAIN_STOPS or low in v.lex.pronouns:
            continue
        if low in v.lex.determiners or time_phrase(v, e + 1) or "to" in PARTICLES.get(fr.cue_lemma, ()):
            continue  # "pointed to critics", "referring to studies": "to" is the verb's particle
        fr.cue = (fr.cue[0], t[e - 1].end)
        fr.content[0] = (t[e].start, b)


def with_source_asides(v: SentenceView, out: list[Frame]) -> None:
    """'Ferry operators, for example, say ...', '"...," said Ana Ruiz, a harbour engineer,
    referring to the pier.': a part of a source phrase set off by a comma that is an aside ("for
    its part") or a clause about the circumstances ("referring to ...", "speaking at ...", "in a
    statement") ends the source there; the name and what describes it stay (PolNeAR annotators
    leave such asides out of the source)."""
    t = v.t
    starts = v.starts
    for fr in out:
        src = fr.source
        if src is None:
            continue
        s = bisect_left(starts, src[0])
        e = bisect_left(starts, src[1]) - 1
        if s >= v.n or e <= s + 1 or t[s].start != src[0]:
            continue
        for c in range(s + 1, e + 1):
            if t[c].text != "," or v.q[c]:
                continue
            if c == e:
                break
            k = c + 1
            while k <= e and t[k].text != ",":
                k += 1
            if t[c + 1].low in v.lex.relative_pronouns or t[c + 1].low in ("whose", "which"):
                break  # "X, who was ..., then ...": what follows is the relative clause's
            phrase = " ".join(x.low for x in t[c + 1 : k])
            if not (phrase in SOURCE_ASIDES or is_clause(t[c + 1])):
                continue
            cut = t[c - 1].end
            fr.source = (src[0], cut)
            fr.source_tokens = [x for x in fr.source_tokens if x.end <= cut]
            if fr.appositive is not None:
                a = fr.appositive[0]
                fr.appositive = (a, min(fr.appositive[1], cut)) if a < cut else None
            break


def with_source_openers(v: SentenceView, out: list[Frame]) -> None:
    """'And ferry operators say ...', 'Even the port authority said ...': a connector or focus word
    opening a source phrase is not part of it (PolNeAR train: "And", "Even", "Now", "Then", "Yet"
    opened 18 predicted sources whose annotated source is the rest, none annotated with it), nor is
    a dateline ('WASHINGTON -- President Obama, ..., said')."""
    t = v.t
    starts = v.starts
    d = v.after_dateline()
    for fr in out:
        src = fr.source
        if src is None:
            continue
        s = bisect_left(starts, src[0])
        if s < d < v.n and t[d].start < src[1] and t[d].word:
            s = d  # "WASHINGTON -- President Obama, ..., said": the dateline is not part of the source
            fr.source = src = (t[d].start, src[1])
            fr.source_tokens = [x for x in fr.source_tokens if x.start >= src[0]]
            if fr.appositive is not None and fr.appositive[0] < src[0]:
                fr.appositive = None
        if s + 1 >= v.n or t[s].start != src[0] or t[s].low not in SOURCE_OPENERS or v.q[s]:
            continue
        nxt = t[s + 1]
        if nxt.start >= src[1] or not nxt.word:
            continue
        fr.source = (nxt.start, src[1])
        fr.source_tokens = [x for x in fr.source_tokens if x.start >= nxt.start]
        if fr.appositive is not None and fr.appositive[0] < nxt.start:
            fr.appositive = None


def with_document_dates(v: SentenceView, out: list[Frame]) -> None:
    """'A Quinnipiac poll released Monday found ...', 'The report published Tuesday says ...': the
    date of a document between it and the cue belongs to the source (PolNeAR train: 48 annotated
    document sources hold such a date, 9 leave it out)."""
    t = v.t
    starts = v.starts
    lex = v.lex
    for fr in out:
        src = fr.source
        if src is None or src[1] > fr.cue[0] or not any(x.low in lex.documents for x in fr.source_tokens):
            continue
        k = bisect_left(starts, src[1])
        c = bisect_left(starts, fr.cue[0])
        last = -1
        for m in range(k, c):
            low = t[m].low
            if v.q[m] or not (low in DOCUMENT_DATES or low in TIME_WORDS or time_phrase(v, m)):
                break
            if low in lex.weekdays or low in lex.months or low in TIME_WORDS or low[:1].isdigit():
                last = m
        else:
            if last == c - 1 and c - k <= 6:
                fr.source = (src[0], t[last].end)
                fr.source_tokens = [*fr.source_tokens, *t[k:c]]


#: adverbs of time that follow a cue as its own ("she said later.", "as he put it then,")
_AFTER_CUE = frozenset({"then", "later", "again", "recently"})


def with_trailing_adverb(v: SentenceView, out: list[Frame]) -> None:
    """'"The pier is safe," Ruiz said sarcastically.', '..., he said recently, that ...': an
    adverb right after a cue, before a punctuation mark, belongs to the cue (PolNeAR train: such an
    adverb is outside the annotated cue in 5 cases, inside in over 60)."""
    t = v.t
    starts = v.starts
    hedges = v.lex.hedge_firsts
    for fr in out:
        if not fr.content or fr.shape in ("speaker", "byline", "according"):
            continue
        k = bisect_left(starts, fr.cue[1])
        if k + 1 >= v.n or k < 1 or t[k - 1].end != fr.cue[1] or v.q[k] or v.q[k + 1]:
            continue
        w = t[k]
        if not (w.low in _AFTER_CUE or (cue_adverb(w, hedges) and w.low.endswith("ly"))):
            continue
        if t[k + 1].text not in (",", ".", ";", ":") or any(a <= w.start < b for a, b in fr.content):
            continue
        fr.cue = (fr.cue[0], w.end)


def with_raised_subject(v: SentenceView, out: list[Frame]) -> None:
    """'The council is expected to approve the budget': a cue with no source whose content is an
    infinitive says something of its subject, which is part of the content (annotators mark "The
    council" and "to approve the budget")."""
    t = v.t
    starts = v.starts
    for fr in out:
        if fr.source is not None or not fr.content or fr.shape != "passive":
            continue
        p = bisect_left(starts, fr.content[0][0])
        i = bisect_left(starts, fr.cue[0])
        if p >= v.n or t[p].low != "to" or t[p - 1].end != fr.cue[1] or i == 0 or i >= v.n:
            continue
        got = left_np(v, i - 1, 0)
        if got is None or got[1] != i - 1 or any(v.q[k] for k in range(got[0], i)):
            continue
        span = v.span(got[0], i)
        if span is not None:
            fr.content = [span, *fr.content]


def time_phrase(v: SentenceView, k: int) -> bool:
    """Does a date or a span of time start at token k ("Monday", "March 3", "weeks", "the past
    year")?"""
    t = v.t
    lex = v.lex
    while k < v.n and t[k].low in ("the", "a", "this", "last", "next", "past", "recent", "several", "many"):
        k += 1
    if k >= v.n:
        return False
    low = t[k].low
    return low in lex.weekdays or low in lex.months or low[:1].isdigit() or low in TIME_WORDS


def clause_ahead(v: SentenceView, k: int, end: int) -> bool:
    """Does a that-clause, a colon or a quotation follow within a few words of token k, before
    ``end``: the phrase after the preposition is an addressee or a circumstance, not the content?"""
    t = v.t
    for m in range(k, min(v.n, k + 8)):
        if t[m].start >= end:
            return False
        if v.q[m] or t[m].low == "that" or t[m].text in (":", '"', "\u201c"):
            return True
    return False


def with_prepositions(v: SentenceView, out: list[Frame]) -> None:
    """Move a preposition that opens a frame's content, right after its cue, into the cue."""
    t = v.t
    starts = v.starts
    for fr in out:
        if not fr.content or fr.shape in ("speaker", "byline", "asked"):
            continue
        a, b = fr.content[0]
        if a < fr.cue[1]:
            continue
        p = bisect_left(starts, a)
        if p == 0 or p + 1 >= v.n or t[p].start != a or v.q[p] or t[p - 1].end != fr.cue[1]:
            continue
        low = t[p].low
        nxt = t[p + 1]
        if nxt.start >= b or v.q[p + 1] or not nxt.word:
            continue
        if not (low in CUE_PREPOSITIONS or (low == "to" and (nxt.low in TO_OBJECTS or nxt.cap))):
            continue
        if time_phrase(v, p + 1) or clause_ahead(v, p + 1, b):
            continue  # "said on Monday that ...", "wrote to the council: ...": not the cue's object
        fr.cue = (fr.cue[0], t[p].end)
        fr.content[0] = (nxt.start, b)


def without_reduced_relatives(out: list[Frame]) -> list[Frame]:
    """'The report published on Tuesday says the river is clean': "published" modifies the
    subject of "says" (a reduced relative clause), it reports nothing. A frame whose cue lies
    inside another frame's source, and whose content would begin with that frame's cue, is
    dropped; 'Voters who backed the plan now say ...' keeps its relative clause's claim, whose
    content ("the plan") comes before the outer cue."""
    if len(out) < 2:
        return out
    inner = [
        f
        for f in out
        if f.content
        and any(
            g is not f
            and g.shape != "nominal"  # 'shows support for ...': the noun's "source" is a guess
            and g.source is not None
            and g.source[0] <= f.cue[0]
            and f.cue[1] < g.source[1]  # the phrase goes on past the participle ("published on Tuesday")
            and f.content[0][0] == g.cue[0]
            for g in out
        )
    ]
    return [f for f in out if all(f is not x for x in inner)] if inner else out
