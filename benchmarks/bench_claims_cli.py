"""`claims` over a whole split in one fresh process, start-up included (issue 10's target: over
the 84 PolNeAR dev articles, at least 600,000 characters a second).

usage: env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_claims_cli.py [POLNEAR] [--split dev]
       [--runs 3] [--format jsonl|json|text] [--jobs 1]

POLNEAR defaults to ../shared/polnear beside the checkout. The texts are read where they are
(never copied); one `attribtrack claims FILE... --format jsonl` process runs over all of them,
output to /dev/null, as a researcher's batch would. Prints the best and median of RUNS, wall and
CPU (the child's user+system time: steadier than wall on a shared machine), in characters a second.
Time with bytecode written (``env -u PYTHONDONTWRITEBYTECODE``), as an installed package has it.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import command  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TARGET = 600_000


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", nargs="?", default=str(ROOT.parent / "shared" / "polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "json", "text"])
    parser.add_argument(
        "--jobs", type=int, default=1, help="claims --jobs (1: one process, the target's terms)"
    )
    args = parser.parse_args()
    files = sorted((Path(args.polnear) / args.split / "text").glob("*.txt"))
    if not files:
        print(f"no PolNeAR {args.split} texts under {args.polnear}", file=sys.stderr)
        return 2
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    argv = [*command(), "claims", *map(str, files), "--format", args.format, "--jobs", str(args.jobs)]
    walls, cpus = [], []
    for _ in range(args.runs):
        before = _child_cpu()
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(_child_cpu() - before)
        if done.returncode != 0:
            print(f"claims exited {done.returncode}: {done.stderr.decode()[:300]}", file=sys.stderr)
            return 1
    best = min(walls)
    print(
        f"claims --format {args.format} over {len(files)} {args.split} articles, {chars:,} chars, "
        f"--jobs {args.jobs}, a fresh process each run, {args.runs} runs"
    )
    print(f"wall: best {best:.3f} s -> {chars / best:,.0f} chars/s; median {statistics.median(walls):.3f} s")
    print(f"CPU:  best {min(cpus):.3f} s -> {chars / min(cpus):,.0f} chars/s")
    verdict = "OK" if chars / best >= TARGET else "TARGET MISSED"
    print(f"target >= {TARGET:,} chars/s (wall, start-up included): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
