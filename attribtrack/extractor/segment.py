"""Segmentation: paragraphs, quotation spans, sentences and word tokens, all as offsets.

Works on the normalised text (same length as the original, see :mod:`normalise`); the original is
consulted only for the direction of curly quotation marks. Every step is a single left-to-right
scan, so time is linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.normalise import DOUBLE_CLOSE, DOUBLE_OPEN

_PARA_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_TOKEN = (
    r"(?:[^\W\d_]\.){2,}"  # U.S. / a.m.
    # words: Russia's, foreign-intelligence (16,000 is three tokens)
    r"|[\w\u00ad\u200b\u200c\u200d]+(?:['\-/\u00ad&.][\w\u00ad]+)*(?:'s?)?"
    r"|\S"
)
_SENT_END = re.compile(r"[.!?]+(?:[\"')\]]+)?(?=\s)|[.!?]+(?:[\"')\]]+)?$")
_SPEAKER_AFTER = re.compile(
    r"(?:[A-Z][\w.'-]*\s+){1,5}(?:said|says|asked|asks|added|adds|told|wrote|writes|replied|explained|"
    r"noted|continued|recalled|insisted|argued|declared|shouted|tweeted)\b"
)
#: a closing quotation mark and the dash that signs a pull quote: '"..." ― Ana Ruiz, a farmer'
BYLINE_DASH = r'"[ ]*(?:\u2015|\u2014|\u2013|--?)[ ]*'
#: a line signed like a pull quote
_BYLINE_END = re.compile(BYLINE_DASH + r'[A-Z][^"\n]{0,80}$')
_TRAILS = re.compile(r"\s*(?:[.,;]|$)")
_OPEN_CONTEXT = " \n([{/-\u2014\u2013:"
_CLOSE_CONTEXT = " \n.,;:!?)]}-\u2014\u2013"


class Token:
    """A word or punctuation mark: offsets, its text, casefolded text, and two cheap flags."""

    __slots__ = ("start", "end", "text", "low", "cap", "word")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.cap = text[:1].isupper()
        self.word = text[:1].isalnum()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``open`` is the opening mark, ``close`` the closing one (or the paragraph end)."""

    open: int
    close: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return (self.open + 1, self.close)

    @property
    def outer(self) -> tuple[int, int]:
        return (self.open, self.close + 1 if self.closed else self.close)


def paragraphs(norm: str) -> list[tuple[int, int]]:
    """Spans of paragraphs (separated by blank lines), leading/trailing space trimmed."""
    out = []
    pos = 0
    for m in _PARA_BREAK.finditer(norm):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(norm)))
    trimmed = []
    for s, e in out:
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def quotes(norm: str, orig: str, start: int, end: int) -> list[Quote]:
    """Double quotation spans in one paragraph; an unclosed one runs to the paragraph end."""
    spans: list[Quote] = []
    opened = -1
    pos = norm.find('"', start, end)
    while pos != -1:
        o = orig[pos]
        if o in DOUBLE_OPEN:
            role = "open"
            if (
                opened >= 0
                and pos > start
                and not norm[pos - 1].isspace()
                and (pos + 1 >= end or norm[pos + 1] in _CLOSE_CONTEXT)
            ):
                role = "close"  # '"... at the harbor,“ said Jim Colby': an opening mark typed to close
        elif o in DOUBLE_CLOSE:
            role = "close"
            if (
                opened < 0
                and (pos == start or norm[pos - 1] in _OPEN_CONTEXT)
                and pos + 1 < end
                and norm[pos + 1].isalnum()
            ):
                role = "open"  # '”Water. We are afraid.”': a closing mark typed to open a quotation
        else:
            prev = norm[pos - 1] if pos > start else " "
            nxt = norm[pos + 1] if pos + 1 < end else " "
            left = prev in _OPEN_CONTEXT or prev == '"'
            right = nxt in _CLOSE_CONTEXT or nxt == '"'
            if left and not right:
                role = "open"
            elif right and not left:
                role = "close"
            else:
                role = "close" if opened >= 0 else "open"
        if role == "open":
            if opened < 0:
                opened = pos
            elif o not in DOUBLE_OPEN:  # a straight mark we cannot place: read it as closing
                spans.append(Quote(opened, pos, True))
                opened = -1
            else:
                opened = pos  # two curly openers: the first was never closed
        elif opened >= 0:
            spans.append(Quote(opened, pos, True))
            opened = -1
        pos = norm.find('"', pos + 1, end)
    if opened >= 0:
        spans.append(Quote(opened, end, False))
    return spans


