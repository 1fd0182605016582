"""The OpenAPI 3.1 description of ``/api/...``, written by hand (the contract objects -- diff,
blame, sources, claims -- have their own JSON Schemas: ``attribtrack schema NAME``)."""

from __future__ import annotations

from typing import Any

_S = {"type": "string"}
_NS = {"type": ["string", "null"]}
_I = {"type": "integer"}


def _obj(props: dict[str, Any], required: list[str] | None = None, extra: bool = True) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": required or sorted(props),
            "additionalProperties": extra}  # fmt: skip


def _contract(name: str) -> dict[str, Any]:
    return _obj({"schema": {"const": name}}, ["schema"])


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


SCHEMAS: dict[str, Any] = {
    "Document": _obj(
        {
            "id": _S,
            "kind": {"enum": ["article", "source"]},
            "outlet": _NS,
            "title": _NS,
            "url": _NS,
            "speaker": _NS,
            "channel": _NS,
            "created_at": _S,
        },
        ["id", "kind"],
    ),  # fmt: skip
    "DocumentRow": {
        "allOf": [_ref("Document"), _obj({"revisions": _I, "latest": _NS}, ["revisions", "latest"])]
    },  # fmt: skip
    "Revision": _obj(
        {
            "document": _S,
            "number": _I,
            "sha256": _S,
            "ingested_at": _S,
            "published_at": _NS,
            "title": _NS,
            "size": _I,
            "chars": _I,
            "metadata": {"type": "object"},
            "claims": {"type": ["integer", "null"]},
        },
        ["document", "number", "sha256", "ingested_at"],
    ),  # fmt: skip
    "TimelineRevision": {
        "allOf": [
            _ref("Revision"),
            _obj(
                {"claims": _I, "changes": {"type": "object", "additionalProperties": _I}},
                ["claims", "changes"],
            ),
        ]
    },
    "Timeline": _obj(
        {"document": _ref("Document"), "revisions": {"type": "array", "items": _ref("TimelineRevision")}}
    ),
    "Documents": _obj({"documents": {"type": "array", "items": _ref("DocumentRow")}}, extra=False),
    "RevisionText": _obj(
        {"revision": _ref("Revision"), "text": _S, "claims": _contract("attribtrack.claims/1")}, extra=False
    ),  # fmt: skip
    "Diff": _contract("attribtrack.diff/1"),
    "Blame": _contract("attribtrack.blame/1"),
    "Sources": _contract("attribtrack.sources/1"),
    "Change": _obj(
        {"document": _S, "from_revision": _I, "to_revision": _I, "type": _S, "detail": _S, "detected_at": _S}
    ),  # fmt: skip
    "Changes": _obj({"changes": {"type": "array", "items": _ref("Change")}}, extra=False),
    "Error": _obj({"error": _S}, extra=False),
}

_DOC = {"name": "doc", "in": "path", "required": True, "schema": _S}


def _rev(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": _I}


def _get(summary: str, schema: str, params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": _ref(schema)}}}}
    if params and any(p["in"] == "path" for p in params):
        responses["404"] = {"description": "Unknown document or revision",
                            "content": {"application/json": {"schema": _ref("Error")}}}  # fmt: skip
    return {"get": {"summary": summary, "parameters": params or [], "responses": responses}}


def _query(name: str, what: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": _S, "description": what}


PATHS: dict[str, Any] = {
    "/api/documents": _get(
        "Documents, filtered by title/id, outlet and a claim's source",
        "Documents",
        [
            _query("q", "in the title or id"),
            _query("outlet", "in the outlet"),
            _query("source", "a source of the latest revision's claims"),
        ],
    ),  # fmt: skip
    "/api/documents/{doc}": _get(
        "A document's timeline: revisions, claim counts, changes per pair", "Timeline", [_DOC]
    ),  # fmt: skip
    "/api/documents/{doc}/revisions/{n}": _get(
        "One revision's text and claims", "RevisionText", [_DOC, _rev("n")]
    ),  # fmt: skip
    "/api/documents/{doc}/diff/{old}/{new}": _get(
        "The attribtrack.diff/1 of two revisions", "Diff", [_DOC, _rev("old"), _rev("new")]
    ),  # fmt: skip
    "/api/documents/{doc}/blame": _get("attribtrack.blame/1 of the latest revision", "Blame", [_DOC]),
    "/api/documents/{doc}/sources": _get("attribtrack.sources/1 of the latest revision", "Sources", [_DOC]),
    "/api/changes": _get("Change events the watcher recorded", "Changes", [_query("doc", "one document")]),
}


def openapi() -> dict[str, Any]:
    from attribtrack import __version__

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "attribtrack serve",
            "version": __version__,
            "description": "Read-only: only GET and HEAD; any other method answers 405.",
        },  # fmt: skip
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
