"""Comparative 'as' clauses: 'As the Gazette reported in its Sunday edition, the pier will close.' and
'The pier will close, as Reed noted in his column.' (invented).

The clause "as SOURCE CUE [tail]" reports no content of its own: what the source said is the main
clause, after the as-clause's comma when it opens the sentence, before its comma when it ends it.
Inside the sentence ('The pier, as Reed noted, will close.') the content after it is left as it is:
what stands before the aside is as often an opener ("After all", "Yet") as the subject.
The tail ("in his column", "last week") is where a via outlet or a date may stand.
"""

from __future__ import annotations

from bisect import bisect_left

from attribtrack.extractor.frames.content import content_forward
from attribtrack.extractor.frames.trailing import tail_ok
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import FINITE_AUX, TAIL_MAX, TAIL_PREPS

#: cue classes (lexicon sections) an as-clause reports with; "As Reed spoke about the levy, ..."
#: (stance) is a time, and its object the content
AS_CLASSES = frozenset({"speech", "tell", "evidence"})
#: what closes an as-clause inside its sentence
AS_ENDS = frozenset({",", ";", "\u2014", "\u2013"})


def as_tail(v: SentenceView, a: int, b: int) -> bool:
    """Tokens a..b-1 after an as-clause's cue are a tail: what a trailing cue may have after it
    (:func:`~attribtrack.extractor.frames.trailing.tail_ok`), or a phrase of place or medium
    ("in its Sunday edition", "on its website") with no verb in it, whatever the cue."""
    if tail_ok(v, a, b):
        return True
    t = v.t
    lex = v.lex
    if t[a].low not in TAIL_PREPS or t[a].low == "to":
        return False
    return all(
        (x.word or x.text in ("'s", ".", "-"))
        and x.low not in FINITE_AUX
        and x.low != "that"
        and (x.low not in lex.cue_class or x.low in lex.cue_tail)
        for x in t[a:b]
    )


def with_as_clauses(v: SentenceView, out: list[Frame]) -> None:
    """Give each forward claim whose source follows a comparative "as" the main clause as content,
    when the words after its cue are only a tail."""
    t = v.t
    lex = v.lex
    end = -1
    starts: list[int] = []
    for fr in out:
        if fr.shape != "forward" or fr.source is None or not fr.content or fr.cue_class not in AS_CLASSES:
            continue
        if "as" not in v.norm[max(0, fr.source[0] - 6) : fr.source[0]].casefold():
            continue  # the cheap test first: most sources follow no "as"
        if end < 0:
            starts = v.starts
            end = v.sentence_end()
        s = bisect_left(starts, fr.source[0])
        a = s - 1
        if a < 0 or v.q[a] or t[a].low != "as":
            continue
        c = bisect_left(starts, fr.cue[1])  # the first token after the cue
        m = c
        while m < end and m - c <= TAIL_MAX and not v.q[m] and t[m].text not in AS_ENDS:
            m += 1
        if m - c > TAIL_MAX or (m < end and t[m].text not in AS_ENDS) or (m > c and not as_tail(v, c, m)):
            continue  # a clause or a quotation follows the cue: it has content of its own
        if a == 0 or (a == 1 and t[0].low in ("and", "but", "so")):
            if m >= end or t[m].text != ",":
                continue
            got = v.span(*content_forward(v, m + 1, c - 1, lex.cue_class))
        elif t[a - 1].text == "," and m >= end:
            first = 1 if t[0].low in ("and", "but", "so") else 0
            if any(t[k].low in lex.cue_class and not v.q[k] for k in range(first, a - 1)):
                continue  # 'Reed said the levy failed, as Smith noted': whose words, unclear
            got = v.content_span(first, a - 1)
        else:
            continue  # 'The pier, as Reed noted, will close': the content is already after the aside
        if got is None:
            continue
        fr.content = [got]
        if m > c:
            fr.regions.append((t[c].start, t[m - 1].end))
