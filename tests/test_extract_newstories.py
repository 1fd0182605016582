"""Errors seen when the extractor met new stories (issue #10, item 6), as table tests.

Every sentence here is written for these tests: names, places and events are invented.
"""

from __future__ import annotations

import pytest
from test_extract_table import attributed, one

from attribtrack import check, diff

# --- names and roles ---------------------------------------------------------------------------

# (text, source name, role, type)
NAMES_AND_ROLES = [
    # name particles stay in the name
    (
        "Union leader Marieke de Vries said the strike would go on.",
        "Marieke de Vries",
        "Union leader",
        "person",
    ),
    (
        "The strike would go on, said union leader Marieke de Vries.",
        "Marieke de Vries",
        "union leader",
        "person",
    ),
    (
        "Port director Hendrik van der Berg said the cranes were idle.",
        "Hendrik van der Berg",
        "Port director",
        "person",
    ),
    ("Team coach Anna von Platen said the side was tired.", "Anna von Platen", "Team coach", "person"),
    ("Dock worker Luis da Costa said the shifts were too long.", "Luis da Costa", "Dock worker", "person"),
    ("Minister Yusuf bin Tariq said the fares would rise.", "Yusuf bin Tariq", "Minister", "person"),
    ("Governor Karim al-Masri said the roads were open.", "Karim al-Masri", "Governor", "person"),
    # an organisation whose name ends in a document word is the whole name
    (
        "The tremor was felt in three towns, the U.S. Geological Survey said.",
        "U.S. Geological Survey",
        None,
        "organization",
    ),
    (
        "The Northern Fisheries Survey said stocks had fallen.",
        "Northern Fisheries Survey",
        None,
        "organization",
    ),
    # a described head with the name in apposition: the name is the name, the head the role
    (
        "The company's chief executive, John Smith, said profits would fall.",
        "John Smith",
        "chief executive",
        "person",
    ),
    (
        "The port's new director, Ines Moreau, said the cranes would be replaced.",
        "Ines Moreau",
        "new director",
        "person",
    ),
    # an honorific between the role and the name belongs to neither
    (
        "Agency director Dr. Samuel Osei said the vaccine was safe.",
        "Samuel Osei",
        "Agency director",
        "person",
    ),
    (
        "The vaccine was safe, said agency director Dr. Samuel Osei.",
        "Samuel Osei",
        "agency director",
        "person",
    ),
    ("Clinic head Prof. Mira Adler said the beds were full.", "Mira Adler", "Clinic head", "person"),
]


@pytest.mark.parametrize(("text", "name", "role", "typ"), NAMES_AND_ROLES)
def test_names_and_roles(text: str, name: str, role: str | None, typ: str) -> None:
    c = one(text)
    assert c.source is not None
    assert (c.source.name, c.source.role, c.source.type) == (name, role, typ)


def test_a_surname_with_a_particle_resolves_to_the_full_name() -> None:
    claims = attributed(
        "Union leader Marieke de Vries said the strike would go on.\n\n"
        "De Vries added that talks were planned for Monday."
    )
    assert [c.source.name for c in claims if c.source] == ["Marieke de Vries", "Marieke de Vries"]


def test_a_role_in_apposition_and_before_the_name_is_the_same_source() -> None:
    old = "The company's chief executive, John Smith, said profits would fall this year."
    new = "Chief executive John Smith said profits would fall this year."
    changes = diff(old, new).changes
    assert "source-changed" not in [ch.type for ch in changes]


# --- anonymous sources and organisations -------------------------------------------------------

ANONYMOUS = [
    "A senior official said the talks had stalled.",
    "The talks had stalled, a senior official said.",
    "A government spokesman said the border would reopen.",
    "One official said the plan was dead.",
    "An aide to the president said the speech was ready.",
    "A source close to the talks said a deal was near.",
    "A diplomat said the envoy would arrive on Monday.",
    "Another official said the envoy would leave on Tuesday.",
]


