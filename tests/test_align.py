"""Alignment: which old claim became which new claim, and the text diff it stands on."""

from __future__ import annotations

from _claimkit import claim, claims
from hypothesis import given, settings
from hypothesis import strategies as st

from attribtrack.compare import align_claims
from attribtrack.compare.history import blame, stable_ids
from attribtrack.compare.textdiff import TextDiff, split_lines, word_ops

PESKOV = "Kremlin spokesman Dmitry Peskov said on April 3 that the administration was unaware of the warning."
TRACY = "The written information was concrete, timely, and credible, Tracy said in a statement."
PUTIN = "Putin said the organizers wanted to sow discord."


def peskov(text: str, id: str = "c1", cue: str = "said", sentence: str = PESKOV) -> object:
    return claim(
        text, sentence, id=id, source="Kremlin spokesman Dmitry Peskov", name="Dmitry Peskov",
        role="Kremlin spokesman", cue=cue, content=["the administration was unaware of the warning"],
    )  # fmt: skip


def tracy(text: str, id: str = "c2") -> object:
    return claim(text, TRACY, id=id, source="Tracy", name="Lynne Tracy", cue="said",
                 content=["The written information was concrete, timely, and credible"])  # fmt: skip


def putin(text: str, id: str = "c3") -> object:
    return claim(text, PUTIN, id=id, source="Putin", name="Vladimir Putin", cue="said",
                 content=["the organizers wanted to sow discord"])  # fmt: skip


def statuses(
    old_text: str, old: object, new_text: str, new: object
) -> list[tuple[str, str | None, str | None]]:
    matches, _ = align_claims(old_text, old, new_text, new)  # type: ignore[arg-type]
    return [(m.status, m.old, m.new) for m in matches]


def test_identical_claims_are_unchanged() -> None:
    text = f"{PESKOV}\n\n{TRACY}\n"
    assert statuses(text, claims(peskov(text), tracy(text)), text, claims(peskov(text), tracy(text))) == [
        ("unchanged", "c1", "c1"),
        ("unchanged", "c2", "c2"),
    ]


def test_a_paragraph_moved_up_is_moved_and_the_others_unchanged() -> None:
    old = f"{PESKOV}\n\n{TRACY}\n\n{PUTIN}\n"
    new = f"{PUTIN}\n\n{PESKOV}\n\n{TRACY}\n"
    old_c = claims(peskov(old, "c1"), tracy(old, "c2"), putin(old, "c3"))
    new_c = claims(putin(new, "c1"), peskov(new, "c2"), tracy(new, "c3"))
    assert statuses(old, old_c, new, new_c) == [
        ("moved", "c3", "c1"),
        ("unchanged", "c1", "c2"),
        ("unchanged", "c2", "c3"),
    ]


def test_a_claim_edited_in_place_keeps_its_identity() -> None:
    old = f"{PESKOV}\n\n{TRACY}\n"
    edited = PESKOV.replace("said", "admitted")
    new = f"{edited}\n\n{TRACY}\n"
    new_c = claims(peskov(new, cue="admitted", sentence=edited), tracy(new))
    assert statuses(old, claims(peskov(old), tracy(old)), new, new_c) == [
        ("edited", "c1", "c1"),
        ("unchanged", "c2", "c2"),
    ]


def test_a_claim_edited_and_moved_is_found_by_its_words() -> None:
    old = f"{PESKOV}\n\n{TRACY}\n\n{PUTIN}\n"
    edited = PESKOV.replace("said", "admitted")
    new = f"{TRACY}\n\n{PUTIN}\n\n{edited}\n"
    new_c = claims(tracy(new, "c1"), putin(new, "c2"), peskov(new, "c3", cue="admitted", sentence=edited))
    matches, _ = align_claims(old, claims(peskov(old), tracy(old), putin(old)), new, new_c)
    by_old = {m.old: m for m in matches}
    assert (by_old["c1"].status, by_old["c1"].new, by_old["c1"].moved) == ("edited", "c3", True)
    assert by_old["c2"].status == by_old["c3"].status == "unchanged"


def test_added_and_removed_claims() -> None:
    old = f"{PESKOV}\n\n{TRACY}\n"
    new = f"{PESKOV}\n\n{PUTIN}\n"
    got = statuses(old, claims(peskov(old), tracy(old)), new, claims(peskov(new), putin(new, "c2")))
    assert got == [("unchanged", "c1", "c1"), ("removed", "c2", None), ("added", None, "c2")]


def test_unrelated_claims_in_the_same_place_are_not_paired() -> None:
    old = f"{TRACY}\n"
    new = f"{PUTIN}\n"
    got = statuses(old, claims(tracy(old, "c1")), new, claims(putin(new, "c1")))
    assert got == [("removed", "c1", None), ("added", None, "c1")]


def test_repeated_identical_sentences_pair_in_order() -> None:
    text = f"{PUTIN}\n\n{PESKOV}\n\n{PUTIN}\n"
    one = claims(
        putin(text, "c1"), peskov(text, "c2"), claim(text, PUTIN, id="c3", source="Putin", cue="said", nth=1)
    )
    assert statuses(text, one, text, one) == [
        ("unchanged", "c1", "c1"),
        ("unchanged", "c2", "c2"),
        ("unchanged", "c3", "c3"),
    ]


def test_alignment_is_deterministic() -> None:
    old = f"{PESKOV}\n\n{TRACY}\n\n{PUTIN}\n"
    new = f"{PUTIN}\n\n{TRACY}\n\n{PESKOV.replace('said', 'claimed')}\n"
    old_c = claims(peskov(old), tracy(old), putin(old))
    new_c = claims(putin(new, "c1"), tracy(new, "c2"),
                   peskov(new, "c3", cue="claimed", sentence=PESKOV.replace("said", "claimed")))  # fmt: skip
    first = align_claims(old, old_c, new, new_c)
    for _ in range(3):
        assert align_claims(old, old_c, new, new_c) == first


