"""What hangs off a claim besides its source: outlets it came through, confirmations, hedges, dates.

All matchers work on token lists with a small look-ahead, so each is linear in the text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from functools import lru_cache

from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.segment import Token
from attribtrack.plain import Outlet

Span = tuple[int, int]

_MONTH_NUM = {
    m: i
    for i, ms in enumerate(
        [
            ("january", "jan."),
            ("february", "feb."),
            ("march", "mar."),
            ("april", "apr."),
            ("may",),
            ("june", "jun."),
            ("july", "jul."),
            ("august", "aug."),
            ("september", "sep.", "sept."),
            ("october", "oct."),
            ("november", "nov."),
            ("december", "dec."),
        ],
        start=1,
    )
    for m in ms
}


def find_outlets(
    toks: list[Token], orig: str, lookup: Callable[[str], Outlet | None], firsts: frozenset[str] | None = None
) -> list[tuple[Span, Outlet]]:
    """Outlet names in a token run: the longest capitalised run (with "the") that the registry knows.

    ``firsts``: the first words of every known name (casefolded, without "the"); a run starting
    with any other word is not looked up at all."""
    out: list[tuple[Span, Outlet]] = []
    i = 0  # the first token not yet consumed
    n = len(toks)
    # Only capitalised words and "the" can start a name: the others are not visited.
    for c in [k for k in range(n) if (toks[k].cap or toks[k].low == "the") and toks[k].word]:
        if c < i:
            continue
        i = c
        t = toks[i]
        if firsts is not None:
            key = toks[i + 1].low if t.low == "the" and i + 1 < n else t.low
            if key not in firsts:
                i += 1
                continue
        best = None
        j = i
        while j < n and j - i < 6 and (toks[j].cap or toks[j].low in ("the", "of", "-", "/")):
            j += 1
            a, b = toks[i].start, toks[j - 1].end
            if not toks[j - 1].cap:
                continue
            o = lookup(orig[a:b])
            if o is not None:
                best = ((a, b), o, j)
        if best is not None:
            out.append((best[0], best[1]))
            i = best[2]
        else:
            i += 1
    return out


def find_hedges(toks: list[Token], lex: Lexicon) -> list[Span]:
    out = []
    done = 0  # tokens before this are inside a hedge already found
    n = len(toks)
    first = lex.hedge_firsts
    # Only the words that can start a hedge are visited; those inside a hedge just found are skipped.
    for i in [k for k in range(n) if toks[k].low in first]:
        if i < done:
            continue
        low = toks[i].low
        best = None
        for h in lex.hedges:
            k = len(h)
            if h[0] == low and i + k <= n and all(toks[i + m].low == h[m] for m in range(k)):
                if best is None or k > best:
                    best = k
        if best:
            out.append((toks[i].start, toks[i + best - 1].end))
            done = i + best
    return out


def find_dates(
    toks: list[Token], lex: Lexicon
) -> list[tuple[Span, tuple[int | None, int, int] | str | None]]:
    """Date expressions: 'April 2', 'March 29, 2024', 'Tuesday', 'the same day'.

    The second item is (year or None, month, day), a weekday name, or a relative phrase key."""
    out: list[tuple[Span, tuple[int | None, int, int] | str | None]] = []
    n = len(toks)
    i = 0
    rel_first, triggers = _date_index(lex)
    # Only the words that can start a date are visited (``i``: the first token not yet consumed).
    for c in [k for k in range(n) if toks[k].low in triggers]:
        if c < i:
            continue
        i = c
        t = toks[i]
        low = t.low
        if (
            low in _MONTH_NUM
            and t.cap
            and i + 1 < n
            and toks[i + 1].low.isdecimal()
            and len(toks[i + 1].low) <= 2
        ):
            day = int(toks[i + 1].low)
            end = i + 2
            year = None
            if (
                end + 1 < n
                and toks[end].text == ","
                and toks[end + 1].low.isdecimal()
                and len(toks[end + 1].low) == 4
            ):
                year = int(toks[end + 1].low)
                end += 2
            elif end < n and toks[end].low.isdecimal() and len(toks[end].low) == 4:
                year = int(toks[end].low)
                end += 1
            if 1 <= day <= 31:
                out.append(((t.start, toks[end - 1].end), (year, _MONTH_NUM[low], day)))
            i = end
            continue
        if low in lex.weekdays and t.cap:
            out.append(((t.start, t.end), low))
            i += 1
            continue
        if low in rel_first:
            for r in rel_first[low]:
                k = len(r)
                if i + k > n:
                    continue
                m = 1  # r[0] == low
                while m < k and toks[i + m].low == r[m]:
                    m += 1
                if m == k:
                    out.append(((t.start, toks[i + k - 1].end), " ".join(r)))
                    i += k
                    break
            else:
                i += 1
            continue
        i += 1
    return out


_date_cache: tuple = (None, None)  # (lexicon, (relative index, trigger words)): the last one used


def _date_index(lex: Lexicon) -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    """The relative-day index and every word that can start a date expression, for ``lex``."""
    global _date_cache
    cached_lex, index = _date_cache
    if cached_lex is not lex:
        rel_first = _relative_index(lex.relative_days)
        index = (rel_first, frozenset(_MONTH_NUM) | lex.weekdays | frozenset(rel_first))
        _date_cache = (lex, index)
    return index


@lru_cache(maxsize=4)
def _relative_index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the relative-day phrases starting with it, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(phrases, key=len, reverse=True):
        index.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in index.items()}


def iso_date(value: tuple[int | None, int, int] | str | None, published: str | None) -> str | None:
    """An ISO date when it is certain: an explicit year, or a month and day before publication."""
    pub = None
    if published:
        try:
            pub = _dt.date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    if isinstance(value, tuple):
        year, month, day = value
        try:
            if year is not None:
                return _dt.date(year, month, day).isoformat()
            if pub is not None:
                d = _dt.date(pub.year, month, day)
                if d > pub:
                    d = _dt.date(pub.year - 1, month, day)
                return d.isoformat()
        except ValueError:
            return None
        return None
    if pub is not None and value in ("today",):
        return pub.isoformat()
    if pub is not None and value in ("yesterday",):
        return (pub - _dt.timedelta(days=1)).isoformat()
    return None
