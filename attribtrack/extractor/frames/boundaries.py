"""Where reported content stops, read from a table mined from annotated news.

A boundary candidate is a token that may end a content span after a cue: a comma, semicolon,
dash or parenthesis with the kind of word after it (", which", ", but", "-- the"), or a bare
conjunction ("while", "as"). ``attribtrack/data/content_boundaries.tsv`` says, for each way the
content opens (:func:`opening`: "that", "to", "quote", "lead", "bare") and candidate, how often
annotated content stopped there and how often it ran on, and whether the extractor stops. In the
invented 'The mayor said the bridge would close, which angered the council.' the candidate after
"close" is ``, which``; if the table says ``stop`` for bare openings, the content is "the bridge
would close". The table is made by ``training/mine_content.py`` and
the same function :func:`boundary` names candidates there and here, so they cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache

from attribtrack.extractor.frames.view import SentenceView

#: words that name themselves after a punctuation boundary; any other word is named by its kind
SHAPE_WORDS = frozenset(
    {
        "which", "who", "whom", "whose", "where", "when", "while", "whereas", "though",
        "although", "but", "and", "or", "nor", "as", "because", "since", "so", "including",
        "according", "compared", "after", "before", "despite", "if", "unless", "even", "not",
        "then", "also", "that", "this", "these", "those", "a", "an", "the", "to", "in", "on",
        "at", "for", "with", "by", "from", "of", "until", "amid", "like", "just", "only",
        "now", "yet", "said", "says", "told", "added", "wrote", "adding", "saying", "noting",
        "arguing", "citing", "calling", "referring", "claiming", "suggesting", "insisting",
        "warning",
    }
)  # fmt: skip
#: bare words that may open a clause of their own inside what follows a cue
BARE = frozenset({"while", "whereas", "as", "but", "because", "which", "although", "though", "and"})
PUNCT = frozenset({",", ";", "(", "-", "\u2014", "\u2013", ":"})
#: every token text that can be a candidate (the fast test before :func:`boundary`)
OPENERS = PUNCT | BARE


def kind(v: SentenceView, k: int) -> str:
    """The word at k as a boundary sees it: itself if listed, else its kind."""
    if k >= v.n:
        return "END"
    tok = v.t[k]
    low = tok.low
    if low in SHAPE_WORDS:
        return low
    if tok.text == '"':
        return "QUOTE"
    if low in v.lex.pronouns:
        return "PRON"
    if low in v.lex.cue_class:
        return "CUE-ING" if low.endswith("ing") else "CUE"
    if not tok.word:
        return "PUNCT"
    if low.endswith("ing"):
        return "ING"
    if low[:1].isdigit():
        return "NUM"
    if tok.cap:
        return "CAP"
    return "WORD"


def boundary(v: SentenceView, k: int) -> str | None:
    """The candidate at token k ("," + the next word's kind, "--", a bare "while"), or None."""
    t = v.t
    tok = t[k]
    text = tok.text
    if text not in OPENERS and tok.low not in BARE:
        return None
    if text in (",", ";", ":", "("):
        return f"{text} {kind(v, k + 1)}"
    if text in ("\u2014", "\u2013"):
        return f"-- {kind(v, k + 1)}"
    if text == "-":
        if k + 1 < v.n and t[k + 1].text == "-":
            return f"-- {kind(v, k + 2)}"
        if k > 0 and t[k - 1].text != "-" and tok.start > t[k - 1].end:
            return f"-- {kind(v, k + 1)}"  # " - ": a spaced hyphen is a dash
        return None
    return f"{tok.low} {kind(v, k + 1)}"


LEADS = frozenset(
    {"if", "when", "while", "because", "although", "though", "after", "before", "as", "unless", "since",
     "once", "until", "in", "on", "at", "for", "with", "by", "despite", "without", "under"}
)  # fmt: skip


def opening(v: SentenceView, p: int, cue_i: int) -> str:
    """How content opens at token p after the cue at ``cue_i``: "according" (the main clause after
    'According to X,'), "that" (a reported clause), "to" (an infinitive), "quote", "lead" (a
    subordinate clause or a phrase first: the first comma closes it), else "bare"."""
    t = v.t
    if p >= v.n:
        return "bare"
    if 0 <= cue_i < v.n:
        low = t[cue_i].low
        if low == "according" or (low == "to" and cue_i > 0 and t[cue_i - 1].low == "according"):
            return "according"
    low = t[p].low
    if low == "that" or (p > 0 and t[p - 1].low == "that"):
        return "that"
    if low == "to":
        return "to"
    if t[p].text == '"' or v.q[p]:
        return "quote"
    return "lead" if low in LEADS else "bare"


#: (opening or "*", candidate) -> stop (True), run on (False) or the rules decide (None)
Rows = dict[tuple[str, str], "bool | None"]


@lru_cache(maxsize=1)
def table() -> Rows:
    """The shipped table, ``attribtrack/data/content_boundaries.tsv``."""
    from importlib import resources

    text = (
        resources.files("attribtrack").joinpath("data", "content_boundaries.tsv").read_text(encoding="utf-8")
    )
    return parse(text)


DECISIONS = {"stop": True, "continue": False, "rules": None}


def parse(text: str) -> Rows:
    """Rows of the table's text: ``opening, boundary, decision, ...`` (tab-separated)."""
    out: Rows = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("opening\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 3 or cols[2] not in DECISIONS:
            raise ValueError(f"content_boundaries.tsv: bad line {line!r}")
        out[(cols[0], cols[1])] = DECISIONS[cols[2]]
    return out


def decision(v: SentenceView, k: int, opened: str, rows: Rows) -> bool | None:
    """Does content that opened as ``opened`` (:func:`opening`) stop before token k? The opening's
    own line if the table has one, else the line for all openings; None where no line decides.
    After "according to X," the content is a main clause, unlike any other: only its own lines."""
    b = boundary(v, k)
    if b is None:
        return None
    key = (opened, b)
    if key in rows:
        return rows[key]
    return None if opened == "according" else rows.get(("*", b))
