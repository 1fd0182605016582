"""The data model: frozen pydantic values shared by every stage.

Spans are ``(start, end)`` character offsets (Python ``str`` indices) into the document text
exactly as read. Identity (claim ids, revision numbers) is assigned by the stage that owns it;
these classes only carry it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The aliases, Outlet and Finding live in the pydantic-free attribtrack.plain (``check`` imports
# no pydantic); they are re-exported here, where the rest of the data model is.
from attribtrack.json_pieces import json_chunks  # noqa: F401  (re-exported: the models' writer)
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
    """An outlet, channel or entity a claim came through (via) or was confirmed by. A claim's via
    also names what its source cites as the claim's basis: in 'The White House, citing
    intelligence officials, said ...' the White House is the source and the officials the via."""

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
