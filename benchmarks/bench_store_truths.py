"""What the store's truth checks cost (issue 14): the sha256 check on every text read, and
`attribtrack store check`, on a 50 MB revision (SQLite: a BLOB of UTF-8) and on many small ones.

Run: ``python benchmarks/bench_store_truths.py [MB] [N]`` (default 50 MB, 2,000 small texts).
Figures are wall-clock medians of 3 runs of the installed command (process start included) and,
for the hash alone, of the in-process check. The machine is shared (2 cores, other work running):
figures are pessimistic.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import command  # the installed console script, as a user runs it

from attribtrack.store import open_store
from attribtrack.store.base import _hash

RUNS = 3


def timed(argv: list[str], cwd: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    small = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    paragraph = "The ministry said on Tuesday that talks would resume, officials told reporters. " * 12
    text = (paragraph + "\n\n") * (mb * 1024 * 1024 // (len(paragraph) + 2))
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        db = here / "s.db"
        with open_store(db, create=True) as store:
            store.ingest(text, doc_id="big")
            for i in range(small):
                store.ingest(f"Text {i}: {paragraph}", doc_id=f"d{i % 100}")
        start = time.perf_counter()
        hashes = [_hash(text) for _ in range(RUNS)]
        hash_s = (time.perf_counter() - start) / RUNS
        assert len({h for h in hashes}) == 1
        show = timed([*command(), "--store", str(db), "show", "big"], here)
        log = timed([*command(), "--store", str(db), "log", "big"], here)
        check = timed([*command(), "--store", str(db), "store", "check"], here)
        size = os.path.getsize(db) / 1e6
    print(f"text: {len(text.encode()) / 1e6:.1f} MB; store: {size:.1f} MB, {small + 1} texts")
    print(f"sha256 + size check of the {mb} MB text, in process: {hash_s * 1000:.0f} ms")
    print(f"`show big` ({mb} MB, checked on read), end to end: {show * 1000:.0f} ms")
    print(f"`log big` (no text read, nothing checked), end to end: {log * 1000:.0f} ms")
    print(f"`store check` ({small + 1} texts, integrity included), end to end: {check * 1000:.0f} ms")


if __name__ == "__main__":
    main()
