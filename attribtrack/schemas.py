"""Names that ``attribtrack schema NAME`` knows, and the model behind each.

Kept as import strings (no pydantic import here) so the CLI can list the names at start-up. A
target is a pydantic model, a dataclass (its schema from pydantic's dataclass support) or a
function returning the schema. Every schema carries ``$schema`` (JSON Schema 2020-12, what
pydantic writes) and an ``$id`` naming it (an identifier; nothing is fetched from it).
"""

from __future__ import annotations

import importlib
import json
from typing import Any

SCHEMAS: dict[str, str] = {
    "outlet": "attribtrack.models:Outlet",
    "document": "attribtrack.models:Document",
    "revision": "attribtrack.models:Revision",
    "entity": "attribtrack.models:Entity",
    "claim": "attribtrack.models:Claim",
    "claims": "attribtrack.models:Claims",
    "finding": "attribtrack.schemas:finding_schema",
    "findings": "attribtrack.schemas:findings_schema",
    "diff": "attribtrack.compare.model:RevisionDiff",
    "verify": "attribtrack.sources.model:Verification",
    "sources": "attribtrack.sources.model:SourceGraph",
}

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://github.com/attribtrack/attribtrack/schemas/"
FINDINGS_SCHEMA = "attribtrack.findings/1"

#: the 1-based positions `check --format json` adds to each finding (columns count code points)
_POSITIONS = {
    "line": "Line of the span's start (1-based).",
    "column": "Column of the span's start (1-based, in code points).",
    "end_line": "Line of the span's end (1-based).",
    "end_column": "Column of the span's end (1-based, in code points).",
}


def schema_of(target: Any) -> dict[str, Any]:
    """The JSON Schema of a pydantic model or a (plain) dataclass, aliases as field names."""
    if hasattr(target, "model_json_schema"):
        return target.model_json_schema(by_alias=True)
    from pydantic import TypeAdapter

    return TypeAdapter(target).json_schema(by_alias=True)


def finding_schema() -> dict[str, Any]:
    """A finding as ``check --format json`` writes it: the value plus its rendered positions."""
    from attribtrack.plain import Finding

    schema = schema_of(Finding)
    for name, description in _POSITIONS.items():
        schema["properties"][name] = {"type": "integer", "minimum": 1, "description": description}
    schema["description"] = (
        "One rule violation. `span` is (start, end) offsets into the draft as read; the line and "
        "column fields are those of `check --format json`."
    )
    return schema


def findings_schema() -> dict[str, Any]:
    """``attribtrack.findings/1``: the document ``check --format json`` prints."""
    item = finding_schema()
    item.pop("title", None)
    return {
        "title": "Findings",
        "description": "`attribtrack check --format json`: every finding of every draft, in order.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "findings"],
        "properties": {
            "schema": {"const": FINDINGS_SCHEMA},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
        },
        "$defs": {"Finding": item},
    }


def json_schema(name: str) -> str:
    """The JSON Schema of the contract called ``name``, as stable, indented JSON."""
    module, attr = SCHEMAS[name].split(":")
    target: Any = getattr(importlib.import_module(module), attr)
    schema = target() if module == __name__ else schema_of(target)
    schema = {"$schema": DIALECT, "$id": f"{ID_BASE}{name}.json", **schema}
    return json.dumps(schema, indent=2, sort_keys=True)
