"""Store throughput on both backends: ingests/s from one process and from 8 concurrent processes
into one document set, and `revisions()` latency.

Run: ``python benchmarks/bench_store.py [URL] [N]`` -- URL is a PostgreSQL database to use (default
``$ATTRIBTRACK_TEST_POSTGRES``); a fresh schema is made in it and dropped afterwards. The SQLite store
goes to a temporary directory. The machine has 2 cores shared with other work: figures are
pessimistic, and 8 writers on 2 cores measure contention more than the server.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from urllib.parse import quote

from attribtrack.store import open_store


def ingest(args: tuple[str, int, int]) -> int:
    location, worker, n = args
    with open_store(location, create=True, busy_timeout=60) as store:
        for i in range(n):
            store.ingest(f"worker {worker} revision {i} " * 200, doc_id=f"doc{i % 10}")
    return n


def measure(name: str, location: str, n: int) -> None:
    open_store(location, create=True).close()
    start = time.perf_counter()
    ingest((location, 0, n))
    one = n / (time.perf_counter() - start)
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        total = sum(pool.map(ingest, [(location, w + 1, n // 8) for w in range(8)]))
    eight = total / (time.perf_counter() - start)
    with open_store(location) as store:
        start = time.perf_counter()
        for _ in range(20):
            store.revisions("doc0")
        log_ms = (time.perf_counter() - start) / 20 * 1000
        revisions = len(store.revisions("doc0"))
    print(f"{name:10s} 1 process {one:7.0f} ingests/s   8 processes {eight:7.0f} ingests/s (incl. start-up)"
          f"   revisions() of a {revisions}-revision document {log_ms:.1f} ms")  # fmt: skip


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ATTRIBTRACK_TEST_POSTGRES")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    with tempfile.TemporaryDirectory() as tmp:
        measure("sqlite", os.path.join(tmp, "bench.db"), n)
    if not url:
        print("postgresql: skipped (pass a URL or set ATTRIBTRACK_TEST_POSTGRES)")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        sep = "&" if "?" in url else "?"
        measure("postgresql", f"{url}{sep}options={quote(f'-csearch_path={schema}')}", n)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
