"""attribtrack verify on the seed article and the source fixtures: every verdict, and that each is
right. The claims are written out by hand here (offsets found in the article), so these tests
check verification alone; tests/test_sources_cli.py runs the whole pipeline with the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribtrack.models import Claim, Claims, DateRef, DocumentRef, Ref, Source, TextSpan
from attribtrack.sources import documents_from_paths, verify
from attribtrack.sources.documents import SourceText

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "fixtures" / "crocus.txt").read_text(encoding="utf-8")
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "sources").glob("*.md"))


def span_of(text: str, part: str, after: int = 0) -> tuple[int, int]:
    i = text.index(part, after)
    return (i, i + len(part))


def para(prefix: str, text: str = ARTICLE) -> str:
    """The paragraph of ``text`` that starts with ``prefix`` (each seed claim is one paragraph)."""
    return next(p for p in text.splitlines() if p.startswith(prefix))


def part(sentence: str, first: str, last: str) -> str:
    """The stretch of ``sentence`` from ``first`` through ``last``."""
    i = sentence.index(first)
    return sentence[i : sentence.index(last, i) + len(last)]


def claim(
    cid: str,
    kind: str,
    sentence: str,
    source: str,
    stype: str,
    *,
    content: tuple[str, ...] = (),
    via: tuple[str, ...] = (),
    confirmed: tuple[str, ...] = (),
    date: str | None = None,
    text: str = ARTICLE,
) -> Claim:
    s = span_of(text, sentence)
    return Claim(
        id=cid,
        kind=kind,  # type: ignore[arg-type]
        span=s,
        text=sentence,
        content=tuple(TextSpan(text=c, span=span_of(text, c, s[0])) for c in content),
        source=Source(name=source, mention=source, span=s, type=stype),  # type: ignore[arg-type]
        via=tuple(Ref(name=v) for v in via),
        confirmed_by=tuple(Ref(name=v) for v in confirmed),
        date=DateRef(text=date, span=span_of(text, date, s[0])) if date else None,
    )


WAPO, NYT = "The Washington Post", "The New York Times"
P1, P2, P3 = para("A U.S. intelligence"), para("According to the report"), para("The warning did not")
P4, P5, P6 = para("Kremlin spokesman"), para('"This is not'), para("However, three days")
P7, P9, P10 = para("French Defense Minister"), para("Sergei Naryshkin"), para("Putin said the same day")
P12, P13 = para("Reuters reported"), para('"The written information')

#: The seed article's attributed claims, as the extractor should give them.
SEED = Claims(
    document=DocumentRef(sha256="0" * 64, title="crocus mall"),
    claims=(
        claim(
            "c1", "indirect", P1, WAPO, "outlet", content=(part(P1, "A U.S.", "targeted"),), date="April 2"
        ),
        claim(
            "c2",
            "indirect",
            P2,
            "U.S. officials",
            "group",
            content=(part(P2, "the Islamic", "potential target"),),
            via=(WAPO,),
            confirmed=(NYT,),
        ),
        claim(
            "c3",
            "indirect",
            P3,
            "intelligence sources",
            "anonymous",
            content=(part(P3, "The warning", "within days"),),
            via=(WAPO, NYT),
        ),
        claim(
            "c4",
            "indirect",
            P4,
            "Dmitry Peskov",
            "person",
            content=(part(P4, "the presidential", "U.S. warning"),),
            date="April 3",
        ),
        claim(
            "c5",
            "direct",
            P5,
            "Dmitry Peskov",
            "person",
            content=(part(P5, "This", "expertise,"), part(P5, "as such", "services.")),
        ),
        claim("c6", "mixed", P6, "Vladimir Putin", "person"),
        claim("c7", "mixed", P7, "French Defense Ministry", "organization"),
        claim("c9", "mixed", P9, "Sergei Naryshkin", "person", via=("Interfax",), date="April 2"),
        claim("c10", "mixed", P10, "Vladimir Putin", "person"),
        claim("c12", "mixed", P12, "Reuters", "outlet", date="April 1"),
        claim(
            "c13",
            "direct",
            P13,
            "Lynne Tracy",
            "person",
            content=(part(P13, "The", "credible,"),),
            via=("Telegram",),
        ),
    ),
)


@pytest.fixture(scope="module")
def docs() -> list[SourceText]:
    return documents_from_paths(SOURCES)


@pytest.fixture(scope="module")
def result(docs: list[SourceText]):  # type: ignore[no-untyped-def]
    return verify(SEED, ARTICLE, docs)


def quote(result, cid: str):  # type: ignore[no-untyped-def]
    return next(q for q in result.quotes if q.claim == cid)


def support(result, cid: str):  # type: ignore[no-untyped-def]
    return next(s for s in result.support if s.claim == cid)


def test_fixtures_are_read_with_their_front_matter(docs: list[SourceText]) -> None:
    by_id = {d.id: d for d in docs}
    assert by_id["tracy-telegram"].speaker == "Lynne Tracy"
    assert by_id["tracy-telegram"].channel == "Telegram"
    assert by_id["kremlin-peskov-briefing"].outlet == "Kremlin"
    assert by_id["interfax-naryshkin"].published == "2024-04-02"
    assert len(docs) == 7


@pytest.mark.parametrize("cid", ["c9", "c12", "c13"])
def test_verbatim(result, cid: str) -> None:  # type: ignore[no-untyped-def]
    q = quote(result, cid)
    assert q.verdict == "verbatim"
    assert all(seg.verdict == "verbatim" and not seg.changes for seg in q.segments)


def test_verbatim_ignores_quote_marks_case_spacing_and_trailing_punctuation(result) -> None:  # type: ignore[no-untyped-def]
    seg = quote(result, "c13").segments[0]
    assert seg.text == "The written information was concrete, timely, and credible,"
    assert seg.found[0].text == "The written information was concrete, timely, and credible"
    assert seg.found[0].document == "fixtures/sources/tracy-telegram.md"


def test_altered_shows_the_word_level_difference(result) -> None:  # type: ignore[no-untyped-def]
    q = quote(result, "c6")
    assert q.verdict == "altered"
    altered, verbatim = q.segments
    assert altered.text == "provocative statements"
    assert altered.verdict == "altered"
    assert [(c.op, c.quote, c.source) for c in altered.changes] == [
        ("replaced", "provocative statements", "provocative statement")
    ]
    assert verbatim.verdict == "verbatim"
    assert q.candidates == ("fixtures/sources/kremlin-putin-fsb-board.md",)


def test_discontinuous_quote_found_apart_is_truncated_or_spliced(result) -> None:  # type: ignore[no-untyped-def]
    q = quote(result, "c5")
    assert q.verdict == "truncated-or-spliced"
    first, second = q.segments
    assert first.found[0].text == "This is not our area of expertise"
    assert second.found[0].text.startswith("as such information exchange")
    # apart in the transcript: other sentences stand between the two pieces
    assert second.found[0].source_span[0] - first.found[0].source_span[1] > 100


def test_not_found_in_the_speakers_document(result) -> None:  # type: ignore[no-untyped-def]
    q = quote(result, "c10")
    assert q.verdict == "not-found"
    assert q.candidates == ("fixtures/sources/kremlin-putin-fsb-board.md",)
    assert q.segments[0].found == ()


def test_no_document_when_nothing_is_linked(result) -> None:  # type: ignore[no-untyped-def]
    q = quote(result, "c7")
    assert q.verdict == "no-document"
    assert q.candidates == ()


def test_supported_claims_cite_the_passage(result) -> None:  # type: ignore[no-untyped-def]
    c4 = support(result, "c4")
    assert c4.verdict == "supported"
    assert c4.passage is not None and "presidential administration was not aware" in c4.passage.text
    c1 = support(result, "c1")
    assert c1.verdict == "supported"
    assert c1.passage is not None and c1.passage.document.endswith("washington-post-warning.md")
    assert support(result, "c2").verdict == "supported"


def test_unsupported_below_the_threshold(result) -> None:  # type: ignore[no-untyped-def]
    from attribtrack.sources.verification import SUPPORT_MIN

    c3 = support(result, "c3")
    assert c3.verdict == "unsupported"
    assert 0 < c3.score < SUPPORT_MIN
    assert set(c3.candidates) == {
        "fixtures/sources/nyt-crocus-warning.md",
        "fixtures/sources/washington-post-warning.md",
    }


def test_corroborated_by_another_outlets_document(result) -> None:  # type: ignore[no-untyped-def]
    pairs = {(c.claim, c.outlet) for c in result.corroborations}
    assert ("c1", "The New York Times") in pairs
    assert ("c2", "The New York Times") in pairs
    # never by the claim's own outlet, nor by the speaker's own words
    assert ("c1", "The Washington Post") not in pairs
    assert not any(c.claim in ("c4", "c5") and c.outlet == "Kremlin" for c in result.corroborations)


def test_passages_are_exact_slices_of_the_source_texts(result, docs: list[SourceText]) -> None:  # type: ignore[no-untyped-def]
    texts = {d.ref: d.text for d in docs}
    passages = [p for q in result.quotes for s in q.segments for p in s.found]
    passages += [s.passage for s in result.support if s.passage] + [c.passage for c in result.corroborations]
    assert passages
    for p in passages:
        assert texts[p.document][p.source_span[0] : p.source_span[1]] == p.text


def test_quote_spans_index_the_article(result) -> None:  # type: ignore[no-untyped-def]
    for q in result.quotes:
        for seg in q.segments:
            assert ARTICLE[seg.span[0] : seg.span[1]].strip() == seg.text


def test_output_is_deterministic(docs: list[SourceText]) -> None:
    a = verify(SEED, ARTICLE, docs).to_json()
    b = verify(SEED, ARTICLE, list(reversed(docs))).to_json()
    assert a == b


def test_json_contract(result) -> None:  # type: ignore[no-untyped-def]
    data = result.to_dict()
    assert data["schema"] == "attribtrack.verify/1"
    assert set(data) == {"schema", "document", "sources", "quotes", "support", "corroborations"}
    assert {q["verdict"] for q in data["quotes"]} == {
        "verbatim",
        "altered",
        "truncated-or-spliced",
        "not-found",
        "no-document",
    }
