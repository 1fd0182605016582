"""The rule catalogue as documentation: the ``rules`` command's output and the README table.

``python -m attribtrack.lint.docs`` rewrites the README between ``<!-- rules:start -->`` and
``<!-- rules:end -->``; ``--check`` only reports (exit 1) when the README is stale.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from attribtrack.lint.rules import Rule

__all__ = ["README_END", "README_START", "readme_region", "rules_json", "rules_table", "update_readme"]

README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_table(rules: Sequence[Rule]) -> str:
    """Aligned plain-text columns: code, name, severity, summary."""
    rows = [("code", "name", "default", "fires when")] + [
        (r.code, r.name, r.severity, r.summary()) for r in rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}".rstrip() + "\n"
        for row in rows
    )


def rules_json(rules: Sequence[Rule]) -> str:
    data = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity,
            "summary": r.summary(),
            "description": r.description(),
            "needs_baseline": r.needs_baseline,
            "fires": [{"text": e.text, "baseline": e.baseline} for e in r.fires],
            "passes": [{"text": e.text, "baseline": e.baseline} for e in r.passes],
        }
        for r in rules
    ]
    return (
        json.dumps(
            {"schema": "attribtrack.rules/1", "rules": data}, indent=2, sort_keys=True, ensure_ascii=False
        )
        + "\n"
    )


#: Where the published rule documentation lives: the README's rule table, one anchor per rule.
README_URL = "https://github.com/attribtrack/attribtrack/blob/main/README.md"


def rule_anchor(code: str) -> str:
    """The README anchor of a rule (``at101``); the rule table sets it on the code cell."""
    return code.lower()


def rule_url(code: str) -> str:
    """The rule's documentation address (SARIF ``helpUri``, LSP ``codeDescription``)."""
    return f"{README_URL}#{rule_anchor(code)}"


def readme_region(rules: Sequence[Rule]) -> str:
    """The Markdown between the README markers (markers excluded)."""
    lines = [
        "`attribtrack rules` prints this table; `attribtrack rules --format json` adds each rule's",
        "documentation and examples. Select or ignore rules by code prefix (`--select AT1`,",
        '`ignore = ["AT104"]`); AT3xx rules run only with `--against`.',
        "",
        "| code | name | default | fires when |",
        "|---|---|---|---|",
    ]
    lines += [
        f'| <a id="{rule_anchor(r.code)}"></a>{r.code} | {r.name} | {r.severity} | {_cell(r.summary())} |'
        for r in rules
    ]
    lines += [
        "",
        "Suppress in a draft with `<!-- attribtrack: disable AT103 -->` …",
        "`<!-- attribtrack: enable AT103 -->` or `<!-- attribtrack: disable-next-line AT101 -->`.",
        "Configure in `[tool.attribtrack]` of `pyproject.toml` or in `.attribtrack.toml` (found",
        "upward from the draft; there the keys stand at the top level, or the block below is",
        "pasted as it is):",
        "",
        "```toml",
        "[tool.attribtrack]",
        'select = ["AT1", "AT3"]           # code prefixes to run (default: all)',
        'ignore = ["AT104"]',
        'fail-on = "warning"               # error (default) | warning | info | never',
        'severity = { AT103 = "warning" }  # or "off"',
        'per-path-ignores = { "opinion/*.md" = ["AT106"] }',
        'style = { neutral-cues = ["claimed"], loaded-cues = ["opined"], titles = ["Chief Rabbi"] }',
        'outlets = { "Kyiv Post" = ["the Kyiv Post", "kyivpost.com"] }',
        "```",
    ]
    return "\n".join(lines)


def update_readme(readme: Path, rules: Sequence[Rule]) -> tuple[str, str]:
    """(current, regenerated) README text."""
    current = readme.read_text(encoding="utf-8")
    start = current.index(README_START) + len(README_START)
    end = current.index(README_END)
    return current, current[:start] + "\n" + readme_region(rules) + "\n" + current[end:]


def main(argv: Sequence[str] | None = None) -> int:
    from attribtrack.lint.registry import RULES

    args = list(sys.argv[1:] if argv is None else argv)
    check_only = "--check" in args
    paths = [a for a in args if a != "--check"]
    readme = Path(paths[0]) if paths else Path(__file__).resolve().parents[2] / "README.md"
    current, new = update_readme(readme, RULES)
    if current == new:
        return 0
    if check_only:
        sys.stderr.write(f"{readme}: the rules table is stale; run python -m attribtrack.lint.docs\n")
        return 1
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
