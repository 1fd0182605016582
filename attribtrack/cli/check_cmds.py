"""``attribtrack check`` and ``attribtrack rules``."""

from __future__ import annotations

import click

from attribtrack.cli.options import encoding_option, jobs_option

FORMATS = ["text", "json", "sarif", "github", "junit"]


@click.command()
@click.argument("drafts", nargs=-1, required=True, metavar="DRAFT...")
@click.option(
    "--against",
    metavar="TARGET|git:REV",
    help="Baseline to compare with (AT3xx rules): a file, DOC@N, or git:REV "
    "(the same path at a git revision).",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format."
)
@click.option(
    "--select", metavar="CODES", help="Only these rule codes or prefixes, comma-separated (e.g. AT1,AT301)."
)
@click.option("--ignore", metavar="CODES", help="Skip these rule codes or prefixes, comma-separated.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Lowest severity that makes the exit status 1 [default: error, or fail-on in the configuration].",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (report-only runs)."
)
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    type=click.Path(),  # no dir_okay=False: a directory gets the one-line error every file gets
    help="Configuration file to use instead of the one found upward from each draft.",
)
@jobs_option
@click.option(
    "--changed-lines-only",
    is_flag=True,
    help="Report only findings on lines changed since --against (a pull request's own lines).",
)
@click.option(
    "--baseline",
    "baseline_file",
    metavar="FILE",
    help="Report only findings not recorded in FILE (written by --write-baseline).",
)
@click.option(
    "--write-baseline",
    "write_baseline_file",
    metavar="FILE",
    help="Record this run's findings in FILE by fingerprint (independent of the working directory).",
)
@encoding_option
@click.pass_context
def check(
    ctx: click.Context,
    drafts: tuple[str, ...],
    against: str | None,
    fmt: str,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    exit_zero: bool,
    config_file: str | None,
    jobs: int | None,
    encoding: str | None,
    changed_lines_only: bool,
    baseline_file: str | None,
    write_baseline_file: str | None,
) -> None:
    """Check editorial drafts for sourcing problems (rules: `attribtrack rules`).

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
    configuration error, 3 a draft (or the --baseline file) could not be read.
    On a pull request: --against git:origin/main --changed-lines-only; for an
    old archive: --write-baseline FILE once, then --baseline FILE.
    """
    from attribtrack.cli import AppContext
    from attribtrack.cli.progress import progress
    from attribtrack.lint.registry import RULES
    from attribtrack.lint.run import check_drafts, exit_status
    from attribtrack.render.findings import render

    with progress(ctx.obj or AppContext(), len(drafts), "checking") as advance:
        reports = check_drafts(
            drafts,
            against=against,
            config_file=config_file,
            select=_codes(select),
            ignore=_codes(ignore),
            fail_on=fail_on,
            store=ctx.obj.store if ctx.obj else None,
            jobs_count=jobs or None,
            encoding=encoding,
            changed_lines_only=changed_lines_only,
            baseline_file=baseline_file,
            write_baseline_file=write_baseline_file,
            progress=advance,
        )
    for report in reports:
        if report.error:
            click.echo(f"attribtrack: error: {report.error}", err=True)
    click.echo(render(fmt, reports, RULES, width=_terminal_width()), nl=False)
    ctx.exit(int(exit_status(reports, exit_zero=exit_zero)))


def _terminal_width() -> int | None:
    """Columns of the terminal stdout is (or COLUMNS); None for a pipe."""
    import os
    import shutil
    import sys

    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the check rules: code, name, default severity, what fires them."""
    from attribtrack.lint.docs import rules_json, rules_table
    from attribtrack.lint.registry import RULES

    click.echo(rules_json(RULES) if fmt == "json" else rules_table(RULES), nl=False)
