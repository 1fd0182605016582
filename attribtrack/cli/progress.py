"""A progress bar on stderr for long batches (``ingest``, ``claims``, ``check`` over many inputs)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

#: Show a progress bar (on a terminal) from this many inputs on.
PROGRESS_FROM = 10


@contextlib.contextmanager
def progress(app: Any, total: int, what: str) -> Iterator[Callable[[], None]]:
    """A bar on stderr when it is a terminal and there are many inputs; else a no-op.

    The bar (and rich's refresh thread) starts at the first advance, after a batch's worker
    processes were forked: a thread running while a process forks may hold a lock (stderr's
    buffer) that the child then waits on forever."""
    # isatty() first: importing rich costs ~20 ms, too much for a piped `ingest` or `log`.
    if (
        total < PROGRESS_FROM
        or not sys.stderr.isatty()
        or not (console := app.console(stderr=True)).is_terminal
    ):
        yield lambda: None
        return
    from rich.progress import Progress

    # Lines printed on stdout appear above the bar only when stdout is the same terminal;
    # redirected stdout stays untouched.
    with contextlib.ExitStack() as stack:
        state: dict[str, Any] = {}

        def advance() -> None:
            if not state:
                bar = stack.enter_context(
                    Progress(console=console, transient=True, redirect_stdout=sys.stdout.isatty())
                )
                state["bar"], state["task"] = bar, bar.add_task(what, total=total)
            state["bar"].advance(state["task"])

        yield advance
