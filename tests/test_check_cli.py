"""`attribtrack check` and `attribtrack rules` from the command line: output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribtrack.cli import cli
from attribtrack.lint.registry import RULES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


UNCLOSED = 'The council met.\n\n"We will not raise taxes this year, the mayor said.\n'


# --- exit codes and text output (AT105 reads the text only, no extraction needed) ------------


def test_clean_draft_exits_zero(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.md", 'The council met.\n\n"We will rebuild," the mayor said.\n')
    code, out, err = run("check", "--select", "AT105", str(draft))
    assert (code, out, err) == (0, "No findings in 1 draft.\n", "")


def test_finding_exact_text_output_and_exit_one(tmp_path: Path) -> None:
    write(tmp_path / "a.md", UNCLOSED)
    code, out, _ = run("check", "--select", "AT105", "a.md", cwd=tmp_path)
    assert code == 1
    assert out == (
        "a.md:3:1: AT105 [error] quotation mark is never closed\n"
        '    "We will not raise taxes this year, the mayor said.\n'
        "    ^\n"
        "1 finding (1 error) in 1 draft.\n"
    )


def test_exit_zero_and_fail_on(tmp_path: Path) -> None:
    draft = str(write(tmp_path / "a.md", UNCLOSED))
    assert run("check", "--select", "AT105", "--exit-zero", draft)[0] == 0
    assert run("check", "--select", "AT105", "--fail-on", "never", draft)[0] == 0
    assert run("check", "--select", "AT105", "--fail-on", "info", draft)[0] == 1


def test_severity_from_config_changes_the_gate(tmp_path: Path) -> None:
    write(tmp_path / ".attribtrack.toml", 'select = ["AT105"]\nseverity = { AT105 = "warning" }\n')
    write(tmp_path / "a.md", UNCLOSED)
    code, out, _ = run("check", "a.md", cwd=tmp_path)
    assert code == 0 and "AT105 [warning]" in out
    code, out, _ = run("check", "--fail-on", "warning", "a.md", cwd=tmp_path)
    assert code == 1


def test_per_path_ignores(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.attribtrack]\nselect = ["AT105"]\n'
        '[tool.attribtrack.per-path-ignores]\n"opinion/*" = ["AT1"]\n',
    )
    write(tmp_path / "opinion" / "col.md", UNCLOSED)
    write(tmp_path / "news" / "story.md", UNCLOSED)
    code, out, _ = run("check", "opinion/col.md", "news/story.md", cwd=tmp_path)
    assert code == 1
    assert "news/story.md:3:1: AT105" in out and "opinion/" not in out


def test_unreadable_draft_is_reported_and_others_still_checked(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md", UNCLOSED)
    bad = write(tmp_path / "bad.txt", "")
    bad.write_bytes(b"\xff\xfe\x00bad \x80\x81 bytes")
    code, out, err = run("check", "--select", "AT105", str(tmp_path / "missing.md"), str(good))
    assert code == 3
    assert "good.md:3:1: AT105" in out
    assert err.startswith("attribtrack: error: ") and "missing.md" in err and err.count("\n") == 1
    assert "Traceback" not in err


def test_unknown_config_key_is_exit_two_naming_it(tmp_path: Path) -> None:
    write(tmp_path / ".attribtrack.toml", 'selcet = ["AT1"]\n')
    write(tmp_path / "a.md", "Fine.\n")
    code, out, err = run("check", "a.md", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.startswith("attribtrack: error: unknown configuration key 'selcet'")
    assert err.count("\n") == 1


def test_explicit_config_file(tmp_path: Path) -> None:
    conf = write(tmp_path / "conf" / "house.toml", 'select = ["AT105"]\nfail-on = "never"\n')
    draft = write(tmp_path / "a.md", UNCLOSED)
    assert run("check", "--config", str(conf), str(draft))[0] == 0
    assert run("check", "--config", str(tmp_path / "nope.toml"), str(draft))[0] == 2


@pytest.mark.parametrize("args", [["--select", "E501"], ["--ignore", "X"], ["--format", "xml"], []])
def test_usage_errors_exit_two(tmp_path: Path, args: list[str]) -> None:
    draft = write(tmp_path / "a.md", "Fine.\n")
    code, _, err = run("check", *args, *([str(draft)] if args else []))
    assert code == 2
    assert "Traceback" not in err


def test_many_drafts_in_one_call(tmp_path: Path) -> None:
    paths = [str(write(tmp_path / f"d{i}.md", UNCLOSED if i % 2 else "Fine.\n")) for i in range(6)]
    code, out, _ = run("check", "--select", "AT105", "--format", "json", *paths)
    assert code == 1
    found = json.loads(out)["findings"]
    assert sorted(Path(f["path"]).name for f in found) == ["d1.md", "d3.md", "d5.md"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "text"])
def test_every_format_is_deterministic(tmp_path: Path, fmt: str) -> None:
    draft = str(write(tmp_path / "a.md", UNCLOSED))
    first = run("check", "--select", "AT105", "--format", fmt, draft)
    assert first == run("check", "--select", "AT105", "--format", fmt, draft)
    assert first[0] == 1 and first[1]


def test_inline_suppression_through_the_command(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md", "<!-- attribtrack: disable-next-line AT105 -->\n" + UNCLOSED.replace("\n\n", " ")
    )
    assert run("check", "--select", "AT105", "a.md", cwd=tmp_path)[0] == 0


# --- --against ------------------------------------------------------------------------------


def test_against_unreadable_baseline_is_exit_three(tmp_path: Path) -> None:
    draft = write(tmp_path / "a.md", "Fine.\n")
    code, _, err = run("check", "--against", str(tmp_path / "old.md"), str(draft))
    assert code == 3 and "old.md" in err


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_git_baselines(tmp_path: Path) -> None:
    from attribtrack.lint.run import git_baselines

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo / "drafts" / "story.md", "Old text.\r\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    write(repo / "drafts" / "story.md", "New text.\n")
    write(repo / "drafts" / "new.md", "Brand new.\n")
    story, new = str(repo / "drafts" / "story.md"), str(repo / "drafts" / "new.md")
    found = git_baselines([story, new], "HEAD")
    assert found[story].text == "Old text.\n"  # type: ignore[union-attr]
    assert found[story].label == "git:HEAD:drafts/story.md"  # type: ignore[union-attr]
    assert found[new] is None  # not in that revision: compared with nothing
    assert "unknown git revision" in git_baselines([story], "no-such-branch")[story]  # type: ignore[operator]
    outside = write(tmp_path / "loose.md", "x\n")
    assert "not in a git work tree" in git_baselines([str(outside)], "HEAD")[str(outside)]  # type: ignore[operator]


def test_against_bad_git_revision_is_exit_three(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path / "a.md", "Fine.\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    code, _, err = run("check", "--select", "AT105", "--against", "git:nope", "a.md", cwd=tmp_path)
    assert code == 3 and "unknown git revision 'nope'" in err


# --- rules -----------------------------------------------------------------------------------


def test_rules_table() -> None:
    code, out, _ = run("rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["code", "name", "default", "fires", "when"]
    assert len(lines) == len(RULES) + 1
    assert lines[1].split()[:3] == ["AT101", "quote-without-source", "error"]


def test_rules_json() -> None:
    code, out, _ = run("rules", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "attribtrack.rules/1"
    assert [r["code"] for r in data["rules"]] == [r.code for r in RULES]
    assert all(r["fires"] and r["passes"] and r["description"] for r in data["rules"])


def test_worker_processes_give_the_same_bytes(tmp_path: Path) -> None:
    paths = [str(write(tmp_path / f"d{i}.md", UNCLOSED if i % 3 else "Fine.\n")) for i in range(8)]
    serial = run("check", "--select", "AT105", "--jobs", "1", "--format", "json", *paths)
    parallel = run("check", "--select", "AT105", "--jobs", "2", "--format", "json", *paths)
    assert serial == parallel
    assert len(json.loads(serial[1])["findings"]) == 5


def test_pre_commit_hooks_run_the_command(tmp_path: Path) -> None:
    import shlex

    import yaml

    hooks = yaml.safe_load((FIXTURES.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"attribtrack-check", "attribtrack-check-changes"}
    git(tmp_path, "init", "-q")
    write(tmp_path / "a.md", "Fine.\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    write(tmp_path / "a.md", UNCLOSED)
    for hook in hooks:
        entry = shlex.split(hook["entry"])
        assert entry[0] == "attribtrack"
        code, out, err = run(*entry[1:], "--select", "AT105", "a.md", cwd=tmp_path)
        assert (code, err) == (1, ""), hook["id"]
        assert "a.md:3:1: AT105" in out


def test_empty_draft_is_an_input_error_and_git_without_revision_is_usage_error(tmp_path: Path) -> None:
    # Issue 14: check reads drafts as every other command does; an empty file is "is empty" (3).
    empty = write(tmp_path / "empty.md", "")
    assert run("check", str(empty)) == (
        3,
        "No findings in 1 draft; 1 draft could not be checked.\n",
        f"attribtrack: error: {empty}: is empty\n",
    )
    code, _, err = run("check", "--against", "git:", str(empty))
    assert code == 2 and "needs a revision" in err


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    good = write(tmp_path / "a.md", "Fine.\n")
    code, out, err = run("check", "--select", "AT105", str(tmp_path), str(good))
    assert code == 3 and "No findings in 2 drafts; 1 draft could not be checked." in out
    assert err.startswith(f"attribtrack: error: {tmp_path}")
