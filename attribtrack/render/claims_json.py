"""``claims/1`` JSON written in pieces, for every target: files, standard input and stored
revisions, as one document (``--format json``) or one line (``--format jsonl``).

The bytes are those of ``claims_for(...).to_json(indent=...)``
(:mod:`attribtrack.extractor.cache`), but nothing holds every claim as a model: a file's claims
are written as they are made (:func:`attribtrack.extractor.pipeline.extract_json`); a stored
revision's cached entry (compact ``claims/1`` JSON) is walked a claim at a time, twice -- first
to validate each claim and entity (a corrupt entry is recomputed, as ever, before a byte is
written), then to write them -- and a new extraction is made once, compact, cached, and written
from that string. Peak memory is then the text and one copy of its claims' compact JSON, where
the models of a 50 MB story's claims took gigabytes (``benchmarks/bench_hardening.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from typing import Any

__all__ = ["claims_json", "cached_chunks"]

_SPACE = re.compile(r"[ \t\n\r]*")
_decode = json.JSONDecoder().raw_decode


class _Corrupt(Exception):
    """The cached entry is not ``claims/1`` JSON (recompute it)."""


def claims_json(
    loaded: Any,
    *,
    store: str | None = None,
    indent: int | None = None,
    titles: tuple[str, ...] = (),
    outlets: dict[str, list[str]] | None = None,
) -> Iterator[str]:
    """``claims_for(loaded, ...).to_json(indent=indent)`` in pieces (see the module docstring).
    ``store`` is the ``--store`` override; only a stored revision opens it."""
    from attribtrack.extractor.pipeline import extract_json

    fresh = lambda width, doc: extract_json(  # noqa: E731
        loaded.text, document=doc, published=loaded.published, indent=width, outlets=outlets or None,
        titles=titles,
    )  # fmt: skip
    if loaded.document is None or titles or outlets:  # never cached (house style changes claims)
        # DocumentRef's dump, without the models: a file's claims are written with no pydantic
        plain = {"id": loaded.document, "revision": loaded.revision, "sha256": loaded.sha256}
        yield from fresh(indent, _document({**plain, "title": loaded.title}))
        return
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.models import DocumentRef
    from attribtrack.store import open_store

    doc = DocumentRef(id=loaded.document, revision=loaded.revision, sha256=loaded.sha256, title=loaded.title)

    with open_store(store) as st:
        raw = st.cached_claims(loaded.sha256, EXTRACTOR_VERSION)
        if raw is not None:
            try:
                chunks = cached_chunks(raw, doc.to_dict(), indent)
            except _Corrupt:
                raw = None
        if raw is None:
            raw = "".join(fresh(None, doc))
            st.put_claims(loaded.sha256, EXTRACTOR_VERSION, raw)  # False on a read-only store: fine
            if indent is None:  # the entry is the line
                yield raw
                return
            chunks = _fresh_chunks(raw, doc.to_dict(), indent)
    yield from chunks


def _document(plain: dict[str, Any]) -> dict[str, Any]:
    """``DocumentRef(**plain).to_dict()``: the values themselves when they are of its types (a
    loaded target's always are), else through the model (which says what is wrong)."""
    if (
        type(plain["sha256"]) is str
        and all(plain[k] is None or type(plain[k]) is str for k in ("id", "title"))
        and (plain["revision"] is None or type(plain["revision"]) is int)
    ):
        return plain
    from attribtrack.models import DocumentRef

    return DocumentRef(**plain).to_dict()


def cached_chunks(raw: str, document: dict[str, Any], indent: int | None) -> Iterator[str]:
    """A cached ``claims/1`` entry with ``document`` in place of its own, in pieces, as
    ``Claims.model_validate_json(raw)`` would have written it. Every claim and entity is
    validated first (:class:`_Corrupt` if one is not), so a bad entry is known before anything
    is written. An item is then written as it decodes when that is its model's dump (always, for
    an entry attribtrack wrote), else as its model's dump."""
    from pydantic import ValidationError

    from attribtrack.models import CLAIMS_SCHEMA, DocumentRef

    models = _models()
    canonical = [True]

    def check(key: str, start: int, end: int, item: Any) -> None:
        if canonical[0] and models[key].model_validate_json(raw[start:end]).to_dict() != item:
            canonical[0] = False
        elif not canonical[0]:
            models[key].model_validate_json(raw[start:end])

    try:
        members = _members(raw, check)
        if members.get("schema") != CLAIMS_SCHEMA or not set(members) <= {*models, "schema", "document"}:
            raise _Corrupt
        DocumentRef.model_validate(members["document"])
    except (ValueError, KeyError, IndexError, TypeError, ValidationError):
        # (a ValidationError is a ValueError; KeyError: a list other than claims and entities)
        raise _Corrupt from None
    if canonical[0]:
        return _chunks(raw, members, document, indent)

    def dumped(key: str, at: int) -> Iterator[Any]:
        return (models[key].model_validate_json(raw[s:e]).to_dict() for s, e, _ in _items(raw, at))

    return _chunks(raw, members, document, indent, dumped)


def _fresh_chunks(raw: str, document: dict[str, Any], indent: int | None) -> Iterator[str]:
    """An entry this process has just written from the extractor's own values, in pieces."""
    return _chunks(raw, _members(raw, None), document, indent)


def _models() -> dict[str, Any]:
    from attribtrack.models import Claim, Entity

    return {"claims": Claim, "entities": Entity}


def _chunks(
    raw: str, members: dict[str, Any], document: dict[str, Any], indent: int | None, items: Any = None
) -> Iterator[str]:
    """The entry's members with ``document`` in place, its lists read again as they are written:
    each item as it decodes, or as ``items(key, start)`` gives them."""
    from attribtrack.models import json_chunks

    if items is None:
        items = lambda key, at: (item for _, _, item in _items(raw, at))  # noqa: E731
    value = {key: items(key, m.start) if isinstance(m, _List) else m for key, m in members.items()}
    value["document"] = document
    for key in ("claims", "entities"):  # the model's defaults, written as it writes them
        value.setdefault(key, ())
    return json_chunks(value, indent)


class _List:
    """A top-level list of the entry, whose ``[`` is at ``start`` (its items are read when written)."""

    def __init__(self, start: int) -> None:
        self.start = start


def _skip(raw: str, i: int) -> int:
    return _SPACE.match(raw, i).end()  # type: ignore[union-attr]


def _members(raw: str, each: Any) -> dict[str, Any]:
    """The entry's top-level members: a list as a :class:`_List` (``each(key, start, end, item)``,
    when given, is called on each of its items as it is passed over), anything else decoded."""
    i = _skip(raw, 0)
    if raw[i] != "{":
        raise ValueError("not an object")
    i = _skip(raw, i + 1)
    members: dict[str, Any] = {}
    while raw[i] != "}":
        key, i = _decode(raw, i)
        if not isinstance(key, str) or key in members:
            raise ValueError("bad key")
        i = _skip(raw, i)
        if raw[i] != ":":
            raise ValueError("no ':'")
        i = _skip(raw, i + 1)
        if raw[i] == "[":
            members[key] = _List(i)
            items = _items(raw, i)
            while True:
                try:
                    start, end, item = next(items)
                except StopIteration as stop:  # the list's end
                    i = stop.value
                    break
                if each is not None:
                    each(key, start, end, item)
        else:
            members[key], i = _decode(raw, i)
        i = _skip(raw, i)
        if raw[i] == ",":
            i = _skip(raw, i + 1)
        elif raw[i] != "}":
            raise ValueError("no ',' or '}'")
    if _skip(raw, i + 1) != len(raw):
        raise ValueError("extra data")
    return members


def _items(raw: str, i: int) -> Generator[tuple[int, int, Any], None, int]:
    """(start, end, decoded item) of each item of the list whose ``[`` is at ``i``; returns the
    position after its ``]``."""
    i = _skip(raw, i + 1)
    if raw[i] == "]":
        return i + 1
    while True:
        item, end = _decode(raw, i)
        yield i, end, item
        i = _skip(raw, end)
        if raw[i] == "]":
            return i + 1
        if raw[i] != ",":
            raise ValueError("no ',' or ']'")
        i = _skip(raw, i + 1)
