"""Forward frames: ``SOURCE [has/also/on April 3] CUE [ADDRESSEE] [that] CONTENT``.

'The harbour master told reporters that the pier would reopen in May.' Also the subjects that
need a shape of their own before the cue: a restrictive relative clause ('Keepers who worked the
night shift say the lamp failed.'), a relative pronoun standing for the source ('Reed, who runs
the ferry, said the fares would rise.'), a plain subject of "say" ('Six in 10 islanders say
...'), and an interrupter ('Reed, himself a ferry captain, said ...'). Invented examples throughout.
"""

from __future__ import annotations

from attribtrack.extractor.frames.content import content_forward, forward_start, object_end
from attribtrack.extractor.frames.nounphrase import head_before_prep, left_np
from attribtrack.extractor.frames.subjects import agrees, interrupted_subject
from attribtrack.extractor.frames.view import Frame, SentenceView, Span
from attribtrack.extractor.frames.words import (
    APPROXIMATELY,
    BOUNDARY_WORDS,
    CUE_AUXILIARIES,
    DASHES,
    LOOSE_OPENERS,
    NP_PREPS,
    PERSON_NOUNS,
    QUANTITY_HEADS,
    SAY_ADVERBS,
    is_clause,
)


def relative_subject(v: SentenceView, i: int, cls: str, lemma: str) -> Frame | None:
    """'People who have battled online threats say ...': a subject with a restrictive relative
    clause; the noun before "who"/"that" is its head, the clause start its start."""
    t = v.t
    lex = v.lex
    w = i - 1
    while w > 0 and i - w <= 20:
        x = t[w]
        if v.q[w] or not (x.word or x.text in ("'s", "-", ".", "$", "%")):
            return None
        if x.low.split("'", 1)[0] in lex.relative_pronouns:  # "who", "who'd", "who've"
            break
        if x.low in ("said", "says", "say", "told", "tells"):
            return None
        w -= 1
    else:
        return None
    if w < 1 or t[w].low.split("'", 1)[0] not in lex.relative_pronouns or w == i - 1:
        return None
    head = t[w - 1]
    if not head.word or head.low in lex.clause_openers or head.low in lex.cue_class:
        return None
    got = left_np(v, w - 1, 0)
    if got is None:
        return None
    s = head_before_prep(v, got[0], got[1])
    # "Democrats in Iowa who watched the debate said": the head is before the preposition
    p = next((k for k in range(s + 1, w - 1) if t[k].low in NP_PREPS), None)
    if p is not None and head.cap:
        head = t[p - 1]
    if not (
        head.low in lex.groups
        or head.low in lex.anonymity
        or head.low in lex.roles
        or head.low in lex.quantities
        or head.low in PERSON_NOUNS
        or (
            (head.low.endswith("s") and not head.low.endswith("ss") or head.low.endswith("men"))
            and (not head.cap or head is t[0])
        )
    ):
        return None
    if s > 0 and not (
        t[s - 1].text in (",", ";", ":", '"', "(")
        or t[s - 1].low in LOOSE_OPENERS
        or t[s - 1].low in ("but", "and")
    ):
        return None
    src = t[s:i]
    if not v.valid_source(t[s:w]):
        return None
    p, addressee, cue_end = forward_start(v, i, cls, lemma)
    fr = forward_frame(
        v, i, cls, lemma, cue_end or (t[i].start, t[i].end), s, i - 1, None, p, addressee, i - 1
    )
    if fr is not None:
        fr.source = (src[0].start, src[-1].end)
        fr.source_tokens = t[s:w]
    return fr


def after_interrupter(v: SentenceView, i: int, cls: str, lemma: str) -> Frame | None:
    """'Tester, himself up for reelection in 2018, said ...': a speech cue right after a comma or
    dash that closes an interrupter after the sentence's subject."""
    t = v.t
    if cls not in ("speech", "tell") or t[i].low.endswith("ing") or t[i].cap:
        return None
    got = interrupted_subject(v, i - 1, i)
    if got is None:
        return None
    s, e, appositive = got
    if not agrees(v, i, i - 1, list(t[s:e])):
        return None
    p, addressee, cue_end = forward_start(v, i, cls, lemma)
    fr = forward_frame(
        v, i, cls, lemma, cue_end or (t[i].start, t[i].end), s, e, appositive, p, addressee, i - 1
    )
    if fr is None:
        return None
    first_app = next(k for k in range(s, e) if t[k].start == appositive[0])
    o = first_app - 1
    while o > s and (t[o].text == "," or t[o].text in DASHES or t[o].text == "-"):
        o -= 1
    if is_clause(t[first_app]) or t[first_app - 1].text != ",":
        # a relative clause or a dashed aside says something about the speaker: the name alone
        fr.source = (t[s].start, t[o].end)
        fr.source_tokens = t[s : o + 1]
        fr.appositive = None
    return fr


