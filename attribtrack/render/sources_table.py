"""Human output of ``attribtrack sources`` (a table) and ``attribtrack verify`` (verdict lines).

The rich ``Console`` is passed in; colour only on a terminal. Every piece of article or source
text is escaped before it reaches rich markup.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich import box
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


def _widths(total: int, claim: int, verdict: int) -> tuple[int, int, int, int]:
    """Widths of speaker, via, confirmed-by and excerpt for a table ``total`` columns wide
    (six columns: two spaces of padding each, and a space between columns)."""
    rest = max(total - 18 - claim - verdict, 30)
    speaker, via, confirmed = max(10, rest * 24 // 100), max(8, rest * 20 // 100), max(8, rest * 18 // 100)
    return speaker, via, confirmed, rest - speaker - via - confirmed


def render_sources_table(graph: SourceGraph, console: Any) -> None:
    """Who said what, through whom, confirmed by whom: one row per attributed claim. Names wrap;
    the excerpt stays on one line, cut to fit (the JSON has the whole text)."""
    claim_w = max([len("claim"), *(len(r.claim) for r in graph.claims)])
    verdict_w = max([len("verdict"), *(len(r.verdict or "") for r in graph.claims)])
    if console.width < 110:  # narrow: "truncated-or-spliced" folds onto two lines
        verdict_w = min(verdict_w, 13)
    speaker_w, via_w, confirmed_w, what_w = _widths(console.width, claim_w, verdict_w)
    title = escape(f"sources of {graph.nodes[0].name if graph.nodes else graph.article}")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("claim", no_wrap=True, width=claim_w)
    table.add_column("speaker", overflow="fold", width=speaker_w)
    table.add_column("via", overflow="fold", width=via_w)
    table.add_column("confirmed by", overflow="fold", width=confirmed_w)
    table.add_column("verdict", overflow="fold", width=verdict_w)
    table.add_column("what", no_wrap=True, overflow="ellipsis", width=what_w)
    for row in graph.claims:
        table.add_row(
            row.claim,
            escape(row.speaker or ""),
            escape(", ".join(row.via)),
            escape(", ".join(row.confirmed_by)),
            _verdict(row.verdict),
            escape(excerpt(row.content, max(what_w, 1))),
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
