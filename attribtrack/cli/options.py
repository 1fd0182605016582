"""Options shared by several commands (one definition, one help text)."""

from __future__ import annotations

import click

encoding_option = click.option(
    "--encoding",
    metavar="ENC",
    default=None,
    help="Decode files with ENC instead of UTF-8 (e.g. cp1252, latin-1).",
)
