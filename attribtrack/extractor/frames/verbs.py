"""Which shape a verb cue takes: the dispatcher of the forward, trailing, inverted and inherited
finders, by what stands to the left of the cue.

In the invented 'The pier will reopen, said Reed.' a comma right before the cue means inverted;
in 'The pier will reopen, Reed said.' a noun phrase after a comma means trailing; in 'Reed, who
runs the ferry, said ...' a relative clause is skipped to its head; in 'Reed said ...' the frame is
forward. Also multi-word cues ('The mayor made it clear that the pier would stay shut.').
"""

from __future__ import annotations

from attribtrack.extractor.frames.between import skip_between
from attribtrack.extractor.frames.content import content_forward, forward_start, object_end, that_clause
from attribtrack.extractor.frames.cues import Cue, after_clause
from attribtrack.extractor.frames.forward import (
    after_interrupter,
    forward_frame,
    plain_subject,
    relative_pronoun,
    relative_subject,
)
from attribtrack.extractor.frames.inherited import inherited
from attribtrack.extractor.frames.nounphrase import document_subject, head_before_prep, left_np, trailing_np
from attribtrack.extractor.frames.passive import unsourced
from attribtrack.extractor.frames.relatives import holds_claim, is_relative
from attribtrack.extractor.frames.subjects import agrees, appositive_before, with_appositive
from attribtrack.extractor.frames.trailing import inverted, trailing
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import (
    DASHES,
    ING_BEFORE,
    LOCATIVES,
    PASSIVE_AUX,
    PLACE_PREPS,
    QUANTITY_HEADS,
    RAISING,
    SAYING,
    is_clause,
)

# The finite forms of "be" before a progressive cue ("is talking", "are showing").
PROGRESSIVE_BE = frozenset({"is", "are", "was", "were", "am"})


def verb_frame(v: SentenceView, i: int, cue: Cue, earlier: list[Frame], lows: list[str]) -> Frame | None:
    """The frame of the verb cue at i, trying its subject shapes in turn: a restrictive relative
    clause, then :func:`frame_at`, a plain subject of "say", a subject before an interrupter, and
    last a that-clause with no source found."""
    t = v.t
    n = v.n
    tok = t[i]
    low = tok.low
    cls, lemma, late_particle = cue.cls, cue.lemma, cue.late_particle
    fr = None
    if cls in ("speech", "tell") and not tok.cap and not low.endswith("ing"):
        fr = relative_subject(v, i, cls, lemma)  # "Voters who backed X in 2020 said ..."
    if fr is None:
        fr = frame_at(v, i, cls, lemma, earlier)
        if fr is not None and late_particle > 0 and fr.content:
            # "spoke briefly about ...", "spoke to CNN about ...": the topic after the particle
            a, b = fr.content[-1]
            if late_particle + 1 < n and a <= t[late_particle + 1].start < b:
                fr.content[-1] = (t[late_particle + 1].start, b)
                fr.cue = (fr.cue[0], t[late_particle].end)
    if fr is None and not low.endswith("ing"):
        fr = plain_subject(v, i, cls, lemma, shares_only=lemma != "say")
    if (
        fr is None
        and i >= 3
        and (t[i - 1].text == "," or t[i - 1].text in DASHES or t[i - 2].text + t[i - 1].text == "--")
    ):
        fr = after_interrupter(v, i, cls, lemma)
    if fr is None and cls in ("speech", "tell") and i + 2 < n and lows[i + 1] == "that" and t[i + 2].word:
        # "quick to point out that ...", "Weber -- insisted that ...": no source found, a claim still
        content = that_clause(v, i)
        if content is not None:
            fr = unsourced(v, (tok.start, tok.end), cls, lemma, content)
    if fr is not None and lemma in RAISING and fr.source is not None:
        # "Weber seemed to ...", "the plan appears ...": the writer's impression, not Weber's claim
        fr.source, fr.source_tokens, fr.appositive, fr.shape = None, [], None, "passive"
    return fr


