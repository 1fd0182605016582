"""Markdown awareness: what in a draft is prose, and the inline suppression comments.

:func:`mask` returns the draft with everything that is not prose replaced by spaces (newlines
kept), so every offset into the masked text is an offset into the original file and line:col
stays right. Not prose: YAML/TOML front matter, fenced and indented code blocks, inline code,
HTML comments and tags, link and image targets (the link text stays), images, and link
reference definitions. Plain-text drafts only lose their HTML comments.

Suppression comments (recognised only where they are real HTML comments, not inside code)::

    <!-- attribtrack: disable AT103 -->        off from here (codes or prefixes; none = all)
    <!-- attribtrack: enable AT103 -->         on again (no codes = everything on again)
    <!-- attribtrack: disable-next-line AT101 -->   off for the next line only
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from attribtrack.plain import Span

__all__ = ["Masked", "Suppressions", "is_markdown", "mask", "suppressions"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")

_FRONT = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n.*?^(?:\1|\.\.\.)[ \t]*$", re.S | re.M)
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<(?:https?|mailto|ftp):[^<>\s]*>")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])")
_REFDEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.M)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_DIRECTIVE = re.compile(r"<!--\s*attribtrack:\s*(disable-next-line|disable|enable)\b([^>]*?)\s*-->", re.I)


def is_markdown(path: str | None) -> bool:
    return path is not None and path.lower().endswith(MARKDOWN_SUFFIXES)


@dataclass(frozen=True)
class Masked:
    prose: str
    comments: tuple[Span, ...]  # HTML comments outside code: where directives may stand


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask(text: str, *, markdown: bool = True) -> Masked:
    """Blank out what is not prose, keeping every offset (see the module docstring)."""
    chars = list(text)
    code: list[Span] = []
    if markdown:
        front = _FRONT.match(text)
        if front:
            code.append(front.span())
        code.extend(_fenced_blocks(text, front.end() if front else 0))
        code.extend(_indented_blocks(text, code))
    code.sort()

    def in_code(pos: int) -> bool:
        i = bisect_right(code, (pos, len(text) + 1)) - 1
        return i >= 0 and code[i][0] <= pos < code[i][1]

    for start, end in code:
        _blank(chars, start, end)
    comments = []
    for m in _COMMENT.finditer(text):
        if not in_code(m.start()):
            comments.append(m.span())
            _blank(chars, *m.span())
    if markdown:
        # Each pass reads the partly masked text so that code and comments cannot produce links.
        for pattern in (_INLINE_CODE, _IMAGE, _REFDEF, _TAG):
            current = "".join(chars)
            for m in pattern.finditer(current):
                _blank(chars, *m.span())
        current = "".join(chars)
        for m in _LINK.finditer(current):
            _blank(chars, m.start(), m.start() + 1)  # "["
            _blank(chars, m.start(2) - 1, m.end())  # "](target)" / "][ref]"
    return Masked("".join(chars), tuple(comments))


def _fenced_blocks(text: str, start: int) -> list[Span]:
    blocks: list[Span] = []
    pos = start
    while True:
        m = _FENCE_OPEN.search(text, pos)
        if not m:
            return blocks
        fence = m.group(1)
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        c = closing.search(text, m.end())
        end = c.end() if c else len(text)
        blocks.append((m.start(), end))
        pos = end


def _indented_blocks(text: str, taken: list[Span]) -> list[Span]:
    """Indented code: 4+ spaces or a tab, after a blank line, not continuing a list item."""
    blocks: list[Span] = []
    offset = 0
    prev_blank = True
    prev_content = ""
    block_start: int | None = None
    block_end = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        inside_taken = any(s <= offset < e for s, e in taken)
        indented = line.startswith(("    ", "\t")) and stripped
        if block_start is not None:
            if indented or not stripped:
                if stripped:
                    block_end = offset + len(line.rstrip("\n"))
            else:
                blocks.append((block_start, block_end))
                block_start = None
        elif indented and prev_blank and not inside_taken and not _LIST_ITEM.match(prev_content):
            block_start = offset
            block_end = offset + len(line.rstrip("\n"))
        if stripped:
            if not line.startswith(("    ", "\t")) or block_start is None:
                prev_content = line
            prev_blank = False
        else:
            prev_blank = True
        offset += len(line)
    if block_start is not None:
        blocks.append((block_start, block_end))
    return blocks


@dataclass(frozen=True)
class _Directive:
    offset: int  # where it takes effect (end of the comment)
    action: str  # disable | enable
    codes: tuple[str, ...]  # prefixes; empty = every rule


class Suppressions:
    """Answers: is a finding of ``code`` starting at ``offset`` switched off by a comment?"""

    def __init__(self, directives: list[_Directive], lines: list[tuple[Span, tuple[str, ...]]]) -> None:
        self._directives = sorted(directives, key=lambda d: d.offset)
        self._lines = lines

    def __bool__(self) -> bool:
        return bool(self._directives or self._lines)

    @staticmethod
    def _matches(code: str, codes: tuple[str, ...]) -> bool:
        return not codes or any(code.startswith(c) for c in codes)

    def suppressed(self, code: str, offset: int) -> bool:
        for (start, end), codes in self._lines:
            if start <= offset < end and self._matches(code, codes):
                return True
        off = False
        for d in self._directives:
            if d.offset > offset:
                break
            if self._matches(code, d.codes):
                off = d.action == "disable"
        return off


def suppressions(text: str, comments: tuple[Span, ...]) -> Suppressions:
    """Read the suppression directives among the draft's HTML comments."""
    directives: list[_Directive] = []
    lines: list[tuple[Span, tuple[str, ...]]] = []
    for start, end in comments:
        m = _DIRECTIVE.fullmatch(text, start, end)
        if not m:
            continue
        action = m.group(1).lower()
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", m.group(2).strip()) if c)
        if action == "disable-next-line":
            line_end = text.find("\n", end)
            if line_end < 0:
                continue
            next_end = text.find("\n", line_end + 1)
            lines.append(((line_end + 1, len(text) if next_end < 0 else next_end), codes))
        else:
            directives.append(_Directive(end, action, codes))
    return Suppressions(directives, lines)
