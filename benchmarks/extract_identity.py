#!/usr/bin/env python3
"""One hash over the extractor's output on PolNeAR dev+train and the text fixtures.

usage: python benchmarks/extract_identity.py [POLNEAR_DIR] [--list]

For every ``POLNEAR_DIR/{dev,train}/text/*.txt`` (default ../shared/polnear, beside the checkout)
and every ``.txt``/``.md`` file under fixtures/, the claims JSON that ``attribtrack claims FILE
--format json`` prints is computed in-process (same loader, same house style, same writer) and
hashed. Prints one sha256 over all of them (name and hash of each, in sorted order), so "the
extractor's output did not change" is one comparison; ``--list`` also prints each file's hash.
Reads the corpus in place; never copies its text.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_POLNEAR = os.path.join(os.path.dirname(ROOT), "shared", "polnear")


def inputs(polnear: str) -> list[tuple[str, str]]:
    """(label, path) of every input, sorted by label."""
    found = []
    for split in ("dev", "train"):
        for path in glob.glob(os.path.join(polnear, split, "text", "*.txt")):
            found.append((f"polnear/{split}/{os.path.basename(path)}", path))
    fixtures = os.path.join(ROOT, "fixtures")
    for path in glob.glob(os.path.join(fixtures, "**", "*"), recursive=True):
        if path.endswith((".txt", ".md")) and os.path.isfile(path):
            found.append(("fixtures/" + os.path.relpath(path, fixtures), path))
    return sorted(found)


def claims_json(path: str) -> str:
    """What ``attribtrack claims PATH --format json`` writes to stdout."""
    from attribtrack.extractor.cache import house_style
    from attribtrack.render.claims_json import claims_json as pieces
    from attribtrack.targets import load

    loaded = load(path)
    titles, outlets = house_style(path)
    return "".join(pieces(loaded, indent=2, titles=titles, outlets=outlets)) + "\n"


def main() -> int:
    args = sys.argv[1:]
    listing = "--list" in args
    args = [a for a in args if a != "--list"]
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print("usage: extract_identity.py [POLNEAR_DIR] [--list]", file=sys.stderr)
        return 2
    polnear = args[0] if args else DEFAULT_POLNEAR
    if not os.path.isdir(os.path.join(polnear, "dev", "text")):
        print(f"no PolNeAR data at {polnear}", file=sys.stderr)
        return 3
    sys.path.insert(0, ROOT)
    total = hashlib.sha256()
    pairs = inputs(polnear)
    counts = {"polnear": 0, "fixtures": 0}
    for label, path in pairs:
        digest = hashlib.sha256(claims_json(path).encode("utf-8")).hexdigest()
        total.update(f"{label}\t{digest}\n".encode())
        counts[label.split("/", 1)[0]] += 1
        if listing:
            print(f"{digest}  {label}")
    print(f"{total.hexdigest()}  ({counts['polnear']} PolNeAR articles, {counts['fixtures']} fixtures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
