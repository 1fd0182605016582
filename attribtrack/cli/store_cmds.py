"""``init``, ``ingest``, ``log`` and ``show``: the versioned-document commands.

Only click is imported at module level; the library is imported inside command bodies so that
``attribtrack --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from attribtrack.cli import AppContext

#: Show a progress bar (on a terminal) from this many inputs on.
PROGRESS_FROM = 10


@click.command()
@click.pass_obj
def init(app: AppContext) -> None:
    """Create a store in .attribtrack/ here (or the --store file)."""
    from attribtrack.store import init_store

    path, created = init_store(app.store)
    click.echo(f"{'Initialized empty' if created else 'Found existing'} attribtrack store in {path}")


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="PATH|URL...")
@click.option(
    "--doc", metavar="ID", help="Document id (default: front matter `doc`, the URL, or the file name)."
)
@click.option(
    "--kind", type=click.Choice(["article", "source"]), help="An article, or a document of a source."
)
@click.option("--outlet", metavar="NAME", help="The outlet (stored under its canonical name).")
@click.option("--url", metavar="URL", help="Where the document is published.")
@click.option("--published", metavar="DATE", help="Publication date, ISO 8601 (YYYY-MM-DD).")
@click.option("--title", metavar="TITLE", help="Title (default: front matter, page title, or first line).")
@click.option("--speaker", metavar="NAME", help="Who speaks in a source document.")
@click.option("--channel", metavar="NAME", help="Where a source said it (Telegram, a press release...).")
@click.option("--encoding", metavar="ENC", help="Decode files with ENC instead of UTF-8 (e.g. cp1252).")
@click.pass_obj
def ingest(app: AppContext, targets: tuple[str, ...], **options: Any) -> None:
    """Store files, URLs or - (stdin) as new revisions.

    A text the document already has adds nothing. Formats: .txt, .md (front matter), .json,
    .html, .docx; a URL is fetched and its main text kept.
    """
    from attribtrack.errors import InputError
    from attribtrack.read import ingest as ingest_all
    from attribtrack.store import open_store

    outcomes = ingest_all(lambda: open_store(app.store, create=True), targets, **options)
    failed = 0
    with _progress(app, len(targets)) as advance:
        for outcome in outcomes:
            advance()
            if outcome.error is not None and len(targets) == 1:
                raise outcome.error
            if outcome.error is not None:
                failed += 1
                click.echo(f"attribtrack: error: {outcome.error}", err=True)
            else:
                click.echo(_describe(outcome.target, outcome.result))
    if failed:
        raise InputError(f"{failed} of {len(targets)} inputs were not ingested")


@click.command()
@click.argument("doc", metavar="DOC")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def log(app: AppContext, doc: str, fmt: str) -> None:
    """List the revisions of a stored document."""
    from attribtrack.store import open_store

    doc_id = doc.partition("@")[0]  # `log crocus@2` lists crocus, as `git log` takes any commit
    with open_store(app.store) as store:
        document, revisions = store.document(doc_id), store.revisions(doc_id)
    if fmt == "json":
        data = {"document": document.to_dict(), "revisions": [r.to_dict() for r in revisions]}
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        _print_log(app, document, revisions)


@click.command()
@click.argument("target", metavar="TARGET")
@click.option("--encoding", metavar="ENC", help="Decode a file TARGET with ENC instead of UTF-8.")
@click.pass_obj
def show(app: AppContext, target: str, encoding: str | None) -> None:
    """Print a stored text exactly (DOC, DOC@N, DOC@-N), or a file's text as read."""
    from attribtrack.targets import load

    loaded = load(target, store=app.store, encoding=encoding)
    sys.stdout.flush()
    sys.stdout.buffer.write(loaded.text.encode("utf-8"))  # exactly the text: no newline added
    sys.stdout.buffer.flush()


# --- presentation helpers --------------------------------------------------------------------


def _describe(target: str, result: Any) -> str:
    if result.created:
        return f"added {result.ref} from {target} ({result.size} bytes, sha256 {result.sha256[:12]})"
    return f"unchanged {result.ref}: {target} has the same text; nothing added"


@contextlib.contextmanager
def _progress(app: AppContext, total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal and there are many inputs; else a no-op."""
    # isatty() first: importing rich costs ~20 ms, too much for a piped `ingest` or `log`.
    if (
        total < PROGRESS_FROM
        or not sys.stderr.isatty()
        or not (console := app.console(stderr=True)).is_terminal
    ):
        yield lambda: None
        return
    from rich.progress import Progress

    # Lines printed on stdout appear above the bar only when stdout is the same terminal;
    # redirected stdout stays untouched.
    with Progress(console=console, transient=True, redirect_stdout=sys.stdout.isatty()) as bar:
        task = bar.add_task("ingesting", total=total)
        yield lambda: bar.advance(task)


_COLUMNS = ("#", "ingested", "published", "sha256", "bytes", "claims", "title")
_RIGHT = (0, 4, 5)


def _print_log(app: AppContext, document: Any, revisions: list[Any]) -> None:
    described = ", ".join(
        f"{k} {v}" for k in ("outlet", "url", "speaker", "channel") if (v := getattr(document, k))
    )
    header = f"{document.id} ({document.kind}{', ' + described if described else ''})"
    rows = [
        (str(r.number), r.ingested_at.replace("T", " ").rstrip("Z"), r.published_at or "-", r.sha256[:12],
         str(r.size), "-" if r.claims is None else str(r.claims), r.title or "")
        for r in revisions
    ]  # fmt: skip
    if sys.stdout.isatty() and (console := app.console()).is_terminal:
        from rich.table import Table

        table = Table(*_COLUMNS, title=header, title_justify="left", box=None, pad_edge=False)
        for column in _RIGHT:
            table.columns[column].justify = "right"
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(_COLUMNS)]
    lines = [header]
    for row in [_COLUMNS, *rows]:
        cells = [
            c.rjust(w) if i in _RIGHT else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    click.echo("\n".join(lines))
