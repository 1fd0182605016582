"""Source phrases with more shape: appositions, interrupters and the subject of a clause.

'Mara Ilves, a lighthouse keeper on the island, said ...' (a name and its appositive),
'Ilves, though, said ...' (a parenthetical skipped), 'Reed, himself a ferry captain for years,
said ...' (an interrupter), and whether a bare verb form agrees with its subject ("keepers say"
yes, "the keeper say" no). Invented examples throughout.
"""

from __future__ import annotations

from attribtrack.extractor.frames.nounphrase import left_np, loose_np
from attribtrack.extractor.frames.openings import place_region
from attribtrack.extractor.frames.view import SentenceView, Span
from attribtrack.extractor.frames.words import (
    AUX_BEFORE_BASE,
    DASHES,
    FINITE_AUX,
    IRREGULAR_PLURALS,
    LOCATIVES,
    LOOSE_DETS,
    LOOSE_OPENERS,
    NP_PREPS,
    NUMBERISH,
    QUANTITY_HEADS,
)
from attribtrack.extractor.segment import Token


def with_appositive(v: SentenceView, start: int, end: int, lo: int) -> tuple[int, int, Span | None]:
    """Extend "head of X's service" back over ", " to the name before it."""
    t = v.t
    first = t[start]
    if start - 2 < lo or t[start - 1].text != ",":
        return start, end, None
    if first.cap and first.low not in v.lex.determiners and first.low not in v.lex.roles:
        return start, end, None
    # The appositive must end with a comma right before the cue.
    if t[end].text != ",":
        return start, end, None
    got = left_np(v, start - 2, lo)
    if got is None:
        return start, end, None
    s2, e2 = got
    if not (t[e2].cap or t[e2].text[:1].isdigit()):
        return start, end, None
    if not any(tok.cap for tok in t[s2 : e2 + 1]):
        return start, end, None
    return s2, end, (t[start].start, t[end - 1].end)


def agrees(v: SentenceView, i: int, j: int, src_toks: list[Token]) -> bool:
    """A bare verb form ("say", "attack", "support") needs a plural or first/second-person subject,
    or an auxiliary ("did not say", "will support", "to attack"); else it is a noun."""
    low = v.t[i].low
    if low in ("made", "cast", "took", "laid", "went", "spoke") and low in v.lex.phrase_firsts:
        return True  # the past of a phrase cue: "made it clear", "cast doubt on"
    if low.endswith(("s", "ed", "ing")) or low in (
        "told",
        "wrote",
        "said",
        "thought",
        "saw",
        "knew",
        "felt",
        "sought",
        "spoke",
        "written",
        "shown",
        "found",
    ):
        return True
    if any(x.low in AUX_BEFORE_BASE for x in v.t[j + 1 : i]):
        return True
    heads = [x for x in src_toks if x.word]
    if not heads:
        return False
    for k in range(1, len(heads)):
        # "People close to Hart", "those in the room": the head is before the modifier; so it is
        # before a participle ("Port records compiled by ...") or "here" ("Officials here say")
        if (
            heads[k].low in NP_PREPS
            or heads[k].low in ("close", "familiar", "knowledgeable", "briefed")
            or heads[k].low in LOCATIVES
            or (heads[k].low.endswith("ed") and not heads[k].cap and heads[k - 1].word)
        ):
            heads = heads[:k]
            break
    last = heads[-1].low
    if last in ("i", "we", "you", "they") or "and" in [x.low for x in heads]:
        return True
    if NUMBERISH(last) or last in QUANTITY_HEADS or last in IRREGULAR_PLURALS or last.endswith("men"):
        return True  # "Six in 10 say", "42% say", "most say", "the women say"
    if any(x.low in ("those", "these", "both", "several", "many") for x in heads):
        return True  # "those surveyed say"
    if last.endswith("s") and heads[-1].cap and len(heads) >= 2 and heads[-2].low == "the":
        return True  # "the Okafors say": a family
    sentence_initial = heads[-1] is v.t[0]
    if (
        last in v.lex.groups
        or last in v.lex.documents
        or (last.endswith("s") and (not heads[-1].cap or sentence_initial) and not last.endswith("ss"))
    ):
        return True
    return False


