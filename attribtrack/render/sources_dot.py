"""The source graph in Graphviz DOT: ``attribtrack sources TARGET --format dot | dot -Tsvg``.

Every id and label is a quoted DOT string (backslashes and double quotes escaped, line breaks
written as ``\\n``), so names from the article cannot break the graph.
"""

from __future__ import annotations

from attribtrack.sources.model import Edge, Node, SourceGraph

SHAPES = {
    "article": "note",
    "outlet": "box",
    "channel": "box",
    "person": "ellipse",
    "organization": "ellipse",
    "group": "ellipse",
    "anonymous": "ellipse",
    "document": "ellipse",
}
STYLES = {"via": "solid", "cited-by": "bold", "confirmed-by": "dashed"}


def quote(text: str) -> str:
    """A DOT quoted string."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{body}"'


def node_label(node: Node) -> str:
    lines = [node.name, *node.roles]
    if node.type in ("channel", "anonymous"):
        lines.append(f"({node.type})")
    return "\n".join(lines)


def edge_label(edge: Edge) -> str:
    return f"{edge.relation.replace('-', ' ')} ({', '.join(edge.claims)})"


def render_dot(graph: SourceGraph) -> str:
    out = [
        "digraph sources {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for node in graph.nodes:
        extra = ", style=dashed" if node.type == "anonymous" else ""
        out.append(f"  {quote(node.id)} [label={quote(node_label(node))}, shape={SHAPES[node.type]}{extra}];")
    for edge in graph.edges:
        out.append(
            f"  {quote(edge.source)} -> {quote(edge.target)} "
            f"[label={quote(edge_label(edge))}, style={STYLES[edge.relation]}];"
        )
    out.append("}")
    return "\n".join(out) + "\n"
