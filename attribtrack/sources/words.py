"""Content words and crude stems, for judging whether a passage states what a claim says.

The function words and the endings stripped are data (``attribtrack/data/function_words.txt``,
``attribtrack/data/suffixes.txt``) that a journalist can read and extend.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> tuple[str, ...]:
    raw = resources.files("attribtrack").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(
        w.strip().casefold() for w in raw.splitlines() if w.strip() and not w.lstrip().startswith("#")
    )


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(_lines("function_words.txt"))


@lru_cache(maxsize=1)
def suffixes() -> tuple[str, ...]:
    return tuple(sorted(_lines("suffixes.txt"), key=len, reverse=True))


def stem(word: str) -> str:
    w = word.casefold()
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in suffixes():
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content_stems(words: Iterable[str]) -> frozenset[str]:
    """Stems of the content words among ``words`` (already normalised by the tokenizer)."""
    skip = function_words()
    return frozenset(stem(w) for w in words if len(w) >= 3 and w not in skip)