# --- stable ids across a document's history ------------------------------------------------------


def test_stable_ids_follow_a_claim_when_the_extractor_renumbers_it() -> None:
    r1 = f"{PESKOV}\n\n{TRACY}\n"
    r2 = f"{PUTIN}\n\n{PESKOV}\n\n{TRACY}\n"  # a claim inserted above: the extractor renumbers
    r3 = f"{PUTIN}\n\n{PESKOV.replace('said', 'admitted')}\n"
    revs = [
        (1, r1, claims(peskov(r1, "c1"), tracy(r1, "c2"))),
        (2, r2, claims(putin(r2, "c1"), peskov(r2, "c2"), tracy(r2, "c3"))),
        (
            3,
            r3,
            claims(
                putin(r3, "c1"), peskov(r3, "c2", cue="admitted", sentence=PESKOV.replace("said", "admitted"))
            ),
        ),
    ]
    history = stable_ids(revs)
    assert history[0][0] == {"c1": "c1", "c2": "c2"}
    assert history[1][0] == {"c1": "c3", "c2": "c1", "c3": "c2"}  # Putin is new: the next free id
    assert history[2][0] == {"c1": "c3", "c2": "c1"}

    result = blame("crocus", revs)
    assert result.revision == 3
    got = {(b.stable, b.introduced, tuple((e.revision, e.type) for e in b.changes)) for b in result.claims}
    assert got == {("c3", 2, ()), ("c1", 1, ((3, "cue-changed"),))}
    # issue 14: blame's ids are the revision's own (as `claims` numbers it); the stable id is beside
    assert [(b.id, b.claim.id, b.stable) for b in result.claims] == [("c1", "c1", "c3"), ("c2", "c2", "c1")]


def test_a_new_claim_never_reuses_the_id_of_one_that_was_removed() -> None:
    r1 = f"{PESKOV}\n\n{TRACY}\n"
    r2 = f"{PESKOV}\n"
    r3 = f"{PESKOV}\n\n{PUTIN}\n"
    revs = [
        (1, r1, claims(peskov(r1, "c1"), tracy(r1, "c2"))),
        (2, r2, claims(peskov(r2, "c1"))),
        (3, r3, claims(peskov(r3, "c1"), putin(r3, "c2"))),
    ]
    assert stable_ids(revs)[2][0] == {"c1": "c1", "c2": "c3"}


# --- the text diff ---------------------------------------------------------------------------


def test_lines_split_after_newline_only_and_keep_crlf() -> None:
    assert split_lines("a\r\nb\x0cc\u2028d\ne") == ["a\r\n", "b\x0cc\u2028d\n", "e"]
    assert split_lines("a\n") == ["a\n"]
    assert split_lines("") == []


def test_word_ops_are_word_sized() -> None:
    old, new = "Peskov said the Kremlin knew.", "Peskov admitted the Kremlin knew."
    ops = word_ops(old, new, 0, len(old), 0, len(new))
    changed = [(op.kind, old[op.a0 : op.a1] or new[op.b0 : op.b1]) for op in ops if op.kind != "equal"]
    assert changed == [("delete", "said"), ("insert", "admitted")]


def test_positions_map_through_the_diff() -> None:
    old = "Intro.\nSources said the warning was vague.\nEnd."
    new = "Intro.\nU.S. officials said the warning was vague.\nEnd."
    td = TextDiff(old, new)
    s = old.index("the warning")
    assert new[td.map_old(s) : td.map_old(s + len("the warning"), end=True)] == "the warning"
    # A replaced stretch maps to its replacement.
    a, b = old.index("Sources"), old.index("Sources") + len("Sources")
    assert new[td.map_old(a) : td.map_old(b, end=True)] == "U.S. officials"
    c = new.index("U.S.")
    assert old[td.map_new(c) : td.map_new(c + len("U.S. officials"), end=True)] == "Sources"


texts = st.lists(
    st.sampled_from(["Peskov", " ", "said", "\n", "\r\n", ",", "the", "Kremlin", "“", "é", "\n\n"]),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_ops_rebuild_both_texts(old: str, new: str) -> None:
    td = TextDiff(old, new)
    rebuilt_old = "".join(old[op.a0 : op.a1] for op in td.ops if op.kind != "insert")
    rebuilt_new = "".join(new[op.b0 : op.b1] for op in td.ops if op.kind != "delete")
    assert (rebuilt_old, rebuilt_new) == (old, new)
    for op in td.ops:
        if op.kind == "equal":
            assert old[op.a0 : op.a1] == new[op.b0 : op.b1]
    assert td.identical == (old == new)


def test_a_rewritten_stretch_is_one_deletion_and_one_insertion() -> None:
    old = " ".join(["The council approved the harbor budget after a long debate."] * 6)
    new = " ".join(["Fishermen moved their boats north while divers inspected pilings."] * 6)
    ops = word_ops(old, new, 0, len(old), 0, len(new))
    assert [(op.kind, op.a0, op.a1, op.b0, op.b1) for op in ops] == [
        ("delete", 0, len(old), 0, 0),
        ("insert", len(old), len(old), 0, len(new)),
    ]
    # An edited stretch of the same length is still diffed word by word.
    edited = old.replace("long", "short", 1)
    assert [op.kind for op in word_ops(old, edited, 0, len(old), 0, len(edited))] == [
        "equal", "delete", "insert", "equal",
    ]  # fmt: skip
