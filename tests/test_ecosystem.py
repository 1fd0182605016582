"""The ecosystem bugs of issue 14, found trying attribtrack as a new user: schemas, configuration,
pre-commit hooks, HTML positions, diffs that apply, the package, the library facade."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from attribtrack.cli import cli
from attribtrack.schemas import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def schema(name: str) -> dict:
    code, out, err = run("schema", name)
    assert code == 0, err
    return json.loads(out)


# --- schemas ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["fixtures/crocus.txt", "fixtures/drafts/flood.md"])
def test_check_json_validates_against_its_own_schema(path: str) -> None:
    code, out, _ = run("check", "--format", "json", str(ROOT / path))
    assert code in (0, 1)
    document = json.loads(out)
    assert document["findings"], "the draft has findings: the items are validated too"
    jsonschema.Draft202012Validator(schema("findings")).validate(document)
    one = schema("finding")
    for finding in document["findings"]:
        jsonschema.Draft202012Validator(one).validate(finding)


def test_findings_schema_rejects_what_check_never_writes() -> None:
    validator = jsonschema.Draft202012Validator(schema("findings"))
    _, out, _ = run("check", "--format", "json", str(ROOT / "fixtures/crocus.txt"))
    document = json.loads(out)
    document["findings"][0]["colour"] = "red"
    assert not validator.is_valid(document)
    assert not validator.is_valid({"schema": "attribtrack.claims/1", "findings": []})


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_has_dialect_and_id(name: str) -> None:
    s = schema(name)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["$id"].endswith(f"/{name}.json") and s["$id"].startswith("https://")
    jsonschema.Draft202012Validator.check_schema(s)


def test_model_dump_json_writes_the_contract_names() -> None:
    from attribtrack import extract

    claims = extract('"We will rebuild," the mayor said on Tuesday.')
    dumped = json.loads(claims.model_dump_json())
    assert dumped["schema"] == "attribtrack.claims/1" and "schema_" not in dumped
    assert "class" in dumped["claims"][0]["cue"] and "class_" not in dumped["claims"][0]["cue"]
    jsonschema.Draft202012Validator(schema("claims")).validate(dumped)


# --- configuration ---------------------------------------------------------------------------


def _readme_config_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\n[tool.attribtrack]", readme.index("Configure in"))
    return readme[start + len("```toml\n") : readme.index("```", start + 7)]


def test_readme_tool_block_pasted_into_dot_attribtrack_toml(tmp_path: Path) -> None:
    from attribtrack.config import read_config

    block = _readme_config_block()
    (tmp_path / ".attribtrack.toml").write_text(block, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    pasted, pyproject = read_config(tmp_path / ".attribtrack.toml"), read_config(tmp_path / "pyproject.toml")
    assert pasted.fail_on == "warning" and pasted.style.titles == ("Chief Rabbi",)
    assert (pasted.select, pasted.ignore, pasted.severity, pasted.style, pasted.outlets) == (
        pyproject.select,
        pyproject.ignore,
        pyproject.severity,
        pyproject.style,
        pyproject.outlets,
    )
    draft = tmp_path / "draft.md"
    draft.write_text("Officials said the plant would close next year.\n", encoding="utf-8")
    code, out, err = run("check", str(draft))
    assert code == 1 and "AT103" in out and "warning" in out, err  # severity AT103 = "warning", fail-on


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[tool.black]\nline-length = 80\n[tool.attribtrack]\nfail-on = "info"\n', "tool.black"),
        ('fail-on = "info"\n[tool.attribtrack]\nselect = ["AT1"]\n', "one or the other"),
        ("[tool.other]\nx = 1\n", "tool"),
    ],
)
def test_a_mixed_dot_attribtrack_toml_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / ".attribtrack.toml").write_text(text, encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("The council met.\n", encoding="utf-8")
    code, _, err = run("check", str(draft))
    assert code == 2 and err.startswith("attribtrack: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_claims_honours_style_titles_from_the_configuration(tmp_path: Path) -> None:
    draft = tmp_path / "story.txt"
    draft.write_text(
        '"We will pray for them," Chief Rabbi Ephraim Mirvis said on Sunday.\n', encoding="utf-8"
    )
    _, before, _ = run("claims", "--format", "json", str(draft))
    (tmp_path / ".attribtrack.toml").write_text('[style]\ntitles = ["Chief Rabbi"]\n', encoding="utf-8")
    code, after, err = run("claims", "--format", "json", str(draft))
    assert code == 0, err
    source = json.loads(after)["claims"][0]["source"]
    assert (source["name"], source["role"]) == ("Ephraim Mirvis", "Chief Rabbi")
    assert json.loads(before)["claims"][0]["source"]["name"] != "Ephraim Mirvis"
    code, lines, err = run("claims", "--format", "jsonl", str(draft), str(draft))
    assert code == 0, err
    for line in lines.splitlines():
        assert json.loads(line)["claims"][0]["source"]["role"] == "Chief Rabbi"


# --- pre-commit ------------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _hooks() -> dict[str, list[str]]:
    import shlex

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {h["id"]: shlex.split(h["entry"]) for h in hooks}


def _run_hook(entry: list[str], cwd: Path, *files: str) -> tuple[int, str, str]:
    import subprocess
    import sys

    assert entry[0] == "attribtrack"
    proc = subprocess.run(
        [sys.executable, "-m", "attribtrack", *entry[1:], *files], cwd=cwd, capture_output=True, text=True
    )
    return proc.returncode, proc.stdout, proc.stderr


DRAFT = 'Officials said the plant would close.\n\n"We will rebuild," the mayor admitted.\n'


def test_changes_hook_on_the_first_commit_of_a_repository(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "story.md").write_text(DRAFT, encoding="utf-8")
    _git(tmp_path, "add", "story.md")
    code, out, err = _run_hook(_hooks()["attribtrack-check-changes"], tmp_path, "story.md")
    assert code == 0, err  # no HEAD yet: a new draft, nothing to compare with
    assert err == ""


def test_both_hooks_report_each_finding_once(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "story.md").write_text(DRAFT, encoding="utf-8")
    _git(tmp_path, "add", "story.md")
    _git(tmp_path, "commit", "-q", "-m", "first")
    (tmp_path / "story.md").write_text(DRAFT.replace("the mayor admitted", "she said"), encoding="utf-8")
    outputs = [_run_hook(entry, tmp_path, "story.md")[1] for entry in _hooks().values()]
    every = "\n".join(outputs)
    for code in ("AT103", "AT102"):
        assert every.count(f" {code} ") == 1, every
    assert "AT301" in outputs[1] or "AT302" in outputs[1], outputs[1]  # the comparison still runs


# --- git and patch, as the README says -------------------------------------------------------


def test_no_ext_diff_needs_no_textconv_for_gits_own_diff(tmp_path: Path) -> None:
    import shlex
    import shutil
    import subprocess
    import sys

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    attribtrack = f"{shlex.quote(sys.executable)} -m attribtrack"
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("*.md diff=attrib\n", encoding="utf-8")
    _git(tmp_path, "config", "diff.attrib.command", f"{attribtrack} git-diff")
    _git(tmp_path, "config", "diff.attrib.textconv", f"{attribtrack} git-diff --textconv")
    (tmp_path / "draft.md").write_bytes((ROOT / "fixtures/crocus.txt").read_bytes())
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "one")
    (tmp_path / "draft.md").write_bytes((ROOT / "fixtures/crocus-rev2.txt").read_bytes())

    def diff(*flags: str) -> str:
        proc = subprocess.run(
            ["git", "diff", *flags], cwd=tmp_path, capture_output=True, text=True, check=True
        )
        return proc.stdout

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`git diff --no-ext-diff --no-textconv` gives git's own diff" in readme
    plain = diff("--no-ext-diff", "--no-textconv")
    assert "# attribtrack:" not in plain
    assert "-The warning did not include specifics about the timing of the attack" in plain
    conv = diff("--no-ext-diff")
    assert conv != plain  # --no-ext-diff alone still applies the textconv filter (claims added)
    assert len(conv.splitlines()) > len(plain.splitlines())


def test_unified_diff_of_two_files_in_one_directory_applies_as_the_readme_says(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    old, new = tmp_path / "story.md", tmp_path / "story-2.md"
    old.write_bytes((ROOT / "fixtures/crocus.txt").read_bytes())
    new.write_bytes((ROOT / "fixtures/crocus-rev2.txt").read_bytes())
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out, err = run("diff", "story.md", "story-2.md")
    finally:
        os.chdir(here)
    assert code == 0, err
    (tmp_path / "edit.diff").write_text(out, encoding="utf-8")
    with open(tmp_path / "edit.diff", "rb") as fh:
        proc = subprocess.run(["patch", "-p0"], stdin=fh, cwd=tmp_path, capture_output=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert old.read_bytes() == new.read_bytes()
    assert "`patch -p0 < edit.diff`" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- the library facade ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "returns"), [("extract", "Claims"), ("diff", "RevisionDiff"), ("check", "tuple[Finding, ...]")]
)
def test_facade_is_typed_and_takes_only_named_keywords(name: str, returns: str) -> None:
    import inspect
    import typing

    import attribtrack

    function = getattr(attribtrack, name)
    signature = inspect.signature(function)
    assert signature.return_annotation == returns
    assert all(p.kind is not p.VAR_KEYWORD and p.annotation != "Any" for p in signature.parameters.values())
    hints = typing.get_type_hints(function, localns=_facade_names())
    assert hints["return"] is not typing.Any


def _facade_names() -> dict:
    from attribtrack.compare.model import RevisionDiff
    from attribtrack.config import Config
    from attribtrack.models import Claims, DocumentRef
    from attribtrack.outlets import OutletRegistry
    from attribtrack.plain import Finding
    from attribtrack.sources.documents import SourceText

    return {
        "RevisionDiff": RevisionDiff,
        "Config": Config,
        "Claims": Claims,
        "DocumentRef": DocumentRef,
        "OutletRegistry": OutletRegistry,
        "Finding": Finding,
        "SourceText": SourceText,
    }


def test_facade_rejects_a_misspelt_keyword() -> None:
    import attribtrack

    with pytest.raises(TypeError, match="pth"):
        attribtrack.check("The mayor admitted it.", pth="story.md")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="publised"):
        attribtrack.extract("The mayor said it.", publised="2024-03-22")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="old_lable"):
        attribtrack.diff("a", "b", old_lable="v1")  # type: ignore[call-arg]
    findings = attribtrack.check("The minister admitted that the project was late.", path="story.md")
    assert [f.code for f in findings] == ["AT106"] and findings[0].path == "story.md"
    titled = attribtrack.extract('"We will pray," Chief Rabbi Ephraim Mirvis said.', titles=["Chief Rabbi"])
    assert titled.claims[0].source is not None and titled.claims[0].source.role == "Chief Rabbi"


# --- the package -----------------------------------------------------------------------------


def test_sdist_ships_license_and_tests_that_run_from_it(tmp_path: Path) -> None:
    """Build the sdist (python -m build, isolated), unpack it and run tests from the unpacked tree:
    their helpers (conftest, lint_helpers, _claimkit) and fixtures must be in it."""
    import subprocess
    import sys
    import tarfile

    try:
        import build  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("build is not installed (pip install build)")
    out = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (sdist,) = out.glob("attribtrack-*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path / "src", filter="data")
    (tree,) = (tmp_path / "src").iterdir()
    license_text = (tree / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    info = (tree / "PKG-INFO").read_text(encoding="utf-8")
    assert "License-Expression: Apache-2.0" in info and "License-File: LICENSE" in info
    for helper in ("conftest.py", "lint_helpers.py", "_claimkit.py"):
        assert (tree / "tests" / helper).is_file(), helper
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_lint_draft_rules.py",
            "tests/test_lint_fixtures.py",
            "tests/test_compare.py",
        ],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "[100%]" in proc.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import attribtrack; print(attribtrack.__file__)"],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip().startswith(str(tree))  # the tests ran the sdist's own code


# --- HTML drafts -----------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Bridge | City News</title>
<script>var teaser = "Officials said";</script></head>
<body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article>
<h1>Bridge to close</h1>
<p>Officials said the plant would close next year, and the works would cost more than planned.</p>
<p>&ldquo;We will rebuild,&rdquo; the mayor admitted on Tuesday in front of the council.</p>
<p>At least 42 people lost their homes in the &amp; floods of the spring, residents were told.</p>
</article><footer>Copyright 2024 City News</footer></body></html>
"""


