"""The data model: frozen pydantic values shared by every stage.

Spans are ``(start, end)`` character offsets (Python ``str`` indices) into the document text
exactly as read. Identity (claim ids, revision numbers) is assigned by the stage that owns it;
these classes only carry it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]
EntityType = Literal["person", "organization", "outlet", "group", "anonymous", "document"]
ClaimKind = Literal["direct", "indirect", "mixed", "unattributed"]
DocumentKind = Literal["article", "source"]
Severity = Literal["error", "warning", "info"]

CLAIMS_SCHEMA = "attribtrack.claims/1"


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, *, indent: int | None = None) -> str:
        """Stable JSON: sorted keys, no ASCII escaping, same bytes for the same value."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=indent)


# --- outlets and documents -------------------------------------------------------------------


class Outlet(Model):
    """A news organisation or channel, with the names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


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
    cue: TextSpan | None = None
    source: Source | None = None
    via: tuple[Ref, ...] = ()
    confirmed_by: tuple[Ref, ...] = ()
    hedges: tuple[TextSpan, ...] = ()
    date: DateRef | None = None


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


# --- findings --------------------------------------------------------------------------------


class Finding(Model):
    """One rule violation. Line and column are computed only when rendering."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str | None = None
    span: Span
    claim: str | None = None
