"""`check --changed-lines-only`, `--baseline`/`--write-baseline` and SARIF locations on a real git
repository holding an old archive: a pull request sees only the findings on the lines it changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

OLD = (
    "# Archive: the flood\n\n"
    "The mayor admitted that the dam was old.\n\n"
    "Officials said the river rose three metres overnight.\n\n"
    "The council met on Monday to discuss the repairs.\n"
)
# The pull request: one untouched loaded cue stays; a new one is added on a changed line.
NEW = OLD.replace(
    "The council met on Monday to discuss the repairs.",
    "The engineer insisted that the council met on Monday to discuss the repairs.",
)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "attribtrack", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "desk@example.org")
    git(tmp_path, "config", "user.name", "desk")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "flood.md").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "archive")
    git(tmp_path, "checkout", "-q", "-b", "pr")
    (tmp_path / "archive" / "flood.md").write_text(NEW, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "edit")
    return tmp_path


def codes_and_lines(out: str) -> list[tuple[str, int]]:
    data = json.loads(out)
    return [(f["code"], f["line"]) for f in data["findings"]]


def test_all_findings_without_the_flag(repo: Path) -> None:
    proc = check(repo, "archive/flood.md", "--against", "git:main", "--format", "json", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    found = codes_and_lines(proc.stdout)
    assert ("AT106", 3) in found and ("AT106", 7) in found


def test_only_changed_lines(repo: Path) -> None:
    proc = check(
        repo,
        "archive/flood.md",
        "--against",
        "git:main",
        "--changed-lines-only",
        "--format",
        "json",
        "--fail-on",
        "never",
    )
    assert proc.returncode == 0, proc.stderr
    found = codes_and_lines(proc.stdout)
    assert found and all(line == 7 for _, line in found)
    assert ("AT106", 7) in found


def test_changed_lines_only_needs_against(repo: Path) -> None:
    proc = check(repo, "archive/flood.md", "--changed-lines-only")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "attribtrack: error: --changed-lines-only needs --against (e.g. --against git:origin/main)"
    )


def test_a_new_draft_reports_every_line(repo: Path) -> None:
    (repo / "new.md").write_text("The minister admitted it.\n", encoding="utf-8")
    proc = check(repo, "new.md", "--against", "git:main", "--changed-lines-only", "--format", "json")
    assert ("AT106", 1) in codes_and_lines(proc.stdout)


def test_baseline_from_any_directory(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    base = repo / "baseline.json"
    proc = check(repo, "archive/flood.md", "--write-baseline", str(base), "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    recorded = json.loads(base.read_text(encoding="utf-8"))
    assert recorded["schema"] == "attribtrack.baseline/1" and recorded["findings"]
    # From another directory, nothing is new; after the edit, only the added cue is.
    sub = repo / "archive"
    proc = check(sub, "flood.md", "--baseline", str(base), "--format", "json")
    assert json.loads(proc.stdout)["findings"] == []
    git(repo, "checkout", "-q", "pr")
    proc = check(sub, "flood.md", "--baseline", str(base), "--format", "json", "--fail-on", "never")
    assert [c for c, _ in codes_and_lines(proc.stdout)] == ["AT106"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not a baseline file (invalid JSON"),
        ('{"schema": "other"}', "not an attribtrack.baseline/1 file"),
        ('{"schema": "attribtrack.baseline/1", "findings": {"x": -1}}', "not an attribtrack.baseline/1 file"),
    ],
)
def test_bad_baseline_file(repo: Path, content: str, message: str) -> None:
    bad = repo / "bad.json"
    bad.write_text(content, encoding="utf-8")
    proc = check(repo, "archive/flood.md", "--baseline", str(bad))
    assert proc.returncode == 3
    assert proc.stderr.startswith(f"attribtrack: error: {bad}: {message}")
    assert "Traceback" not in proc.stderr


def test_missing_baseline_file(repo: Path) -> None:
    proc = check(repo, "archive/flood.md", "--baseline", "nope.json")
    assert proc.returncode == 3
    assert proc.stderr.startswith("attribtrack: error: nope.json: cannot read baseline")


def test_sarif_is_repository_relative_wherever_it_runs(repo: Path) -> None:
    def sarif(cwd: Path, path: str) -> dict:
        proc = check(cwd, path, "--format", "sarif", "--fail-on", "never")
        return json.loads(proc.stdout)["runs"][0]

    top, sub = sarif(repo, "archive/flood.md"), sarif(repo / "archive", "flood.md")
    loc = top["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "archive/flood.md", "uriBaseId": "%SRCROOT%"}
    assert top["results"] == sub["results"]
    assert [r["partialFingerprints"] for r in top["results"]] == [
        r["partialFingerprints"] for r in sub["results"]
    ]
    rules = top["tool"]["driver"]["rules"]
    assert all(r["helpUri"].endswith("README.md#" + r["id"].lower()) for r in rules)
