"""Verification verdicts on small texts written for each case, and how claims are linked to
source documents (speaker, outlet, channel, nearest date)."""

from __future__ import annotations

import random

from test_verify import claim

from attribtrack.models import Claims, DocumentRef
from attribtrack.sources import verify
from attribtrack.sources.documents import SourceText

FILLER = (
    "the minister spoke at length about the budget and the harvest while reporters waited outside in the "
    "rain for a statement that never came"
).split()


def filler(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(FILLER) for _ in range(n)) + "."


def doc(text: str, ref: str = "src", **fields: str) -> SourceText:
    return SourceText(ref=ref, id=ref, text=text, **fields)  # type: ignore[arg-type]


def check_one(
    article: str,
    sentence: str,
    docs: list[SourceText],
    *,
    kind: str = "direct",
    speaker: str = "Anna Petrova",
    **kw,
):  # type: ignore[no-untyped-def]
    c = claim("c1", kind, sentence, speaker, "person", text=article, **kw)
    return verify(Claims(document=DocumentRef(sha256="0" * 64), claims=(c,)), article, docs)


def test_words_cut_from_the_middle_are_truncated() -> None:
    source = (
        "Petrova: The information was too general. It contained no names, no dates and no places, and it "
        "could not be used."
    )
    sentence = '"The information was too general and could not be used," Petrova said.'
    v = check_one(sentence, sentence, [doc(source, speaker="Anna Petrova")])
    seg = v.quotes[0].segments[0]
    assert seg.verdict == "truncated-or-spliced"
    assert [p.text for p in seg.found] == [
        "The information was too general",
        "and it \ncould not be used".replace(" \n", " "),
    ]


def test_pieces_from_two_places_are_spliced() -> None:
    source = (
        "We are ready to cooperate on security. " + filler(300, 1) + " We will work with every partner who "
        "respects our interests."
    )
    sentence = '"We are ready to cooperate with every partner who respects our interests," Petrova said.'
    v = check_one(sentence, sentence, [doc(source, speaker="Anna Petrova")])
    seg = v.quotes[0].segments[0]
    assert seg.verdict == "truncated-or-spliced"
    assert [p.text for p in seg.found] == [
        "We are ready to cooperate",
        "with every partner who respects our interests",
    ]


def test_forty_word_quote_with_changes_in_a_10000_word_transcript() -> None:
    rng = random.Random(7)
    vocab = [f"word{i}" for i in range(2000)]
    words = [rng.choice(vocab) for _ in range(10_000)]
    original = words[6000:6040]
    quoted = list(original)
    quoted[3], quoted[17], quoted[30] = "changed", "different", "other"
    sentence = '"' + " ".join(quoted) + '," Petrova said.'
    v = check_one(sentence, sentence, [doc(" ".join(words), speaker="Anna Petrova")])
    seg = v.quotes[0].segments[0]
    assert seg.verdict == "altered"
    assert seg.found[0].text == " ".join(original)
    assert [(c.quote.split()[-1], c.source.split()[-1]) for c in seg.changes] == [
        ("changed", original[3]),
        ("different", original[17]),
        ("other", original[30]),
    ]
    assert seg.coverage == round(37 / 40, 4)


def test_a_missing_word_is_an_alteration() -> None:
    source = "Petrova: We will never accept these terms."
    sentence = '"We will accept these terms," Petrova said.'
    seg = check_one(sentence, sentence, [doc(source, speaker="Anna Petrova")]).quotes[0].segments[0]
    assert seg.verdict == "altered"
    assert [(c.op, c.quote, c.source) for c in seg.changes] == [("added", "will", "will never")]


def test_an_unrelated_quote_is_not_found() -> None:
    sentence = '"Our farmers will have the best harvest in a decade and prices will fall," Petrova said.'
    seg = check_one(sentence, sentence, [doc(filler(3000, 3), speaker="Anna Petrova")]).quotes[0].segments[0]
    assert seg.verdict == "not-found"


