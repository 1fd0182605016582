"""Table tests for the long-tail cues of issue #10 (helper "gate"): polls as sources ("In a new
poll, ...", "... in the latest poll") and one-word headline labels ("Poll: ...", "Insiders: ...").

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_extract_table import attributed, one

# (text, source mention, cue, content, cue class)
POSITIVES = [
    (
        "In a new Harbour Institute poll, 52 percent of islanders back the bridge.",
        "a new Harbour Institute poll",
        "In",
        "52 percent of islanders back the bridge",
        "evidence",
    ),
    (
        "In the latest county survey released Monday, the mayor trails by six points.",
        "the latest county survey released Monday",
        "In",
        "the mayor trails by six points",
        "evidence",
    ),
    (
        "Mayor Ortiz holds a narrow lead over Weber in the latest Gazette poll.",
        "the latest Gazette poll",
        "in",
        "Mayor Ortiz holds a narrow lead over Weber",
        "evidence",
    ),
    (
        "Poll: Ortiz leads Weber by nine points in the harbour race\n\nThe count starts on Monday.",
        "Poll",
        ":",
        "Ortiz leads Weber by nine points in the harbour race",
        "evidence",
    ),
    (
        "Report: the ferry operator will cut three routes next winter\n\nFares rise in May.",
        "Report",
        ":",
        "the ferry operator will cut three routes next winter",
        "evidence",
    ),
    (
        "Insiders: the council will back the new pier after all\n\nThe vote is on Friday.",
        "Insiders",
        ":",
        "the council will back the new pier after all",
        "speech",
    ),
]


@pytest.mark.parametrize("text,source,cue,content,klass", POSITIVES)
def test_polls_and_headline_labels_are_sources(
    text: str, source: str, cue: str, content: str, klass: str
) -> None:
    c = one(text)
    assert c.source is not None and c.source.mention == source
    assert c.cue is not None and c.cue.text == cue and c.cue.class_ == klass
    assert [x.text for x in c.content] == [content]


NEGATIVES = [
    # "in the polls" alone is the race's standing, not a poll's claim
    "Ortiz is well ahead in the polls.",
    # a place where a poll was taken is no source
    "In the towns where exit polls were taken, turnout was high.",
    # documents other than polls opening a sentence are the writer's setting
    "In a new report, fares rise by a third.",
    # a question to the reader, and a one-word label nobody is named as
    "Poll: Should the pier reopen?\n\nVote below.",
    "Busted: the pier will reopen in May after all\n\nMore soon.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_poll_or_label_claim(text: str) -> None:
    assert attributed(text) == []
