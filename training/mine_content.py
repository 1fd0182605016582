#!/usr/bin/env python3
"""Mine where reported content stops from PolNeAR's train split into
``attribtrack/data/content_boundaries.tsv``.

usage: python training/mine_content.py PATH_TO_POLNEAR [--out FILE]

PATH_TO_POLNEAR holds ``train/`` and ``dev/`` (read as ``training/mine_cues.py`` reads them). Only
train is counted; dev only chooses the threshold. The corpus never enters the repository: the
output holds boundary names and counts, no text.

Every annotated attribution whose content is one span that starts after its cue, in the cue's
sentence, is walked token by token from the content's start, with the extractor's own tokenizer,
sentence splitter and quotation marks. At each boundary candidate outside quotation marks
(``attribtrack.extractor.frames.boundaries.boundary``: ", which", ", but", "-- the", "while ...")
the content either stops (the annotated content ends right before it) or continues (it runs past
it). Counts are kept per way the content opens (``boundaries.opening``: "according" for the main
clause after 'According to X,', "that", "to", "quote", "lead" for a subordinate clause or phrase
first, "bare") and for all openings together ("*"; not consulted for "according"). A
line is written when its count reaches the chosen minimum; its decision is ``stop`` when the Wilson
interval of its precision (stop / count) lies above one half, ``continue`` when it lies below,
else ``rules`` (the extractor's own rules decide there). The minimum and the interval's width (z)
are the pair with which the extractor's own ``content_forward``, from the annotated start, ends
most dev contents where annotators ended them. (Grouping by cue class instead of opening, or by
both, did worse in a two-fold split of train.)
Same corpus, same bytes: the output is sorted and carries no timestamp.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from bisect import bisect_left
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from mine_cues import articles  # noqa: E402

from attribtrack.extractor.frames.boundaries import opening  # noqa: E402

TRIM = " \t\n\"'\u201c\u201d\u2018\u2019,.;:-\u2014"
MIN_COUNTS = (5, 10, 20)
ZS = (1.5, 2.0, 2.5, 3.0)  # a narrower interval let coin-flip lines (", and": 53% stop) decide


def views(text: str, lex):
    """Each sentence of ``text`` as the extractor's SentenceView."""
    from attribtrack.extractor.frames.view import SentenceView
    from attribtrack.extractor.normalise import normalise
    from attribtrack.extractor.segment import paragraphs, quotes, sentences, tokens

    norm = normalise(text)
    memo: dict = {}
    for pa, pb in paragraphs(norm):
        qs = quotes(norm, text, pa, pb)
        for sa, sb in sentences(norm, pa, pb, qs, lex):
            toks = tokens(norm, sa, sb, memo)
            flags = [any(q.open < x.start and x.end <= q.close for q in qs) for x in toks]
            sq = [q for q in qs if q.open < sb and q.outer[1] > sa]
            yield SentenceView(toks, flags, (sa, sb), sq, lex, norm)


def walks(root: str, split: str, lex):
    """(view, how the content opens, cue token, content start token, first token at or after the
    gold end, gold end offset) per usable attribution: one content span, after its cue, starting
    in the cue's sentence."""
    for text, rels in articles(root, split):
        vs = list(views(text, lex))
        starts = [v.sent[0] for v in vs]
        for rel in rels:
            cue = sorted(rel.get("Cue", []))
            content = rel.get("Content", [])
            if not cue or len(content) != 1:
                continue
            a, b = content[0]
            while a < b and text[a] in TRIM:
                a += 1
            while b > a and text[b - 1] in TRIM:
                b -= 1
            if a >= b or a < cue[-1][1]:
                continue
            si = bisect_left(starts, cue[-1][0] + 1) - 1
            if si < 0:
                continue
            v = vs[si]
            if not (v.sent[0] <= a < v.sent[1]):
                continue
            ts = v.starts
            p = bisect_left(ts, a)
            if p >= v.n or v.t[p].start != a:
                continue  # the annotation starts inside a token
            cue_at = [i for i, x in enumerate(v.t) if x.start < cue[-1][1] and x.end > cue[0][0]]
            if not cue_at:
                continue
            cue_i = next((i for i in cue_at if v.t[i].low in lex.cue_class), cue_at[-1])
            end = bisect_left(ts, b)  # the first token at or after the gold end
            yield v, opening(v, p, cue_i), cue_i, p, end, b


def mine(root: str, split: str, lex) -> tuple[Counter, Counter]:
    from attribtrack.extractor.frames.boundaries import boundary

    stop: Counter = Counter()
    cont: Counter = Counter()
    for v, opened, _cue_i, p, end, _b in walks(root, split, lex):
        for k in range(p + 1, min(end, v.n - 1) + 1):
            if v.q[k]:
                continue
            name = boundary(v, k)
            if name is None:
                continue
            into = stop if k == end else cont
            into[(opened, name)] += 1
            into[("*", name)] += 1
    return stop, cont


