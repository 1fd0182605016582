"""One sentence's frames: every shape's finder run over the cue candidates, in order.

:class:`SentenceFrames` is what the pipeline calls: ``SentenceFrames(...).frames(cues)`` looks
at each token that can start a frame (:mod:`cues`), lets the finder of its shape build the frame
(:mod:`according`, :mod:`nominal`, :mod:`passive`, :mod:`verbs` for the forward, trailing,
inverted and inherited shapes), then applies the sentence-wide steps: outer attributions cut
from content, speaker labels, nested claims dropped, questions, auxiliaries joined to cues.
In the invented 'The pier will reopen, Reed said, adding that fares would rise.' it finds a
trailing frame ("said") and an inherited one ("adding").
"""

from __future__ import annotations

from bisect import bisect_right

from attribtrack.extractor.frames.according import according, in_document
from attribtrack.extractor.frames.content import end_subordinate, that_clause
from attribtrack.extractor.frames.cues import (
    particle_after,
    refusal,
    requests_thing,
    trigger_words,
    with_auxiliaries,
)
from attribtrack.extractor.frames.forward import after_interrupter, plain_subject, relative_subject
from attribtrack.extractor.frames.nominal import adjective_that, nominal
from attribtrack.extractor.frames.passive import passive, unsourced
from attribtrack.extractor.frames.questions import asked
from attribtrack.extractor.frames.verbs import frame_at, phrase_cue
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import (
    ADJ_THAT,
    AUX_BEFORE_BASE,
    DASHES,
    IN_DOCUMENT_FRAMES,
    ING_BEFORE,
    MAX_FRAMES,
    NEEDS_PARTICLE,
    NOT_THAT_VERBS,
    NOUN_MARKERS,
    PARTICLES,
    PASSIVE_AUX,
    RAISING,
    SAYING,
    SUBORDINATORS,
)


class SentenceFrames(SentenceView):
    """Finds the frames of one sentence. ``in_quote[i]`` says token i is inside a quotation."""

    def frames(self, cues: dict[int, str]) -> list[Frame]:
        """``cues``: form -> class, from the lexicon; passed in to keep lookups local."""
        return find_frames(self, cues)


