"""Change types: what happened to a claim's wording and attribution between two revisions.

Hand-built claims (``_claimkit``) so that each case tests the comparison alone; the same cases on
the real extractor are in test_diff_cli.py.
"""

from __future__ import annotations

import json

import pytest
from _claimkit import claim, claims

from attribtrack.compare import CHANGE_TYPES, compare_claims, diff
from attribtrack.models import Claim, Ref


def changes(old_text: str, old: list[Claim], new_text: str, new: list[Claim]) -> list[tuple[str, str]]:
    return [(c.type, c.detail) for c in compare_claims(old_text, claims(*old), new_text, claims(*new))]


def test_the_contract_names_fourteen_change_types() -> None:
    # paraphrase-to-quote was added by issue 14 (a paraphrase turned into a quotation had no type)
    assert CHANGE_TYPES == (
        "claim-added", "claim-removed", "claim-edited", "attribution-dropped", "attribution-added",
        "source-changed", "quote-altered", "quote-to-paraphrase", "paraphrase-to-quote", "cue-changed",
        "confirmation-dropped", "confirmation-added", "hedge-dropped", "hedge-added",
    )  # fmt: skip


def test_unchanged_claims_give_no_changes() -> None:
    text = "Peskov said the Kremlin was unaware.\n"
    c = claim(text, text.strip(), source="Peskov", cue="said", content=["the Kremlin was unaware"])
    assert changes(text, [c], text, [c]) == []


def test_source_changed() -> None:
    old = "The warning came within days, intelligence sources told the two newspapers.\n"
    new = "The warning came within days, U.S. officials told the two newspapers.\n"
    o = claim(
        old, old.strip(), source="intelligence sources", cue="told", content=["The warning came within days"]
    )
    n = claim(new, new.strip(), source="U.S. officials", cue="told", content=["The warning came within days"])
    got = compare_claims(old, claims(o), new, claims(n))
    assert [(c.type, c.detail) for c in got] == [("source-changed", "intelligence sources -> U.S. officials")]
    assert [(op.op, op.text) for op in got[0].ops] == [
        ("delete", "intelligence sources"),
        ("insert", "U.S. officials"),
    ]
    deleted = got[0].ops[0]
    assert old[deleted.old[0] : deleted.old[1]] == "intelligence sources"
    inserted = got[0].ops[1]
    assert new[inserted.new[0] : inserted.new[1]] == "U.S. officials"


def test_a_surname_is_the_same_source() -> None:
    old = "Dmitry Peskov said the Kremlin was unaware.\n"
    new = "Peskov said the Kremlin was unaware of it.\n"
    o = claim(old, old.strip(), source="Dmitry Peskov", cue="said", content=["the Kremlin was unaware"])
    n = claim(new, new.strip(), source="Peskov", cue="said", content=["the Kremlin was unaware of it"])
    assert [t for t, _ in changes(old, [o], new, [n])] == ["claim-edited"]


def test_attribution_dropped_when_the_claim_loses_its_source() -> None:
    old = "The attack was planned abroad, Peskov said.\n"
    new = "The attack was planned abroad.\n"
    o = claim(old, old.strip(), source="Peskov", role="Kremlin spokesman", cue="said",
              content=["The attack was planned abroad"])  # fmt: skip
    got = compare_claims(old, claims(o), new, claims())
    assert [(c.type, c.detail) for c in got] == [("attribution-dropped", "Peskov (Kremlin spokesman)")]
    # The new side is the unattributed sentence, with a span a finding can point at.
    kept = got[0].new_claim
    assert kept is not None and kept.kind == "unattributed" and kept.source is None
    assert new[kept.span[0] : kept.span[1]] == "The attack was planned abroad."


def test_attribution_dropped_between_two_extracted_claims() -> None:
    old = "The attack was planned abroad, Peskov said.\n"
    new = "The attack was planned abroad.\n"
    o = claim(old, old.strip(), source="Peskov", cue="said", content=["The attack was planned abroad"])
    n = claim(new, new.strip(), kind="unattributed", content=["The attack was planned abroad"])
    assert changes(old, [o], new, [n]) == [("attribution-dropped", "Peskov")]


