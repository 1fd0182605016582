"""``attribtrack lsp``: the language server over stdio."""

from __future__ import annotations

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only transport).")
@click.option("--no-git", is_flag=True, help="Do not compare drafts with their version at git HEAD (AT3xx).")
def lsp(stdio: bool, no_git: bool) -> None:
    """Run the language server for Markdown and plain-text drafts.

    Editors start it and talk the Language Server Protocol over stdin/stdout: diagnostics
    (AT1xx, and AT3xx against the file at git HEAD) on open and change, a quick fix replacing a
    loaded cue with a neutral one, and a hover showing a claim's source, role, cue, via and
    confirmations. Needs the lsp extra: pip install 'attribtrack[lsp]'.
    """
    try:
        from attribtrack.lsp.server import serve
    except ImportError as exc:
        from attribtrack.errors import UsageError

        raise UsageError(
            f"attribtrack lsp needs pygls ({exc.name}): pip install 'attribtrack[lsp]'"
        ) from None
    serve(git=not no_git)
