"""Terminal output fits the terminal: `diff --format text` wraps at word boundaries at any width,
and `check` snippets are a window around the finding with the caret under it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

import attribtrack
from attribtrack.lint.registry import RULES
from attribtrack.lint.run import check_drafts
from attribtrack.render.diff_text import render_text
from attribtrack.render.findings import render_text as render_findings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("width", [24, 40, 57, 80, 133])
def test_diff_text_wraps_at_word_boundaries(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    old = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")
    new = (FIXTURES / "crocus-rev2.txt").read_text(encoding="utf-8")
    rd = attribtrack.diff(old, new)
    wide, narrow = io.StringIO(), io.StringIO()
    render_text(rd, Console(file=wide, width=10_000, force_terminal=True, color_system=None))
    render_text(rd, Console(file=narrow, width=width, force_terminal=True, color_system=None))
    before_table = narrow.getvalue().split("Attribution changes")[0]
    assert all(len(line) <= width for line in before_table.splitlines())
    # The same words in the same order: nothing was broken inside a word ("Ort/iz").
    assert words(before_table) == words(wide.getvalue().split("Attribution changes")[0])


def test_diff_text_through_a_pipe_keeps_paragraph_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    old = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")
    new = (FIXTURES / "crocus-rev2.txt").read_text(encoding="utf-8")
    out = io.StringIO()
    render_text(attribtrack.diff(old, new), Console(file=out, width=40, color_system=None))
    assert any(len(line) > 40 for line in out.getvalue().splitlines())


LONG = (
    "After a long morning of meetings in the council chamber and a tour of the flooded streets "
    "of the old town on Tuesday, the mayor admitted that the repairs to the bridge over the river "
    "would take until the end of next year and cost far more than planned.\n"
)


@pytest.mark.parametrize("width", [30, 50, 80, 120])
def test_check_snippets_fit_the_width_with_the_caret_under_the_span(tmp_path: Path, width: int) -> None:
    draft = tmp_path / "long.md"
    draft.write_text(LONG, encoding="utf-8")
    (report,) = check_drafts([str(draft)], select=("AT106",))
    out = render_findings([report], RULES, width=width).splitlines()
    snippet, caret = out[1], out[2]
    assert len(snippet) <= width and len(caret) <= width
    start = caret.index("^")
    assert snippet[start : start + caret.count("^")] == "admitted"
    assert re.fullmatch(r" *\^+", caret)


def test_check_snippet_without_a_width_keeps_the_fixed_context(tmp_path: Path) -> None:
    draft = tmp_path / "long.md"
    draft.write_text(LONG, encoding="utf-8")
    (report,) = check_drafts([str(draft)], select=("AT106",))
    snippet = render_findings([report], RULES).splitlines()[1]
    assert len(snippet) > 120
