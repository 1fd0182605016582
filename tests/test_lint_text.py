"""Paragraph and sentence spans the rules read (a light splitter over the prose)."""

from __future__ import annotations

from attribtrack.lint.text import paragraphs, sentences


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_paragraphs_are_trimmed_spans() -> None:
    text = "  One.\n\n\nTwo\nlines.  \n \nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two\nlines.", "Three."]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    assert split("U.S. officials met Gen. Ana Ruiz. J. Smith said no. It ended at No. 5 Main St.") == [
        "U.S. officials met Gen. Ana Ruiz.",
        "J. Smith said no.",
        "It ended at No. 5 Main St.",
    ]


def test_quotes_close_a_sentence_and_open_the_next() -> None:
    assert split('"We will rebuild." The mayor left. "Soon," she said.') == [
        '"We will rebuild."',
        "The mayor left.",
        '"Soon," she said.',
    ]


def test_title_line_and_list_items_are_sentences_of_their_own() -> None:
    assert split("crocus mall\nA warning came. It was ignored.") == [
        "crocus mall",
        "A warning came.",
        "It was ignored.",
    ]
    assert split("- Hours fall to 45.\n- Hiring is frozen.") == ["- Hours fall to 45.", "- Hiring is frozen."]
