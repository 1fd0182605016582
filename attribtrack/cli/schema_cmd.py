from __future__ import annotations

import click

from attribtrack.schemas import SCHEMAS


@click.command()
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
def schema(name: str) -> None:
    """Print the JSON Schema of a data model (e.g. `schema claims`)."""
    from attribtrack.schemas import json_schema

    click.echo(json_schema(name))
