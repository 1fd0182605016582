"""What in a draft is prose, and inline suppression comments."""

from __future__ import annotations

from lint_helpers import claims

from attribtrack.lint import check
from attribtrack.lint.draft_rules import UnbalancedQuotes
from attribtrack.lint.markdown import mask, suppressions


def test_mask_keeps_every_offset_and_newline() -> None:
    text = '---\ntitle: "x\n---\n# Head\n\nSee [the report](http://e.com/a"b) now.\n'
    prose = mask(text).prose
    assert len(prose) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(prose) if c == "\n"]


def test_front_matter_is_not_prose() -> None:
    text = '---\ntitle: "Storm\nauthor: A. Writer\n---\nThe storm passed.\n'
    prose = mask(text).prose
    assert prose.strip() == "The storm passed."
    assert prose.index("The storm") == text.index("The storm")


def test_fenced_and_indented_code_and_inline_code_are_not_prose() -> None:
    text = 'Intro.\n\n```\nprint("hi)\n```\n\n    x = "y\n\nUse `a "b` here.\n'
    prose = mask(text).prose
    assert "print" not in prose and "x =" not in prose and '"b' not in prose
    assert "Intro." in prose and "Use" in prose and "here." in prose


def test_indented_list_continuation_is_prose() -> None:
    text = '- a list item\n\n    continued with "a quote" here\n'
    assert "continued" in mask(text).prose


def test_link_target_is_not_prose_but_link_text_is() -> None:
    text = 'Read [the "full" report](https://example.com/a"b "title") and ![chart](c.png).'
    prose = mask(text).prose
    assert 'the "full" report' in prose
    assert "example.com" not in prose and "chart" not in prose and "title" not in prose
    assert prose.index("the") == text.index("the")


def test_html_comments_are_not_prose_even_in_plain_text() -> None:
    text = 'Body. <!-- "unclosed note -->\nMore.'
    assert '"' not in mask(text, markdown=False).prose


def test_plain_text_keeps_indented_lines() -> None:
    text = 'Intro.\n\n    Indented paragraph says "hello".\n'
    assert "Indented" in mask(text, markdown=False).prose


def test_markdown_line_col_refer_to_the_original_file() -> None:
    text = '---\ntitle: ok\n---\n\nA paragraph.\n\n"Unclosed quote here.\n'
    found = check(text, path="story.md", claims=claims(text), rules=(UnbalancedQuotes(),))
    assert [f.span for f in found] == [(text.index('"Unclosed'), text.index('"Unclosed') + 1)]


def test_quote_in_front_matter_or_code_does_not_fire() -> None:
    text = '---\ntitle: "Storm\n---\n\n```\nsay "hi\n```\n\nAll quiet.\n'
    assert check(text, path="story.md", claims=claims(text), rules=(UnbalancedQuotes(),)) == ()


# --- suppression -------------------------------------------------------------------------


def at105(text: str, path: str = "story.md") -> list[int]:
    found = check(text, path=path, claims=claims(text), rules=(UnbalancedQuotes(),))
    return [text.count("\n", 0, f.span[0]) + 1 for f in found]


def test_disable_enable_region() -> None:
    text = (
        'one" stray\n\n'  # line 1
        "<!-- attribtrack: disable AT105 -->\n\n"
        '"two\n\n'  # line 5
        "<!-- attribtrack: enable AT105 -->\n\n"
        '"three\n'  # line 9
    )
    assert at105(text) == [1, 9]


def test_disable_by_prefix_and_enable_all() -> None:
    text = '<!-- attribtrack: disable AT1 -->\n\n"two\n\n<!-- attribtrack: enable -->\n\n"three\n'
    assert at105(text) == [7]


def test_disable_without_codes_disables_everything() -> None:
    assert at105('<!-- attribtrack: disable -->\n"two\n') == []


def test_disable_other_code_does_not_suppress() -> None:
    assert at105('<!-- attribtrack: disable AT101 -->\n"two\n') == [2]


def test_disable_next_line_only_the_next_line() -> None:
    text = '<!-- attribtrack: disable-next-line AT105 -->\n"two\n\n"three\n'
    assert at105(text) == [4]


def test_several_codes_with_commas() -> None:
    text = '<!-- attribtrack: disable AT101, AT105 -->\n"two\n'
    assert at105(text) == []


def test_directive_inside_code_block_is_ignored() -> None:
    text = '```\n<!-- attribtrack: disable -->\n```\n\n"two\n'
    assert at105(text) == [5]


def test_suppressions_object_answers_by_offset() -> None:
    text = "A <!-- attribtrack: disable AT103 --> B <!-- attribtrack: enable AT103 --> C"
    sup = suppressions(text, mask(text).comments)
    assert not sup.suppressed("AT103", text.index("A"))
    assert sup.suppressed("AT103", text.index("B"))
    assert not sup.suppressed("AT104", text.index("B"))
    assert not sup.suppressed("AT103", text.index("C"))
