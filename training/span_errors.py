#!/usr/bin/env python3
"""Where predicted cue and source spans overlap PolNeAR's gold ones but differ, by end and words.

usage: python training/span_errors.py PATH_TO_POLNEAR SPLIT PRED_DIR [--role cue|source]
                                      [--show BUCKET] [--n N] [--top N]

PRED_DIR holds one claims JSON per article (``benchmarks/polnear.py SPLIT --keep PRED_DIR``).

``spans``: per role, the distinct gold and predicted spans of each article are paired one to one
by character Dice >= 0.5, as the scorer pairs them for its overlap figure; a pair whose trimmed
text differs is what separates the overlap figure from the exact one. Each such pair is counted
at each end where the two differ: ``L`` (start) or ``R`` (end), ``gold+`` when the gold span runs
further there, ``pred+`` when the prediction does, with the words in between (lower-cased; a
capitalised word that starts no sentence is ``Cap``, a number ``NUM``; more than three words show
the first, the count and the last). ``gap`` is a gold span in pieces ("did ... say") against a
predicted one in one piece, or the reverse. ``cls`` buckets (a coarser view) name the kind of
words: aux, negation, adverb, particle, preposition, determiner, title, apposition, ...

``claims``: each gold attribution paired with the predicted claim whose content overlaps it most
(Dice >= 0.5, one to one, as ``training/content_errors.py`` pairs them); for each role, whether
the paired claim's span is exact, overlapping but different, elsewhere, or missing on one side.

Only counts are printed unless ``--show`` names a bucket (a substring of its line), which prints a
few examples to the terminal (corpus text: never copy it into the repository). Exit 2 on a usage
error, 3 when the corpus or the predictions are missing.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scoring import TRIM, articles, chars, dice, trim  # noqa: E402

WORD = re.compile(r"\w+(?:['\u2019]\w+)*|--|[^\w\s]")
ROLES = {"cue": ("Cue", "cue"), "source": ("Source", "source")}

AUX = frozenset(
    "has have had did does do will would could can may might should must is was were are be been being "
    "'s 's".split()
)
NEG = frozenset("not never n't didn't doesn't don't hasn't haven't won't wouldn't can't couldn't".split())
DET = frozenset("the a an his her their its our my this that these those some".split())
PREP = frozenset(
    "to in on at for with about of from by during after before over into via through against".split()
)
PARTICLE = frozenset("out up off down back forward".split())
PRON = frozenset("he she they it i we you him her them who which that".split())
TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning "
    "afternoon evening night week month year earlier later last ago".split()
)


def trimmed(text: str, spans) -> tuple[str, ...]:
    return tuple(sorted(text[a:b].strip(TRIM) for a, b in spans if text[a:b].strip(TRIM)))


def pieces(text: str, spans) -> list[tuple[int, int]]:
    out = sorted(trim(text, a, b) for a, b in spans)
    return [s for s in out if s[0] < s[1]]


def shape(text: str, a: int, b: int) -> str:
    """The words of text[a:b] as a bucket name: literal function words, ``Cap`` for names."""
    toks = WORD.findall(text[a:b])
    out = []
    for m in toks:
        low = m.casefold().replace("\u2019", "'")
        if m[:1].isdigit():
            out.append("NUM")
        elif m[:1].isupper() and low not in DET | PREP | PRON and len(m) > 1:
            out.append("Cap")
        else:
            out.append(low)
    if len(out) > 3:
        return f"{out[0]}..({len(out)})..{out[-1]}"
    return " ".join(out) or "-"


def word_class(words: str, role: str) -> str:
    """A coarse name for the words at one end."""
    ws = words.replace("..", " ").split()
    ws = [w for w in ws if not (w.startswith("(") and w.endswith(")"))]
    if not ws or ws == ["-"]:
        return "punct"
    if ws[0] in (",", "(") and role == "source":
        return "apposition" if len(ws) > 1 else "punct"
    if all(w in NEG or w in AUX for w in ws) and any(w in NEG for w in ws):
        return "negation"
    if all(w in AUX for w in ws):
        return "aux"
    if any(w in TIME for w in ws):
        return "time"
    if ws[0] in PREP or ws[0] in PARTICLE:
        return f"prep:{ws[0]}"
    if ws[0] in DET:
        return "determiner"
    if ws[0] in PRON:
        return "pronoun"
    if "'s" in ws:
        return "possessive"
    if all(w.endswith("ly") for w in ws):
        return "adverb"
    if all(w == "Cap" for w in ws):
        return "names"
    if ws[0] in ("and", "or", "&"):
        return "coordination"
    if ws[0] in ("who", "which", "that"):
        return "relative"
    if ws[0] in (",", ";", ":", "--"):
        return "punct+words"
    return "words"


def compare(text: str, gold, pred) -> list[str]:
    """The end buckets of one overlapping pair whose trimmed texts differ."""
    g, p = pieces(text, gold), pieces(text, pred)
    out = []
    if len(g) != len(p):
        inner = [(g[i][1], g[i + 1][0]) for i in range(len(g) - 1)]
        inner_p = [(p[i][1], p[i + 1][0]) for i in range(len(p) - 1)]
        if len(g) > len(p):
            out.append("gap gold " + " / ".join(shape(text, a, b) for a, b in inner))
        else:
            out.append("gap pred " + " / ".join(shape(text, a, b) for a, b in inner_p))
    if not g or not p:
        return out or ["empty"]
    ga, gb = g[0][0], g[-1][1]
    pa, pb = p[0][0], p[-1][1]
    if ga < pa:
        out.append("L gold+ " + shape(text, ga, pa))
    elif pa < ga:
        out.append("L pred+ " + shape(text, pa, ga))
    if gb > pb:
        out.append("R gold+ " + shape(text, pb, gb))
    elif pb > gb:
        out.append("R pred+ " + shape(text, gb, pb))
    return out or ["inner"]


def pred_spans(c, key: str) -> list[tuple[int, int]]:
    x = c.get(key)
    if not x:
        return []
    if isinstance(x, dict):
        return [tuple(x["span"])] if x.get("span") else []  # type: ignore[list-item]
    return [tuple(i["span"]) for i in x if i.get("span")]


def one_to_one(gs: list[frozenset[int]], ps: list[frozenset[int]]) -> list[tuple[int, int]]:
    cand = sorted(((dice(g, p), gi, pi) for gi, g in enumerate(gs) for pi, p in enumerate(ps)), reverse=True)
    ug: set[int] = set()
    up: set[int] = set()
    out = []
    for d, gi, pi in cand:
        if d < 0.5 or gi in ug or pi in up:
            continue
        ug.add(gi)
        up.add(pi)
        out.append((gi, pi))
    return out


def span_pairs(text: str, gold, preds, role: str):
    """(gold ranges, pred ranges) of the scorer's overlap pairs for ``role``."""
    gk, pk = ROLES[role]
    g = list({chars(a[gk]): a[gk] for a in gold if a.get(gk)}.values())
    p = list({chars(s): s for s in (pred_spans(c, pk) for c in preds) if s}.values())
    for gi, pi in one_to_one([chars(x) for x in g], [chars(x) for x in p]):
        yield g[gi], p[pi]


