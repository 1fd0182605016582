"""``attribtrack claims TARGET...``: every claim with its source, cue and content."""

from __future__ import annotations

import click


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
@click.pass_context
def claims(ctx: click.Context, targets: tuple[str, ...], fmt: str) -> None:
    """Who said what: each claim's source, cue, kind and content.

    TARGET is a file, `-` (stdin), or a stored revision (DOC, DOC@N, DOC@-1).
    """
    from attribtrack.extractor.cache import claims_for
    from attribtrack.targets import load

    if fmt == "json" and len(targets) > 1:
        raise click.UsageError("--format json takes one TARGET; use --format jsonl for several")
    for target in targets:
        loaded = load(target, store=ctx.obj.store)
        result = claims_for(loaded, store=ctx.obj.store)
        if fmt == "text":
            from attribtrack.render.claims_text import render_claims_text

            render_claims_text(result, ctx.obj.console(), loaded.label)
        else:
            click.echo(result.to_json(indent=2 if fmt == "json" else None))