def phrase_cue(v: SentenceView, i: int, earlier: list[Frame]) -> Frame | None:
    """'X made it clear that ...', 'X made no secret of ...': a cue of several words."""
    t = v.t
    for phrase in v.lex.phrase_cues.get(t[i].low, ()):
        m = len(phrase)
        if i + m > v.n or any(t[i + k].low != w or v.q[i + k] for k, w in enumerate(phrase)):
            continue
        if phrase[-1] == "to" and (
            i + m >= v.n
            or not t[i + m].word
            or t[i + m].cap
            or t[i + m].low in v.lex.determiners
            or t[i + m].low in v.lex.pronouns
            or t[i + m].low[:1].isdigit()
        ):
            continue  # "looking to the future": a place or a thing, not an intention
        if (
            m == 2
            and phrase in v.lex.topic_cues
            and i + m < v.n
            and (t[i + m].low in v.lex.weekdays or t[i + m].low in v.lex.months)
        ):
            continue  # "insisted on Thursday that ...": a date, not the topic
        fr = frame_at(v, i, "speech", " ".join(phrase), earlier)
        if (
            (fr is None or fr.source is None)
            and m == 2
            and phrase in v.lex.topic_cues
            and (t[i].low.endswith(("ed", "ing")) or (i > 0 and t[i - 1].low in PASSIVE_AUX))
        ):
            # "... were disgusted with both parties": no subject found, the topic is still a claim
            a, b = content_forward(v, i + 2, i, v.lex.cue_class)
            content = v.span(a, object_end(v, a, b))
            if content is None:
                return None
            return unsourced(v, (t[i].start, t[i + 1].end), "stance", " ".join(phrase), content)
        if fr is None or not fr.content or fr.source is None:
            return None
        p = i + m
        if p < v.n and t[p].low in ("that", "of", ":"):
            p += 1
        a, b = fr.content[-1]
        if p >= v.n or t[p].start >= b:
            return None
        fr.content[-1] = (t[p].start, b)
        fr.cue = (t[i].start, t[i + m - 1].end)
        return fr
    return None