def test_dropping_the_outlet_of_a_nested_claim_is_attribution_dropped() -> None:
    """The reporter's attribution goes; the claim nested in its content stays attributed to its own
    speaker. That is still the outlet's attribution dropped, not a claim removed."""
    old = "The Ledger reported that the mayor said the bridge would close.\n"
    new = "The mayor said the bridge would close.\n"
    outer = claim(old, old.strip(), source="The Ledger", cue="reported",
                  content=["the mayor said the bridge would close"])  # fmt: skip
    inner_old = claim(old, "the mayor said the bridge would close", source="the mayor", cue="said",
                      content=["the bridge would close"])  # fmt: skip
    inner_new = claim(new, new.strip(), source="The mayor", cue="said", content=["the bridge would close"])
    types = [t for t, _ in changes(old, [outer, inner_old], new, [inner_new])]
    assert "attribution-dropped" in types
    assert "claim-removed" not in types


def test_a_claim_over_the_words_from_outside_still_takes_them_over() -> None:
    old = "The plan was rejected, the Ledger reported.\n"
    new = "The plan was rejected, the mayor said.\n"
    o = claim(old, old.strip(), source="the Ledger", cue="reported", content=["The plan was rejected"])
    n = claim(new, new.strip(), source="the mayor", cue="said", content=["The plan was rejected"])
    assert [t for t, _ in changes(old, [o], new, [n])] == ["source-changed", "cue-changed"]


def test_attribution_added() -> None:
    old = "The attack was planned abroad.\n"
    new = "The attack was planned abroad, Peskov said.\n"
    n = claim(new, new.strip(), source="Peskov", cue="said", content=["The attack was planned abroad"])
    got = compare_claims(old, claims(), new, claims(n))
    assert [(c.type, c.detail) for c in got] == [("attribution-added", "Peskov")]
    assert got[0].old_claim is not None and got[0].old_claim.kind == "unattributed"


def test_a_removed_paragraph_is_claim_removed_not_attribution_dropped() -> None:
    old = "Intro.\n\nThe attack was planned abroad, Peskov said.\n\nEnd.\n"
    new = "Intro.\n\nEnd.\n"
    o = claim(old, "The attack was planned abroad, Peskov said.", source="Peskov", cue="said",
              content=["The attack was planned abroad"])  # fmt: skip
    assert changes(old, [o], new, []) == [("claim-removed", "Peskov: The attack was planned abroad")]


def test_claim_added() -> None:
    old = "Intro.\n"
    new = "Intro.\n\nPeskov declined to comment on April 4, telling reporters the inquiry continued.\n"
    n = claim(new, new.split("\n\n")[1].strip(), source="Peskov", cue="telling",
              content=["the inquiry continued"])  # fmt: skip
    got = compare_claims(old, claims(), new, claims(n))
    assert [(c.type, c.detail) for c in got] == [("claim-added", "Peskov: the inquiry continued")]
    assert got[0].ops[0].op == "insert" and got[0].ops[0].new == n.span


def test_quote_altered() -> None:
    old = "\u201cThis is not our area of expertise,\u201d Peskov said.\n"
    new = "\u201cThis is not our area of responsibility,\u201d Peskov said.\n"
    o = claim(
        old,
        old.strip(),
        kind="direct",
        source="Peskov",
        cue="said",
        content=["This is not our area of expertise,"],
    )
    n = claim(
        new,
        new.strip(),
        kind="direct",
        source="Peskov",
        cue="said",
        content=["This is not our area of responsibility,"],
    )
    got = compare_claims(old, claims(o), new, claims(n))
    assert [c.type for c in got] == ["quote-altered"]
    assert [(op.op, op.text) for op in got[0].ops] == [("delete", "expertise"), ("insert", "responsibility")]


