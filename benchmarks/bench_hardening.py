#!/usr/bin/env python3
"""Hardening figures (issue 14): a .docx of millions of zip entries, and the memory of `claims`
on a large stored document (``DOC@N``, ``--format jsonl``, ``--format json``).

usage: env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_hardening.py [--what docx|claims] [--mb N]

Each case runs attribtrack's CLI in a child process of its own; its peak memory is the child's
own high-water mark (``VmHWM`` of ``/proc/self/status``, read by the child as it exits), not
``ru_maxrss`` (which also counts what the child inherited from this process). Output goes to
/dev/null. The inputs are generated: the .docx is a zip whose central-directory records all point
at one empty local entry (47 bytes an entry); the stored document is the seed story
(``fixtures/crocus.txt``) repeated to ``--mb`` MB (default 50) and ingested once into a store in
a temporary directory (not timed).
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: The child: attribtrack's CLI, which writes its VmHWM (kB) to $HWM_OUT when it exits.
CHILD = """
import atexit, os
def _hwm():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["HWM_OUT"], "w") as out:
        out.write(kb)
atexit.register(_hwm)
from attribtrack.cli import main
main()
"""


def run(args: list[str], cwd: str, timeout: float = 900) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak MB, last stderr line) of ``attribtrack ARGS``."""
    with tempfile.NamedTemporaryFile("r", suffix=".hwm") as hwm:
        env = {**os.environ, "HWM_OUT": hwm.name}
        start = time.perf_counter()
        with open(os.devnull, "wb") as null:
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, *args], cwd=cwd, env=env, stdout=null,
                stderr=subprocess.PIPE, timeout=timeout, check=False,
            )  # fmt: skip
        seconds = time.perf_counter() - start
        kb = hwm.read().strip()
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return proc.returncode, seconds, int(kb) / 1024 if kb else float("nan"), err[-1] if err else ""


def many_entries(count: int, declared: int | None = None) -> bytes:
    """``count`` empty stored entries; ``declared``: the count the end record states instead."""
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    record = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
    directory = (record + b"a") * count
    stated = min(count if declared is None else declared, 0xFFFF)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, stated, stated, len(directory), len(local), 0)
    return local + directory + end


def docx_cases(d: str) -> list[tuple[str, list[str]]]:
    cases = []
    for count, declared in ((2_000_000, None), (2_000_000, 3)):
        name = f"entries-{count}-{'declared' if declared is None else 'lying'}.docx"
        with open(os.path.join(d, name), "wb") as fh:
            fh.write(many_entries(count, declared))
        size = os.path.getsize(os.path.join(d, name)) / 1e6
        what = "its count declared" if declared is None else f"declared as {declared}"
        cases.append((f"docx, {count:,} entries ({what}), {size:.0f} MB: claims", ["claims", name]))
    return cases


def stored_cases(d: str, mb: int) -> list[tuple[str, list[str]]]:
    with open(os.path.join(ROOT, "fixtures", "crocus.txt"), encoding="utf-8") as fh:
        unit = fh.read().rstrip() + "\n\n"
    text = unit * (mb * 1_000_000 // len(unit.encode("utf-8")) + 1)
    with open(os.path.join(d, "big.txt"), "w", encoding="utf-8") as fh:
        fh.write(text[: mb * 1_000_000])
    code, seconds, peak, err = run(["--store", "s.db", "ingest", "big.txt", "--doc", "big"], d)
    if code != 0:
        raise SystemExit(f"ingest failed: {err}")
    # The cache holds the claims after the ingest's extraction? Only when something extracted
    # them: `claims big@1` once fills it, so every case below reads cached claims.
    run(["--store", "s.db", "claims", "big@1", "--format", "json"], d)
    stored = ["--store", "s.db", "claims", "big@1"]
    return [
        (f"stored {mb} MB, cached: claims big@1 --format json", [*stored, "--format", "json"]),
        (f"stored {mb} MB, cached: claims big@1 --format jsonl", [*stored, "--format", "jsonl"]),
        (f"file {mb} MB: claims big.txt --format jsonl", ["claims", "big.txt", "--format", "jsonl"]),
        (f"file {mb} MB: claims big.txt --format json", ["claims", "big.txt", "--format", "json"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--what", choices=["docx", "claims", "all"], default="all")
    parser.add_argument("--mb", type=int, default=50, help="size of the stored document (MB)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        cases = docx_cases(d) if opts.what in ("docx", "all") else []
        cases += stored_cases(d, opts.mb) if opts.what in ("claims", "all") else []
        print(f"{'case':<62} {'exit':>4} {'seconds':>8} {'VmHWM MB':>9}  stderr")
        for name, args in cases:
            code, seconds, peak, err = run(args, d)
            print(f"{name:<62} {code:>4} {seconds:>8.2f} {peak:>9.0f}  {err[:90]}", flush=True)


if __name__ == "__main__":
    main()
