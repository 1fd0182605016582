"""Start-up time of the CLI: median wall time of `attribtrack --version` and `--help`.

Target (issue 2): both under 150 ms. Run: ``python benchmarks/bench_startup.py [RUNS]``.
Each run is a fresh process, as a shell or CI job would start it.
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


def median_ms(args: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


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
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
