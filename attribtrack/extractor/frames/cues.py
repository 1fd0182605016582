"""Cue detection: which tokens can start a frame, and how far a cue reaches.

A verb of saying is a cue only where it is a verb ("the report" and "his claims" are nouns, "was
told" is passive, "asked Weber for the files" a request). Around a cue found by a shape, the
auxiliaries and adverbs before it join it ('The ferry operator has long argued that fares must
rise.': cue "has long argued"), as do the words of a refusal ('The mayor declined to say whether
the pier would reopen.': cue "declined to say", content the question).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import (
    CUE_AUXILIARIES,
    DASHES,
    ING_BEFORE,
    NEEDS_PARTICLE,
    NOT_THAT_VERBS,
    NOUN_MARKERS,
    PARTICLES,
    PASSIVE_AUX,
    RAISING,
    SAYING,
    cue_adverb,
)
from attribtrack.extractor.lexicon import Lexicon

_trigger_cache: tuple = (None, None, frozenset())  # (lexicon, cues, trigger words): the last used


def trigger_words(lex: Lexicon, cues: dict[str, str]) -> frozenset[str]:
    """Words that can start a frame whatever follows them (see :func:`candidates`)."""
    global _trigger_cache
    if _trigger_cache[0] is not lex or _trigger_cache[1] is not cues:
        words = frozenset(cues) | lex.nominal_cues | lex.phrase_firsts | {"according"}
        _trigger_cache = (lex, cues, words)
    return _trigger_cache[2]


def candidates(v: SentenceView, cues: dict[str, str], lows: list[str]) -> list[int]:
    """The tokens that can start a frame: a cue word, a nominal or phrase cue, "according", or a
    word before "that". Every other token is never visited."""
    n = v.n
    triggers = trigger_words(v.lex, cues)
    return [i for i in range(n) if lows[i] in triggers or (i + 1 < n and lows[i + 1] == "that")]


class Cue(NamedTuple):
    """A verb cue at a token: its class and lemma; ``passive`` when the text names no source
    ("was told"); ``late_particle``, the index of a particle a few words on ("spoke to her about")."""

    cls: str
    lemma: str
    passive: bool = False
    late_particle: int = -1


def verb_cue(v: SentenceView, i: int, cues: dict[str, str]) -> Cue | None:
    """Is token i a verb cue here, not a noun ("the report"), part of a name ("Fox News Sunday"),
    a request ("asked Weber for the files") or a verb needing a particle it lacks ("talked")?"""
    t = v.t
    lex = v.lex
    n = v.n
    tok = t[i]
    low = tok.low
    cls = cues.get(low)
    if cls is None:
        # Any verb taking a that-clause reports a stance: "X conceded privately that ..."
        if (
            tok.word
            and not tok.cap
            and low.endswith(("ed", "es", "ts", "ns", "ds", "ks", "ys"))
            and low not in NOT_THAT_VERBS
            and i + 1 < n
            and t[i + 1].low == "that"
            and i + 2 < n
            and t[i + 2].word
        ):
            cls = "speech"
        else:
            return None
    prev = t[i - 1] if i > 0 else None
    if prev is not None and (prev.low in NOUN_MARKERS or prev.low.endswith("'s")):
        return None  # "the report", "his claims": a noun
    if tok.cap and i > 0 and not v.title_case():
        return None  # "Fox News Sunday", "Says Who": part of a name
    nxt = t[i + 1] if i + 1 < n else None
    if nxt is not None and nxt.low == "by" and (low.endswith("ed") or low in ("told", "written", "shown")):
        aux = prev
        if (
            aux is not None
            and i >= 2
            and aux.low not in PASSIVE_AUX
            and (aux.low.endswith("ly") or aux.low in CUE_AUXILIARIES)
        ):
            aux = t[i - 2]  # "was first reported by", "is widely seen by"
        if low not in lex.confirmations and aux is not None and aux.low in PASSIVE_AUX and i + 2 < n:
            # "The plan was first reported by the Gazette": the agent is the source (passive.py)
            return Cue(cls, lex.cue_lemma.get(low, low), passive=True)
        return None  # "confirmed by": a confirmation; "accused by" with no auxiliary: skipped
    if prev is not None and prev.low == "t" and i >= 3 and t[i - 3].low in ("wasn", "weren", "isn", "aren"):
        prev = t[i - 3]  # "wasn’t told": the negated auxiliary
    if (
        prev is not None
        and (
            prev.low in PASSIVE_AUX
            or (prev.low in ("widely", "also", "often", "long") and i >= 2 and t[i - 2].low in PASSIVE_AUX)
            or negated_passive(v, i)
        )
        and (low.endswith("ed") or low in ("told", "thought", "known", "seen", "said"))
        and cls != "evidence"
    ):
        # "was accused of", "is expected to": the text names no source
        return Cue(cls, lex.cue_lemma.get(low, low), passive=True)
    if (
        low.endswith("ing")
        and (prev is None or not (prev.text == "," or prev.low in ING_BEFORE or after_clause(v, i)))
        and not (low in SAYING and prev is not None and prev.word and nxt is not None and nxt.word)
        and not (cls == "evidence" and prev is not None and prev.low in lex.documents)
    ):
        return None  # "a U.S. warning", "the ruling": a noun, not a participle
    if nxt is not None and cues.get(nxt.low) == "evidence" and not v.q[i + 1]:
        return None  # "new fundraising reports show": a noun before its verb
    lemma = lex.cue_lemma.get(low, low)
    late_particle = -1
    if lemma in NEEDS_PARTICLE and not (nxt is not None and nxt.low in PARTICLES[lemma]):
        late_particle = particle_after(v, i, PARTICLES[lemma]) if lemma in ("speak", "talk") else -1
        if late_particle < 0:
            return None
    if lemma in RAISING and nxt is not None and nxt.low == "to" and i + 2 < n and t[i + 2].low in cues:
        return None
    if lemma == "ask" and requests_thing(v, i):
        return None  # "asked Washington for further details": a request, not a statement
    return Cue(cls, lemma, late_particle=late_particle)


def with_auxiliaries(v: SentenceView, out: list[Frame]) -> None:
    """'has said', 'did not say', 'has long argued': the auxiliaries, negation and adverbs right
    before the verb belong to the cue (they change what the source is said to have done)."""
    t = v.t
    starts = v.starts
    for fr in out:
        i = bisect_left(starts, fr.cue[0])
        if i >= v.n or t[i].start != fr.cue[0] or fr.shape in ("speaker", "byline", "asked"):
            continue
        floor = fr.source[1] if fr.source is not None and fr.source[1] <= fr.cue[0] else -1
        k = i
        hedges = v.lex.hedge_firsts
        while k > 0 and cue_adverb(t[k - 1], hedges) and not v.q[k - 1] and t[k - 1].start >= floor:
            k -= 1
        if k < i:
            fr.cue = (t[k].start, fr.cue[1])


def requests_thing(v: SentenceView, i: int) -> bool:
    """'asked Washington for further details', 'asked him for help': a named or pronoun object,
    then "for" - a request for something, not speech."""
    t = v.t
    k = i + 1
    while (
        k < v.n
        and k - i <= 4
        and not v.q[k]
        and ((t[k].cap and t[k].word) or t[k].low in ("him", "her", "them", "us", "me", "it"))
    ):
        k += 1
    return k > i + 1 and k < v.n and t[k].low in v.lex.request_preps and not v.q[k]


def refusal(v: SentenceView, fr: Frame, i: int, cues: dict[str, str]) -> int:
    """'declined to say on April 4 whether X': one claim, cue "declined to say", content the
    question; the cues inside that content are no claims. Returns the last token to skip."""
    t = v.t
    if (
        not fr.content
        or i + 2 >= v.n
        or t[i + 1].low != "to"
        or cues.get(t[i + 2].low)
        not in (
            "speech",
            "tell",
        )
    ):
        return i
    end = fr.content[-1][1]
    last = i + 2
    while last + 1 < v.n and t[last + 1].start < end:
        last += 1
    k = i + 3
    for m in range(i + 3, min(last + 1, i + 9)):
        if t[m].low in v.lex.question_openers and t[m].low not in ("on", "about"):
            k = m  # skip "on April 4" before "whether"
            break
    if k <= last:
        fr.cue = (t[i].start, t[i + 2].end)
        fr.content[-1] = (t[k].start, end)
        fr.regions = [*fr.regions, (t[i + 3].start, t[k].start)] if k > i + 3 else fr.regions
    return last


def particle_after(v: SentenceView, i: int, particles: tuple[str, ...]) -> int:
    """'spoke briefly about', 'spoke to CNN about', 'spoke out against': the particle's index
    a few words after the verb, over adverbs and an addressee; -1 if there is none."""
    t = v.t
    k = i + 1
    while k < v.n and k - i <= 6 and not v.q[k]:
        low = t[k].low
        if low in particles:
            return k
        if not (
            (low.endswith("ly") and not t[k].cap)
            or low in ("out", "instead", "only", "also", "again", "at", "length", "to", "with")
            or t[k].cap
        ):
            return -1
        k += 1
    return -1


def after_clause(v: SentenceView, i: int) -> bool:
    """'Reed changed course – saying ...', 'He defended "local jobs," saying ...': a dash, or a
    quotation closed on a comma, before the participle at i ends the clause it adds to, as a
    comma does."""
    t = v.t
    prev = t[i - 1]
    if prev.text in DASHES:
        return True
    return prev.text == '"' and i >= 2 and not v.q[i - 1] and t[i - 2].text == "," and v.q[i - 2]


def negated_passive(v: SentenceView, i: int) -> bool:
    """'is not expected to', 'was never told', 'is not widely seen as': a passive auxiliary, then
    a negation (and an adverb) before the participle at i. As with a plain passive, the text names
    no source: the subject is what is expected or said, not who expects or says it."""
    t = v.t
    k = i - 1
    if k >= 1 and (
        (cue_adverb(t[k]) and t[k].low not in CUE_AUXILIARIES) or t[k].low in ("widely", "also", "often")
    ):
        k -= 1  # "not widely expected"
    if k < 1 or t[k].low not in ("not", "never"):
        return False
    return t[k - 1].low in PASSIVE_AUX
