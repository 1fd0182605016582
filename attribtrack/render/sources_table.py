"""Human output of ``attribtrack sources`` (a table) and ``attribtrack verify`` (verdict lines).

The rich ``Console`` is passed in; colour only on a terminal. Every piece of article or source
text is escaped before it reaches rich markup.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.markup import escape
from rich.table import Table

from attribtrack.sources.model import Passage, QuoteCheck, SourceGraph, SupportCheck, Verification

VERDICT_STYLE = {
    "verbatim": "green",
    "supported": "green",
    "altered": "red",
    "truncated-or-spliced": "yellow",
    "not-found": "red",
    "unsupported": "yellow",
    "no-document": "dim",
}
EXCERPT = 60


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _verdict(v: str | None) -> str:
    if v is None:
        return ""
    return f"[{VERDICT_STYLE.get(v, '')}]{escape(v)}[/]"


def render_sources_table(graph: SourceGraph, console: Any) -> None:
    """Who said what, through whom, confirmed by whom: one row per attributed claim."""
    table = Table(title=escape(f"sources of {graph.nodes[0].name if graph.nodes else graph.article}"),
                  title_justify="left", show_lines=False)  # fmt: skip
    table.add_column("claim", no_wrap=True)
    table.add_column("speaker")
    table.add_column("via")
    table.add_column("confirmed by")
    table.add_column("verdict", no_wrap=True)
    table.add_column("what", ratio=1)
    for row in graph.claims:
        table.add_row(
            row.claim,
            escape(row.speaker or ""),
            escape(", ".join(row.via)),
            escape(", ".join(row.confirmed_by)),
            _verdict(row.verdict),
            escape(excerpt(row.content)),
        )
    console.print(table)


def _where(p: Passage) -> str:
    return f"{p.document}:{p.source_span[0]}-{p.source_span[1]}"


def _quote_lines(q: QuoteCheck) -> list[str]:
    head = f"{q.claim} {_verdict(q.verdict)}  {escape(q.speaker or '')}"
    lines = [head]
    if q.verdict == "no-document":
        lines.append("    no source document of this speaker, outlet or channel is ingested")
        return lines
    apart = [seg for seg in q.segments if seg.verdict == "truncated-or-spliced" and len(seg.found) == 1]
    if len(apart) > 1:  # the pieces of a discontinuous quote, each found, but not together
        parts = " … ".join(f"{escape(repr(excerpt(seg.found[0].text, 40)))} at {escape(_where(seg.found[0]))}"
                           for seg in apart)  # fmt: skip
        lines.append(f"    the pieces of this quote stand apart in the source: {parts}")
    for seg in q.segments:
        if len(apart) > 1 and seg in apart:
            continue
        quoted = escape(f'"{excerpt(seg.text)}"')
        if seg.verdict == "verbatim":
            lines.append(f"    {quoted} verbatim in {escape(_where(seg.found[0]))}")
        elif seg.verdict == "altered":
            lines.append(f"    {quoted} altered in {escape(_where(seg.found[0]))}:")
            lines.extend(f"      {escape(_change(c.quote, c.source))}" for c in seg.changes)
        elif seg.verdict == "truncated-or-spliced":
            parts = "; ".join(
                f"{escape(repr(excerpt(p.text, 40)))} at {escape(_where(p))}" for p in seg.found
            )
            lines.append(f"    {quoted} found in parts, apart: {parts}")
            lines.extend(f"      {escape(_change(c.quote, c.source))}" for c in seg.changes)
        else:
            lines.append(f"    {quoted} not found in {escape(', '.join(q.candidates))}")
    return lines


def _change(quote: str, source: str) -> str:
    return f"{quote!r} vs {source!r}"


def _support_lines(s: SupportCheck) -> list[str]:
    head = f"{s.claim} {_verdict(s.verdict)}"
    if s.verdict != "no-document":
        head += f" ({s.score:.2f})"
    head += f"  {escape(s.speaker or '')}"
    lines = [head]
    if s.passage is not None:
        best = "best passage" if s.verdict == "unsupported" else "passage"
        lines.append(f"    {best} {escape(_where(s.passage))}: {escape(repr(excerpt(s.passage.text, 100)))}")
    elif s.verdict == "no-document":
        lines.append("    no source document of this speaker, outlet or channel is ingested")
    return lines


def render_verify_text(v: Verification, console: Any, label: str) -> None:
    console.print(
        escape(
            f"{label}: {len(v.quotes)} quotes and {len(v.support)} reported claims "
            f"against {len(v.sources)} source documents"
        ),
        soft_wrap=True,
    )
    # soft_wrap: one verdict line stays one line (grep, less -S), whatever the terminal width
    for q in v.quotes:
        for line in _quote_lines(q):
            console.print(line, soft_wrap=True)
    for s in v.support:
        for line in _support_lines(s):
            console.print(line, soft_wrap=True)
    for c in v.corroborations:
        console.print(
            f"{c.claim} [green]confirmed by {escape(c.outlet)}[/] ({c.score:.2f}) "
            f"{escape(_where(c.passage))}: {escape(repr(excerpt(c.passage.text, 100)))}",
            soft_wrap=True,
        )
    counts: Counter[str] = Counter([q.verdict for q in v.quotes] + [s.verdict for s in v.support])
    order = [
        "verbatim",
        "altered",
        "truncated-or-spliced",
        "not-found",
        "supported",
        "unsupported",
        "no-document",
    ]
    parts = [f"{counts[k]} {k}" for k in order if counts[k]]
    parts.append(f"{len(v.corroborations)} corroborated")
    console.print(escape("summary: " + ", ".join(parts)), soft_wrap=True)
