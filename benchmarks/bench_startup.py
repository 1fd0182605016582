"""Start-up time of the CLI: median wall time of `attribtrack --version`, `--help` and `check` on
the seed article, and (if installed) proselint on the same file.

Targets: `--version`/`--help` under 150 ms (issue 2); `check` on the seed article end to end at
or under proselint's time on it (issue 15; pre-commit runs it on every commit). Run with
``env -u PYTHONDONTWRITEBYTECODE python benchmarks/bench_startup.py [RUNS]`` (bytecode cached, as
an installed package has it). Each run is a fresh process, as a shell or CI job would start it;
attribtrack and proselint runs alternate so that a busy machine slows both alike.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_MS = 150.0


def command() -> list[str]:
    script = Path(sys.executable).with_name("attribtrack")
    if script.exists():
        return [str(script)]
    found = shutil.which("attribtrack")
    return [found] if found else [sys.executable, "-m", "attribtrack"]


ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "crocus.txt"


def _once(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def median_ms(args: list[str], runs: int) -> tuple[float, float]:
    times = [_once(args) for _ in range(runs)]
    return statistics.median(times), min(times)


def check_vs_proselint(base: list[str], runs: int) -> bool:
    """`attribtrack check SEED` against `proselint check SEED`, alternating runs."""
    ours, theirs = [*base, "check", str(SEED)], None
    proselint = Path(sys.executable).with_name("proselint")
    if proselint.exists() or shutil.which("proselint"):
        theirs = [str(proselint) if proselint.exists() else "proselint", "check", str(SEED)]
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(_once(ours))
        if theirs:
            b.append(_once(theirs))
    med = statistics.median(a)
    line = f"attribtrack check {SEED.name}  median {med:6.1f} ms  min {min(a):6.1f} ms"
    if not theirs:
        print(line + "  (proselint not installed: `pip install proselint` to compare)")
        return True
    other = statistics.median(b)
    verdict = "ok" if med <= other else "OVER proselint"
    print(f"{line}  proselint check: median {other:6.1f} ms  min {min(b):6.1f} ms  {verdict}")
    return med <= other


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base = command()
    subprocess.run([*base, "--version"], check=True, capture_output=True)  # warm the OS file cache
    python_ms, _ = median_ms([sys.executable, "-c", "pass"], runs)
    print(f"command: {' '.join(base)}  ({runs} runs each; bare `python -c pass`: {python_ms:.0f} ms)")
    worst = 0.0
    for flag in ("--version", "--help"):
        med, best = median_ms([*base, flag], runs)
        worst = max(worst, med)
        verdict = "ok" if med < TARGET_MS else "OVER BUDGET"
        print(
            f"attribtrack {flag:<9}  median {med:6.1f} ms  min {best:6.1f} ms  "
            f"target < {TARGET_MS:.0f} ms  {verdict}"
        )
    ok = check_vs_proselint(base, runs)
    return 0 if worst < TARGET_MS and ok else 1


if __name__ == "__main__":
    sys.exit(main())
