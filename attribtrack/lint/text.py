"""Light text helpers for the rules: word lists from ``data/lint.toml``, paragraphs, sentences.

The extractor owns real segmentation; the rules that read text directly (AT104, AT105) only need
paragraph and sentence spans of the prose, and the word lists a journalist can edit.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from attribtrack.plain import Span

__all__ = ["lexicon", "paragraphs", "phrase_pattern", "sentences"]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists of ``attribtrack/data/lint.toml``."""
    with resources.files("attribtrack.data").joinpath("lint.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=64)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``phrases`` on word boundaries."""
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases if p), key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def paragraphs(text: str) -> tuple[Span, ...]:
    """Spans of the paragraphs of ``text``: runs of non-blank lines, whitespace trimmed -- the
    extractor's own split, so that checks and claims agree on where a paragraph ends."""
    from attribtrack.extractor.segment import paragraphs as split  # the checks extract anyway

    return tuple(split(text))


_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+(?:[-*+]\s+|\d+[.)]\s+)?[\"'\u201c\u2018(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in lexicon()["sentences"]["abbreviations"])


def _heading_end(text: str, start: int, end: int) -> int | None:
    """A paragraph's first line that ends without punctuation and has more lines after it is a
    title or heading of its own ("crocus mall" above the first paragraph)."""
    newline = text.find("\n", start, end)
    if newline < 0:
        return None
    line = text[start:newline].rstrip()
    if not line or line[-1] in ".!?:;,\"'\u201d\u2019)":
        return None
    return start + len(line)


def sentences(text: str, paras: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
    """Sentence spans inside each paragraph. Abbreviations ("U.S.", "Gen.") do not end one."""
    abbreviations = _abbreviations()
    out: list[Span] = []
    for p_start, p_end in paras if paras is not None else paragraphs(text):
        start = p_start
        heading = _heading_end(text, p_start, p_end)
        if heading is not None:
            out.append((p_start, heading))
            start = heading + 1
            while start < p_end and text[start].isspace():
                start += 1
        for m in _END.finditer(text, start, p_end):
            if m.group().startswith(".") and len(m.group()) == 1:
                w = _WORD_BEFORE.search(text, max(p_start, m.start() - 12), m.end())
                if w and (w.group(1).lower() in abbreviations or len(w.group(1)) == 1):
                    continue
                if w and w.group(1) == "No" and text[m.end() : m.end() + 2].strip()[:1].isdigit():
                    continue  # "No. 5"
            out.append((start, m.end()))
            start = m.end()
            while start < p_end and text[start].isspace():
                start += 1
        if start < p_end:
            out.append((start, p_end))
    return tuple(out)
