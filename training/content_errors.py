#!/usr/bin/env python3
"""Where predicted content differs from PolNeAR's gold content, by kind of error and shape.

usage: python training/content_errors.py PATH_TO_POLNEAR SPLIT PRED_DIR [--show BUCKET] [--n N]

PRED_DIR holds one claims JSON per article (``benchmarks/polnear.py SPLIT --keep PRED_DIR``). Each
gold attribution is paired with the predicted claim whose content overlaps it most (character
Dice >= 0.5, one-to-one, as the scorer pairs them); a pair whose trimmed content differs is an
error: ``long`` (the prediction runs past the gold end), ``short`` (it stops before), ``start``
(it starts elsewhere), ``spans`` (a different number of spans). Errors are counted by the class
of the predicted cue, where the cue stands (``fwd``: before the content, ``trail``: after) and the
words at the gold end (for ``long``) or at the predicted end (for ``short``). Only counts are
printed unless ``--show`` names a bucket, which prints a few examples to the terminal (corpus text:
never copy it into the repository).
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scoring import articles, chars, dice, trim  # noqa: E402

WORD = re.compile(r"\w+(?:['\u2019]\w+)*|--|[^\w\s]")


def after(text: str, pos: int, k: int = 2) -> str:
    return " ".join(w.casefold() for w in WORD.findall(text[pos : pos + 40])[:k])


def before(text: str, pos: int, k: int = 2) -> str:
    return " ".join(w.casefold() for w in WORD.findall(text[max(0, pos - 40) : pos])[-k:])


def prefix_shape(words: list[str]) -> str:
    """The words between the gold and the predicted start, as a shape: the last word when it is
    "that", the first word when the run is short, else its length."""
    if not words:
        return "-"
    if words[-1] == "that":
        return f"...that({min(len(words), 9)})"
    if len(words) <= 2:
        return " ".join(words)
    return f"{words[0]}...({min(len(words), 9)})"


def pairs(root: str, split: str, pred_dir: str):
    for name, text, gold, attributed in articles(root, split, pred_dir):
        preds = [c for c in attributed if c["content"]]
        pc = [chars([tuple(x["span"]) for x in c["content"]]) for c in preds]
        gs = [g for g in gold if g.get("Content")]
        gc = [chars(g["Content"]) for g in gs]
        cand = sorted(
            ((dice(g, p), gi, pi) for gi, g in enumerate(gc) for pi, p in enumerate(pc)), reverse=True
        )
        ug, up = set(), set()
        for d, gi, pi in cand:
            if d < 0.5 or gi in ug or pi in up:
                continue
            ug.add(gi)
            up.add(pi)
            yield name, text, gs[gi], preds[pi]


def classify(text: str, g, p) -> tuple[str, str]:
    gsp = sorted(trim(text, a, b) for a, b in g["Content"])
    gsp = [s for s in gsp if s[0] < s[1]]
    psp = sorted(trim(text, *x["span"]) for x in p["content"])
    psp = [s for s in psp if s[0] < s[1]]
    if [text[a:b] for a, b in gsp] == [text[a:b] for a, b in psp]:
        return "exact", ""
    if len(gsp) != len(psp):
        return "spans", f"g{len(gsp)} p{len(psp)}"
    for (ga, gb), (pa, pb) in zip(gsp, psp, strict=True):
        if ga != pa:
            if pa < ga:
                extra = [w.casefold() for w in WORD.findall(text[pa:ga])]
                return "start", "early " + prefix_shape(extra)
            missing = [w.casefold() for w in WORD.findall(text[ga:pa])]
            return "start", "late " + prefix_shape(missing)
        if gb != pb:
            if pb > gb:
                return "long", after(text, gb)
            return "short", after(text, pb)
    return "exact", ""


def main() -> int:
    args = sys.argv[1:]
    show = None
    n = 5
    if "--show" in args:
        i = args.index("--show")
        show = args[i + 1]
        del args[i : i + 2]
    if "--n" in args:
        i = args.index("--n")
        n = int(args[i + 1])
        del args[i : i + 2]
    root, split, pred_dir = args
    kinds: Counter[str] = Counter()
    buckets: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for _name, text, g, p in pairs(root, split, pred_dir):
        kind, where = classify(text, g, p)
        cue = p.get("cue") or {}
        cls = cue.get("class") or "-"
        side = "-"
        if cue.get("span"):
            side = "fwd" if cue["span"][0] < p["content"][0]["span"][0] else "trail"
        kinds[kind] += 1
        if kind == "exact":
            continue
        key = f"{kind}\t{cls}\t{side}\t{where}"
        buckets[key] += 1
        if show and show in key and shown[key] < n:
            shown[key] += 1
            gt = " | ".join(text[a:b] for a, b in g["Content"])
            pt = " | ".join(x["text"] for x in p["content"])
            print(f"## {key}\n  cue : {cue.get('text')}\n  gold: {gt}\n  pred: {pt}\n")
    total = sum(kinds.values())
    print("paired", total, " ".join(f"{k}={v}" for k, v in kinds.most_common()))
    by_kind: Counter[str] = Counter()
    for key, c in buckets.items():
        k, cls, side, _ = key.split("\t")
        by_kind[f"{k}\t{cls}\t{side}"] += c
    print("\n# by kind, class, side")
    for key, c in by_kind.most_common(30):
        print(f"{c:5d}  {key}")
    coarse: Counter[str] = Counter()
    for key, c in buckets.items():
        k, cls, side, where = key.split("\t")
        if k == "start":
            d, _, rest = where.partition(" ")
            where = d + (" that-end" if "...that" in rest else " long" if "..." in rest else " short")
        elif k in ("long", "short"):
            where = where.split(" ")[0]
        coarse[f"{k}\t{side}\t{where}"] += c
    print("\n# by kind, side, coarse boundary")
    for key, c in coarse.most_common(40):
        print(f"{c:5d}  {key}")
    print("\n# by kind, class, side, words at the boundary")
    for key, c in buckets.most_common(60):
        print(f"{c:5d}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
