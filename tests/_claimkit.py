"""Hand-built claims for alignment and comparison tests (independent of the extractor).

``claim(text, sentence, ...)`` finds ``sentence`` in ``text`` (the ``nth`` occurrence) and the
source, cue, content, hedge and confirmation words inside it, and builds the :class:`Claim`
with real character spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from attribtrack.models import Claim, ClaimKind, Claims, Cue, CueClass, DocumentRef, Ref, Source, TextSpan


def claim(
    text: str,
    sentence: str,
    *,
    id: str = "c1",
    kind: ClaimKind = "indirect",
    source: str | None = None,
    name: str | None = None,
    role: str | None = None,
    cue: str | None = None,
    cue_class: CueClass | None = None,
    content: Sequence[str] = (),
    hedges: Sequence[str] = (),
    confirmed_by: Sequence[str] = (),
    nth: int = 0,
) -> Claim:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sentence, start + 1)
    end = start + len(sentence)

    def span(words: str) -> tuple[int, int]:
        at = text.index(words, start, end)
        return (at, at + len(words))

    return Claim(
        id=id,
        kind=kind,
        span=(start, end),
        text=sentence,
        content=tuple(TextSpan(text=c, span=span(c)) for c in content),
        cue=Cue(text=cue, span=span(cue), class_=cue_class) if cue else None,
        source=Source(name=name or source, mention=source, span=span(source), type="person", role=role)
        if source
        else None,
        hedges=tuple(TextSpan(text=h, span=span(h)) for h in hedges),
        confirmed_by=tuple(Ref(name=c, mention=c, span=span(c), type="outlet") for c in confirmed_by),
    )


def claims(*items: Claim) -> Claims:
    return Claims(document=DocumentRef(sha256="0" * 64), claims=tuple(items))
