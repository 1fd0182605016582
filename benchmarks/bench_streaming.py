#!/usr/bin/env python3
"""The outputs of ``claims`` that are written as claims go by (issue 14): the text table, the
``--class`` filter, and ``--format jsonl`` with ``--jobs`` workers, on large news inputs.

usage: env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_streaming.py [--only TEXT] [--mb N]
       [--timeout S] [--max-memory MB] [--keep DIR]

Each case runs attribtrack's CLI (this interpreter's) in a child process of its own, output to a
file (counted), with a timeout and an address-space cap (``--max-memory``, default 8192 MB, so
that the code before streaming can be measured too). Figures: wall and CPU seconds (the child and
its workers), the main process's own peak (``VmHWM``, read by the child as it exits; not what it
inherited from this script) and the largest worker's (``RUSAGE_CHILDREN``). The inputs are
bench_hostile.py's: PolNeAR's train articles (../shared/polnear beside the checkout) repeated to
``--mb`` MB (default 50), or the seed story when PolNeAR is not there; the ``--jobs`` case
splits the same size into ten files; the stored case ingests the input once (not timed).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_hostile import MB, _news, _repeat, _write  # noqa: E402

#: The CLI, which writes "its own VmHWM kB, its largest reaped child's maxrss kB" to $PEAK_OUT.
CHILD = """
import atexit, os, resource
def _peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["PEAK_OUT"], "w") as out:
        out.write(f"{kb} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
atexit.register(_peak)
from attribtrack.cli import main
main()
"""


def run(
    args: list[str], cwd: str, timeout: float, max_mb: int
) -> tuple[str, float, float, float, float, int]:
    """(exit code or 'timeout', seconds, CPU seconds, main peak MB, worker peak MB, stdout bytes)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_mb << 20, max_mb << 20))

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak, tempfile.TemporaryFile() as out:
        env["PEAK_OUT"] = peak.name
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, *args], cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE,
                timeout=timeout, check=False, preexec_fn=limit,
            )  # fmt: skip
            code = str(proc.returncode)
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        except subprocess.TimeoutExpired:
            code, err = "timeout", []
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        got = peak.read().split()
        nbytes = out.tell()
    main_mb, worker_mb = (int(got[0]) / 1024, int(got[1]) / 1024) if len(got) == 2 else (float("nan"),) * 2
    if err and code != "0":
        code += " " + err[-1][:60]
    return code, seconds, cpu, main_mb, worker_mb, nbytes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="run only the cases whose name contains this")
    ap.add_argument("--mb", type=int, default=50, help="input size in MB (default 50)")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--max-memory", type=int, default=8192, help="address-space cap per case, MB")
    ap.add_argument("--keep", help="a directory for the inputs, kept between runs")
    opts = ap.parse_args()
    d = opts.keep or tempfile.mkdtemp(prefix="streaming-")
    os.makedirs(d, exist_ok=True)
    size = opts.mb * MB
    news = _write(d, f"news-{opts.mb}M.txt", lambda: _repeat(_news(), size))
    parts = [
        _write(d, f"news-{opts.mb}M-part{i}.txt", lambda: _repeat(_news(), size // 10)) for i in range(10)
    ]
    store = os.path.join(d, f"store-{opts.mb}M.db")
    doc = f"news-{opts.mb}m"
    mb = opts.mb
    json_args, jsonl = ["--class", "speech", "--format", "json"], ["--format", "jsonl"]
    cases: list[tuple[str, list[str]]] = [
        (f"claims {mb} MB news, text table", ["claims", news]),
        (f"claims {mb} MB news --class speech, table", ["claims", news, "--class", "speech"]),
        (f"claims {mb} MB news --class speech, json", ["claims", news, *json_args]),
        (f"claims 10 x {mb / 10:g} MB news --jobs 2, jsonl", ["claims", *parts, "--jobs", "2", *jsonl]),
        (f"claims DOC@1 ({mb} MB news, cached), table", ["--store", store, "claims", f"{doc}@1"]),
    ]  # fmt: skip
    print(f"inputs in {d}; timeout {opts.timeout:.0f} s, memory cap {opts.max_memory} MB per case")
    heads = ("seconds", "CPU s", "main MB", "worker MB", "out bytes")
    print(f"{'case':46s} {heads[0]:>8s} {heads[1]:>7s} {heads[2]:>8s} {heads[3]:>9s} {heads[4]:>11s}  exit")
    for name, args in cases:
        if opts.only and opts.only not in name:
            continue
        if "--store" in args and not os.path.exists(store):  # ingested and cached once, not timed
            for prep in (["ingest", news, "--doc", doc], ["claims", f"{doc}@1", "--format", "jsonl"]):
                subprocess.run([sys.executable, "-m", "attribtrack", "--store", store, *prep], cwd=d,
                               stdout=subprocess.DEVNULL, check=True)  # fmt: skip
        code, seconds, cpu, main_mb, worker_mb, nbytes = run(args, d, opts.timeout, opts.max_memory)
        print(
            f"{name:46s} {seconds:8.2f} {cpu:7.2f} {main_mb:8.0f} {worker_mb:9.0f} {nbytes:11d}  {code}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
