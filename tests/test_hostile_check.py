"""Hostile drafts for `check` (issue 14): a bounded number of findings, rendered in linear work."""

from __future__ import annotations

from attribtrack.lint import check
from attribtrack.lint.draft_rules import MAX_PER_PARAGRAPH
from attribtrack.lint.run import DraftReport
from attribtrack.render.findings import render_text


def _at105(text: str) -> list:
    return [f for f in check(text, path="draft.md") if f.code == "AT105"]


def test_stray_marks_give_a_bounded_number_of_findings_and_a_summary() -> None:
    # 350,000 unmatched marks gave 350,000 findings (and minutes of rendering)
    found = _at105("\u201c" * 5000 + "\n")
    assert len(found) == MAX_PER_PARAGRAPH + 1
    assert [f.span for f in found[:MAX_PER_PARAGRAPH]] == [(i, i + 1) for i in range(MAX_PER_PARAGRAPH)]
    summary = found[-1]
    assert summary.message.startswith(f"{5000 - MAX_PER_PARAGRAPH:,} more quotation marks")
    assert summary.span == (MAX_PER_PARAGRAPH, 5000)


def test_the_bound_is_per_paragraph() -> None:
    para = "The mayor said \u201c" + "\u201d" * 10 + " and left."
    found = _at105(para + "\n\n" + para + "\n")
    assert len(found) == 2 * (MAX_PER_PARAGRAPH + 1)
    second = len(para) + 2
    assert [f.span[0] >= second for f in found] == [False] * 4 + [True] * 4


def test_few_stray_marks_are_each_reported() -> None:
    found = _at105('The mayor called it final." The council agreed." It did."\n')
    assert len(found) == 3 and all("without an opening one" in f.message for f in found)


def test_findings_in_many_sentences_render_under_their_own_sentence() -> None:
    # the snippet of each finding is found by bisection among the draft's sentences
    text = "".join(f"Line {i} is fine. Stray {i}\u201d here.\n\n" for i in range(300))
    report = DraftReport(path="d.md", text=text, findings=check(text, path="d.md"))
    out = render_text([report])
    for i in (0, 150, 299):
        assert f"    Stray {i}\u201d here." in out
    assert out.count("AT105") == 300
