"""``claims/1`` JSON read back as it is written, a claim at a time: the rows of the ``claims``
table and the ``--class`` filter, for a target of any size.

The pieces are those of :func:`attribtrack.render.claims_json.claims_json` (or a worker's line):
compact JSON, keys sorted, so ``claims`` comes first and each claim is decoded, used and dropped
before the next is read. Nothing holds every claim, as text or as values: a 50 MB story's models
took gigabytes (issue 14).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from attribtrack.plain import CLAIMS_SCHEMA

__all__ = ["claims_of", "filtered", "of_classes"]

#: The members of a ``claims/1`` document, in the order it is written (sorted).
KEYS = ("claims", "document", "entities", "schema")

_SPACE = re.compile(r"[ \t\n\r]*")
_decode = json.JSONDecoder().raw_decode


class _Reader:
    """A JSON object arriving in pieces, read member by member: a list member's items one at a
    time, anything else whole."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self._text = ""
        self._at = 0
        self._done = False

    def _more(self) -> bool:
        """Read on: at least as much again as is left unread (so a value cut across many small
        pieces costs linear time), False at the end of the pieces."""
        if self._done:
            return False
        left = self._text[self._at :]
        got = [left]
        size = 0
        for chunk in self._chunks:
            got.append(chunk)
            size += len(chunk)
            if size >= max(len(left), 1 << 16):
                break
        else:
            self._done = True
        self._text, self._at = "".join(got), 0
        return size > 0

    def _char(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            self._at = _SPACE.match(self._text, self._at).end()  # type: ignore[union-attr]
            if self._at < len(self._text):
                return self._text[self._at]
            if not self._more():
                return ""

    def _expect(self, chars: str) -> str:
        c = self._char()
        if not c or c not in chars:
            raise ValueError(f"claims JSON: expected one of {chars!r} at {c!r}")
        self._at += 1
        return c

    def _value(self) -> Any:
        self._char()
        while True:
            try:
                value, end = _decode(self._text, self._at)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise
            # A number may go on in the next piece ("12" of "125"); anything else has ended.
            if end == len(self._text) and isinstance(value, (int, float)) and self._more():
                continue
            self._at = end
            return value

    def members(self) -> Iterator[tuple[str, Any]]:
        """(key, value) of each member; a list as an iterator of its items, to be read through
        before the next member is asked for."""
        self._expect("{")
        if self._char() == "}":
            self._at += 1
            return
        while True:
            key = self._value()
            self._expect(":")
            if self._char() == "[":
                self._at += 1
                items = self._items()
                yield key, items
                for _ in items:  # what the caller left unread
                    pass
            else:
                yield key, self._value()
            if self._expect(",}") == "}":
                break
        if self._char():
            raise ValueError("claims JSON: data after the document")

    def _items(self) -> Iterator[Any]:
        if self._char() == "]":
            self._at += 1
            return
        while True:
            yield self._value()
            if self._expect(",]") == "]":
                return


def claims_of(chunks: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Each claim of the ``claims/1`` JSON in ``chunks`` (compact, as ``claims_json`` writes it),
    as its plain value, in order. The rest of the document is read through (and dropped) after
    the last claim, so that whatever writes the pieces (a cache entry) finishes."""
    for key, value in _Reader(chunks).members():
        if key == "claims":
            yield from value


def of_classes(classes: Collection[str]) -> Callable[[dict[str, Any]], bool]:
    """Whether a claim's cue is of one of ``classes``, as
    :func:`attribtrack.extractor.cueclass.with_classes` keeps it (a claim with no cue: never)."""
    wanted = frozenset(classes)

    def keep(claim: dict[str, Any]) -> bool:
        cue = claim.get("cue")
        return cue is not None and cue.get("class") in wanted

    return keep


def filtered(
    chunks: Iterable[str], keep: Callable[[dict[str, Any]], bool], indent: int | None
) -> Iterator[str]:
    """The ``claims/1`` JSON in ``chunks`` with only the claims ``keep`` accepts, in pieces, as
    ``Claims.to_json(indent=indent)`` of the filtered claims: entities, document and schema as
    they were."""
    from attribtrack.json_pieces import json_chunks

    members = _Reader(chunks).members()
    key, claims = next(members)
    if key != "claims":
        raise ValueError(f"claims JSON: {key!r} before 'claims'")
    return json_chunks(_Later(members, {"claims": (c for c in claims if keep(c))}), indent)


class _Later(dict):  # type: ignore[type-arg]
    """The members of a ``claims/1`` document for :func:`json_chunks`, which asks for them in
    the order they are written: each after ``claims`` is read from the pieces when asked for (the
    claims having been written by then), never all at once."""

    def __init__(self, members: Iterator[tuple[str, Any]], first: dict[str, Any]) -> None:
        super().__init__(dict.fromkeys(KEYS))
        self._members = members
        self._first = first

    def __getitem__(self, key: str) -> Any:
        if key in self._first:
            return self._first[key]
        got, value = next(self._members, (None, None))
        if got != key:
            raise ValueError(f"claims JSON: {got!r} where {key!r} was expected")
        if key == "schema" and value != CLAIMS_SCHEMA:
            raise ValueError(f"claims JSON: schema {value!r}")
        return value
