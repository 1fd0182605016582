"""Content boundaries: where what was said starts and ends.

After a cue the content runs to the sentence end, a semicolon, or the next coordinated claim:
in the invented 'The mayor said on Monday that the bridge would close, but the council
disagreed.' it is "the bridge would close". A stance verb's content is its object ('The union
opposed the plan during the talks.': "the plan"); a claim inside an opening subordinate clause
ends where the main clause begins; a claim nested in another's content is dropped when it is
only a document verb or a bare "that" verb.
"""

from __future__ import annotations

from bisect import bisect_left

from attribtrack.extractor.frames.boundaries import BARE, OPENERS, Rows, decision, opening, table
from attribtrack.extractor.frames.view import Frame, SentenceView, Span
from attribtrack.extractor.frames.words import (
    ADDRESSEES,
    ASKED_WHOM_MAX,
    CONTENT_MAX,
    CONTENT_RELATIVES,
    FINITE_AUX,
    LEAD_PREPS,
    NOUN_MARKERS,
    NP_PREPS,
    NUMBER_WORDS,
    OBJECT_PRONOUNS,
    PARTICLES,
    QUESTION_WORDS,
    THAT_WINDOW,
)
from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.segment import Token


def content_forward(
    v: SentenceView,
    p: int,
    cue_i: int,
    cues: dict[str, str],
    rows: Rows | None = None,
) -> tuple[int, int]:
    """Content tokens p..e-1 after a cue: to the sentence end or the next coordinated clause. At a
    boundary the mined table decides for the way the content opens (``rows``, default the shipped
    :func:`~attribtrack.extractor.frames.boundaries.table`), where it is sure; elsewhere the rules."""
    t = v.t
    lex = v.lex
    end = v.sentence_end()
    if rows is None:
        rows = table()
    opened = opening(v, p, cue_i)
    # Keep a closing quotation mark that follows the final full stop ('... within."').
    last = min(v.n, p + CONTENT_MAX)
    k = p
    while k < min(end, last):
        tok = t[k]
        if not v.q[k]:
            low = tok.low
            said = decision(v, k, opened, rows) if k > p and (tok.text in OPENERS or low in BARE) else None
            if said:
                return p, k
            if said is None and tok.text == ";":
                return p, k
            if said is None and tok.text == "," and k + 1 < v.n and k > p:
                nxt = t[k + 1]
                if nxt.low == "according" and k + 2 < v.n and t[k + 2].low == "to":
                    return p, k
                if nxt.low in cues and nxt.low.endswith("ing") and cues[nxt.low] != "evidence":
                    return p, k
                if nxt.low in ("while", "whereas", "though", "although", "but"):
                    return p, k
                if nxt.low in ("said", "says", "told", "added", "wrote") and not v.q[k + 1]:
                    return p, k  # "X, who has assailed Y, said ...": the relative clause ends here

            if low in ("and", "but") and k > p:
                # "denied any involvement and have accused Moscow of ...": a second cue, same subject
                j = k + 1
                while (
                    j < v.n
                    and j - k < 4
                    and t[j].low in lex.between
                    and t[j].low not in ("to", "on", "in", "at", "the", "that", "this")
                ):
                    j += 1
                if (
                    j < v.n
                    and t[j].low in cues
                    and not t[j].low.endswith("ing")
                    and cues[t[j].low] in ("speech", "tell", "stance")
                    and not v.q[j]
                ):
                    return p, (k - 1 if t[k - 1].text == "," else k)
        k += 1
    e = min(end, last)
    # include a closing quotation mark after final punctuation
    if e < v.n and e == end:
        j = e
        while j < v.n and t[j].text in (".", "!", "?"):
            j += 1
        if j < v.n and t[j].text == '"' and j > e:
            e = j + 1
    return p, e