def test_a_short_quote_needs_its_words_not_lookalikes() -> None:
    sentence = 'Petrova called the plan "too general."'
    v = check_one(
        sentence,
        sentence,
        [doc("Petrova: We need to generate more ideas.", speaker="Anna Petrova")],
        kind="mixed",
    )
    assert v.quotes[0].verdict == "not-found"
    v = check_one(
        sentence, sentence, [doc("Petrova: The plan is too general.", speaker="Anna Petrova")], kind="mixed"
    )
    assert v.quotes[0].verdict == "verbatim"


def test_another_speakers_document_is_not_a_candidate() -> None:
    sentence = '"The plan is too general," Petrova said.'
    v = check_one(sentence, sentence, [doc("Ivanov: The plan is too general.", speaker="Oleg Ivanov")])
    assert v.quotes[0].verdict == "no-document"


def test_surname_matches_the_documents_speaker() -> None:
    sentence = '"The plan is too general," Petrova said.'
    v = check_one(
        sentence, sentence, [doc("The plan is too general.", speaker="Anna Petrova")], speaker="Petrova"
    )
    assert v.quotes[0].verdict == "verbatim"


def test_channel_mentioned_in_the_claim_links_its_documents() -> None:
    sentence = '"The plan is too general," she wrote on Telegram.'
    telegram = doc("The plan is too general.", ref="post", channel="Telegram")
    other = doc("The plan is too general.", ref="other", channel="Facebook")
    v = check_one(sentence, sentence, [telegram, other])
    assert v.quotes[0].candidates == ("post",)
    assert v.quotes[0].verdict == "verbatim"


def test_outlet_named_as_via_links_its_documents() -> None:
    sentence = 'Petrova told Interfax that the plan was "too general."'
    interfax = doc("Interfax: What about the plan? It is too general.", ref="interview", outlet="Interfax")
    reuters = doc("The plan is too general.", ref="wire", outlet="Reuters")
    v = check_one(sentence, sentence, [interfax, reuters], kind="mixed", via=("Interfax",))
    assert v.quotes[0].candidates == ("interview",)


def test_nearest_in_date_comes_first_and_wins_a_tie() -> None:
    sentence = 'Petrova said on April 3 that the plan was "too general."'
    early = doc("The plan is too general.", ref="early", speaker="Anna Petrova", published="2024-03-01")
    near = doc("The plan is too general.", ref="near", speaker="Anna Petrova", published="2024-04-04")
    v = check_one(sentence, sentence, [early, near], kind="mixed", date="April 3")
    assert v.quotes[0].candidates == ("near", "early")
    assert v.quotes[0].segments[0].found[0].document == "near"


def test_curly_quotes_and_line_breaks_do_not_matter() -> None:
    sentence = "\u201cWe will not   be\nintimidated,\u201d Petrova said."
    v = check_one(sentence, sentence, [doc("Petrova: We will not be intimidated.", speaker="Anna Petrova")])
    assert v.quotes[0].verdict == "verbatim"


def test_quote_segments_of_direct_and_mixed_claims() -> None:
    from attribtrack.models import TextSpan
    from attribtrack.sources.verification import quote_segments

    text = 'She called the plan "too general" and "unworkable," Petrova said, adding: "We will wait."'
    mixed = claim("c1", "mixed", text, "Anna Petrova", "person", text=text)
    assert [text[s:e] for s, e in quote_segments(mixed, text)] == [
        "too general",
        "unworkable,",
        "We will wait.",
    ]
    # a mixed claim's content limits the fragments to its own
    narrowed = mixed.model_copy(update={"content": (TextSpan(text="the plan", span=(15, 34)),)})
    assert [text[s:e] for s, e in quote_segments(narrowed, text)] == ["too general"]
    # a direct quote's content spans are its words, even when its span starts inside the marks
    inner = text.index("We will wait.")
    direct = mixed.model_copy(
        update={"kind": "direct", "span": (inner, len(text)),
                "content": (TextSpan(text="We will wait.", span=(inner, inner + 13)),)}
    )  # fmt: skip
    assert [text[s:e] for s, e in quote_segments(direct, text)] == ["We will wait."]
