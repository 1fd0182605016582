"""Ingest throughput, `log` latency and peak memory of the store.

Targets (issue 2): ingest 1,000 distinct revisions of a 5,000-word article at >= 300 revisions/s;
`log` of that document < 100 ms; peak memory < 150 MB.
Run: ``python benchmarks/bench_ingest.py [REVISIONS]``. Files and the database go to a temporary
directory that is removed afterwards.

The ingest is one CLI process given all the files (`attribtrack ingest f0000.txt ... --doc bench`),
so the figure includes start-up, reading, hashing and one transaction per revision; its peak
memory is the child's ru_maxrss. `log` is timed as the whole command (a fresh process, as a user
runs it) and, separately, as the library call `Store.revisions()`.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "the ministry said officials told reporters on tuesday that talks would resume after a warning "
    "about an attack at the concert hall was shared with moscow according to a statement released "
    "by the embassy which added that intelligence services had exchanged information through "
    "channels spokesman president defense minister newspaper reported confirmed denied claimed"
).split()

RUNNER = """
import resource, sys
from attribtrack.cli import main
sys.argv = ["attribtrack", *sys.argv[1:]]
try:
    main()
finally:
    print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def article(rng: random.Random, words: int = 5000) -> list[str]:
    """Paragraphs of roughly 100 words each, ``words`` words in all."""
    paragraphs = []
    for _ in range(words // 100):
        sentence_words = [rng.choice(WORDS) for _ in range(100)]
        paragraphs.append(" ".join(sentence_words).capitalize() + ".")
    return paragraphs


def _children_cpu() -> float:
    """CPU seconds (user + system) used by finished child processes: unlike wall time, this
    hardly moves when other programs compete for the machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20240402)
    base = article(rng)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for i in range(n):  # each revision: one paragraph edited, as an editor updates a story
            paragraphs = list(base)
            paragraphs[i % len(paragraphs)] = f"Update {i}: " + paragraphs[i % len(paragraphs)]
            path = root / f"rev{i:04d}.txt"
            path.write_text("Benchmark article\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
            paths.append(path.name)
        size = (root / paths[0]).stat().st_size
        words = len((root / paths[0]).read_text().split())
        db = str(root / "bench.db")

        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", RUNNER, "--store", db, "ingest", "--doc", "bench", *paths],
            cwd=root, capture_output=True, text=True,
        )  # fmt: skip
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        added = proc.stdout.count("added ")
        peak_mb = int(proc.stderr.split("maxrss_kb")[-1]) / 1024
        rate = added / elapsed

        log_cmd = [str(Path(sys.executable).with_name("attribtrack")), "--store", db, "log", "bench"]
        if not Path(log_cmd[0]).exists():
            log_cmd = [sys.executable, "-m", "attribtrack", *log_cmd[1:]]
        times, cpu_times = [], []
        for _ in range(15):
            t0, c0 = time.perf_counter(), _children_cpu()
            out = subprocess.run(log_cmd, check=True, capture_output=True, text=True).stdout
            times.append((time.perf_counter() - t0) * 1000)
            cpu_times.append((_children_cpu() - c0) * 1000)
        log_ms, log_cpu_ms = statistics.median(times), statistics.median(cpu_times)
        rows = len(out.splitlines()) - 2

        from attribtrack.store import open_store

        lib_times = []
        with open_store(db) as store:
            for _ in range(15):
                t0 = time.perf_counter()
                revisions = store.revisions("bench")
                lib_times.append((time.perf_counter() - t0) * 1000)
        lib_ms = statistics.median(lib_times)
        db_mb = Path(db).stat().st_size / 1024 / 1024

    print(f"article: {words} words, {size} bytes; {n} distinct revisions; store {db_mb:.1f} MB")
    print(
        f"ingest: {added} revisions in {elapsed:.2f} s = {rate:.0f} revisions/s (target >= 300)  "
        f"{'ok' if rate >= 300 else 'BELOW TARGET'}"
    )
    print(
        f"ingest peak memory (ru_maxrss): {peak_mb:.1f} MB (target < 150)  "
        f"{'ok' if peak_mb < 150 else 'OVER'}"
    )
    print(
        f"log (CLI, fresh process, {rows} rows): median {log_ms:.1f} ms wall, {log_cpu_ms:.1f} ms CPU "
        "(target < 100)  "
        f"{'ok' if log_ms < 100 else 'OVER'}"
    )
    print(f"log (library, Store.revisions(), {len(revisions)} rows): median {lib_ms:.2f} ms")
    ok = rate >= 300 and peak_mb < 150 and log_ms < 100 and added == n
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
