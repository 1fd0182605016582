"""Where a cue, a source and a content begin and end (issue #10, item 6's open cases and the span
rules measured on PolNeAR), as table tests.

Every sentence here is written for these tests: names, places and events are invented.
"""

from __future__ import annotations

import pytest
from test_extract_table import attributed, one

# --- the words around a cue ----------------------------------------------------------------------

# (text, cue, content texts)
CUE_EDGES = [
    # adverbs and auxiliaries right before the verb join the cue
    ("Weber also said the ferry would run.", "also said", ["the ferry would run"]),
    ("Weber strongly criticized the new fares.", "strongly criticized", ["the new fares"]),
    ("Weber now says the ferry will run.", "now says", ["the ferry will run"]),
    ("Weber then said the ferry would run.", "then said", ["the ferry would run"]),
    ("Weber has repeatedly said the ferry would run.", "has repeatedly said", ["the ferry would run"]),
    ("Weber has been harshly criticized for the fares.", "has been harshly criticized for", ["the fares"]),
    # a hedge is the claim's, not part of its cue
    ("Weber reportedly said the ferry would run.", "said", ["the ferry would run"]),
    # a noun ending like an adverb stays out ("the rally")
    ("The organizer of the rally said the march would go on.", "said", ["the march would go on"]),
    # verbs that lead to the cue through "to" join it
    ("Weber went on to say the ferry would run.", "went on to say", ["the ferry would run"]),
    ("Weber went on to argue that the ferry would run.", "went on to argue", ["that the ferry would run"]),
    ("Weber continued to question the audit.", "continued to question", ["the audit"]),
    # "seemed to", "plans to": the rest stays in the content, as annotators mark it
    ("The mayor plans to reopen the pier.", "plans", ["to reopen the pier"]),
    # a preposition between the cue and its object joins the cue
    ("The harbour master warned of delays at the pier.", "warned of", ["delays at the pier"]),
    ("The union responded to the offer from the port.", "responded to", ["the offer from the port"]),
    ("Weber talked about the cost of the new pier.", "talked about", ["the cost of the new pier"]),
    # an infinitive stays in the content
    ("The mayor wants to reopen the pier.", "wants", ["to reopen the pier"]),
]


@pytest.mark.parametrize(("text", "cue", "content"), CUE_EDGES)
def test_cue_edges(text: str, cue: str, content: list[str]) -> None:
    c = one(text)
    assert c.cue is not None and c.cue.text == cue
    assert [x.text for x in c.content] == content


def test_a_chain_through_a_cue_verb() -> None:
    # "continued" is a cue of its own (PolNeAR annotates both claims); the claim of "insist" holds
    # the whole chain
    claims = attributed("Weber continued to insist that the ferry would run.")
    mine = [c for c in claims if c.cue is not None and c.cue.text == "continued to insist"]
    assert len(mine) == 1 and [x.text for x in mine[0].content] == ["that the ferry would run"]


# --- a date after the cue or its addressee is not content ----------------------------------------

# (text, cue, content texts)
DATES = [
    (
        "The mayor told the board on Monday that the pier would reopen.",
        "told",
        ["that the pier would reopen"],
    ),
    ("The mayor told the board on Monday the pier would reopen.", "told", ["the pier would reopen"]),
    ("Ruiz told reporters on Tuesday night the cranes were idle.", "told", ["the cranes were idle"]),
    ("Ruiz said last week the cranes were idle.", "said", ["the cranes were idle"]),
    ("Ruiz said on March 3 the cranes were idle.", "said", ["the cranes were idle"]),
]


@pytest.mark.parametrize(("text", "cue", "content"), DATES)
def test_dates_stay_out_of_content(text: str, cue: str, content: list[str]) -> None:
    c = one(text)
    assert c.cue is not None and c.cue.text == cue
    assert [x.text for x in c.content] == content


def test_a_weekday_that_ends_the_sentence_joins_a_trailing_cue() -> None:
    # as annotators mostly mark it; the claim keeps its date
    c = one("The pier will reopen, Ruiz said Tuesday.")
    assert c.cue is not None and c.cue.text == "said Tuesday"
    assert [x.text for x in c.content] == ["The pier will reopen"]
    assert c.date is not None and c.date.text == "Tuesday"


