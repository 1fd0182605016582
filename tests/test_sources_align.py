"""The word-level alignment engine under verify: tokens, offsets, and finding quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from attribtrack.sources.align import Vocabulary, find, tokenize
from attribtrack.sources.documents import Indexed, SourceText, not_prose, sentences


def locate(quote: str, text: str):  # type: ignore[no-untyped-def]
    v = Vocabulary()
    q, d = tokenize(quote), tokenize(text)
    return find(v.encode(q.words), q.words, v.encode(d.words), d.words), d


def test_tokens_are_casefolded_words_with_offsets_into_the_text() -> None:
    text = "“Russia’s  warning,” he said — TOO general!"
    t = tokenize(text)
    assert t.words == ("russia's", "warning", "he", "said", "too", "general")
    assert [text[s:e] for s, e in t.spans] == ["Russia’s", "warning", "he", "said", "TOO", "general"]


def test_front_matter_and_comments_are_not_words() -> None:
    text = "---\ntitle: A quote\nspeaker: X\n---\n<!-- note: a quote -->\nThe quote itself.\n"
    idx = Indexed(SourceText(ref="d", id="d", text=text), Vocabulary())
    assert idx.tokens.words == ("the", "quote", "itself")
    assert len(not_prose(text)) == 2


def test_sentences_split_on_full_stops_not_inside_names() -> None:
    text = "U.S. officials said it. The Kremlin did not comment! Nothing else?"
    got = [text[s:e] for s, e in sentences(text, 0, len(text))]
    assert got == ["U.S. officials said it.", "The Kremlin did not comment!", "Nothing else?"]


def test_inflected_form_is_near_not_equal() -> None:
    a, _ = locate("provocative statements", "the recent provocative statement by certain")
    assert a is not None and [op.tag for op in a.ops] == ["equal", "near"] and a.coverage == 1.0


def test_quote_longer_than_the_document() -> None:
    a, d = locate("one two three four five six", "two three four")
    assert a is not None and (a.start, a.end) == (0, 3)


def test_nothing_to_find_in_an_empty_document() -> None:
    a, _ = locate("anything at all", "")
    assert a is None


WORDS = st.lists(st.sampled_from(["the", "war", "said", "peace", "talks", "moscow", "kyiv", "will", "not"]),
                 min_size=30, max_size=300)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(words=WORDS, data=st.data())
def test_an_exact_stretch_is_found_verbatim_where_it_is(words: list[str], data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(words) - 5))
    end = data.draw(st.integers(start + 1, min(len(words), start + 40)))
    text = " ".join(words)
    a, d = locate(" ".join(words[start:end]), text)
    assert a is not None and a.exact
    # the first occurrence of the same words, which may be earlier than `start`
    assert d.words[a.start : a.end] == tuple(words[start:end])
    assert a.start <= start


@settings(max_examples=60, deadline=None)
@given(words=WORDS, data=st.data())
def test_one_changed_word_in_a_long_quote_is_one_difference(words: list[str], data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(words) - 25))
    quote = list(words[start : start + 20])
    at = data.draw(st.integers(1, 18))
    quote[at] = "zzzz"  # a word that is nowhere in the text
    a, _ = locate(" ".join(quote), " ".join(words))
    assert a is not None
    assert a.coverage == 0.95
    # one difference, at the changed word: a replacement, or (when the text repeats itself so
    # that the quote's other words line up without it) the word missing from the source
    (diff,) = [op for op in a.ops if op.tag != "equal"]
    assert diff.tag in ("replace", "missing") and diff.q == (at, at + 1)