def find_frames(v: SentenceView, cues: dict[int, str]) -> list[Frame]:
    """``cues``: form -> class, from the lexicon; passed in to keep lookups local."""
    t = v.t
    lex = v.lex
    n = v.n
    out: list[Frame] = []
    consumed_until = -1
    # Only a cue word, a nominal or phrase cue, "according", or a word before "that" can start
    # a frame: every other token is skipped by the loop below, so it is not visited at all.
    triggers = trigger_words(lex, cues)
    lows = [x.low for x in t]
    candidates = [i for i in range(n) if lows[i] in triggers or (i + 1 < n and lows[i + 1] == "that")]
    for i in candidates:
        if v.q[i] or i <= consumed_until:
            continue
        tok = t[i]
        low = tok.low
        if low == "according" and i + 1 < n and t[i + 1].low == "to":
            fr = according(v, i)
            if fr:
                out.append(fr)
            continue
        if (
            (low in lex.nominal_cues or low in lex.phrase_firsts)
            and i > 0
            and (
                t[i - 1].low in ("his", "her", "their", "its")
                or (t[i - 1].low.endswith("'s") and t[i - 1].cap)
            )
        ):
            fr = nominal(v, i)
            if fr is not None:
                out.append(fr)
                continue
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
        ):
            # "the idea that ...", "growing speculation that ...": a claim whose source the
            # text does not name here (not "the claim that was made": a relative clause)
            content = that_clause(v, i)
            if content is not None:
                out.append(unsourced(v, (tok.start, tok.end), "stance", low, content))
                continue
        if low in ADJ_THAT and i + 2 < n and t[i + 1].low == "that" and t[i + 2].word:
            fr = adjective_that(v, i)
            if fr is not None:
                out.append(fr)
                continue
        if low in lex.phrase_firsts:
            fr = phrase_cue(v, i, out)
            if fr is not None:
                out.append(fr)
                consumed_until = bisect_right(v.starts, fr.cue[1] - 1)
                continue
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
                continue
        prev = t[i - 1] if i > 0 else None
        if prev is not None and (prev.low in NOUN_MARKERS or prev.low.endswith("'s")):
            continue  # "the report", "his claims": a noun
        if tok.cap and i > 0 and not (cls == "speech" and v.title_case()):
            continue  # "Fox News Sunday", "Says Who": part of a name
        nxt = t[i + 1] if i + 1 < n else None
        if (
            nxt is not None
            and nxt.low == "by"
            and (low.endswith("ed") or low in ("told", "written", "shown"))
        ):
            continue  # passive ("was accused by", "confirmed by"): handled as confirmation or skipped
        if (
            prev is not None
            and prev.low == "t"
            and i >= 3
            and t[i - 3].low in ("wasn", "weren", "isn", "aren")
        ):
            prev = t[i - 3]  # "wasn’t told": the negated auxiliary
        if (
            prev is not None
            and (
                prev.low in PASSIVE_AUX
                or (
                    prev.low in ("widely", "also", "often", "long") and i >= 2 and t[i - 2].low in PASSIVE_AUX
                )
            )
            and (low.endswith("ed") or low in ("told", "thought", "known", "seen", "said"))
            and cls != "evidence"
        ):
            # "was accused of", "is expected to": the text names no source
            fr = passive(v, i, cls, lex.cue_lemma.get(low, low))
            if fr is not None:
                out.append(fr)
            continue
        if (
            low.endswith("ing")
            and (prev is None or not (prev.text == "," or prev.low in ING_BEFORE))
            and not (low in SAYING and prev is not None and prev.word and nxt is not None and nxt.word)
            and not (cls == "evidence" and prev is not None and prev.low in lex.documents)
        ):
            continue  # "a U.S. warning", "the ruling": a noun, not a participle
        if nxt is not None and cues.get(nxt.low) == "evidence" and not v.q[i + 1]:
            continue  # "new fundraising reports show": a noun before its verb
        lemma = lex.cue_lemma.get(low, low)
        late_particle = -1
        if lemma in NEEDS_PARTICLE and not (nxt is not None and nxt.low in PARTICLES[lemma]):
            late_particle = particle_after(v, i, PARTICLES[lemma]) if lemma in ("speak", "talk") else -1
            if late_particle < 0:
                continue
        if lemma in RAISING and nxt is not None and nxt.low == "to" and i + 2 < n and t[i + 2].low in cues:
            continue
        if lemma == "ask" and requests_thing(v, i):
            continue  # "asked Washington for further details": a request, not a statement
        fr = None
        if cls in ("speech", "tell") and not tok.cap and not low.endswith("ing"):
            fr = relative_subject(v, i, cls, lemma)  # "Voters who backed X in 2020 said ..."
        if fr is None:
            fr = frame_at(v, i, cls, lemma, out)
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
        if fr is not None:
            if low in lex.refusals:
                consumed_until = refusal(v, fr, i, cues)
            out.append(fr)
            if len(out) >= MAX_FRAMES:
                break
    for fr in out:
        if fr.shape != "trailing" or fr.source is None:
            continue
        for other in out:
            if other is fr or other.shape == "trailing" or not other.content:
                continue
            a, b = other.content[-1]
            if a < fr.source[0] < b:
                # 'He called it "a disaster," Weber said.': the outer attribution is not content
                cut = fr.source[0]
                while cut > a and v.norm[cut - 1] in ' ,"':
                    cut -= 1
                if cut > a:
                    other.content[-1] = (a, cut)
    if (
        out
        and lows
        and (lows[0] in SUBORDINATORS or (n > 1 and lows[0] in ("and", "but") and lows[1] in SUBORDINATORS))
    ):
        end_subordinate(v, out)
    for c in [k for k in range(1, n - 1) if lows[k] == ":"]:
        # "Pollsters agree - Carl Bialik: “One of the lessons ...”": a name, a colon, a quotation
        if t[c].text != ":" or v.q[c] or t[c + 1].text != '"' or len(out) >= MAX_FRAMES:
            continue
        k = c - 1
        while k >= 0 and c - k <= 5 and t[k].cap and t[k].word and not v.q[k]:
            k -= 1
        if k == c - 1 or (k >= 0 and t[k].word and t[k].low not in ("from", "-")):
            continue
        if any(f.cue[0] < t[c].start and f.content and f.content[0][0] >= t[c].start for f in out):
            continue  # "X said: ..." is already a claim
        quote = v.quote_span_at(t[c + 1].start)
        src = t[k + 1 : c]
        if quote is None or not v.valid_source(src):
            continue
        out.append(
            Frame(
                cue=(t[c].start, t[c].end),
                cue_class="speech",
                cue_lemma=":",
                sentence=v.sent,
                content=[(t[c + 1].start, min(quote[1] + 1, v.sent[1]))],
                source=(src[0].start, src[-1].end),
                source_tokens=list(src),
                shape="speaker",
            )
        )
    if len(out) > 1:
        # Inside another claim's reported clause, a document verb ("polls show") or a verb that
        # is only a cue before "that" ("conceded that") is part of what was said, not a claim.
        weak = [
            fr
            for fr in out
            if (
                fr.cue_class == "evidence"
                or v.norm[fr.cue[0] : fr.cue[1]].split(" ", 1)[0].casefold() not in lex.cue_class
            )
            and fr.shape not in ("according", "nominal", "speaker", "asked")
            and any(
                o is not fr and o.cue_class != "evidence" and any(a <= fr.cue[0] < b for a, b in o.content)
                for o in out
            )
        ]
        if weak:
            out = [fr for fr in out if all(fr is not w for w in weak)]
    if not out and IN_DOCUMENT_FRAMES:
        fr = in_document(v)
        if fr is not None:
            out.append(fr)
    questions = asked(v, out, lows)
    if questions:
        # "When asked whom she supported, ...": nothing inside the question is a claim
        out = [f for f in out if not any(a <= f.cue[0] < b for q in questions for a, b in q.content)]
        out.extend(questions)
    with_auxiliaries(v, out)
    return out
