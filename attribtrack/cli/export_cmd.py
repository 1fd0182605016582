"""``attribtrack export``: the store as a table for pandas, DuckDB or a spreadsheet."""

from __future__ import annotations

import click

from attribtrack.cli import AppContext
from attribtrack.cli.options import jobs_option


@click.command()
@click.argument("docs", nargs=-1, metavar="[DOC...]")
@click.option(
    "--what",
    type=click.Choice(["claims", "changes", "revisions"]),
    default="claims",
    show_default=True,
    help="claims: one row per claim of each revision; changes: per recorded attribution change; "
    "revisions: per revision.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "jsonl", "csv"]),
    help="Output format [default: from FILE's suffix: .parquet, .jsonl, .csv].",
)
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write (replaced atomically).")
@jobs_option
@click.pass_obj
def export(
    app: AppContext, docs: tuple[str, ...], what: str, fmt: str | None, output: str, jobs: int | None
) -> None:
    """Export stored documents (DOC: every revision; DOC@N: one; none: all) for analysis.

    The columns are documented in the README (attribtrack.export.claims/1, ...); rows come in a
    stable order. Claims are taken from the store's cache or extracted (with --jobs, in worker
    processes). Parquet needs pyarrow: pip install 'attribtrack[scale]'.
    """
    from attribtrack.export import export as write_export

    rows, fmt = write_export(app.store, docs, what=what, output=output, fmt=fmt, jobs=jobs)
    click.echo(f"exported {rows} {what} row{'s' if rows != 1 else ''} to {output} ({fmt})")
