"""The shared sentence view every frame finder reads, and :class:`Frame`, the raw shape of a claim.

A frame is token positions and character spans; naming the source and resolving it to an entity
happens later (:mod:`attribtrack.extractor.sources`, :mod:`attribtrack.extractor.resolve`).
:class:`SentenceView` holds one sentence's tokens, which of them are inside a quotation, the
lexicon and the normalised text, with the word tests and span helpers all shapes share: in the
invented 'The harbour master said the pier would reopen.', ``valid_source`` accepts "The harbour
master" and ``span`` turns tokens 4..7 into the character span of "the pier would reopen".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from attribtrack.extractor.frames.words import DATELINE_DASHES, LOOSE_DETS
from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.segment import Quote, Token

Span = tuple[int, int]


@dataclass
class Frame:
    """One cue with the source and content it links, as character spans into the normalised text.

    ``shape`` names the finder: forward, opens-quote (``He said:`` before a quotation), trailing,
    according, inherited, nominal, passive, asked, speaker; the pipeline adds bare-quote and byline.
    ``regions`` are where a via outlet or a date may stand (between source, cue and content)."""

    cue: Span
    cue_class: str
    cue_lemma: str
    sentence: Span
    content: list[Span]
    source: Span | None = None  # the mention's span (with appositive)
    source_tokens: list[Token] = field(default_factory=list)
    appositive: Span | None = None
    inherited: bool = False
    shape: str = "forward"
    regions: list[Span] = field(default_factory=list)  # where via outlets and dates may stand
    addressee: Span | None = None
    extra_sentences: list[Span] = field(default_factory=list)


class SentenceView:
    """One sentence as every frame finder reads it. ``q[i]`` says token i is inside a quotation."""

    def __init__(
        self,
        toks: list[Token],
        in_quote: list[bool],
        sentence: Span,
        quotes: list[Quote],
        lex: Lexicon,
        norm: str,
    ) -> None:
        self.t = toks
        self.q = in_quote
        self.sent = sentence
        self.quotes = quotes
        self.lex = lex
        self.norm = norm
        self.n = len(toks)
        #: each token's start offset, for bisecting a character position to a token (made once:
        #: every finder and edge step asks for it, nine times a sentence, and the tokens never change)
        self.starts = [x.start for x in toks]
        self._title: bool | None = None

    def np_word(self, tok: Token) -> bool:
        """Can the token stand in a source noun phrase (a name, a determiner, a role, a group)?"""
        lex = self.lex
        low = tok.low
        if tok.word:
            if low in lex.clause_openers and low not in lex.determiners:
                return False
            if low in lex.documents or low in lex.groups or low in lex.anonymity:
                return True
            if low in lex.cue_class and not tok.cap:
                return False
            if tok.cap:
                return True
            if tok.text[0].isdigit():
                return True
            return (
                low in lex.determiners
                or low in lex.groups
                or low in lex.anonymity
                or low in lex.roles
                or low in lex.documents
                or low in lex.organizations
                or low.endswith("'s")
                or low in lex.pronouns
            )
        return tok.text in ("'s", "'", "&", "/", "-", ".")

    def valid_source(self, toks: list[Token]) -> bool:
        """Do these tokens name someone who can say something: a name, a pronoun, a role, a group,
        an organisation or a document, or a determiner with plain words ("the harbour master")?"""
        lex = self.lex
        if not toks:
            return False
        if (
            len(toks) >= 2
            and (
                toks[0].low in ("the", "a", "an", "his", "her", "their", "its", "our", "my", "one")
                or toks[0].low in LOOSE_DETS
            )
            and all(x.word and not x.cap for x in toks[1:])
            and toks[-1].low not in lex.not_sources
        ):
            return True
        if len(toks) == 1 and toks[0].low in lex.pronouns and toks[0].low not in ("him", "them"):
            return True
        for i, tok in enumerate(toks):
            low = tok.low.removesuffix("'s")
            if (
                tok.cap
                and tok.word
                and low not in lex.not_sources
                and low not in lex.months
                and low not in lex.cue_class
            ):
                return True
            if i == len(toks) - 1 or toks[i + 1].low in (
                "and",
                ",",
                "of",
                "familiar",
                "close",
                "with",
                "in",
                "at",
                "from",
                "for",
                "who",
                "knowledgeable",
                "briefed",
                "on",
            ):
                if (
                    low in lex.groups
                    or low in lex.anonymity
                    or low in lex.documents
                    or low in lex.organizations
                    or low in lex.roles
                ):
                    return True
        return False

    def title_case(self) -> bool:
        """A headline: most words capitalised ("Beck Says Trump Poses A Threat")."""
        if self._title is None:
            words = [x for x in self.t if x.word and x.text[:1].isalpha()]
            self._title = len(words) >= 3 and sum(1 for x in words if x.cap) >= 0.7 * len(words)
        return self._title

    def sentence_end(self) -> int:
        """Index one past the last token that is not final punctuation."""
        e = self.n
        while e > 0 and self.t[e - 1].text in (".", "!", "?", ";", ":"):
            e -= 1
        return e

    def span(self, a: int, b: int) -> Span | None:
        """Character span of tokens a..b-1, trimmed of edge commas and spaces."""
        t = self.t
        while a < b and t[a].text in (",", ";", ":", "-", "\u2014", "\u2013"):
            a += 1
        while b > a and t[b - 1].text in (",", ";", ":", "-", "\u2014", "\u2013"):
            b -= 1
        if a >= b:
            return None
        return (t[a].start, t[b - 1].end)

    def after_dateline(self) -> int:
        """'WASHINGTON ― ...', 'KYIV, Ukraine (AP) -- ...': the first token after a dateline."""
        t = self.t
        k = 0
        while k < min(self.n, 10) and (t[k].text.isupper() or t[k].text in (",", "(", ")", ".") or t[k].cap):
            if t[k].text in DATELINE_DASHES or (t[k].text == "-" and k + 1 < self.n and t[k + 1].text == "-"):
                break
            k += 1
        if 0 < k < self.n and t[0].text.isupper() and len(t[0].text) > 1:
            if t[k].text in DATELINE_DASHES:
                return k + 1
            if t[k].text == "-" and k + 1 < self.n and t[k + 1].text == "-":
                return k + 2
            if t[k].text == "-" and t[k - 1].text == ")":
                return k + 1  # "ORLANDO, Fla. (Reuters) - ..."
        return 0

    def content_span(self, a: int, b: int) -> Span | None:
        """Tokens a..b-1 as content: a quotation becomes its inner text."""
        t = self.t
        while b > a and t[b - 1].text in (",", '"', "-", "\u2014") and not self.q[b - 1]:
            b -= 1
        while a < b and t[a].text in (",", "-", "\u2014"):
            a += 1
        if a >= b:
            return None
        sp = (t[a].start, t[b - 1].end)
        # A closing quote mark is outside the quote: add it back if it directly follows
        return sp

    def quote_span_at(self, pos: int) -> Span | None:
        """The inner span of the quotation opening at character ``pos``, if one does."""
        for q in self.quotes:
            if q.open == pos:
                return q.inner
        return None
