"""Table tests for choosing the source of a claim: which words the source mention covers, and who it
names, in sentences where a nearby phrase competes (issue #10, source selection).

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

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
