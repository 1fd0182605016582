"""Hostile diff input: bounded work, still patch-valid (issue 14)."""

from attribtrack.compare.textdiff import TextDiff


def _rebuild(d: TextDiff) -> str:
    out = []
    for op in d.ops:
        if op.kind != "delete":
            out.append(d.new[op.b0 : op.b1])
    return "".join(out)


def test_commas_against_comma_sentence_is_bounded_and_patch_valid() -> None:
    # 20 KB each: diff-match-patch without a cap took ~100 s here.
    old = "," * 20000
    new = "The mayor said" + ", " * 10000
    d = TextDiff(old, new)
    assert _rebuild(d) == new
    assert sum(op.a1 - op.a0 for op in d.ops if op.kind != "insert") == len(old)


def test_small_edit_still_word_level() -> None:
    d = TextDiff("The mayor said it was fine.\n", "The mayor said it was bad.\n")
    kinds = [op.kind for op in d.ops]
    assert "equal" in kinds and _rebuild(d) == d.new
