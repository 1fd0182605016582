"""action.yml: the README's workflow uses it, and its shell steps, run by bash on a real git
repository with an old archive, annotate only the lines the pull request changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from test_check_changed import NEW, OLD, git

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_readme_workflow_uses_the_action() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/attribution\.yml\n.*?)```", readme, re.S)
    assert block is not None
    workflow = yaml.safe_load(block.group(1))
    steps = workflow["jobs"]["check"]["steps"]
    ours = [s for s in steps if str(s.get("uses", "")).startswith("attribtrack/attribtrack@")]
    assert len(ours) == 1
    assert set(ours[0].get("with", {})) <= set(ACTION["inputs"])
    assert ACTION["runs"]["using"] == "composite"


def test_action_steps_annotate_only_changed_lines(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "config", "user.email", "desk@example.org")
    git(origin, "config", "user.name", "desk")
    (origin / "drafts").mkdir()
    (origin / "drafts" / "flood.md").write_text(OLD, encoding="utf-8")
    (origin / "drafts" / "untouched.md").write_text("The minister admitted it.\n", encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "archive")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(work))
    git(work, "config", "user.email", "desk@example.org")
    git(work, "config", "user.name", "desk")
    git(work, "checkout", "-q", "-b", "pr")
    (work / "drafts" / "flood.md").write_text(NEW, encoding="utf-8")
    git(work, "commit", "-q", "-am", "edit")

    bindir = tmp_path / "bin"  # `attribtrack` on PATH, as pip would install it
    bindir.mkdir()
    (bindir / "attribtrack").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m attribtrack "$@"\n')
    (bindir / "attribtrack").chmod(0o755)
    runner = tmp_path / "runner"
    runner.mkdir()
    output = tmp_path / "output"
    output.touch()
    steps = {s["name"]: s for s in ACTION["runs"]["steps"]}
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner),
        "GITHUB_OUTPUT": str(output),
        "NO_COLOR": "1",
    }

    def run(name: str, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", steps[name]["run"]],
            cwd=work,
            env={**env, **extra},
            capture_output=True,
            text=True,
        )

    drafts = run("Drafts the pull request changed", {"BASE": "origin/main", "PATHS": "drafts/*.md"})
    assert drafts.returncode == 0, drafts.stderr
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs == {"base": "origin/main", "count": "1"}
    checked = run(
        "attribtrack check (annotations)",
        {"BASE": "origin/main", "CHANGED": "true", "FAIL_ON": "error", "BASELINE": ""},
    )
    assert checked.returncode == 0, checked.stderr
    annotations = [line for line in checked.stdout.splitlines() if line.startswith("::")]
    assert annotations and all("file=drafts/flood.md,line=7," in a for a in annotations)
    assert "untouched.md" not in checked.stdout
    sarif = (runner / "attribtrack.sarif").read_text(encoding="utf-8")
    assert '"uri": "drafts/flood.md"' in sarif
