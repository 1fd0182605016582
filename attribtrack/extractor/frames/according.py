"""According frames: ``According to SOURCE, CONTENT`` / ``CONTENT, according to SOURCE``.

'According to the port authority, the ferry will run twice a day.' (invented). Also, behind
:data:`IN_DOCUMENT_FRAMES`, a poll opening or closing the sentence as its source: 'In a new
survey by the island council, most residents back the bridge.'
"""

from __future__ import annotations

from attribtrack.extractor.frames.content import content_forward
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.lexicon import grammar_words

POLLS = grammar_words("poll_words")
CLAUSE_RELATIVES = grammar_words("clause_relatives")


def in_document(v: SentenceView) -> Frame | None:
    """'In the new Morning Consult poll, 40 percent ...' and '... leads by 9 points in the latest
    poll.': the poll is the source, "in" the cue."""
    t = v.t
    lex = v.lex
    n = v.n
    k = 0
    if n < 6:
        return None
    if t[0].low != "in":
        return _trailing_poll(v)
    while k < n and k < 16 and t[k].text != ",":
        k += 1
    if k >= n - 2 or k < 2 or t[k].text != ",":
        return None
    np_toks = t[1:k]
    head = None
    for x in np_toks:
        if x.low in lex.documents:
            head = x
    if head is None or head.low not in POLLS or any(x.low in CLAUSE_RELATIVES for x in np_toks):
        return None  # "In states where exit polls were taken, ...": a place, not the poll
    a, b = content_forward(v, k + 1, k, lex.cue_class)
    content = v.span(a, b)
    if content is None:
        return None
    return Frame(
        cue=(t[0].start, t[0].end),
        cue_class="evidence",
        cue_lemma="in",
        sentence=v.sent,
        content=[content],
        source=(np_toks[0].start, np_toks[-1].end),
        source_tokens=list(np_toks),
        shape="according",
    )


def _trailing_poll(v: SentenceView) -> Frame | None:
    """'Clinton stays well ahead in the latest poll.': "in", then a noun phrase of at most six
    words ending in a poll word and the sentence; the clause before is the content."""
    t = v.t
    end = v.sentence_end()
    last = end - 1
    if last < 4 or t[last].low not in POLLS or v.q[last]:
        return None
    k = last - 1
    while k > 0 and last - k <= 6 and t[k].low != "in" and t[k].word and not v.q[k]:
        k -= 1
    if k <= 2 or t[k].low != "in" or k == last - 1:
        return None
    if t[k - 1].text == "," or not t[k - 1].word:
        return None
    content = v.content_span(0, k)
    if content is None:
        return None
    src = t[k + 1 : last + 1]
    if len(src) == 2 and src[0].low == "the" and src[1].low == "polls":
        return None  # "ahead in the polls": the race's standing, mostly no one's claim on train
    return Frame(
        cue=(t[k].start, t[k].end),
        cue_class="evidence",
        cue_lemma="in",
        sentence=v.sent,
        content=[content],
        source=(src[0].start, src[-1].end),
        source_tokens=list(src),
        shape="according",
    )


def according(v: SentenceView, i: int) -> Frame | None:
    """'According to the port authority, the ferry will run.' and '..., according to X': the
    source is what follows "according to" up to a comma; the content stands before and after."""
    t = v.t
    end = v.sentence_end()
    k = i + 2
    while k < end and t[k].text not in (",", '"', ";") and k - i <= 28:
        k += 1
    if k == i + 2 or k - i > 28:
        return None
    src = t[i + 2 : k]
    first = src[0]
    if not first.word or (first.low in v.lex.clause_openers and first.low not in v.lex.determiners):
        return None  # "according to" names its source, whatever shape the noun phrase has
    spans = []
    before = v.content_span(0, i)
    if before is not None:
        # skip a leading connector "But according to ..."
        spans.append(before)
    m = k
    appositive = None
    if m < end and t[m].text == ",":
        m += 1
        if m < end and t[m].low in ("which", "who"):
            while m < end and t[m].text != ",":
                m += 1
            m += 1
        else:
            c = _apposition_end(v, src, m, end)
            if c is not None:
                # "According to Dr. Ana Lima, a pediatrician, ...", "According to a spokesperson for
                # the operator, ECT, ...": the apposition belongs to the source, not the content
                if src[-1].cap:
                    appositive = (t[m].start, t[c - 1].end)
                src = t[i + 2 : c]
                m = c + 1
    after = v.span(m, content_forward(v, m, i, v.lex.cue_class)[1]) if m < end else None
    if before is not None and t[0].low in ("but", "and") and i <= 1:
        spans = []
    if i <= 1 and spans:
        spans = []
    if after is not None:
        spans.append(after)
    if not spans:
        return None
    return Frame(
        cue=(t[i].start, t[i + 1].end),
        cue_class="speech",
        cue_lemma="according to",
        sentence=v.sent,
        content=spans,
        source=(src[0].start, src[-1].end),
        source_tokens=list(src),
        appositive=appositive,
        shape="according",
    )


def _apposition_end(v: SentenceView, src: list, m: int, end: int) -> int | None:
    """The comma closing an apposition at m after the source: a description after a name ("a
    pediatrician at the clinic,") or a name after a description ("ECT,"); None if there is none."""
    t = v.t
    c = m
    while c < end and c - m < 16 and t[c].text not in (",", '"', ";"):
        c += 1
    if c >= end - 1 or t[c].text != "," or c == m:
        return None
    app = t[m:c]
    if src[-1].cap and app[0].low in ("a", "an") and not any(x.low in v.lex.cue_class for x in app):
        return c
    lex = v.lex
    if (
        not src[-1].cap
        and len(app) <= 4
        and all(x.cap for x in app)
        and src[-1].low not in lex.documents
        and any(x.low in lex.roles for x in src)
    ):
        return c
    return None
