"""Hand-built claims for the lint tests: find words in a text and make spans of them."""

from __future__ import annotations

from attribtrack.models import Claim, Claims, DocumentRef, Source, TextSpan
from attribtrack.targets import sha256_text


def at(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def claim(
    text: str,
    sentence: str,
    *,
    id: str = "c1",
    kind: str = "indirect",
    content: str | None = None,
    cue: str | None = None,
    source: str | None = None,
    name: str | None = None,
    type: str = "person",
    entity: str | None = "e1",
) -> Claim:
    span = at(text, sentence)
    return Claim(
        id=id,
        kind=kind,  # type: ignore[arg-type]
        span=span,
        text=sentence,
        content=(TextSpan(text=content, span=at(text, content)),) if content else (),
        cue=TextSpan(text=cue, span=at(text, cue)) if cue else None,
        source=Source(name=name or source, mention=source, span=at(text, source), type=type, entity=entity)  # type: ignore[arg-type]
        if source
        else None,
    )


def claims(text: str, *items: Claim) -> Claims:
    return Claims(document=DocumentRef(sha256=sha256_text(text)), claims=items)
