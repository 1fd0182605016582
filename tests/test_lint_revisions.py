"""AT3xx on editors' edits of the seed article: each edit fires its rule on the edited claim,
and nothing of AT3xx fires on an unchanged copy."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("attribtrack.extractor.pipeline", reason="the extractor has not landed yet")

from attribtrack.lint import check  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")

# (rule, words in the seed, what the editor made of them)
EDITS = [
    (
        "AT301",
        "could come within days, intelligence sources told the two newspapers.",
        "could come within days.",
    ),
    (
        "AT301",
        "Sergei Naryshkin, head of Russia's SVR foreign-intelligence service, "
        "told Interfax on April 2 that the U.S.",
        "On April 2 the U.S.",
    ),
    (
        "AT301",
        "Kremlin spokesman Dmitry Peskov said on April 3 that the presidential administration",
        "On April 3 the presidential administration",
    ),
    ("AT302", "Reuters reported on April 1", "The Associated Press reported on April 1"),
    (
        "AT303",
        '"The written information was concrete, timely, and credible,"',
        '"The written information was concrete and credible,"',
    ),
    ("AT303", '"Most candidates indicated a desire to avenge', '"Most candidates indicated a wish to avenge'),
    ("AT303", '"This is not our area of expertise," Peskov said', '"This is not our job," Peskov said'),
    (
        "AT304",
        "According to the report, which was later confirmed by The New York Times, U.S.",
        "According to the report, U.S.",
    ),
    ("AT305", "have claimed without evidence that Ukraine", "have claimed that Ukraine"),
    ("AT306", "she said in a statement on Telegram", "she claimed in a statement on Telegram"),
    (
        "AT306",
        '"This is not our area of expertise," Peskov said,',
        '"This is not our area of expertise," Peskov insisted,',
    ),
    ("AT306", "Putin said the same day", "Putin admitted the same day"),
    ("AT306", "have claimed without evidence that Ukraine", "have said without evidence that Ukraine"),
]


def revision_findings(draft: str) -> list[tuple[str, tuple[int, int]]]:
    return [
        (f.code, f.span) for f in check(draft, baseline=SEED, path="draft.txt") if f.code.startswith("AT3")
    ]


@pytest.mark.parametrize(("code", "old", "new"), EDITS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(EDITS)])
def test_edit_fires_its_rule_on_the_edited_claim(code: str, old: str, new: str) -> None:
    assert SEED.count(old) == 1
    draft = SEED.replace(old, new)
    found = revision_findings(draft)
    # the edited claim: the paragraph the edit is in
    start = draft.rfind("\n\n", 0, draft.index(new)) + 2
    end = draft.find("\n\n", draft.index(new))
    end = len(draft) if end < 0 else end
    mine = [span for c, span in found if c == code]
    assert mine, f"{code} did not fire: {found}"
    assert all(start <= s and e <= end for s, e in mine), (mine, (start, end))


def test_dropping_an_outlet_that_reported_a_nested_claim() -> None:
    draft = SEED.replace("Reuters reported on April 1 that Iran", "On April 1 Iran")
    assert "AT301" in [c for c, _ in revision_findings(draft)]


def test_unchanged_copy_is_quiet() -> None:
    assert revision_findings(SEED) == []


@pytest.mark.parametrize("name", ["drafts/flood.md", "drafts/crocus-edited.md", "crocus-rev2.txt"])
def test_every_fixture_against_itself_is_quiet(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert [f for f in check(text, baseline=text, path=name) if f.code.startswith("AT3")] == []
