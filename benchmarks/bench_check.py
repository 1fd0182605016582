"""`attribtrack check` speed, end to end (process start included), as a pre-commit hook runs it.

Targets (issue 5): `attribtrack check draft.md --against old.md` on 1,500-word drafts, median under
300 ms; 100 drafts in one call under 3 s. Run: ``python benchmarks/bench_check.py [RUNS]``.

Drafts are built deterministically from the seed article's paragraphs (names, numbers and
dates varied so every paragraph differs) until they reach 1,500 words; the baseline is the same
draft before three edits (an attribution dropped, a quotation altered, a cue changed).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import command  # the installed console script, as a user runs it

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "crocus.txt"
TARGET_ONE_MS = 300.0
TARGET_MANY_S = 3.0
WORDS = 1500

NAMES = ["Ana Ruiz", "Tom Hale", "Lena Berg", "Omar Haddad", "Mei Chen", "Ivan Petrov", "Sara Lind"]
PLACES = ["Tudela", "Moscow", "Lyon", "Porto", "Graz", "Tartu", "Split"]


def make_draft(seed: int) -> str:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    out: list[str] = [f'---\ntitle: "Draft {seed}"\n---\n\n# Story {seed}\n']
    words, i = 0, 0
    while words < WORDS:
        p = paragraphs[(i + seed) % len(paragraphs)]
        p = p.replace("Peskov", NAMES[(i + seed) % len(NAMES)].split()[1])
        p = p.replace("Moscow", PLACES[(i * 3 + seed) % len(PLACES)])
        p = p.replace("April 3", f"April {1 + (i + seed) % 28}").replace("144", str(100 + i + seed))
        out.append(p)
        words += len(p.split())
        i += 1
    return "\n\n".join(out) + "\n"


def edit(text: str) -> str:
    """The draft an editor produced from ``text``: cues changed, a quotation altered."""
    return (
        text.replace(" said on April", " stated on April", 1)
        .replace("area of expertise", "job", 1)
        .replace("Putin said the same day", "Putin admitted the same day", 1)
    )


#: Installed packages run from cached bytecode; this environment may set PYTHONDONTWRITEBYTECODE,
#: which makes every start compile attribtrack from source. The benchmark caches bytecode in a
#: temporary directory (PYTHONPYCACHEPREFIX), so the work tree stays clean.
ENV: dict[str, str] = {}


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers). CPU time is the steadier figure
    on a busy machine; wall time is what the targets are about."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV or None)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"attribtrack check failed ({proc.returncode}): {proc.stderr.decode()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    base = command()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ENV.update(os.environ)
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        old = make_draft(0)
        (work / "old.md").write_text(old, encoding="utf-8")
        (work / "draft.md").write_text(edit(old), encoding="utf-8")
        files = [f"d{n:03}.md" for n in range(100)]
        for n, name in enumerate(files):
            (work / name).write_text(edit(make_draft(n + 1)), encoding="utf-8")
        one = [*base, "check", "draft.md", "--against", "old.md"]
        timed(one, work)  # warm the OS file cache
        python_wall, _ = medians([timed([sys.executable, "-c", "pass"], work) for _ in range(5)])
        single = [timed(one, work) for _ in range(runs)]
        many = [timed([*base, "check", *files], work) for _ in range(3)]
        serial = [timed([*base, "check", "--jobs", "1", *files], work) for _ in range(2)]
        against = [timed([*base, "check", "--against", "old.md", *files], work) for _ in range(2)]
    wall, cpu = medians(single)
    walls = [w for w, _ in single]
    many_wall, many_cpu = medians(many)
    serial_wall, serial_cpu = medians(serial)
    against_wall, _ = medians(against)
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.2f} (figures are noisy above ~1)")
    print(f"python -c pass (interpreter start)             : {python_wall * 1000:7.1f} ms")
    print(f"check draft.md --against old.md ({len(edit(old).split())} words), {runs} runs")
    print(
        f"  wall median                                  : {wall * 1000:7.1f} ms "
        f"(min {min(walls) * 1000:.1f}, "
        f"max {max(walls) * 1000:.1f}; target < {TARGET_ONE_MS:.0f} ms)"
    )
    print(f"  CPU median (user+sys)                        : {cpu * 1000:7.1f} ms")
    print(
        f"check 100 drafts (~{WORDS} words), one call      : {many_wall:7.2f} s wall, {many_cpu:.2f} s CPU "
        f"(target < {TARGET_MANY_S:.0f} s)"
    )
    print(
        f"  --jobs 1 (no worker processes)               : {serial_wall:7.2f} s wall, {serial_cpu:.2f} s CPU"
    )
    print(f"  --against old.md                             : {against_wall:7.2f} s wall")
    ok = wall * 1000 < TARGET_ONE_MS and many_wall < TARGET_MANY_S
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
