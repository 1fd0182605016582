"""JSON written in pieces, the bytes of ``json.dumps(value, sort_keys=True, ensure_ascii=False,
indent=...)``: a long text's claims are written one at a time, never held whole as text.

Pydantic-free (``tests/test_architecture.py``): ``claims FILE --format json`` writes the
extractor's plain values through it without importing the models (a tenth of a second of CPU).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any

__all__ = ["Raw", "json_chunks"]


class Raw(str):
    """An item of a top-level list already written as JSON, at its place (indented as
    :func:`json_chunks` would indent it there): written as it is. The extractor writes its claims
    so, without making their dicts."""


def json_chunks(value: dict[str, Any], indent: int | None = None) -> Iterator[str]:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, indent=indent)`` in pieces: the
    same bytes, with each top-level list (or iterator) written one item at a time, so that a list
    of many items need never be held whole, as values or as text."""
    dump = partial(json.dumps, sort_keys=True, ensure_ascii=False, indent=indent) if indent is None else None
    if not value:
        yield "{}"
        return
    nl = "\n" if indent is not None else ""
    one = " " * indent if indent is not None else ""
    yield "{" + nl
    for i, key in enumerate(sorted(value)):
        item = value[key]
        yield ("," + nl if indent is not None else ", ") if i else ""
        yield one + _string(key) + ": "
        if not isinstance(item, (list, tuple, Iterator)):
            yield dump(item) if dump is not None else _indented(item, one, 1)
            continue
        # The items are written in batches: a piece a claim went through every generator above
        # (the CLI's writer, the claims renderer), 80,000 times for a text of short claims.
        first = True
        batch: list[str] = []
        pad = one * 2
        sep = "," + nl if indent is not None else ", "
        for x in item:
            batch.append("[" + nl + pad if first else sep + pad)
            batch.append(x if type(x) is Raw else dump(x) if dump is not None else _indented(x, one, 2))
            first = False
            if len(batch) >= _BATCH:
                yield "".join(batch)
                batch = []
        if batch:
            yield "".join(batch)
        yield "[]" if first else nl + one + "]"
    yield nl + "}"


_string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # json.dumps's, for str
_BATCH = 128  # pieces of a list's items (two an item) joined into one written piece


def _indented(value: Any, one: str, level: int) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, indent=len(one))`` at nesting
    ``level``: the same text, built directly (json's indenting encoder is pure Python and yields
    every token: most of the time of writing a long text's claims). Leaves (strings, ints, None,
    empty lists and ``(start, end)`` spans) are written in their container's loop, not by a call
    each: a claim has some forty of them."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    t = type(value)
    if t is str:
        return _string(value)
    if t is int:
        return _int(value)
    if t is dict:
        if not value:
            return "{}"
        layout = _DICTS.get(tuple(value))
        if layout is None:
            layout = _dict_layout(value)
        if layout:
            sep, inner, close = _LEVELS.get((one, level)) or _layout(one, level)
            parts: list[str] = []
            append = parts.append
            deeper = level + 1
            span = None  # a (start, end) span's pieces at the next level, made when first needed
            for k, head in layout:
                v = value[k]
                tv = type(v)
                if tv is str:
                    append(head + _string(v))
                elif v is None:
                    append(head + "null")
                elif tv is int:
                    append(head + _int(v))
                elif (tv is tuple or tv is list) and len(v) < 3:
                    if not v:
                        append(head + "[]")
                    elif len(v) == 2 and type(v[0]) is int and type(v[1]) is int:
                        if span is None:
                            s2, i2, c2 = _LEVELS.get((one, deeper)) or _layout(one, deeper)
                            span = ("[" + i2, s2, c2 + "]")
                        append(head + span[0] + _int(v[0]) + span[1] + _int(v[1]) + span[2])
                    else:
                        append(head + _indented(v, one, deeper))
                else:
                    append(head + _indented(v, one, deeper))
            return "{" + inner + sep.join(parts) + close + "}"
    elif t is list or t is tuple:
        if not value:
            return "[]"
        sep, inner, close = _LEVELS.get((one, level)) or _layout(one, level)
        deeper = level + 1
        items = [
            _string(x) if type(x) is str else _int(x) if type(x) is int else _indented(x, one, deeper)
            for x in value
        ]
        return "[" + inner + sep.join(items) + close + "]"
    # anything else (floats, other keys, subclasses): json itself, indented to this level
    out = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=len(one))
    return out.replace("\n", "\n" + one * level)


_int = int.__repr__
#: (indent string, level) -> (separator, opening, closing) white space of a container's items
_LEVELS: dict[tuple[str, int], tuple[str, str, str]] = {}
#: a dict's keys in its own order -> its keys in sorted order, each with its JSON and ": " (or
#: () when a key is not a str: json itself writes it); a claim's dicts have a few such layouts,
#: written millions of times
_DICTS: dict[tuple[Any, ...], tuple[tuple[str, str], ...]] = {}
_DICT_LIMIT = 1024


def _dict_layout(value: dict[Any, Any]) -> tuple[tuple[str, str], ...]:
    layout: tuple[tuple[str, str], ...] = ()
    if all(type(k) is str for k in value):
        layout = tuple((k, _string(k) + ": ") for k in sorted(value))
    if len(_DICTS) < _DICT_LIMIT and len(value) <= 32:
        _DICTS[tuple(value)] = layout
    return layout


def _layout(one: str, level: int) -> tuple[str, str, str]:
    inner = "\n" + one * (level + 1)
    got = ("," + inner, inner, "\n" + one * level)
    if len(_LEVELS) < 256:
        _LEVELS[(one, level)] = got
    return got
