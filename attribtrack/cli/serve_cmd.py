"""``serve``: a read-only web view of the store (the web framework lives in attribtrack.serve)."""

from __future__ import annotations

import click

from attribtrack.cli import AppContext


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the address is printed).")  # fmt: skip
@click.pass_obj
def serve(app: AppContext, host: str, port: int) -> None:
    """Browse the store in a web browser: documents, timelines, diffs, blame, source graphs and
    recorded changes, with a JSON API (/api/openapi.json). Read-only: nothing is ever written."""
    from attribtrack.errors import UsageError

    try:
        from attribtrack.serve.run import is_loopback, run
    except ImportError as exc:
        raise UsageError(f"serve needs its extra ({exc.name} is missing)",
                         hint="pip install 'attribtrack[serve]'") from None  # fmt: skip
    from attribtrack.store import open_store

    open_store(app.store).close()  # a missing or unreadable store is an error now, not on a page
    if not is_loopback(host):
        click.echo(f"attribtrack: warning: serving on {host}, not loopback: anyone who can reach it "
                   "can read the store", err=True)  # fmt: skip
    run(
        app.store,
        host,
        port,
        lambda url: click.echo(f"attribtrack: serving {url} (Ctrl-C to stop)", err=True),
    )
