#!/usr/bin/env python3
"""Fuzzing campaign over the readers (issue 14): hostile bytes for txt, md with front matter,
html, docx and json, for N minutes; prints executions and crashes.

usage: nice python benchmarks/fuzz_readers.py [--minutes N] [--formats txt,md,html,docx,json]
                                              [--seed S] [--crashes DIR] [--batch N]

The inputs come from the hypothesis strategies of ``tests/reader_strategies.py`` (what the
property tests draw from), run in batches of ``--batch`` examples with a fresh seed each, the
formats in turn. A crash is anything :func:`check_outcome` lets through: an exception other than
an AttribtrackError of exit 2 or 3, a multi-line message, a text that is not UTF-8-encodable,
a wrong sha256 — or a single read taking over 30 s (SIGALRM) or 2 GiB of address space (the
process runs under that limit, so a bomb is a MemoryError here, not a machine out of memory).
Each distinct crash (format, exception type, first line) is counted and its first input saved
to ``--crashes`` (default: a temporary directory). Exit 1 when anything crashed.

One process, one core: start it with ``nice`` on a shared machine; the executions per second
are then pessimistic.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import reader_strategies as rs  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

MEMORY = 2 << 30
PER_READ_SECONDS = 30


class _Slow(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Slow(f"one read took over {PER_READ_SECONDS} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--formats", default=",".join(rs.FORMATS))
    parser.add_argument("--seed", type=int, default=0, help="first batch seed (each batch adds one)")
    parser.add_argument("--batch", type=int, default=300, help="examples per hypothesis run")
    parser.add_argument("--crashes", help="directory for crashing inputs (default: a temporary one)")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(rs.FORMATS))
    if unknown:
        parser.error(f"unknown format(s): {', '.join(unknown)}")
    out = Path(args.crashes or tempfile.mkdtemp(prefix="attribtrack-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGALRM, _alarm)

    executions: Counter[str] = Counter()
    errors: Counter[str] = Counter()  # refused inputs (an AttribtrackError), per format
    crashes: Counter[tuple[str, str, str]] = Counter()
    first_input: dict[tuple[str, str, str], Path] = {}
    deadline = time.monotonic() + args.minutes * 60
    start = time.monotonic()
    batch = 0

    def run_batch(fmt: str, batch_seed: int) -> None:
        @seed(batch_seed)
        @settings(max_examples=args.batch, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate])  # fmt: skip
        @given(rs.inputs(fmt))
        def one(data: bytes) -> None:
            if time.monotonic() >= deadline:
                return
            executions[fmt] += 1
            signal.alarm(PER_READ_SECONDS)
            try:
                outcome = rs.check_outcome(data, fmt)
                if isinstance(outcome, Exception):
                    errors[fmt] += 1
            except BaseException as exc:  # noqa: BLE001 - a crash is whatever gets through
                if isinstance(exc, KeyboardInterrupt):
                    raise
                key = (fmt, type(exc).__name__, (str(exc).splitlines() or [""])[0][:120])
                crashes[key] += 1
                if key not in first_input:
                    path = out / f"{fmt}-{hashlib.sha256(data).hexdigest()[:16]}.bin"
                    path.write_bytes(data)
                    first_input[key] = path
            finally:
                signal.alarm(0)

        one()

    print(
        f"fuzzing {', '.join(formats)} for {args.minutes:g} min (batches of {args.batch}); crashes in {out}"
    )
    while time.monotonic() < deadline:
        run_batch(formats[batch % len(formats)], args.seed + batch)
        batch += 1

    elapsed = time.monotonic() - start
    total = sum(executions.values())
    print(f"{'format':<8}{'executions':>12}{'refused':>10}{'read':>10}{'crashes':>9}")
    for fmt in formats:
        n = executions[fmt]
        found = sum(c for (f, _, _), c in crashes.items() if f == fmt)
        print(f"{fmt:<8}{n:>12,}{errors[fmt]:>10,}{n - errors[fmt] - found:>10,}{found:>9,}")
    print(f"total: {total:,} executions in {elapsed / 60:.1f} min ({total / max(elapsed, 1e-9):,.0f}/s), "
          f"{batch} batches, {sum(crashes.values())} crashes ({len(crashes)} distinct)")  # fmt: skip
    for key, count in sorted(crashes.items()):
        print(f"  crash x{count}: {key[0]}: {key[1]}: {key[2]}  [{first_input[key]}]")
    return 1 if crashes else 0


if __name__ == "__main__":
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(main())