def test_html_draft_positions_are_the_files(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(HTML, encoding="utf-8")
    code, out, err = run("check", "--format", "json", "--fail-on", "never", str(page))
    assert code == 0, err
    findings = json.loads(out)["findings"]
    lines = HTML.splitlines()
    words = {f["code"]: f for f in findings}
    assert {"AT103", "AT106"} <= set(words)
    for f in findings:
        assert f["line"] == f["end_line"]
        at = lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
        assert at, f
        if f["code"] == "AT103":
            assert (f["line"], at) == (7, "Officials")
        if f["code"] == "AT106":
            assert (f["line"], at) == (8, "admitted")
    code, text_out, _ = run("check", "--fail-on", "never", str(page))
    assert f"{page}:7:4: AT103" in text_out and f"{page}:8:45: AT106" in text_out


WORDS = ["the", "mayor", "said", "Officials", "bridge", "42", "council", "“We", "rebuild,”", "Tuesday."]


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=1, max_size=6),
    boilerplate=st.lists(st.sampled_from(WORDS), max_size=6),
)
def test_source_map_puts_every_main_text_word_on_its_place_in_the_file(paragraphs, boilerplate) -> None:
    from attribtrack.lint.htmlmap import source_map

    def markup(word: str) -> str:
        return word.replace("“", "&ldquo;").replace("”", "&#8221;")

    text = "\n\n".join(" ".join(p) for p in paragraphs)
    raw = (
        "<html><head><title>"
        + " ".join(boilerplate)
        + "</title></head><body>\n<nav>"
        + " ".join(boilerplate)
        + "</nav>\n"
        + "\n".join("<p>" + " <b></b>".join(markup(w) for w in p) + "</p>" for p in paragraphs)
        + "\n<footer>"
        + " ".join(boilerplate)
        + "</footer></body></html>\n"
    )
    located = source_map(text, raw)
    assert located is not None
    body = (raw.index("</nav>"), raw.index("<footer>"))  # the article, not the boilerplate
    pos = 0
    for p in paragraphs:
        for w in p:
            start = text.index(w, pos)
            pos = start + len(w)
            at = located.offset(start)
            assert html_unescape_prefix(raw, at).startswith(w), (w, raw[at : at + 20])
            assert body[0] < at < body[1]
            end = located.offset(pos, end=True)
            assert end > at


def html_unescape_prefix(raw: str, at: int) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]*>", "", raw[at : at + 80]))
