"""Table tests for the extractor: sentence -> (source, cue, content, kind), positives and negatives.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from attribtrack.extractor import EXTRACTOR_VERSION, extract


def attributed(text: str):
    return [c for c in extract(text).claims if c.kind != "unattributed"]


def one(text: str):
    claims = attributed(text)
    assert len(claims) == 1, [(c.source and c.source.name, c.cue and c.cue.text) for c in claims]
    return claims[0]


# (text, source name, cue, content texts, kind)
POSITIVES = [
    # direct quotes: trailing, inverted, leading, curly, guillemets, discontinuous
    ('"The dam will hold," Mayor Ana Ortiz said.', "Ana Ortiz", "said", ["The dam will hold,"], "direct"),
    ("\u201cThe dam will hold,\u201d Ortiz said.", "Ortiz", "said", ["The dam will hold,"], "direct"),
    ('"The dam will hold," said Carl Weber, a county engineer.', "Carl Weber", "said", ["The dam will hold,"], "direct"),
    ('Carl Weber said: "The dam will hold."', "Carl Weber", "said", ["The dam will hold."], "direct"),
    ("\u00abThe dam will hold,\u00bb Weber said.", "Weber", "said", ["The dam will hold,"], "direct"),
    ('"The dam will hold," Weber said, "but the road will not."', "Weber", "said",
     ["The dam will hold,", "but the road will not."], "direct"),
    # indirect speech
    ("Carl Weber said that the dam would hold.", "Carl Weber", "said", ["the dam would hold"], "indirect"),
    ("Carl Weber said the dam would hold.", "Carl Weber", "said", ["the dam would hold"], "indirect"),
    ("The dam would hold, Carl Weber said.", "Carl Weber", "said", ["The dam would hold"], "indirect"),
    ("According to the county, the dam would hold.", "county", "According to", ["the dam would hold"], "indirect"),
    ("The dam would hold, according to Carl Weber.", "Carl Weber", "according to", ["The dam would hold"], "indirect"),
    ("County engineer Carl Weber told reporters that the dam would hold.", "Carl Weber", "told",
     ["the dam would hold"], "indirect"),
    ("Carl Weber reported on May 2 that the dam had held.", "Carl Weber", "reported", ["the dam had held"], "indirect"),
    ("Carl Weber denied any wrongdoing.", "Carl Weber", "denied", ["any wrongdoing"], "indirect"),
    ("Carl Weber urged residents to leave their homes.", "Carl Weber", "urged",
     ["residents to leave their homes"], "indirect"),
    ("Carl Weber has warned that the river could rise.", "Carl Weber", "warned", ["the river could rise"], "indirect"),
    # mixed: a reported clause with quoted words
    ('Carl Weber said the dam was "perfectly safe" for now.', "Carl Weber", "said",
     ['the dam was "perfectly safe" for now'], "mixed"),
    # sources: groups, anonymous, appositives, organisations, documents
    ("Local officials said the road would reopen.", "Local officials", "said", ["the road would reopen"], "indirect"),
    ("Two people familiar with the plan said it was dropped.", "Two people familiar with the plan", "said",
     ["it was dropped"], "indirect"),
    ("Lena Hart, head of the county water board, said the dam was safe.", "Lena Hart", "said",
     ["the dam was safe"], "indirect"),
    ("The road would reopen, a county transport department statement said.", "county transport department",
     "said", ["The road would reopen"], "indirect"),
    ("The city engineer said the bridge must close.", "city engineer", "said", ["the bridge must close"], "indirect"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content", "kind"), POSITIVES)
def test_positive(text: str, source: str, cue: str, content: list[str], kind: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.name.casefold() == source.casefold()
    assert c.cue is not None and c.cue.text == cue
    assert [x.text for x in c.content] == content
    assert c.kind == kind


NEGATIVES = [
    'The band played "Yellow Submarine" twice.',  # a title in quotation marks
    'The mayor, known as "the Builder," opened the bridge.',  # a nickname
    "A U.S. warning reached the ministry on Monday.",  # "warning" is a noun
    "The ministers discussed the attack in a phone call on Monday.",  # "call" is a noun
    "His claims were never tested in court.",  # "claims" is a noun
    "He was accused of fraud.",  # passive, no source: not a sourced claim
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text: str) -> None:
    assert [c for c in attributed(text) if c.source is not None] == []


def test_unattributed_statement() -> None:
    claims = extract("The bridge will close for repairs in June.").claims
    assert [c.kind for c in claims] == ["unattributed"]
    assert claims[0].source is None and claims[0].cue is None


def test_pronoun_and_surname_resolve() -> None:
    text = ("Harbour Minister Ana Ruiz visited the site.\n\n"
            '"The bridge will reopen in May," she said.\n\nRuiz added that repairs were on budget.')
    claims = attributed(text)
    assert [c.source.name for c in claims if c.source] == ["Ana Ruiz", "Ana Ruiz"]
    c = claims[0]
    assert c.source is not None and c.source.mention == "she"


def test_via_confirmed_hedge_date() -> None:
    text = ("The Harbour Gazette reported on March 3 that the port would close.\n\n"
            "According to the report, which was later confirmed by Reuters, port officials told "
            "the mayor that the cranes were unsafe.\n\n"
            "Lena Hart told Interfax on March 4 that the closure was temporary.\n\n"
            "The union claimed without evidence that the cranes had been sabotaged.")
    claims = attributed(text)
    by_source = {c.source.name: c for c in claims if c.source}
    officials = by_source["port officials"]
    assert [v.name for v in officials.via] == ["Harbour Gazette"] or [v.name for v in officials.via] == [
        "The Harbour Gazette"]
    assert [r.name for r in officials.confirmed_by] == ["Reuters"]
    hart = by_source["Lena Hart"]
    assert [v.name for v in hart.via] == ["Interfax"]
    assert hart.date is not None and hart.date.text == "March 4"
    union = by_source["union"]
    assert [h.text for h in union.hedges] == ["without evidence"]


def test_following_sentence_confirms() -> None:
    text = "Carl Weber said the dam was cracked.\n\nReuters independently confirmed the report."
    claims = attributed(text)
    assert len(claims) == 1
    assert [r.name for r in claims[0].confirmed_by] == ["Reuters"]


def test_iso_date_from_published() -> None:
    c = one("Carl Weber said on April 2 that the dam held.") if False else None
    claims = extract("Carl Weber said on April 2 that the dam held.", published="2024-04-05").claims
    assert claims[0].date is not None and claims[0].date.iso == "2024-04-02"


def test_version_is_a_string() -> None:
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION
