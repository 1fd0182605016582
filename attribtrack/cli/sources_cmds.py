"""``attribtrack verify`` and ``attribtrack sources``."""

from __future__ import annotations

import click

from attribtrack.cli.options import encoding_option

_SOURCE = click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="TARGET",
    help="A source document to check against (a file with outlet/speaker/channel front matter, or "
    "DOC@N); repeatable. Default: every `ingest --kind source` document of the store.",
)


@click.command()
@click.argument("target")
@_SOURCE
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def verify(ctx: click.Context, target: str, sources: tuple[str, ...], fmt: str, encoding: str | None) -> None:
    """Check quotes and reported claims against ingested source documents.

    Quotes: verbatim, altered (word by word), truncated-or-spliced, not-found.
    Reported claims: supported or unsupported, with the best passage.
    """
    from attribtrack.sources import analyse

    result = analyse(target, store=ctx.obj.store, sources=sources, require_documents=True, encoding=encoding)
    assert result.verification is not None
    if fmt == "json":
        from attribtrack.render.sources_json import render_json

        click.echo(render_json(result.verification), nl=False)
    else:
        from attribtrack.render.sources_table import render_verify_text

        render_verify_text(result.verification, ctx.obj.console(), result.loaded.label)


@click.command()
@click.argument("target")
@_SOURCE
@encoding_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "dot", "mermaid"]),
    default="table",
    show_default=True,
)
@click.pass_context
def sources(
    ctx: click.Context, target: str, sources: tuple[str, ...], fmt: str, encoding: str | None
) -> None:
    """Who said what, through whom, confirmed by whom (a table, JSON, or a Graphviz/Mermaid graph).

    With source documents (the store, or --source) the graph also shows where quotes were
    found and which outlets' documents confirm a claim.
    """
    from attribtrack.sources import analyse

    graph = analyse(
        target, store=ctx.obj.store, sources=sources, require_documents=False, encoding=encoding
    ).graph
    if fmt == "table":
        from attribtrack.render.sources_table import render_sources_table

        render_sources_table(graph, ctx.obj.console())
        return
    if fmt == "json":
        from attribtrack.render.sources_json import render_json as render
    elif fmt == "dot":
        from attribtrack.render.sources_dot import render_dot as render  # type: ignore[assignment]
    else:
        from attribtrack.render.sources_mermaid import render_mermaid as render  # type: ignore[assignment]
    click.echo(render(graph), nl=False)
