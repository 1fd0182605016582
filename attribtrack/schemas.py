"""Names that ``attribtrack schema NAME`` knows, and the model behind each.

Kept as import strings (no pydantic import here) so the CLI can list the names at start-up.
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
    "finding": "attribtrack.models:Finding",
    "diff": "attribtrack.compare.model:RevisionDiff",
    "verify": "attribtrack.sources.model:Verification",
    "sources": "attribtrack.sources.model:SourceGraph",
}


def json_schema(name: str) -> str:
    """The JSON Schema of the model called ``name``, as stable, indented JSON."""
    module, attr = SCHEMAS[name].split(":")
    model: Any = getattr(importlib.import_module(module), attr)
    return json.dumps(model.model_json_schema(by_alias=True), indent=2, sort_keys=True)
