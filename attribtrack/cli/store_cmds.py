"""``init``, ``ingest``, ``log`` and ``show``: the versioned-document commands.

Only click is imported at module level; the library is imported inside command bodies so that
``attribtrack --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from attribtrack.cli import AppContext
from attribtrack.cli.options import jobs_option
from attribtrack.cli.progress import progress


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
@jobs_option
@click.pass_obj
def ingest(app: AppContext, targets: tuple[str, ...], **options: Any) -> None:
    """Store files, URLs or - (stdin) as new revisions.

    A text the document's latest revision has adds nothing; a revert to an older text is a new
    revision. Formats: .txt, .md (front matter), .json, .html, .docx; a URL is fetched and its
    main text kept. With --jobs, inputs are read and parsed in worker processes and stored by
    this one, in argument order.
    """
    from attribtrack.errors import InputError, UsageError
    from attribtrack.read import ingest as ingest_all
    from attribtrack.store import open_store

    outcomes = ingest_all(lambda: open_store(app.store, create=True), targets, **options)
    failed: list[Exception] = []
    with progress(app, len(targets), "ingesting") as advance:
        for outcome in outcomes:
            advance()
            if outcome.error is not None and len(targets) == 1:
                raise outcome.error
            if outcome.error is not None:
                failed.append(outcome.error)
                click.echo(f"attribtrack: error: {outcome.error}", err=True)
            else:
                click.echo(_describe(outcome.target, outcome.result))
    if failed:
        # Every failure a usage error (a name that matches another file's document): exit 2, as
        # for one input; any input that cannot be read makes it exit 3.
        error = UsageError if all(isinstance(e, UsageError) for e in failed) else InputError
        raise error(f"{len(failed)} of {len(targets)} inputs were not ingested")


@click.command()
@click.argument("doc", metavar="DOC")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def log(app: AppContext, doc: str, fmt: str) -> None:
    """List the revisions of a stored document."""
    from attribtrack.store import open_store

    doc_id, at, spec = doc.partition("@")  # `log crocus@2` lists crocus, as `git log` takes any commit
    with open_store(app.store) as store:
        document, revisions = store.document(doc_id), store.revisions(doc_id)
        if at:  # ... that exists: `log crocus@9` of two revisions is an error, as in git
            store.revision(doc_id, spec)
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


@click.group("store")
def store_group() -> None:
    """Manage whole stores (a file, or a postgresql:// URL)."""


@store_group.command("copy")
@click.argument("source", metavar="SRC")
@click.argument("destination", metavar="DST")
@click.option("--force", is_flag=True, help="Replace the contents of a DST that is not empty.")
def store_copy(source: str, destination: str, force: bool) -> None:
    """Copy a whole history from SRC to DST (each a store file or a postgresql:// URL).

    Documents, texts, revisions, the claims cache, watch state and change events, in one
    transaction on DST; the row counts are checked afterwards. A DST with anything in it is
    refused (exit 4) unless --force. DST is created when it is a missing file.
    """
    from attribtrack.store import open_store
    from attribtrack.store.copy import copy_store

    with open_store(source) as src, open_store(destination, create=True) as dst:
        counts = copy_store(src, dst, force=force)
        where = f"from {src.location} to {dst.location}"
    click.echo(f"copied {', '.join(f'{n} {table}' for table, n in counts.items())} {where}")


@store_group.command("check")
@click.pass_obj
def store_check(app: AppContext) -> None:
    """Check the store (--store, or the one found upward) against itself.

    The database's own integrity (SQLite), the migrations, every text against its sha256 and
    size, revisions against documents and texts, recorded changes against revisions, and the
    claims cache against texts and the extractor's schema. Each problem is one line; any problem
    exits 4. Nothing is written.
    """
    from attribtrack.errors import StoreError
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.store import open_store

    with open_store(app.store) as store:
        problems, counts = store.check(EXTRACTOR_VERSION)
        where = store.location
    for problem in problems:
        click.echo(problem)
    if problems:
        raise StoreError(f"store {where}: {_n(len(problems), 'problem')} found")
    click.echo(
        f"store {where}: ok ({_n(counts['documents'], 'document')}, {_n(counts['revisions'], 'revision')}, "
        f"{_n(counts['texts'], 'text')} of {_n(counts['bytes'], 'byte')} matching their sha256, "
        f"{_n(counts['cache entries'], 'cache entry', 'cache entries')})"
    )


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