def test_punctuation_inside_a_quote_is_not_an_altered_quote() -> None:
    old = "\u201cThis is not our area of expertise,\u201d Peskov said.\n"
    new = "\u201cThis is not our area of expertise.\u201d Peskov said so.\n"
    o = claim(
        old,
        old.strip(),
        kind="direct",
        source="Peskov",
        cue="said",
        content=["This is not our area of expertise,"],
    )
    n = claim(
        new,
        new.strip(),
        kind="direct",
        source="Peskov",
        cue="said",
        content=["This is not our area of expertise."],
    )
    assert "quote-altered" not in [t for t, _ in changes(old, [o], new, [n])]


def test_quote_altered_in_a_mixed_claim() -> None:
    old = 'Putin said the organizers wanted "to sow seeds of discord" in Russia.\n'
    new = 'Putin said the organizers wanted "to sow discord" in Russia.\n'
    o = claim(old, old.strip(), kind="mixed", source="Putin", cue="said",
              content=['the organizers wanted "to sow seeds of discord" in Russia'])  # fmt: skip
    n = claim(new, new.strip(), kind="mixed", source="Putin", cue="said",
              content=['the organizers wanted "to sow discord" in Russia'])  # fmt: skip
    assert [t for t, _ in changes(old, [o], new, [n])] == ["quote-altered"]


def test_quote_to_paraphrase() -> None:
    old = "\u201cThis is not our area of expertise,\u201d Peskov said.\n"
    new = "Peskov said this was not the Kremlin's area of expertise.\n"
    o = claim(
        old,
        old.strip(),
        kind="direct",
        source="Peskov",
        cue="said",
        content=["This is not our area of expertise,"],
    )
    n = claim(new, new.strip(), kind="indirect", source="Peskov", cue="said",
              content=["this was not the Kremlin's area of expertise"])  # fmt: skip
    assert [t for t, _ in changes(old, [o], new, [n])] == ["quote-to-paraphrase"]


@pytest.mark.parametrize(
    ("old_cue", "new_cue", "changed"),
    [("said", "admitted", True), ("claimed", "confirmed", True), ("said", "says", False),
     ("admits", "admitted", False), ("told", "tells", False), ("said", "insisted", True),
     # the words PolNeAR puts in a cue around its verb are not the verb (was: all four changed)
     ("also said", "said", False), ("has said", "said", False), ("said", "strongly denied", True),
     ("has been harshly criticized", "criticized", False),
     # a negation is
     ("said", "did not say", True), ("did not say", "didn't say", False), ("never said", "said", True)],
)  # fmt: skip
def test_cue_changed(old_cue: str, new_cue: str, changed: bool) -> None:
    old = f"Peskov {old_cue} the Kremlin was unaware.\n"
    new = f"Peskov {new_cue} the Kremlin was unaware.\n"
    o = claim(old, old.strip(), source="Peskov", cue=old_cue, content=["the Kremlin was unaware"])
    n = claim(new, new.strip(), source="Peskov", cue=new_cue, content=["the Kremlin was unaware"])
    got = changes(old, [o], new, [n])
    if changed:
        assert got == [("cue-changed", f"{old_cue} -> {new_cue}")]
    else:
        assert [t for t, _ in got] == ["claim-edited"]  # words changed, the cue did not


def test_source_and_cue_changed_together() -> None:
    old = "Peskov said the Kremlin was unaware.\n"
    new = "Shoigu admitted the Kremlin was unaware.\n"
    o = claim(old, old.strip(), source="Peskov", cue="said", content=["the Kremlin was unaware"])
    n = claim(new, new.strip(), source="Shoigu", cue="admitted", content=["the Kremlin was unaware"])
    assert changes(old, [o], new, [n]) == [
        ("source-changed", "Peskov -> Shoigu"),
        ("cue-changed", "said -> admitted"),
    ]


def test_confirmation_and_hedge_dropped_and_added() -> None:
    old = ("According to the report, which was later confirmed by The New York Times, officials allegedly "
           "told Moscow of the plot.\n")  # fmt: skip
    new = "According to the report, officials told Moscow of the plot without evidence.\n"
    o = claim(old, old.strip(), source="officials", cue="told", content=["of the plot"],
              confirmed_by=["The New York Times"], hedges=["allegedly"])  # fmt: skip
    n = claim(
        new, new.strip(), source="officials", cue="told", content=["of the plot"], hedges=["without evidence"]
    )
    assert changes(old, [o], new, [n]) == [
        ("confirmation-dropped", "The New York Times"),
        ("hedge-dropped", "allegedly"),
        ("hedge-added", "without evidence"),
    ]


