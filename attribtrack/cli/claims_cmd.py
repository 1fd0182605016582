"""``attribtrack claims TARGET...``: every claim with its source, cue and content."""

from __future__ import annotations

from collections.abc import Iterable

import click

from attribtrack.cli.options import encoding_option, jobs_option


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="TARGET...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a table; json: one object (attribtrack.claims/1); "
    "jsonl: one object per target, in argument order.",
)
@click.option(
    "--class",
    "classes",
    callback=lambda ctx, param, value: _classes(value),
    metavar="CLASS,...",
    help="Only claims whose cue is of these classes: speech, writing, cognition, intention, "
    "evidence, stance, according (e.g. --class speech,writing).",
)
@jobs_option
@encoding_option
@click.pass_context
def claims(
    ctx: click.Context,
    targets: tuple[str, ...],
    fmt: str,
    classes: frozenset[str] | None,
    jobs: int | None,
    encoding: str | None,
) -> None:
    """Who said what: each claim's source, cue, kind and content.

    TARGET is a file, `-` (stdin), or a stored revision (DOC, DOC@N, DOC@-1). A target that
    cannot be read is reported and the others go on (exit 3 at the end). With --jobs, the
    targets are extracted in worker processes; the output is the same, in argument order.
    House-style titles and outlets come from the configuration found upward from a file (else
    the current directory), as for `check`.
    """
    from attribtrack.cli.progress import progress
    from attribtrack.errors import AttribtrackError, InputError, StoreError
    from attribtrack.parallel import claims_many

    if fmt == "json" and len(targets) > 1:
        raise click.UsageError("--format json takes one TARGET; use --format jsonl for several")
    # Each target's claims are written as they are made or read, never all held at once (a 50 MB
    # text's models took gigabytes): JSON in pieces, the table a row at a time.
    outcomes = claims_many(
        targets, store=ctx.obj.store, classes=classes, indent=2 if fmt == "json" else None, jobs=jobs,
        encoding=encoding,
    )  # fmt: skip
    failed = 0
    with progress(ctx.obj, len(targets), "extracting") as advance:
        for outcome in outcomes:
            try:
                if isinstance(outcome.error, AttribtrackError):
                    raise outcome.error
                if fmt == "text":
                    from attribtrack.render.claims_stream import claims_of
                    from attribtrack.render.claims_text import render_claims_text

                    render_claims_text(claims_of(outcome.chunks), ctx.obj.console(), outcome.label)
                else:
                    _write(outcome.chunks)
            except AttribtrackError as exc:
                if len(targets) == 1 or isinstance(exc, StoreError):
                    raise
                failed += 1
                click.echo(f"attribtrack: error: {exc}", err=True)
            advance()
    if failed:
        raise InputError(f"{failed} of {len(targets)} targets were not read")


def _write(chunks: Iterable[str]) -> None:
    """The pieces of one JSON document and a newline, as ``click.echo`` of the whole would: in
    batches (``click.echo`` flushes each call). JSON escapes every control character, so there
    is no colour code to strip from it (``color=True``: click's search for them, over tens of
    megabytes for a long text, is skipped)."""
    batch: list[str] = []
    size = 0
    for chunk in chunks:
        batch.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            click.echo("".join(batch), nl=False, color=True)
            batch, size = [], 0
    batch.append("\n")
    click.echo("".join(batch), nl=False, color=True)


def _classes(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    from attribtrack.errors import UsageError
    from attribtrack.extractor.lexicon import CUE_CLASSES

    names = frozenset(v.strip() for v in value.split(",") if v.strip())
    unknown = sorted(names - set(CUE_CLASSES))
    if unknown or not names:
        shown = ", ".join(unknown) or repr(value)
        raise UsageError(f"--class: unknown cue class {shown} (one of {', '.join(CUE_CLASSES)})")
    return names
