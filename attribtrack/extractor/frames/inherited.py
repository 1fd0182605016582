"""Inherited frames: the source is the subject of the clause, not next to the cue.

``SOURCE did X and said CONTENT`` / ``..., saying CONTENT``: in the invented 'The mayor toured
the flooded streets on Monday, saying repairs would take a month.' the source of "saying" is
"The mayor", and in '..., the keeper said, adding that ...' the speaker of "adding" is the one
named right before it.
"""

from __future__ import annotations

from attribtrack.extractor.frames.clause import sentence_subject
from attribtrack.extractor.frames.content import content_forward, forward_start
from attribtrack.extractor.frames.view import Frame, SentenceView, Span
from attribtrack.extractor.segment import Quote


def inherited(
    v: SentenceView, i: int, cls: str, lemma: str, cue_span: Span, earlier: list[Frame]
) -> Frame | None:
    """The frame of a participle or coordinated cue at i: its source is that of the claim before
    it in the sentence (the nearest trailing one right before it), else the clause's subject."""
    t = v.t
    # "an admission that ...": no speaker; "She renewed her criticism, saying ...": the clause's
    # subject speaks, not the possessor of a noun cue
    earlier = [f for f in earlier if f.source is not None and f.shape != "nominal"]
    if earlier:
        # the speaker of the clause before, not a speaker nested in what someone said:
        # "The ferry will run, Weber said, adding ..." is Weber's; "X said Y told Z, adding" X's
        outer = [
            f
            for f in earlier
            if f.cue[0] < t[i].start
            and not any(o is not f and any(a <= f.cue[0] < b for a, b in o.content) for o in earlier)
        ]
        prev = outer[-1] if outer else earlier[0]
        # "..., Mr. Weber said, adding": the attribution right before the participle
        near = max(
            (f for f in earlier if f.source is not None and f.cue[1] <= t[i].start),
            key=lambda f: f.cue[1],
            default=None,
        )
        if (
            near is not None
            and near.shape == "trailing"
            and t[i].start - max(near.cue[1], near.source[1]) <= 3
        ):
            prev = near
        src, toks, app = prev.source, prev.source_tokens, prev.appositive
    else:
        got = sentence_subject(v, 0, i)
        if got is None:
            return None
        s, e = got
        toks = t[s : e + 1]
        if not v.valid_source(toks):
            return None
        src, app = (t[s].start, t[e].end), None
    if src is None:
        return None
    p, addressee, cue_end = forward_start(v, i, cls, lemma)
    a, b = content_forward(v, p, i, v.lex.cue_class)
    content = v.span(a, b)
    if content is None:
        return None
    return Frame(
        cue=cue_end or cue_span,
        cue_class=cls,
        cue_lemma=lemma,
        sentence=v.sent,
        content=[content],
        source=src,
        source_tokens=list(toks),
        appositive=app,
        inherited=True,
        shape="inherited",
        addressee=addressee,
    )


def quote_inherits(speaker: Frame) -> bool:
    """Does a quotation with no cue, opening the sentence after the one where ``speaker`` spoke,
    take ``speaker``'s source? Only after a trailing or "according to" attribution: '"The pier is
    unsafe," Reed said. "Nobody listened."' is Reed's; after 'Reed said the pier was unsafe.' the
    quotation is as often someone else's, introduced later, or nobody's. PolNeAR train: of the
    quotations the extractor gave the speaker before, 36 of 53 were right after a trailing or
    "according to" attribution, 29 of 162 after any other (0.18, well below the extractor's
    precision), so those stay without a source."""
    return speaker.shape in ("trailing", "according")


def names_its_speaker(q: Quote, sentence: Span, norm: str) -> bool:
    """Does a quotation that opens a sentence with no claim close on a comma and go on to more
    words in its sentence? '"It is over," the coach sighed after the match.' names its own speaker,
    in words the extractor did not take for a cue: the quotation is not a continuation of the
    speaker before it, as '"Nobody listened."' after '"The pier is unsafe," Reed said.' is."""
    a, b = q.inner
    if not q.closed or b <= a:
        return False
    close = q.outer[1]
    before = norm[a:b].rstrip()
    after = norm[close : sentence[1]]
    return (before.endswith(",") or after.lstrip().startswith(",")) and any(c.isalpha() for c in after)
