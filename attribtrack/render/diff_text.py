"""A revision diff for people on a terminal: changed words inline, verdicts, a closing table.

Each changed stretch of text (a paragraph, usually) is printed once with its deleted and
inserted words marked, followed by one line per attribution change in it; a table of every
change closes the output. On a colour terminal deleted words are red and struck through and
inserted words green; without colour (a pipe, ``NO_COLOR``) they are written ``[-old-]`` and
``{+new+}`` as git's word diff does. The console is passed in; identical texts print nothing.
"""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from attribtrack.compare.hunks import change_line, hunks, line_of, line_starts, one_line, summary_lines
from attribtrack.compare.model import RevisionDiff
from attribtrack.render.diff_unified import marked, word_segments

DELETE = "bold red strike"
INSERT = "bold green"


def _wraps(console: Console) -> bool:
    """Wrap prose to the width on a terminal (or when COLUMNS names one); a pipe gets one line per
    paragraph, which grep and diff tools handle better than a guessed width."""
    return console.is_terminal or bool(os.environ.get("COLUMNS"))


def _print_prose(console: Console, text: Text) -> None:
    """Wrapped at word boundaries to the console's width (a word longer than a line is folded),
    so the terminal never breaks a word in the middle."""
    if _wraps(console):
        console.print(text, soft_wrap=False, overflow="fold", crop=False)
    else:
        console.print(text, soft_wrap=True)


def render_text(rd: RevisionDiff, console: Console) -> None:
    if rd.identical:
        return
    plain = console.color_system is None or console.no_color
    console.print(Text(f"--- {one_line(rd.old.label)}", style="bold"), soft_wrap=True)
    console.print(Text(f"+++ {one_line(rd.new.label)}", style="bold"), soft_wrap=True)
    _print_prose(console, Text(summary_lines(rd)[0]))
    for hunk in hunks(rd, context=0):
        console.print()
        where = f"line {hunk.new_start}" if hunk.new_count else f"old line {hunk.old_start}"
        console.print(Text(f"@@ {where} @@", style="cyan"), soft_wrap=True)
        body = Text()
        for kind, piece in word_segments(rd, hunk.old_span, hunk.new_span):
            if kind == "equal":
                body.append(piece)
            else:
                left, right = ("[-", "-]") if kind == "delete" else ("{+", "+}")
                for part, mark in marked(piece, kind):
                    if not mark:
                        body.append(part)
                    elif plain:
                        body.append(f"{left}{part}{right}")
                    else:
                        body.append(part, style=DELETE if kind == "delete" else INSERT)
        body.rstrip()
        _print_prose(console, body)
        for change in hunk.changes:
            _print_prose(console, Text(f"  => {one_line(change.headline())}", style="yellow"))
        for note in hunk.moves:
            _print_prose(console, Text(f"  => {note}", style="cyan"))
    if rd.changes:
        console.print()
        table = Table(title="Attribution changes", title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("line", justify="right")
        table.add_column("change")
        table.add_column("detail", overflow="fold")
        for change in rd.changes:
            in_new, line = change_line(rd, change)
            table.add_row(str(line) if in_new else f"-{line}", change.type, one_line(change.detail))
        console.print(table)


def render_blame(blame: Any, text: str, console: Console) -> None:
    """One line per claim of the blamed revision (its id there, revision introduced, line, source,
    cue, content), then one indented line per later attribution change."""
    from attribtrack.compare.align import content_text
    from attribtrack.compare.classify import excerpt, who

    starts = line_starts(text)
    console.print(
        Text(f"{blame.document}@{blame.revision}: {len(blame.claims)} claims", style="bold"), soft_wrap=True
    )
    for entry in blame.claims:
        claim = entry.claim
        cue = f" {claim.cue.text}" if claim.cue else ""
        line = Text()
        line.append(f"{entry.id:<5}", style="bold")
        line.append(f" @{entry.introduced:<3}", style="cyan")
        line.append(f" line {line_of(starts, claim.span[0]):<4} ")
        line.append(f"{who(claim)}{cue}: ", style="green" if claim.source else "red")
        line.append(excerpt(content_text(claim), 70))
        console.print(line, soft_wrap=True)
        for event in entry.changes:
            console.print(
                Text(f"        @{event.revision:<3} {event.type}: {one_line(event.detail)}", style="yellow"),
                soft_wrap=True,
            )
