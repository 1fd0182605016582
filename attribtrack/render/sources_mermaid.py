"""The source graph as a Mermaid flowchart (renders in GitHub Markdown inside a ```mermaid block).

Node ids are the graph's slugs made Mermaid-safe (``n_`` + letters, digits and underscores);
labels are always quoted, with Mermaid's entity codes for the characters that would end or
change them (``"`` ``#`` ``<`` ``>`` and the rest of Markdown's specials in labels).
"""

from __future__ import annotations

import re

from attribtrack.sources.model import SourceGraph

_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "|": "#124;", "`": "#96;"}
_SHAPES = {
    "article": ('{{"', '"}}'),
    "outlet": ('["', '"]'),
    "channel": ('[["', '"]]'),
    "person": ('(["', '"])'),
    "organization": ('(["', '"])'),
    "group": ('(["', '"])'),
    "anonymous": ('(["', '"])'),
    "document": ('(["', '"])'),
}
_ARROWS = {"via": "-->", "cited-by": "==>", "confirmed-by": "-.->"}


def escape(text: str) -> str:
    out = "".join(_ENTITIES.get(ch, ch) for ch in text)
    return " ".join(out.split())


def node_id(slug: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", slug)


def render_mermaid(graph: SourceGraph) -> str:
    out = ["flowchart LR"]
    for node in graph.nodes:
        left, right = _SHAPES[node.type]
        label = "<br/>".join(escape(x) for x in (node.name, *node.roles))
        out.append(f"  {node_id(node.id)}{left}{label}{right}")
    for edge in graph.edges:
        label = escape(f"{edge.relation.replace('-', ' ')} ({', '.join(edge.claims)})")
        out.append(f'  {node_id(edge.source)} {_ARROWS[edge.relation]}|"{label}"| {node_id(edge.target)}')
    return "\n".join(out) + "\n"
