"""Source phrases: the noun phrase that ends right before a cue.

Walks left from the cue over names, titles, groups and documents: 'A spokeswoman for the county
water board said ...', 'Port officials told ...', 'People familiar with the talks say ...',
'Voters in Harlow said ...' (the head before the preposition). Invented examples throughout.
"""

from __future__ import annotations

from attribtrack.extractor.frames.view import SentenceView
from attribtrack.extractor.frames.words import (
    LOOSE_DETS,
    LOOSE_OPENERS,
    NP_MAX,
    NP_PREPS,
    NUMBERISH,
    QUANTITY_HEADS,
)
from attribtrack.extractor.lexicon import grammar_words

COUNT_HEDGES = grammar_words("count_hedges")

_TENS = grammar_words("tens")

_ORDINALS = grammar_words("ordinals")

#: where a subject noun phrase may open a clause
_BOUNDARY = frozenset({",", '"', ";", ":", "(", "\u2014", "\u2013", "--", "\u201c"})


def left_np(v: SentenceView, j: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase ending at token j (inclusive), not reaching before lo."""
    t = v.t
    if j < lo:
        return None
    # A parenthetical right before the cue: "Gov. Mike Pence (R-IN) said".
    end = j
    if t[j].text == ")":
        k = j - 1
        while k >= lo and j - k < 8 and t[k].text != "(":
            k -= 1
        if k >= lo and t[k].text == "(":
            j = k - 1
    for m in range(j - 1, max(lo, j - 7) - 1, -1):
        if (
            t[m].low in ("familiar", "close", "briefed", "knowledgeable")
            and m + 1 < j
            and t[m + 1].low in ("with", "to", "on", "about")
            and m - 1 >= lo
        ):
            inner = left_np(v, m - 1, lo)
            if inner is not None:
                return (inner[0], end)
    k = j
    while (
        k >= lo
        and j - k < NP_MAX
        and not v.q[k]
        and (
            v.np_word(t[k])
            or (
                t[k].low in ("to", "for", "at", "from")
                and k - 1 >= lo
                and k + 1 <= j
                and t[k + 1].cap
                and (t[k - 1].low.rstrip(".") in v.lex.roles)
            )
            or (
                # "The Brennan Institute for Justice", "the Joint Committee on Taxation"
                t[k].low in ("for", "of", "on")
                and k - 1 >= lo
                and k + 1 <= j
                and t[k + 1].cap
                and t[k - 1].cap
                and t[k - 1].low in v.lex.organizations
                and not v.q[k - 1]
            )
            or (
                t[k].low in ("in", "of", "out")
                and k - 1 >= lo
                and k + 1 <= j
                and NUMBERISH(t[k + 1].low)
                and (NUMBERISH(t[k - 1].low) or t[k - 1].low == "out")
            )
        )
    ):
        k -= 1
    start = k + 1
    # "a person familiar with the matter", "people close to the president"
    if (
        start - 2 >= lo
        and t[start - 1].low in ("with", "to", "on", "about")
        and t[start - 2].low in ("familiar", "close", "briefed", "knowledgeable")
    ):
        k = start - 3
        while k >= lo and start - k < NP_MAX and v.np_word(t[k]) and not v.q[k]:
            k -= 1
        start = k + 1
    while start <= j and t[start].low in ("and", "of", "'s", "'", "-", "/", "&", "."):
        start += 1
    if start > j or not any(
        v.np_word(x)
        and (
            x.cap
            or x.low in v.lex.pronouns
            or x.low in v.lex.groups
            or x.low in v.lex.anonymity
            or x.low in v.lex.roles
            or x.low in v.lex.documents
            or x.low in v.lex.organizations
        )
        for x in t[start : j + 1]
    ):
        loose = loose_np(v, j, lo)
        if loose is not None:
            return (loose, end)
    if start > j:
        return None
    # "a county transport department statement", "port officials": plain words before the NP
    if start - 1 >= lo and t[start - 1].word and not t[start - 1].cap and not v.np_word(t[start - 1]):
        loose = loose_np(v, start - 1, lo, allow_single=True)
        if loose is not None:
            return (loose, end)
    return (start, end)


def loose_np(v: SentenceView, j: int, lo: int, allow_single: bool = False) -> int | None:
    """'the city engineer': up to three plain words after a determiner at a clause start."""
    t = v.t
    lex = v.lex
    k = j
    while k >= lo and j - k < 12:
        low = t[k].low
        if low in LOOSE_DETS:
            before = t[k - 1] if k - 1 >= lo else None
            if before is None or before.text in (",", '"', ";", ":", "(") or before.low in LOOSE_OPENERS:
                return k if k < j or allow_single else None
            if before.low in NP_PREPS and k - 2 >= lo and t[k - 2].word:
                k -= 2  # "the top candidates of both parties"
                continue
            return None
        if low in NP_PREPS and k < j and k - 1 >= lo and t[k - 1].word and not v.q[k - 1]:
            k -= 1  # "the deputy head of China's delegation to the forum"
            continue
        if (
            allow_single
            and k == j
            and low.endswith("ed")
            and not t[k].cap
            and low not in lex.roles
            and low not in lex.groups
        ):
            return None  # "Trump issued a statement": a verb, not part of the noun phrase
        if (
            not t[k].word
            or v.q[k]
            or low in lex.clause_openers
            or low in lex.cue_class
            or (low in lex.between and low not in LOOSE_DETS)
            or (t[k].cap and k == j)
        ):
            if (
                k < j
                and (not t[k].word or low in LOOSE_OPENERS)
                and (allow_single or t[k + 1].low in lex.groups)
            ):
                return k + 1  # ", port officials told ...", "..., officials from both parties say"
            return None
        k -= 1
    if k < lo and k < j and (allow_single or lo == 0):
        return lo  # the sentence starts with it: "Patient advocacy groups note ..."
    return None


def trailing_np(v: SentenceView, i: int, j: int, cls: str) -> tuple[int, int] | None:
    """', donors said.': up to four plain words between a comma and a trailing cue."""
    t = v.t
    if cls not in ("speech", "tell"):
        return None
    k = j
    while (
        k >= 0
        and j - k < 4
        and t[k].word
        and not v.q[k]
        and t[k].low not in v.lex.clause_openers
        and t[k].low not in v.lex.cue_class
    ):
        k -= 1
    if k < 1 or k == j or t[k].text not in (",", '"'):
        return None
    return (k + 1, j)


def document_subject(v: SentenceView, j: int) -> tuple[int, int] | None:
    """'Exit polls taken in South Carolina found': a document noun opening the clause, whatever
    modifies it before the verb."""
    t = v.t
    k = j
    while k >= 0 and j - k < 12 and not v.q[k] and t[k].text not in (",", ";", ":", '"', "(", ")"):
        if t[k].low in ("that", "which", "who", "and", "but", "while", "because", "as", "if", "when"):
            break
        k -= 1
    start = k + 1
    if start > j:
        return None
    for m in range(start, min(j + 1, start + 4)):
        if t[m].low in v.lex.documents:
            return (start, j)
    return None


def head_before_prep(v: SentenceView, s: int, e: int) -> int:
    """'Voters in Iowa said', 'One of the prosecutors for David Petraeus said': the noun phrase
    found ends in a prepositional object; its head is the plain noun before the preposition,
    back to the start of the clause. Returns the new start (or s)."""
    t = v.t
    lex = v.lex
    pre = premodified_start(v, coordinated_start(v, s))
    if pre < s:
        return pre
    orig_s = s
    if (
        s >= 3
        and t[s - 1].low in ("to", "with", "on", "for", "at")
        and t[s - 2].low.endswith("ing")
        and not t[s - 2].cap
        and not v.q[s - 2]
    ):
        # "A dock worker talking to Harbor Radio said": the source is the noun before the participle
        got = left_np(v, s - 3, 0)
        if got is not None and got[1] == s - 3 and v.valid_source(t[got[0] : got[1] + 1]):
            return got[0]
    for _ in range(2):  # "52 percent of registered voters": plain adjectives before the noun
        if (
            s >= 3
            and t[s - 1].word
            and not t[s - 1].cap
            and not v.q[s - 1]
            and t[s - 1].low not in NP_PREPS
            and t[s - 1].low not in lex.clause_openers
            and t[s - 1].low not in lex.cue_class
        ):
            s -= 1
    if s < 2 or t[s - 1].low not in NP_PREPS or v.q[s - 1]:
        return orig_s
    k = s - 2
    while k >= 0 and s - k <= 10:
        x = t[k]
        if v.q[k] or not x.word:
            break
        if x.low in NP_PREPS or x.low in lex.determiners or x.text[:1].isdigit():
            k -= 1
            continue
        if x.low in ("but", "and", "so", "yet") or x.low in LOOSE_OPENERS:
            break
        if x.low in lex.clause_openers or (x.low in lex.cue_class and not x.cap) or x.low.endswith("ly"):
            return orig_s
        if not x.cap and x.low.endswith("ed") and x.low not in lex.groups and x.low not in lex.roles:
            if not (k + 1 < s and t[k + 1].word and not t[k + 1].cap):
                return orig_s  # "He voted for Iowa": a verb, not an adjective before a noun
        k -= 1
    if k >= 0 and not (
        t[k].text in (",", ";", ":", '"', "(")
        or t[k].low in LOOSE_OPENERS
        or t[k].low in ("but", "and", "so", "yet")
    ):
        return orig_s
    start = k + 1
    h = start
    while h < s - 1 and t[h].low not in NP_PREPS:
        h += 1
    head = t[h - 1] if h > start else t[start]
    if head.cap and h - 1 != start:
        return orig_s  # "the Ohio delegates from Dayton": a name is no common head
    if h <= start:
        return orig_s
    if (
        head.low not in lex.groups
        and head.low not in lex.roles
        and head.low not in lex.anonymity
        and head.low not in lex.organizations
        and head.low not in lex.documents
        and head.low not in lex.quantities
        and not (head.low.endswith("men") and (not head.cap or head is t[0]))  # "Fishermen in Lewes"
        # "Dairy farmers in Wales": any plain plural noun heads the phrase, not the place after it
        and not (
            head.low.endswith("s")
            and not head.low.endswith("ss")
            and (not head.cap or head is t[0])
            and head.low not in lex.cue_class
        )
    ):
        return orig_s
    return start


def _modifier(v: SentenceView, k: int) -> bool:
    """A word that can modify a noun phrase's head from the left: 'registered', 'teary-eyed',
    'Democratic', 'primary' (not a verb, a cue, a preposition or a clause word)."""
    x = v.t[k]
    lex = v.lex
    if v.q[k] or not x.word:
        return False
    low = x.low
    if x.text[:1].isdigit() or _count(low):
        return False  # a count is read by premodified_start
    if x.cap:
        return not (
            low in lex.clause_openers or low in LOOSE_OPENERS or low in lex.pronouns or low in NP_PREPS
        )
    return not (
        low in lex.clause_openers
        or low in LOOSE_OPENERS
        or low in lex.cue_class
        or (low in lex.between and low not in _ORDINALS)
        or low in NP_PREPS
        or low in lex.pronouns
        or low in lex.relative_pronouns
        or low in LOOSE_DETS
        or low in QUANTITY_HEADS
        or low in COUNT_HEDGES
        or low.endswith("ly")
        or (low.endswith("ed") and "-" not in low and low not in ("registered", "likely"))
        or low.endswith("'s")
    )


def _count(low: str) -> bool:
    return NUMBERISH(low) or low.split("-", 1)[0] in _TENS


def premodified_start(v: SentenceView, s: int) -> int:
    """'About four in 10 Republican primary voters say', '16 percent of Democratic registered
    voters say', 'A teary-eyed Harmon says', 'The former first lady calls': the noun phrase found
    ends in its head; a count, a determiner and the words modifying the head before it, back to
    the start of the clause, belong to the source. Returns the new start (or s)."""
    t = v.t
    if t[s].low in v.lex.pronouns:
        return s  # "The last time he said": a clause about the pronoun, not its modifiers
    k = s - 1
    while k >= 0 and s - k <= 6 and _modifier(v, k):
        k -= 1
    if t[s].cap and any(not x.cap and "-" not in x.text for x in t[k + 1 : s]):
        return s  # "At the moment Sanders said"; "A teary-eyed Harmon" has a hyphenated modifier
    counted = False
    if k >= 1 and t[k].low == "of" and not v.q[k]:
        m = k - 1
        if t[m].low in LOOSE_DETS and m >= 1 and t[m].low in ("the", "his", "her", "their", "its", "our"):
            m -= 1  # "half of the voters"
        if m >= 0 and (t[m].low in QUANTITY_HEADS or t[m].text == "%") and not v.q[m]:
            k = m - 1
            counted = True
            while k >= 0 and (_count(t[k].low) or t[k].text in ("%", "-")) and not v.q[k]:
                k -= 1  # "16 percent of", "45 % of"
    elif k >= 2 and _count(t[k].low) and t[k - 1].low in ("in", "of") and _count(t[k - 2].low):
        k -= 3  # "four in 10 voters"
        counted = True
    while k >= 0 and not v.q[k] and (t[k].low in COUNT_HEDGES or (counted and _count(t[k].low))):
        k -= 1  # "about", "nearly", "a" in "a slim majority of"
    det = False
    if k >= 0 and not counted and t[k].low in LOOSE_DETS and t[k].low not in ("that", "this") and not v.q[k]:
        det = True
        k -= 1
    elif k + 1 < s and t[k + 1].low in ("a", "the"):
        det = True
    start = k + 1
    if start >= s or not (counted or det or (k < 0 and any(not x.cap for x in t[start:s]))):
        return s  # "Early ratings data suggests": the sentence opens with the modifiers
    if k >= 0 and not (t[k].text in _BOUNDARY or t[k].low in LOOSE_OPENERS or t[k].low in ("but", "and")):
        return s
    if not (counted or any(not x.cap for x in t[start:s]) or t[start].low in ("a", "an", "the")):
        return s
    return start


def _opens_clause(v: SentenceView, k: int) -> bool:
    """Is there a clause boundary right before token k (or nothing at all)?"""
    t = v.t
    return (
        k <= 0
        or t[k - 1].text in _BOUNDARY
        or t[k - 1].low in LOOSE_OPENERS
        or t[k - 1].low in ("but", "and")
    )


def coordinated_start(v: SentenceView, s: int) -> int:
    """'Neither Ruiz nor Okafor responded', 'His family, friends and employees say': the noun
    phrase found is the last of coordinated ones opening the clause; the source is all of them.
    Returns the first one's start (or s)."""
    t = v.t
    if s < 2 or v.q[s - 1]:
        return s
    if t[s - 1].low == "nor":
        for k in range(s - 2, max(-1, s - 9), -1):
            if v.q[k] or not (t[k].word or t[k].text in (".", "'s", "-")):
                return s
            if t[k].low == "neither":
                return k if _opens_clause(v, k) else s
        return s
    if t[s - 1].low not in ("and", "or"):
        return s
    k = s - 2
    if t[k].text == ",":
        k -= 1  # "A, B, and C"
    commas = 0
    while k >= 0:
        e = k
        while (
            k >= 0 and e - k < 4 and not v.q[k] and (v.np_word(t[k]) or _modifier(v, k)) and t[k].low != "and"
        ):
            k -= 1
        first = k + 1
        if first > e or (
            t[first].low not in v.lex.determiners
            and any(t[first].low in w for w in (NP_PREPS, v.lex.clause_openers, v.lex.between))
        ):
            return s
        last = t[e]
        if not (
            v.np_word(last)
            or (last.low.endswith("s") and last.low not in v.lex.between)
            or (first < e and t[first].low in LOOSE_DETS)
        ):
            return s  # "Prices rose, wages fell and ...": clauses, not nouns
        if _opens_clause(v, first) and (k < 0 or t[k].text != ","):
            return first if commas or _pair(v, first) else s
        if k < 1 or t[k].text != "," or v.q[k]:
            return s
        commas += 1
        if commas > 4:
            return s
        k -= 1
    return s


def _pair(v: SentenceView, first: int) -> bool:
    """'Ms. Ruiz and other ferry captains say', 'She and her husband say': two noun phrases, the
    first a name or a pronoun opening the clause."""
    t = v.t
    return t[first].cap or t[first].low in v.lex.pronouns
