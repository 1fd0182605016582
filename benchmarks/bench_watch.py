"""Benchmark ``attribtrack watch --once``: a loopback feed of N articles, 8 fetches in flight.

Three passes, each a separate ``attribtrack watch --once --all`` process (its CPU time and peak
memory are its own, read from ``wait4``): the first stores every article, the second finds half
of them edited (a quote altered, a source dropped: new revisions and change events), the third
finds nothing changed, every article answering 304 to its conditional request. The site is a
plain file server in this process (its CPU is not counted).

    env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_watch.py [--items 500] [--in-flight 8]

Figures on a shared machine are pessimistic.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PARAGRAPHS = [
    'The mayor said on Monday that "the bridge will reopen in {month}," according to city officials.',
    "Police said the driver of lorry {n} was speeding when it struck the barrier.",
    "The treasurer reportedly said the council approved a budget of {n} million for repairs.",
    "Residents told reporters that the detour added an hour to their commute.",
    '"We are doing everything we can," the transport minister, Ana Ruiz, said in a statement.',
]


FILLER = [
    "The council met on Tuesday evening to discuss the schedule of the works on the northern approach.",
    "Traffic on the ring road was heavier than usual, and buses were diverted through the old town.",
    "Engineers inspected the piers last month and found corrosion on two of the steel bearings.",
    "The bridge carries about 40,000 vehicles a day and was last renovated in 1998.",
]


def article(n: int, edited: bool) -> str:
    """A page of about the shape of a news article's, at the small end of their sizes (~90 KB; a
    news site's article page is often 200-500 KB): some 25 paragraphs of text, with navigation,
    an inline script, a sidebar and a footer around them."""
    paras = [p.format(n=n, month="June" if edited else "May") for p in PARAGRAPHS]
    if edited:
        paras[1] = paras[1].replace("Police said the driver", "The driver")
    paras += [f"{FILLER[i % len(FILLER)]} (Story {n}, paragraph {i}.)" for i in range(20)]
    body = "".join(f"<p>{p}</p>" for p in paras)
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(600))
    script = (
        "<script>window.dataLayer = [" + ",".join(f'{{"k{i}": {i}}}' for i in range(3000)) + "];</script>"
    )
    aside = "".join(f'<li><a href="/news/story-{i}.html">Most read story {i}</a></li>' for i in range(200))
    return (f"<html><head><title>Story {n}</title><meta charset='utf-8'>{script}</head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>Story {n}</h1>{body}</article>"
            f"<aside><ul>{aside}</ul></aside></main><footer>(c) Gazette</footer></body></html>")  # fmt: skip


class _Server(http.server.ThreadingHTTPServer):
    # socketserver's listen backlog is 5: 8 fetches in flight that each take a millisecond (a 304)
    # overflow it, and a dropped SYN costs the client a 1 s retransmission, which measures the
    # test server, not the watcher.
    request_queue_size = 128
    daemon_threads = True


def write(path: Path, text: str, stamp: float) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (stamp, stamp))


def run_pass(store: Path, feed: str, in_flight: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "attribtrack", "--store", str(store), "watch", "--once", "--all",
           "--host-delay", "0", "--max-in-flight", str(in_flight), feed]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    assert proc.stderr is not None
    summary = proc.stderr.read().strip().splitlines()[-1]
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"watch failed ({proc.returncode}): {summary}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "summary": summary}  # type: ignore[dict-item]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--in-flight", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        handler.func.log_message = lambda *a: None  # type: ignore[attr-defined]
        server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        stamp = time.time() - 86400
        items = "".join(f"<item><title>Story {n}</title><link>{base}/news/story-{n}.html</link></item>"
                        for n in range(args.items))  # fmt: skip
        (root / "news").mkdir()
        write(root / "feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
                                 f"{items}</channel></rss>", stamp)  # fmt: skip
        for n in range(args.items):
            write(root / "news" / f"story-{n}.html", article(n, edited=False), stamp)
        store = Path(tmp) / "watch.db"
        feed = f"{base}/feed.xml"
        results = {"first (all new)": run_pass(store, feed, args.in_flight)}
        for n in range(0, args.items, 2):  # half the articles edited, with a later Last-Modified
            write(root / "news" / f"story-{n}.html", article(n, edited=True), stamp + 3600)
        results["second (half edited)"] = run_pass(store, feed, args.in_flight)
        results["third (all unchanged)"] = run_pass(store, feed, args.in_flight)
        server.shutdown()
    size = len(article(0, edited=False).encode()) / 1024
    print(f"watch --once --all over a loopback feed of {args.items} articles ({size:.0f} KB of HTML each), "
          f"{args.in_flight} in flight")  # fmt: skip
    print(
        f"{'pass':24} {'wall s':>8} {'pages/s':>8} {'CPU s':>7} {'CPU ms/page':>12} {'peak MB':>8}  summary"
    )
    for name, r in results.items():
        print(f"{name:24} {r['wall']:8.2f} {args.items / r['wall']:8.1f} {r['cpu']:7.2f} "
              f"{1000 * r['cpu'] / args.items:12.2f} {r['rss_mb']:8.1f}  {r['summary']}")  # fmt: skip
    first, edited, same = results.values()
    for name, other in (("first", first), ("edited", edited)):
        print(f"unchanged pass / {name} pass: wall {same['wall'] / other['wall']:.3f}, "
              f"CPU {same['cpu'] / other['cpu']:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
