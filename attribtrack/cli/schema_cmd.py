from __future__ import annotations

import json

import click


@click.command()
@click.argument("name", type=click.Choice(["outlet", "document", "revision", "entity", "claim", "claims", "finding"]))
def schema(name: str) -> None:
    """Print the JSON Schema of a data model (e.g. `schema claims`)."""
    from attribtrack.models import SCHEMAS

    click.echo(json.dumps(SCHEMAS[name].model_json_schema(by_alias=True), indent=2, sort_keys=True))
