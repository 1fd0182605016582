"""Options shared by several commands (one definition, one help text)."""

from __future__ import annotations

import click

encoding_option = click.option(
    "--encoding",
    metavar="ENC",
    default=None,
    help="Decode files with ENC instead of UTF-8 (e.g. cp1252, latin-1).",
)

jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Worker processes for many inputs [default: the CPUs this process may use; 1: none, "
    "0: the default]. Output is the same, in argument order, whatever N.",
)
