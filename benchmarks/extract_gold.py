#!/usr/bin/env python3
"""Seed-article accuracy: extract fixtures/crocus.txt and score it with ../shared/tools/gold_score.py.

usage: python benchmarks/extract_gold.py   (prints the scorer's misses and its summary line)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def main() -> int:
    sys.path.insert(0, ROOT)
    from attribtrack.extractor import extract

    with open(os.path.join(ROOT, "fixtures", "crocus.txt"), encoding="utf-8") as fh:
        text = fh.read()
    with tempfile.TemporaryDirectory() as tmp:
        pred = os.path.join(tmp, "crocus.json")
        with open(pred, "w", encoding="utf-8") as fh:
            fh.write(extract(text).to_json())
        return subprocess.call(
            [
                sys.executable,
                os.path.join(SHARED, "tools", "gold_score.py"),
                os.path.join(SHARED, "corpus", "dev", "crocus.gold.json"),
                pred,
            ]
        )


if __name__ == "__main__":
    sys.exit(main())
