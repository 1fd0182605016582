#!/usr/bin/env python3
"""Fuzzing campaign over the extractor (issue 14): hostile and news-like texts for N minutes;
prints executions and crashes.

usage: nice python benchmarks/fuzz_extract.py [--minutes N] [--seed S] [--crashes DIR] [--batch N]

The texts come from the hypothesis strategies of ``tests/extract_strategies.py`` (what the
property tests draw from): random Unicode, hostile pieces (quote marks of every kind, separators,
soft hyphens) and invented news sentences of every frame shape, in batches of ``--batch``
examples with a fresh seed each, the two kinds in turn. A crash is any exception, a span that
does not quote the text (``check_spans``), the streamed JSON writer disagreeing with the models
(``check_paths_agree``, which also extracts the text a second time with the caches warm), or one
text taking over 30 s (SIGALRM) or 2 GiB of address space. Each distinct crash (kind, exception
type, first line) is counted and its first input saved to ``--crashes`` (default: a temporary
directory). Exit 1 when anything crashed. One process, one core: start it with ``nice``.
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

import extract_strategies as es  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

MEMORY = 2 << 30
PER_TEXT_SECONDS = 30
KINDS = {"hostile": es.TEXTS, "news": es.NEWS}


class _Slow(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Slow(f"one text took over {PER_TEXT_SECONDS} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0, help="first batch seed (each batch adds one)")
    parser.add_argument("--batch", type=int, default=300, help="examples per hypothesis run")
    parser.add_argument("--crashes", help="directory for crashing inputs (default: a temporary one)")
    args = parser.parse_args()
    out = Path(args.crashes or tempfile.mkdtemp(prefix="attribtrack-fuzz-extract-"))
    out.mkdir(parents=True, exist_ok=True)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGALRM, _alarm)

    executions: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    crashes: Counter[tuple[str, str, str]] = Counter()
    first_input: dict[tuple[str, str, str], Path] = {}
    deadline = time.monotonic() + args.minutes * 60
    start = time.monotonic()
    batch = 0
    kinds = list(KINDS)

    def run_batch(kind: str, batch_seed: int) -> None:
        @seed(batch_seed)
        @settings(max_examples=args.batch, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate])  # fmt: skip
        @given(KINDS[kind])
        def one(text: str) -> None:
            if time.monotonic() >= deadline:
                return
            executions[kind] += 1
            chars[kind] += len(text)
            signal.alarm(PER_TEXT_SECONDS)
            try:
                claims[kind] += es.check_spans(text)
                es.check_paths_agree(text)
            except BaseException as exc:  # noqa: BLE001 - a crash is whatever gets through
                if isinstance(exc, KeyboardInterrupt):
                    raise
                key = (kind, type(exc).__name__, (str(exc).splitlines() or [""])[0][:120])
                crashes[key] += 1
                if key not in first_input:
                    raw = text.encode("utf-8", "surrogatepass")
                    path = out / f"{kind}-{hashlib.sha256(raw).hexdigest()[:16]}.txt"
                    path.write_text(text, encoding="utf-8", errors="surrogatepass")
                    first_input[key] = path
            finally:
                signal.alarm(0)

        try:
            one()
        except Exception as exc:  # noqa: BLE001 - the engine failing (a MemoryError in a draw) is a crash too
            key = (kind, f"engine {type(exc).__name__}", (str(exc).splitlines() or [""])[0][:120])
            crashes[key] += 1
            first_input.setdefault(key, out / f"seed-{batch_seed}")

    print(f"fuzzing the extractor ({', '.join(kinds)}) for {args.minutes:g} min (batches of {args.batch}); "
          f"crashes in {out}")  # fmt: skip
    while time.monotonic() < deadline:
        run_batch(kinds[batch % len(kinds)], args.seed + batch)
        batch += 1

    elapsed = time.monotonic() - start
    total = sum(executions.values())
    print(f"{'kind':<8}{'executions':>12}{'chars':>12}{'claims':>10}{'crashes':>9}")
    for kind in kinds:
        found = sum(c for (k, _, _), c in crashes.items() if k == kind)
        print(f"{kind:<8}{executions[kind]:>12,}{chars[kind]:>12,}{claims[kind]:>10,}{found:>9,}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"total: {total:,} executions in {elapsed / 60:.1f} min ({total / max(elapsed, 1e-9):,.0f}/s), "
          f"{batch} batches, {sum(crashes.values())} crashes ({len(crashes)} distinct)")  # fmt: skip
    print(f"peak RSS {peak} MB")
    for key, count in sorted(crashes.items()):
        print(f"  crash x{count}: {key[0]}: {key[1]}: {key[2]}  [{first_input[key]}]")
    return 1 if crashes else 0


if __name__ == "__main__":
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(main())