def frame_at(v: SentenceView, i: int, cls: str, lemma: str, earlier: list[Frame]) -> Frame | None:
    """The frame of the verb cue at i, by what stands left of it (over auxiliaries and dates): a
    comma or quotation mark (inverted), a participle or a coordinated verb (inherited), a relative
    pronoun, a subject with or without an appositive (trailing after a comma, else forward)."""
    t = v.t
    cue_span = (t[i].start, t[i].end)
    j = skip_between(v, i, 0)
    if j < i - 1 and t[i - 1].text == "," and t[i - 2].low.isdigit():
        j = i - 1  # "... since 2005, said Weber": the year ends the content, not a date before the cue
    # --- inverted: '"...," said Peskov, a spokesman.'
    if (
        j >= 0
        and t[j].text in (",", '"')
        and cls in ("speech", "tell")
        and j == i - 1
        and not t[i].low.endswith("ing")
        and (t[j].text != "," or appositive_before(v, j) is None)
    ):
        fr = inverted(v, i, j, cls, lemma, cue_span)
        if fr is not None:
            return fr
    # --- an infinitive after a place or a medium: "went on CNN to declare", "flew to Ohio to say":
    # the clause's subject speaks, not the object of the preposition
    if j >= 2 and j == i - 2 and t[i - 1].low == "to" and not v.q[j]:
        got = left_np(v, j, 0)
        if got is not None and got[0] >= 1 and t[got[0] - 1].low in PLACE_PREPS and not v.q[got[0] - 1]:
            fr = inherited(v, i, cls, lemma, cue_span, earlier)
            if fr is not None:
                return fr
    # --- participle or coordinated cue: the clause subject is the source
    if t[i].low in SAYING and i > 0 and t[i - 1].word and t[i - 1].low not in ING_BEFORE:
        # "voters saying ...", "a sign saying ...": the noun right before; else the clause subject
        got = left_np(v, i - 1, 0)
        if got is not None and any(
            x.cap or x.low in v.lex.groups or x.low in v.lex.documents or x.low in v.lex.anonymity
            for x in t[got[0] : got[1] + 1]
        ):
            p, addressee, cue_end = forward_start(v, i, cls, lemma)
            return forward_frame(
                v, i, cls, lemma, cue_end or cue_span, got[0], got[1], None, p, addressee, i - 1
            )
        return inherited(v, i, cls, lemma, cue_span, earlier)
    if (
        t[i].low.endswith("ing")
        and i > 0
        and (
            t[i - 1].text == ","
            or t[i - 1].low in ING_BEFORE
            or after_clause(v, i)  # '... of "New York values," saying', '... – saying'
        )
    ):
        if i >= 2 and t[i - 1].low in PROGRESSIVE_BE and not v.q[i - 2]:
            # "He is talking to voters about ...", "early results are showing that ...": the
            # progressive of a finite verb, its subject before the auxiliary
            got = left_np(v, i - 2, 0)
            if (
                got is not None
                and v.valid_source(t[got[0] : got[1] + 1])
                and agrees(v, i, i - 2, t[got[0] : got[1] + 1])
            ):
                p, addressee, cue_end = forward_start(v, i, cls, lemma)
                return forward_frame(
                    v, i, cls, lemma, cue_end or cue_span, got[0], got[1], None, p, addressee, i - 2
                )
        if cls == "evidence":
            return None
        return inherited(v, i, cls, lemma, cue_span, earlier)
    if j < 0 or t[j].text == "," and t[i].low.endswith("ing") or t[j].low in ("and", "but", "or"):
        if t[i].low.endswith("ing") and cls == "evidence":
            return None
        if j >= 0 and t[j].text != "," and t[j].low not in ("and", "but"):
            return None
        return inherited(v, i, cls, lemma, cue_span, earlier)
    if t[j].low == "whom" and j >= 2 and t[j - 1].low == "of" and t[j - 2].low in QUANTITY_HEADS:
        # "the fishermen, many of whom say ...": the share is the source, as annotators mark it
        p, addressee, cue_end = forward_start(v, i, cls, lemma)
        return forward_frame(v, i, cls, lemma, cue_end or cue_span, j - 2, j, None, p, addressee, j)
    restrictive = (
        t[j].low in v.lex.relative_pronouns
        and j >= 1
        and t[j - 1].word
        and not v.q[j - 1]
        and t[j - 1].low not in v.lex.clause_openers
        and t[j - 1].low not in v.lex.cue_class
    )
    if restrictive or (t[j].low in ("who", "which") and j - 1 >= 0 and t[j - 1].text == ","):
        return relative_pronoun(v, i, j, cls, lemma, cue_span, restrictive)
    clause_head = -1
    if t[j].text == "," and j >= 2:
        got = appositive_before(v, j)
        if got is None:
            return None
        s, e, appositive = got
        first_app = next(k for k in range(s, j) if t[k].start == appositive[0])
        if first_app >= 2 and t[first_app - 1].text == ",":
            s = min(s, head_before_prep(v, s, first_app - 2))  # "Officials at the agency, ..."
        if is_clause(t[first_app]) or (is_relative(t[first_app]) and holds_claim(v, first_app, j)):
            # "Ruiz, speaking at ..., said" and "Ruiz, who said ..., added": the name alone (a
            # clause holding a claim of its own is not part of the source, as annotators mark it)
            clause_head = first_app - 2
    else:
        got = left_np(v, j, 0)
        if cls == "evidence" or got is None or t[j].low in v.lex.weekdays:
            got = document_subject(v, j) or got  # "A news report published Wednesday said"
        if got is None:
            got = trailing_np(v, i, j, cls)
            if got is None:
                return None
            return trailing(v, i, cls, lemma, cue_span, got[0], got[1], None)
        s, e = got
        s = head_before_prep(v, s, e)
        if e > s and t[e].low in LOCATIVES and (t[e - 1].low.endswith("s") or t[e - 1].low in v.lex.groups):
            e -= 1  # "Officials here say": the officials (a plural: "Every sentence here is ..." no)
        s, e, appositive = with_appositive(v, s, e, 0)
    src_toks = [x for x in t[s : e + 1]]
    if appositive is None and not v.valid_source(src_toks):
        return None
    if appositive is not None and not v.valid_source(
        [x for x in src_toks if x.end <= appositive[0] and x.text != ","]
    ):
        return None
    if (
        cls == "evidence"
        and not any(x.low in v.lex.documents for x in src_toks)
        and not (i + 1 < v.n and t[i + 1].low == "that")
        and not (src_toks[-1].cap and i + 1 >= v.sentence_end() and s >= 1 and t[s - 1].text == ",")
    ):
        # "Pew found that ...", "the authors found that ...", "..., Harbor Finance found." yes;
        # "Trump found himself ..." no
        return None
    if not agrees(v, i, j, src_toks):
        return None
    # --- trailing: "CONTENT, SOURCE said [tail]."
    before = s - 1
    fr = None
    if (
        before >= 1
        and t[before].text in (",", '"')
        and cls in ("speech", "tell", "stance")
        and cls != "stance"
        or (before >= 1 and t[before].text in (",", '"') and lemma in ("say", "add", "write", "tell"))
        or (before >= 1 and t[before].text == "," and cls == "evidence" and i + 1 >= v.sentence_end())
    ):  # the last: "..., the poll found."
        fr = trailing(v, i, cls, lemma, cue_span, s, e, appositive)
    if fr is None:
        p, addressee, cue_end = forward_start(v, i, cls, lemma)
        fr = forward_frame(v, i, cls, lemma, cue_end or cue_span, s, e, appositive, p, addressee, j)
    if fr is not None and clause_head >= s:
        fr.source = (t[s].start, t[clause_head].end)
        fr.source_tokens = t[s : clause_head + 1]
        fr.appositive = None
    return fr
