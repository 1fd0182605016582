"""Whose is a quotation that opens a paragraph with no cue of its own? After '"A," Reed said.' a
bare '"B."' goes on with Reed's quotation; a quotation that closes on a comma and goes on in its
sentence ('"B," the coach sighed after the match.') names a speaker of its own, even when the
extractor does not know the verb, and is never given to Reed."""

from __future__ import annotations

import pytest

from attribtrack.extractor import extract

CONTINUES = '"The dam will hold," Ana Ruiz said.\n\n"Nobody listened to us for years."\n'

OWN_SPEAKER = [
    '"The dam will hold," Ana Ruiz said.\n\n"It is over for the season," the coach sighed after the match.\n',
    '"The dam will hold," Ana Ruiz said.\n\n"We can fix it in a week," Tom Baker shot back with a grin.\n',
    '"The dam will hold," Ana Ruiz said.\n\n"Not in a week", Tom Baker snapped at once.\n',
]


def ruiz(text: str):
    claims = [c for c in extract(text).claims if c.source is not None and c.source.name == "Ana Ruiz"]
    assert len(claims) == 1
    return claims[0]


def test_a_bare_quotation_goes_on_with_the_speaker_before_it() -> None:
    assert [p.text for p in ruiz(CONTINUES).content] == [
        "The dam will hold",
        "Nobody listened to us for years.",
    ]


@pytest.mark.parametrize("text", OWN_SPEAKER)
def test_a_quotation_that_names_its_own_speaker_is_not_the_speakers_before_it(text: str) -> None:
    assert [p.text for p in ruiz(text).content] == ["The dam will hold"]


# a participle after the subject's noun modifies it ("the report published on Tuesday"): no claim
REDUCED_RELATIVES = [
    ("The report published on Tuesday says the river is clean.", "says", "The report published on Tuesday"),
    ("A letter sent to the council last week warns that the pier is unsafe.", "warns", None),
]


@pytest.mark.parametrize(("text", "cue", "mention"), REDUCED_RELATIVES)
def test_a_participle_inside_the_source_reports_nothing(text: str, cue: str, mention: str | None) -> None:
    claims = [c for c in extract(text).claims if c.cue is not None]
    assert [c.cue.text for c in claims] == [cue]
    if mention is not None:
        assert claims[0].source is not None and claims[0].source.mention == mention


def test_a_relative_clause_inside_the_source_keeps_its_claim() -> None:
    # the inner cue lies inside the outer source, but its content begins at its own object
    claims = extract("Residents who complained about the noise say the port ignored them.").claims
    assert sorted(c.cue.text for c in claims if c.cue is not None) == ["complained about", "say"]


def test_a_sentence_opening_and_is_not_part_of_a_plain_subject_of_say() -> None:
    claims = [c for c in extract("And ferry operators say the fares will rise.").claims if c.cue is not None]
    assert [(c.source.mention if c.source else None, c.cue.text) for c in claims] == [
        ("ferry operators", "say")
    ]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Dairy farmers in Wales said the price of milk had fallen.", "Dairy farmers in Wales"),
        (
            "Sheep farmers in Wales and Scotland said the price had fallen.",
            "Sheep farmers in Wales and Scotland",
        ),
    ],
)
def test_a_plain_plural_noun_heads_its_phrase_not_the_place_after_it(text: str, mention: str) -> None:
    claims = [c for c in extract(text).claims if c.cue is not None]
    assert [c.source.mention if c.source else None for c in claims] == [mention]
