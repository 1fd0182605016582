"""Source documents to verify against: from the store (``ingest --kind source``) or from files.

A :class:`SourceText` is a document's latest text with its description (outlet, speaker,
channel, published). :class:`Indexed` adds what the matchers need, built once per document: its
words (Markdown front matter and HTML comments left out), their encoding, and its passages.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from attribtrack.models import Span
from attribtrack.sources.align import Tokens, Vocabulary, tokenize

if TYPE_CHECKING:
    from attribtrack.sources.model import SourceDoc
    from attribtrack.targets import Loaded

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
#: Sentence ends: . ! ? (and a closing quote) followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n\s*\n")


@dataclass(frozen=True)
class SourceText:
    """A source document's text and description. ``ref`` names it to the user (``DOC@N``)."""

    ref: str
    id: str
    text: str
    revision: int | None = None
    title: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    channel: str | None = None
    published: str | None = None

    def describe(self) -> SourceDoc:
        from attribtrack.sources.model import SourceDoc

        return SourceDoc(
            ref=self.ref, id=self.id, revision=self.revision, title=self.title, outlet=self.outlet,
            speaker=self.speaker, channel=self.channel, published=self.published,
        )  # fmt: skip


def not_prose(text: str) -> list[Span]:
    """Spans of ``text`` that are not the document's words: front matter and HTML comments."""
    spans: list[Span] = []
    m = _FRONT_MATTER.match(text)
    if m:
        spans.append(m.span())
    spans.extend(c.span() for c in _COMMENT.finditer(text))
    return spans


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of ``text[start:end]``, whitespace trimmed."""
    out: list[Span] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


class Indexed:
    """A source document prepared for matching; ``vocab`` is shared by every text of one run."""

    def __init__(self, doc: SourceText, vocab: Vocabulary) -> None:
        self.doc = doc
        skip = not_prose(doc.text)
        self.tokens: Tokens = tokenize(doc.text, skip=skip)
        self.code: str = vocab.encode(self.tokens.words)
        self._skip = skip

    @cached_property
    def ngrams(self) -> tuple[frozenset[str], frozenset[str]]:
        """The document's distinct words and adjacent word pairs (encoded): a cheap first test of
        which documents may hold a quote, before any alignment."""
        code = self.code
        return frozenset(code), frozenset(map(operator.add, code, code[1:]))

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans of the document's prose, in text order."""
        text = self.doc.text
        bounds: list[Span] = []
        pos = 0
        for s, e in sorted(self._skip):
            if s > pos:
                bounds.append((pos, s))
            pos = max(pos, e)
        bounds.append((pos, len(text)))
        out: list[Span] = []
        for s, e in bounds:
            out.extend(sentences(text, s, e))
        return out

    @cached_property
    def passage_stems(self) -> list[tuple[Span, frozenset[str]]]:
        """Passages — sentences and pairs of adjacent sentences (a claim often spans two) — each
        with the stems of its content words."""
        from bisect import bisect_left

        from attribtrack.sources.words import content_stems

        starts = [s for s, _ in self.tokens.spans]
        singles: list[tuple[Span, frozenset[str]]] = []
        for span in self.sentences:
            lo, hi = bisect_left(starts, span[0]), bisect_left(starts, span[1])
            singles.append((span, content_stems(self.tokens.words[lo:hi])))
        pairs = [((a[0][0], b[0][1]), a[1] | b[1]) for a, b in zip(singles, singles[1:], strict=False)]
        return singles + pairs


def from_store(store: Any, *, exclude: Iterable[str] = ()) -> list[SourceText]:
    """The latest revision of every ``kind: source`` document in an open store, sorted by id."""
    skip = set(exclude)
    out = []
    for info in store.documents(kind="source"):
        if info.id in skip:
            continue
        rev = store.revision(info.id)
        out.append(
            SourceText(
                ref=rev.ref,
                id=info.id,
                text=rev.text,
                revision=rev.number,
                title=rev.title or info.title,
                outlet=info.outlet,
                speaker=info.speaker,
                channel=info.channel,
                published=rev.published_at,
            )
        )
    return out


def from_loaded(loaded: Loaded, overrides: Mapping[str, str | None] | None = None) -> SourceText:
    """A source document read from a TARGET (a file's front matter gives outlet, speaker, ...)."""
    meta: dict[str, Any] = dict(loaded.metadata or {})
    meta.update({k: v for k, v in (overrides or {}).items() if v is not None})
    doc_id = loaded.document or _stem(loaded.label)
    return SourceText(
        ref=loaded.label,
        id=str(meta.get("doc") or doc_id),
        text=loaded.text,
        revision=loaded.revision,
        title=loaded.title or _str(meta.get("title")),
        outlet=_str(meta.get("outlet")),
        speaker=_str(meta.get("speaker")),
        channel=_str(meta.get("channel")),
        published=loaded.published or _str(meta.get("published")),
    )


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _stem(label: str) -> str:
    name = label.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def sort_documents(docs: Sequence[SourceText]) -> list[SourceText]:
    """Stable order for output: by id, then revision."""
    return sorted(docs, key=lambda d: (d.id, d.revision or 0, d.ref))
