"""Files that options name are read as input files are (issue 14): ``--config``, ``check
--baseline``, ``watch --opml`` (and the ``opml`` a configuration lists), ``--store``.

A FIFO, ``/dev/zero``, a directory or a file over the input cap is refused at once with one line
and the exit code of its family: a configuration or feed list is a usage error (2); a baseline is
an input of ``check`` (3, as ``check --help`` documents); a store is a store error (4, and no size
cap: a store outgrows any input). Every command runs as a real process under a timeout, so a
read that would wait on a FIFO fails its test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from attribtrack.read import MAX_INPUT_BYTES

TOO_LARGE = "larger than 256 MiB, the most attribtrack reads"
SAID = 'The mayor said "the pier will reopen in May" on Monday.\n'


def attribtrack(*args: str, cwd: Path, timeout: float = 30) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "attribtrack", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return "is not a regular file (a named pipe)"


def device(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "is not a regular file (a character device)"


def directory(path: Path) -> str:
    path.mkdir()
    return "is a directory"


def oversized(path: Path) -> str:
    with path.open("wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk used
    return TOO_LARGE


KINDS: dict[str, Callable[[Path], str]] = {"fifo": fifo, "device": device, "directory": directory,
                                           "oversized": oversized}  # fmt: skip
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                                reason="no FIFOs or /dev/zero here")  # fmt: skip

#: (command line with FILE, exit code, message before the reason)
OPTIONS = {
    "check --config": (["check", "d.md", "--config", "FILE"], 2, "cannot read configuration FILE: "),
    "check --baseline": (["check", "d.md", "--baseline", "FILE"], 3, "FILE: cannot read baseline: "),
    "watch --config": (["watch", "--once", "--config", "FILE"], 2, "cannot read configuration FILE: "),
    "watch --opml": (["watch", "--once", "--opml", "FILE"], 2, "cannot read OPML FILE: "),
}


def one_line(status: int, err: str, code: int, expected: str) -> None:
    assert status == code, err
    assert err == f"attribtrack: error: {expected}\n", err


@needs_fifo
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_file_is_read_like_an_input(tmp_path: Path, option: str, kind: str) -> None:
    (tmp_path / "d.md").write_text(SAID, encoding="utf-8")
    reason = KINDS[kind](tmp_path / "f.toml")
    args, code, prefix = OPTIONS[option]
    status, err = attribtrack("--store", "s.db", *[a.replace("FILE", "f.toml") for a in args], cwd=tmp_path)
    one_line(status, err, code, prefix.replace("FILE", "f.toml") + reason)
    assert not (tmp_path / "s.db").exists()  # refused before the watcher opens (or makes) a store


@needs_fifo
@pytest.mark.parametrize("kind", KINDS)
def test_a_feed_list_named_by_the_configuration(tmp_path: Path, kind: str) -> None:
    reason = KINDS[kind](tmp_path / "feeds.opml")
    (tmp_path / ".attribtrack.toml").write_text('[watch]\nopml = ["feeds.opml"]\n', encoding="utf-8")
    status, err = attribtrack("--store", "s.db", "watch", "--once", cwd=tmp_path)
    one_line(status, err, 2, f"cannot read OPML {tmp_path / 'feeds.opml'}: {reason}")


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
@pytest.mark.parametrize(
    "command", [["log", "x"], ["ingest", "d.md"], ["watch", "--once", "http://127.0.0.1:9/"]]
)
def test_a_store_that_is_not_a_file(tmp_path: Path, kind: str, command: list[str]) -> None:
    (tmp_path / "d.md").write_text(SAID, encoding="utf-8")
    reason = KINDS[kind](tmp_path / "s.db")
    status, err = attribtrack("--store", "s.db", *command, cwd=tmp_path)
    one_line(status, err, 4, f"store s.db {reason}, not a database file")


def test_an_oversized_configuration_found_upward(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text(SAID, encoding="utf-8")
    oversized(tmp_path / ".attribtrack.toml")
    status, err = attribtrack("check", "d.md", cwd=tmp_path)
    where = tmp_path / ".attribtrack.toml"
    one_line(status, err, 2, f"cannot read configuration {where}: {TOO_LARGE}")


@pytest.mark.parametrize("name", [".attribtrack.toml", "pyproject.toml"])
def test_a_configuration_that_is_not_utf8(tmp_path: Path, name: str) -> None:
    (tmp_path / "d.md").write_text(SAID, encoding="utf-8")
    data = b'[tool.attribtrack]\nselect = ["AT1"]\n# caf\xe9\n'
    (tmp_path / name).write_bytes(data)
    status, err = attribtrack("check", "d.md", cwd=tmp_path)
    one_line(status, err, 2, f"invalid TOML in {tmp_path / name}: not UTF-8 (offset {data.index(0xE9)})")


def test_option_files_that_are_files_still_work(tmp_path: Path) -> None:
    (tmp_path / "d.md").write_text(SAID, encoding="utf-8")
    (tmp_path / "c.toml").write_text('select = ["AT1"]\n', encoding="utf-8")
    args = ("check", "d.md", "--config", "c.toml")
    status, err = attribtrack(*args, "--write-baseline", "b.json", cwd=tmp_path)
    assert status in (0, 1) and "error" not in err, err
    status, err = attribtrack(*args, "--baseline", "b.json", cwd=tmp_path)
    assert status == 0, err
