"""EXTRACTOR_VERSION keys every claims cache (SQLite, PostgreSQL, the LSP's): two different outputs
under one version would let a store serve claims computed by one extractor as another's. Twice in
one session two branches bumped the version to the same number, and a rebase does not conflict on
that (both change the same line the same way).

``tests/data/extractor_versions.txt`` records, per version, one sha256 over the extractor's output
on the fixtures and ``tests/data/extractor_probe.txt``. A change in output without a new version
fails here, and two branches that each record a version conflict in that file when the second one
rebases, which is the point: the second one must record its combined output under a new number.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from attribtrack.extractor import EXTRACTOR_VERSION, extract

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "extractor_versions.txt"


def _inputs() -> list[Path]:
    found = [p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md") and p.is_file()]
    found.append(ROOT / "tests" / "data" / "extractor_probe.txt")
    return sorted(found)


def output_hash() -> str:
    total = hashlib.sha256()
    for path in _inputs():
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(extract(text).to_json().encode("utf-8")).hexdigest()
        total.update(f"{path.relative_to(ROOT).as_posix()}\t{digest}\n".encode())
    return total.hexdigest()


def _records() -> list[tuple[str, str]]:
    rows = []
    for line in RECORD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            version, digest = line.split()
            rows.append((version, digest))
    return rows


def test_inputs_are_there() -> None:
    names = [p.name for p in _inputs()]
    assert "extractor_probe.txt" in names and "crocus.txt" in names


def test_no_version_is_recorded_twice() -> None:
    versions = [v for v, _ in _records()]
    twice = sorted({v for v in versions if versions.count(v) > 1})
    assert not twice, f"{RECORD.name} records {', '.join(twice)} more than once: one version, one output"


def test_output_change_comes_with_a_new_version() -> None:
    digest = output_hash()
    recorded = dict(_records())
    line = f"append '<NEW_VERSION> {digest}' to tests/data/{RECORD.name} and set EXTRACTOR_VERSION to it"
    assert EXTRACTOR_VERSION in recorded, f"EXTRACTOR_VERSION {EXTRACTOR_VERSION} is not recorded: {line}"
    assert recorded[EXTRACTOR_VERSION] == digest, (
        f"the extractor's output changed but EXTRACTOR_VERSION is still {EXTRACTOR_VERSION}: {line}"
        " (a new number: never one recorded already)"
    )


def test_the_hash_sees_a_change_in_output() -> None:
    # The guard must be able to fail: the same inputs with one sentence more hash differently.
    probe = ROOT / "tests" / "data" / "extractor_probe.txt"
    text = probe.read_text(encoding="utf-8")
    once = extract(text).to_json()
    assert extract(text).to_json() == once  # deterministic
    assert extract(text + "\nThe harbour master said the pier would close.\n").to_json() != once
