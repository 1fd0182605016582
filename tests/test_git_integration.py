"""attribtrack inside git: an external diff driver and a textconv filter, on a real repository
with two commits of a draft (the README's .gitattributes and git config lines)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribtrack.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ATTRIBTRACK = f"{shlex.quote(sys.executable)} -m attribtrack"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits of draft.md: crocus.txt, then crocus-rev2.txt."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "desk@example.org")
    git(tmp_path, "config", "user.name", "Standards Desk")
    git(tmp_path, "config", "core.pager", "cat")
    (tmp_path / ".gitattributes").write_text("*.md diff=attrib\n", encoding="utf-8")
    (tmp_path / "draft.md").write_bytes((FIXTURES / "crocus.txt").read_bytes())
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first draft")
    (tmp_path / "draft.md").write_bytes((FIXTURES / "crocus-rev2.txt").read_bytes())
    git(tmp_path, "commit", "-q", "-a", "-m", "second draft")
    return tmp_path


def test_external_diff_driver(repo: Path) -> None:
    git(repo, "config", "diff.attrib.command", f"{ATTRIBTRACK} git-diff")
    out = git(repo, "diff", "HEAD~1", "HEAD")
    lines = out.splitlines()
    header = lines.index("diff --git a/draft.md b/draft.md")
    assert all(line.startswith("# attribtrack: ") for line in lines[:header])
    assert "# attribtrack: line 6: source-changed: intelligence sources -> U.S. officials" in lines
    assert lines[header + 1 : header + 3] == ["--- a/draft.md", "+++ b/draft.md"]
    assert any(
        line.startswith("@@ -3,15 +3,17 @@ source-changed: intelligence sources -> U.S. officials")
        for line in lines
    )
    assert (
        "+The warning did not include specifics about the timing of the attack but said it could come "
        "within days, U.S. officials told the two newspapers."
    ) in lines

    # The driver's output is still a patch: undoing it in the work tree gives the first draft.
    (repo / "change.diff").write_text(out, encoding="utf-8")
    git(repo, "apply", "-R", "change.diff")
    assert (repo / "draft.md").read_bytes() == (FIXTURES / "crocus.txt").read_bytes()

    # git log -p uses it with --ext-diff; a file git does not route to the driver is untouched.
    assert "# attribtrack: line 6: source-changed" in git(repo, "log", "-p", "--ext-diff", "-1")
    assert "# attribtrack:" not in git(repo, "log", "-p", "--no-ext-diff", "-1")


def test_external_diff_of_an_added_file(repo: Path) -> None:
    git(repo, "config", "diff.attrib.command", f"{ATTRIBTRACK} git-diff")
    (repo / "brief.md").write_text("The pier will reopen in May, the harbor master said.\n", encoding="utf-8")
    git(repo, "add", "brief.md")
    out = git(repo, "diff", "--cached")
    assert (
        "diff --git a/brief.md b/brief.md\n--- /dev/null\n+++ b/brief.md\n@@ -0,0 +1,1 @@ claim-added:" in out
    )
    assert "+The pier will reopen in May, the harbor master said.\n" in out


def test_textconv_shows_claims_as_lines(repo: Path) -> None:
    git(repo, "config", "diff.attrib.textconv", f"{ATTRIBTRACK} git-diff --textconv")
    out = git(repo, "diff", "HEAD~1", "HEAD")
    minus = [line for line in out.splitlines() if line.startswith("-[")]
    plus = [line for line in out.splitlines() if line.startswith("+[")]
    assert any(
        line.startswith("-[indirect] intelligence sources | told | The warning did not include")
        for line in minus
    )
    assert any(
        line.startswith("+[indirect] U.S. officials | told | The warning did not include") for line in plus
    )
    assert " -- attribtrack claims --" in out.splitlines()


def test_git_diff_arguments_are_checked() -> None:
    result = CliRunner().invoke(cli, ["git-diff", "a", "b"])
    assert result.exit_code == 2 and "7 arguments" in result.stderr
    result = CliRunner().invoke(cli, ["git-diff", "--textconv", str(FIXTURES / "crocus.txt"), "extra"])
    assert result.exit_code == 2


def test_identical_blobs_print_nothing(tmp_path: Path) -> None:
    path = str(FIXTURES / "crocus.txt")
    result = CliRunner().invoke(
        cli, ["git-diff", "draft.md", path, "a" * 40, "100644", path, "a" * 40, "100644"]
    )
    assert (result.exit_code, result.stdout) == (0, "")


def test_external_diff_of_a_renamed_file(repo: Path) -> None:
    git(repo, "config", "diff.attrib.command", f"{ATTRIBTRACK} git-diff")
    git(repo, "mv", "draft.md", "story.md")
    out = git(repo, "diff", "--cached", "-M")
    header = "diff --git a/draft.md b/story.md\nsimilarity index 100%\n"
    assert out == header + "rename from draft.md\nrename to story.md\n"
    with (repo / "story.md").open("a", encoding="utf-8") as f:
        f.write("\n\nThe pier reopened, the harbor master said.")
    git(repo, "add", "story.md")
    lines = git(repo, "diff", "--cached", "-M").splitlines()
    start = lines.index("diff --git a/draft.md b/story.md")
    assert lines[start + 2 : start + 4] == ["rename from draft.md", "rename to story.md"]
    assert "--- a/draft.md" in lines and "+++ b/story.md" in lines