def appositive_before(v: SentenceView, j: int) -> tuple[int, int, Span] | None:
    """'NAME, APPOSITIVE,' ending with the comma at j: (name start, j, appositive span).

    The appositive may hold commas of its own ("a Hollywood, Fla., rabbi", "who lives outside
    Sacramento, Calif.,"): up to four earlier commas are tried, nearest first."""
    t = v.t
    lex = v.lex
    k = j - 1
    tried = 0
    has_cue = False
    has_quote = False
    while k >= 1 and j - k <= 40 and tried < 4:
        tok = t[k]
        if tok.text == ";":
            return None
        if v.q[k] or tok.text in ('"', ":"):
            has_quote = True  # allowed only inside a relative clause ("who signed ... "x"")
            k -= 1
            continue
        if tok.low in ("said", "says", "told") or (
            tok.low in lex.cue_class
            and not tok.cap
            and k < j - 1
            and lex.cue_class[tok.low] in ("speech", "tell")
            and tok.low not in lex.roles
            and not tok.low.endswith("ing")
        ):
            has_cue = True
        if tok.text == "," and k < j - 1 and not place_region(v, k):  # not "in Aurora, Colorado"
            tried += 1
            relative = t[k + 1].low in ("who", "whose", "which")
            if (not has_cue and not has_quote) or relative:
                got = _apposition_at(v, k, j)
                if got is not None:
                    return got
            if (has_cue or has_quote) and not relative:
                return None
        k -= 1
    return None


def interrupted_subject(v: SentenceView, j: int, i: int) -> tuple[int, int, Span] | None:
    """'SUBJECT, ANY INTERRUPTER, said ...' (or between dashes): the subject opens the sentence,
    the interrupter is whatever stands between its comma (dash) and the one closing at j."""
    t = v.t
    lex = v.lex
    close = t[j].text
    if close == "-":
        close = "\u2014"  # "--" typed for a dash
        j -= 1
    start = 0
    while start < j and (t[start].low in ("but", "and", "so", "yet") or t[start].text in DASHES):
        start += 1
    o = -1
    for k in range(start + 1, min(j, start + 12)):
        if v.q[k] or t[k].text in ('"', ";", ":", "(", ")"):
            return None
        if t[k].text == close or (
            close in DASHES and (t[k].text in DASHES or t[k].text + t[k + 1].text == "--")
        ):
            o = k
            break
    if o < 0 or j - o < 2 or j - o > 40:
        return None
    inner = o + 2 if t[o].text == "-" else o + 1
    for k in range(inner, j):
        if v.q[k] or t[k].text in ('"', ";", ":"):
            return None
        if t[k].low in ("said", "says", "told", "say"):
            return None
    src = t[start:o]
    first = src[0]
    if not (first.cap or first.low in lex.determiners or first.low in LOOSE_DETS):
        return None
    if first.low in lex.clause_openers or first.low in LOOSE_OPENERS:
        return None
    for x in src:
        if not (x.word or x.text in (".", "'s", "'", "-", "&")) or (x.low in lex.cue_class and not x.cap):
            return None
        if x.low in lex.clause_openers and x.low not in lex.determiners and x.low not in NP_PREPS:
            return None
    if not v.valid_source(src) or first.low in NP_PREPS or src[-1].low in NP_PREPS:
        return None
    if inner >= j:
        return None
    return start, j, (t[inner].start, t[j - 1].end)


def _named_after_description(v: SentenceView, k: int, j: int) -> tuple[int, int, Span] | None:
    """'Another ferry captain, Ana Ruiz, said': a description, then the name between commas."""
    t = v.t
    seg = [x for x in t[k + 1 : j] if x.word]
    m = 0
    while m < len(seg) and seg[m].cap:
        m += 1
    if not (1 <= m <= 4) or len(seg) > 10:
        return None
    start = loose_np(v, k - 1, 0, allow_single=True)
    if start is None or t[k - 1].cap:
        return None
    if start > 0 and not (t[start - 1].text in (",", '"', ";", ":") or t[start - 1].low in LOOSE_OPENERS):
        return None
    return start, j, (t[k + 1].start, t[j - 1].end)


