"""Table tests for choosing the source of a claim: which words the source mention covers, and who it
names, in sentences where a nearby phrase competes (issue #10, source selection).

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from attribtrack.extractor import extract
from tests.test_extract_table import attributed

# (text, cue, source mention, source name): the claim with that cue (the last one, when the
# sentence has two) has this source
SOURCES = [
    # a relative clause holding a claim of its own is not part of the source ...
    (
        "Carla Moss, who said she had fished the bay for decades, said the quota was unfair.",
        "said",
        "Carla Moss",
        "Carla Moss",
    ),
    (
        '"The quota is unfair," said Carla Moss, who argued that the bay was overfished.',
        "said",
        "Carla Moss",
        "Carla Moss",
    ),
    # ... one that only describes the speaker stays in
    (
        "Carla Moss, who has fished the bay for decades, said the quota was unfair.",
        "said",
        "Carla Moss, who has fished the bay for decades,",
        "Carla Moss",
    ),
    (
        '"The quota is unfair," said Carla Moss, who runs the harbour cafe.',
        "said",
        "Carla Moss, who runs the harbour cafe",
        "Carla Moss",
    ),
    # an adverb between the auxiliary and the cue
    ("She has since said that the ferry would keep running.", "has since said", "She", None),
    # an opening place with its state or country is not the subject
    (
        "In Dover, Delaware, Mayor Ruiz toured the dock, calling the repairs overdue.",
        "calling",
        "Mayor Ruiz",
        "Ruiz",
    ),
    (
        "In Lyon, France, the minister met the growers, saying the harvest was lost.",
        "saying",
        "the minister",
        None,
    ),
    # a participle's speaker is the clause's subject, not the possessor of a noun cue before it
    (
        "She renewed her criticism of the toll on Monday, telling reporters it would hurt commuters.",
        "telling",
        "She",
        None,
    ),
    # a plural noun and the bare form of a cue verb: a subject and its verb, not a cue noun
    ("Harbour officials hope that the ferry will run again in May.", "hope", "Harbour officials", None),
    # a subject pronoun is the whole source, and still names the person it stands for
    ("Ana Ruiz runs the ferry. Maybe she thinks the pier is safe.", "thinks", "she", "Ana Ruiz"),
    ("Ana Ruiz runs the ferry. She, for her part, said the pier was safe.", "said", "She", "Ana Ruiz"),
    ("Ana Ruiz and I said the pier was unsafe.", "said", "Ana Ruiz and I", None),
    # two coordinated noun phrases opening the clause, the first a name or a pronoun, are one source
    ("She and her husband say the pier is unsafe.", "say", "She and her husband", None),
    (
        "Ms. Ruiz and other ferry captains said the quota was unfair.",
        "said",
        "Ms. Ruiz and other ferry captains",
        None,
    ),
    # ... but a clause before "and" is not part of the subject after it
    (
        "Prices rose, wages fell and fishermen say the season was the worst in years.",
        "say",
        "fishermen",
        None,
    ),
    # a span of time opening the sentence is not its subject
    (
        "Hours later, Mayor Ruiz returned the favour, telling reporters the two were old friends.",
        "telling",
        "Mayor Ruiz",
        "Ruiz",
    ),
    # an infinitive cue after a place or a medium: the clause's subject speaks, not the place
    ("The senator went on WXRT to declare that the bridge bill was dead.", "to declare", "The senator", None),
    ("Dock workers took to Twitter to say the new rota was unsafe.", "to say", "Dock workers", None),
    # a sentence adverb opening the sentence is not the subject
    (
        "Perhaps not coincidentally, Mayor Ruiz has lately started asking voters to pay more.",
        "asking",
        "Mayor Ruiz",
        "Ruiz",
    ),
    # the comma between a place and its region closes no apposition
    (
        "Paul Dalton, a truck driver from Ava, Mo., who drives for the co-op, said he would vote.",
        "said",
        "Paul Dalton, a truck driver from Ava, Mo., who drives for the co-op,",
        "Paul Dalton",
    ),
    # "including ..." lists members of the source, and belongs to it
    (
        "Several candidates, including Mr. Ruiz, said the port should close.",
        "said",
        "Several candidates, including Mr. Ruiz,",
        None,
    ),
    # a collective before "of" heads the source
    (
        "A chorus of prominent Republicans has said the same thing.",
        "has said",
        "A chorus of prominent Republicans",
        None,
    ),
    (
        "Small groups of protesters continued to call for answers.",
        "continued to call for",
        "Small groups of protesters",
        None,
    ),
    # a connector or focus word opening the sentence is not part of the source
    (
        "Even the Chinese government, Pyongyang's closest ally, said it was opposed to the test.",
        "said",
        "the Chinese government, Pyongyang's closest ally,",
        None,
    ),
    (
        "And surveys of harbour workers indicated that most backed the strike.",
        "indicated",
        "surveys of harbour workers",
        None,
    ),
    # nor is a dateline
    (
        "WASHINGTON -- President Obama, opening the museum on Saturday, said it would tell a story.",
        "said",
        "President Obama",
        None,
    ),
    # "May" after a name is the name's, not a month before the cue
    (
        "British Prime Minister Theresa May said this week that the country would leave.",
        "said",
        "British Prime Minister Theresa May",
        None,
    ),
    # a date right before the comma closing a relative clause is the clause's, not a parenthetical
    (
        "Christie, who has campaigned for the nominee since he left the race in February, blasted the plan.",
        "blasted",
        "Christie, who has campaigned for the nominee since he left the race in February,",
        None,
    ),
    # the date of a document between it and the cue belongs to the source
    (
        "A Quinnipiac poll released Monday found that voters were split.",
        "found",
        "A Quinnipiac poll released Monday",
        None,
    ),
    (
        "A survey conducted last week shows support for the levy falling.",
        "shows",
        "A survey conducted last week",
        None,
    ),
    # a clause's subject does not stop at a possessive
    (
        "John Kasich's presidential campaign is already claiming a victory of sorts.",
        "is already claiming",
        "John Kasich's presidential campaign",
        None,
    ),
    (
        "The Pentagon's recent top adviser went further, arguing that the war was lost.",
        "arguing",
        "The Pentagon's recent top adviser",
        None,
    ),
]


@pytest.mark.parametrize(("text", "cue", "mention", "name"), SOURCES)
def test_source_of_the_cue(text: str, cue: str, mention: str, name: str | None) -> None:
    claims = [c for c in attributed(text) if c.cue is not None and c.cue.text == cue]
    assert claims, [(c.cue and c.cue.text, c.source and c.source.mention) for c in attributed(text)]
    src = max(claims, key=lambda c: c.cue.span).source
    assert src is not None
    assert src.mention == mention
    if name is not None:
        assert src.name == name


# (text, source name of the cue-less quotation or None): a quotation opening the next sentence
BARE_QUOTES = [
    # after a trailing or "according to" attribution it continues that speaker ...
    ('The ferry will stop in May, Ana Ruiz said. "We were never told why."', "Ana Ruiz"),
    ('According to Ana Ruiz, the ferry will stop in May. "We were never told why."', "Ana Ruiz"),
    # ... after a forward one, the speaker is not known
    ('Ana Ruiz said the ferry would stop in May. "We were never told why."', None),
]


@pytest.mark.parametrize(("text", "name"), BARE_QUOTES)
def test_bare_quotation_speaker(text: str, name: str | None) -> None:
    bare = [c for c in extract(text).claims if c.cue is None and c.kind != "unattributed"]
    assert len(bare) == 1, [(c.kind, c.content[0].text) for c in extract(text).claims]
    assert (bare[0].source.name if bare[0].source else None) == name


def test_a_quotation_after_a_relative_clause_continues_the_speaker_before_it() -> None:
    # '"A," said X, who noted that ... "B."': the relative pronoun stands for X, whose quotation
    # goes on in the next sentence
    text = (
        '"Bookings are up a little," said Tom Dalton, who noted that the harbour had been dredged. '
        '"The season looks better than last year."'
    )
    said = [c for c in attributed(text) if c.cue is not None and c.cue.text == "said"]
    assert len(said) == 1
    assert [x.text for x in said[0].content] == [
        "Bookings are up a little",
        "The season looks better than last year.",
    ]
    assert not [c for c in attributed(text) if c.cue is None]
