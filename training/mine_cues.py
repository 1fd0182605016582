#!/usr/bin/env python3
"""Mine attribution cues from PolNeAR's train split into ``attribtrack/data/mined_cues.tsv``.

usage: python training/mine_cues.py PATH_TO_POLNEAR [--out FILE]

PATH_TO_POLNEAR holds ``train/`` and ``dev/`` (``<split>/text/<article>.txt`` and
``<split>/attributions/<article>_<annotator>.ann``, brat standoff; the first file in sorted order
per article is read, as the scorer does). Only train is mined; dev only chooses the threshold.
The corpus never enters the repository: the output holds cue phrases and counts, no text.

For every annotated cue phrase (lower-cased words, at most four) the script counts how often it is
annotated as a cue in train (``cue``) and how often the phrase occurs at all (``seen``); precision
is cue / seen. Its shape is the position it most often takes: subject-before (source, then cue),
trailing (content, then cue), passive-by (a cue ending in "by"), nominal (a noun cue after a
possessive or article), punctuation (":" or a dash). Its class comes from the cue data files'
"| class" column (``cue_class``), "-" where no file lists it. An entry is shipped when its count and
precision reach the threshold that gives the best cue-word F1 on dev of the lexicon alone.
Same corpus, same bytes: the output is sorted and carries no timestamp.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")
MAX_WORDS = 4
THRESHOLDS = [(c, p) for c in (3, 5, 10, 20) for p in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)]


def articles(root: str, split: str):
    text_dir = os.path.join(root, split, "text")
    ann_dir = os.path.join(root, split, "attributions")
    anns = sorted(os.listdir(ann_dir))
    for name in sorted(os.listdir(text_dir)):
        if not name.endswith(".txt"):
            continue
        art = name[:-4]
        mine = [a for a in anns if a.startswith(art + "_") and a.endswith(".ann")]
        if not mine:
            continue
        with open(os.path.join(text_dir, name), encoding="utf-8") as fh:
            text = fh.read()
        yield text, parse(os.path.join(ann_dir, mine[0]))


def parse(path: str) -> list[dict[str, list[tuple[int, int]]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                _, ranges = parts[1].split(" ", 1)
                spans[parts[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]  # type: ignore[misc]
            elif parts[0].startswith("E") and len(parts) >= 2:
                rel: dict[str, list[tuple[int, int]]] = defaultdict(list)
                for arg in parts[1].split():
                    role, ref = arg.split(":")
                    rel[re.sub(r"\d+$", "", role)].extend(spans.get(ref, []))
                out.append(rel)
    return out


def words(s: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in TOKEN.findall(s))


def shape(phrase: tuple[str, ...], rel, cue_start: int) -> str:
    if all(not w.isalnum() for w in phrase):
        return "punctuation"
    if phrase[-1] == "by":
        return "passive-by"
    src = [a for a, _ in rel.get("Source", [])]
    content = [a for a, _ in rel.get("Content", [])]
    if content and min(content) < cue_start and (not src or min(src) > cue_start or min(content) < min(src)):
        return "trailing"
    if src and min(src) < cue_start:
        return "subject-before"
    return "nominal" if not src else "other"


def mine(root: str, split: str) -> tuple[Counter, Counter, dict]:
    cue: Counter = Counter()
    shapes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    texts = []
    for text, rels in articles(root, split):
        texts.append(text)
        for rel in rels:
            ranges = sorted(rel.get("Cue", []))
            if not ranges:
                continue
            phrase = words(" ".join(text[a:b] for a, b in ranges))
            if 0 < len(phrase) <= MAX_WORDS:
                cue[phrase] += 1
                shapes[phrase][shape(phrase, rel, ranges[0][0])] += 1
    seen = occurrences(texts, set(cue))
    return cue, seen, shapes


def occurrences(texts: list[str], phrases: set[tuple[str, ...]]) -> Counter:
    seen: Counter = Counter()
    for text in texts:
        toks = words(text)
        for i in range(len(toks)):
            for n in range(1, MAX_WORDS + 1):
                gram = tuple(toks[i : i + n])
                if len(gram) == n and gram in phrases:
                    seen[gram] += 1
    return seen


def dev_f1(root: str, lexicon_: set[tuple[str, ...]]) -> float:
    """Cue-word F1 on dev of the lexicon alone: every occurrence of a listed phrase is a cue."""
    tp = fp = fn = 0
    for text, rels in articles(root, "dev"):
        gold: Counter = Counter()
        for rel in rels:
            ranges = rel.get("Cue", [])
            if ranges:
                gold[words(" ".join(text[a:b] for a, b in sorted(ranges)))] += 1
        pred: Counter = Counter()
        toks = words(text)
        for i in range(len(toks)):
            for n in range(MAX_WORDS, 0, -1):
                gram = tuple(toks[i : i + n])
                if len(gram) == n and gram in lexicon_:
                    pred[gram] += 1
                    break
        hit = sum((gold & pred).values())
        tp += hit
        fp += sum(pred.values()) - hit
        fn += sum(gold.values()) - hit
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("polnear", help="PolNeAR folder with train/ and dev/")
    ap.add_argument("--out", default=os.path.join(ROOT, "attribtrack", "data", "mined_cues.tsv"))
    args = ap.parse_args(argv)
    if not os.path.isdir(os.path.join(args.polnear, "train", "attributions")):
        print(f"mine_cues: error: no train/attributions under {args.polnear}", file=sys.stderr)
        return 3
    sys.path.insert(0, ROOT)
    from attribtrack.extractor.cueclass import cue_class
    from attribtrack.extractor.lexicon import lexicon

    lex = lexicon()
    cue, seen, shapes = mine(args.polnear, "train")

    def keep(c: int, p: float) -> set[tuple[str, ...]]:
        return {ph for ph, n in cue.items() if n >= c and n / max(seen[ph], n) >= p}

    scored = [(dev_f1(args.polnear, keep(c, p)), -c, -p, c, p) for c, p in THRESHOLDS]
    best = max(scored)
    f1, _, _, min_count, min_precision = best
    shipped = keep(min_count, min_precision)

    def klass(ph: tuple[str, ...]) -> str:
        known = ph in lex.phrase_class or any(w in lex.form_class for w in ph)
        if known or ph[:2] == ("according", "to") or shape(ph, {}, 0) == "punctuation":
            return cue_class(" ".join(ph), lex)
        return "-"

    rows = sorted(shipped, key=lambda ph: (-cue[ph], ph))
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# Attribution cues mined from PolNeAR's train split by training/mine_cues.py.\n"
            "# Rerun: python training/mine_cues.py PATH_TO_POLNEAR (same corpus -> same bytes).\n"
            f"# Shipped: cue count >= {min_count} and precision >= {min_precision}, chosen on dev\n"
            f"# (cue-word F1 of this list alone {f1:.3f}, best of {len(THRESHOLDS)} thresholds).\n"
            f"# {len(rows)} of {len(cue)} annotated phrases. Columns: phrase, class (claims contract;\n"
            "# '-' where no cue data file lists it), shape (the one it most often takes in train),\n"
            "# cue (times annotated as a cue), seen (times the words occur), precision (cue / seen).\n"
            "# Prune or extend by hand; the counts say how much to trust a line.\n"
            "phrase\tclass\tshape\tcue\tseen\tprecision\n"
        )
        for ph in rows:
            sh = sorted(shapes[ph].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            n = cue[ph]
            fh.write(
                f"{' '.join(ph)}\t{klass(ph)}\t{sh}\t{n}\t{max(seen[ph], n)}\t{n / max(seen[ph], n):.3f}\n"
            )
    print(
        f"{len(rows)} cues (count >= {min_count}, precision >= {min_precision}, dev F1 {f1:.3f}): {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