def test_claim_edited_when_the_content_changes() -> None:
    old = "Peskov said the Kremlin was unaware of the warning.\n"
    new = "Peskov said the Kremlin was aware of the warning.\n"
    o = claim(
        old, old.strip(), source="Peskov", cue="said", content=["the Kremlin was unaware of the warning"]
    )
    n = claim(new, new.strip(), source="Peskov", cue="said", content=["the Kremlin was aware of the warning"])
    got = compare_claims(old, claims(o), new, claims(n))
    assert [c.type for c in got] == ["claim-edited"]
    assert [(op.op, op.text) for op in got[0].ops] == [("delete", "unaware"), ("insert", "aware")]


def test_changes_come_in_document_order() -> None:
    old = "A happened, Peskov said.\n\nB happened, Putin said.\n"
    new = "A happened, Shoigu said.\n\nB happened, Putin admitted.\n"
    o = [
        claim(old, "A happened, Peskov said.", id="c1", source="Peskov", cue="said", content=["A happened"]),
        claim(old, "B happened, Putin said.", id="c2", source="Putin", cue="said", content=["B happened"]),
    ]
    n = [
        claim(new, "A happened, Shoigu said.", id="c1", source="Shoigu", cue="said", content=["A happened"]),
        claim(
            new,
            "B happened, Putin admitted.",
            id="c2",
            source="Putin",
            cue="admitted",
            content=["B happened"],
        ),
    ]
    assert [t for t, _ in changes(old, o, new, n)] == ["source-changed", "cue-changed"]


def test_revision_diff_json_contract() -> None:
    old = "Peskov said the Kremlin was unaware.\n"
    new = "Peskov admitted the Kremlin was unaware.\n"
    o = claim(old, old.strip(), source="Peskov", cue="said", content=["the Kremlin was unaware"])
    n = claim(new, new.strip(), source="Peskov", cue="admitted", content=["the Kremlin was unaware"])
    rd = diff(old, new, old_label="a.txt", new_label="b.txt", old_claims=claims(o), new_claims=claims(n))
    data = json.loads(rd.to_json())
    assert data["schema"] == "attribtrack.diff/1"
    assert set(data) == {"schema", "old", "new", "identical", "alignment", "changes"}
    assert data["old"]["label"] == "a.txt" and data["identical"] is False
    (change,) = data["changes"]
    assert set(change) == {"type", "old_claim", "new_claim", "ops", "detail"}
    assert change["type"] == "cue-changed"
    assert change["new_claim"]["cue"] == {"text": "admitted", "span": [7, 15], "class": None}
    assert change["ops"] == [
        {"op": "delete", "old": [7, 11], "new": [7, 7], "text": "said"},
        {"op": "insert", "old": [11, 11], "new": [7, 15], "text": "admitted"},
    ]
    assert data["alignment"] == [
        {
            "status": "edited",
            "old": "c1",
            "new": "c1",
            "moved": False,
            "old_span": [0, 36],
            "new_span": [0, 40],
        }
    ]
    assert rd.to_json() == diff(old, new, old_label="a.txt", new_label="b.txt", old_claims=claims(o),
                                new_claims=claims(n)).to_json()  # fmt: skip


def test_identical_texts_need_no_claims() -> None:
    rd = diff("same\n", "same\n")
    assert rd.identical and rd.changes == () and rd.alignment == ()


