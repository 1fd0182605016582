"""The frame finders' word classes are data (STYLE §6): ``attribtrack/data/grammar.toml``.

Each list is read by its key; these tests keep the file and the code in step, so that a list a
journalist extends is one the extractor reads, and one it no longer reads is not left behind.
"""

from __future__ import annotations

import pathlib
import re
import tomllib

import pytest

from attribtrack.extractor import lexicon
from attribtrack.extractor.frames import words

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "attribtrack" / "data" / "grammar.toml"
FRAMES = ROOT / "attribtrack" / "extractor" / "frames"


def _table() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def _keys_read_by_code() -> set[str]:
    found: set[str] = set()
    for path in sorted(FRAMES.glob("*.py")):
        found.update(re.findall(r'grammar_(?:words|table)\("([a-z_]+)"\)', path.read_text(encoding="utf-8")))
    return found


def test_every_list_in_the_file_is_read_by_the_frame_modules_and_every_key_read_is_listed():
    assert set(_table()) == _keys_read_by_code()


@pytest.mark.parametrize("key", sorted(_table()))
def test_each_list_is_lowercase_without_repeats_and_commented(key):
    value = _table()[key]
    entries = [p for ps in value.values() for p in ps] + list(value) if isinstance(value, dict) else value
    assert entries or isinstance(value, dict), key
    assert all(isinstance(w, str) and w == w.casefold() and w.strip() == w for w in entries), key
    if not isinstance(value, dict):
        assert len(set(value)) == len(value), f"{key} lists a word twice"
    text = DATA.read_text(encoding="utf-8")
    at = re.search(rf"^\[?{key}\]?( =|$)", text, re.M)
    assert at is not None and text[: at.start()].rstrip("\n").rsplit("\n", 1)[-1].startswith("# "), (
        f"{key} has no comment saying what it is for"
    )


def test_the_module_constants_are_the_listed_words():
    table = _table()
    assert words.CUE_AUXILIARIES == frozenset(table["cue_auxiliaries"])
    assert words.PARTICLES["call"] == tuple(table["particles"]["call"])
    assert "reporters" in words.ADDRESSEES and "said" not in words.ADDRESSEES


def test_a_missing_key_is_an_error_naming_it():
    with pytest.raises(KeyError, match="no_such_class"):
        lexicon.grammar_words("no_such_class")