def sentences(norm: str, start: int, end: int, qspans: list[Quote], lex: Lexicon) -> list[tuple[int, int]]:
    """Sentence spans in a paragraph. Never splits inside a quotation (only right after it).

    A single line break ends a sentence too when the line before is short (a headline, a
    dateline) or ends a sentence, and the next line starts like one; hard-wrapped prose stays whole.
    """
    out: list[tuple[int, int]] = []
    a = start
    # quotations never overlap: the one opening last before a line break is the only one that may
    # hold it (a search over all of them per line break was quadratic in a long paragraph)
    opens = [q.open for q in qspans]
    ends = [q.outer[1] for q in qspans]  # in order too: each line starts its scan at its first
    nl = norm.find("\n", start, end)
    while nl != -1:
        line_start = norm.rfind("\n", a, nl) + 1 or a
        line = norm[max(line_start, a) : nl].rstrip()
        nxt = nl + 1
        while nxt < end and norm[nxt] == " ":
            nxt += 1
        if (
            nxt < end
            and (norm[nxt].isupper() or norm[nxt] in "\"'-*#0123456789")
            and (len(line) < 60 or line[-1:] in ".!?:\"'" or _BYLINE_END.search(line) is not None)
        ):
            k = bisect_left(opens, nl) - 1
            if not (k >= 0 and qspans[k].closed and nl < qspans[k].close):
                out.extend(_sentences(norm, a, nl, qspans, lex, bisect_right(ends, a)))
                a = nxt
        nl = norm.find("\n", nl + 1, end)
    out.extend(_sentences(norm, a, end, qspans, lex, bisect_right(ends, a)))
    return out


def _sentences(
    norm: str, start: int, end: int, qspans: list[Quote], lex: Lexicon, qi: int = 0
) -> list[tuple[int, int]]:
    """``qi``: the first quotation that may reach past ``start`` (those before end before it)."""
    out = []
    s = start
    for m in _SENT_END.finditer(norm, start, end):
        cut = m.end()
        while qi < len(qspans) and qspans[qi].outer[1] <= m.start():
            qi += 1
        if qi < len(qspans):
            q = qspans[qi]
            o0, o1 = q.outer
            if o0 < m.start() and cut < o1:
                continue  # the full stop is inside a quotation that goes on
        # What follows must look like a sentence start.
        nxt = cut
        while nxt < end and norm[nxt] == " ":
            nxt += 1
        if nxt < end:
            c = norm[nxt]
            if not (c.isupper() or c.isdigit() or c in "\"'([\n" or not c.isalpha()):
                continue
            # '"Why not?" Biden said.': a quotation ending in ? or ! then its speaker
            if norm[cut - 1] == '"':
                sp = _SPEAKER_AFTER.match(norm, nxt, min(end, nxt + 120))
                # after a full stop only a speaker ending the sentence ('"..." Weber said.') continues
                # it; 'Russia insisted that ...' starts a sentence of its own
                if sp is not None and (norm[m.start()] != "." or _TRAILS.match(norm, sp.end())):
                    continue
        if norm[m.start()] == ".":
            # The word before the full stop: an abbreviation or an initial does not end a sentence.
            w = m.start()
            while w > s and (norm[w - 1].isalnum() or norm[w - 1] == "."):
                w -= 1
            word = norm[w : m.start()].casefold()
            if (
                word in lex.abbreviations
                or (word in lex.state_abbreviations and not (nxt < end and norm[nxt].isupper()))
                or (len(word) == 1 and word.isalpha())
                or (
                    "." in word
                    and len(word) <= 5
                    and m.end() - m.start() == 1
                    and nxt < end
                    and norm[nxt].isupper()
                    and _acronym_continues(norm, nxt, end)
                )
            ):
                continue
        out.append((s, cut))
        s = cut
        while s < end and norm[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if a < b]