def test_a_new_quoted_fragment_is_an_edit_not_an_altered_quote() -> None:
    old = 'Putin said the organizers wanted "to sow discord" in Russia.\n'
    new = 'Putin said the organizers wanted "to sow discord" in a "weakened" Russia.\n'
    o = claim(old, old.strip(), kind="mixed", source="Putin", cue="said",
              content=['the organizers wanted "to sow discord" in Russia'])  # fmt: skip
    n = claim(new, new.strip(), kind="mixed", source="Putin", cue="said",
              content=['the organizers wanted "to sow discord" in a "weakened" Russia'])  # fmt: skip
    assert [t for t, _ in changes(old, [o], new, [n])] == ["claim-edited"]


def test_html_attribute_quotes_are_not_quotations() -> None:
    old = 'She signed it <img src=x onerror="alert(1)">, the clerk said.\n'
    new = 'She signed it <img src=x onerror="alert(2)">, the clerk said.\n'
    o = claim(old, old.strip(), kind="mixed", source="the clerk", cue="said", content=["She signed it"])
    n = claim(new, new.strip(), kind="mixed", source="the clerk", cue="said", content=["She signed it"])
    assert [t for t, _ in changes(old, [o], new, [n])] == ["claim-edited"]


def test_a_cut_in_a_direct_quote_alters_it() -> None:
    old = '"This is not our area," Peskov said, "as such exchanges go through the special services."\n'
    new = '"This is not our area," Peskov said.\n'
    both = ["This is not our area,", "as such exchanges go through the special services."]
    o = claim(old, old.strip(), kind="direct", source="Peskov", cue="said", content=both)
    n = claim(new, new.strip(), kind="direct", source="Peskov", cue="said", content=["This is not our area,"])
    assert [t for t, _ in changes(old, [o], new, [n])] == ["quote-altered"]


def _via_claim(text: str, channel: str, sentence: str) -> Claim:
    c = claim(text, sentence, source="Naryshkin", cue="told", content=["the warning was too general"])
    at = text.index(channel)
    via = Ref(name=channel, mention=channel, span=(at, at + len(channel)), type="outlet")
    return c.model_copy(update={"via": (via,)})


def test_another_channel_is_a_source_change() -> None:
    old = "Naryshkin told Interfax that the warning was too general.\n"
    new = "Naryshkin told TASS that the warning was too general.\n"
    o, n = _via_claim(old, "Interfax", old.strip()), _via_claim(new, "TASS", new.strip())
    assert changes(old, [o], new, [n]) == [("source-changed", "via Interfax -> via TASS")]


def test_a_channel_resolved_differently_from_elsewhere_is_not_a_source_change() -> None:
    old = "Naryshkin told the two newspapers that the warning was too general.\n"
    o = _via_claim(old, "the two newspapers", old.strip())
    n = o.model_copy(update={"via": (o.via[0].model_copy(update={"name": "The Washington Post"}),)})
    assert changes(old, [o], old, [n]) == []


def test_attribution_added_to_an_unattributed_statement_is_not_also_an_edit() -> None:
    old = "Four gunmen killed 144 people.\n"
    new = "Four gunmen killed 144 people, investigators said.\n"
    o = claim(old, old.strip(), kind="unattributed", content=["Four gunmen killed 144 people"])
    n = claim(new, new.strip(), source="investigators", cue="said", content=["Four gunmen killed 144 people"])
    assert changes(old, [o], new, [n]) == [("attribution-added", "investigators")]


