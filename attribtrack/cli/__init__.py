"""The command line: the only package that imports click.

Commands live in small modules and are imported only when invoked (or listed by ``--help``),
so start-up stays fast. Every error is turned into one line and an exit code here, at one
boundary: :class:`AttribtrackGroup.invoke`.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any

import click

from attribtrack import __version__
from attribtrack.errors import AttribtrackError, ExitCode

#: command name -> "module:attribute". An explicit table: adding a command is one line here.
COMMANDS: dict[str, str] = {
    "schema": "attribtrack.cli.schema_cmd:schema",
    "claims": "attribtrack.cli.claims_cmd:claims",
    "diff": "attribtrack.cli.diff_cmds:diff",
    "blame": "attribtrack.cli.diff_cmds:blame",
    "git-diff": "attribtrack.cli.diff_cmds:git_diff",
    "verify": "attribtrack.cli.sources_cmds:verify",
    "sources": "attribtrack.cli.sources_cmds:sources",
    "check": "attribtrack.cli.check_cmds:check",
    "rules": "attribtrack.cli.check_cmds:rules",
    "init": "attribtrack.cli.store_cmds:init",
    "ingest": "attribtrack.cli.store_cmds:ingest",
    "log": "attribtrack.cli.store_cmds:log",
    "show": "attribtrack.cli.store_cmds:show",
    "store": "attribtrack.cli.store_cmds:store_group",
    "lsp": "attribtrack.cli.lsp_cmd:lsp",
    "serve": "attribtrack.cli.serve_cmd:serve",
    "watch": "attribtrack.cli.watch_cmds:watch",
    "changes": "attribtrack.cli.watch_cmds:changes",
    "export": "attribtrack.cli.export_cmd:export",
}


@dataclass
class AppContext:
    """What every command may need from the group: store location, debug flag, consoles."""

    store: str | None = None
    debug: bool = False
    _consoles: dict[bool, Any] = field(default_factory=dict)

    def console(self, *, stderr: bool = False) -> Any:
        """A rich Console (colour only on a terminal; NO_COLOR is honoured by rich)."""
        if stderr not in self._consoles:
            from rich.console import Console

            self._consoles[stderr] = Console(stderr=stderr, highlight=False, soft_wrap=False)
        return self._consoles[stderr]


class CLIError(click.ClickException):
    """An error already phrased for the user: ``attribtrack: error: ...`` and its exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"attribtrack: error: {self.format_message()}", err=True)


class AttribtrackGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AttribtrackError as exc:
            raise CLIError(str(exc), int(exc.exit_code)) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `attribtrack log DOC | head`: the reader went away; that is not an error.
            _silence_stdout()
            raise click.exceptions.Exit(0) from None
        except Exception as exc:  # the one place a bug turns into a message
            if _debug(ctx):
                raise
            raise CLIError(
                f"internal error: {type(exc).__name__}: {exc}. This is a bug; please report it "
                "with the command you ran (--debug shows the traceback).",
                int(ExitCode.INTERNAL),
            ) from exc


def _debug(ctx: click.Context) -> bool:
    obj = ctx.find_object(AppContext)
    return bool(obj and obj.debug) or bool(os.environ.get("ATTRIBTRACK_DEBUG"))


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=AttribtrackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="attribtrack")
@click.option(
    "--store",
    "store",
    metavar="FILE|URL",
    envvar="ATTRIBTRACK_STORE",
    help="Database file to use instead of .attribtrack/attribtrack.db found upward from here, or a "
    "shared PostgreSQL store (postgresql://USER@HOST/DB; libpq's PGPASSWORD, ~/.pgpass, PGSSLMODE "
    "apply) [env: ATTRIBTRACK_STORE].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, store: str | None, debug: bool) -> None:
    """Track source attribution in news.

    Who said it, through whom, who confirmed it, and what changed between
    revisions of a story. Exit codes: 0 ok, 1 findings or differences,
    2 usage error, 3 input error, 4 store error.
    """
    ctx.obj = AppContext(store=store, debug=debug)


def main() -> None:
    # pydantic scans every installed package's entry points for plugins on first use (~25 ms of
    # each run); attribtrack uses none. Only this process, and only when the user has not chosen.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugin_loader()
    cli(prog_name="attribtrack")


_LOADER = "pydantic.plugin._loader"


def _no_plugin_loader() -> None:
    """With plugins disabled, pydantic still imports its plugin loader, and with it
    importlib.metadata (~15 ms of every run), only to be told there are none. A stand-in answers
    that itself; any other name it is asked for comes from the real loader, imported then."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or _LOADER in sys.modules:
        return
    import types

    class _Loader(types.ModuleType):
        def get_plugins(self) -> tuple[()]:
            return ()

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__"):  # the import system asking after __path__ and the like
                raise AttributeError(name)
            sys.modules.pop(_LOADER, None)
            return getattr(importlib.import_module(_LOADER), name)

    sys.modules[_LOADER] = _Loader(_LOADER)
