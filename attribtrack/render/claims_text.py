"""The ``claims`` table: source, cue, kind and a content excerpt, readable at 80 columns.

Written as the claims go by (issue 14): a long text's table never holds its claims, as models
or as rows. rich lays the table out (its column widths, for the first :data:`LAYOUT_ROWS` rows)
and prints the title and the header; the rows are wrapped and padded here into the lines rich's
``Table`` renders for them (``tests/test_claims_streaming_text.py`` compares the two) at some
30 microseconds a row, where rich took a millisecond to render a row and a fifth of one to
measure it: minutes for a 50 MB story. A cell whose characters are not all one cell wide (wide
or zero-width characters, tabs, control characters) is measured and rendered by rich itself.

Up to :data:`LAYOUT_ROWS` rows, the table is the one rich makes of all of them, byte for byte. A
longer table keeps the widths of its first rows, widened to the longest id, class and kind any
row can have; a later row's longer source, cue or content wraps in its column, as any does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, get_args

from attribtrack.plain import ClaimKind, CueClass

__all__ = ["EXCERPT", "LAYOUT_ROWS", "render_claims_text"]

EXCERPT = 160

#: The rows the column widths are measured on, held until they are (a kilobyte or two each: a
#: story of up to some 700 KB of news); more are written with the same widths.
LAYOUT_ROWS = 5000

#: The widest id a long table is laid out for: attribtrack reads at most 256 MiB, and news has
#: about 7,300 claims a megabyte, so ids stay under c2000000.
WIDEST_ID = "c9999999"

#: (header, rich Column options) of each column.
COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("id", {"no_wrap": True}),
    ("source", {"max_width": 22, "overflow": "fold"}),
    ("cue", {"max_width": 12, "overflow": "fold"}),
    ("class", {"no_wrap": True}),
    ("kind", {"no_wrap": True}),
    ("content", {"ratio": 1, "overflow": "fold"}),
)

#: A cell: its base style (the whole cell's, padding included, as ``Text(..., style=)``) and its
#: parts (text, style of that text), the concatenation being the cell's text. A part after the
#: first starts a line ("\n..."), so no line mixes the styles of two parts.
Cell = tuple["str | None", "tuple[tuple[str, str | None], ...]"]
Row = tuple[Cell, ...]


def _excerpt(claims_text: str) -> str:
    text = " ".join(claims_text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "\u2026"


def _plain(text: str) -> Cell:
    return None, ((text, None),)


_EMPTY = _plain("")


def _bare(mention: str) -> str:
    """A mention as the table shows it: without the comma or semicolon that closes an apposition
    in the text ("The Islamic State, a designated terrorist group,"), which the span keeps because
    annotators mark it so, but which reads as a typo inside the table's parentheses."""
    return mention.rstrip(",;: ")


def _row(c: dict[str, Any]) -> Row:
    """The table row of a claim (its ``claims/1`` value)."""
    source = c.get("source")
    if source is None:
        who: Cell = ("red", (("(none)", None),))
    elif (mention := _bare(source["mention"])) != source["name"]:
        who = (None, ((source["name"], None), (f"\n({mention})", "dim")))
    else:
        who = _plain(source["name"])
    extra = []
    if c.get("via"):
        extra.append("via " + ", ".join(r["name"] for r in c["via"]))
    if c.get("confirmed_by"):
        extra.append("confirmed by " + ", ".join(r["name"] for r in c["confirmed_by"]))
    if c.get("hedges"):
        extra.append("hedged: " + ", ".join(h["text"] for h in c["hedges"]))
    if c.get("date"):
        extra.append("date: " + c["date"]["text"])
    excerpt = _excerpt(" \u2026 ".join(p["text"] for p in c.get("content", ())))
    content: Cell = (None, ((excerpt, None), ("\n" + "; ".join(extra), "dim"))) if extra else _plain(excerpt)
    cue = c.get("cue")
    if cue is None:
        said: Cell = _EMPTY
        klass = _EMPTY
    else:
        said, klass = (None, ((cue["text"], None),)), (None, ((cue.get("class") or "", None),))
    return ((None, ((c["id"], None),)), who, said, klass, (None, ((c["kind"], None),)), content)


def render_claims_text(claims: Iterable[dict[str, Any]], console: Any, label: str) -> None:
    """The table of ``claims`` (``claims/1`` values, read one at a time), titled ``label``, and
    a line counting them, printed on ``console`` (colour only on a terminal, as rich decides)."""
    unattributed = 0

    def rows() -> Iterator[Row]:
        nonlocal unattributed
        for c in claims:
            if c["kind"] == "unattributed":
                unattributed += 1
            else:
                yield _row(c)

    todo = rows()
    first = list(islice(todo, LAYOUT_ROWS + 1))
    layout = _Layout(console, label, first, long=len(first) > LAYOUT_ROWS)
    console.print(layout.heading())
    attributed = 0
    for batch in (first, todo):
        lines: list[Any] = []
        for row in batch:
            attributed += 1
            lines.extend(layout.lines(row))
            if len(lines) >= 512:
                layout.write(lines)
                lines = []
        layout.write(lines)
    from rich.text import Text

    console.print(
        Text(f"{attributed} attributed claims, {unattributed} unattributed statements", style="dim")
    )


