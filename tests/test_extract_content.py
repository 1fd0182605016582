"""Where content ends after a cue, as the mined table (attribtrack/data/content_boundaries.tsv)
decides it. Invented sentences throughout."""

from __future__ import annotations

import pytest

from attribtrack.extractor import extract
from attribtrack.extractor.frames.boundaries import parse, table


def contents(text: str, cue: str) -> list[str]:
    claims = extract(text).claims
    got = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert got, f"no claim with cue {cue!r} in {text!r}"
    return [s.text for s in got[0].content]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # a relative clause on the whole report is the writer's comment, not the mayor's words
        (
            "The mayor said the bridge would close, which angered commuters.",
            "said",
            "the bridge would close",
        ),
        # an appositive after the content describes it
        (
            "Reed said the ferry would run on Sundays, a change the council approved in May.",
            "said",
            "the ferry would run on Sundays",
        ),
        # a dash before an appositive
        (
            "Reed said the ferry would run on Sundays -- a first for the island.",
            "said",
            "the ferry would run on Sundays",
        ),
        # inside a "that" clause a "while" clause is part of what was said
        (
            "The mayor said that the bridge would stay open, while repairs continue on the east side.",
            "said",
            "that the bridge would stay open, while repairs continue on the east side",
        ),
    ],
)
def test_content_ends_where_the_table_says(text: str, cue: str, content: str) -> None:
    assert contents(text, cue) == [content]


def test_a_relative_clause_inside_a_that_clause_stays() -> None:
    text = "The harbour master said that the pier, which opened in 1990, would close."
    assert contents(text, "said") == ["that the pier, which opened in 1990, would close"]


def test_the_shipped_table_says_how_it_was_made() -> None:
    from importlib import resources

    text = (
        resources.files("attribtrack").joinpath("data", "content_boundaries.tsv").read_text(encoding="utf-8")
    )
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert any("training/mine_content.py" in line for line in head)
    assert any("Chosen on dev" in line for line in head)
    rows = table()
    assert rows[("bare", ", which")] is True
    assert rows[("that", ", while")] is False


def test_parse_reads_the_three_decisions_and_refuses_others() -> None:
    rows = parse(
        "# a comment\nopening\tboundary\tdecision\tstop\tcontinue\tprecision\n"
        "bare\t, which\tstop\t9\t1\t0.900\n"
        "that\t, which\trules\t5\t5\t0.500\n"
        "*\t, and\tcontinue\t1\t9\t0.100\n"
    )
    assert rows == {("bare", ", which"): True, ("that", ", which"): None, ("*", ", and"): False}
    with pytest.raises(ValueError, match="bad line"):
        parse("bare\t, which\tmaybe\t1\t1\t0.5\n")


def test_a_told_addressee_of_any_words_stays_out_of_the_content() -> None:
    # "told a crowd in the harbour town on Monday that ...": the audience and the time are the
    # telling's, the content opens with "that"
    text = "The keeper told a crowd in the harbour town on Monday that the lamp had failed."
    assert contents(text, "told") == ["that the lamp had failed"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # the person asked stands between "asked" and the question
        (
            "The reporter asked the harbour master whether the pier would reopen.",
            "asked",
            ["whether the pier would reopen"],
        ),
        (
            "Reed asked two county officials how the levy would be spent.",
            "asked",
            ["how the levy would be spent"],
        ),
        # a request keeps whom it asks to act in the content
        ("Reed asked voters to back the levy.", "asked", ["voters to back the levy"]),
        # "to" and an addressee before "that": what was said opens with "that"
        ("Reed wrote to the ferry board that fares would rise.", "wrote", ["that fares would rise"]),
        # a relative pronoun before the source and cue is what the content is about
        (
            "The council approved the levy, which the mayor said would cost the town $5 million.",
            "said",
            ["which", "would cost the town $5 million"],
        ),
        (
            "Reed praised the captain, who he said had saved the ship.",
            "said",
            ["who", "had saved the ship"],
        ),
        # after a preposition the reported clause is whole, and the pronoun stays out
        ("The mayor gave a speech in which he said the levy would pass.", "said", ["the levy would pass"]),
        # "that" after a noun opens as many reported clauses as relative ones: it stays out
        ("The council hired a firm that the mayor said had built the pier.", "said", ["had built the pier"]),
    ],
)
def test_where_content_starts(text: str, cue: str, content: list[str]) -> None:
    assert contents(text, cue) == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # "as SOURCE CUE [tail]" opening the sentence: the main clause after its comma is the content
        (
            "As Reed noted in his column, the levy has never been popular.",
            ["the levy has never been popular"],
        ),
        ("As the Gazette reported in its Sunday edition, the pier will close.", ["the pier will close"]),
        # closing the sentence: the clause before its comma
        (
            "The levy has never been popular, as Reed noted in his column.",
            ["The levy has never been popular"],
        ),
    ],
)
def test_a_comparative_as_clause_reports_the_main_clause(text: str, content: list[str]) -> None:
    cue = "noted" if "noted" in text else "reported"
    assert contents(text, cue) == content


def test_as_with_an_object_is_a_time_not_a_report() -> None:
    # "As Reed spoke about the levy, ...": the stance verb's object is what he spoke about
    assert contents("As Reed spoke about the levy, protesters gathered outside.", "spoke about")[
        0
    ].startswith("the levy")


def test_as_with_a_reported_clause_keeps_it() -> None:
    # a "that" clause after the cue is the as-clause's own content, not the main clause
    got = contents("As Reed noted that the levy had failed, protesters gathered.", "noted")
    assert got[0].startswith("that the levy had failed")
