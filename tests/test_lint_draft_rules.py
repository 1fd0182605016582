"""AT1xx on hand-built claims: each rule reads what the extractor would give it."""

from __future__ import annotations

from lint_helpers import at, claim, claims

from attribtrack.lint import check
from attribtrack.lint.draft_rules import RULES as DRAFT_RULES


def codes(text: str, *items, config=None, path=None) -> list[tuple[str, str]]:
    found = check(text, config=config, path=path, claims=claims(text, *items), rules=DRAFT_RULES)
    return [(f.code, text[f.span[0] : f.span[1]]) for f in found]


def test_at101_quote_without_speaker_points_at_the_quote() -> None:
    text = '"We will not raise taxes this year."'
    c = claim(text, text, kind="direct", content="We will not raise taxes this year.")
    assert codes(text, c) == [("AT101", "We will not raise taxes this year.")]


def test_at101_quiet_when_the_quote_has_a_speaker() -> None:
    text = '"We will not raise taxes," Mayor Ana Ruiz said.'
    c = claim(
        text, text, kind="direct", content="We will not raise taxes,", cue="said", source="Mayor Ana Ruiz"
    )
    assert codes(text, c) == []


def test_at101_ignores_indirect_claims_without_source() -> None:
    text = "The tower was accused of being unsafe."
    assert codes(text, claim(text, text, kind="indirect")) == []


def test_at102_unresolved_pronoun() -> None:
    text = '"The bridge will reopen in May," she said.'
    c = claim(
        text,
        text,
        kind="direct",
        content="The bridge will reopen in May,",
        cue="said",
        source="she",
        entity=None,
    )
    assert codes(text, c) == [("AT102", "she")]


def test_at102_resolved_pronoun_is_fine() -> None:
    text = 'Ana Ruiz visited.\n\n"The bridge will reopen," she said.'
    c = claim(
        text,
        '"The bridge will reopen," she said.',
        kind="direct",
        content="The bridge will reopen,",
        cue="said",
        source="she",
        name="Ana Ruiz",
        entity="e1",
    )
    assert codes(text, c) == []


def test_at103_anonymous_source_without_reason() -> None:
    text = "Officials said the plant would close next year."
    c = claim(text, text, cue="said", source="Officials", type="group", entity=None)
    assert codes(text, c) == [("AT103", "Officials")]


def test_at103_quiet_with_a_reason_in_the_paragraph() -> None:
    text = (
        "Two officials said the plant would close next year. They spoke on condition of anonymity "
        "because they were not authorized to discuss the plans."
    )
    c = claim(
        text,
        "Two officials said the plant would close next year.",
        cue="said",
        source="Two officials",
        type="anonymous",
        entity=None,
    )
    assert codes(text, c) == []


def test_at103_named_person_is_not_anonymous() -> None:
    text = "Plant official Jonas Berg said the plant would close."
    c = claim(text, text, cue="said", source="Plant official Jonas Berg", type="person")
    assert codes(text, c) == []


def test_at104_unattributed_casualty_figure() -> None:
    text = "Storms hit the coast. At least 42 people were killed in the floods on Monday."
    assert codes(text) == [("AT104", "42")]
    assert "casualty" in check(text, claims=claims(text), rules=DRAFT_RULES)[0].message


def test_at104_attributed_sentence_is_fine() -> None:
    text = "At least 42 people were killed in the floods on Monday, the interior ministry said."
    c = claim(text, text, cue="said", source="the interior ministry", type="organization")
    assert codes(text, c) == []


def test_at104_dates_years_and_times_are_not_figures() -> None:
    text = "The council met on March 22, 2024, at 10:30 and again on 4 May."
    assert codes(text) == []


def test_at104_headings_and_titles_are_not_claims() -> None:
    assert codes("# 37 killed in Ebro floods\n\nThe river rose overnight.", path="a.md") == []
    assert codes("37 killed in Ebro floods\nThe river rose overnight.") == []


def test_at104_superlative_but_not_idiom() -> None:
    text = "It was the deadliest storm in a decade."
    assert codes(text) == [("AT104", "deadliest")]
    assert codes("For the most part the town was calm.") == []
    assert codes("It was the most expensive bridge in the region.") == [("AT104", "the most")]
    assert codes("Hundreds gathered outside the court.") == [("AT104", "Hundreds")]


def test_at105_unclosed_quote() -> None:
    text = '"We will rebuild the bridge, the mayor said on Tuesday.'
    assert codes(text) == [("AT105", '"')]


def test_at105_stray_closing_curly_quote() -> None:
    text = "The mayor called it final\u201d and left."
    assert codes(text) == [("AT105", "\u201d")]


def test_at105_paragraph_continued_quote_is_legal() -> None:
    text = '"We will rebuild. It will take a year.\n\n"The money is there," the mayor said.'
    assert codes(text) == []


def test_at105_continued_quote_must_close_eventually() -> None:
    text = '"We will rebuild.\n\n"The money is there, the mayor said.'
    found = codes(text)
    assert found == [("AT105", '"')]
    assert check(text, claims=claims(text), rules=DRAFT_RULES)[0].span == at(text, '"The money')[:1] + (
        at(text, '"The money')[0] + 1,
    )


def test_at105_inch_marks_are_not_quotes() -> None:
    assert [c for c in codes("The shelf is 5'11\" tall.") if c[0] == "AT105"] == []


def test_at106_loaded_cue_and_house_style() -> None:
    text = "The minister admitted that the project was late."
    c = claim(text, text, cue="admitted", source="The minister", type="person", entity=None)
    assert codes(text, c) == [("AT106", "admitted")]
    assert codes(text, c, config={"style": {"neutral-cues": ["admitted"]}}) == []
    said = text.replace("admitted", "opined")
    c2 = claim(said, said, cue="opined", source="The minister", type="person", entity=None)
    assert codes(said, c2) == [("AT106", "opined")]  # in the built-in list
    text3 = "The minister mused that the project was late."
    c3 = claim(text3, text3, cue="mused", source="The minister", type="person", entity=None)
    assert codes(text3, c3) == []
    assert codes(text3, c3, config={"style": {"loaded-cues": ["mused"]}}) == [("AT106", "mused")]


def test_project_outlets_reach_the_extractor() -> None:
    """The project's outlets (``config``) reach the real extractor through ``check``: "the Zorya
    Herald" is an outlet only when the configuration names it, with or without a baseline."""
    from attribtrack.lint.rules import Hit, Rule

    class SourceTypes(Rule):
        code, name, severity = "AT999", "source-types", "info"

        def check(self, ctx):  # type: ignore[no-untyped-def]
            for c in ctx.claims.claims:
                if c.source:
                    yield Hit(c.source.span, c.source.type)

    text = "The bridge would close, the Zorya Herald reported."
    outlets = {"outlets": {"Zorya Herald": ["the Zorya Herald"]}}
    for baseline in (None, "The bridge is open."):
        assert [f.message for f in check(text, baseline, rules=[SourceTypes()])] == ["person"]
        assert [f.message for f in check(text, baseline, outlets, rules=[SourceTypes()])] == ["outlet"]