def test_both_revisions_extracted_on_two_cores_give_the_same_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    from attribtrack.compare import both
    from attribtrack.extractor import extract

    old = 'The mayor said the bridge would close on Monday. "We have no choice," she said.\n'
    new = old.replace("Monday", "Tuesday")
    monkeypatch.setattr(both, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(both, "_cores", lambda: 2)
    statuses: list[int] = []
    real_waitpid = both.os.waitpid

    def waitpid(pid: int, options: int) -> tuple[int, int]:
        result = real_waitpid(pid, options)
        statuses.append(result[1])
        return result

    monkeypatch.setattr(both.os, "waitpid", waitpid)
    got_old, got_new = both.extract_both(old, new)
    assert statuses == [0]  # the child did extract the old text
    assert got_old.to_json() == extract(old).to_json()
    assert got_new.to_json() == extract(new).to_json()
    assert got_old.claims and got_old.claims[0].source is not None


def test_the_other_work_runs_once_while_the_child_extracts(monkeypatch: pytest.MonkeyPatch) -> None:
    from attribtrack.compare import both

    old = 'The mayor said the bridge would close on Monday. "We have no choice," she said.\n'
    new = old.replace("Monday", "Tuesday")
    monkeypatch.setattr(both, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(both, "_cores", lambda: 2)
    calls: list[int] = []
    got_old, got_new = both.extract_both(old, new, meanwhile=lambda: calls.append(both.os.getpid()))
    assert calls == [both.os.getpid()]  # here, not in the child
    assert [c.text for c in got_old.claims] != [c.text for c in got_new.claims]
    calls.clear()
    monkeypatch.setattr(both, "PARALLEL_CHARS", 10**9)  # short texts: no child, still run once
    both.extract_both(old, new, meanwhile=lambda: calls.append(both.os.getpid()))
    assert calls == [both.os.getpid()]


def test_a_failing_side_still_waits_for_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    from attribtrack.compare import both

    monkeypatch.setattr(both, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(both, "_cores", lambda: 2)
    waited: list[int] = []
    real_waitpid = both.os.waitpid

    def waitpid(pid: int, options: int) -> tuple[int, int]:
        waited.append(pid)
        return real_waitpid(pid, options)

    def fail() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(both.os, "waitpid", waitpid)
    with pytest.raises(RuntimeError, match="boom"):
        both.extract_both("Officials said it.\n", "Officials said so.\n", meanwhile=fail)
    assert len(waited) == 1  # no child left behind


def test_gc_is_paused_inside_and_restored_without_freezing_anything() -> None:
    import gc

    from attribtrack.gcpause import paused

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the outer one restores
            assert not gc.isenabled()
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # moved to the oldest generation, nothing left frozen
    assert gc.get_count()[0] < 1000  # and not counted as young: no pass over them is due
    del made
    with pytest.raises(ValueError), paused():
        raise ValueError
    assert gc.isenabled()


def test_objects_frozen_by_the_program_stay_frozen() -> None:
    import gc

    from attribtrack.gcpause import paused

    kept = [[i] for i in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused():
            pass
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        del kept


def test_claims_overlapping_a_range_found_by_bisection_as_by_a_scan() -> None:
    import random

    from attribtrack.compare.classify import SpanIndex, _overlapping

    rng = random.Random(4)
    for _ in range(200):
        pairs = []
        for _ in range(rng.randint(0, 30)):
            s = rng.randint(0, 300)
            e = s + rng.randint(0, 80)
            ss = rng.randint(0, 380)
            pairs.append(((s, e), (ss, ss + rng.randint(0, 20))))
        index = SpanIndex(pairs)
        for _ in range(20):
            lo = rng.randint(0, 400)
            hi = lo + rng.randint(0, 100)
            scan = sorted(src for (s, e), src in pairs if s < hi and e > lo)
            assert sorted(_overlapping(index, lo, hi)) == scan
            assert sorted(_overlapping(pairs, lo, hi)) == scan


def test_no_fork_allowed_extracts_both_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from attribtrack.compare import both
    from attribtrack.extractor import extract

    def refuse() -> int:
        raise OSError("fork: resource temporarily unavailable")

    monkeypatch.setattr(both, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(both, "_cores", lambda: 2)
    monkeypatch.setattr(both.os, "fork", refuse)
    old, new = "The mayor said the bridge would close.\n", "The mayor said the bridge would open.\n"
    got_old, got_new = both.extract_both(old, new)
    assert got_old.to_json() == extract(old).to_json()
    assert got_new.to_json() == extract(new).to_json()


def test_one_core_extracts_both_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from attribtrack.compare import both

    def no_fork() -> int:
        raise AssertionError("forked on one core")

    monkeypatch.setattr(both, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(both, "_cores", lambda: 1)
    monkeypatch.setattr(both.os, "fork", no_fork)
    got_old, got_new = both.extract_both("Officials said it.\n", "Officials said so.\n")
    assert got_old.claims and got_new.claims
