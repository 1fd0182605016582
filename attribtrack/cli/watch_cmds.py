"""``watch`` and ``changes``: follow feeds and pages, list the attribution changes recorded."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from attribtrack.cli import AppContext
from attribtrack.errors import ExitCode


def _types(value: str | None) -> tuple[str, ...]:
    return tuple(t.strip() for t in value.split(",") if t.strip()) if value else ()


def stop_handler(stop: threading.Event) -> Any:
    """A signal handler that sets ``stop`` without taking its lock in the handler. A handler runs
    in the main thread between two bytecodes, and the main thread may be inside ``stop.wait``,
    holding the event's (non-reentrant) lock: ``stop.set()`` there waited for itself for ever (seen
    under load: the watcher never ended after SIGINT). A short thread sets it once the main thread
    lets the lock go, which ``wait`` does at once."""

    def handler(signum: int, frame: Any) -> None:
        threading.Thread(target=stop.set, name="attribtrack-stop", daemon=True).start()

    return handler


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set ``stop`` (the watcher ends after the write in progress) instead of
    raising in the middle of it; the previous handlers come back afterwards."""
    previous = {sig: signal.signal(sig, stop_handler(stop)) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Hooks:
    """Prints what the watcher reports: -v lines and --jsonl events; a progress bar on a terminal."""

    def __init__(
        self, app: AppContext, *, verbose: bool, jsonl: bool, notify_on: tuple[str, ...], notifier: Any
    ) -> None:
        self.verbose, self.jsonl, self.notify_on, self.notifier = verbose, jsonl, notify_on, notifier
        console = app.console(stderr=True)
        self.progress = None
        if console.is_terminal and not verbose:
            from rich.progress import Progress

            self.progress = Progress(console=console, transient=True)
            self.task = None

    def planned(self, phase: str, count: int) -> None:
        if self.progress is not None and count:
            if self.task is None:
                self.progress.start()
                self.task = self.progress.add_task(phase, total=count)
            else:
                self.progress.update(self.task, description=phase, total=count, completed=0)

    def checked(self, url: str, outcome: str) -> None:
        if self.verbose:
            click.echo(f"{url}  {outcome}", err=True)
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def events(self, records: list[Any]) -> None:
        chosen = [r for r in records if not self.notify_on or r.type in self.notify_on]
        if self.jsonl:
            for record in chosen:
                click.echo(json.dumps(record.to_dict(), sort_keys=True))
            sys.stdout.flush()
        if self.notifier is not None:
            self.notifier.send(chosen)

    def store_busy(self, error: Any) -> None:
        self.done()
        where = (error.hint or "").split(";")[0]
        click.echo(
            f"attribtrack: warning: {error.message}{f' ({where})' if where else ''}: this pass stopped; "
            "the next one carries on",
            err=True,
        )

    def done(self) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.stop()
            self.progress.remove_task(self.task)  # the next pass of the loop starts a bar of its own
            self.task = None


@click.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Read [watch] settings and sources from FILE (default: the nearest "
    ".attribtrack.toml or pyproject.toml).",
)
@click.option(
    "--opml",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Follow the feeds of an OPML feed list (repeatable).",
)
@click.option("--once", is_flag=True, help="One pass over what is due, then exit (for cron or CI).")
@click.option("--all", "check_all", is_flag=True, help="Check every source and known article now.")
@click.option("--outlet", metavar="NAME", help="Outlet of the pages the SOURCEs list.")
@click.option("--kind", type=click.Choice(["article", "source"]), help="Kind of those pages.")
@click.option("--include", multiple=True, metavar="GLOB", help="Only item URLs matching GLOB.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="No item URL matching GLOB.")
@click.option(
    "--schedule", metavar="SPEC", help="Re-check schedule [default: 15m until 3h, 1h until 1d, 1d until 7d]."
)
@click.option("--feed-every", metavar="DURATION", help="How often a feed is read [default: 15m].")
@click.option("--max-in-flight", type=click.IntRange(1, 256), help="Fetches at once [default: 8].")
@click.option(
    "--host-delay", type=click.FloatRange(0), help="Seconds between requests to one host [default: 1]."
)
@click.option("--timeout", type=click.FloatRange(0.1), help="Seconds per request [default: 10].")
@click.option("--retries", type=click.IntRange(0, 10), help="Retries on timeouts and 5xx [default: 2].")
@click.option(
    "--backoff",
    type=click.FloatRange(0),
    default=0.5,
    show_default=True,
    help="First retry delay (s), doubled each time (webhooks: twice that).",
)
@click.option("--max-bytes", type=click.IntRange(1), help="Largest page accepted [default: 8 MiB].")
@click.option("--user-agent", metavar="UA", help="User-Agent (robots.txt groups match its first word).")
@click.option("--notify", metavar="URL", help="POST each new batch of changes as JSON to URL.")
@click.option(
    "--notify-on",
    metavar="TYPES",
    help="Only these change types (comma-separated), for --notify and --jsonl.",
)
@click.option("--jsonl", is_flag=True, help="Print each new change event as a JSON line on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="One line per URL checked.")
@click.pass_obj
def watch(
    app: AppContext,
    sources: tuple[str, ...],
    config_file: Path | None,
    opml: tuple[Path, ...],
    once: bool,
    check_all: bool,
    verbose: bool,
    jsonl: bool,
    backoff: float,
    **options: Any,
) -> None:
    """Follow feed (RSS/Atom) and page URLs: store each new revision, record attribution changes.

    Without SOURCEs or a configuration, carries on with what the store follows. Runs until
    SIGTERM/SIGINT (which end it after the write in progress), or one pass with --once. Exit 0
    when a pass ran, even if some URLs failed (each is reported and recorded); 2 for a bad
    configuration; 4 for an unusable store.
    """
    from attribtrack.errors import UsageError
    from attribtrack.store import open_store
    from attribtrack.watch import Watcher
    from attribtrack.watch.config import resolve_config
    from attribtrack.watch.notify import Notifier

    options["notify_on"] = _types(options.get("notify_on"))
    config = resolve_config(config_file, Path.cwd(), sources=sources, opml=opml, **options)
    stop = threading.Event()
    warn = lambda message: click.echo(f"attribtrack: warning: {message}", err=True)  # noqa: E731
    notifier = (
        Notifier(config.notify, agent=config.user_agent or _agent(), on_error=warn, backoff=2 * backoff)
        if config.notify
        else None
    )
    hooks = _Hooks(app, verbose=verbose, jsonl=jsonl, notify_on=config.notify_on, notifier=notifier)

    def report(summary: Any) -> None:
        hooks.done()
        for message in summary.errors + summary.warnings:
            warn(message)
        click.echo(summary.line(), err=True)

    with open_store(app.store, create=True) as store, _stop_on_signals(stop):
        watcher = Watcher(store, config, hooks=hooks, stop=stop, backoff=backoff)  # type: ignore[arg-type]
        if not watcher.sources():
            raise UsageError(
                "nothing to watch", hint="give feed or page URLs, --opml FILE or a [watch] config"
            )
        if once:
            report(summary := watcher.run_pass(check_all=check_all))
        else:
            watcher.run_forever(check_all=check_all, report=report)
    if notifier is not None and not notifier.close(wait=30.0):
        warn("webhook: batches still queued after 30 s were not delivered")
    if once and summary.stopped:
        raise click.exceptions.Exit(int(ExitCode.INTERRUPTED))


def _agent() -> str:
    from attribtrack.watch.fetcher import user_agent

    return user_agent()


@click.command()
@click.argument("doc", required=False)
@click.option("--since", metavar="DATE", help="Events detected at or after this ISO date or time (UTC).")
@click.option("--type", "types", multiple=True, metavar="T", help="Only this change type (repeatable).")
@click.option("--outlet", metavar="O", help="Only documents of this outlet.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "atom"]), default="text", show_default=True
)
@click.pass_obj
def changes(
    app: AppContext, doc: str | None, since: str | None, types: tuple[str, ...], outlet: str | None, fmt: str
) -> None:
    """The attribution changes recorded by `watch`, oldest first (atom: an Atom feed of them)."""
    from attribtrack.render.changes_text import render_atom, render_json, render_text
    from attribtrack.store import open_store
    from attribtrack.watch.schedule import normalise_since

    since = normalise_since(since) if since else None
    types = tuple(t for value in types for t in _types(value))
    with open_store(app.store) as store:
        records = store.changes(doc, since=since, types=types or None, outlet=outlet)
        if fmt == "atom":
            urls = {d: store.document(d).url for d in {r.document for r in records} if store.has_document(d)}
            click.echo(render_atom(records, urls), nl=False)
            return
    click.echo(render_json(records) if fmt == "json" else render_text(records), nl=False)
