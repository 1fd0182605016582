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
from attribtrack.extractor.frames.asclause import with_as_clauses
from attribtrack.extractor.frames.content import (
    cut_outer_attributions,
    drop_nested,
    end_subordinate,
    with_relative_openers,
)
from attribtrack.extractor.frames.cues import candidates, refusal, verb_cue, with_auxiliaries
from attribtrack.extractor.frames.edges import (
    with_chain_heads,
    with_chains,
    with_document_dates,
    with_infinitive,
    with_prepositions,
    with_raised_subject,
    with_source_asides,
    with_source_openers,
    with_trailing_adverb,
    with_trailing_day,
    without_reduced_relatives,
)
from attribtrack.extractor.frames.nominal import nominal_at
from attribtrack.extractor.frames.passive import passive
from attribtrack.extractor.frames.pronouns import with_pronoun_heads
from attribtrack.extractor.frames.questions import with_questions
from attribtrack.extractor.frames.speaker import add_speaker_labels
from attribtrack.extractor.frames.trailing import after_quotation
from attribtrack.extractor.frames.verbs import phrase_cue, verb_frame
from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import IN_DOCUMENT_FRAMES, MAX_FRAMES, SUBORDINATORS


class SentenceFrames(SentenceView):
    """Finds the frames of one sentence. ``in_quote[i]`` says token i is inside a quotation."""

    def frames(self, cues: dict[str, str]) -> list[Frame]:
        """``cues``: form -> class, from the lexicon; passed in to keep lookups local."""
        return find_frames(self, cues)


def find_frames(v: SentenceView, cues: dict[str, str]) -> list[Frame]:
    """The frames of the sentence ``v``, in the order of their cues, then speaker labels and
    questions. ``cues``: form -> class, from the lexicon."""
    t = v.t
    lex = v.lex
    n = v.n
    out: list[Frame] = []
    consumed_until = -1
    lows = [x.low for x in t]
    for i in candidates(v, cues, lows):
        if v.q[i] or i <= consumed_until:
            continue
        low = lows[i]
        if low == "according" and i + 1 < n and t[i + 1].low == "to":
            fr = according(v, i)
            if fr:
                out.append(fr)
            continue
        fr = nominal_at(v, i)
        if fr is not None:
            out.append(fr)
            continue
        if low in lex.phrase_firsts:
            fr = phrase_cue(v, i, out)
            if fr is not None:
                out.append(fr)
                consumed_until = bisect_right(v.starts, fr.cue[1] - 1)
                continue
        cue = verb_cue(v, i, cues)
        if cue is None:
            continue
        if cue.passive:
            fr = passive(v, i, cue.cls, cue.lemma)
            if fr is not None:
                out.append(fr)
            continue
        fr = verb_frame(v, i, cue, out, lows)
        if fr is not None:
            if low in lex.refusals:
                consumed_until = refusal(v, fr, i, cues)
            out.append(fr)
            if len(out) >= MAX_FRAMES:
                break
    if v.quotes and len(out) < MAX_FRAMES:
        after_quotation(v, out)
    cut_outer_attributions(v, out)
    if (
        out
        and lows
        and (lows[0] in SUBORDINATORS or (n > 1 and lows[0] in ("and", "but") and lows[1] in SUBORDINATORS))
    ):
        end_subordinate(v, out)
    add_speaker_labels(v, out, lows)
    out = drop_nested(v, out)
    if not out and IN_DOCUMENT_FRAMES:
        fr = in_document(v)
        if fr is not None:
            out.append(fr)
    out = with_questions(v, out, lows)
    if not out:
        return out  # the steps below each change frames found (half the sentences of news have none)
    with_auxiliaries(v, out)
    with_chains(v, out)
    with_chain_heads(v, out)
    with_prepositions(v, out)
    with_infinitive(v, out)
    with_trailing_day(v, out)
    with_trailing_adverb(v, out)
    with_raised_subject(v, out)
    with_pronoun_heads(v, out)
    with_source_asides(v, out)
    with_relative_openers(v, out)
    with_source_openers(v, out)
    with_document_dates(v, out)
    with_as_clauses(v, out)
    return without_reduced_relatives(out)