def wilson(hits: int, n: int, z: float) -> tuple[float, float]:
    """The Wilson score interval of a proportion (z standard deviations)."""
    p = hits / n
    d = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return mid - half, mid + half


def decide(stop: Counter, cont: Counter, min_count: int, z: float) -> dict[tuple[str, str], bool | None]:
    """A line per candidate seen ``min_count`` times: stop when it surely ends content more often
    than not (the interval's low end above one half), continue when it surely does not, else the
    extractor's rules decide (None)."""
    rows: dict[tuple[str, str], bool | None] = {}
    for key in set(stop) | set(cont):
        n = stop[key] + cont[key]
        if n >= min_count:
            lo, hi = wilson(stop[key], n, z)
            rows[key] = True if lo > 0.5 else False if hi < 0.5 else None
    return rows


def dev_score(cases: list, rows) -> int:
    """How many dev contents the extractor's own ``content_forward`` ends where annotators did,
    from the annotated start, with ``rows`` as the table."""
    from attribtrack.extractor.frames.content import content_forward

    hit = 0
    for v, _opened, cue_i, p, _end, b in cases:
        _, e = content_forward(v, p, cue_i, v.lex.cue_class, rows)
        if e <= p:
            continue
        got = v.t[e - 1].end
        while got > v.t[p].start and v.norm[got - 1] in TRIM:
            got -= 1
        hit += got == b
    return hit


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("polnear", help="PolNeAR folder with train/ and dev/")
    ap.add_argument("--out", default=os.path.join(ROOT, "attribtrack", "data", "content_boundaries.tsv"))
    args = ap.parse_args(argv)
    if not os.path.isdir(os.path.join(args.polnear, "train", "attributions")):
        print(f"mine_content: error: no train/attributions under {args.polnear}", file=sys.stderr)
        return 3
    sys.path.insert(0, ROOT)
    from attribtrack.extractor.lexicon import lexicon

    lex = lexicon()
    stop, cont = mine(args.polnear, "train", lex)
    dev = list(walks(args.polnear, "dev", lex))
    none = dev_score(dev, {})
    scored = []
    for c in MIN_COUNTS:
        for z in ZS:
            scored.append((dev_score(dev, decide(stop, cont, c, z)), c, z))
    best = max(scored, key=lambda s: (s[0], s[1], s[2]))  # ties: the larger count, the surer
    hit, min_count, z = best
    rows = decide(stop, cont, min_count, z)
    order = sorted(rows, key=lambda key: (key[0] != "*", key[0], -(stop[key] + cont[key]), key[1]))
    n_stop = sum(1 for key in rows if rows[key])
    n_cont = sum(1 for key in rows if rows[key] is False)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# Where reported content stops, mined from PolNeAR's train split by\n"
            "# training/mine_content.py. Rerun: python training/mine_content.py PATH_TO_POLNEAR\n"
            "# (same corpus -> same bytes). Each line: how the content opens after its cue (according,\n"
            "# that, to, quote, lead: a subordinate clause or phrase first, bare; '*': any but according),\n"
            "# a boundary candidate\n"
            "# inside it (a comma, semicolon, colon, dash or parenthesis with the kind of word after it,\n"
            "# or a bare conjunction; see attribtrack/extractor/frames/boundaries.py), how often\n"
            "# annotated content stopped there (stop) or ran past it (continue), and precision =\n"
            "# stop / (stop + continue).\n"
            f"# Listed: count >= {min_count}. Decision: stop when the Wilson interval (z = {z}) of\n"
            "# precision lies above 0.5, continue when below, else rules (the extractor's own rules\n"
            f"# decide). Chosen on dev among {len(scored)} pairs: the extractor ends {hit} of {len(dev)}\n"
            f"# dev contents where annotated, from the annotated start ({none} with no table).\n"
            f"# {len(rows)} lines: {n_stop} stop, {n_cont} continue. An opening's own line wins over '*';\n"
            "# no line: the rules decide. Edit a decision by hand if a line reads wrong; the counts say\n"
            "# how much to trust it.\n"
            "opening\tboundary\tdecision\tstop\tcontinue\tprecision\n"
        )
        for key in order:
            s, c = stop[key], cont[key]
            said = {True: "stop", False: "continue", None: "rules"}[rows[key]]
            fh.write(f"{key[0]}\t{key[1]}\t{said}\t{s}\t{c}\t{s / (s + c):.3f}\n")
    print(
        f"{len(rows)} lines, {n_stop} stop, {n_cont} continue (count >= {min_count}, z = {z}; "
        f"dev {hit}/{len(dev)} vs {none} with none): {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
