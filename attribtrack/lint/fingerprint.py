"""Where a finding is, independent of where ``check`` ran: repository-relative paths,
fingerprints, baseline files and the lines a draft changed.

A fingerprint is the rule code, the draft's path relative to its repository root (the directory
holding ``.git``; the path as given outside a repository), the flagged words with whitespace
collapsed, and which occurrence of those words it is. Moving lines, re-wrapping a paragraph or
running from another directory leaves it unchanged; editing the flagged words changes it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from attribtrack.errors import InputError
from attribtrack.plain import Finding

__all__ = [
    "BASELINE_SCHEMA",
    "changed_lines",
    "fingerprints",
    "read_baseline",
    "repo_path",
    "repo_root",
    "write_baseline",
]

BASELINE_SCHEMA = "attribtrack.baseline/1"


@lru_cache(maxsize=256)
def _root_of(directory: str) -> str | None:
    here = Path(directory)
    for d in (here, *here.parents):
        if (d / ".git").exists():
            return str(d)
    return None


def repo_root(path: str) -> Path | None:
    """The work tree holding ``path`` (found as git finds ``.git``), or None."""
    p = Path(path)
    if not p.exists():
        return None
    found = _root_of(str(p.resolve().parent))
    return Path(found) if found else None


def repo_path(path: str) -> str:
    """``path`` relative to its repository root, '/'-separated; as given when not in one."""
    root = repo_root(path)
    if root is not None:
        try:
            return Path(os.path.relpath(Path(path).resolve(), root)).as_posix()
        except ValueError:
            pass
    return path.replace("\\", "/")


def fingerprints(text: str, findings: Iterable[Finding], path: str) -> list[str]:
    """One fingerprint per finding, in the order given (occurrences counted in that order)."""
    where = repo_path(path)
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        flagged = " ".join(text[f.span[0] : f.span[1]].split())
        key = f"{f.code}\0{where}\0{flagged}"
        seen[key] += 1
        out.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32])
    return out


def write_baseline(file: str, prints: Iterable[str]) -> None:
    """Write the fingerprints (sorted, counted) as ``attribtrack.baseline/1`` JSON, atomically."""
    counts = Counter(prints)
    data = {"schema": BASELINE_SCHEMA, "findings": dict(sorted(counts.items()))}
    tmp = f"{file}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, sort_keys=True, indent=2) + "\n")
        os.replace(tmp, file)
    except OSError as exc:
        raise InputError(f"{file}: cannot write baseline ({exc.strerror or exc})") from None


def read_baseline(file: str) -> Counter[str]:
    """The fingerprints of a baseline file written by :func:`write_baseline`."""
    from attribtrack.read import read_option_file

    raw = read_option_file(file, f"{file}: cannot read baseline", error=InputError)  # no FIFO, no /dev/zero
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: not a baseline file (invalid JSON: {exc})") from None
    found = data.get("findings") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("schema") != BASELINE_SCHEMA
        or not isinstance(found, dict)
        or not all(isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in found.items())
    ):
        raise InputError(f"{file}: not an {BASELINE_SCHEMA} file (write one with --write-baseline)")
    return Counter(found)


def changed_lines(old: str, new: str) -> frozenset[int]:
    """1-based numbers of the lines of ``new`` that are not unchanged lines of ``old``."""
    import difflib

    a, b = old.split("\n"), new.split("\n")
    keep: set[int] = set()
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        keep.update(range(block.b, block.b + block.size))
    return frozenset(i + 1 for i in range(len(b)) if i not in keep)


def on_lines(text: str, finding: Finding, lines: Sequence[int] | frozenset[int]) -> bool:
    """Whether any line the finding's span covers is in ``lines``."""
    first = text.count("\n", 0, finding.span[0]) + 1
    last = first + text.count("\n", finding.span[0], max(finding.span[0], finding.span[1] - 1))
    return any(n in lines for n in range(first, last + 1))
