"""The data model: frozen pydantic values shared by every stage.

Spans are ``(start, end)`` character offsets (Python ``str`` indices) into the document text
exactly as read. Identity (claim ids, revision numbers) is assigned by the stage that owns it;
these classes only carry it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The aliases, Outlet and Finding live in the pydantic-free attribtrack.plain (``check`` imports
# no pydantic); they are re-exported here, where the rest of the data model is.
from attribtrack.plain import (  # noqa: F401
    CLAIMS_SCHEMA,
    ClaimKind,
    CueClass,
    DocumentKind,
    EntityType,
    Finding,
    Outlet,
    Severity,
    Span,
)


class Model(BaseModel):
    # serialize_by_alias: model_dump()/model_dump_json() write the contract's names ("schema",
    # "class"), as to_dict()/to_json() do, not the Python attribute names ("schema_", "class_").
    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, defer_build=True, serialize_by_alias=True
    )

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, *, indent: int | None = None) -> str:
        """Stable JSON: sorted keys, no ASCII escaping, same bytes for the same value."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=indent)


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
        first = True
        for x in item:
            head = "[" + nl if first else ("," + nl if indent is not None else ", ")
            yield head + one * 2 + (dump(x) if dump is not None else _indented(x, one, 2))
            first = False
        yield "[]" if first else nl + one + "]"
    yield nl + "}"


_string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # json.dumps's, for str


def _indented(value: Any, one: str, level: int) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, indent=len(one))`` at nesting
    ``level``: the same text, built directly (json's indenting encoder is pure Python and yields
    every token: most of the time of writing a long text's claims)."""
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
        return int.__repr__(value)
    inner = "\n" + one * (level + 1)
    if t is dict:
        if not value:
            return "{}"
        if all(type(k) is str for k in value):
            parts = [_string(k) + ": " + _indented(value[k], one, level + 1) for k in sorted(value)]
            return "{" + inner + ("," + inner).join(parts) + "\n" + one * level + "}"
    elif t is list or t is tuple:
        if not value:
            return "[]"
        parts = [_indented(x, one, level + 1) for x in value]
        return "[" + inner + ("," + inner).join(parts) + "\n" + one * level + "]"
    # anything else (floats, other keys, subclasses): json itself, indented to this level
    out = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=len(one))
    return out.replace("\n", "\n" + one * level)


# --- outlets and documents -------------------------------------------------------------------


class Document(Model):
    """A versioned document: an article, or a document of a source (outlet, speaker, channel)."""

    id: str
    kind: DocumentKind = "article"
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    speaker: str | None = None
    channel: str | None = None


class Revision(Model):
    """One stored version of a document's text; content-addressed by ``sha256``."""

    document: str
    number: int
    sha256: str
    text: str
    ingested_at: datetime
    published_at: str | None = None
    title: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)


# --- claims ----------------------------------------------------------------------------------


class TextSpan(Model):
    text: str
    span: Span


class Cue(TextSpan):
    """The words that attribute a claim, and their class: speech ("said", "told"), writing
    ("wrote", "tweeted"), cognition ("believes"), intention ("plans"), evidence ("shows"),
    stance ("denied", "supports") or according ("according to"). ``class`` was added to
    ``attribtrack.claims/1`` after its first release: older documents may lack it (null)."""

    class_: CueClass | None = Field(None, alias="class")


class Source(Model):
    """Who said it: ``name`` is canonical, ``mention``/``span`` are the words at this claim."""

    name: str
    mention: str
    span: Span
    type: EntityType
    role: str | None = None
    entity: str | None = None


class Ref(Model):
    """An outlet, channel or entity a claim came through (via) or was confirmed by."""

    name: str
    mention: str | None = None
    span: Span | None = None
    type: EntityType | None = None
    entity: str | None = None


class DateRef(Model):
    text: str
    span: Span
    iso: str | None = None


class Claim(Model):
    id: str
    kind: ClaimKind
    span: Span
    text: str
    content: tuple[TextSpan, ...] = ()
    cue: Cue | None = None
    source: Source | None = None
    via: tuple[Ref, ...] = ()
    confirmed_by: tuple[Ref, ...] = ()
    hedges: tuple[TextSpan, ...] = ()
    date: DateRef | None = None

    @field_validator("cue", mode="before")
    @classmethod
    def _plain_cue(cls, value: Any) -> Any:
        # A bare TextSpan (no class) is still a cue: claims built before cue classes existed.
        if isinstance(value, TextSpan) and not isinstance(value, Cue):
            return {"text": value.text, "span": value.span}
        return value


class Entity(Model):
    id: str
    name: str
    type: EntityType
    roles: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()


class DocumentRef(Model):
    id: str | None = None
    revision: int | None = None
    sha256: str
    title: str | None = None


class Claims(Model):
    """``attribtrack.claims/1``: every claim of one text, with the entities they resolve to."""

    schema_: Literal["attribtrack.claims/1"] = Field(CLAIMS_SCHEMA, alias="schema")
    document: DocumentRef
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()
