"""The registry and the rules' own examples: documentation that cannot drift from behaviour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from attribtrack.lint import check
from attribtrack.lint.docs import main as docs_main
from attribtrack.lint.registry import RULES
from attribtrack.lint.rules import Example, Rule

README = Path(__file__).resolve().parents[1] / "README.md"


def test_codes_are_unique_sorted_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert codes == sorted(set(codes))
    assert all(re.fullmatch(r"AT[1-9]\d\d", c) for c in codes)
    assert {
        "AT101",
        "AT102",
        "AT103",
        "AT104",
        "AT105",
        "AT106",
        "AT301",
        "AT302",
        "AT303",
        "AT304",
        "AT305",
        "AT306",
    } <= set(codes)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_is_documented_with_examples(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
    assert rule.severity in ("error", "warning", "info")
    assert rule.summary(), f"{rule.code} has no docstring"
    assert rule.fires, f"{rule.code} has no must-fire example"
    assert rule.passes, f"{rule.code} has no must-not-fire example"
    for example in (*rule.fires, *rule.passes):
        assert (example.baseline is not None) == rule.needs_baseline


def test_names_are_unique() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


def test_readme_rule_table_is_generated_from_the_registry() -> None:
    assert docs_main(["--check", str(README)]) == 0, "README is stale: run python -m attribtrack.lint.docs"


def test_docs_check_notices_a_stale_table(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text("# x\n<!-- rules:start -->\nold\n<!-- rules:end -->\n", encoding="utf-8")
    assert docs_main(["--check", str(stale)]) == 1
    assert docs_main([str(stale)]) == 0
    assert docs_main(["--check", str(stale)]) == 0
    assert '| <a id="at101"></a>AT101 | quote-without-source | error |' in stale.read_text(encoding="utf-8")


# --- the examples, run through the real extractor (and comparison, for AT3xx) ---------------


def _run(rule: Rule, example: Example) -> list[str]:
    findings = check(example.text, example.baseline, dict(example.config), rules=(rule,), **example.options)
    return [f.code for f in findings]


EXAMPLES = [(r, e, True) for r in RULES for e in r.fires] + [(r, e, False) for r in RULES for e in r.passes]


@pytest.mark.parametrize(
    ("rule", "example", "must_fire"),
    EXAMPLES,
    ids=[f"{r.code}-{'fires' if f else 'passes'}-{i}" for i, (r, _, f) in enumerate(EXAMPLES)],
)
def test_rule_examples(rule: Rule, example: Example, must_fire: bool) -> None:
    pytest.importorskip("attribtrack.extractor.pipeline", reason="the extractor has not landed yet")
    found = _run(rule, example)
    if must_fire:
        assert rule.code in found, f"{rule.code} did not fire on {example.text!r}"
    else:
        assert rule.code not in found, f"{rule.code} fired on {example.text!r}"
