#!/usr/bin/env python3
"""Extractor speed and robustness (a benchmark that prints figures, not a test).

* throughput over the PolNeAR dev articles (../shared/polnear/dev/text) in one process, chars/s
* peak memory (tracemalloc peak of the run, and the process's max RSS)
* pathological 1 MB inputs, each timed: one endless sentence, 50,000 quote marks, 100,000 commas,
  no spaces, one huge quotation, "said" 100,000 times
"""

from __future__ import annotations

import glob
import os
import resource
import sys
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def main() -> int:
    sys.path.insert(0, ROOT)
    from attribtrack.extractor import extract

    extract("Warm-up: Carl Weber said the dam held.")
    paths = sorted(glob.glob(os.path.join(SHARED, "polnear", "dev", "text", "*.txt")))
    texts = [open(p, encoding="utf-8").read() for p in paths]
    if texts:
        chars = sum(len(t) for t in texts)
        best = None
        for _ in range(3):
            t0 = time.process_time()
            n = sum(len(extract(t).claims) for t in texts)
            dt = time.process_time() - t0
            best = dt if best is None else min(best, dt)
        print(
            f"throughput: {len(texts)} articles, {chars} chars, {n} claims, best of 3 {best:.3f} s CPU "
            f"-> {chars / best:,.0f} chars/s"
        )
    patho = {
        "endless sentence": ("word and more words, " * 50_000)[:1_000_000],
        "50,000 quote marks": ('"a ' * 50_000 + "x " * 400_000)[:1_000_000],
        "100,000 commas": ("a, " * 100_000 + "b " * 400_000)[:1_000_000],
        "no spaces": ("abc" * 400_000)[:1_000_000],
        "one huge quotation": ('"' + "He said that it was so. " * 45_000)[:1_000_000],
        "said 100,000 times": ("Peskov said " * 100_000)[:1_000_000],
    }
    worst = 0.0
    for name, text in patho.items():
        t0 = time.perf_counter()
        c = extract(text)
        dt = time.perf_counter() - t0
        worst = max(worst, dt)
        print(f"pathological {name:22s} {len(text):,} chars: {dt:6.2f} s, {len(c.claims)} claims")
    print(f"worst pathological time {worst:.2f} s ({'OK' if worst < 5 else 'TOO SLOW'} against 5 s)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS (whole benchmark, Python + pydantic + all inputs): {rss:.0f} MB")
    if texts:
        tracemalloc.start()
        for t in texts:
            extract(t)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced allocation over the dev articles: {peak / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
