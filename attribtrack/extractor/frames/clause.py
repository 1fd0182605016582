"""The subject of a clause: who a participle or a coordinated cue speaks for.

In the invented 'The ferry operator raised fares on Monday, saying costs had doubled.' the source
of "saying" is the clause's subject, "The ferry operator": :func:`sentence_subject` finds it past a
dateline, an opening phrase ("In Dover, ...") and a connector, and :func:`plain_head` lets plain
nouns the word lists do not know ("operator") end it when the clause's verb plainly follows.
"""

from __future__ import annotations

from attribtrack.extractor.frames.openings import opening_phrase, opens_phrase, possessed_head, time_opening
from attribtrack.extractor.frames.view import SentenceView
from attribtrack.extractor.frames.words import FINITE_AUX, LOOSE_DETS, NP_MAX, NUMBERISH, PASSIVE_AUX


def sentence_subject(v: SentenceView, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject noun phrase of the clause in tokens lo..hi-1 (after a dateline, an opening
    phrase and a connector), as (first, last) tokens."""
    t = v.t
    k = lo
    if lo == 0:
        k = min(v.after_dateline(), hi)  # "ORLANDO, Fla. (Reuters) - President X met ... and said"
    opening_place = False
    if (
        k < hi
        and (t[k].low in v.lex.clause_openers or t[k].low.endswith("ing"))
        and t[k].low not in ("but", "and")
    ):
        # "In an interview with the Journal, Trump ...": the subject follows the opening phrase
        m = k
        while m < hi and m - k < 20 and t[m].text != ",":
            m += 1
        if m < hi and t[m].text == ",":
            opening_place = m > k + 1 and t[m - 1].cap  # "In Salem, ..."
            k = m + 1
    if opening_place:  # "In Salem, New Hampshire, Ruiz toured ...": a state or country, then the subject
        m = k
        while m < hi and m - k < 3 and t[m].cap and t[m].word and t[m].low not in v.lex.pronouns:
            m += 1
        if k < m < hi - 1 and t[m].text == ",":
            nxt = sentence_subject(v, m + 1, hi)
            if nxt is not None and nxt[1] + 1 < hi and t[nxt[1] + 1].text != ",":
                return nxt
    while k < hi and t[k].low in (
        "but",
        "and",
        "so",
        "yet",
        "still",
        "meanwhile",
        "however",
        ",",
        "then",
        "here",
        "now",
    ):
        k += 1
    e = k
    lex = v.lex
    while e < hi and e - k < NP_MAX and not v.q[e]:
        if v.np_word(t[e]):
            e += 1
        elif (
            e > k
            and e + 1 < hi
            and t[e].word
            and not t[e].cap
            and v.np_word(t[e + 1])
            and t[e + 1].low not in lex.determiners
            and t[e + 1].low not in lex.pronouns
            and not v.q[e + 1]
            and t[e].low not in lex.clause_openers
            and t[e].low not in lex.cue_class
            and t[e].low not in lex.between
            and not t[e].low.endswith(("ly", "ed"))
        ):
            e += 1  # "Republican presidential candidate Ana Ruiz": an adjective inside the name's title
        else:
            break
    if e == k:
        return None
    e = possessed_head(v, plain_head(v, k, e, hi), hi)
    if k == lo and e - k <= 3:
        # "Three days after the storm, Mayor Thomas ...": an opening phrase, then the subject
        m = e
        while m < hi and m - e < 4 and t[m].low not in ("after", "before", "since", "when", "until"):
            m += 1
        if m < hi and t[m].low in ("after", "before", "since", "when", "until"):
            while m < hi and m - e < 20 and t[m].text != ",":
                m += 1
            if m + 1 < hi and t[m].text == ",":
                return sentence_subject(v, m + 1, hi)
    comma = e
    if opens_phrase(t[k].low) or time_opening(v, k, e):  # "Hours later, Ruiz ..."
        while comma < hi and comma - k < 10 and t[comma].text != "," and not v.q[comma]:
            comma += 1  # "Among fishermen, about two-thirds ..."
    if comma < hi - 1 and t[comma].text == "," and opening_phrase(v, k, comma - 1):
        # "Ultimately, Ruiz ...", "Earlier Wednesday, Ruiz ...", "BRIGHTON, Mass., Ruiz ...": an
        # opening adverb or place, then the subject
        nxt = sentence_subject(v, comma + 1, hi)
        if nxt is not None:
            return nxt
    # Appositive subject: "Naryshkin, head of the service, ..."
    return (k, e - 1)


def plain_head(v: SentenceView, k: int, e: int, hi: int) -> int:
    """'The ferry operator raised fares ...', 'A local shopkeeper closed early ...': after a
    determiner, up to three plain nouns the word lists do not know are the subject's head, when
    the word after them is plainly the clause's verb (a past form, an auxiliary, a cue); returns the
    new end (one past the last token), else ``e`` as it was."""
    t = v.t
    lex = v.lex
    if t[k].low not in LOOSE_DETS:
        return e
    m = e
    while m < hi and m - e < 3 and not v.q[m]:
        w = t[m]
        low = w.low
        if (
            not w.word
            or w.cap
            or low in lex.clause_openers
            or low in lex.cue_class
            or low in lex.between
            or low in lex.determiners
            or low in lex.pronouns
            or low in PASSIVE_AUX
            or low.endswith(("ed", "ly"))
            or NUMBERISH(low)
        ):
            break
        m += 1
    if m == e or m >= hi or v.q[m]:
        return e
    verb = t[m].low
    if (
        t[m].word
        and not t[m].cap
        and (verb.endswith("ed") or verb in lex.cue_class or verb in PASSIVE_AUX or verb in FINITE_AUX)
    ):
        return m
    return e
