"""`attribtrack diff` and `blame` end to end, on the real extractor.

The revision pairs and the change types they must produce are in fixtures/revisions/expected.json;
every unified diff is applied with `patch` (and `git apply`) and must rebuild NEW exactly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribtrack.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED = json.loads((FIXTURES / "revisions" / "expected.json").read_text(encoding="utf-8"))["pairs"]
#: Change types about a claim's existence or wording; every other type is about attribution.
CLAIM_LEVEL = {"claim-added", "claim-removed", "claim-edited"}
#: Pairs whose expectations the extractor does not meet yet, and why.
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    # stdout_bytes: click's result.stdout turns \r\n into \n, and CRLF must survive here.
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


def fixture(rel: str) -> str:
    return str(FIXTURES / rel)


# --- identical inputs and exit codes ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["unified", "text"])
def test_identical_inputs_give_no_output(fmt: str) -> None:
    crocus = fixture("crocus.txt")
    assert run("diff", crocus, crocus, "--format", fmt) == (0, "", "")
    assert run("diff", crocus, crocus, "--format", fmt, "--exit-code") == (0, "", "")
    assert run("diff", crocus, crocus, "--word-diff", "--exit-code") == (0, "", "")


def test_identical_inputs_in_json_are_an_empty_diff() -> None:
    crocus = fixture("crocus.txt")
    code, out, _ = run("diff", crocus, crocus, "--format", "json", "--exit-code")
    data = json.loads(out)
    assert code == 0 and data["identical"] is True and data["changes"] == []


def test_exit_code_is_one_when_the_revisions_differ() -> None:
    old, new = fixture("crocus.txt"), fixture("crocus-rev2.txt")
    assert run("diff", old, new, "--exit-code")[0] == 1
    assert run("diff", old, new)[0] == 0


def test_usage_and_input_errors_are_one_line() -> None:
    code, out, err = run("diff", "-", "-")
    assert (code, out) == (2, "") and err.startswith("attribtrack: error: ") and err.count("\n") == 1
    code, out, err = run("diff", fixture("crocus.txt"), "no/such/file.txt")
    assert (code, out) == (3, "") and err.count("\n") == 1 and "no/such/file.txt" in err
    code, _, err = run("diff", fixture("crocus.txt"), fixture("crocus.txt"), "-U", "-1")
    assert code == 2


# --- unified ------------------------------------------------------------------------------------


def test_unified_names_the_attribution_change_in_the_summary_and_the_hunk_header() -> None:
    old, new = fixture("crocus.txt"), fixture("crocus-rev2.txt")
    code, out, _ = run("diff", old, new)
    assert code == 0
    lines = out.splitlines()
    first = lines.index(f"--- {old}")
    assert lines[first + 1] == f"+++ {new}"
    summary = lines[:first]
    assert all(line.startswith("# attribtrack: ") for line in summary)
    assert "# attribtrack: line 6: source-changed: intelligence sources -> U.S. officials" in summary
    hunk = next(line for line in lines if line.startswith("@@ -3,"))
    assert hunk.startswith("@@ -3,15 +3,17 @@ source-changed: intelligence sources -> U.S. officials")
    assert (
        "-The warning did not include specifics about the timing of the attack but said it could come "
        "within days, intelligence sources told the two newspapers."
    ) in lines
    # crocus.txt has no final newline: with enough context the last hunk reaches it
    _, out, _ = run("diff", old, new, "-U", "40")
    assert out.splitlines()[-2:] == [
        ' "Most candidates indicated a desire to avenge those killed in the the main motive '
        'for concluding a contract," a ministry statement said.',
        "\\ No newline at end of file",
    ]


def test_context_option() -> None:
    old, new = fixture("crocus.txt"), fixture("crocus-rev2.txt")
    _, out, _ = run("diff", old, new, "-U", "0")
    headers = [line.split(" @@")[0] + " @@" for line in out.splitlines() if line.startswith("@@")]
    assert headers == ["@@ -6,1 +6,1 @@", "@@ -11,0 +12,2 @@", "@@ -14,1 +16,1 @@"]
    _, out, _ = run("diff", old, new, "--unified", "1")
    assert [line[:18] for line in out.splitlines() if line.startswith("@@")] == [
        "@@ -5,3 +5,3 @@ so",
        "@@ -11,5 +11,7 @@ ",
    ]


def _pairs() -> list[tuple[str, str, str]]:
    cases = [(name, p["old"], p["new"]) for name, p in EXPECTED.items()]
    # and the other way round: text added back, a final newline appearing
    cases += [
        (f"{name}-reversed", p["new"], p["old"])
        for name, p in EXPECTED.items()
        if "crlf" in name or name == "crocus-rev2"
    ]
    return cases


@pytest.mark.skipif(
    shutil.which("patch") is None, reason="GNU patch is not installed (apt-get install patch)"
)
@pytest.mark.parametrize("context", [0, 1, 3])
@pytest.mark.parametrize(("name", "old", "new"), _pairs(), ids=[c[0] for c in _pairs()])
def test_unified_diff_applies_with_patch_and_git_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, old: str, new: str, context: int
) -> None:
    old_bytes, new_bytes = (FIXTURES / old).read_bytes(), (FIXTURES / new).read_bytes()
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "doc.txt").write_bytes(old_bytes)
    (tmp_path / "new" / "doc.txt").write_bytes(new_bytes)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", "old/doc.txt", "new/doc.txt", "-U", str(context))
    assert code == 0 and out.startswith("# attribtrack: old/doc.txt -> new/doc.txt")
    patch_file = tmp_path / "change.diff"
    patch_file.write_bytes(out.encode("utf-8"))

    work = tmp_path / "patch"
    work.mkdir()
    (work / "doc.txt").write_bytes(old_bytes)
    proc = subprocess.run(["patch", "-p1", "--no-backup-if-mismatch", "-i", str(patch_file)], cwd=work,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (work / "doc.txt").read_bytes() == new_bytes

    if context == 0:
        return  # git apply refuses context-free hunks without --unidiff-zero, and misapplies some with it
    repo = tmp_path / "git"
    repo.mkdir()
    (repo / "doc.txt").write_bytes(old_bytes)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    proc = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch_file)], cwd=repo,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (repo / "doc.txt").read_bytes() == new_bytes


def test_stdin_and_word_diff() -> None:
    new = fixture("crocus-rev2.txt")
    code, out, _ = run(
        "diff", "-", new, "--word-diff", input=(FIXTURES / "crocus.txt").read_text(encoding="utf-8")
    )
    assert code == 0
    assert "--- <stdin>" in out.splitlines()
    assert (
        "The warning did not include specifics about the timing of the attack but said it could come within "
        "days, [-intelligence sources-]{+U.S. officials+} told the two newspapers."
    ) in out.splitlines()
    assert "{+Peskov declined to say on April 4" in out


# --- change types on the fixtures ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_changes_are_named(name: str) -> None:
    pair = EXPECTED[name]
    code, out, _ = run("diff", fixture(pair["old"]), fixture(pair["new"]), "--format", "json")
    assert code == 0
    data = json.loads(out)
    got = [(c["type"], c["detail"]) for c in data["changes"]]
    expected = [tuple(x) for x in pair["changes"]]
    # Every attribution change exactly, in order; claim-level changes at least those listed.
    assert [t for t, _ in got if t not in CLAIM_LEVEL] == [t for t, _ in expected if t not in CLAIM_LEVEL]
    it = iter(got)
    for kind, words in expected:
        assert any(t == kind and words in detail for t, detail in it), f"{kind} ({words}) not found in {got}"
    assert sum(1 for m in data["alignment"] if m["status"] == "moved") == pair["moved"]


def test_json_changes_carry_claims_in_the_claims_contract_shape() -> None:
    code, out, _ = run("diff", fixture("crocus.txt"), fixture("crocus-rev2.txt"), "--format", "json")
    data = json.loads(out)
    assert data["schema"] == "attribtrack.diff/1"
    change = next(c for c in data["changes"] if c["type"] == "source-changed")
    claim_keys = {
        "id",
        "kind",
        "span",
        "text",
        "content",
        "cue",
        "source",
        "via",
        "confirmed_by",
        "hedges",
        "date",
    }
    assert set(change["old_claim"]) == set(change["new_claim"]) == claim_keys
    assert change["old_claim"]["source"]["mention"] == "intelligence sources"
    assert change["new_claim"]["source"]["mention"] == "U.S. officials"
    old_text = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")
    s, e = change["old_claim"]["source"]["span"]
    assert old_text[s:e] == "intelligence sources"
    assert [(op["op"], op["text"]) for op in change["ops"]] == [
        ("delete", "intelligence sources"),
        ("insert", "U.S. officials"),
    ]
    assert out == run("diff", fixture("crocus.txt"), fixture("crocus-rev2.txt"), "--format", "json")[1]


# --- text -----------------------------------------------------------------------------------------


def test_text_format_without_a_terminal_marks_words_and_closes_with_a_table() -> None:
    code, out, _ = run("diff", fixture("crocus.txt"), fixture("crocus-rev2.txt"), "--format", "text")
    assert code == 0
    assert "\x1b[" not in out  # no colour off a terminal
    lines = out.splitlines()
    i = lines.index("@@ line 6 @@")
    assert lines[i + 1].endswith("days, [-intelligence sources-]{+U.S. officials+} told the two newspapers.")
    assert lines[i + 2] == "  => source-changed: intelligence sources -> U.S. officials"
    table = [line.rstrip() for line in lines[[line.strip() for line in lines].index("Attribution changes") :]]
    assert any("source-changed" in row and "intelligence sources -> U.S. officials" in row for row in table)


def test_text_format_colours_words_on_a_terminal() -> None:
    from rich.console import Console

    from attribtrack.compare import diff
    from attribtrack.render.diff_text import render_text

    rd = diff(
        (FIXTURES / "crocus.txt").read_text(encoding="utf-8"),
        (FIXTURES / "crocus-rev2.txt").read_text(encoding="utf-8"),
    )
    console = Console(force_terminal=True, color_system="standard", width=100, record=True)
    with console.capture() as capture:
        render_text(rd, console)
    out = capture.get()
    assert "\x1b[" in out and "[-intelligence" not in out
    assert "intelligence sources" in out and "U.S. officials" in out


# --- html -------------------------------------------------------------------------------------------


def test_html_is_one_escaped_page() -> None:
    code, out, _ = run(
        "diff",
        fixture("revisions/injection.txt"),
        fixture("revisions/injection-rev2.txt"),
        "--format",
        "html",
    )
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.endswith("</html>\n")
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in out
    assert "&lt;b&gt;unsafe&lt;/b&gt; &amp; &quot;rotten&quot;" in out
    assert "http://" not in out and "https://" not in out and " src=" not in out.replace("src=x", "")


def _chromium_dom(page: Path) -> str:
    assert CHROMIUM is not None
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_html_renders_in_chromium_and_runs_nothing(tmp_path: Path) -> None:
    code, out, _ = run(
        "diff",
        fixture("revisions/injection.txt"),
        fixture("revisions/injection-rev2.txt"),
        "--format",
        "html",
    )
    page = tmp_path / "diff.html"
    page.write_text(out, encoding="utf-8")
    dom = _chromium_dom(page)
    # It rendered: the page's own structure is in the DOM, with the verdict and the inserted words.
    assert "<h1>attribtrack diff:" in dom and '<span class="type">cue-changed</span>' in dom
    assert "<del>said</del><ins>admitted</ins>" in dom
    # Nothing from the article became markup, so nothing ran.
    assert (
        "<script" not in dom
        and "<img" not in dom
        and "data-pwned=" not in dom.replace("data-pwned&#x27;", "").replace("'data-pwned'", "")
    )
    assert "<title>attribtrack diff:" in dom
    assert "&lt;script&gt;document.title='pwned'" in dom


# --- stored revisions and blame -------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = str(tmp_path / "store.db")
    code, _, err = run(
        "--store", path, "ingest", fixture("crocus.txt"), fixture("crocus-rev2.txt"), "--doc", "crocus"
    )
    assert code == 0, err
    return path


def test_diff_of_stored_revisions(store: str) -> None:
    code, out, _ = run("--store", store, "diff", "crocus@1", "crocus@2", "--exit-code")
    assert code == 1
    assert "--- crocus@1\n+++ crocus@2\n" in out
    code, out, _ = run("--store", store, "diff", "crocus@1", "crocus", "--format", "json")
    data = json.loads(out)
    assert (data["old"]["document"], data["old"]["revision"], data["new"]["revision"]) == ("crocus", 1, 2)
    assert run("--store", store, "diff", "crocus@1", "crocus@7")[0] == 3


def test_blame(store: str) -> None:
    code, out, _ = run("--store", store, "blame", "crocus", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["schema"], data["document"], data["revision"]) == ("attribtrack.blame/1", "crocus", 2)
    by_mention = {
        c["claim"]["source"]["mention"] if c["claim"]["source"] else None: c for c in data["claims"]
    }
    officials = next(
        c for c in data["claims"] if c["claim"]["text"].startswith("The warning did not include")
    )
    assert officials["introduced"] == 1
    assert [(e["revision"], e["type"]) for e in officials["changes"]] == [(2, "source-changed")]
    added = [c for c in data["claims"] if c["claim"]["text"].startswith("Peskov declined")]
    assert added and all(c["introduced"] == 2 and c["changes"] == [] for c in added)
    # Stable ids: revision 1's claims keep their ids; the new ones take the next free numbers.
    _, first, _ = run("--store", store, "claims", "crocus@1", "--format", "json")
    peskov = next(
        c for c in json.loads(first)["claims"] if c["text"].startswith("Kremlin spokesman Dmitry Peskov")
    )
    assert by_mention["Kremlin spokesman Dmitry Peskov"]["stable"] == peskov["id"]
    assert sorted(c["stable"] for c in added) == [
        f"c{len(data['claims']) - len(added) + k + 1}" for k in range(len(added))
    ]

    code, out, _ = run("--store", store, "blame", "crocus")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"crocus@2: {len(data['claims'])} claims"
    i = next(k for k, line in enumerate(lines) if "The warning did not include" in line)
    assert lines[i].startswith(f"{officials['id']:<5} @1   line 6    ")
    assert lines[i + 1] == "        @2   source-changed: intelligence sources -> U.S. officials"

    code, out, _ = run("--store", store, "blame", "crocus@1", "--format", "json")
    assert json.loads(out)["revision"] == 1 and all(c["changes"] == [] for c in json.loads(out)["claims"])


def test_blame_of_an_unknown_document(store: str) -> None:
    code, out, err = run("--store", store, "blame", "nosuch")
    assert (code, out) == (3, "") and err.count("\n") == 1


def test_a_moved_paragraph_is_named_where_it_went_and_where_it_came_from() -> None:
    code, out, _ = run(
        "diff", fixture("crocus.txt"), fixture("revisions/crocus-move-paragraph.txt"), "-U", "1"
    )
    assert code == 0
    headers = [line for line in out.splitlines() if line.startswith("@@")]
    what = "Sergei Naryshkin, head of Russia's SVR foreign-intelligence…"
    assert headers == [
        f"@@ -7,2 +7,4 @@ moved from old line 22: {what}",
        f"@@ -20,4 +22,2 @@ moved to line 8: {what}",
    ]
    assert out.splitlines()[0].endswith(": 0 changes (1 moved claim)")
    _, text, _ = run(
        "diff", fixture("crocus.txt"), fixture("revisions/crocus-move-paragraph.txt"), "--format", "text"
    )
    assert f"  => moved from old line 22: {what}" in text.splitlines()


lines_st = st.lists(
    st.sampled_from(["Peskov said.", "", "a", "b b", "\u201cquote\u201d", "x\r", "\u00e9t\u00e9"]), max_size=8
)


@pytest.mark.skipif(
    shutil.which("patch") is None, reason="GNU patch is not installed (apt-get install patch)"
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=lines_st, new=lines_st, old_end=st.booleans(), new_end=st.booleans(), context=st.integers(0, 3))
def test_any_unified_diff_rebuilds_new_with_patch(
    tmp_path: Path, old: list[str], new: list[str], old_end: bool, new_end: bool, context: int
) -> None:
    from attribtrack.compare import diff
    from attribtrack.models import Claims, DocumentRef
    from attribtrack.render.diff_unified import render_unified

    old_text = "\n".join(old) + ("\n" if old_end and old else "")
    new_text = "\n".join(new) + ("\n" if new_end and new else "")
    none = Claims(document=DocumentRef(sha256="0" * 64))
    rd = diff(
        old_text, new_text, old_label="a/doc.txt", new_label="b/doc.txt", old_claims=none, new_claims=none
    )
    out = render_unified(rd, context=context)
    assert (out == "") == (old_text == new_text)
    work = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis reuses tmp_path for every example
    (work / "doc.txt").write_bytes(old_text.encode("utf-8"))
    (work / "p.diff").write_bytes(out.encode("utf-8"))
    if out:
        proc = subprocess.run(["patch", "-p1", "-s", "--no-backup-if-mismatch", "-i", "p.diff"], cwd=work,
                              capture_output=True, text=True)  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (work / "doc.txt").read_bytes() == new_text.encode("utf-8")


def test_output_is_the_same_bytes_every_time() -> None:
    args = (fixture("revisions/harbor.txt"), fixture("revisions/harbor-rev2.txt"))
    for fmt in ("unified", "text", "json", "html"):
        first = run("diff", *args, "--format", fmt)
        assert first[1] and run("diff", *args, "--format", fmt) == first


def test_context_reaches_the_edges_of_a_hard_wrapped_paragraph(tmp_path: Path) -> None:
    para = ["The warning did not include", "specifics about the timing,", "intelligence sources told",
            "the two newspapers on Tuesday,", "adding that it was credible."]  # fmt: skip
    old = "Title\n\n" + "\n".join(para) + "\n\nLast line.\n"
    new = old.replace("intelligence sources told", "U.S. officials told")
    (tmp_path / "old.md").write_text(old, encoding="utf-8")
    (tmp_path / "new.md").write_text(new, encoding="utf-8")
    code, out, _ = run("diff", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "-U", "1")
    body = out[out.index("@@") :].splitlines()
    assert body[0].startswith("@@ -3,5 +3,5 @@ ")  # the whole paragraph, not 1 line either side
    assert body[1:] == [" " + p if p != "intelligence sources told" else "-" + p for p in para][:3] + [
        "+U.S. officials told", " the two newspapers on Tuesday,", " adding that it was credible.",
    ]  # fmt: skip
    code, out, _ = run("diff", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "-U", "0")
    assert [line for line in out.splitlines() if line.startswith("@@")][0].startswith("@@ -5,1 +5,1 @@")
