"""Benchmark: `attribtrack diff` on two long revisions with scattered edits.

Target (issue 4): two 20,000-word revisions with 50 scattered edits diff end to end in under
0.5 s, and 4x the input takes at most 5x the time. The texts are generated (seeded, so every run
diffs the same texts): news-style paragraphs of attributed and unattributed sentences; the edits
swap cues, change sources, alter quoted words, drop hedges, insert and delete sentences.

Prints, for each size: the in-process time of each stage (extract both, compare, render unified)
and the wall time of the `attribtrack diff` command in a fresh process (Python start-up included),
best and median of several runs. Usage: python benchmarks/bench_diff.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

NAMES = ["Dmitry Peskov", "Lynne Tracy", "Sergei Naryshkin", "Ana Ruiz", "Tom Berg", "Lena Ortiz",
         "Maria Zakharova", "John Kirby", "Sebastien Lecornu", "Antony Blinken"]  # fmt: skip
ROLES = ["spokesman", "ambassador", "harbor master", "council member", "deputy mayor", "minister"]
CUES = ["said", "told reporters", "wrote", "added", "noted", "stated"]
SWAPS = ["admitted", "claimed", "insisted", "conceded"]
OUTLETS = ["Reuters", "The Washington Post", "The New York Times", "Interfax", "the Associated Press"]
WORDS = ("the city council would review the budget for the harbor repairs before the end of the "
         "month while officials weighed options for the east pier and the ferry service that links "
         "the islands with the mainland during the busy summer season").split()  # fmt: skip


def sentence(rng: random.Random) -> str:
    clause = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
    kind = rng.random()
    name = rng.choice(NAMES)
    if kind < 0.35:
        return f"{rng.choice(ROLES).capitalize()} {name} {rng.choice(CUES)} that {clause}."
    if kind < 0.55:
        return f"\u201c{clause.capitalize()},\u201d {name.split()[-1]} said."
    if kind < 0.7:
        return f"{clause.capitalize()}, officials told {rng.choice(OUTLETS)}."
    if kind < 0.8:
        return f"{name} claimed without evidence that {clause}."
    return f"{clause.capitalize()} {rng.randint(2, 900)} times in {rng.randint(1990, 2024)}."


def document(words: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    paragraphs: list[list[str]] = []
    count = 0
    while count < words:
        para = [sentence(rng) for _ in range(rng.randint(1, 4))]
        count += sum(len(s.split()) for s in para)
        paragraphs.append(para)
    return paragraphs


def edit(paragraphs: list[list[str]], edits: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = [list(p) for p in paragraphs]
    targets = rng.sample(range(len(out)), edits)  # scattered: one edit per chosen paragraph
    for k, i in enumerate(sorted(targets)):
        para = out[i]
        j = rng.randrange(len(para))
        s = para[j]
        action = k % 5
        if action == 0 and " said" in s:
            para[j] = s.replace(" said", " " + rng.choice(SWAPS), 1)
        elif action == 1 and "officials told" in s:
            para[j] = s.replace("officials told", "sources told", 1)
        elif action == 2 and " without evidence" in s:
            para[j] = s.replace(" without evidence", "", 1)
        elif action == 3:
            para.insert(j, sentence(rng))
        elif action == 4 and len(para) > 1:
            del para[j]
        else:
            words = s.split()
            w = rng.randrange(len(words))
            words[w] = rng.choice(WORDS)
            para[j] = " ".join(words)
    return out


def text(paragraphs: list[list[str]]) -> str:
    return "Harbor report\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


SIZES = ((20_000, 50), (80_000, 200), (80_000, 50))


def prepare(words: int, edits: int, tmp: Path) -> dict[str, Any]:
    from attribtrack.compare import diff
    from attribtrack.extractor import extract

    base = document(words, seed=words)
    old, new = text(base), text(edit(base, edits, seed=words + 1))
    (tmp / f"old{words}_{edits}.txt").write_text(old, encoding="utf-8")
    (tmp / f"new{words}_{edits}.txt").write_text(new, encoding="utf-8")
    oc, nc = extract(old), extract(new)
    rd = diff(old, new, old_claims=oc, new_claims=nc)
    cmd = [sys.executable, "-m", "attribtrack", "diff", str(tmp / f"old{words}_{edits}.txt"),
           str(tmp / f"new{words}_{edits}.txt")]  # fmt: skip
    return {"old": old, "new": new, "oc": oc, "nc": nc, "rd": rd, "cmd": cmd, "words": len(old.split()),
            "edits": edits, "claims": len(oc.claims), "changes": len(rd.changes)}  # fmt: skip


def measure(runs: int, tmp: Path) -> list[dict[str, Any]]:
    """Each stage timed ``runs`` times per size, the sizes taken in turn (20k, 80k, 80k, 20k, ...):
    a burst of load on this machine then falls on every size alike, not on one of them, and the
    ratios between sizes stay meaningful."""
    from attribtrack.compare import diff
    from attribtrack.extractor import extract
    from attribtrack.render.diff_unified import render_unified

    cases = [prepare(w, e, tmp) for w, e in SIZES]
    startup = [sys.executable, "-m", "attribtrack", "--version"]
    stages: dict[str, Callable[[dict[str, Any]], object]] = {
        "extract": lambda c: (extract(c["old"]), extract(c["new"])),
        "compare": lambda c: diff(c["old"], c["new"], old_claims=c["oc"], new_claims=c["nc"]),
        "render": lambda c: render_unified(c["rd"]),
        "library": lambda c: render_unified(diff(c["old"], c["new"])),
        "cli": lambda c: subprocess.run(c["cmd"], capture_output=True, check=True),
        "startup": lambda c: subprocess.run(startup, capture_output=True, check=True),
    }
    for name, fn in stages.items():
        times: list[list[float]] = [[] for _ in cases]
        for _ in range(runs):
            for case, spent in zip(cases, times, strict=True):
                t0 = time.perf_counter()
                fn(case)
                spent.append(time.perf_counter() - t0)
        for case, spent in zip(cases, times, strict=True):
            case[name], case[name + "_median"] = min(spent), statistics.median(spent)
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure(args.runs, Path(tmp))
    print(f"{'words':>7} {'edits':>5} {'claims':>6} {'changes':>7} {'extract':>8} {'compare':>8} "
          f"{'render':>7} {'library':>8} {'lib med':>8} {'cli':>7} {'cli med':>7} "
          f"{'start-up':>8}")  # fmt: skip
    for r in rows:
        print(
            f"{r['words']:>7} {r['edits']:>5} {r['claims']:>6} {r['changes']:>7} {r['extract']:>7.3f}s "
            f"{r['compare']:>7.3f}s {r['render']:>6.3f}s {r['library']:>7.3f}s {r['library_median']:>7.3f}s "
            f"{r['cli']:>6.3f}s {r['cli_median']:>6.3f}s {r['startup']:>7.3f}s"
        )
    small, large, same = rows
    print(
        f"\n20k words, 50 edits, end to end (fresh process): {small['cli']:.3f} s best, "
        f"{small['cli_median']:.3f} s median of {args.runs} (target < 0.5 s)"
    )
    print(
        f"4x input (and 4x edits): library x{large['library'] / small['library']:.2f} "
        f"(medians x{large['library_median'] / small['library_median']:.2f}), "
        f"command x{large['cli'] / small['cli']:.2f} (target <= 5x)"
    )
    print(f"4x input, same 50 edits: library x{same['library'] / small['library']:.2f}")


if __name__ == "__main__":
    main()
