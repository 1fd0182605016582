"""The source graph as a small SVG: speakers on the left, outlets and channels in the middle, the
article on the right (columns by the longest path to the article), edges as lines. Every label is
escaped; the SVG has no scripts and no external references."""

from __future__ import annotations

from html import escape

from attribtrack.sources.model import SourceGraph

W_COL, H_ROW, BOX_W, BOX_H = 260, 44, 220, 30
COLOURS = {
    "person": "#dbeafe", "organization": "#e0e7ff", "outlet": "#fef3c7", "channel": "#fde68a",
    "group": "#ede9fe", "anonymous": "#f3f4f6", "document": "#dcfce7", "article": "#fecaca",
}  # fmt: skip


def _depths(graph: SourceGraph) -> dict[str, int]:
    """Distance (in edges) from each node to the article, following edges forward."""
    out_edges: dict[str, list[str]] = {}
    for e in graph.edges:
        out_edges.setdefault(e.source, []).append(e.target)
    depth = {graph.article: 0}
    changed = True
    rounds = 0
    while changed and rounds < len(graph.nodes) + 1:
        changed, rounds = False, rounds + 1
        for node in graph.nodes:
            best = max((depth[t] + 1 for t in out_edges.get(node.id, ()) if t in depth), default=None)
            if best is not None and depth.get(node.id, -1) < best:
                depth[node.id] = best
                changed = True
    return depth


def render_svg(graph: SourceGraph) -> str:
    depth = _depths(graph)
    levels = max(depth.values(), default=0)
    columns: dict[int, list[str]] = {}
    for node in graph.nodes:
        columns.setdefault(levels - depth.get(node.id, levels), []).append(node.id)
    pos: dict[str, tuple[int, int]] = {}
    for col, ids in sorted(columns.items()):
        for row, nid in enumerate(ids):
            pos[nid] = (20 + col * W_COL, 20 + row * H_ROW)
    width = 40 + (levels + 1) * W_COL
    height = 40 + max((len(v) for v in columns.values()), default=1) * H_ROW
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="source graph">']  # fmt: skip
    for e in graph.edges:
        if e.source in pos and e.target in pos:
            (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
            rel = escape(e.relation)
            out.append(
                f'<line class="edge {rel}" x1="{x1 + BOX_W}" y1="{y1 + BOX_H // 2}" '
                f'x2="{x2}" y2="{y2 + BOX_H // 2}"><title>{rel}</title></line>'
            )
    for node in graph.nodes:
        x, y = pos[node.id]
        label = node.name if len(node.name) <= 30 else node.name[:29] + "\u2026"
        fill = COLOURS.get(node.type, "#fff")
        kind = escape(node.type)
        out.append(
            f'<g class="node {kind}"><title>{escape(node.name)} ({kind})</title>'
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" stroke="#555"/>'
            f'<text x="{x + 8}" y="{y + 20}">{escape(label)}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out)
