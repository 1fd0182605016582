"""Findings rendered for people and for the tools CI systems run.

``text`` (``path:line:col: CODE [severity] message``, the sentence with the span marked, a
summary), ``json`` (``attribtrack.findings/1``), ``sarif`` (2.1.0), ``github`` (workflow
commands) and ``junit`` (one testcase per draft and rule). Every renderer takes the reports of
one run and returns a string; same reports, same bytes. Line and column are 1-based, columns
count Unicode code points, and end columns are exclusive (the character after the span).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from attribtrack.lint.rules import Rule
from attribtrack.lint.run import DraftReport
from attribtrack.plain import Finding

__all__ = [
    "FORMATS",
    "LineIndex",
    "render",
    "render_github",
    "render_json",
    "render_junit",
    "render_sarif",
    "render_text",
]

FINDINGS_SCHEMA = "attribtrack.findings/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
#: GitHub shows at most this many annotations of each kind (error, warning, notice) per step.
GITHUB_LIMIT = 10


class LineIndex:
    """Offsets -> (line, column), both 1-based; column counts code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end]


def _ordered(reports: Sequence[DraftReport]) -> list[tuple[DraftReport, Finding]]:
    pairs = [(r, f) for r in reports for f in r.findings]
    return sorted(pairs, key=lambda p: (p[1].path or p[0].path, p[1].span, p[1].code, p[1].message))


class _Positions:
    def __init__(self) -> None:
        self._cache: dict[int, LineIndex] = {}

    def __call__(self, report: DraftReport, finding: Finding) -> tuple[int, int, int, int]:
        """Line and column of the span; for an HTML file, of the file (``report.located``)."""
        located = report.located
        if id(report) not in self._cache:
            self._cache[id(report)] = LineIndex(located.raw if located is not None else report.text)
        index = self._cache[id(report)]
        start, end = finding.span
        if located is not None:
            start, end = located.offset(start), located.offset(end, end=True)
            end = max(start, end)
        line, col = index.position(start)
        end_line, end_col = index.position(end)
        return line, col, end_line, end_col

    def index(self, report: DraftReport) -> LineIndex:
        return self._cache.setdefault(id(report), LineIndex(report.text))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _summary(reports: Sequence[DraftReport]) -> str:
    counts = Counter(f.severity for r in reports for f in r.findings)
    total = sum(counts.values())
    drafts = _plural(len(reports), "draft")
    parts = [
        f"{counts[s]} {s if s == 'info' or counts[s] == 1 else s + 's'}"
        for s in ("error", "warning", "info")
        if counts[s]
    ]
    line = (
        f"{_plural(total, 'finding')} ({', '.join(parts)}) in {drafts}"
        if total
        else f"No findings in {drafts}"
    )
    unreadable = sum(1 for r in reports if r.error)
    if unreadable:
        line += f"; {_plural(unreadable, 'draft')} could not be checked"
    return line + "."


# --- text ------------------------------------------------------------------------------------

_CONTEXT = 60
#: a draft's sentence spans, their starts and their ends
_Sentences = tuple[tuple[tuple[int, int], ...], list[int], list[int]]