@pytest.mark.parametrize("text", ANONYMOUS)
def test_singular_anonymous_sources_are_anonymous(text: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.type == "anonymous"
    assert c.source.entity is None  # two unnamed officials are not known to be one person
    assert [f.code for f in check(text)] == ["AT103"]


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman, who spoke on condition of anonymity, said the border would reopen.",
        "A spokesman for the ministry, Carla Brandt, said the border would reopen.",
        "Ministry spokesman Tomas Brandt said the border would reopen.",
        "The spokesman said the border would reopen.",
    ],
)
def test_named_definite_or_explained_sources_raise_no_at103(text: str) -> None:
    assert "AT103" not in [f.code for f in check(text)]


# (text, source name, type)
ORGANISATIONS = [
    ("ECT said the terminal would reopen on Friday.", "ECT", "organization"),
    ("The terminal would reopen on Friday, ECT said.", "ECT", "organization"),
    ("Shipping group Maersk said its vessels would wait offshore.", "Maersk", "organization"),
    ("Local media reported that the bridge had collapsed.", "Local media", "outlet"),
    ("State media said the harvest was the largest in a decade.", "State media", "outlet"),
]


@pytest.mark.parametrize(("text", "name", "typ"), ORGANISATIONS)
def test_organisations_are_not_people(text: str, name: str, typ: str) -> None:
    c = one(text)
    assert c.source is not None and (c.source.name, c.source.type) == (name, typ)


def test_an_organisation_introduced_once_keeps_its_type() -> None:
    claims = attributed(
        "Shipping group Maersk said its vessels would wait offshore.\n\n"
        "Maersk added that the delay could last a week."
    )
    assert [(c.source.name, c.source.type) for c in claims if c.source] == [
        ("Maersk", "organization"),
        ("Maersk", "organization"),
    ]


# --- across paragraphs ------------------------------------------------------------------------


def test_an_outlet_of_the_paragraph_before_is_not_the_channel_of_a_ministry_document() -> None:
    claims = attributed(
        "The Guardian reported on the talks last week.\n\n"
        "Minister Piet Jansen warned that prices would rise, according to figures released by his "
        "ministry."
    )
    jansen = next(c for c in claims if c.source and c.source.name == "Piet Jansen")
    assert "The Guardian" not in [v.name for v in jansen.via]
    according = [c for c in claims if c.cue and c.cue.text == "according to"]
    assert all(c.source is not None and c.source.name != "The Guardian" for c in according)


@pytest.mark.parametrize("outlet", ["the Daily Ledger", "the Harbour Courier"])
def test_he_after_told_an_outlet_is_the_person(outlet: str) -> None:
    claims = attributed(
        f"Raj Patel, a farmer near Leeds, told {outlet} that the harvest had failed.\n\n"
        '"We have nothing left to sell," he said.'
    )
    assert [(c.source.name, c.source.type) for c in claims if c.source] == [
        ("Raj Patel", "person"),
        ("Raj Patel", "person"),
    ]
    assert [v.name for v in claims[0].via] == [outlet.removeprefix("the ")]


def test_a_paper_the_registry_does_not_know_is_an_outlet() -> None:
    c = one("The Harbour Gazette reported that the pier was closed.")
    assert c.source is not None and (c.source.name, c.source.type) == ("Harbour Gazette", "outlet")


def test_two_named_people_are_a_group() -> None:
    c = one("Ruiz and Berg are planning to build a second pier.")
    assert c.source is not None and (c.source.name, c.source.type) == ("Ruiz and Berg", "group")


def test_a_passive_confirmation_of_something_else_does_not_reach_back() -> None:
    claims = attributed(
        '"We will stop the trials for now," said Dr. Ana Lima, who leads the study.\n\n'
        "The pause was confirmed by the WHO."
    )
    lima = next(c for c in claims if c.source and c.source.name == "Ana Lima")
    assert lima.confirmed_by == ()


def test_a_passive_confirmation_of_the_claim_still_reaches_back() -> None:
    claims = attributed(
        '"We will stop the trials for now," said Dr. Ana Lima.\n\nThat was confirmed by Reuters.'
    )
    assert [r.name for r in claims[0].confirmed_by] == ["Reuters"]


# --- confirmations -----------------------------------------------------------------------------


