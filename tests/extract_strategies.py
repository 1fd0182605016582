"""Hypothesis strategies for the extractor: hostile and news-like texts, and the checks any
extraction must pass. Shared by ``test_extract_props.py`` and ``benchmarks/fuzz_extract.py``
(as ``reader_strategies`` is by the reader tests and ``fuzz_readers.py``). All sentences are
invented."""

from __future__ import annotations

from hypothesis import strategies as st

from attribtrack.extractor import extract

PIECES = st.sampled_from(
    [
        '"',
        "\u201c",
        "\u201d",
        "\u00ab",
        "\u00bb",
        "'",
        "\u2019",
        " said ",
        " told ",
        ", ",
        ". ",
        "\n\n",
        "\n",
        "According to ",
        " the ministry",
        "Peskov",
        " he ",
        "Reuters",
        " that ",
        ": ",
        " on April 2",
        "\u00a0",
        "\u00ad",
        "without evidence",
        " confirmed by ",
        "U.S. officials",
        " -- ",
        "?",
        "!",
        "''",
        "``",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
)

# News-like sentences from invented parts: every frame shape the extractor knows (forward,
# trailing, according, passive, nominal, inherited, labels, questions, headlines), mixed with
# hostile punctuation, so the search reaches the frame finders' deeper branches.
_NAMES = st.sampled_from(
    ["Ana Lima", "Mayor Linda Okafor", "the ministry", "Harbor Authority", "A senior official",
     "union leader Marieke de Vries", "Dr. Samuel Osei", "Officials", "The Gazette", "he", "She",
     "they", "Nine in 10 voters", "The company's chief executive, John Smith,", "Medivax", "It",
     "A spokesperson for the operator, ECT,", "Local media", "Critics", "Who", "Raj Patel"]
)  # fmt: skip
_CUES = st.sampled_from(
    ["said", "says", "told reporters", "added", "wrote", "tweeted", "believes", "wants", "plans",
     "argued", "has long argued", "denied", "confirmed", "warned of", "insisted on Thursday",
     "also said", "said in a statement", "appeared to acknowledge", "declined to say", "shows",
     "is talking about", "went on to say", "reportedly said", "responded to", "citing"]
)  # fmt: skip
_CLAUSES = st.sampled_from(
    ["the ferry will sail", "fares must rise", "talks will resume", "no deal was reached",
     "the pause was a mistake", "prices rose, wages fell", "it could come within days", "",
     "the plan, which critics oppose, failed", "\u201cwe are ready\u201d", "'nothing changed'"]
)  # fmt: skip
_OPEN = st.sampled_from(["", '"', "\u201c", "\u00ab", "'", "(", "> ", "- ", "## ", "Q: ", "Ana: "])
_SEP = st.sampled_from([" ", "\n", "\n\n", "  ", "\t", " -- ", "\u2014", ";", ": ", "\u2028"])


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    who, cue, what = draw(_NAMES), draw(_CUES), draw(_CLAUSES)
    shape = draw(st.integers(0, 8))
    if shape == 0:
        s = f"{who} {cue} that {what}."
    elif shape == 1:
        s = f'"{what.capitalize()}," {who} {cue}.'
    elif shape == 2:
        s = f"According to {who}, {what}."
    elif shape == 3:
        s = f"{what.capitalize()}, {who} {cue} on Monday."
    elif shape == 4:
        s = f"The report was {cue.split()[0]} by {who}."
    elif shape == 5:
        s = f"{who}'s statement that {what} was {cue.split()[0]}."
    elif shape == 6:
        s = f"{who.upper()} {cue.upper()} {what.upper()}"
    elif shape == 7:
        s = f"{who}: {what}"
    else:
        s = f"{who} {cue}, asking whether {what}?"
    return draw(_OPEN) + s


NEWS = st.lists(
    st.tuples(st.one_of(_sentence(), _sentence(), PIECES, st.text(max_size=6)), _SEP), max_size=40
).map(lambda parts: "".join(p + sep for p, sep in parts))


def check_spans(text: str) -> int:
    """Every span of every claim and entity lies in the text and quotes it exactly; returns the
    number of claims."""
    c = extract(text)
    for claim in c.claims:
        a, b = claim.span
        assert 0 <= a <= b <= len(text) and text[a:b] == claim.text
        parts = (
            [*claim.content, *claim.hedges]
            + ([claim.cue] if claim.cue else [])
            + ([claim.date] if claim.date else [])
        )
        for p in parts:
            s, e = p.span
            assert 0 <= s <= e <= len(text) and text[s:e] == p.text
        if claim.source:
            s, e = claim.source.span
            assert text[s:e] == claim.source.mention
    for ent in c.entities:
        for s, e in ent.mentions:
            assert 0 <= s < e <= len(text)
    return len(c.claims)


def check_paths_agree(text: str) -> None:
    """The streamed JSON writer (``claims --format json``'s path) writes what the models dump, and
    a second extraction of the same text (caches warm) gives the same bytes."""
    from attribtrack.extractor.pipeline import extract_json
    from attribtrack.models import DocumentRef

    doc = DocumentRef(sha256="0" * 64, id="fuzz", revision=1)
    streamed = "".join(extract_json(text, document=doc))
    assert streamed == extract(text, document=doc).to_json(), "extract_json differs from extract"
