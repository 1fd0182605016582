"""Question frames: 'Asked whether the pier was safe, the engineer said ...' and '..., she said
when asked about the fares' (invented).

The question is attributed to no one (or to "by a reporter" when named); what stands inside the
question is not a claim of its own.
"""

from __future__ import annotations

from attribtrack.extractor.frames.passive import unsourced
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import QUESTION_WORDS


def asked(v: SentenceView, out: list[Frame], lows: list[str]) -> list[Frame]:
    """'Asked whether ..., Trump said ...', '..., she said when asked about the levy': the
    question is attributed to no one in the text."""
    if "asked" not in lows:
        return []
    t = v.t
    found = []
    taken = {f.cue[0] for f in out}
    for k in [k for k, w in enumerate(lows) if w == "asked" and k < v.n - 1]:
        if v.q[k] or t[k].start in taken:
            continue
        if not (k == 0 or t[k - 1].low == "when" or t[k - 1].text == ","):
            continue
        first = k + 1
        # "asked specifically what", "asked last month about", "asked by a reporter whether"
        while (
            first < v.n
            and first - k <= 3
            and (
                (t[first].low.endswith("ly") and not t[first].cap)
                or t[first].low in ("later", "again", "last", "month", "week")
            )
        ):
            first += 1
        by: tuple[int, int] | None = None
        if first + 1 < v.n and t[first].low == "by" and not v.q[first]:
            b = first + 1
            while (
                b < v.n and b - first <= 6 and t[b].low not in QUESTION_WORDS and t[b].text not in (",", '"')
            ):
                b += 1
            if b < v.n and t[b].low in QUESTION_WORDS and b > first + 1:
                by = (first + 1, b - 1)
                first = b
        if first >= v.n or (k > 0 and t[first].low not in QUESTION_WORDS):
            continue  # "..., asked Weber": an inverted cue, not a question
        cue_end = t[k].end
        if t[first].low == "about":
            cue_end = t[first].end  # "Asked about the levy": "about" joins the cue (PolNeAR train: 12 of 16)
            first += 1
        m = first
        end = v.sentence_end()
        while m < end and m - k < 30 and t[m].text not in (",", '"', ";", ":"):
            m += 1
        if m == first or (m >= end and k == 0):
            continue
        content = v.span(first, m)
        if content is None:
            continue
        fr = unsourced(v, (t[k].start, cue_end), "speech", "ask", content, shape="asked")
        if by is not None and v.valid_source(t[by[0] : by[1] + 1]):
            fr.source, fr.source_tokens = (t[by[0]].start, t[by[1]].end), t[by[0] : by[1] + 1]
        found.append(fr)
    return found


def with_questions(v: SentenceView, out: list[Frame], lows: list[str]) -> list[Frame]:
    """``out`` with the question frames added; nothing inside a question is a claim ("When asked
    whom she supported, ...")."""
    questions = asked(v, out, lows)
    if questions:
        out = [f for f in out if not any(a <= f.cue[0] < b for q in questions for a, b in q.content)]
        out.extend(questions)
    return out
