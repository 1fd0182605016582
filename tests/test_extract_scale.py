"""The extractor's work grows linearly with the text (issue 14), checked without a clock.

Deterministic work counters (characters scanned, quotations visited) stand in for timings, which
belong in benchmarks/; and properties pin that the faster lookups give the answers of the plain
scans they replace.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from attribtrack.extractor import extract
from attribtrack.extractor.lexicon import lexicon
from attribtrack.extractor.pipeline import _Elsewhere, _label_word, _named_elsewhere
from attribtrack.extractor.resolve import Resolver
from attribtrack.extractor.segment import Token, quotes, sentences, tokens
from attribtrack.extractor.sources import Described

ROOT = Path(__file__).resolve().parents[1]
_PIECES = [
    '"', "\u201c", "\u201d", " said ", " told ", ", ", ". ", "\n\n", "\n", "According to ", "Peskov",
    " he ", "Reuters", " that ", ": ", "WEBER", " confirmed by ", "That was ", " \u2014 ", "Ana Ruiz",
    "the ministry", " reported", " allegedly ", " on April 2", "x",
]  # fmt: skip


class _Scanned(str):
    """A text that counts the characters its ``find`` calls may scan."""

    scanned = 0

    def find(self, sub, start=None, end=None):  # type: ignore[override]
        a = 0 if start is None else start
        b = len(self) if end is None else end
        _Scanned.scanned += max(0, b - a)
        return str.find(self, sub, start, end)


def _labels(n: int) -> str:
    words = ["".join(chr(97 + (i // 26**k) % 26) for k in range(3)).capitalize() for i in range(n)]
    return "".join(f"{w}: the plan said nothing at all.\n\n" for w in words)


def _label_tokens(norm: str) -> list[Token]:
    out, pos = [], 0
    while True:
        end = norm.find("\n\n", pos)
        if end == -1:
            return out
        out.append(tokens(norm, pos, end)[0])
        pos = end + 2


def _work(n: int) -> int:
    norm = _Scanned(_labels(n))
    toks = _label_tokens(norm)
    _Scanned.scanned = 0
    look = _Elsewhere(norm, {_label_word(t) for t in toks})
    for t in toks:
        look(t)
    return _Scanned.scanned


def test_many_labels_are_looked_up_in_linear_work() -> None:
    # one whole-text search per one-word label ("Qa: ...") made such a text quadratic
    small, large = _work(400), _work(800)
    assert large <= 2.5 * max(small, 1)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ana", "ANA", "Ana-Bo", "Bo", "Ana's", "ana", "Anab", "xAna", "Bo.Ana", "Ana-Bob"]),
        min_size=1,
        max_size=60,
    ),
    st.lists(st.sampled_from([" ", ": ", "\n\n", "-", "'", ".", "x"]), min_size=1, max_size=60),
)
def test_indexed_label_lookup_gives_the_plain_answers(words: list[str], seps: list[str]) -> None:
    text = "".join(w + seps[i % len(seps)] for i, w in enumerate(words))
    toks = [t for t in tokens(text, 0, len(text)) if t.cap and t.word]
    look = _Elsewhere(
        text, {f"Filler{i}" for i in range(_Elsewhere.DIRECT + 1)} | {_label_word(t) for t in toks}
    )
    assert look.runs is not None  # the indexed path
    for t in toks:
        assert look(t) == _named_elsewhere(t, text), (t, text)


class _Visits(list):
    visits = 0

    def __iter__(self):  # type: ignore[override]
        for q in super().__iter__():
            _Visits.visits += 1
            yield q


def _sentence_visits(n: int) -> int:
    # a paragraph of short quoted lines: each line break was checked against every quotation
    norm = "".join(f'"Line {i} here," he said.\n' for i in range(n)).rstrip("\n")
    qs = _Visits(quotes(norm, norm, 0, len(norm)))
    _Visits.visits = 0
    sentences(norm, 0, len(norm), qs, lexicon())
    return _Visits.visits


def test_line_breaks_are_checked_against_quotations_in_linear_work() -> None:
    small, large = _sentence_visits(200), _sentence_visits(400)
    assert large <= 2.5 * max(small, 1)


def _scan_surname(entities: list, candidates: dict, key: str) -> tuple[str, str] | None:
    """The surname rule as a plain scan over everything seen so far (the reference)."""
    for ent in reversed(entities):
        parts = ent.name.casefold().split()
        if ent.type in ("person", "organization") and len(parts) > 1:
            if parts[-1] == key or (ent.type == "person" and parts[0] == key):
                return ("entity", ent.name)
    for cand in reversed(list(candidates)):
        parts = cand.casefold().split()
        if len(parts) > 1 and parts[-1] == key:
            return ("candidate", cand)
    return None


NAMES = st.sampled_from(
    ["Ana Ruiz", "Ruiz", "Ana", "Bo Ruiz", "Ruiz Ana", "Ana Bo", "Bo", "Carl Weber", "Weber", "Ruiz Co"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["person", "organization", "candidate"]), NAMES), max_size=40))
def test_surname_index_resolves_as_the_scan_did(events: list[tuple[str, str]]) -> None:
    r = Resolver()
    for i, (typ, name) in enumerate(events):
        span = (i * 10, i * 10 + len(name))
        if typ == "candidate":
            r.candidate(name, span, None)
            continue
        expected = None
        if len(name.split()) == 1:
            expected = _scan_surname(r.entities, r.candidates, name.casefold())
        got, _, ent = r.resolve(Described("name", name, typ, None, span), span)
        if expected is not None:
            assert got == expected[1]
            assert ent is not None and span in ent.mentions


def test_copies_of_a_story_give_copies_of_its_claims() -> None:
    # what windows and indexes must preserve: a story told three times is three times its claims
    story = (ROOT / "fixtures" / "crocus.txt").read_text(encoding="utf-8").strip() + "\n\n"
    one = extract(story).claims
    three = extract(story * 3).claims
    assert len(three) == 3 * len(one)
    for k in range(3):
        shift = k * len(story)
        for a, b in zip(one, three[k * len(one) : (k + 1) * len(one)], strict=True):
            assert (b.kind, b.text, b.span) == (a.kind, a.text, (a.span[0] + shift, a.span[1] + shift))
            assert [c.span for c in b.content] == [
                (x + shift, y + shift) for x, y in (c.span for c in a.content)
            ]
            assert (b.source.name if b.source else None) == (a.source.name if a.source else None)


# --- streaming: a few paragraphs held, never the whole text ------------------------------------


def _held_at_most(text: str) -> int:
    from attribtrack.extractor.normalise import normalise
    from attribtrack.extractor.pipeline import _default_lookup, _Global, _paragraphs

    lex, norm = lexicon(), normalise(text)
    groups, labels, words = _paragraphs(text, norm, lex, None)
    run = _Global(text, norm, lex, _default_lookup(), labels, _Elsewhere(norm, words))
    most = 0
    for group in groups:
        run.paragraph(group)
        most = max(most, len(run.bare.held) + len(run.confirm.held))
    run.flush()
    return most


def test_the_whole_text_stages_hold_a_bounded_number_of_sentences() -> None:
    story = (ROOT / "fixtures" / "crocus.txt").read_text(encoding="utf-8").strip() + "\n\n"
    assert _held_at_most(story * 2) == _held_at_most(story * 12)
    # sentences without claims after one with claims: held back only up to the look-back
    from attribtrack.extractor.pipeline import _Confirmations

    filler = "".join(f"The river rose {i} feet overnight.\n\n" for i in range(3 * _Confirmations.LOOKBACK))
    assert _held_at_most("Carl Weber said the dam held.\n\n" + filler) <= _Confirmations.LOOKBACK + 2


def test_a_confirmation_reaches_back_over_sentences_without_claims_up_to_the_lookback() -> None:
    from attribtrack.extractor.pipeline import _Confirmations

    claim = "The plant will close next year, Reuters reported.\n\n"
    confirm = "That was later confirmed by the company.\n"
    near = claim + "The river rose.\n\n" * 3 + confirm
    far = claim + "The river rose.\n\n" * (_Confirmations.LOOKBACK + 1) + confirm
    assert [r.name for r in extract(near).claims[0].confirmed_by] == ["the company"]
    assert extract(far).claims[0].confirmed_by == ()


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["claims", "document", "entities", "schema", "a", "z"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=3), inner, max_size=3)
                # spans, and pairs that only look like them: the writer's fast path for a span
                | st.tuples(st.integers() | st.booleans(), st.integers() | st.none())
                | st.dictionaries(st.sampled_from(["span", "text", "via"]), inner, max_size=3)
            ),
            max_leaves=8,
        ),
        max_size=4,
    ),
    st.sampled_from([None, 0, 2]),
)
def test_json_in_pieces_is_json_dumps(value: dict, indent: int | None) -> None:
    import json

    from attribtrack.models import json_chunks

    expected = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=indent)
    assert "".join(json_chunks(value, indent)) == expected
    lazy = {k: iter(v) if isinstance(v, list) else v for k, v in value.items()}
    assert "".join(json_chunks(lazy, indent)) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_claims_written_in_pieces_are_the_claims_to_json(pieces: list[str]) -> None:
    from attribtrack.extractor.pipeline import extract_json
    from attribtrack.models import DocumentRef

    text = "".join(pieces)
    doc = DocumentRef(sha256="0" * 64, id="d", revision=2)
    for indent in (None, 2):
        got = "".join(extract_json(text, document=doc, indent=indent))
        assert got == extract(text, document=doc).to_json(indent=indent)


class _Indexed(list):
    reads = 0

    def __getitem__(self, i):  # type: ignore[override]
        _Indexed.reads += 1
        return super().__getitem__(i)


def _pull_quote_reads(n: int) -> int:
    # one paragraph of signed pull quotes, a line each: each line's sentence scan, and each
    # sentence's in-quotation flags, walked the paragraph's quotations from the first
    from attribtrack.extractor.pipeline import _segment_paragraph

    text = '"Taxes are high." \u2015 Ana Ruiz, a farmer\n' * n
    lex = lexicon()
    qs = _Indexed(quotes(text, text, 0, len(text.rstrip())))
    _Indexed.reads = 0
    spans = sentences(text, 0, len(text.rstrip()), qs, lex)
    _segment_paragraph(text, text, lex, 0, 0, len(text.rstrip()), (qs, spans), {})
    return _Indexed.reads


def test_a_paragraph_of_many_quoted_lines_is_read_in_linear_work() -> None:
    small, large = _pull_quote_reads(200), _pull_quote_reads(400)
    assert large <= 2.5 * max(small, 1)
