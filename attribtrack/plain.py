"""Plain values for the paths that validate nothing: ``check`` in a fresh process, above all.

Importing pydantic and defining the models costs about a hundred milliseconds of CPU, more than
the rest of ``attribtrack check`` on an article. The extractor builds its output as plain values
anyway (``extract`` validates them into :class:`attribtrack.models.Claims` in one call), so the
check rules read them through the light classes here instead: same attribute names, same values,
no validation (``tests/test_plain.py`` holds the two to the same dump). ``Outlet`` and
``Finding`` are plain frozen dataclasses everywhere (``attribtrack.models`` re-exports them; their
JSON schemas come from pydantic's dataclass support when asked for).

Nothing here may import pydantic (``tests/test_architecture.py``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = [
    "CLAIMS_SCHEMA",
    "Finding",
    "Outlet",
    "PlainClaims",
    "Severity",
    "Span",
    "plain_claims",
]

Span = tuple[int, int]
EntityType = Literal["person", "organization", "outlet", "group", "anonymous", "document"]
ClaimKind = Literal["direct", "indirect", "mixed", "unattributed"]
DocumentKind = Literal["article", "source"]
CueClass = Literal["speech", "writing", "cognition", "intention", "evidence", "stance", "according"]
Severity = Literal["error", "warning", "info"]

CLAIMS_SCHEMA = "attribtrack.claims/1"


def _json(value: dict[str, Any], indent: int | None) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=indent)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news organisation or channel, with the names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))

    def to_json(self, *, indent: int | None = None) -> str:
        return _json(self.to_dict(), indent)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule violation. Line and column are computed only when rendering."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str | None = None
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))

    def to_json(self, *, indent: int | None = None) -> str:
        return _json(self.to_dict(), indent)


# How pydantic reads them for ``attribtrack schema`` (a plain dict: nothing imported here).
Outlet.__pydantic_config__ = Finding.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]


# --- claims, read-only ----------------------------------------------------------------------


class _Plain:
    """Attribute access to one validated-shape dict of the extractor's output."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The same dict as the pydantic model's ``to_dict()`` (JSON mode, aliases)."""
        out = {}
        for name in self._fields:
            value = getattr(self, name)
            key = {"class_": "class", "schema_": "schema"}.get(name, name)
            out[key] = _dump(value)
        return out

    def to_json(self, *, indent: int | None = None) -> str:
        return _json(self.to_dict(), indent)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.to_dict() == other.to_dict()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.to_dict()!r})"


def _dump(value: Any) -> Any:
    if isinstance(value, _Plain):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    return value


def _span(value: Any) -> Span | None:
    return None if value is None else (value[0], value[1])


class PlainTextSpan(_Plain):
    _fields = ("text", "span")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.text: str = d["text"]
        self.span: Span = _span(d["span"])  # type: ignore[assignment]


class PlainCue(_Plain):
    _fields = ("text", "span", "class_")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.text: str = d["text"]
        self.span: Span = _span(d["span"])  # type: ignore[assignment]
        self.class_: str | None = d.get("class", d.get("class_"))


class PlainSource(_Plain):
    _fields = ("name", "mention", "span", "type", "role", "entity")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.name: str = d["name"]
        self.mention: str = d["mention"]
        self.span: Span = _span(d["span"])  # type: ignore[assignment]
        self.type: str = d["type"]
        self.role: str | None = d.get("role")
        self.entity: str | None = d.get("entity")


class PlainRef(_Plain):
    _fields = ("name", "mention", "span", "type", "entity")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.name: str = d["name"]
        self.mention: str | None = d.get("mention")
        self.span: Span | None = _span(d.get("span"))
        self.type: str | None = d.get("type")
        self.entity: str | None = d.get("entity")


class PlainDateRef(_Plain):
    _fields = ("text", "span", "iso")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.text: str = d["text"]
        self.span: Span = _span(d["span"])  # type: ignore[assignment]
        self.iso: str | None = d.get("iso")


class PlainClaim(_Plain):
    _fields = (
        "id",
        "kind",
        "span",
        "text",
        "content",
        "cue",
        "source",
        "via",
        "confirmed_by",
        "hedges",
        "date",
    )
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.id: str = d["id"]
        self.kind: str = d["kind"]
        self.span: Span = _span(d["span"])  # type: ignore[assignment]
        self.text: str = d["text"]
        self.content = tuple(PlainTextSpan(x) for x in d.get("content", ()))
        cue, source, date = d.get("cue"), d.get("source"), d.get("date")
        self.cue = PlainCue(cue) if cue is not None else None
        self.source = PlainSource(source) if source is not None else None
        self.via = tuple(PlainRef(x) for x in d.get("via", ()))
        self.confirmed_by = tuple(PlainRef(x) for x in d.get("confirmed_by", ()))
        self.hedges = tuple(PlainTextSpan(x) for x in d.get("hedges", ()))
        self.date = PlainDateRef(date) if date is not None else None


class PlainEntity(_Plain):
    _fields = ("id", "name", "type", "roles", "mentions")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.id: str = d["id"]
        self.name: str = d["name"]
        self.type: str = d["type"]
        self.roles: tuple[str, ...] = tuple(d.get("roles", ()))
        self.mentions: tuple[Span, ...] = tuple((a, b) for a, b in d.get("mentions", ()))


class PlainDocumentRef(_Plain):
    _fields = ("id", "revision", "sha256", "title")
    __slots__ = _fields

    def __init__(self, d: Any) -> None:
        get = d.get if isinstance(d, dict) else lambda k, default=None: getattr(d, k, default)
        self.id: str | None = get("id")
        self.revision: int | None = get("revision")
        self.sha256: str = get("sha256")
        self.title: str | None = get("title")


class PlainClaims(_Plain):
    """``attribtrack.claims/1`` read-only: what the check rules read of :class:`Claims`."""

    _fields = ("schema_", "document", "claims", "entities")
    __slots__ = _fields

    def __init__(self, d: dict[str, Any]) -> None:
        self.schema_ = CLAIMS_SCHEMA
        self.document = PlainDocumentRef(d["document"])
        self.claims = tuple(PlainClaim(c) for c in d.get("claims", ()))
        self.entities = tuple(PlainEntity(e) for e in d.get("entities", ()))


def plain_claims(payload: dict[str, Any]) -> PlainClaims:
    """The extractor's plain output (see :func:`attribtrack.extractor.pipeline.extract_plain`)."""
    return PlainClaims(payload)
