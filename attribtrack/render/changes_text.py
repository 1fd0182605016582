"""Recorded change events as text (one line each) or JSON (sorted keys, stable)."""

from __future__ import annotations

import json
from typing import Any


def render_text(records: list[Any]) -> str:
    return "".join(f"{r.detected_at}  {r.id}  {r.type}  {r.detail}\n" for r in records)


def render_json(records: list[Any]) -> str:
    return json.dumps({"schema": "attribtrack.changes/1", "changes": [r.to_dict() for r in records]},
                      sort_keys=True, indent=2) + "\n"  # fmt: skip


_ATOM_EMPTY_UPDATED = "1970-01-01T00:00:00Z"


def render_atom(records: list[Any], urls: dict[str, str | None]) -> str:
    """The events as an Atom feed (RFC 4287) an editor subscribes to, newest first. Deterministic:
    the feed's ``updated`` is its newest event's time, ids are derived from the event ids."""
    from urllib.parse import quote
    from xml.sax.saxutils import escape, quoteattr

    newest = sorted(records, key=lambda r: (r.detected_at, r.id), reverse=True)
    updated = newest[0].detected_at if newest else _ATOM_EMPTY_UPDATED
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>attribtrack: attribution changes</title>",
        "  <id>urn:attribtrack:changes</id>",
        f"  <updated>{updated}</updated>",
        "  <author><name>attribtrack watch</name></author>",
        "  <generator>attribtrack</generator>",
    ]
    for r in newest:
        title = f"{r.type}: {r.title or r.document}"
        url = urls.get(r.document)
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>urn:attribtrack:change:{quote(r.id, safe='')}</id>",
            f"    <updated>{r.detected_at}</updated>",
            *([f"    <link rel=\"alternate\" href={quoteattr(url)}/>"] if url else []),
            f"    <category term={quoteattr(r.type)}/>",
            f"    <summary>{escape(r.detail or r.type)}</summary>",
            "    <content type=\"text\">"
            + escape(f"{r.id}\n{r.type}: {r.detail}\noutlet: {r.outlet or '-'}\n"
                     f"revisions {r.from_revision} -> {r.to_revision}; claims {r.old_claim or '-'} -> "
                     f"{r.new_claim or '-'}")
            + "</content>",
            "  </entry>",
        ]  # fmt: skip
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