def _apposition_at(v: SentenceView, k: int, j: int) -> tuple[int, int, Span] | None:
    """Is 'HEAD , SEGMENT ,' with commas at k and j an apposition to a head noun phrase?"""
    t = v.t
    lex = v.lex
    first = t[k + 1]
    seg = t[k + 1 : j]
    if (
        first.cap
        and first.low not in lex.roles
        and first.low not in ("a", "an", "the")
        and not first.low.endswith("'s")
        and not ("-" in first.text and first.text[:2] in ("R-", "D-", "I-"))
        and not any(x.low in lex.roles for x in seg)
    ):
        # "Another delegate on the slate, Jim Poolman, said": a description, then the name
        return _named_after_description(v, k, j)
    if (
        not first.cap
        and (first.low in ("and", "but", "or", "that", "so") or first.low in lex.cue_class)
        and not (
            first.low in lex.determiners
            or first.low in LOOSE_DETS
            or first.low in lex.roles
            or first.low
            in (
                "who",
                "whose",
                "which",
                "in",
                "through",
                "via",
                "at",
                "during",
                "speaking",
                "writing",
                "according",
            )
            or first.low.endswith("ing")
            or first.text[:1].isdigit()
            or first.low in lex.groups
        )
    ):
        return None
    if not any(x.low in ("who", "whose", "which", "that") for x in seg) and any(
        x.low in FINITE_AUX and not v.q[k + 1 + m] for m, x in enumerate(seg)
    ):
        return None  # "for some, the losses would outstrip the gains, said X": a clause, not an apposition
    got = left_np(v, k - 1, 0)
    if got is None:
        return None
    s, e = got
    if e != k - 1 or (s >= 2 and place_region(v, s - 1)):
        return None
    head = t[s : e + 1]
    if not (t[e].cap or t[e].text[:1].isdigit() or v.valid_source(head)):
        return None
    if t[e].text[:1].isdigit():  # "Smith, 45, a nurse, said"
        inner = left_np(v, e - 2, 0) if e >= 2 and t[e - 1].text == "," else None
        if inner is None:
            return None
        s = inner[0]
    while s >= 2 and t[s].cap and t[s - 1].low in ("of", "at", "for") and not v.q[s - 1]:
        # "chief executive of CloudFlare, a San Francisco company,": the role is the head
        role = left_np(v, s - 2, 0)
        if role is None or role[1] != s - 2 or not any(x.low in lex.roles for x in t[role[0] : s - 1]):
            break
        s = role[0]
    # the head starts a clause: nothing but a boundary before it
    if s > 0 and not (
        t[s - 1].text in (",", '"', ";", ":", "(")
        or t[s - 1].low in LOOSE_OPENERS
        or t[s - 1].low in v.lex.clause_openers
    ):
        return None
    role_words = [x for x in t[s : e + 1] if x.low in lex.roles]
    named = _name_before_role(v, s) if not t[s].cap and role_words else None
    if named is not None:
        # "Ana Ruiz, head of the port authority, a state agency, said": the name heads the chain
        return named, j, (t[s].start, t[j - 1].end)
    return s, j, (first.start, t[j - 1].end)


#: capitalised words that open a sentence without naming anyone ("But", "Instead", "Does")
_NOT_NAMES = frozenset({"but", "and", "instead", "does", "did", "do", "meanwhile", "still", "yet", "also"})


def _name_before_role(v: SentenceView, s: int) -> int | None:
    """'NAME, role ...' with the role starting at s: the name's first token, if a name of a few
    capitalised words opens a clause right before the comma at s - 1."""
    t = v.t
    if s < 2 or t[s - 1].text != "," or v.q[s - 1]:
        return None
    e = s - 2
    b = e
    while b >= 0 and e - b < 5 and (t[b].cap or t[b].text in (".", "-")):
        low = t[b].low
        if low in v.lex.clause_openers or low in LOOSE_OPENERS or low in NP_PREPS or low in _NOT_NAMES:
            break
        b -= 1
    b += 1
    if b > e or not (t[b].cap and t[e].cap) or not v.valid_source(t[b : e + 1]):
        return None
    if b > 0 and not (t[b - 1].text in ('"', ";", ":", "(") or t[b - 1].low in ("and", "but")):
        return None  # "In Nevada, Senator ...": a name opens the sentence or follows a boundary
    if any(x.low in v.lex.determiners or x.low.endswith("'s") for x in t[b : e + 1]) or all(
        x.low in v.lex.roles for x in t[b : e + 1]
    ):
        return None  # "the agency's director, ...", "Chairman, ...": a description already
    return b