def object_end(v: SentenceView, a: int, b: int) -> int:
    """A stance verb's content is its object: it ends at the first comma or dash outside quotes."""
    t = v.t
    lex = v.lex
    for k in range(a, b):
        if v.q[k] or k == a:
            continue
        if t[k].text in (",", ";", "\u2014", "\u2013", "--"):
            return k
        if t[k].text == '"' and v.q[k - 1] and t[k - 1].text == "," and k + 1 < b:
            return k + 1  # 'defended "local jobs," saying ...': the comma stands inside the quotation
        low = t[k].low
        if low in lex.object_stops:
            return k  # "endorsed Trump during a call", "opposed it because ..."
        if (
            k + 1 < b
            and low in ("on", "this", "last", "next")
            and (
                t[k + 1].low in lex.weekdays
                or t[k + 1].low in lex.months
                or t[k + 1].low in ("week", "month", "year")
            )
        ):
            return k  # "stressed those worries on Sunday"
        if low == "and" and k + 1 < b and t[k + 1].low in lex.object_stop_verbs:
            return k  # "endorsed Trump and has appeared ..."
        if low in ("said", "says", "told"):
            return k  # "voters who backed Weber said ...": the main clause's verb
    return b


def forward_start(v: SentenceView, i: int, cls: str, lemma: str) -> tuple[int, Span | None, Span | None]:
    """Where the content starts after the cue at i; also the addressee span and the cue end."""
    t = v.t
    lex = v.lex
    n = v.n
    p = i + 1
    cue_end = None
    if lemma in PARTICLES and p < n and t[p].low in PARTICLES[lemma]:
        cue_end = (t[i].start, t[p].end)
        p += 1
    # Look ahead for "that" over addressee, dates, hedges, places.
    if cls != "stance" or lemma in ("warn", "charged", "claim"):
        q = p
        # "said Thursday during a town hall in Buffalo that ...": a leading phrase may hold anything;
        # so may an addressee after "to" ("made it clear to the harbour board that ...")
        loose = p < n and (
            t[p].low in LEAD_PREPS
            or t[p].low in lex.weekdays
            or lemma == "tell"
            or (t[p].low == "to" and p + 1 < n and opens_noun_phrase(t[p + 1], lex))
        )
        while q < n and q - p < (THAT_WINDOW + 8 if loose else THAT_WINDOW):
            tok = t[q]
            if v.q[q] or tok.text in ('"', ":", ";", "(", ")"):
                break
            if tok.low == "that":
                addressee = v.span(p, q) if q > p else None
                return q + 1, addressee, cue_end
            if tok.low in lex.cue_class and not tok.cap and q > p:
                break
            if not loose and not (
                tok.cap
                or tok.low in lex.cue_tail
                or tok.low in lex.determiners
                or tok.text == ","
                or tok.low[:1].isdigit()
                or tok.low in lex.months
                or tok.low in lex.roles
                or tok.low in ADDRESSEES
                or tok.low in ("without", "evidence", "any", "providing")
                or tok.low in lex.hedge_firsts
            ):
                break
            q += 1
    if lemma == "ask":
        q = asked_whom(v, p)
        if q > p:
            return q, v.span(p, q), cue_end
    # "said: ..." / 'said, "..."'
    while p < n and t[p].text in (":", ",") and p + 1 < n:
        p += 1
    addressee = None
    if lemma == "tell" and p < n and t[p].text != '"':
        q = p
        if t[q].low in ADDRESSEES or t[q].cap:
            q += 1
            while (
                q < n
                and q - p < 5
                and (t[q].cap or t[q].low in ("'s",) or (t[q - 1].low in NOUN_MARKERS and t[q].word))
            ):
                q += 1
            addressee = v.span(p, q)
            p = q
            while p < n and t[p].text in (":", ","):
                p += 1
    # Skip a date right after a speech verb or its addressee ("said Tuesday the ...", "told the
    # board on Monday the ..."): when the content starts, not what was said.
    if cls in ("speech", "tell"):
        p = date_end(v, p)
        while p < n and t[p].text in (":", ","):
            p += 1
    return p, addressee, cue_end