def _table(label: str, cls: Any = None) -> Any:
    """The table, its columns and no rows (``cls``: a subclass of rich's ``Table``)."""
    from rich.table import Table
    from rich.text import Text

    table = (cls or Table)(
        title=Text(label),
        title_justify="left",
        show_lines=False,
        expand=False,
        pad_edge=False,
        box=None,
        header_style="bold",
    )
    for header, options in COLUMNS:
        table.add_column(header, **options)
    return table


def _pads(i: int) -> tuple[int, int]:
    """(left, right) padding of column ``i``: one space each side, none at the table's edges."""
    return (0 if i == 0 else 1, 0 if i == len(COLUMNS) - 1 else 1)


def _text(cell: Cell) -> Any:
    from rich.text import Text

    base, parts = cell
    text = Text(parts[0][0], style=base or "")
    for part, style in parts[1:]:
        text.append(part, style=style)
    return text


#: Characters one cell wide that never join a neighbour into one grapheme, for which rich's
#: measuring, wrapping and folding is counting characters (filled from rich's own tables).
_NARROW: frozenset[str] = frozenset()


def _narrow() -> frozenset[str]:
    global _NARROW
    if not _NARROW:
        from rich.cells import get_character_cell_size

        ranges = [
            (0x20, 0x7E),
            (0xA0, 0x2FF),
            (0x370, 0x482),
            (0x2010, 0x2027),
            (0x2030, 0x205E),
            (0x20A0, 0x20C0),
        ]
        _NARROW = frozenset(
            c for a, b in ranges for c in map(chr, range(a, b + 1)) if get_character_cell_size(c) == 1
        )
    return _NARROW


