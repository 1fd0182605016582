"""Offset-preserving normalisation: one character in, one character out.

Curly and angled quotation marks become ``"`` and ``'``, exotic spaces become a space, the
doubled apostrophes some outlets use for quotation marks (``''``, ``````) become ``"`` plus a
space, and the ``>`` marks opening the lines of a Markdown blockquote become spaces. Because the
result has the same length as the input, every offset into it is an offset into the text as read:
no map back is needed. Soft hyphens and zero-width characters are kept and the
tokenizer treats them as part of a word.
"""

from __future__ import annotations

import re

DOUBLE_OPEN = "\u201c\u201e\u00ab\u2039"  # “ „ « ‹
DOUBLE_CLOSE = "\u201d\u00bb\u203a"  # ” » ›
_TABLE = str.maketrans(
    {
        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2039\u203a\uff02"},
        **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\uff07`"},
        **{
            c: " "
            for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
            "\u202f\u205f\u3000\t\r\f\v"
        },
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
_DOUBLED = re.compile(r"''")
#: the characters ``_TABLE`` maps (each to one character). ``str.translate`` with a dict looks up
#: every character of the text; replacing only the matches is ten times faster on news text.
_MAPPED = {chr(k): v for k, v in _TABLE.items()}
_SPECIAL = re.compile("[" + "".join(re.escape(c) for c in _MAPPED) + "]")


def _mapped(m: re.Match[str]) -> str:
    return _MAPPED[m.group()]


#: a Markdown blockquote's marks at the start of a line ("> ", "> > "), up to three spaces before
_BLOCKQUOTE = re.compile(r"^[ ]{0,3}>[> ]*", re.M)


def _blanked(m: re.Match[str]) -> str:
    return " " * len(m.group())


def normalise(text: str) -> str:
    """The text with quotation marks and spaces unified, blockquote marks blanked; same length as
    ``text``."""
    out = _SPECIAL.sub(_mapped, text)  # == text.translate(_TABLE)
    if "''" in out:
        out = _DOUBLED.sub('" ', out)
    if ">" in out:
        out = _BLOCKQUOTE.sub(_blanked, out)
    return out
