"""Table tests for where cue and source spans start and end (frames/edges.py, the tokenizer's
contractions): sentence -> (source mention, cue, content texts).

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_extract_table import attributed, one

# (text, source mention, cue, content texts)
EDGES = [
    # an infinitive after an intention cue is the content, "to" and all
    (
        "The harbour master is vowing to reopen the north pier.",
        "The harbour master",
        "is vowing",
        ["to reopen the north pier"],
    ),
    (
        "Councillor Ines Amato aims to cut ferry fares by May.",
        "Councillor Ines Amato",
        "aims",
        ["to cut ferry fares by May"],
    ),
    (
        "The dockworkers are looking to settle the dispute before winter.",
        "The dockworkers",
        "are looking",
        ["to settle the dispute before winter"],
    ),
    # "to" before a noun phrase stays in the cue
    (
        "The union responded to the port's final offer.",
        "The union",
        "responded to",
        ["the port's final offer"],
    ),
    # "by" before a passive's agent is not part of the cue
    (
        "The toll plan was backed by the island council.",
        "the island council",
        "was backed",
        ["The toll plan"],
    ),
    # an adverb right after the cue, before a punctuation mark, is the cue's
    (
        '"The tide tables are wrong," Okafor said dryly.',
        "Okafor",
        "said dryly",
        ["The tide tables are wrong"],
    ),
    (
        '"The pier will hold," the engineer wrote later.',
        "the engineer",
        "wrote later",
        ["The pier will hold"],
    ),
    # a pronoun's contracted auxiliary belongs to the cue, not to the source
    (
        "He's predicting that the ferry will run late all week.",
        "He",
        "'s predicting",
        ["that the ferry will run late all week"],
    ),
    ("I've argued that the pier needs a new roof.", "I", "'ve argued", ["that the pier needs a new roof"]),
    ("She's aiming to finish the survey by Friday.", "She", "'s aiming", ["to finish the survey by Friday"]),
    (
        "They've warned that the tide tables are wrong.",
        "They",
        "'ve warned",
        ["that the tide tables are wrong"],
    ),
]


# (text, source mention, role)
SOURCE_ASIDES = [
    ("Ferry operators, for example, say the fares are too low.", "Ferry operators", None),
    ("The harbour board, for its part, said the pier was safe.", "The harbour board", None),
    ("Okafor, it turned out, had warned that the pier was unsafe.", "Okafor", None),
    (
        '"The pier is safe," said Ana Ruiz, a harbour engineer, noting that the repairs were done.',
        "Ana Ruiz, a harbour engineer",
        "a harbour engineer",
    ),
    # a relative clause keeps its own commas
    (
        "Ruiz, who was a pilot, then a harbour engineer, said the pier was safe.",
        "Ruiz, who was a pilot, then a harbour engineer,",
        None,
    ),
]


@pytest.mark.parametrize(("text", "mention", "role"), SOURCE_ASIDES)
def test_an_aside_or_a_circumstance_ends_the_source(text: str, mention: str, role: str | None) -> None:
    c = attributed(text)[0]
    assert c.source is not None and c.source.mention == mention
    assert c.source.role == role


@pytest.mark.parametrize(("text", "mention", "cue", "content"), EDGES)
def test_cue_and_source_edges(text: str, mention: str, cue: str, content: list[str]) -> None:
    c = one(text)
    assert c.source is not None and c.source.mention == mention
    assert c.cue is not None and c.cue.text == cue
    assert [x.text for x in c.content] == content


def test_asked_about_takes_about_into_its_cue() -> None:
    claims = attributed("Asked about the night ferry, Okafor said it would run until May.")
    asked = [c for c in claims if c.cue is not None and c.cue.text.startswith("Asked")]
    assert len(asked) == 1 and asked[0].cue is not None and asked[0].cue.text == "Asked about"
    assert [x.text for x in asked[0].content] == ["the night ferry"]


def test_a_contracted_auxiliary_after_a_relative_pronoun_keeps_the_head_as_source() -> None:
    c = one("Skippers who'd rather sail at dawn said the curfew was too strict.")
    assert c.source is not None and c.source.mention.startswith("Skippers")
    assert c.cue is not None and c.cue.text == "said"


def test_a_possessive_after_initials_is_not_an_auxiliary() -> None:
    # "U.S.'s": no pronoun before the apostrophe, so no contracted auxiliary either
    from attribtrack.extractor.segment import tokens

    text = "The U.S.'s envoy and she's sure."
    got = [(t.text, t.low) for t in tokens(text, 0, len(text))]
    assert ("'s", "is") in got and got.count(("'s", "is")) == 1
    assert got[1] == ("U.S.", "u.s.")
