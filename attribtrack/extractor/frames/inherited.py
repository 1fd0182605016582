"""Inherited frames: the source is the subject of the clause, not next to the cue.

``SOURCE did X and said CONTENT`` / ``..., saying CONTENT``: in the invented 'The mayor toured
the flooded streets on Monday, saying repairs would take a month.' the source of "saying" is
"The mayor", and in '..., the keeper said, adding that ...' the speaker of "adding" is the one
named right before it.
"""

from __future__ import annotations

from attribtrack.extractor.frames.content import content_forward, forward_start
from attribtrack.extractor.frames.subjects import sentence_subject
from attribtrack.extractor.frames.view import Frame, SentenceView, Span


def inherited(
    v: SentenceView, i: int, cls: str, lemma: str, cue_span: Span, earlier: list[Frame]
) -> Frame | None:
    """The frame of a participle or coordinated cue at i: its source is that of the claim before
    it in the sentence (the nearest trailing one right before it), else the clause's subject."""
    t = v.t
    earlier = [f for f in earlier if f.source is not None]  # "an admission that ...": no speaker
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