def test_a_weekday_right_after_a_forward_cue_joins_it() -> None:
    c = one("Ruiz said Tuesday that the pier would reopen.")
    assert c.cue is not None and c.cue.text == "said Tuesday"
    assert [x.text for x in c.content] == ["that the pier would reopen"]


def test_a_date_after_a_trailing_cue_is_not_content() -> None:
    c = one("The pier will reopen, Ruiz said on Monday night.")
    assert c.cue is not None and c.cue.text == "said"
    assert [x.text for x in c.content] == ["The pier will reopen"]


# --- a reported act is not a second claim -------------------------------------------------------


def test_an_act_confirmed_by_an_office_is_one_claim() -> None:
    c = one("Governor Alma Reyes declared a state of emergency in the valley, her office confirmed.")
    assert c.source is not None and c.source.name == "office"
    assert c.cue is not None and c.cue.text == "confirmed"
    assert [x.text for x in c.content] == ["Governor Alma Reyes declared a state of emergency in the valley"]


def test_speech_reported_by_an_office_stays_a_claim() -> None:
    # "said" with a clause for content is still Reyes's claim, reported by her office
    claims = attributed("Reyes said the valley roads would reopen, her office confirmed.")
    got = sorted((c.source.name, c.cue.text) for c in claims if c.source and c.cue)
    assert got == [("Reyes", "said"), ("office", "confirmed")]


# --- a raised subject belongs to the content ----------------------------------------------------


def test_the_subject_of_expected_to_is_content() -> None:
    c = one("The council is expected to approve the harbour budget.")
    assert c.source is None
    assert c.cue is not None and c.cue.text == "is expected"
    assert [x.text for x in c.content] == ["The council", "to approve the harbour budget"]


# --- what a source cites is the basis of its claim ----------------------------------------------


def test_citing_names_the_basis_not_a_claim() -> None:
    c = one("The ministry, citing harbour pilots, said the channel was blocked.")
    assert c.source is not None and c.source.name == "ministry"
    assert c.cue is not None and c.cue.text == "said"
    assert [x.text for x in c.content] == ["the channel was blocked"]
    assert [v.name for v in c.via] == ["harbour pilots"]
    assert c.via[0].span is not None


# --- a name, then a role in apposition, then a description of the role's organisation ----------

# (text, source name, role)
APPOSITION_CHAINS = [
    (
        "Ana Ruiz, head of the port authority, a state agency, said the pier was unsafe.",
        "Ana Ruiz",
        "head of the port authority, a state agency",
    ),
    (
        "Tomas Berg, chief executive of Norvexa, a Bergen shipyard, said the hull was sound.",
        "Tomas Berg",
        "chief executive of Norvexa, a Bergen shipyard",
    ),
    ("Ana Ruiz, a harbour pilot, said the pier was unsafe.", "Ana Ruiz", "a harbour pilot"),
]


ASIDES = ["Ana Ruiz, by contrast, said the pier was unsafe.", "Ana Ruiz, however, said the pier was unsafe."]


@pytest.mark.parametrize("text", ASIDES)
def test_an_aside_is_no_role(text: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.name == "Ana Ruiz" and c.source.role is None
    assert text[c.source.span[0] : c.source.span[1]] == "Ana Ruiz"


@pytest.mark.parametrize(("text", "name", "role"), APPOSITION_CHAINS)
def test_the_name_heads_an_apposition_chain(text: str, name: str, role: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.name == name and c.source.type == "person"
    assert c.source.role == role
    assert text[c.source.span[0] : c.source.span[1]].rstrip(",") == f"{name}, {role}"


# --- an unknown one-word name: a person or an organisation --------------------------------------

# (text, name, type)
ONE_WORD_NAMES = [
    ("Norvexa said its trial would resume in May.", "Norvexa", "organization"),
    ("Norvexa said in a statement that its trial would resume.", "Norvexa", "organization"),
    ("Norvexa, the company behind the vaccine, said the trial would resume.", "Norvexa", "organization"),
    ("Halvorsen said his trial would resume in May.", "Halvorsen", "person"),
    ("Halvorsen said the trial would resume in May.", "Halvorsen", "person"),
]


@pytest.mark.parametrize(("text", "name", "typ"), ONE_WORD_NAMES)
def test_one_word_names(text: str, name: str, typ: str) -> None:
    c = one(text)
    assert c.source is not None and c.source.name == name
    assert c.source.type == typ