def _acronym_continues(norm: str, nxt: int, end: int) -> bool:
    """After "U.S." a capitalised word usually continues the noun phrase ("U.S. officials")."""
    j = nxt
    while j < end and norm[j].isalpha():
        j += 1
    word = norm[nxt:j]
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.casefold()
        not in {
            "the",
            "a",
            "an",
            "but",
            "and",
            "he",
            "she",
            "they",
            "it",
            "in",
            "on",
            "this",
            "that",
            "we",
            "i",
        }
    )


#: a token with the white space before it: the offsets follow from the lengths, and ``findall``
#: builds no match objects. Every non-space character is in some token (``\S``), so tokens and
#: white space tile the range and the white space always matches at its first try.
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN + ")")


#: a pronoun and its contracted auxiliary, one token of the pattern above ("she's", "they've"):
#: two tokens, the auxiliary read as its full form, so "she's saying" reads as "she is saying"
#: ("'s" is "is" more often than "has" there: "she's expected", "he's hopeful"). Normalise made
#: every apostrophe '.
_CONTRACTION = re.compile(r"\b(?i:i|you|he|she|we|they|who)('(?:s|ve|re|d|ll|m))\b")
CONTRACTED = {"'s": "is", "'ve": "have", "'re": "are", "'d": "would", "'ll": "will", "'m": "am"}

#: token text -> (text, casefolded, capitalised, a word): most tokens of a text are words it has
#: used before, so their attributes are looked up, and their strings shared, not made again
_Attributes = dict[str, tuple[str, str, bool, bool]]
_MEMO_LIMIT = 200_000


def tokens(norm: str, start: int, end: int, memo: _Attributes | None = None) -> list[Token]:
    """The tokens of ``norm[start:end]``; ``memo`` (one per text) shares their attributes."""
    # Trailing white space holds no token; trimmed, every white-space run is followed by a token,
    # so the pattern never backtracks over it (linear time however long the run).
    while end > start and norm[end - 1].isspace():
        end -= 1
    if memo is None:
        memo = {}
    out = []
    append = out.append
    new = object.__new__
    get = memo.get
    pos = start
    if end - start <= 50_000:
        pairs = _SPACED_TOKEN.findall(norm, start, end)
    else:  # a huge "sentence": stream the matches rather than hold them all at once
        pairs = (m.groups() for m in _SPACED_TOKEN.finditer(norm, start, end))
    for space, g in pairs:
        tok = new(Token)  # Token.__init__, inlined: this runs once per word of the text
        tok.start = a = pos + len(space)
        tok.end = pos = a + len(g)
        attrs = get(g)
        if attrs is None:
            attrs = (g, g.casefold(), g[:1].isupper(), g[:1].isalnum())
            if len(memo) < _MEMO_LIMIT:
                memo[g] = attrs
        tok.text, tok.low, tok.cap, tok.word = attrs
        append(tok)
    if norm.find("'", start, end) >= 0 and _CONTRACTION.search(norm, start, end) is not None:
        return _split_contractions(out)
    return out


def _split_contractions(toks: list[Token]) -> list[Token]:
    """ "He's" -> "He" "'s" (read as "is"): see :data:`_CONTRACTION`."""
    out: list[Token] = []
    for tok in toks:
        m = _CONTRACTION.fullmatch(tok.text) if "'" in tok.text else None
        if m is None:
            out.append(tok)
            continue
        cut = tok.start + m.start(1)
        head = tok.text[: m.start(1)]
        out.append(Token(tok.start, cut, head, head.casefold()))
        aux = Token(cut, tok.end, m.group(1), CONTRACTED[m.group(1).casefold()])
        aux.word = True  # an auxiliary, as the word it stands for
        out.append(aux)
    return out
