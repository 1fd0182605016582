#!/usr/bin/env python3
"""Which content spans two runs of the extractor got right differently, by the words at the change.

usage: python training/compare_runs.py PATH_TO_POLNEAR SPLIT OLD_DIR NEW_DIR [--show WORDS]

OLD_DIR and NEW_DIR hold claims JSON from ``benchmarks/polnear.py SPLIT --keep DIR``. A gold
content is ``won`` when only the new run has a claim whose trimmed content equals it, ``lost`` when
only the old one has. Each is counted by the words where the two predicted spans part. Counts
only, unless ``--show`` names words to print examples of (to the terminal: corpus text).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from content_errors import WORD  # noqa: E402
from mine_cues import parse  # noqa: E402
from scoring import TRIM  # noqa: E402


def spans(text: str, claims) -> dict[tuple[str, ...], list]:
    out: dict[tuple[str, ...], list] = {}
    for c in claims:
        if c["kind"] == "unattributed" or not c["content"]:
            continue
        key = tuple(
            sorted(
                text[a:b].strip(TRIM) for a, b in (x["span"] for x in c["content"]) if text[a:b].strip(TRIM)
            )
        )
        out.setdefault(key, []).append(c)
    return out


def main() -> int:
    args = sys.argv[1:]
    show = None
    if "--show" in args:
        i = args.index("--show")
        show = args[i + 1]
        del args[i : i + 2]
    root, split, old_dir, new_dir = args
    anns = sorted(os.listdir(os.path.join(root, split, "attributions")))
    won: Counter = Counter()
    lost: Counter = Counter()
    for fname in sorted(os.listdir(os.path.join(root, split, "text"))):
        name = fname[:-4]
        mine = [a for a in anns if a.startswith(name + "_") and a.endswith(".ann")]
        if not mine:
            continue
        text = open(os.path.join(root, split, "text", fname), encoding="utf-8").read()
        gold = parse(os.path.join(root, split, "attributions", mine[0]))
        old = spans(text, json.load(open(os.path.join(old_dir, name + ".json")))["claims"])
        new = spans(text, json.load(open(os.path.join(new_dir, name + ".json")))["claims"])
        for g in gold:
            if not g.get("Content"):
                continue
            key = tuple(sorted(text[a:b].strip(TRIM) for a, b in g["Content"] if text[a:b].strip(TRIM)))
            if (key in old) == (key in new):
                continue
            a = min(x[0] for x in g["Content"])
            b = max(x[1] for x in g["Content"])
            other = old if key in new else new
            # the other run's claim overlapping the gold most: where it parts from the gold
            best = None
            for cs in other.values():
                for c in cs:
                    ca = min(x["span"][0] for x in c["content"])
                    cb = max(x["span"][1] for x in c["content"])
                    ov = min(b, cb) - max(a, ca)
                    if ov > 0 and (best is None or ov > best[0]):
                        best = (ov, ca, cb)
            if best is None:
                where = "none"
            else:
                _, ca, cb = best
                while cb > ca and text[cb - 1] in TRIM:
                    cb -= 1
                gb = b
                while gb > a and text[gb - 1] in TRIM:
                    gb -= 1
                if cb < gb:
                    where = "short@ " + " ".join(w.casefold() for w in WORD.findall(text[cb : cb + 30])[:2])
                elif cb > gb:
                    where = "long@ " + " ".join(w.casefold() for w in WORD.findall(text[gb : gb + 30])[:2])
                else:
                    where = "start"
            (won if key in new else lost)[where] += 1
            if show and show in where:
                print(("WON " if key in new else "LOST ") + where + "\n  gold: " + " | ".join(key) + "\n")
    print(f"won {sum(won.values())} lost {sum(lost.values())}")
    keys = sorted(set(won) | set(lost), key=lambda k: -(won[k] + lost[k]))
    for k in keys[:50]:
        print(f"{won[k]:4d} {lost[k]:4d}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