def opens_noun_phrase(tok: Token, lex: Lexicon) -> bool:
    """Can the token start a noun phrase that names someone ("the board", "Reed", "them", "two
    officials")?"""
    low = tok.low
    return tok.word and (
        tok.cap
        or low in NOUN_MARKERS
        or low in OBJECT_PRONOUNS
        or low in ADDRESSEES
        or low[:1].isdigit()
        or low in NUMBER_WORDS
    )


def asked_whom(v: SentenceView, p: int) -> int:
    """'asked the ferry operator whether fares would rise': after "ask", the person asked (a few
    words from a noun phrase's start) stands before the question word that opens what was asked.
    Returns that word's index, or p when none. 'asked voters to back the levy' keeps "voters" in
    the content, as annotators do (the request is for them to act)."""
    t = v.t
    lex = v.lex
    if p >= v.n or v.q[p] or not opens_noun_phrase(t[p], lex):
        return p
    for q in range(p + 1, min(v.n, p + ASKED_WHOM_MAX + 1)):
        tok = t[q]
        if v.q[q] or not (tok.word or tok.text == "'s"):
            return p
        if tok.low in QUESTION_WORDS and tok.low not in ("which", "about"):
            return q
        if tok.low in lex.cue_class or tok.low in FINITE_AUX:
            return p
    return p


_DATE_LEADS = frozenset({"on", "last", "this", "earlier", "late", "early", "next", "later"})
_DAY_PARTS = frozenset({"night", "morning", "evening", "afternoon"})
_PERIODS = _DAY_PARTS | {"week", "month", "year", "weekend"}


def date_end(v: SentenceView, p: int) -> int:
    """The token after a date phrase at p ("Monday", "on Monday night", "last week", "earlier this
    month", "on March 3"), or p when none starts there."""
    t = v.t
    lex = v.lex
    n = v.n
    q = p
    while q < n and q - p < 3 and t[q].low in _DATE_LEADS and not v.q[q]:
        q += 1
    if q >= n or v.q[q]:
        return p
    low = t[q].low
    if (
        low in lex.weekdays
        or low in ("today", "yesterday", "tonight")
        or (low in lex.months and q + 1 < n and t[q + 1].low[:1].isdigit())
        or (q > p and t[q - 1].low != "on" and low in _PERIODS)
    ):
        q += 1
        if low in lex.months:
            q += 1
        while q < n and (t[q].low in _DAY_PARTS or (t[q].low[:1].isdigit() and len(t[q].low) <= 2)):
            q += 1
        return q
    return p


def that_clause(v: SentenceView, i: int) -> Span | None:
    """The clause after "that" at i + 1, as content ("the idea that ...", "adamant that ...")."""
    return v.span(*content_forward(v, i + 2, i, v.lex.cue_class))


def end_subordinate(v: SentenceView, out: list[Frame]) -> None:
    """'While Ramos said that reporters cannot take sides, he ...': a claim inside an opening
    subordinate clause ends where the main clause begins (a comma, then its subject)."""
    t = v.t
    lex = v.lex
    lead = 1 if v.n > 1 and t[0].low in ("and", "but") else 0  # "And while ..."
    first = lead + 1 + (t[lead].low == "even")  # the source's index: "(And) (even) while X said"
    for fr in out:
        if fr.shape != "forward" or fr.source is None or not fr.content:
            continue
        src = bisect_left(v.starts, fr.source[0])
        if src > first + 1 or src < first:
            continue  # the source must open the clause: "While [the mayor] said ..."
        a, b = fr.content[-1]
        for m in range(bisect_left(v.starts, a), v.n - 1):
            if t[m].start >= b:
                break
            if t[m].text != "," or v.q[m]:
                continue
            nxt = t[m + 1]
            if (
                nxt.low in lex.pronouns
                or nxt.low in ("the", "his", "her", "its", "their")
                or (nxt.cap and nxt.word and not v.q[m + 1])
            ):
                if t[m - 1].end > a:
                    fr.content[-1] = (a, t[m - 1].end)
                break