def test_a_confirmation_by_two_names_two_confirmers() -> None:
    c = next(
        c
        for c in attributed(
            "Port chief Omar Haddad said the docks would reopen on Monday, which was later "
            "confirmed by the port authority and by Maersk."
        )
        if c.source and c.source.name == "Omar Haddad"
    )
    assert [r.name for r in c.confirmed_by] == ["the port authority", "Maersk"]


def test_a_confirmation_by_two_names_without_a_second_by() -> None:
    c = next(
        c
        for c in attributed(
            "Port chief Omar Haddad said the docks would reopen, which was confirmed by the port "
            "authority and the coast guard."
        )
        if c.source and c.source.name == "Omar Haddad"
    )
    assert [r.name for r in c.confirmed_by] == ["the port authority", "the coast guard"]


# --- quotations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('"The evidence is credible," the inspector said.', ["The evidence is credible"]),
        ('"The evidence is credible," said inspector Hana Berg.', ["The evidence is credible"]),
        (
            '"The evidence is credible," Berg said, "and the report is sound."',
            ["The evidence is credible", "and the report is sound."],
        ),
    ],
)
def test_a_direct_quotation_ends_before_the_comma_of_its_attribution(text: str, content: list[str]) -> None:
    c = one(text)
    assert c.kind == "direct" and [p.text for p in c.content] == content


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('> "The bridge will stay closed," the mayor said.', ["The bridge will stay closed"]),
        ("> The mayor said the bridge would stay closed.", ["the bridge would stay closed"]),
        (
            "The council met on Tuesday.\n\n> The mayor said the bridge would stay closed\n"
            "> until the spring floods were over.",
            ["the bridge would stay closed\n> until the spring floods were over"],
        ),
    ],
)
def test_a_markdown_blockquote_mark_is_not_content(text: str, content: list[str]) -> None:
    c = one(text)
    assert [p.text for p in c.content] == content
    assert c.source is not None and c.source.mention.lstrip("> ").lower() == "the mayor"


# --- cues and contents (the frame finders) -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "According to a spokesperson for the operator, ECT, talks will resume next week.",
            "a spokesperson for the operator, ECT",
            "talks will resume next week",
        ),
        (
            "According to Dr. Ana Lima, a pediatrician at the city clinic, parents should keep "
            "children home.",
            "Dr. Ana Lima, a pediatrician at the city clinic",
            "parents should keep children home",
        ),
        # a name after a document or an organisation is the content's subject, not an apposition
        (
            "According to the report, Carl Weber, the engineer, approved the plan.",
            "the report",
            "Carl Weber, the engineer, approved the plan",
        ),
        (
            "According to the ministry, Ana Ruiz, the minister, approved the plan.",
            "the ministry",
            "Ana Ruiz, the minister, approved the plan",
        ),
    ],
)
def test_an_apposition_after_according_to_belongs_to_the_source(text: str, source: str, content: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.mention == source
    assert [p.text for p in c.content] == [content]


def test_the_description_after_according_to_is_the_role() -> None:
    c = one(
        "According to Dr. Ana Lima, a pediatrician at the city clinic, parents should keep children home."
    )
    assert c.source is not None
    assert (c.source.name, c.source.role) == ("Ana Lima", "a pediatrician at the city clinic")


def test_a_date_after_a_cue_is_not_its_topic() -> None:
    c = one("Mayor Linda Okafor insisted on Thursday that the budget was balanced.")
    assert c.cue is not None and c.cue.text == "insisted"
    assert [p.text for p in c.content] == ["that the budget was balanced"]
    assert one("Okafor insisted on a recount.").cue.text == "insisted on"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The pause was announced on Friday.", "The pause"),
        ("The closure of the pier was announced last week.", "The closure of the pier"),
    ],
)
def test_a_passive_with_only_a_time_after_it_has_its_subject_for_content(text: str, content: str) -> None:
    c = one(text)
    assert c.source is None and [p.text for p in c.content] == [content]


def test_said_in_a_statement_is_one_claim() -> None:
    c = one("Medivax said in a statement that the trial would resume.")
    assert c.source is not None and c.source.name == "Medivax" and c.cue.text == "said"
