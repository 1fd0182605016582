"""Extracting the claims of two revisions, on two cores when the texts are long.

The extractor is deterministic and the result does not depend on where it ran, so splitting
the work changes nothing but the time: a forked child extracts the old text while this process
extracts the new one, and sends its claims back as JSON through a pipe. Where fork is not
available, or the child fails, both are extracted here.

``meanwhile`` is other work of the caller's that needs neither result (the text diff): it runs
here after the new text's claims, while the child is still extracting and sending, so it costs
no time of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from attribtrack.gcpause import paused
from attribtrack.models import Claims

#: below this many characters in all, a fork costs more than it saves
PARALLEL_CHARS = 150_000
#: pipe capacity asked for (Linux allows up to /proc/sys/fs/pipe-max-size, 1 MiB by default)
PIPE_BYTES = 1 << 20


def extract_both(
    old_text: str, new_text: str, *, meanwhile: Callable[[], Any] | None = None
) -> tuple[Claims, Claims]:
    from attribtrack.extractor import extract

    if len(old_text) + len(new_text) < PARALLEL_CHARS or _cores() < 2 or not hasattr(os, "fork"):
        return _here(old_text, new_text, meanwhile)
    # The extractor's first call loads its word lists and outlet registry and builds its
    # validators: done once here, before the fork, the child inherits them instead of redoing it.
    extract("")
    try:
        read_end, write_end = os.pipe()
    except OSError:  # out of file descriptors: one core it is
        return _here(old_text, new_text, meanwhile)
    _widen(write_end)
    try:
        pid = os.fork()
    except OSError:  # no more processes allowed
        os.close(read_end)
        os.close(write_end)
        return _here(old_text, new_text, meanwhile)
    if pid == 0:  # the child: extract, send, and leave without running any exit handlers
        status = 1
        try:
            os.close(read_end)
            data = extract(old_text).model_dump_json(by_alias=True).encode("utf-8")
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        new = extract(new_text)
        if meanwhile is not None:
            meanwhile()
    finally:  # the child is always waited for, even when this side failed
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return extract(old_text), new
    # Validating builds thousands of small acyclic objects: the cyclic GC's passes over them (and
    # over everything else alive) would cost as much as the validation itself.
    with paused():
        return Claims.model_validate_json(data), new


def _cores() -> int:
    """CPUs this process may run on (a container or taskset can allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _here(old_text: str, new_text: str, meanwhile: Callable[[], Any] | None) -> tuple[Claims, Claims]:
    from attribtrack.extractor import extract

    if meanwhile is not None:
        meanwhile()
    return extract(old_text), extract(new_text)


def _widen(fd: int) -> None:
    """Room in the pipe for the whole answer of a long text (Linux; best effort): the child writes
    it at once and exits instead of waiting for this process to read 64 KiB at a time."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass
