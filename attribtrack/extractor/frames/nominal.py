"""Nominal frames: a noun or adjective carries the claim.

* ``POSSESSOR'S CUE-NOUN that/of CONTENT``: 'The mayor's claim that the levee was safe ...',
  'her criticism of the budget' (the possessor is the source);
* ``the CUE-NOUN that CONTENT`` with no source: 'growing speculation that the ferry will stop';
* ``SUBJECT COPULA ADJECTIVE that CONTENT``: 'Aides were adamant that the vote would pass.'
Invented examples throughout.
"""

from __future__ import annotations

from attribtrack.extractor.frames.content import content_forward, object_end, that_clause
from attribtrack.extractor.frames.nounphrase import left_np
from attribtrack.extractor.frames.passive import unsourced
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import ADJ_THAT, AUX_BEFORE_BASE, COPULAS, PASSIVE_AUX


def nominal_at(v: SentenceView, i: int) -> Frame | None:
    """The nominal frame starting at token i, if any: a possessor's cue noun, a cue noun before
    "that" with no source, or a stance adjective before "that"."""
    t = v.t
    lex = v.lex
    n = v.n
    tok = t[i]
    low = tok.low
    if (
        (low in lex.nominal_cues or low in lex.phrase_firsts)
        and i > 0
        and (t[i - 1].low in ("his", "her", "their", "its") or (t[i - 1].low.endswith("'s") and t[i - 1].cap))
    ):
        fr = nominal(v, i)
        if fr is not None:
            return fr
    if (
        low in lex.nominal_cues
        and i > 0
        and i + 2 < n
        and t[i + 1].low == "that"
        and t[i + 2].word
        and t[i + 2].low not in PASSIVE_AUX
        and t[i + 2].low not in AUX_BEFORE_BASE
        and t[i + 2].low not in ("has", "had", "have")
        and (t[i - 1].low in lex.determiners or (t[i - 1].word and not t[i - 1].cap))
        and not v.q[i + 1]
        and not _plural_subject(v, i)
    ):
        # "the idea that ...", "growing speculation that ...": a claim whose source the
        # text does not name here (not "the claim that was made": a relative clause)
        content = that_clause(v, i)
        if content is not None:
            return unsourced(v, (tok.start, tok.end), "stance", low, content)
    if low in ADJ_THAT and i + 2 < n and t[i + 1].low == "that" and t[i + 2].word:
        fr = adjective_that(v, i)
        if fr is not None:
            return fr
    return None


def _plural_subject(v: SentenceView, i: int) -> bool:
    """'Party leaders hope that ...': a plural noun, then the bare form of a cue verb; a verb
    with its subject, not a cue noun ("the hope that", "growing fears that")."""
    before, low = v.t[i - 1].low, v.t[i].low
    return (
        low in v.lex.cue_class
        and not low.endswith("s")
        and before.endswith("s")
        and not before.endswith(("ss", "'s"))
        and before not in v.lex.determiners
    )


def nominal(v: SentenceView, i: int) -> Frame | None:
    """ "Trump's claim that ...", "her criticism of ...": the possessor is the source."""
    t = v.t
    n = v.n
    p = i + 1
    if p >= n or not (
        t[p].low == "that"
        or (
            t[p].low in ("of", "about", "on")
            and t[i].low
            in (
                "criticism",
                "criticisms",
                "comments",
                "remarks",
                "attacks",
                "praise",
                "view",
                "views",
                "concerns",
            )
        )
        or (t[i].low, t[p].low) in v.lex.phrase_cues.get(t[i].low, ())  # "his critique of"
    ):
        return None
    a, b = content_forward(v, p + 1, i, v.lex.cue_class)
    b = object_end(v, a, b)
    content = v.span(a, b)
    if content is None:
        return None
    owner = t[i - 1]
    if owner.low in ("his", "her", "their", "its"):
        s = e = i - 1
    else:
        got = left_np(v, i - 1, 0)
        if got is None:
            return None
        s, e = got
    return Frame(
        cue=(t[i].start, t[i].end),
        cue_class="stance",
        cue_lemma=t[i].low,
        sentence=v.sent,
        content=[content],
        source=(t[s].start, t[e].end),
        source_tokens=t[s : e + 1],
        shape="nominal",
    )


def adjective_that(v: SentenceView, i: int) -> Frame | None:
    """'Aides were adamant that ...', 'Weber seems confident that ...': the subject of the
    copula holds the stance; the clause after "that" is the content."""
    t = v.t
    k = i - 1
    while k >= 0 and t[k].low in (
        "very",
        "increasingly",
        "not",
        "also",
        "still",
        "now",
        "more",
        "less",
        "quite",
    ):
        k -= 1
    if k < 1 or t[k].low not in COPULAS:
        return None
    content = that_clause(v, i)
    if content is None:
        return None
    got = left_np(v, k - 1, 0)
    source = None
    if got is not None and v.valid_source(v.t[got[0] : got[1] + 1]):
        source = got
    return Frame(
        cue=(t[i].start, t[i].end),
        cue_class="stance",
        cue_lemma=t[i].low,
        sentence=v.sent,
        content=[content],
        source=(t[source[0]].start, t[source[1]].end) if source else None,
        source_tokens=t[source[0] : source[1] + 1] if source else [],
        shape="forward" if source else "passive",
    )
