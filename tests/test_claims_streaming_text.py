"""The ``claims`` table written a row at a time (issue 14): the same bytes as rich's ``Table`` of
all the rows (the renderer before streaming, kept here as the reference) for every fixture, at
several widths, on a terminal (colour) and off it, and for random cells that take every path
(wide and zero-width characters, tabs, line breaks, words longer than a column); a table longer
than ``LAYOUT_ROWS`` keeps one layout; and the command's memory stays flat on a long text."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from attribtrack.cli import cli
from attribtrack.extractor.pipeline import extract
from attribtrack.models import Claims
from attribtrack.render import claims_text
from attribtrack.render.claims_text import LAYOUT_ROWS, WIDEST_ID, _wrap, render_claims_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXTS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".md"))


def rich_table(claims: Claims, console: Any, label: str) -> None:
    """The table as it was rendered before it streamed: one rich ``Table`` of every row."""
    from rich.table import Table

    attributed = [c for c in claims.claims if c.kind != "unattributed"]
    unattributed = len(claims.claims) - len(attributed)
    table = Table(title=Text(label), title_justify="left", show_lines=False, expand=False,
                  pad_edge=False, box=None, header_style="bold")  # fmt: skip
    table.add_column("id", no_wrap=True)
    table.add_column("source", max_width=22, overflow="fold")
    table.add_column("cue", max_width=12, overflow="fold")
    table.add_column("class", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("content", ratio=1, overflow="fold")
    for c in attributed:
        if c.source is None:
            source = Text("(none)", style="red")
        else:
            source = Text(c.source.name)
            mention = c.source.mention.rstrip(",;: ")  # the apposition's closing comma stays out
            if mention != c.source.name:
                source.append(f"\n({mention})", style="dim")
        content = " \u2026 ".join(p.text for p in c.content)
        extra = []
        if c.via:
            extra.append("via " + ", ".join(r.name for r in c.via))
        if c.confirmed_by:
            extra.append("confirmed by " + ", ".join(r.name for r in c.confirmed_by))
        if c.hedges:
            extra.append("hedged: " + ", ".join(h.text for h in c.hedges))
        if c.date:
            extra.append("date: " + c.date.text)
        cell = Text(claims_text._excerpt(content))
        if extra:
            cell.append("\n" + "; ".join(extra), style="dim")
        klass = (c.cue.class_ or "") if c.cue else ""
        # Text, not str, for the plain cells too: a str cell is read as markup ("[said]").
        table.add_row(Text(c.id), source, Text(c.cue.text if c.cue else ""), Text(klass), Text(c.kind), cell)
    console.print(table)
    console.print(
        Text(f"{len(attributed)} attributed claims, {unattributed} unattributed statements", style="dim")
    )


def console(width: int, terminal: bool) -> Console:
    return Console(file=io.StringIO(), width=width, highlight=False, soft_wrap=False,
                   force_terminal=terminal, color_system="truecolor" if terminal else None)  # fmt: skip


def both(claims: Claims, width: int, terminal: bool, label: str = "story.txt") -> tuple[str, str]:
    """(the reference's output, the streamed renderer's) for ``claims``."""
    old, new = console(width, terminal), console(width, terminal)
    rich_table(claims, old, label)
    render_claims_text(iter(json.loads(claims.to_json())["claims"]), new, label)
    return old.file.getvalue(), new.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.relative_to(FIXTURES).as_posix())
@pytest.mark.parametrize(
    ("width", "terminal"), [(80, False), (80, True), (40, False), (132, True), (20, False)]
)
def test_every_fixtures_table_is_the_bytes_rich_made(path: Path, width: int, terminal: bool) -> None:
    claims = extract(path.read_text(encoding="utf-8"))
    old, new = both(claims, width, terminal, label=path.name)
    assert new == old


#: Cell text that takes every path: words and spaces (wrapped here), a no-break space, curly
#: quotes and dashes (one cell, wrapped here), wide, zero-width and combining characters, tabs,
#: control characters and line breaks (each such cell rendered by rich itself).
TEXT = st.lists(
    st.sampled_from(list("ab cd  e") + ["Xylophonic", "\xa0", "\u201c", "\u2014", "\u00e9", "\u4e2d",
                                        "\u200b", "e\u0301", "\t", "\n", "\x07", "[b]", "\u2026"]),
    max_size=30,
).map("".join)  # fmt: skip


@st.composite
def claims_values(draw: Any) -> Claims:
    n = draw(st.integers(1, 6))
    out = []
    for i in range(n):
        start = i * 10
        name = draw(TEXT.filter(lambda t: t.strip()))
        parts = draw(st.integers(0, 2))
        claim: dict[str, Any] = {
            "id": f"c{draw(st.integers(1, 10**7))}",
            "kind": draw(st.sampled_from(["direct", "indirect", "mixed", "unattributed"])),
            "span": (start, start + 5),
            "text": "x",
            "content": [{"text": draw(TEXT), "span": (start, start + 1)} for _ in range(parts)],
            "cue": draw(st.none() | st.fixed_dictionaries({
                "text": TEXT, "span": st.just((start, start + 1)),
                "class": st.sampled_from([None, "speech", "according", "cognition"]),
            })),
            "source": draw(st.none() | st.fixed_dictionaries({
                "name": st.just(name), "mention": st.just(name) | TEXT, "span": st.just((start, start + 1)),
                "type": st.just("person"),
            })),
            "hedges": [{"text": draw(TEXT), "span": (start, start + 1)}] if draw(st.booleans()) else [],
            "via": [{"name": draw(TEXT)}] if draw(st.booleans()) else [],
        }  # fmt: skip
        out.append(claim)
    return Claims.model_validate({"document": {"sha256": "0" * 64}, "claims": out})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims_values(), st.sampled_from([80, 33, 17, 120]), st.booleans())
def test_random_cells_are_the_bytes_rich_made(claims: Claims, width: int, terminal: bool) -> None:
    old, new = both(claims, width, terminal)
    assert new == old


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(list("ab c") + ["\xa0", "\u201c", "Longword"]), max_size=30).map("".join),
    st.integers(1, 14),
)
def test_wrapping_is_richs(line: str, width: int) -> None:
    theirs = [t.plain for t in Text(line).wrap(Console(width=200), width, overflow="fold", justify="left")]
    assert [piece.ljust(width) for piece in _wrap(line, width)] == theirs


def test_only_plain_spaces_are_white_space_on_the_fast_path() -> None:
    """_wrap looks for " " and no-break spaces only through regexes; a one-cell character that is
    white space of another kind would need the slow path."""
    assert sorted(c for c in claims_text._narrow() if c.isspace()) == [" ", "\xa0"]


def synthetic(n: int) -> list[dict[str, Any]]:
    """``n`` attributed claims (``claims/1`` values), every tenth with a longer source, and one
    unattributed."""
    out: list[dict[str, Any]] = []
    for i in range(1, n + 1):
        name = "Ana Ruiz" if i % 10 else "The Ministry of Long Names and Titles"
        out.append({"id": f"c{i}", "kind": "direct", "span": (0, 1), "text": "x",
                    "content": [{"text": f"We will rebuild pier {i} soon.", "span": (0, 1)}],
                    "cue": {"text": "said", "span": (0, 1), "class": "speech"},
                    "source": {"name": name, "mention": name, "span": (0, 1), "type": "person"}})  # fmt: skip
    out.append({"id": f"c{n + 1}", "kind": "unattributed", "span": (0, 1), "text": "It rained.",
                "content": [{"text": "It rained.", "span": (0, 1)}]})  # fmt: skip
    return out


@pytest.mark.parametrize("rows", [50, LAYOUT_ROWS])
def test_a_table_of_layout_rows_is_richs_and_a_longer_one_keeps_one_layout(
    monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    monkeypatch.setattr(claims_text, "LAYOUT_ROWS", rows)
    if rows < LAYOUT_ROWS:  # rich's own table of as many rows (slow: a millisecond a row)
        exact = Claims.model_validate({"document": {"sha256": "0" * 64}, "claims": synthetic(rows)})
        old, new = both(exact, 80, False)
        assert new == old
    out = console(80, False)
    render_claims_text(iter(synthetic(rows * 3)), out, "long.txt")
    lines = out.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines[0].startswith("long.txt") and lines[1].split() == [
        "id",
        "source",
        "cue",
        "class",
        "kind",
        "content",
    ]
    assert sum(1 for line in lines if line.split()[:1] == ["id"]) == 1  # one header
    assert lines[-1] == f"{rows * 3} attributed claims, 1 unattributed statements"
    widths = {len(line) for line in lines[:-1]}
    assert len(widths) == 1 and widths.pop() <= 80  # one layout, every line padded to it
    ids = [line.split()[0] for line in lines[2:-1] if line[:1] == "c"]
    assert ids == [f"c{i}" for i in range(1, rows * 3 + 1)]
    # laid out for the widest id any table may have, the column of kinds as wide as its longest
    assert lines[1].index("source") == len(WIDEST_ID) + 2
    assert lines[1].index("content") - lines[1].index("kind") == len("indirect") + 2


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def test_claims_file_and_revision_print_the_table_rich_made(tmp_path: Path) -> None:
    story = (FIXTURES / "crocus.txt").read_text(encoding="utf-8")
    (tmp_path / "crocus.txt").write_text(story, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run("--store", db, "ingest", str(tmp_path / "crocus.txt"), "--doc", "crocus")[0] == 0
    want = console(80, False)
    rich_table(extract(story), want, "crocus@1")
    code, out, err = run("--store", db, "claims", "crocus@1")
    assert (code, out, err) == (0, want.file.getvalue(), "")  # type: ignore[attr-defined]
    code, out, err = run("--store", db, "claims", "crocus@1")  # a cache hit now
    assert out == want.file.getvalue()  # type: ignore[attr-defined]
    code, file_out, _ = run("claims", str(tmp_path / "crocus.txt"))
    assert file_out.split("\n", 1)[1] == out.split("\n", 1)[1]  # the title aside


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))


def test_a_mention_ends_without_the_comma_that_closes_its_apposition() -> None:
    text = "The Harbour Guild, a union of dock pilots, said on Monday that the strike would end.\n"
    claims = json.loads(extract(text).to_json())["claims"]
    assert claims[0]["source"]["mention"] == "The Harbour Guild, a union of dock pilots,"
    style, pieces = claims_text._row(claims[0])[1]
    assert "".join(p for p, _ in pieces) == "Harbour Guild\n(The Harbour Guild, a union of dock pilots)"
    out = io.StringIO()
    render_claims_text(iter(claims), Console(file=out, width=200, color_system=None), "s.txt")
    assert "pilots)" in out.getvalue() and "pilots,)" not in out.getvalue()
