"""Speaker-label frames: ``NAME: "CONTENT"``.

'Harbour talk - Tomas Reed: "We were never told."' (invented): a few capitalised words, a colon
and a quotation; the name is the source, the colon the cue.
"""

from __future__ import annotations

from attribtrack.extractor.frames.view import Frame, SentenceView
from attribtrack.extractor.frames.words import MAX_FRAMES


def add_speaker_labels(v: SentenceView, out: list[Frame], lows: list[str]) -> None:
    """Append to ``out`` a frame for each ``NAME: "..."`` not already a claim, up to
    :data:`MAX_FRAMES` in all."""
    t = v.t
    n = v.n
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