def claim_pairs(gold, preds):
    gs = [a for a in gold if a.get("Content")]
    ps = [c for c in preds if c.get("content")]
    pairs = one_to_one([chars(a["Content"]) for a in gs], [chars(pred_spans(c, "content")) for c in ps])
    for gi, pi in pairs:
        yield gs[gi], ps[pi]


def coarse(role: str, bucket: str) -> str:
    """The end and kind of words of one end bucket ("L gold+ also" -> "L gold+ adverb")."""
    if bucket.startswith("gap"):
        return f"{role}\tgap\t{bucket.split(' ')[1]}"
    end, who, words = (bucket.split(" ", 2) + ["-"])[:3]
    return f"{role}\t{end} {who}\t{word_class(words, role)}"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    opts = {"--show": None, "--n": "5", "--role": None, "--top": "40"}
    for key in list(opts):
        if key in args:
            i = args.index(key)
            if i + 1 >= len(args):
                print(f"span_errors: error: {key} needs a value", file=sys.stderr)
                return 2
            opts[key] = args[i + 1]
            del args[i : i + 2]
    if len(args) != 3 or (opts["--role"] not in (None, "cue", "source")):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    root, split, pred_dir = args
    if not os.path.isdir(os.path.join(root, split, "attributions")) or not os.path.isdir(pred_dir):
        print(f"span_errors: error: no {split}/attributions under {root} or no {pred_dir}", file=sys.stderr)
        return 3
    roles = [opts["--role"]] if opts["--role"] else ["cue", "source"]
    show, n, top = opts["--show"], int(opts["--n"] or 5), int(opts["--top"] or 40)
    ends: dict[str, Counter[str]] = {r: Counter() for r in roles}
    classes: dict[str, Counter[str]] = {r: Counter() for r in roles}
    totals: dict[str, Counter[str]] = {r: Counter() for r in roles}
    paired: dict[str, Counter[str]] = {r: Counter() for r in roles}
    shown: Counter[str] = Counter()
    for _name, text, gold, preds in articles(root, split, pred_dir):
        for role in roles:
            for g, p in span_pairs(text, gold, preds, role):
                if trimmed(text, g) == trimmed(text, p):
                    totals[role]["exact"] += 1
                    continue
                totals[role]["differ"] += 1
                for b in compare(text, g, p):
                    key = f"{role}\t{b}"
                    ends[role][key] += 1
                    classes[role][coarse(role, b)] += 1
                    if show and show in key and shown[key] < n:
                        shown[key] += 1
                        gt = " | ".join(text[a:b2] for a, b2 in sorted(g))
                        pt = " | ".join(text[a:b2] for a, b2 in sorted(p))
                        lo = max(0, min(x[0] for x in g + p) - 60)
                        hi = max(x[1] for x in g + p) + 60
                        ctx = text[lo:hi].replace("\n", " ")
                        print(f"## {key}\n  gold: {gt}\n  pred: {pt}\n  ctx : {ctx}\n")
            gk, pk = ROLES[role]
            for ga, pc in claim_pairs(gold, preds):
                gs, ps = ga.get(gk) or [], pred_spans(pc, pk)
                if not gs and not ps:
                    state = "both none"
                elif not gs:
                    state = "gold none"
                elif not ps:
                    state = "pred none"
                elif trimmed(text, gs) == trimmed(text, ps):
                    state = "exact"
                elif dice(chars(gs), chars(ps)) >= 0.5:
                    state = "overlap"
                elif chars(gs) & chars(ps):
                    state = "touch"
                else:
                    state = "elsewhere"
                paired[role][state] += 1
                key = f"{role}\tclaim {state}"
                if show and show in key and shown[key] < n:
                    shown[key] += 1
                    gt = " | ".join(text[a:b2] for a, b2 in sorted(gs))
                    pt = " | ".join(text[a:b2] for a, b2 in sorted(ps))
                    cont = " | ".join(text[a:b2] for a, b2 in sorted(ga["Content"]))[:160]
                    print(f"## {key}\n  gold: {gt}\n  pred: {pt}\n  content: {cont}\n")
    for role in roles:
        t = totals[role]
        print(f"# {role}: overlap pairs {t['exact'] + t['differ']}, exact {t['exact']}, differ {t['differ']}")
        print("  claims paired by content: " + " ".join(f"{k}={v}" for k, v in paired[role].most_common()))
        print(f"\n# {role} by end and kind of words")
        for key, c in classes[role].most_common(top):
            print(f"{c:5d}  {key}")
        print(f"\n# {role} by end and words")
        for key, c in ends[role].most_common(top):
            print(f"{c:5d}  {key}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
