"""Between a source and its cue: auxiliaries, adverbs, dates and asides.

'Ruiz has previously said', 'the ministry on April 3 said', 'Murphy, though, said', 'Howard
Stern, in 2013, questioned': the words stepped over from the cue back to the source phrase.
Invented examples throughout.
"""

from __future__ import annotations

from attribtrack.extractor.frames.view import SentenceView
from attribtrack.extractor.frames.words import LY_NOUNS, PARENTHETICALS


def skip_between(v: SentenceView, i: int, lo: int) -> int:
    """From the cue at i, step left over auxiliaries, adverbs and dates; return the last NP token."""
    t = v.t
    lex = v.lex
    j = i - 1
    steps = 0
    while j >= lo and steps < 8:
        low = t[j].low
        if t[j].text == "," and j - 2 >= lo and t[j - 2].text == "," and t[j - 1].low in PARENTHETICALS:
            j -= 3  # "Murphy, though, said"
            steps += 3
            continue
        if (
            low in lex.between
            or low in lex.months
            or low.isdigit()
            or (
                low.endswith("ly")
                and len(low) > 4
                and not t[j].cap
                and low not in lex.cue_class
                and low not in LY_NOUNS
            )
            or (t[j].text == "," and j - 1 >= lo and (t[j - 1].low.isdigit() or t[j - 1].low in lex.months))
        ):
            # Do not step over a capitalised name mistaken for a word ("May", "Will", "Theresa May").
            if (
                t[j].cap
                and low not in lex.weekdays
                and (low not in lex.months or (j > lo and t[j - 1].cap and t[j - 1].word))
                and j == i - 1
                and low in ("will", "may", "can", "mark")
            ):
                break
            j -= 1
            steps += 1
            continue
        break
    # "Howard Stern, in 2013, questioned": a date between commas is a parenthetical
    if j > lo and j < i - 1 and t[j].text == "," and t[i - 1].text == "," and steps >= 2:
        j -= 1
    elif (
        j < i - 1
        and t[i - 1].text == ","
        and t[j].word
        and (t[i - 2].low in lex.months or t[i - 2].low.isdigit())
    ):
        j = i - 1  # "who ... his own campaign in February, blasted": the comma closes an apposition
    return j
