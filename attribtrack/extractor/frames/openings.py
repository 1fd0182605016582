"""Opening phrases: the words before a sentence's subject that are not its subject.

'Ultimately, Ruiz refused ...', 'Earlier Wednesday, Varga defended ...', 'Among fishermen, about
two-thirds ...', 'At a rally in Dover, N.H., she ...': an adverb, a time, a preposition's phrase
or a place abbreviation, then a comma, then the subject. Invented examples throughout.
"""

from __future__ import annotations

from attribtrack.extractor.frames.view import SentenceView
from attribtrack.extractor.frames.words import LEAD_PREPS, LY_NOUNS
from attribtrack.extractor.lexicon import grammar_words

_OPENING_WORDS = grammar_words("opening_words")
_TIME_CLOSERS = grammar_words("time_closers")
_REGION_PREPS = grammar_words("region_preps")


def opening_phrase(v: SentenceView, k: int, e: int) -> bool:
    """Is tokens k..e, followed by a comma, an opening phrase rather than the subject? An opening
    word or preposition ('Among Democrats', 'Earlier Wednesday'), an adverb ('Ultimately'), or a
    place abbreviation closing a dateline or an opening phrase ('..., Tex.,')."""
    t = v.t
    first = t[k].low
    if first in _OPENING_WORDS or first in LEAD_PREPS or time_opening(v, k, e):
        return True
    if k == e and first.endswith("ly") and len(first) > 5 and first not in LY_NOUNS:
        return True
    if all(x.low in v.lex.between or x.low in v.lex.weekdays or x.low in v.lex.months for x in t[k : e + 1]):
        return True
    return k > 0 and t[k - 1].text == "," and t[e].text.endswith(".") and len(t[e].text) <= 5


def opens_phrase(low: str) -> bool:
    """Does a sentence starting with this word start with an opening phrase ('Among', 'Later')?"""
    return low in _OPENING_WORDS or low in LEAD_PREPS


def time_opening(v: SentenceView, k: int, e: int) -> bool:
    """Is tokens k..e a span of time closed by 'later' or 'ago' and a comma ('Hours later,', 'Two
    weeks ago,'), so that the subject follows the comma?"""
    t = v.t
    return k < e < len(t) - 1 and t[e].low in _TIME_CLOSERS and t[e + 1].text == "," and not v.q[e]


def place_region(v: SentenceView, c: int) -> bool:
    """Is the comma at c the one between a place and its region ('in Aurora, Colorado', 'from
    Ava, Mo.'): a preposition, capitalised words, the comma, a capitalised word?"""
    t = v.t
    if c < 2 or c + 2 >= v.n or not (t[c - 1].cap and t[c + 1].cap) or v.q[c] or t[c + 1].low in v.lex.roles:
        return False
    if not (t[c + 2].text in (",", ".") or (c + 3 < v.n and t[c + 2].cap and t[c + 3].text == ",")):
        return False  # the region is a word or two before a comma: "Aurora, Colorado, in 2012"
    b = c - 1
    while b > 0 and c - b < 4 and t[b - 1].cap and t[b - 1].word:
        b -= 1
    return b > 0 and t[b - 1].low in _REGION_PREPS


def possessed_head(v: SentenceView, e: int, hi: int) -> int:
    """The end (exclusive) of a subject noun phrase that stops at a possessive before e: "John
    Ruiz's presidential campaign is ...", "The port's new director said": up to three plain words
    after the possessive, up to an auxiliary, a cue, a comma or a clause word. Returns e or more."""
    t = v.t
    lex = v.lex
    if e < 1 or not t[e - 1].low.endswith(("'s", "\u2019s")):
        return e
    m = e
    while m < hi and m - e < 3 and t[m].word and not t[m].cap and not v.q[m]:
        low = t[m].low
        if low in lex.clause_openers or low in lex.between or low in lex.pronouns or low.endswith("ly"):
            break
        if low in lex.cue_class and m > e:
            break
        m += 1
    if m == e or m >= hi:
        return e
    nxt = t[m]
    if nxt.low in lex.between or nxt.low in lex.cue_class or nxt.text == "," or nxt.low in lex.clause_openers:
        return m
    return e