def forward_frame(
    v: SentenceView,
    i: int,
    cls: str,
    lemma: str,
    cue_span: Span,
    s: int,
    e: int,
    appositive: Span | None,
    p: int,
    addressee: Span | None,
    j: int,
) -> Frame | None:
    """The forward frame of the cue at i: source tokens s..e, content from p to the sentence end or
    the next claim (a stance verb's object only); ``regions`` the words between source, cue and
    content (where a via outlet or a date may stand)."""
    t = v.t
    cues = v.lex.cue_class
    a, b = content_forward(v, p, i, cues)
    if cls == "stance" and not (p > 0 and t[p - 1].low == "that"):
        b = object_end(v, a, b)
    content = v.span(a, b)
    opens_quote = False
    if content is None:
        # "He said:" closing its paragraph: the quotation that follows is the content
        if v.n and v.t[-1].text == ":" and cls in ("speech", "tell") and i >= v.n - 6:
            opens_quote = True
        else:
            return None
    regions = []
    if j + 1 < i:
        regions.append((t[j + 1].start, t[i - 1].end))
    if p > i + 1:
        regions.append((t[i + 1].start, t[p - 1].end))
    src_end = e
    return Frame(
        cue=cue_span,
        cue_class=cls,
        cue_lemma=lemma,
        sentence=v.sent,
        content=[] if opens_quote else [content],
        source=(t[s].start, t[src_end].end) if t[src_end].text != "," else (t[s].start, t[src_end].end),
        source_tokens=t[s : e + 1],
        appositive=appositive,
        shape="opens-quote" if opens_quote else "forward",
        regions=regions,
        addressee=addressee,
    )


def plain_subject(v: SentenceView, i: int, cls: str, lemma: str, shares_only: bool = False) -> Frame | None:
    """'Six in 10 say ...', 'But hacking specialists say ...', 'In the zone, traders also say
    ...': with "say" itself, the plain words between a clause boundary and the verb are its
    subject, whatever the noun (the word lists need not know "specialists")."""
    t = v.t
    lex = v.lex
    k = i - 1
    while k >= 0 and (t[k].low in SAY_ADVERBS or t[k].low in CUE_AUXILIARIES) and not v.q[k]:
        k -= 1  # "520 delegates have publicly said"
    e = k
    if e >= 0 and t[e].low in ("surveyed", "polled", "questioned", "interviewed"):
        k -= 1  # "those surveyed say"
    while (
        k >= 0
        and e - k < 8
        and not v.q[k]
        and (t[k].word or t[k].text in ("%", "-"))
        and (
            t[k].low not in lex.clause_openers
            or t[k].low in ("of", "in", "out")
            or (t[k].low == "than" and k > 0 and t[k - 1].low in ("more", "less", "fewer"))
        )
        and t[k].low not in lex.cue_class
        and t[k].low not in lex.pronouns
        and not (t[k].low.endswith("ly") and len(t[k].low) > 4)
    ):
        k -= 1
    a = k
    while a >= 0 and t[a].low in APPROXIMATELY:
        a -= 1
    if a < k and (a < 0 or t[a].text in (",", ";", ":")):
        k = a  # "About four in 10 said", "Only about 4 in 10 want"
    if k == e or (k >= 0 and t[k].text not in (",", ";", ":") and t[k].low not in BOUNDARY_WORDS):
        return None
    s = k + 1
    for m in range(e - 1, s, -1):
        if t[m].low == "and" and not (v.np_word(t[m - 1]) or t[m - 1].low.endswith("s")):
            s = m + 1  # "Prices rose, wages fell and fishermen say": clauses, the subject after "and"
            break
    if s == 0 and s < e and t[0].low == "and":
        s = 1  # "And ferry operators say ...": the connector opens the sentence, not the subject
    if t[s].low in ("of", "in", "out", "and", "to") or t[e].low in NP_PREPS or t[e].low in lex.between:
        return None
    if k < 0 and s < e and t[s].low in ("at", "by", "on", "for", "with", "from"):
        return None
    if shares_only and not any(x.low[:1].isdigit() or x.low in QUANTITY_HEADS for x in t[s : e + 1]):
        return None  # beyond "say", only a share of a poll ("about 4 in 10 want ...") is a plain subject
    if not agrees(v, i, e, t[s : e + 1]):
        return None
    p, addressee, cue_end = forward_start(v, i, cls, lemma)
    return forward_frame(v, i, cls, lemma, cue_end or (t[i].start, t[i].end), s, e, None, p, addressee, e)


def relative_pronoun(
    v: SentenceView, i: int, j: int, cls: str, lemma: str, cue_span: Span, restrictive: bool
) -> Frame | None:
    """'Hart, who runs the ferry, said ...' or 'a keeper who said ...': the relative pronoun at j
    stands for the source, the noun phrase before it is what the pronoun names."""
    t = v.t
    got = left_np(v, j - 1 if restrictive else j - 2, 0)
    if got is None:
        return None
    s, e = got
    if restrictive:
        # "Weber faces a commissioner who ...": the noun phrase starts after the last word
        # that cannot belong to it
        for m in range(e - 1, s - 1, -1):
            if t[m].word and not t[m].cap and not v.np_word(t[m]) and t[m].low not in NP_PREPS:
                s = m + 1
                break
    src_toks = t[s : e + 1]
    if not v.valid_source(src_toks):
        return None
    p, addressee, cue_end = forward_start(v, i, cls, lemma)
    fr = forward_frame(v, i, cls, lemma, cue_end or cue_span, s, e, None, p, addressee, j)
    if fr is not None:
        fr.source = (t[j].start, t[j].end)  # "..., who said": the relative pronoun stands for the source
        if not restrictive and fr.content and cls in ("speech", "tell"):
            # "Hart, who said the dam was safe, left early": the clause ends at its comma
            a, b = fr.content[-1]
            for m in range(p, v.n):
                if t[m].start >= b:
                    break
                if t[m].text == "," and not v.q[m] and m > p and m + 1 < v.n:
                    nxt = t[m + 1]
                    if nxt.word and not nxt.cap and nxt.low not in v.lex.clause_openers:
                        fr.content[-1] = (a, t[m - 1].end)
                        break
    return fr
