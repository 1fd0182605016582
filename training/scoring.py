"""What the error scripts share with ``../shared/tools/polnear_score.py``: trimming, character
sets and Dice, and each article of a split with its gold attributions and predicted claims.

Imported by ``content_errors.py``, ``span_errors.py`` and ``recall_errors.py`` (run as scripts from
this folder). Reads the corpus in place; never copies its text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from mine_cues import parse

TRIM = " \t\n\"'\u201c\u201d\u2018\u2019,.;:-\u2014"  # the scorer's: what exact spans ignore at their ends


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def chars(spans) -> frozenset[int]:
    return frozenset(i for a, b in spans for i in range(a, b))


def dice(x: frozenset[int], y: frozenset[int]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def articles(root: str, split: str, pred_dir: str) -> Iterator[tuple[str, str, list, list]]:
    """(name, text, gold attributions, predicted attributed claims) of every annotated article in
    ``root/split``, in sorted order; the first annotation file of an article, as the scorer reads
    it; no predictions when ``pred_dir`` has no ``<name>.json``."""
    anns = sorted(os.listdir(os.path.join(root, split, "attributions")))
    for fname in sorted(os.listdir(os.path.join(root, split, "text"))):
        name = fname[:-4]
        mine = [a for a in anns if a.startswith(name + "_") and a.endswith(".ann")]
        if not fname.endswith(".txt") or not mine:
            continue
        with open(os.path.join(root, split, "text", fname), encoding="utf-8") as fh:
            text = fh.read()
        gold = parse(os.path.join(root, split, "attributions", mine[0]))
        path = os.path.join(pred_dir, name + ".json")
        claims = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                claims = json.load(fh)["claims"]
        yield name, text, gold, [c for c in claims if c["kind"] != "unattributed"]