class _Layout:
    """The column widths of one table and the rendering of its rows at those widths."""

    def __init__(self, console: Any, label: str, first: list[Row], *, long: bool) -> None:
        self.console = console
        self.label = label
        self.narrow = _narrow()
        if long:
            kinds = [k for k in get_args(ClaimKind) if k != "unattributed"]
            widest = (WIDEST_ID, "", "", max(get_args(CueClass), key=len), max(kinds, key=len), "")
            first = [*first, tuple(_plain(w) for w in widest)]
        table = _table(label)
        for row in self._measured(first):
            table.add_row(*map(_text, row))
        # rich's own layout of these rows: the widths its Table renders them at.
        self.widths: list[int] = table._calculate_column_widths(console, console.options)
        self.columns = []
        for i, ((_, options), width) in enumerate(zip(COLUMNS, self.widths, strict=True)):
            left, right = _pads(i)
            wrap = None if options.get("no_wrap") else _wrap
            self.columns.append(
                (width - left - right, wrap, options.get("overflow", "ellipsis"), " " * left, " " * right)
            )
        self.styled = console.color_system is not None
        self._styles: dict[str, Any] = {}

    def _measured(self, rows: list[Row]) -> list[Row]:
        """Rows that rich measures as it would all of ``rows``: a column's measure is the widest
        of its cells' least widths (the longest word) and of their widths (the longest line), so
        the cells that have them stand for the others (rich's measuring took 0.2 ms a row). A
        row with a cell not measured here (characters not one cell wide) is kept as it is."""
        kept: list[Row] = []
        least: list[tuple[int, Cell] | None] = [None] * len(COLUMNS)
        most: list[tuple[int, Cell] | None] = [None] * len(COLUMNS)
        narrow = self.narrow.issuperset
        for row in rows:
            texts = ["".join(t for t, _ in parts) for _, parts in row]
            if not all(narrow(t.replace("\n", "")) for t in texts):
                kept.append(row)
                continue
            for i, (cell, text) in enumerate(zip(row, texts, strict=True)):
                # rich's Text measure: (longest word, longest line), in cells
                lines = text.split("\n")
                width = max(map(len, lines))
                words = text.split()
                low = max(map(len, words)) if words else width
                if least[i] is None or low > least[i][0]:  # type: ignore[index]
                    least[i] = (low, cell)
                if most[i] is None or width > most[i][0]:  # type: ignore[index]
                    most[i] = (width, cell)
        for chosen in (least, most):
            if chosen[0] is not None:
                kept.append(tuple(c[1] for c in chosen))  # type: ignore[index]
        return kept

    def heading(self) -> Any:
        """The title and the header row: rich's, at the rows' widths."""
        from rich.table import Table

        widths = self.widths

        class Heading(Table):
            def _calculate_column_widths(self, console: Any, options: Any) -> list[int]:
                return list(widths)

        return _table(self.label, cls=Heading)

    def lines(self, row: Row) -> list[Any]:
        """The lines of a row, each filling the table's width: a string, or on a terminal a list
        of (text, style) pieces."""
        cells = [self._cell(cell, i) for i, cell in enumerate(row)]
        height = max(map(len, cells))
        if height == 1 == min(map(len, cells)):
            return ["".join(c[0] for c in cells)] if not self.styled else [[p for c in cells for p in c[0]]]
        blank = [" " * w if not self.styled else [(" " * w, None)] for w in self.widths]
        rows = [c + [blank[i]] * (height - len(c)) for i, c in enumerate(cells)]
        if not self.styled:
            return ["".join(parts) for parts in zip(*rows, strict=True)]
        return [[p for c in parts for p in c] for parts in zip(*rows, strict=True)]

    def write(self, lines: list[Any]) -> None:
        if not lines:
            return
        from rich.segment import Segment, Segments

        if not self.styled:
            self.console.print(Segments([Segment("\n".join(lines) + "\n")]), crop=False, end="")
            return
        segments: list[Segment] = []
        for line in lines:
            segments.extend(Segment(t, self._style(s)) for t, s in line)
            segments.append(Segment.line())
        self.console.print(Segments(segments), crop=False, end="")

    def _style(self, style: Any) -> Any:
        if not isinstance(style, str):
            return style
        if style not in self._styles:
            self._styles[style] = self.console.get_style(style)
        return self._styles[style]

    def _cell(self, cell: Cell, i: int) -> list[Any]:
        """The lines of one cell of column ``i``, padding included, each the column's width."""
        width, wrap, overflow, lpad, rpad = self.columns[i]
        base, parts = cell
        narrow = self.narrow.issuperset
        if len(parts) == 1 and not self.styled and width > 0:  # most cells: one plain line
            text = parts[0][0]
            if "\n" not in text and narrow(text):
                if len(text) <= width:
                    return [lpad + text.ljust(width) + rpad]
                if wrap is not None:
                    return [lpad + piece.ljust(width) + rpad for piece in wrap(text, width)]
        split = [
            (line, style)
            for n, (text, style) in enumerate(parts)
            for line in (text[1:] if n else text).split("\n")
        ]
        if width < 1 or not all(narrow(line) for line, _ in split):
            return self._by_rich(cell, i)
        out: list[Any] = []
        for line, style in split:
            if wrap is not None:
                pieces = wrap(line, width)
            elif len(line) > width:
                pieces = [line[: width - 1] + "\u2026" if overflow == "ellipsis" else line[:width]]
            else:
                pieces = [line]
            for piece in pieces:
                pad = " " * (width - len(piece))
                if not self.styled:
                    out.append(lpad + piece + pad + rpad)
                elif base is not None:  # the cell's style covers its padding too
                    out.append([(lpad, None), (piece + pad, base), (rpad, None)])
                elif style is not None:
                    out.append([(lpad, None), (piece, style), (pad + rpad, None)])
                else:
                    out.append([(lpad + piece + pad + rpad, None)])
        return out

    def _by_rich(self, cell: Cell, i: int) -> list[Any]:
        """rich's lines of a cell, as its Table renders them (any characters, any width)."""
        from rich.padding import Padding
        from rich.segment import Segment

        width, wrap, overflow, lpad, rpad = self.columns[i]
        render = self.console.options.update(
            width=self.widths[i],
            justify="left",
            no_wrap=wrap is None,
            overflow=overflow,
            height=None,
            highlight=False,
        )
        lines = self.console.render_lines(Padding(_text(cell), (0, len(rpad), 0, len(lpad))), render)
        lines = [Segment.adjust_line_length(line, self.widths[i]) for line in lines]
        if not self.styled:
            return ["".join(seg.text for seg in line) for line in lines]
        return [[(seg.text, seg.style) for seg in line] for line in lines]


def _wrap(line: str, width: int) -> list[str]:
    """``line`` (one-cell characters, no line breaks) wrapped at ``width`` as rich wraps it
    (``rich._wrap.divide_line``, each line then cut to the width): as many words as a line holds,
    white space after a word not counted against the width; a word longer than the width
    folded (cut in pieces of the width, its white space with it). The only white space of such
    lines is " " and the no-break space."""
    n = len(line)
    if n <= width:
        return [line]
    s = line.replace("\xa0", " ") if "\xa0" in line else line  # where to look: one kind of space
    if not s.strip(" "):
        return [line[:width]]
    out = []
    a = 0  # where this line starts: 0, a word, or inside a folded one
    while n - a > width:
        # The end of this line's first word (the spaces of a folded word's last piece are none).
        if a and s[a] == " ":
            stem = a
        else:
            first = a
            while s[first] == " ":  # spaces before the text's first word are part of it
                first += 1
            stem = s.find(" ", first)
            if stem < 0:
                stem = n
        if stem - a > width:  # too long for any line: folded, pieces of the width
            end = stem
            while end < n and s[end] == " ":
                end += 1
            while end - a > width:
                out.append(line[a : a + width])
                a += width
            continue
        limit = a + width
        if s[limit] == " ":  # every word up to here fits; the next one starts a line
            cut = limit
            while cut < n and s[cut] == " ":
                cut += 1
            if cut == n:
                break
        else:  # the word across the edge starts the next line
            cut = s.rfind(" ", stem, limit) + 1
        out.append(line[a:cut][:width])
        a = cut
    out.append(line[a:][:width])
    return out
