#!/usr/bin/env python3
"""PolNeAR dev accuracy: write one claims JSON per dev article, then run the shared scorer.

usage: python benchmarks/polnear.py [SPLIT] [--keep DIR]
Reads ../shared/polnear (beside the checkout); prints the scorer's figures. Never copies corpus text.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def main() -> int:
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i : i + 2]
    split = args[0] if args else "dev"
    data = os.path.join(SHARED, "polnear")
    if not os.path.isdir(data):
        print(f"no PolNeAR data at {data}", file=sys.stderr)
        return 2
    sys.path.insert(0, ROOT)
    from attribtrack.extractor import extract

    out = keep or tempfile.mkdtemp(prefix="polnear-")
    os.makedirs(out, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(data, split, "text", "*.txt"))):
        name = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as fh:
            fh.write(extract(text).to_json())
    scorer = os.path.join(SHARED, "tools", "polnear_score.py")
    return subprocess.call([sys.executable, scorer, data, split, out])


if __name__ == "__main__":
    sys.exit(main())