def _window(before: str, inside: str, after: str, width: int) -> tuple[str, str, str]:
    """Cut the sentence to ``width`` characters around the span: the span first (folded with
    '…' when it alone is too long), then context shared out before and after it."""
    if len(inside) >= width:
        return "", inside[: max(1, width - 1)] + "…", ""
    room = width - len(inside)
    want_before = min(len(before), max(room // 2, room - len(after)))
    want_after = min(len(after), room - want_before)
    if want_before < len(before):
        before = "…" + before[len(before) - want_before + 1 :] if want_before > 0 else ""
    if want_after < len(after):
        after = after[: want_after - 1] + "…" if want_after > 0 else ""
    return before, inside, after


def _marked_sentence(
    report: DraftReport,
    finding: Finding,
    sentences: Callable[[], _Sentences],
    width: int | None = None,
) -> list[str]:
    """The sentence around the span on one line, and a caret line under the span. With a
    ``width`` (the terminal's), both lines fit in it."""
    text = report.text
    start, end = finding.span
    s_start, s_end = start, max(end, start)
    spans, starts, ends = sentences()
    # sentences are in order and do not overlap: only those from the first ending at or after the
    # span's start to the last starting at or before its end can hold it (a scan of all of them
    # per finding made many findings quadratic)
    lo, hi = bisect_left(ends, start), bisect_right(starts, end)
    for a, b in spans[lo:hi]:
        if a <= start < b or (a <= start and start == b):
            s_start = a
        if a < end <= b:
            s_end = b
            break
    s_start = min(s_start, start)
    before = " ".join(text[s_start:start].split("\n"))
    inside = " ".join(text[start:end].split("\n"))
    after = " ".join(text[end : max(s_end, end)].split("\n"))
    if width is not None:
        before, inside, after = _window(before, inside, after, max(8, width - len(_INDENT)))
    else:
        if len(before) > _CONTEXT:
            before = "…" + before[-_CONTEXT:]
        if len(after) > _CONTEXT:
            after = after[:_CONTEXT] + "…"
        if len(inside) > 2 * _CONTEXT:
            inside = inside[: 2 * _CONTEXT] + "…"
    if not (before + inside + after).strip():
        return []
    return [
        f"{_INDENT}{before}{inside}{after}".rstrip(),
        _INDENT + " " * len(before) + "^" * max(1, len(inside)),
    ]


_INDENT = "    "


def render_text(
    reports: Sequence[DraftReport], rules: Sequence[Rule] = (), *, width: int | None = None
) -> str:
    """``width``: the terminal's columns; snippets are cut to fit (None: a fixed context)."""
    from attribtrack.lint.markdown import is_markdown, mask
    from attribtrack.lint.text import sentences

    positions = _Positions()
    sentence_cache: dict[int, _Sentences] = {}

    def sentences_of(report: DraftReport) -> Callable[[], _Sentences]:
        def get() -> _Sentences:
            if id(report) not in sentence_cache:
                prose = mask(report.text, markdown=is_markdown(report.path)).prose
                spans = sentences(prose)
                sentence_cache[id(report)] = (spans, [a for a, _ in spans], [b for _, b in spans])
            return sentence_cache[id(report)]

        return get

    lines: list[str] = []
    for report, finding in _ordered(reports):
        line, col, _, _ = positions(report, finding)
        where = f"{finding.path or report.path}:{line}:{col}"
        lines.append(f"{where}: {finding.code} [{finding.severity}] {finding.message}")
        lines.extend(_marked_sentence(report, finding, sentences_of(report), width))
    lines.append(_summary(reports))
    return "\n".join(lines) + "\n"


# --- json ------------------------------------------------------------------------------------


def render_json(reports: Sequence[DraftReport], rules: Sequence[Rule] = ()) -> str:
    positions = _Positions()
    findings = []
    for report, finding in _ordered(reports):
        line, col, end_line, end_col = positions(report, finding)
        findings.append(
            {
                "code": finding.code,
                "name": finding.name,
                "severity": finding.severity,
                "message": finding.message,
                "path": finding.path or report.path,
                "span": list(finding.span),
                "line": line,
                "column": col,
                "end_line": end_line,
                "end_column": end_col,
                "claim": finding.claim,
            }
        )
    return (
        json.dumps(
            {"schema": FINDINGS_SCHEMA, "findings": findings}, sort_keys=True, ensure_ascii=False, indent=2
        )
        + "\n"
    )


# --- sarif -----------------------------------------------------------------------------------


def _uri(path: str) -> tuple[str, bool]:
    """(uri, relative?) of a path for SARIF's artifactLocation."""
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/"), False
    return quote(posix, safe="/@"), True


class _Fingerprints:
    """Per draft, the fingerprints of its findings (attribtrack.lint.fingerprint): stable across
    line moves and the directory check ran from."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str], dict[int, str]] = {}

    def __call__(self, report: DraftReport, finding: Finding) -> str:
        from attribtrack.lint.fingerprint import fingerprints

        path = finding.path or report.path
        key = (id(report), path)
        if key not in self._cache:
            mine = sorted(
                (f for f in report.findings if (f.path or report.path) == path),
                key=lambda f: (f.span, f.code, f.message),
            )
            self._cache[key] = {
                id(f): p for f, p in zip(mine, fingerprints(report.text, mine, path), strict=True)
            }
        return self._cache[key][id(finding)]


def _rule_metadata(rule: Rule) -> dict[str, Any]:
    from attribtrack.lint.docs import rule_url

    summary = rule.summary()
    description = rule.description()
    examples = "".join(f"\n- fires: {e.text!r}" for e in rule.fires) + "".join(
        f"\n- quiet: {e.text!r}" for e in rule.passes
    )
    help_text = f"{summary}\n\n{description}".strip() + ("\n\nExamples:" + examples if examples else "")
    md_examples = "".join(f"\n- fires: `{' '.join(e.text.split())}`" for e in rule.fires) + "".join(
        f"\n- quiet: `{' '.join(e.text.split())}`" for e in rule.passes
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": description or summary},
        "help": {
            "text": help_text,
            "markdown": f"**{rule.code} {rule.name}** ({rule.severity}): {summary}\n\n{description}"
            + ("\n\nExamples:" + md_examples if md_examples else ""),
        },
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": {"tags": ["attribution", rule.code[:3] + "xx"]},
    }


def render_sarif(reports: Sequence[DraftReport], rules: Sequence[Rule]) -> str:
    from attribtrack import __version__
    from attribtrack.lint.fingerprint import repo_path

    positions = _Positions()
    index = {r.code: i for i, r in enumerate(rules)}
    prints = _Fingerprints()
    results = []
    for report, finding in _ordered(reports):
        line, col, end_line, end_col = positions(report, finding)
        uri, relative = _uri(repo_path(finding.path or report.path))
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        region: dict[str, Any] = {
            "startLine": line,
            "startColumn": col,
            "endLine": end_line,
            "endColumn": end_col,
            "charOffset": finding.span[0],
            "charLength": finding.span[1] - finding.span[0],
        }
        snippet = report.text[finding.span[0] : finding.span[1]]
        if snippet:
            region["snippet"] = {"text": snippet}
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
            "partialFingerprints": {"attribtrack/v1": prints(report, finding)},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        if finding.claim:
            result["properties"] = {"claim": finding.claim}
        results.append(result)
    notifications = []
    for report in reports:
        if report.error:
            uri, relative = _uri(repo_path(report.path))
            artifact = {"uri": uri, **({"uriBaseId": "%SRCROOT%"} if relative else {})}
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": report.error},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                }
            )
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "attribtrack",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/attribtrack/",
                        "rules": [_rule_metadata(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {
                    "%SRCROOT%": {
                        "description": {
                            "text": "The root of the git work tree holding the drafts "
                            "(for drafts outside one, the directory attribtrack ran in)."
                        }
                    }
                },
                "invocations": [invocation],
                "results": results,
            }
        ],
    }
    return json.dumps(log, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


# --- github ----------------------------------------------------------------------------------


def escape_data(value: str) -> str:
    """Workflow-command message escaping (as @actions/core does): %, CR, LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Workflow-command property escaping: as data, plus ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[DraftReport], rules: Sequence[Rule] = ()) -> str:
    """Annotations, at most GITHUB_LIMIT per kind; the rest as log lines and one summary notice."""
    positions = _Positions()
    annotations: list[tuple[str, str, str]] = []  # (kind, workflow command, plain log line)
    for report in reports:
        if report.error:
            command = (
                f"::error file={escape_property(report.path)},title=attribtrack::{escape_data(report.error)}"
            )
            annotations.append(("error", command, f"{report.path}: error: {report.error}"))
    for report, finding in _ordered(reports):
        line, col, end_line, end_col = positions(report, finding)
        kind = GITHUB_COMMAND[finding.severity]
        path = finding.path or report.path
        props = [f"file={escape_property(path)}", f"line={line}", f"col={col}", f"endLine={end_line}"]
        if end_line == line:
            props.append(f"endColumn={end_col}")
        props.append(f"title={escape_property(f'{finding.code} {finding.name}')}")
        plain = f"{path}:{line}:{col}: {finding.code} [{finding.severity}] {finding.message}"
        annotations.append((kind, f"::{kind} {','.join(props)}::{escape_data(finding.message)}", plain))
    counts = Counter(kind for kind, _, _ in annotations)
    overflow = any(n > GITHUB_LIMIT for n in counts.values())
    # When anything overflows, one notice is kept for the summary.
    budget = {"error": GITHUB_LIMIT, "warning": GITHUB_LIMIT, "notice": GITHUB_LIMIT - overflow}
    out: list[str] = []
    hidden: list[tuple[str, str]] = []
    used: Counter[str] = Counter()
    for kind, command, plain in annotations:
        if used[kind] < budget[kind]:
            used[kind] += 1
            out.append(command)
        else:
            hidden.append((kind, plain))
    if hidden:
        out.append(
            f"attribtrack: {len(hidden)} more findings, beyond the {GITHUB_LIMIT} annotations of each kind "
            "GitHub shows per step:"
        )
        out.extend(f"  {plain}" for _, plain in hidden)
        per_kind = Counter(kind for kind, _ in hidden)
        detail = ", ".join(
            f"{per_kind[k]} {k}{'s' if per_kind[k] != 1 else ''}"
            for k in ("error", "warning", "notice")
            if per_kind[k]
        )
        summary = (
            f"{len(hidden)} more findings not shown as annotations ({detail}); "
            "see the job log or use --format sarif."
        )
        out.append(f"::notice title=attribtrack::{escape_data(summary)}")
    out.append(_summary(reports))
    return "\n".join(out) + "\n"


# --- junit -----------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(value: str) -> str:
    return _XML_INVALID.sub("\ufffd", value)


def render_junit(reports: Sequence[DraftReport], rules: Sequence[Rule]) -> str:
    """One testsuite per draft, one testcase per rule that ran on it; findings at or above the
    draft's fail-on are failures, the others are listed in the testcase's system-out."""
    import xml.etree.ElementTree as ET

    positions = _Positions()
    root = ET.Element("testsuites", name="attribtrack check")
    totals = Counter[str]()
    for report in sorted(reports, key=lambda r: r.path):
        suite = ET.SubElement(root, "testsuite", name=_x(report.path))
        tests = failures = errors = 0
        if report.error:
            case = ET.SubElement(
                suite, "testcase", classname=_x(report.path), name="read draft", file=_x(report.path)
            )
            ET.SubElement(case, "error", message=_x(report.error), type="unreadable").text = _x(report.error)
            tests, errors = 1, 1
        else:
            failing = set(report.failing)
            for rule in rules:
                if rule.code not in report.rules:
                    continue
                tests += 1
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=_x(report.path),
                    name=f"{rule.code} {rule.name}",
                    file=_x(report.path),
                )
                mine = [f for f in report.findings if f.code == rule.code]
                lines = []
                for f in mine:
                    line, col, _, _ = positions(report, f)
                    lines.append(f"{report.path}:{line}:{col}: {f.code} [{f.severity}] {f.message}")
                bad = [f for f in mine if f in failing]
                if bad:
                    failures += 1
                    failure = ET.SubElement(
                        case,
                        "failure",
                        type=rule.code,
                        message=_x(f"{_plural(len(bad), 'finding')} at or above {report.fail_on}"),
                    )
                    failure.text = _x("\n".join(lines))
                elif lines:
                    ET.SubElement(case, "system-out").text = _x("\n".join(lines))
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        totals.update(tests=tests, failures=failures, errors=errors)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATS: dict[str, Callable[[Sequence[DraftReport], Sequence[Rule]], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
}


def render(
    fmt: str, reports: Sequence[DraftReport], rules: Sequence[Rule], *, width: int | None = None
) -> str:
    if fmt == "text":
        return render_text(reports, rules, width=width)
    return FORMATS[fmt](reports, rules)
