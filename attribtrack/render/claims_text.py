"""The ``claims`` table: source, cue, kind and a content excerpt, readable at 80 columns."""

from __future__ import annotations

from typing import Any

from attribtrack.models import Claims

EXCERPT = 160


def _excerpt(claims_text: str) -> str:
    text = " ".join(claims_text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "\u2026"


def render_claims_text(claims: Claims, console: Any, label: str) -> None:
    from rich.table import Table
    from rich.text import Text

    attributed = [c for c in claims.claims if c.kind != "unattributed"]
    unattributed = len(claims.claims) - len(attributed)
    table = Table(
        title=Text(label),
        title_justify="left",
        show_lines=False,
        expand=False,
        pad_edge=False,
        box=None,
        header_style="bold",
    )
    table.add_column("id", no_wrap=True)
    table.add_column("source", max_width=22, overflow="fold")
    table.add_column("cue", max_width=12, overflow="fold")
    table.add_column("class", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("content", ratio=1, overflow="fold")
    for c in attributed:
        if c.source is None:
            source = Text("(none)", style="red")
        else:
            source = Text(c.source.name)
            if c.source.mention != c.source.name:
                source.append(f"\n({c.source.mention})", style="dim")
        content = " \u2026 ".join(p.text for p in c.content)
        extra = []
        if c.via:
            extra.append("via " + ", ".join(r.name for r in c.via))
        if c.confirmed_by:
            extra.append("confirmed by " + ", ".join(r.name for r in c.confirmed_by))
        if c.hedges:
            extra.append("hedged: " + ", ".join(h.text for h in c.hedges))
        if c.date:
            extra.append("date: " + c.date.text)
        cell = Text(_excerpt(content))
        if extra:
            cell.append("\n" + "; ".join(extra), style="dim")
        klass = (c.cue.class_ or "") if c.cue else ""
        table.add_row(c.id, source, c.cue.text if c.cue else "", klass, c.kind, cell)
    console.print(table)
    console.print(
        Text(f"{len(attributed)} attributed claims, {unattributed} unattributed statements", style="dim")
    )
