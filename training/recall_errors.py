#!/usr/bin/env python3
"""Where attribution recall is lost: every gold attribution the scorer's attr_F1 does not find, bucketed.

usage: python training/recall_errors.py PATH_TO_POLNEAR SPLIT PRED_DIR [--out FILE] [--show BUCKET] [--n N]

PRED_DIR holds one claims JSON per article (``benchmarks/polnear.py SPLIT --keep PRED_DIR``). Gold
attributions with a source and a content are matched one-to-one to predicted claims as the scorer's
attr_F1 does (source and content character Dice >= 0.5). Each gold attribution left unfound gets
one bucket, the first that holds:

* ``no-cue``: no predicted claim (sourceless ones included) has a cue overlapping the gold cue or a
  content with Dice >= 0.5 - split by the gold cue's shape (subject-before, trailing, passive-by,
  nominal, punctuation, other), ``multi`` when the cue has several words, ``known`` when some
  word of it is a cue in the lexicon;
* ``taken``: the claim exists but the scorer paired it with another gold attribution;
* ``no-source``: the claim exists without a source;
* ``source``: its source Dice < 0.5 - ``pronoun`` (the gold source is a pronoun), ``previous``
  (the gold source ends before the cue's sentence), ``nested`` (the gold attribution sits inside
  another's content), ``outer`` (the predicted source is the outer attribution's), else ``other``;
* ``content``: its content Dice < 0.5 - ``long``, ``short`` or ``apart``.

Every gold attribution is also counted as nested or not, found or not, to see whether the
extractor emits both an attribution and the one inside its content. Counts (and cue words, which
are count-derived lexicon data) go to ``--out`` (default PRED_DIR/recall_errors.tsv) and a summary
to the terminal; corpus text is printed only with ``--show BUCKET`` (prefix of a bucket name), to
the terminal, never to a file.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mine_cues import shape, words  # noqa: E402
from scoring import articles, chars, dice  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRONOUNS = frozenset("he she they it i we him her them you this that who".split())
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n+")


def sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    return start


def match(gold: list, pred: list) -> dict[int, int]:
    """The scorer's one-to-one pairing: gold index -> pred index."""
    pairs = []
    for gi, (gc, gs) in enumerate(gold):
        for pi, (pc, ps) in enumerate(pred):
            dc, ds = dice(gc, pc), dice(gs, ps)
            if dc >= 0.5 and ds >= 0.5:
                pairs.append((dc + ds, gi, pi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi in out or pi in used:
            continue
        out[gi] = pi
        used.add(pi)
    return out


def cue_words_known() -> frozenset[str]:
    sys.path.insert(0, ROOT)
    from attribtrack.extractor.lexicon import lexicon

    lex = lexicon()
    return frozenset(lex.cue_class) | lex.nominal_cues | lex.cognition | frozenset(lex.phrase_firsts)


def spans_of(x) -> list[tuple[int, int]]:
    if not x:
        return []
    if isinstance(x, dict):
        return [tuple(x["span"])] if x.get("span") else []
    return [tuple(i["span"]) for i in x if i.get("span")]


def bucket(text: str, g, gi: int, gold_rels, preds, paired_preds: set[int], known) -> tuple[str, str]:
    """The bucket of an unfound gold attribution and its cue words."""
    gc, gs = chars(g["Content"]), chars(g["Source"])
    gq = chars(g.get("Cue", []))
    cue_ranges = sorted(g.get("Cue", []))
    phrase = words(" ".join(text[a:b] for a, b in cue_ranges)) if cue_ranges else ()
    cue_text = " ".join(phrase) if phrase else "-"
    best, best_score = -1, 0.0
    for pi, p in enumerate(preds):
        pq = chars(spans_of(p.get("cue")))
        score = 2.0 if gq and pq and gq & pq else 0.0
        dc = dice(gc, chars(spans_of(p.get("content"))))
        if score or dc >= 0.5:
            score += dc
            if score > best_score:
                best, best_score = pi, score
    if best < 0:
        sh = shape(phrase, g, cue_ranges[0][0]) if phrase else "no-gold-cue"
        multi = "multi" if len([w for w in phrase if w.isalnum()]) > 1 else "one"
        kn = "known" if any(w in known for w in phrase) else "unknown"
        inside = gq and any(gq <= chars(spans_of(p.get("content"))) for p in preds)
        return f"no-cue\t{sh}\t{multi}\t{kn}\t{'in-content' if inside else 'free'}", cue_text
    p = preds[best]
    ps = chars(spans_of(p.get("source")))
    pc = chars(spans_of(p.get("content")))
    if best in paired_preds and dice(gc, pc) >= 0.5 and dice(gs, ps) >= 0.5:
        return "taken\t-\t-\t-\t-", cue_text
    if not ps:
        return "no-source\t-\t-\t-\t-", cue_text
    if dice(gs, ps) < 0.5:
        src_text = " ".join(text[a:b] for a, b in sorted(g["Source"])).strip().casefold()
        cue_at = cue_ranges[0][0] if cue_ranges else min(gc)
        outer = [o for k, o in enumerate(gold_rels) if k != gi and gq and gq <= chars(o["Content"])]
        if src_text in PRONOUNS:
            sub = "pronoun"
        elif max(gs) < sentence_start(text, cue_at):
            sub = "previous"
        elif outer and any(dice(chars(o["Source"]), ps) >= 0.5 for o in outer):
            sub = "outer"
        elif outer:
            sub = "nested"
        else:
            sub = "other"
        return f"source\t{sub}\t-\t-\t-", cue_text
    if dice(gc, pc) < 0.5:
        sub = "apart" if not gc & pc else "long" if len(pc - gc) > len(gc - pc) else "short"
        return f"content\t{sub}\t-\t-\t-", cue_text
    return "other\t-\t-\t-\t-", cue_text


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    show, n, out = None, 5, None
    for flag in ("--show", "--n", "--out"):
        if flag in args:
            i = args.index(flag)
            if i + 1 >= len(args):
                print(f"recall_errors: error: {flag} needs a value", file=sys.stderr)
                return 2
            val = args[i + 1]
            del args[i : i + 2]
            if flag == "--show":
                show = val
            elif flag == "--n":
                n = int(val)
            else:
                out = val
    if len(args) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    root, split, pred_dir = args
    if not os.path.isdir(os.path.join(root, split, "attributions")):
        print(f"recall_errors: error: no {split}/attributions under {root}", file=sys.stderr)
        return 3
    known = cue_words_known()
    buckets: Counter[str] = Counter()
    cue_words: Counter[str] = Counter()
    nested: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    total = found = 0
    for _name, text, gold, preds in articles(root, split, pred_dir):
        rels = [g for g in gold if g.get("Source") and g.get("Content")]
        pa = [
            (chars(spans_of(p.get("content"))), chars(spans_of(p.get("source"))))
            for p in preds
            if spans_of(p.get("source")) and spans_of(p.get("content"))
        ]
        pidx = [k for k, p in enumerate(preds) if spans_of(p.get("source")) and spans_of(p.get("content"))]
        m = match([(chars(g["Content"]), chars(g["Source"])) for g in rels], pa)
        paired = {pidx[v] for v in m.values()}
        for gi, g in enumerate(rels):
            total += 1
            gq = chars(g.get("Cue", []))
            inner = any(k != gi and gq and gq <= chars(o["Content"]) for k, o in enumerate(rels))
            nested[f"{'nested' if inner else 'top'}\t{'found' if gi in m else 'lost'}"] += 1
            if gi in m:
                found += 1
                continue
            key, cue_text = bucket(text, g, gi, rels, preds, paired, known)
            buckets[key] += 1
            if key.startswith("no-cue"):
                cue_words[f"{key.split(chr(9))[1]}\t{cue_text}"] += 1
            if show and key.replace("\t", " ").startswith(show) and shown[key] < n:
                shown[key] += 1
                sent = sentence_start(text, min(chars(g["Source"]) | gq | chars(g["Content"])))
                end = max(chars(g["Content"]) | gq | chars(g["Source"])) + 1
                print(f"## {key.replace(chr(9), ' ')}  cue={cue_text}")
                print("  text   :", text[sent:end].replace("\n", " ")[:400])
                print("  source :", " | ".join(text[a:b] for a, b in sorted(g["Source"])))
                print("  content:", " | ".join(text[a:b] for a, b in sorted(g["Content"]))[:300])
                near = [p for p in preds if any(sent <= a < end + 200 for a, _ in spans_of(p.get("content")))]
                for p in near[:3]:
                    ps = spans_of(p.get("source"))
                    src = text[ps[0][0] : ps[0][1]] if ps else None
                    print(
                        f"  pred   : src={src!r} cue={(p.get('cue') or {}).get('text')!r} "
                        f"content={' | '.join(c['text'] for c in p['content'])[:200]!r}"
                    )
                print()
    lost = total - found
    path = out or os.path.join(pred_dir, "recall_errors.tsv")
    coarse: Counter[str] = Counter()
    for key, c in buckets.items():
        coarse[key.split("\t")[0]] += c
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# recall_errors.py {split}: gold {total}, found {found}, lost {lost}\n")
        fh.write("section\tkey\tcount\n")
        for key, c in coarse.most_common():
            fh.write(f"bucket\t{key}\t{c}\n")
        for key, c in sorted(buckets.items(), key=lambda kv: (-kv[1], kv[0])):
            fh.write(f"detail\t{key.replace(chr(9), ' ')}\t{c}\n")
        for key, c in sorted(nested.items()):
            fh.write(f"nested\t{key.replace(chr(9), ' ')}\t{c}\n")
        for key, c in sorted(cue_words.items(), key=lambda kv: (-kv[1], kv[0])):
            fh.write(f"no-cue-word\t{key.replace(chr(9), ' ')}\t{c}\n")
    print(f"{split}: gold {total} found {found} lost {lost} (recall {found / max(total, 1):.3f}) -> {path}")
    for key, c in coarse.most_common():
        print(f"{c:6d}  {key}")
    print("# detail")
    for key, c in buckets.most_common(25):
        print(f"{c:6d}  {key.replace(chr(9), ' ')}")
    print("# nested")
    for key, c in sorted(nested.items()):
        print(f"{c:6d}  {key.replace(chr(9), ' ')}")
    print("# no-cue words (top 40)")
    for key, c in cue_words.most_common(40):
        print(f"{c:6d}  {key.replace(chr(9), ' ')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