def cut_outer_attributions(v: SentenceView, out: list[Frame]) -> None:
    """'He called it "a disaster," Weber said.': a trailing frame's source standing inside another
    frame's content is the outer attribution, not content: the content ends before it."""
    for fr in out:
        if fr.shape != "trailing" or fr.source is None:
            continue
        for other in out:
            if other is fr or other.shape == "trailing" or not other.content:
                continue
            a, b = other.content[-1]
            if a < fr.source[0] < b:
                cut = fr.source[0]
                while cut > a and v.norm[cut - 1] in ' ,"':
                    cut -= 1
                if cut > a:
                    other.content[-1] = (a, cut)


def drop_nested(v: SentenceView, out: list[Frame]) -> list[Frame]:
    """Inside another claim's reported clause, a document verb ("polls show") or a verb that is
    only a cue before "that" ("conceded that") is part of what was said, not a claim."""
    if len(out) <= 1:
        return out
    lex = v.lex
    weak = [
        fr
        for fr in out
        if (
            fr.cue_class == "evidence"
            or v.norm[fr.cue[0] : fr.cue[1]].split(" ", 1)[0].casefold() not in lex.cue_class
        )
        and fr.shape not in ("according", "nominal", "speaker", "asked")
        and any(
            o is not fr and o.cue_class != "evidence" and any(a <= fr.cue[0] < b for a, b in o.content)
            for o in out
        )
    ]
    weak += [fr for fr in out if fr not in weak and reported_act(v, fr, out)]
    if weak:
        out = [fr for fr in out if all(fr is not w for w in weak)]
    return out


def reported_act(v: SentenceView, fr: Frame, out: list[Frame]) -> bool:
    """'Boric declared a state of emergency, his office confirmed': a speech verb with a plain noun
    phrase for object, inside the clause another claim reports after it, is the act that claim
    reports ("declared a state of emergency"), not a second claim with content "a state of
    emergency"."""
    if fr.cue_class != "speech" or fr.shape != "forward" or not fr.content:
        return False
    a, b = fr.content[0]
    words = [x for x in v.t if a <= x.start and x.end <= b]
    if not words or words[0].low not in NOUN_MARKERS or len(words) > 12:
        return False
    if any(x.low in FINITE_AUX or x.low in v.lex.cue_class or x.text in ('"', "\u201c", ":") for x in words):
        return False  # a clause ("the pier would reopen"), not a noun phrase
    if any(x.low.endswith("ed") and words[k - 1].low not in NOUN_MARKERS for k, x in enumerate(words) if k):
        return False
    return any(
        o is not fr
        and o.shape == "trailing"
        and o.content
        and o.content[0][0] <= (fr.source or fr.cue)[0]
        and fr.content[-1][1] <= o.content[-1][1]
        and o.cue[0] >= o.content[-1][1]
        for o in out
    )


def with_relative_openers(v: SentenceView, out: list[Frame]) -> None:
    """'the levy, which the mayor said would cost $5 million': the relative pronoun right before a
    forward claim's source is the subject of what was said, and its content's first span ("which",
    then "would cost $5 million"), as the two halves of "The levy, the mayor said, would cost ..."
    are. After a preposition ("in which the mayor said ...") the clause after the cue is whole,
    and the pronoun stays out; "that" is not listed: it opens as many reported clauses ('said
    that the mayor said ...') as relative ones."""
    t = v.t
    starts: list[int] = []
    for fr in out:
        if fr.shape != "forward" or fr.source is None or not fr.content or fr.content[0][0] < fr.cue[1]:
            continue
        before = v.norm[max(0, fr.source[0] - 12) : fr.source[0]].casefold()
        if not any(r in before for r in CONTENT_RELATIVES):
            continue  # the cheap test first: most sources follow no relative pronoun
        if not starts:
            starts = v.starts
        s = bisect_left(starts, fr.source[0])
        r = s - 1
        if r < 1 or s >= v.n or v.q[r] or t[r].low not in CONTENT_RELATIVES or t[r].end > fr.source[0]:
            continue
        if t[r - 1].low in NP_PREPS or t[r - 1].low in LEAD_PREPS:
            continue  # "a speech in which he said he would ...": the clause after the cue is whole
        fr.content = [(t[r].start, t[r].end), *fr.content]
