"""Source spans that PolNeAR-style annotators mark as the whole subject noun phrase (issue #10):
a count or a share of a group ("Nine in 10 registered voters"), a determiner and the words that
modify the head ("The former first lady"), an organisation's name with a preposition in it,
coordinated subjects ("Neither Ruiz nor Okafor"), and the negatives where the words before the
head are a clause, not a modifier; an opening adverb or phrase is no subject ("Ultimately, ...").
Every sentence is invented for these tests.
"""

from __future__ import annotations

import pytest
from test_extract_table import attributed, one

# (text, source mention, cue)
WHOLE_SUBJECT = [
    # counts and shares of a group: the count is part of who says it
    ("Seventy-two percent of rural registered voters say the ferry fare is too high.",
     "Seventy-two percent of rural registered voters", "say"),
    ("But 18 percent of island Green voters still say they have not decided.",
     "18 percent of island Green voters", "still say"),
    ("Nine in 10 coastal registered voters say the harbour needs dredging.",
     "Nine in 10 coastal registered voters", "say"),
    ("About three in 10 Harlow Labour primary voters say the bridge matters most.",
     "About three in 10 Harlow Labour primary voters", "say"),
    ("About half of Liberal primary voters said they would return to the polls.",
     "About half of Liberal primary voters", "said"),
    ("Only a third of ferry passengers agree with the new timetable.",
     "Only a third of ferry passengers", "agree with"),
    ("Twelve of the 15 councillors said they would vote against the levy.",
     "Twelve of the 15 councillors", "said"),
    ("In each of the four parishes, about half of fishermen say the season came late.",
     "about half of fishermen", "say"),
    # a determiner and the words modifying the head
    ("The former harbour master calls the plan reckless.", "The former harbour master", "calls"),
    ("A teary-eyed Varga says she is proud of the campaign.", "A teary-eyed Varga", "says"),
    ("Early tide gauge data suggests the sea wall is sinking.", "Early tide gauge data", "suggests"),
    # an organisation's name holds a preposition after its head word (organizations.txt)
    ("The Harlow Institute for Coastal Studies noted that the dunes had moved.",
     "The Harlow Institute for Coastal Studies", "noted"),
    ("The Joint Committee on Fisheries projected that the catch would fall.",
     "The Joint Committee on Fisheries", "projected"),
    # coordinated subjects: all of them
    ("Neither Ruiz nor Okafor responded to the council's letter.", "Neither Ruiz nor Okafor", "responded to"),
    ("The mayor, the council and the port authority said the pier would close.",
     "The mayor, the council and the port authority", "said"),
    ("Varga, Okafor and other fishermen knew the levy would pass.",
     "Varga, Okafor and other fishermen", "knew"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "mention", "cue"), WHOLE_SUBJECT)
def test_the_whole_subject_is_the_source(text: str, mention: str, cue: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.mention == mention
    assert c.cue is not None and c.cue.text == cue


# (text, source mention): the words before the head are no modifier of it
HEAD_ONLY = [
    ("The last time he spoke, Varga said the pier would close.", "Varga"),
    ("Officials said the harbour road would close on Monday.", "Officials"),
    ("The harbour master told reporters the road would close.", "The harbour master"),
]


@pytest.mark.parametrize(("text", "mention"), HEAD_ONLY)
def test_a_clause_before_the_head_stays_out(text: str, mention: str) -> None:
    mentions = [c.source.mention for c in attributed(text) if c.source is not None]
    assert mention in mentions, mentions


def test_a_pronoun_after_a_noun_is_a_clause_not_a_modifier() -> None:
    # "The only regret he acknowledged": the noun is what he acknowledged, the source is "he"
    claims = attributed("The only regret he acknowledged was the delay at the pier.")
    assert all(c.source is None or c.source.mention == "he" for c in claims), [
        c.source.mention for c in claims if c.source
    ]


def test_a_name_after_a_plain_noun_stays_alone() -> None:
    # "At the moment Varga ...": an opening phrase, then the name
    c = one("At the moment Varga told reporters that the ferry would sail.")
    assert c.source is not None and c.source.mention == "Varga"


# (text, source mention, cue): an opening adverb, time or place phrase is no subject; the claim
# inherits the subject after it
OPENING_PHRASE = [
    ("Ultimately, Ruiz ignored the advice and refused to sign the deal.", "Ruiz", "refused"),
    ("Earlier Wednesday, Varga went on the radio and defended the levy.", "Varga", "defended"),
    ("Later, Okafor went after the council, calling it reckless.", "Okafor", "calling"),
    ("Like Ruiz, Varga has clashed with the union, seeking a new deal.", "Varga", "seeking"),
    ("At a rally in Dover, N.H., she went after Varga, calling him a coward.", "she", "calling"),
]


@pytest.mark.parametrize(("text", "mention", "cue"), OPENING_PHRASE)
def test_an_opening_phrase_is_no_source(text: str, mention: str, cue: str) -> None:
    claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == cue]
    assert len(claims) == 1, [(c.cue and c.cue.text) for c in attributed(text)]
    assert claims[0].source is not None and claims[0].source.mention == mention
