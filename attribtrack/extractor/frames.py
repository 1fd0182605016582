"""Attribution frames: in one sentence, find each cue and the source and content it links.

A frame is the raw shape of a claim, as token positions and character spans; naming the source
and resolving it to an entity happens later (:mod:`sources`, :mod:`resolve`). Shapes handled:

* forward:    ``SOURCE [has/also/on April 3] CUE [ADDRESSEE] [that] CONTENT``
* trailing:   ``CONTENT, SOURCE CUE [tail].`` and inverted ``CONTENT, CUE SOURCE[, appositive].``,
              with a quotation continued after the cue (``"A," he said, "B."``)
* according:  ``According to SOURCE, CONTENT`` / ``CONTENT, according to SOURCE``
* inherited:  ``SOURCE did X and said CONTENT`` / ``..., saying CONTENT`` (the clause's subject)
* speaker:    ``NAME: CONTENT`` at the start of a paragraph (transcripts, headlines)

Every scan looks at a bounded window of tokens, so a sentence costs time linear in its length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.segment import Quote, Token

Span = tuple[int, int]

NP_MAX = 14  # longest source noun phrase, in tokens
TAIL_MAX = 16  # longest tail after a trailing cue ("..., she said in a statement on Telegram.")
THAT_WINDOW = 18  # how far after a cue to look for "that"
CONTENT_MAX = 400  # tokens: caps the work per claim on pathological one-sentence inputs
MAX_FRAMES = 24  # claims from one sentence: bounds work and output on pathological inputs
#: 'In a new poll, 40 percent ...' as a claim of the poll: measured on PolNeAR train it is right about
#: one time in three, which costs more than it brings; kept for a later, stricter version.
IN_DOCUMENT_FRAMES = False

_NOUN_MARKERS = frozenset(
    {
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "its",
        "this",
        "my",
        "our",
        "your",
        "whose",
        "these",
        "those",
        "'s",
        "no",
        "any",
        "every",
        "such",
    }
)
_PASSIVE_AUX = frozenset(
    {"was", "were", "is", "are", "been", "be", "being", "get", "got", "wasn't", "weren't", "isn't", "aren't"}
)
_CONNECTORS = frozenset({"and", "but", "while", "whereas", "although", "though", "yet"})
_ADDRESSEES = frozenset(
    {
        "reporters",
        "journalists",
        "me",
        "him",
        "her",
        "them",
        "us",
        "you",
        "lawmakers",
        "supporters",
        "voters",
        "viewers",
        "listeners",
        "readers",
        "members",
        "students",
        "congress",
        "the",
        "a",
        "an",
        "his",
        "their",
        "its",
        "crowd",
        "audience",
        "interviewer",
        "host",
        "committee",
        "senators",
        "delegates",
        "donors",
        "officials",
        "colleagues",
        "counterpart",
        "staff",
        "aides",
        "allies",
        "guests",
        "residents",
        "attendees",
    }
)
_LOOSE_OPENERS = frozenset(
    {
        "that",
        "which",
        "and",
        "but",
        "because",
        "while",
        "when",
        "as",
        "if",
        "although",
        "though",
        "so",
        "since",
        "after",
        "before",
        "where",
        "whereas",
        "yet",
        "even",
    }
)
_PARENTHETICALS = frozenset(
    {
        "though",
        "however",
        "meanwhile",
        "too",
        "also",
        "instead",
        "nonetheless",
        "moreover",
        "then",
        "likewise",
        "similarly",
        "again",
        "later",
        "separately",
        "previously",
        "earlier",
        "nevertheless",
        "in turn",
        "for example",
        "for instance",
        "by contrast",
        "therefore",
        "still",
    }
)
#: Words ending like verbs that take "that" without reporting anything ("needed that", "so that").
_NOT_THAT_VERBS = frozenset(
    {
        "was",
        "is",
        "has",
        "does",
        "goes",
        "means",
        "needs",
        "needed",
        "seems",
        "makes",
        "ensures",
        "ensured",
        "guaranteed",
        "assumes",
        "assumed",
        "provided",
        "provides",
        "given",
        "besides",
        "unless",
        "ones",
        "times",
        "years",
        "days",
        "states",
        "votes",
        "issues",
        "rules",
        "bills",
        "ads",
        "funds",
        "taxes",
        "jobs",
        "plans",
        "laws",
        "reports",
        "emails",
        "comments",
        "remarks",
        "statements",
        "claims",
        "policies",
        "steps",
        "words",
        "things",
        "facts",
        "ideas",
        "points",
        "parts",
        "lines",
    }
)
_NP_PREPS = frozenset({"of", "to", "at", "in", "for", "on", "from", "with", "about", "over"})
_LEAD_PREPS = frozenset(
    {
        "in",
        "at",
        "on",
        "during",
        "after",
        "before",
        "from",
        "while",
        "via",
        "through",
        "over",
        "outside",
        "inside",
        "following",
        "ahead",
    }
)
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def _is_clause(tok: Token) -> bool:
    """Does an apposition describe the circumstances ("speaking at ...", "in a statement") rather
    than the speaker? Such a clause stays out of the source mention; a relative clause ("who ...")
    says who the speaker is and stays in, as news annotators mostly keep it."""
    return tok.low in ("in", "through", "via", "at", "during") or (tok.low.endswith("ing") and not tok.cap)


def _NUMBERISH(low: str) -> bool:  # noqa: N802 - reads as a predicate in the table above
    return low[:1].isdigit() or low in _NUMBER_WORDS


_AUX_BEFORE_BASE = frozenset(
    {
        "to",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "should",
        "must",
        "shall",
        "not",
        "never",
        "'ll",
        "'d",
        "didn't",
        "don't",
        "doesn't",
        "didn",
        "don",
        "doesn",
        "wouldn",
        "couldn",
        "won't",
        "wouldn't",
        "cannot",
        "can't",
    }
)
_SAYING = frozenset(
    {
        "saying",
        "telling",
        "arguing",
        "claiming",
        "insisting",
        "asking",
        "urging",
        "noting",
        "adding",
        "declaring",
        "suggesting",
        "calling",
        "accusing",
        "praising",
    }
)
_LOOSE_DETS = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "one",
        "this",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "some",
        "several",
        "many",
        "most",
        "other",
        "another",
        "both",
        "all",
        "few",
        "dozens",
        "hundreds",
        "thousands",
        "no",
        "every",
        "each",
        "these",
        "those",
    }
)
_ING_BEFORE = frozenset(
    {
        "is",
        "was",
        "were",
        "are",
        "been",
        "be",
        "and",
        "while",
        "after",
        "before",
        "by",
        "in",
        "when",
        "without",
        "also",
        "repeatedly",
        "not",
        "keeps",
        "kept",
        "again",
        "publicly",
        "even",
        "still",
        "now",
        "am",
        "'s",
        "'re",
        "'m",
    }
)
_PARTICLES = {
    "call": ("for", "on"),
    "point": ("to", "out"),
    "refer": ("to",),
    "talk": ("about",),
    "speak": ("about", "of", "against", "for"),
    "vote": ("for", "against"),
    "push": ("for",),
    "echo": (),
    "learn": ("of", "about"),
}
#: Verbs that need a particle to report anything ("talked about", "voted for").
_NEEDS_PARTICLE = frozenset({"talk", "speak", "vote", "push", "point", "refer"})
#: "appeared to acknowledge": the verb after "to" is the cue, not this one.
#: words that open a subordinate clause at the start of a sentence ("While X said ..., Y ...")
_SUBORDINATORS = frozenset(
    {
        "while",
        "although",
        "though",
        "even",
        "as",
        "when",
        "whereas",
        "if",
        "because",
        "since",
        "after",
        "before",
    }
)
#: between a plain subject and "say": "traders also say", "voters still say"
_SAY_ADVERBS = frozenset(
    {"also", "still", "now", "often", "repeatedly", "generally", "mostly", "privately", "publicly"}
)
#: words a plain subject may follow: "But specialists say", "while analysts say"
_BOUNDARY_WORDS = frozenset(
    {"but", "and", "while", "so", "yet", "because", "although", "though", "whereas", "as"}
)
#: a singular head before "who" that is a person: "A woman who has accused him said"
_PERSON_NOUNS = frozenset(
    {"man", "woman", "person", "voter", "resident", "official", "worker", "source", "lawmaker"}
)
_APPROXIMATELY = frozenset(
    {"about", "nearly", "almost", "roughly", "around", "only", "just", "over", "under"}
)
_QUANTITY_HEADS = frozenset(
    {"half", "most", "many", "few", "both", "all", "majority", "plurality", "percent", "some", "third",
     "thirds", "quarter", "quarters", "fourths", "fifths"}
)  # fmt: skip
_IRREGULAR_PLURALS = frozenset({"people", "children", "police", "staff", "clergy", "media"})  # and "-men"
#: "adamant that", "confident that" after a copula: a stance whose content is the that-clause
_ADJ_THAT = frozenset(
    {"confident", "convinced", "aware", "adamant", "hopeful", "optimistic", "worried", "upset", "fearful",
     "nervous", "unaware", "certain", "concerned", "skeptical", "insistent", "angry", "pleased",
     "disappointed"}
)  # fmt: skip
_COPULAS = frozenset(
    {"is", "was", "are", "were", "be", "been", "'s", "seems", "seemed", "seem", "remain", "remains",
     "remained", "feel", "feels", "felt", "appears", "appeared", "grew", "became", "become"}
)  # fmt: skip
_QUESTION_WORDS = frozenset(
    {"whether", "if", "what", "how", "why", "who", "whom", "when", "where", "which", "about"}
)
#: words before a verb of saying that belong to its cue: "has said", "did not say", "has long argued"
_CUE_AUXILIARIES = frozenset(
    {"has", "have", "had", "did", "does", "do", "will", "would", "could", "can", "may", "might", "should",
     "must", "is", "was", "were", "are", "not", "never", "didn't", "doesn't", "don't", "hasn't", "haven't",
     "hadn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "wasn't", "aren't", "weren't", "also",
     "repeatedly", "long", "previously", "later", "publicly", "privately", "often", "already", "initially",
     "once", "still", "since", "recently", "first"}
)  # fmt: skip
_CUE_ADVERBS_ONLY = frozenset(
    {"also", "repeatedly", "long", "previously", "later", "publicly", "privately", "often", "already",
     "initially", "once", "still", "since", "recently", "first"}
)  # fmt: skip
_FINITE_AUX = frozenset(
    {
        "would",
        "will",
        "could",
        "can",
        "should",
        "must",
        "might",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
    }
)
#: nouns that end like adverbs: "the organizer of a rally said" keeps "rally" in the source
_LY_NOUNS = frozenset(
    {"rally", "family", "assembly", "supply", "ally", "bully", "monopoly", "anomaly", "daily", "weekly",
     "monthly", "quarterly", "italy", "july", "melancholy", "homily", "jelly", "belly"}
)  # fmt: skip
_TAIL_CLAUSE_OPENERS = frozenset(
    {"as", "while", "when", "after", "before", "because", "though", "although", "since"}
)
_SAYING_LEMMAS = frozenset(
    {"say", "write", "add", "note", "tell", "claims", "argue", "explain", "reports", "stated"}
)
_TAIL_PREPS = frozenset(
    {"in", "on", "at", "during", "to", "with", "without", "after", "before", "from", "via", "through"}
)
_TAIL_STOPS = frozenset(
    {"which", "who", "whom", "whose", "where", "because", "while", "when", "if", "but", "and", "as"}
)
_DATELINE_DASHES = frozenset({"\u2015", "\u2014", "\u2013"})
_DASHES = frozenset({"--", "\u2014", "\u2013"})
_RAISING = frozenset({"seem", "appear"})


@dataclass
class Frame:
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


_trigger_cache: tuple = (None, None, frozenset())  # (lexicon, cues, trigger words): the last used


def _triggers(lex: Lexicon, cues: dict[str, str]) -> frozenset[str]:
    """Words that can start a frame whatever follows them (see :meth:`SentenceFrames.frames`)."""
    global _trigger_cache
    if _trigger_cache[0] is not lex or _trigger_cache[1] is not cues:
        words = frozenset(cues) | lex.nominal_cues | lex.phrase_firsts | {"according"}
        _trigger_cache = (lex, cues, words)
    return _trigger_cache[2]


class SentenceFrames:
    """Finds the frames of one sentence. ``in_quote[i]`` says token i is inside a quotation."""

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
        self._title: bool | None = None

    # --- word classes ------------------------------------------------------------------------

    def np_word(self, tok: Token) -> bool:
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
        lex = self.lex
        if not toks:
            return False
        if (
            len(toks) >= 2
            and (
                toks[0].low in ("the", "a", "an", "his", "her", "their", "its", "our", "my", "one")
                or toks[0].low in _LOOSE_DETS
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

    # --- the pieces of a frame ----------------------------------------------------------------

    def left_np(self, j: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase ending at token j (inclusive), not reaching before lo."""
        t = self.t
        if j < lo:
            return None
        # A parenthetical right before the cue: "Gov. Mike Pence (R-IN) said".
        end = j
        if t[j].text == ")":
            k = j - 1
            while k >= lo and j - k < 8 and t[k].text != "(":
                k -= 1
            if k >= lo and t[k].text == "(":
                j = k - 1
        for m in range(j - 1, max(lo, j - 7) - 1, -1):
            if (
                t[m].low in ("familiar", "close", "briefed", "knowledgeable")
                and m + 1 < j
                and t[m + 1].low in ("with", "to", "on", "about")
                and m - 1 >= lo
            ):
                inner = self.left_np(m - 1, lo)
                if inner is not None:
                    return (inner[0], end)
        k = j
        while (
            k >= lo
            and j - k < NP_MAX
            and not self.q[k]
            and (
                self.np_word(t[k])
                or (
                    t[k].low in ("to", "for", "at", "from")
                    and k - 1 >= lo
                    and k + 1 <= j
                    and t[k + 1].cap
                    and (t[k - 1].low.rstrip(".") in self.lex.roles)
                )
                or (
                    t[k].low in ("in", "of", "out")
                    and k - 1 >= lo
                    and k + 1 <= j
                    and _NUMBERISH(t[k + 1].low)
                    and (_NUMBERISH(t[k - 1].low) or t[k - 1].low == "out")
                )
            )
        ):
            k -= 1
        start = k + 1
        # "a person familiar with the matter", "people close to the president"
        if (
            start - 2 >= lo
            and t[start - 1].low in ("with", "to", "on", "about")
            and t[start - 2].low in ("familiar", "close", "briefed", "knowledgeable")
        ):
            k = start - 3
            while k >= lo and start - k < NP_MAX and self.np_word(t[k]) and not self.q[k]:
                k -= 1
            start = k + 1
        while start <= j and t[start].low in ("and", "of", "'s", "'", "-", "/", "&", "."):
            start += 1
        if start > j or not any(
            self.np_word(x)
            and (
                x.cap
                or x.low in self.lex.pronouns
                or x.low in self.lex.groups
                or x.low in self.lex.anonymity
                or x.low in self.lex.roles
                or x.low in self.lex.documents
                or x.low in self.lex.organizations
            )
            for x in t[start : j + 1]
        ):
            loose = self.loose_np(j, lo)
            if loose is not None:
                return (loose, end)
        if start > j:
            return None
        # "a county transport department statement", "port officials": plain words before the NP
        if start - 1 >= lo and t[start - 1].word and not t[start - 1].cap and not self.np_word(t[start - 1]):
            loose = self.loose_np(start - 1, lo, allow_single=True)
            if loose is not None:
                return (loose, end)
        return (start, end)

    def loose_np(self, j: int, lo: int, allow_single: bool = False) -> int | None:
        """'the city engineer': up to three plain words after a determiner at a clause start."""
        t = self.t
        lex = self.lex
        k = j
        while k >= lo and j - k < 12:
            low = t[k].low
            if low in _LOOSE_DETS:
                before = t[k - 1] if k - 1 >= lo else None
                if before is None or before.text in (",", '"', ";", ":", "(") or before.low in _LOOSE_OPENERS:
                    return k if k < j or allow_single else None
                if before.low in _NP_PREPS and k - 2 >= lo and t[k - 2].word:
                    k -= 2  # "the top candidates of both parties"
                    continue
                return None
            if low in _NP_PREPS and k < j and k - 1 >= lo and t[k - 1].word and not self.q[k - 1]:
                k -= 1  # "the deputy head of China's delegation to the forum"
                continue
            if (
                allow_single
                and k == j
                and low.endswith("ed")
                and not t[k].cap
                and low not in lex.roles
                and low not in lex.groups
            ):
                return None  # "Trump issued a statement": a verb, not part of the noun phrase
            if (
                not t[k].word
                or self.q[k]
                or low in lex.clause_openers
                or low in lex.cue_class
                or (low in lex.between and low not in _LOOSE_DETS)
                or (t[k].cap and k == j)
            ):
                if allow_single and k < j and (not t[k].word or low in _LOOSE_OPENERS):
                    return k + 1  # ", port officials told ..."
                return None
            k -= 1
        if k < lo and k < j and (allow_single or lo == 0):
            return lo  # the sentence starts with it: "Patient advocacy groups note ..."
        return None

    def with_appositive(self, start: int, end: int, lo: int) -> tuple[int, int, Span | None]:
        """Extend "head of X's service" back over ", " to the name before it."""
        t = self.t
        first = t[start]
        if start - 2 < lo or t[start - 1].text != ",":
            return start, end, None
        if first.cap and first.low not in self.lex.determiners and first.low not in self.lex.roles:
            return start, end, None
        # The appositive must end with a comma right before the cue.
        if t[end].text != ",":
            return start, end, None
        got = self.left_np(start - 2, lo)
        if got is None:
            return start, end, None
        s2, e2 = got
        if not (t[e2].cap or t[e2].text[:1].isdigit()):
            return start, end, None
        if not any(tok.cap for tok in t[s2 : e2 + 1]):
            return start, end, None
        return s2, end, (t[start].start, t[end - 1].end)

    def trailing_np(self, i: int, j: int, cls: str) -> tuple[int, int] | None:
        """', donors said.': up to four plain words between a comma and a trailing cue."""
        t = self.t
        if cls not in ("speech", "tell"):
            return None
        k = j
        while (
            k >= 0
            and j - k < 4
            and t[k].word
            and not self.q[k]
            and t[k].low not in self.lex.clause_openers
            and t[k].low not in self.lex.cue_class
        ):
            k -= 1
        if k < 1 or k == j or t[k].text not in (",", '"'):
            return None
        return (k + 1, j)

    def document_subject(self, j: int) -> tuple[int, int] | None:
        """'Exit polls taken in South Carolina found': a document noun opening the clause, whatever
        modifies it before the verb."""
        t = self.t
        k = j
        while k >= 0 and j - k < 12 and not self.q[k] and t[k].text not in (",", ";", ":", '"', "(", ")"):
            if t[k].low in ("that", "which", "who", "and", "but", "while", "because", "as", "if", "when"):
                break
            k -= 1
        start = k + 1
        if start > j:
            return None
        for m in range(start, min(j + 1, start + 4)):
            if t[m].low in self.lex.documents:
                return (start, j)
        return None

    def agrees(self, i: int, j: int, src_toks: list[Token]) -> bool:
        """A bare verb form ("say", "attack", "support") needs a plural or first/second-person subject,
        or an auxiliary ("did not say", "will support", "to attack"); else it is a noun."""
        low = self.t[i].low
        if low in ("made", "cast", "took", "laid", "went", "spoke") and low in self.lex.phrase_firsts:
            return True  # the past of a phrase cue: "made it clear", "cast doubt on"
        if low.endswith(("s", "ed", "ing")) or low in (
            "told",
            "wrote",
            "said",
            "thought",
            "saw",
            "knew",
            "felt",
            "sought",
            "spoke",
            "written",
            "shown",
            "found",
        ):
            return True
        if any(x.low in _AUX_BEFORE_BASE for x in self.t[j + 1 : i]):
            return True
        heads = [x for x in src_toks if x.word]
        if not heads:
            return False
        for k in range(1, len(heads)):
            # "People close to Hart", "those in the room": the head is before the modifier
            if heads[k].low in _NP_PREPS or heads[k].low in ("close", "familiar", "knowledgeable", "briefed"):
                heads = heads[:k]
                break
        last = heads[-1].low
        if last in ("i", "we", "you", "they") or "and" in [x.low for x in heads]:
            return True
        if _NUMBERISH(last) or last in _QUANTITY_HEADS or last in _IRREGULAR_PLURALS or last.endswith("men"):
            return True  # "Six in 10 say", "42% say", "most say", "the women say"
        if any(x.low in ("those", "these", "both", "several", "many") for x in heads):
            return True  # "those surveyed say"
        if last.endswith("s") and heads[-1].cap and len(heads) >= 2 and heads[-2].low == "the":
            return True  # "the Okafors say": a family
        sentence_initial = heads[-1] is self.t[0]
        if (
            last in self.lex.groups
            or last in self.lex.documents
            or (last.endswith("s") and (not heads[-1].cap or sentence_initial) and not last.endswith("ss"))
        ):
            return True
        return False

    def appositive_before(self, j: int) -> tuple[int, int, Span] | None:
        """'NAME, APPOSITIVE,' ending with the comma at j: (name start, j, appositive span).

        The appositive may hold commas of its own ("a Hollywood, Fla., rabbi", "who lives outside
        Sacramento, Calif.,"): up to four earlier commas are tried, nearest first."""
        t = self.t
        lex = self.lex
        k = j - 1
        tried = 0
        has_cue = False
        has_quote = False
        while k >= 1 and j - k <= 40 and tried < 4:
            tok = t[k]
            if tok.text == ";":
                return None
            if self.q[k] or tok.text in ('"', ":"):
                has_quote = True  # allowed only inside a relative clause ("who signed ... "x"")
                k -= 1
                continue
            if tok.low in ("said", "says", "told") or (
                tok.low in lex.cue_class
                and not tok.cap
                and k < j - 1
                and lex.cue_class[tok.low] in ("speech", "tell")
                and tok.low not in lex.roles
                and not tok.low.endswith("ing")
            ):
                has_cue = True
            if tok.text == "," and k < j - 1:
                tried += 1
                relative = t[k + 1].low in ("who", "whose", "which")
                if (not has_cue and not has_quote) or relative:
                    got = self._apposition_at(k, j)
                    if got is not None:
                        return got
                if (has_cue or has_quote) and not relative:
                    return None
            k -= 1
        return None

    def head_before_prep(self, s: int, e: int) -> int:
        """'Voters in Iowa said', 'One of the prosecutors for David Petraeus said': the noun phrase
        found ends in a prepositional object; its head is the plain noun before the preposition,
        back to the start of the clause. Returns the new start (or s)."""
        t = self.t
        lex = self.lex
        orig_s = s
        if (
            s >= 3
            and t[s - 1].low in ("to", "with", "on", "for", "at")
            and t[s - 2].low.endswith("ing")
            and not t[s - 2].cap
            and not self.q[s - 2]
        ):
            # "A dock worker talking to Harbor Radio said": the source is the noun before the participle
            got = self.left_np(s - 3, 0)
            if got is not None and got[1] == s - 3 and self.valid_source(t[got[0] : got[1] + 1]):
                return got[0]
        for _ in range(2):  # "52 percent of registered voters": plain adjectives before the noun
            if (
                s >= 3
                and t[s - 1].word
                and not t[s - 1].cap
                and not self.q[s - 1]
                and t[s - 1].low not in _NP_PREPS
                and t[s - 1].low not in lex.clause_openers
                and t[s - 1].low not in lex.cue_class
            ):
                s -= 1
        if s < 2 or t[s - 1].low not in _NP_PREPS or self.q[s - 1]:
            return orig_s
        k = s - 2
        while k >= 0 and s - k <= 10:
            x = t[k]
            if self.q[k] or not x.word:
                break
            if x.low in _NP_PREPS or x.low in lex.determiners or x.text[:1].isdigit():
                k -= 1
                continue
            if x.low in ("but", "and", "so", "yet") or x.low in _LOOSE_OPENERS:
                break
            if x.low in lex.clause_openers or (x.low in lex.cue_class and not x.cap) or x.low.endswith("ly"):
                return orig_s
            if not x.cap and x.low.endswith("ed") and x.low not in lex.groups and x.low not in lex.roles:
                if not (k + 1 < s and t[k + 1].word and not t[k + 1].cap):
                    return orig_s  # "He voted for Iowa": a verb, not an adjective before a noun
            k -= 1
        if k >= 0 and not (
            t[k].text in (",", ";", ":", '"', "(")
            or t[k].low in _LOOSE_OPENERS
            or t[k].low in ("but", "and", "so", "yet")
        ):
            return orig_s
        start = k + 1
        h = start
        while h < s - 1 and t[h].low not in _NP_PREPS:
            h += 1
        head = t[h - 1] if h > start else t[start]
        if head.cap and h - 1 != start:
            return orig_s  # "the Ohio delegates from Dayton": a name is no common head
        if h <= start:
            return orig_s
        if (
            head.low not in lex.groups
            and head.low not in lex.roles
            and head.low not in lex.anonymity
            and head.low not in lex.organizations
            and head.low not in lex.documents
            and head.low not in lex.quantities
            and not (head.low.endswith("men") and (not head.cap or head is t[0]))  # "Fishermen in Lewes"
        ):
            return orig_s
        return start

    def relative_subject(self, i: int, cls: str, lemma: str) -> Frame | None:
        """'People who have battled online threats say ...': a subject with a restrictive relative
        clause; the noun before "who"/"that" is its head, the clause start its start."""
        t = self.t
        lex = self.lex
        w = i - 1
        while w > 0 and i - w <= 20:
            x = t[w]
            if self.q[w] or not (x.word or x.text in ("'s", "-", ".", "$", "%")):
                return None
            if x.low.split("'", 1)[0] in lex.relative_pronouns:  # "who", "who'd", "who've"
                break
            if x.low in ("said", "says", "say", "told", "tells"):
                return None
            w -= 1
        else:
            return None
        if w < 1 or t[w].low.split("'", 1)[0] not in lex.relative_pronouns or w == i - 1:
            return None
        head = t[w - 1]
        if not head.word or head.low in lex.clause_openers or head.low in lex.cue_class:
            return None
        got = self.left_np(w - 1, 0)
        if got is None:
            return None
        s = self.head_before_prep(got[0], got[1])
        # "Democrats in Iowa who watched the debate said": the head is before the preposition
        p = next((k for k in range(s + 1, w - 1) if t[k].low in _NP_PREPS), None)
        if p is not None and head.cap:
            head = t[p - 1]
        if not (
            head.low in lex.groups
            or head.low in lex.anonymity
            or head.low in lex.roles
            or head.low in lex.quantities
            or head.low in _PERSON_NOUNS
            or (
                (head.low.endswith("s") and not head.low.endswith("ss") or head.low.endswith("men"))
                and (not head.cap or head is t[0])
            )
        ):
            return None
        if s > 0 and not (
            t[s - 1].text in (",", ";", ":", '"', "(")
            or t[s - 1].low in _LOOSE_OPENERS
            or t[s - 1].low in ("but", "and")
        ):
            return None
        src = t[s:i]
        if not self.valid_source(t[s:w]):
            return None
        p, addressee, cue_end = self.forward_start(i, cls, lemma)
        fr = self.forward_frame(
            i, cls, lemma, cue_end or (t[i].start, t[i].end), s, i - 1, None, p, addressee, i - 1
        )
        if fr is not None:
            fr.source = (src[0].start, src[-1].end)
            fr.source_tokens = t[s:w]
        return fr

    def after_interrupter(self, i: int, cls: str, lemma: str) -> Frame | None:
        """'Tester, himself up for reelection in 2018, said ...': a speech cue right after a comma or
        dash that closes an interrupter after the sentence's subject."""
        t = self.t
        if cls not in ("speech", "tell") or t[i].low.endswith("ing") or t[i].cap:
            return None
        got = self.interrupted_subject(i - 1, i)
        if got is None:
            return None
        s, e, appositive = got
        if not self.agrees(i, i - 1, list(t[s:e])):
            return None
        p, addressee, cue_end = self.forward_start(i, cls, lemma)
        fr = self.forward_frame(
            i, cls, lemma, cue_end or (t[i].start, t[i].end), s, e, appositive, p, addressee, i - 1
        )
        if fr is None:
            return None
        first_app = next(k for k in range(s, e) if t[k].start == appositive[0])
        o = first_app - 1
        while o > s and (t[o].text == "," or t[o].text in _DASHES or t[o].text == "-"):
            o -= 1
        if _is_clause(t[first_app]) or t[first_app - 1].text != ",":
            # a relative clause or a dashed aside says something about the speaker: the name alone
            fr.source = (t[s].start, t[o].end)
            fr.source_tokens = t[s : o + 1]
            fr.appositive = None
        return fr

    def interrupted_subject(self, j: int, i: int) -> tuple[int, int, Span] | None:
        """'SUBJECT, ANY INTERRUPTER, said ...' (or between dashes): the subject opens the sentence,
        the interrupter is whatever stands between its comma (dash) and the one closing at j."""
        t = self.t
        lex = self.lex
        close = t[j].text
        if close == "-":
            close = "\u2014"  # "--" typed for a dash
            j -= 1
        start = 0
        while start < j and (t[start].low in ("but", "and", "so", "yet") or t[start].text in _DASHES):
            start += 1
        o = -1
        for k in range(start + 1, min(j, start + 12)):
            if self.q[k] or t[k].text in ('"', ";", ":", "(", ")"):
                return None
            if t[k].text == close or (
                close in _DASHES and (t[k].text in _DASHES or t[k].text + t[k + 1].text == "--")
            ):
                o = k
                break
        if o < 0 or j - o < 2 or j - o > 40:
            return None
        inner = o + 2 if t[o].text == "-" else o + 1
        for k in range(inner, j):
            if self.q[k] or t[k].text in ('"', ";", ":"):
                return None
            if t[k].low in ("said", "says", "told", "say"):
                return None
        src = t[start:o]
        first = src[0]
        if not (first.cap or first.low in lex.determiners or first.low in _LOOSE_DETS):
            return None
        if first.low in lex.clause_openers or first.low in _LOOSE_OPENERS:
            return None
        for x in src:
            if not (x.word or x.text in (".", "'s", "'", "-", "&")) or (x.low in lex.cue_class and not x.cap):
                return None
            if x.low in lex.clause_openers and x.low not in lex.determiners and x.low not in _NP_PREPS:
                return None
        if not self.valid_source(src) or first.low in _NP_PREPS or src[-1].low in _NP_PREPS:
            return None
        if inner >= j:
            return None
        return start, j, (t[inner].start, t[j - 1].end)

    def _named_after_description(self, k: int, j: int) -> tuple[int, int, Span] | None:
        t = self.t
        seg = [x for x in t[k + 1 : j] if x.word]
        m = 0
        while m < len(seg) and seg[m].cap:
            m += 1
        if not (1 <= m <= 4) or len(seg) > 10:
            return None
        start = self.loose_np(k - 1, 0, allow_single=True)
        if start is None or t[k - 1].cap:
            return None
        if start > 0 and not (
            t[start - 1].text in (",", '"', ";", ":") or t[start - 1].low in _LOOSE_OPENERS
        ):
            return None
        return start, j, (t[k + 1].start, t[j - 1].end)

    def _apposition_at(self, k: int, j: int) -> tuple[int, int, Span] | None:
        """Is 'HEAD , SEGMENT ,' with commas at k and j an apposition to a head noun phrase?"""
        t = self.t
        lex = self.lex
        first = t[k + 1]
        seg = t[k + 1 : j]
        if (
            first.cap
            and first.low not in lex.roles
            and first.low not in ("a", "an", "the")
            and not first.low.endswith("'s")
            and not ("-" in first.text and first.text[:2] in ("R-", "D-", "I-"))
            and not any(x.low in lex.roles for x in seg)
        ):
            # "Another delegate on the slate, Jim Poolman, said": a description, then the name
            return self._named_after_description(k, j)
        if (
            not first.cap
            and (first.low in ("and", "but", "or", "that", "so") or first.low in lex.cue_class)
            and not (
                first.low in lex.determiners
                or first.low in _LOOSE_DETS
                or first.low in lex.roles
                or first.low
                in (
                    "who",
                    "whose",
                    "which",
                    "in",
                    "through",
                    "via",
                    "at",
                    "during",
                    "speaking",
                    "writing",
                    "according",
                )
                or first.low.endswith("ing")
                or first.text[:1].isdigit()
                or first.low in lex.groups
            )
        ):
            return None
        if not any(x.low in ("who", "whose", "which", "that") for x in seg) and any(
            x.low in _FINITE_AUX and not self.q[k + 1 + m] for m, x in enumerate(seg)
        ):
            return (
                None  # "for some, the losses would outstrip the gains, said X": a clause, not an apposition
            )
        got = self.left_np(k - 1, 0)
        if got is None:
            return None
        s, e = got
        if e != k - 1:
            return None
        head = t[s : e + 1]
        if not (t[e].cap or t[e].text[:1].isdigit() or self.valid_source(head)):
            return None
        if t[e].text[:1].isdigit():  # "Smith, 45, a nurse, said"
            inner = self.left_np(e - 2, 0) if e >= 2 and t[e - 1].text == "," else None
            if inner is None:
                return None
            s = inner[0]
        # the head starts a clause: nothing but a boundary before it
        if s > 0 and not (
            t[s - 1].text in (",", '"', ";", ":", "(")
            or t[s - 1].low in _LOOSE_OPENERS
            or t[s - 1].low in self.lex.clause_openers
        ):
            return None
        return s, j, (first.start, t[j - 1].end)

    def sentence_subject(self, lo: int, hi: int) -> tuple[int, int] | None:
        t = self.t
        k = lo
        if lo == 0:
            k = min(self.after_dateline(), hi)  # "ORLANDO, Fla. (Reuters) - President X met ... and said"
        if (
            k < hi
            and (t[k].low in self.lex.clause_openers or t[k].low.endswith("ing"))
            and t[k].low not in ("but", "and")
        ):
            # "In an interview with the Journal, Trump ...": the subject follows the opening phrase
            m = k
            while m < hi and m - k < 20 and t[m].text != ",":
                m += 1
            if m < hi and t[m].text == ",":
                k = m + 1
        while k < hi and t[k].low in (
            "but",
            "and",
            "so",
            "yet",
            "still",
            "meanwhile",
            "however",
            ",",
            "then",
            "here",
            "now",
        ):
            k += 1
        e = k
        lex = self.lex
        while e < hi and e - k < NP_MAX and not self.q[e]:
            if self.np_word(t[e]):
                e += 1
            elif (
                e > k
                and e + 1 < hi
                and t[e].word
                and not t[e].cap
                and self.np_word(t[e + 1])
                and t[e + 1].low not in lex.determiners
                and t[e + 1].low not in lex.pronouns
                and not self.q[e + 1]
                and t[e].low not in lex.clause_openers
                and t[e].low not in lex.cue_class
                and t[e].low not in lex.between
                and not t[e].low.endswith(("ly", "ed"))
            ):
                e += 1  # "Republican presidential candidate Ana Ruiz": an adjective inside the name's title
            else:
                break
        if e == k:
            return None
        if k == lo and e - k <= 3:
            # "Three days after the storm, Mayor Thomas ...": an opening phrase, then the subject
            m = e
            while m < hi and m - e < 4 and t[m].low not in ("after", "before", "since", "when", "until"):
                m += 1
            if m < hi and t[m].low in ("after", "before", "since", "when", "until"):
                while m < hi and m - e < 20 and t[m].text != ",":
                    m += 1
                if m + 1 < hi and t[m].text == ",":
                    return self.sentence_subject(m + 1, hi)
        # Appositive subject: "Naryshkin, head of the service, ..."
        return (k, e - 1)

    def skip_between(self, i: int, lo: int) -> int:
        """From the cue at i, step left over auxiliaries, adverbs and dates; return the last NP token."""
        t = self.t
        lex = self.lex
        j = i - 1
        steps = 0
        while j >= lo and steps < 8:
            low = t[j].low
            if t[j].text == "," and j - 2 >= lo and t[j - 2].text == "," and t[j - 1].low in _PARENTHETICALS:
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
                    and low not in _LY_NOUNS
                )
                or (
                    t[j].text == ","
                    and j - 1 >= lo
                    and (t[j - 1].low.isdigit() or t[j - 1].low in lex.months)
                )
            ):
                # Do not step over a capitalised name mistaken for a word ("May", "Will").
                if (
                    t[j].cap
                    and low not in lex.weekdays
                    and low not in lex.months
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
        return j

    def tail_ok(self, a: int, b: int) -> bool:
        """Tokens a..b-1 are a plausible tail after a trailing cue (place, date, addressee, outlet)."""
        lex = self.lex
        if b - a > TAIL_MAX:
            return False
        # "in his new book", "in a court filing", "without evidence": a phrase of place, medium or
        # manner, whatever its nouns, as long as no clause starts inside it
        prep = (
            a < b
            and self.t[a].low in _TAIL_PREPS
            and self.t[a].low != "to"
            and lex.cue_class.get(self.t[a - 1].low) in ("speech", "tell")
            and lex.cue_lemma.get(self.t[a - 1].low) in _SAYING_LEMMAS
        )
        for k in range(a, b):
            tok = self.t[k]
            low = tok.low
            if low == "that" and k > a:
                return False
            if (
                prep
                and tok.word
                and low not in _TAIL_STOPS
                and low not in _FINITE_AUX
                and (low not in lex.cue_class or low in lex.cue_tail)
            ):
                continue
            if (
                low in lex.cue_tail
                or low in lex.months
                or tok.cap
                or low[:1].isdigit()
                or low in lex.determiners
                or low in (",", "-", "'s", "'", "/", "&")
                or low in lex.hedge_firsts
            ):
                continue
            return False
        return True

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

    # --- content ------------------------------------------------------------------------------

    def content_forward(self, p: int, cue_i: int, cues: dict[int, str]) -> tuple[int, int]:
        """Content tokens p..e-1 after a cue: to the sentence end or the next coordinated clause."""
        t = self.t
        lex = self.lex
        end = self.sentence_end()
        # Keep a closing quotation mark that follows the final full stop ('... within."').
        last = min(self.n, p + CONTENT_MAX)
        k = p
        while k < min(end, last):
            tok = t[k]
            if not self.q[k]:
                low = tok.low
                if tok.text == ";":
                    return p, k
                if tok.text == "," and k + 1 < self.n and k > p:
                    nxt = t[k + 1]
                    if nxt.low == "according" and k + 2 < self.n and t[k + 2].low == "to":
                        return p, k
                    if nxt.low in cues and nxt.low.endswith("ing") and cues[nxt.low] != "evidence":
                        return p, k
                    if nxt.low in ("while", "whereas", "though", "although", "but"):
                        return p, k
                    if nxt.low in ("said", "says", "told", "added", "wrote") and not self.q[k + 1]:
                        return p, k  # "X, who has assailed Y, said ...": the relative clause ends here

                if low in ("and", "but") and k > p:
                    # "denied any involvement and have accused Moscow of ...": a second cue, same subject
                    j = k + 1
                    while (
                        j < self.n
                        and j - k < 4
                        and t[j].low in lex.between
                        and t[j].low not in ("to", "on", "in", "at", "the", "that", "this")
                    ):
                        j += 1
                    if (
                        j < self.n
                        and t[j].low in cues
                        and not t[j].low.endswith("ing")
                        and cues[t[j].low] in ("speech", "tell", "stance")
                        and not self.q[j]
                    ):
                        return p, (k - 1 if t[k - 1].text == "," else k)
            k += 1
        e = min(end, last)
        # include a closing quotation mark after final punctuation
        if e < self.n and e == end:
            j = e
            while j < self.n and t[j].text in (".", "!", "?"):
                j += 1
            if j < self.n and t[j].text == '"' and j > e:
                e = j + 1
        return p, e

    def object_end(self, a: int, b: int) -> int:
        """A stance verb's content is its object: it ends at the first comma or dash outside quotes."""
        t = self.t
        lex = self.lex
        for k in range(a, b):
            if self.q[k] or k == a:
                continue
            if t[k].text in (",", ";", "\u2014", "\u2013", "--"):
                return k
            low = t[k].low
            if low in lex.object_stops:
                return k  # "endorsed Trump during a call", "opposed it because ..."
            if (
                k + 1 < b
                and low in ("on", "this", "last", "next")
                and (
                    t[k + 1].low in lex.weekdays
                    or t[k + 1].low in lex.months
                    or t[k + 1].low in ("week", "month", "year")
                )
            ):
                return k  # "stressed those worries on Sunday"
            if low == "and" and k + 1 < b and t[k + 1].low in lex.object_stop_verbs:
                return k  # "endorsed Trump and has appeared ..."
            if low in ("said", "says", "told"):
                return k  # "voters who backed Weber said ...": the main clause's verb
        return b

    def forward_start(self, i: int, cls: str, lemma: str) -> tuple[int, Span | None, Span | None]:
        """Where the content starts after the cue at i; also the addressee span and the cue end."""
        t = self.t
        lex = self.lex
        n = self.n
        p = i + 1
        cue_end = None
        if lemma in _PARTICLES and p < n and t[p].low in _PARTICLES[lemma]:
            cue_end = (t[i].start, t[p].end)
            p += 1
        # Look ahead for "that" over addressee, dates, hedges, places.
        if cls != "stance" or lemma in ("warn", "charged", "claim"):
            q = p
            # "said Thursday during a town hall in Buffalo that ...": a leading phrase may hold anything
            loose = p < n and (t[p].low in _LEAD_PREPS or t[p].low in lex.weekdays)
            while q < n and q - p < (THAT_WINDOW + 8 if loose else THAT_WINDOW):
                tok = t[q]
                if self.q[q] or tok.text in ('"', ":", ";", "(", ")"):
                    break
                if tok.low == "that":
                    addressee = self.span(p, q) if q > p else None
                    return q + 1, addressee, cue_end
                if tok.low in lex.cue_class and not tok.cap and q > p:
                    break
                if not loose and not (
                    tok.cap
                    or tok.low in lex.cue_tail
                    or tok.low in lex.determiners
                    or tok.text == ","
                    or tok.low[:1].isdigit()
                    or tok.low in lex.months
                    or tok.low in lex.roles
                    or tok.low in _ADDRESSEES
                    or tok.low in ("without", "evidence", "any", "providing")
                    or tok.low in lex.hedge_firsts
                ):
                    break
                q += 1
        # "said: ..." / 'said, "..."'
        while p < n and t[p].text in (":", ",") and p + 1 < n:
            p += 1
        addressee = None
        if lemma == "tell" and p < n and t[p].text != '"':
            q = p
            if t[q].low in _ADDRESSEES or t[q].cap:
                q += 1
                while (
                    q < n
                    and q - p < 5
                    and (t[q].cap or t[q].low in ("'s",) or (t[q - 1].low in _NOUN_MARKERS and t[q].word))
                ):
                    q += 1
                addressee = self.span(p, q)
                p = q
                while p < n and t[p].text in (":", ","):
                    p += 1
        # Skip a date or "in a statement" right after a speech verb ("said Tuesday the ...").
        if cls == "speech":
            while p < n and (t[p].low in lex.weekdays or t[p].low in ("today", "yesterday", "tonight")):
                p += 1
            while p < n and t[p].text in (":", ","):
                p += 1
        return p, addressee, cue_end

    # --- frames -------------------------------------------------------------------------------

    def frames(self, cues: dict[int, str]) -> list[Frame]:
        """``cues``: form -> class, from the lexicon; passed in to keep lookups local."""
        t = self.t
        lex = self.lex
        n = self.n
        out: list[Frame] = []
        consumed_until = -1
        # Only a cue word, a nominal or phrase cue, "according", or a word before "that" can start
        # a frame: every other token is skipped by the loop below, so it is not visited at all.
        triggers = _triggers(lex, cues)
        lows = [x.low for x in t]
        candidates = [i for i in range(n) if lows[i] in triggers or (i + 1 < n and lows[i + 1] == "that")]
        for i in candidates:
            if self.q[i] or i <= consumed_until:
                continue
            tok = t[i]
            low = tok.low
            if low == "according" and i + 1 < n and t[i + 1].low == "to":
                fr = self.according(i)
                if fr:
                    out.append(fr)
                continue
            if (
                (low in lex.nominal_cues or low in lex.phrase_firsts)
                and i > 0
                and (
                    t[i - 1].low in ("his", "her", "their", "its")
                    or (t[i - 1].low.endswith("'s") and t[i - 1].cap)
                )
            ):
                fr = self.nominal(i)
                if fr is not None:
                    out.append(fr)
                    continue
            if (
                low in lex.nominal_cues
                and i > 0
                and i + 2 < n
                and t[i + 1].low == "that"
                and t[i + 2].word
                and t[i + 2].low not in _PASSIVE_AUX
                and t[i + 2].low not in _AUX_BEFORE_BASE
                and t[i + 2].low not in ("has", "had", "have")
                and (t[i - 1].low in lex.determiners or (t[i - 1].word and not t[i - 1].cap))
                and not self.q[i + 1]
            ):
                # "the idea that ...", "growing speculation that ...": a claim whose source the
                # text does not name here (not "the claim that was made": a relative clause)
                content = self.that_clause(i)
                if content is not None:
                    out.append(self.unsourced((tok.start, tok.end), "stance", low, content))
                    continue
            if low in _ADJ_THAT and i + 2 < n and t[i + 1].low == "that" and t[i + 2].word:
                fr = self.adjective_that(i)
                if fr is not None:
                    out.append(fr)
                    continue
            if low in lex.phrase_firsts:
                fr = self.phrase_cue(i, out)
                if fr is not None:
                    out.append(fr)
                    consumed_until = bisect_right(self._starts, fr.cue[1] - 1)
                    continue
            cls = cues.get(low)
            if cls is None:
                # Any verb taking a that-clause reports a stance: "X conceded privately that ..."
                if (
                    tok.word
                    and not tok.cap
                    and low.endswith(("ed", "es", "ts", "ns", "ds", "ks", "ys"))
                    and low not in _NOT_THAT_VERBS
                    and i + 1 < n
                    and t[i + 1].low == "that"
                    and i + 2 < n
                    and t[i + 2].word
                ):
                    cls = "speech"
                else:
                    continue
            prev = t[i - 1] if i > 0 else None
            if prev is not None and (prev.low in _NOUN_MARKERS or prev.low.endswith("'s")):
                continue  # "the report", "his claims": a noun
            if tok.cap and i > 0 and not (cls == "speech" and self.title_case()):
                continue  # "Fox News Sunday", "Says Who": part of a name
            nxt = t[i + 1] if i + 1 < n else None
            if (
                nxt is not None
                and nxt.low == "by"
                and (low.endswith("ed") or low in ("told", "written", "shown"))
            ):
                continue  # passive ("was accused by", "confirmed by"): handled as confirmation or skipped
            if (
                prev is not None
                and prev.low == "t"
                and i >= 3
                and t[i - 3].low in ("wasn", "weren", "isn", "aren")
            ):
                prev = t[i - 3]  # "wasn’t told": the negated auxiliary
            if (
                prev is not None
                and (
                    prev.low in _PASSIVE_AUX
                    or (
                        prev.low in ("widely", "also", "often", "long")
                        and i >= 2
                        and t[i - 2].low in _PASSIVE_AUX
                    )
                )
                and (low.endswith("ed") or low in ("told", "thought", "known", "seen", "said"))
                and cls != "evidence"
            ):
                # "was accused of", "is expected to": the text names no source
                fr = self.passive(i, cls, lex.cue_lemma.get(low, low))
                if fr is not None:
                    out.append(fr)
                continue
            if (
                low.endswith("ing")
                and (prev is None or not (prev.text == "," or prev.low in _ING_BEFORE))
                and not (low in _SAYING and prev is not None and prev.word and nxt is not None and nxt.word)
                and not (cls == "evidence" and prev is not None and prev.low in lex.documents)
            ):
                continue  # "a U.S. warning", "the ruling": a noun, not a participle
            if nxt is not None and cues.get(nxt.low) == "evidence" and not self.q[i + 1]:
                continue  # "new fundraising reports show": a noun before its verb
            lemma = lex.cue_lemma.get(low, low)
            late_particle = -1
            if lemma in _NEEDS_PARTICLE and not (nxt is not None and nxt.low in _PARTICLES[lemma]):
                late_particle = (
                    self.particle_after(i, _PARTICLES[lemma]) if lemma in ("speak", "talk") else -1
                )
                if late_particle < 0:
                    continue
            if (
                lemma in _RAISING
                and nxt is not None
                and nxt.low == "to"
                and i + 2 < n
                and t[i + 2].low in cues
            ):
                continue
            if lemma == "ask" and self.requests_thing(i):
                continue  # "asked Washington for further details": a request, not a statement
            fr = None
            if cls in ("speech", "tell") and not tok.cap and not low.endswith("ing"):
                fr = self.relative_subject(i, cls, lemma)  # "Voters who backed X in 2020 said ..."
            if fr is None:
                fr = self.frame_at(i, cls, lemma, out)
                if fr is not None and late_particle > 0 and fr.content:
                    # "spoke briefly about ...", "spoke to CNN about ...": the topic after the particle
                    a, b = fr.content[-1]
                    if late_particle + 1 < n and a <= t[late_particle + 1].start < b:
                        fr.content[-1] = (t[late_particle + 1].start, b)
                        fr.cue = (fr.cue[0], t[late_particle].end)
            if fr is None and not low.endswith("ing"):
                fr = self.plain_subject(i, cls, lemma, shares_only=lemma != "say")
            if (
                fr is None
                and i >= 3
                and (
                    t[i - 1].text == "," or t[i - 1].text in _DASHES or t[i - 2].text + t[i - 1].text == "--"
                )
            ):
                fr = self.after_interrupter(i, cls, lemma)
            if (
                fr is None
                and cls in ("speech", "tell")
                and i + 2 < n
                and lows[i + 1] == "that"
                and t[i + 2].word
            ):
                # "quick to point out that ...", "Weber -- insisted that ...": no source found, a claim still
                content = self.that_clause(i)
                if content is not None:
                    fr = self.unsourced((tok.start, tok.end), cls, lemma, content)
            if fr is not None and lemma in _RAISING and fr.source is not None:
                # "Weber seemed to ...", "the plan appears ...": the writer's impression, not Weber's claim
                fr.source, fr.source_tokens, fr.appositive, fr.shape = None, [], None, "passive"
            if fr is not None:
                if low in lex.refusals:
                    consumed_until = self.refusal(fr, i, cues)
                out.append(fr)
                if len(out) >= MAX_FRAMES:
                    break
        for fr in out:
            if fr.shape != "trailing" or fr.source is None:
                continue
            for other in out:
                if other is fr or other.shape == "trailing" or not other.content:
                    continue
                a, b = other.content[-1]
                if a < fr.source[0] < b:
                    # 'He called it "a disaster," Weber said.': the outer attribution is not content
                    cut = fr.source[0]
                    while cut > a and self.norm[cut - 1] in ' ,"':
                        cut -= 1
                    if cut > a:
                        other.content[-1] = (a, cut)
        if (
            out
            and lows
            and (
                lows[0] in _SUBORDINATORS
                or (n > 1 and lows[0] in ("and", "but") and lows[1] in _SUBORDINATORS)
            )
        ):
            self.end_subordinate(out)
        for c in [k for k in range(1, n - 1) if lows[k] == ":"]:
            # "Pollsters agree - Carl Bialik: “One of the lessons ...”": a name, a colon, a quotation
            if t[c].text != ":" or self.q[c] or t[c + 1].text != '"' or len(out) >= MAX_FRAMES:
                continue
            k = c - 1
            while k >= 0 and c - k <= 5 and t[k].cap and t[k].word and not self.q[k]:
                k -= 1
            if k == c - 1 or (k >= 0 and t[k].word and t[k].low not in ("from", "-")):
                continue
            if any(f.cue[0] < t[c].start and f.content and f.content[0][0] >= t[c].start for f in out):
                continue  # "X said: ..." is already a claim
            quote = self.quote_span_at(t[c + 1].start)
            src = t[k + 1 : c]
            if quote is None or not self.valid_source(src):
                continue
            out.append(
                Frame(
                    cue=(t[c].start, t[c].end),
                    cue_class="speech",
                    cue_lemma=":",
                    sentence=self.sent,
                    content=[(t[c + 1].start, min(quote[1] + 1, self.sent[1]))],
                    source=(src[0].start, src[-1].end),
                    source_tokens=list(src),
                    shape="speaker",
                )
            )
        if len(out) > 1:
            # Inside another claim's reported clause, a document verb ("polls show") or a verb that
            # is only a cue before "that" ("conceded that") is part of what was said, not a claim.
            weak = [
                fr
                for fr in out
                if (
                    fr.cue_class == "evidence"
                    or self.norm[fr.cue[0] : fr.cue[1]].split(" ", 1)[0].casefold() not in lex.cue_class
                )
                and fr.shape not in ("according", "nominal", "speaker", "asked")
                and any(
                    o is not fr
                    and o.cue_class != "evidence"
                    and any(a <= fr.cue[0] < b for a, b in o.content)
                    for o in out
                )
            ]
            if weak:
                out = [fr for fr in out if all(fr is not w for w in weak)]
        if not out and IN_DOCUMENT_FRAMES:
            fr = self.in_document()
            if fr is not None:
                out.append(fr)
        questions = self.asked(out, lows)
        if questions:
            # "When asked whom she supported, ...": nothing inside the question is a claim
            out = [f for f in out if not any(a <= f.cue[0] < b for q in questions for a, b in q.content)]
            out.extend(questions)
        self.with_auxiliaries(out)
        return out

    def with_auxiliaries(self, out: list[Frame]) -> None:
        """'has said', 'did not say', 'has long argued': the auxiliaries, negation and adverbs right
        before the verb belong to the cue (they change what the source is said to have done)."""
        t = self.t
        starts = self._starts
        for fr in out:
            i = bisect_left(starts, fr.cue[0])
            if i >= self.n or t[i].start != fr.cue[0] or fr.shape in ("speaker", "byline", "asked"):
                continue
            floor = fr.source[1] if fr.source is not None and fr.source[1] <= fr.cue[0] else -1
            k = i
            while (
                k > 0 and t[k - 1].low in _CUE_AUXILIARIES and not self.q[k - 1] and t[k - 1].start >= floor
            ):
                k -= 1
            if k < i and t[k].low not in _CUE_ADVERBS_ONLY:  # "also said" alone keeps "said"
                fr.cue = (t[k].start, fr.cue[1])

    @property
    def _starts(self) -> list[int]:
        return [x.start for x in self.t]

    def phrase_cue(self, i: int, earlier: list[Frame]) -> Frame | None:
        """'X made it clear that ...', 'X made no secret of ...': a cue of several words."""
        t = self.t
        for phrase in self.lex.phrase_cues.get(t[i].low, ()):
            m = len(phrase)
            if i + m > self.n or any(t[i + k].low != w or self.q[i + k] for k, w in enumerate(phrase)):
                continue
            if phrase[-1] == "to" and (
                i + m >= self.n
                or not t[i + m].word
                or t[i + m].cap
                or t[i + m].low in self.lex.determiners
                or t[i + m].low in self.lex.pronouns
                or t[i + m].low[:1].isdigit()
            ):
                continue  # "looking to the future": a place or a thing, not an intention
            fr = self.frame_at(i, "speech", " ".join(phrase), earlier)
            if (
                (fr is None or fr.source is None)
                and m == 2
                and phrase in self.lex.topic_cues
                and (t[i].low.endswith(("ed", "ing")) or (i > 0 and t[i - 1].low in _PASSIVE_AUX))
            ):
                # "... were disgusted with both parties": no subject found, the topic is still a claim
                a, b = self.content_forward(i + 2, i, self.lex.cue_class)
                content = self.span(a, self.object_end(a, b))
                if content is None:
                    return None
                return self.unsourced((t[i].start, t[i + 1].end), "stance", " ".join(phrase), content)
            if fr is None or not fr.content or fr.source is None:
                return None
            p = i + m
            if p < self.n and t[p].low in ("that", "of", ":"):
                p += 1
            a, b = fr.content[-1]
            if p >= self.n or t[p].start >= b:
                return None
            fr.content[-1] = (t[p].start, b)
            fr.cue = (t[i].start, t[i + m - 1].end)
            return fr
        return None

    def requests_thing(self, i: int) -> bool:
        """'asked Washington for further details', 'asked him for help': a named or pronoun object,
        then "for" - a request for something, not speech."""
        t = self.t
        k = i + 1
        while (
            k < self.n
            and k - i <= 4
            and not self.q[k]
            and ((t[k].cap and t[k].word) or t[k].low in ("him", "her", "them", "us", "me", "it"))
        ):
            k += 1
        return k > i + 1 and k < self.n and t[k].low in self.lex.request_preps and not self.q[k]

    def refusal(self, fr: Frame, i: int, cues: dict[int, str]) -> int:
        """'declined to say on April 4 whether X': one claim, cue "declined to say", content the
        question; the cues inside that content are no claims. Returns the last token to skip."""
        t = self.t
        if (
            not fr.content
            or i + 2 >= self.n
            or t[i + 1].low != "to"
            or cues.get(t[i + 2].low)
            not in (
                "speech",
                "tell",
            )
        ):
            return i
        end = fr.content[-1][1]
        last = i + 2
        while last + 1 < self.n and t[last + 1].start < end:
            last += 1
        k = i + 3
        for m in range(i + 3, min(last + 1, i + 9)):
            if t[m].low in self.lex.question_openers and t[m].low not in ("on", "about"):
                k = m  # skip "on April 4" before "whether"
                break
        if k <= last:
            fr.cue = (t[i].start, t[i + 2].end)
            fr.content[-1] = (t[k].start, end)
            fr.regions = [*fr.regions, (t[i + 3].start, t[k].start)] if k > i + 3 else fr.regions
        return last

    def nominal(self, i: int) -> Frame | None:
        """ "Trump's claim that ...", "her criticism of ...": the possessor is the source."""
        t = self.t
        n = self.n
        p = i + 1
        if p >= n or not (
            t[p].low == "that"
            or (
                t[p].low in ("of", "about", "on")
                and t[i].low
                in (
                    "criticism",
                    "criticisms",
                    "comments",
                    "remarks",
                    "attacks",
                    "praise",
                    "view",
                    "views",
                    "concerns",
                )
            )
            or (t[i].low, t[p].low) in self.lex.phrase_cues.get(t[i].low, ())  # "his critique of"
        ):
            return None
        a, b = self.content_forward(p + 1, i, self.lex.cue_class)
        b = self.object_end(a, b)
        content = self.span(a, b)
        if content is None:
            return None
        owner = t[i - 1]
        if owner.low in ("his", "her", "their", "its"):
            s = e = i - 1
        else:
            got = self.left_np(i - 1, 0)
            if got is None:
                return None
            s, e = got
        return Frame(
            cue=(t[i].start, t[i].end),
            cue_class="stance",
            cue_lemma=t[i].low,
            sentence=self.sent,
            content=[content],
            source=(t[s].start, t[e].end),
            source_tokens=t[s : e + 1],
            shape="nominal",
        )

    def passive(self, i: int, cls: str, lemma: str) -> Frame | None:
        """'was accused of X' / 'is expected to win': a claim whose source the text does not give."""
        t = self.t
        p = i + 1
        a, b = self.content_forward(p, i, self.lex.cue_class)
        if cls == "stance":
            b = self.object_end(a, b)
        content = self.span(a, b)
        if content is None or b - a < 2:
            return None
        aux = i - 1
        while aux > 0 and t[aux].low not in _PASSIVE_AUX:
            aux -= 1
        return Frame(
            cue=(t[aux].start, t[i].end),
            cue_class=cls,
            cue_lemma=lemma,
            sentence=self.sent,
            content=[content],
            source=None,
            shape="passive",
        )

    def asked(self, out: list[Frame], lows: list[str]) -> list[Frame]:
        """'Asked whether ..., Trump said ...', '..., she said when asked about the levy': the
        question is attributed to no one in the text."""
        if "asked" not in lows:
            return []
        t = self.t
        found = []
        taken = {f.cue[0] for f in out}
        for k in [k for k, w in enumerate(lows) if w == "asked" and k < self.n - 1]:
            if self.q[k] or t[k].start in taken:
                continue
            if not (k == 0 or t[k - 1].low == "when" or t[k - 1].text == ","):
                continue
            first = k + 1
            # "asked specifically what", "asked last month about", "asked by a reporter whether"
            while (
                first < self.n
                and first - k <= 3
                and (
                    (t[first].low.endswith("ly") and not t[first].cap)
                    or t[first].low in ("later", "again", "last", "month", "week")
                )
            ):
                first += 1
            by: tuple[int, int] | None = None
            if first + 1 < self.n and t[first].low == "by" and not self.q[first]:
                b = first + 1
                while (
                    b < self.n
                    and b - first <= 6
                    and t[b].low not in _QUESTION_WORDS
                    and t[b].text not in (",", '"')
                ):
                    b += 1
                if b < self.n and t[b].low in _QUESTION_WORDS and b > first + 1:
                    by = (first + 1, b - 1)
                    first = b
            if first >= self.n or (k > 0 and t[first].low not in _QUESTION_WORDS):
                continue  # "..., asked Weber": an inverted cue, not a question
            if t[first].low == "about":
                first += 1
            m = first
            end = self.sentence_end()
            while m < end and m - k < 30 and t[m].text not in (",", '"', ";", ":"):
                m += 1
            if m == first or (m >= end and k == 0):
                continue
            content = self.span(first, m)
            if content is None:
                continue
            fr = self.unsourced((t[k].start, t[k].end), "speech", "ask", content, shape="asked")
            if by is not None and self.valid_source(t[by[0] : by[1] + 1]):
                fr.source, fr.source_tokens = (t[by[0]].start, t[by[1]].end), t[by[0] : by[1] + 1]
            found.append(fr)
        return found

    def frame_at(self, i: int, cls: str, lemma: str, earlier: list[Frame]) -> Frame | None:
        t = self.t
        cue_span = (t[i].start, t[i].end)
        j = self.skip_between(i, 0)
        if j < i - 1 and t[i - 1].text == "," and t[i - 2].low.isdigit():
            j = i - 1  # "... since 2005, said Weber": the year ends the content, not a date before the cue
        # --- inverted: '"...," said Peskov, a spokesman.'
        if (
            j >= 0
            and t[j].text in (",", '"')
            and cls in ("speech", "tell")
            and j == i - 1
            and not t[i].low.endswith("ing")
            and (t[j].text != "," or self.appositive_before(j) is None)
        ):
            fr = self.inverted(i, j, cls, lemma, cue_span)
            if fr is not None:
                return fr
        # --- participle or coordinated cue: the clause subject is the source
        if t[i].low in _SAYING and i > 0 and t[i - 1].word and t[i - 1].low not in _ING_BEFORE:
            # "voters saying ...", "a sign saying ...": the noun right before; else the clause subject
            got = self.left_np(i - 1, 0)
            if got is not None and any(
                x.cap
                or x.low in self.lex.groups
                or x.low in self.lex.documents
                or x.low in self.lex.anonymity
                for x in t[got[0] : got[1] + 1]
            ):
                p, addressee, cue_end = self.forward_start(i, cls, lemma)
                return self.forward_frame(
                    i, cls, lemma, cue_end or cue_span, got[0], got[1], None, p, addressee, i - 1
                )
            return self.inherited(i, cls, lemma, cue_span, earlier)
        if (
            t[i].low.endswith("ing")
            and i > 0
            and (
                t[i - 1].text == ","
                or t[i - 1].low in _ING_BEFORE
                or (
                    i > 1 and t[i - 1].text == '"' and t[i - 2].text == ","
                )  # '... of "New York values," saying'
            )
        ):
            if cls == "evidence":
                return None
            return self.inherited(i, cls, lemma, cue_span, earlier)
        if j < 0 or t[j].text == "," and t[i].low.endswith("ing") or t[j].low in ("and", "but", "or"):
            if t[i].low.endswith("ing") and cls == "evidence":
                return None
            if j >= 0 and t[j].text != "," and t[j].low not in ("and", "but"):
                return None
            return self.inherited(i, cls, lemma, cue_span, earlier)
        restrictive = (
            t[j].low in self.lex.relative_pronouns
            and j >= 1
            and t[j - 1].word
            and not self.q[j - 1]
            and t[j - 1].low not in self.lex.clause_openers
            and t[j - 1].low not in self.lex.cue_class
        )
        if restrictive or (t[j].low in ("who", "which") and j - 1 >= 0 and t[j - 1].text == ","):
            got = self.left_np(j - 1 if restrictive else j - 2, 0)
            if got is None:
                return None
            s, e = got
            if restrictive:
                # "Weber faces a commissioner who ...": the noun phrase starts after the last word
                # that cannot belong to it
                for m in range(e - 1, s - 1, -1):
                    if t[m].word and not t[m].cap and not self.np_word(t[m]) and t[m].low not in _NP_PREPS:
                        s = m + 1
                        break
            src_toks = t[s : e + 1]
            if not self.valid_source(src_toks):
                return None
            p, addressee, cue_end = self.forward_start(i, cls, lemma)
            fr = self.forward_frame(i, cls, lemma, cue_end or cue_span, s, e, None, p, addressee, j)
            if fr is not None:
                fr.source = (
                    t[j].start,
                    t[j].end,
                )  # "..., who said": the relative pronoun stands for the source
                if not restrictive and fr.content and cls in ("speech", "tell"):
                    # "Hart, who said the dam was safe, left early": the clause ends at its comma
                    a, b = fr.content[-1]
                    for m in range(p, self.n):
                        if t[m].start >= b:
                            break
                        if t[m].text == "," and not self.q[m] and m > p and m + 1 < self.n:
                            nxt = t[m + 1]
                            if nxt.word and not nxt.cap and nxt.low not in self.lex.clause_openers:
                                fr.content[-1] = (a, t[m - 1].end)
                                break
            return fr
        clause_head = -1
        if t[j].text == "," and j >= 2:
            got = self.appositive_before(j)
            if got is None:
                return None
            s, e, appositive = got
            first_app = next(k for k in range(s, j) if t[k].start == appositive[0])
            if first_app >= 2 and t[first_app - 1].text == ",":
                s = min(s, self.head_before_prep(s, first_app - 2))  # "Officials at the agency, ..."
            if _is_clause(t[first_app]):
                clause_head = first_app - 2  # "Trump, who has 9 million followers, tweeted": the name alone
        else:
            got = self.left_np(j, 0)
            if cls == "evidence" or got is None or t[j].low in self.lex.weekdays:
                got = self.document_subject(j) or got  # "A news report published Wednesday said"
            if got is None:
                got = self.trailing_np(i, j, cls)
                if got is None:
                    return None
                return self.trailing(i, cls, lemma, cue_span, got[0], got[1], None)
            s, e = got
            s = self.head_before_prep(s, e)
            s, e, appositive = self.with_appositive(s, e, 0)
        src_toks = [x for x in t[s : e + 1]]
        if appositive is None and not self.valid_source(src_toks):
            return None
        if appositive is not None and not self.valid_source(
            [x for x in src_toks if x.end <= appositive[0] and x.text != ","]
        ):
            return None
        if (
            cls == "evidence"
            and not any(x.low in self.lex.documents for x in src_toks)
            and not (i + 1 < self.n and t[i + 1].low == "that")
            and not (src_toks[-1].cap and i + 1 >= self.sentence_end() and s >= 1 and t[s - 1].text == ",")
        ):
            # "Pew found that ...", "the authors found that ...", "..., Harbor Finance found." yes;
            # "Trump found himself ..." no
            return None
        if not self.agrees(i, j, src_toks):
            return None
        # --- trailing: "CONTENT, SOURCE said [tail]."
        before = s - 1
        fr = None
        if (
            before >= 1
            and t[before].text in (",", '"')
            and cls in ("speech", "tell", "stance")
            and cls != "stance"
            or (before >= 1 and t[before].text in (",", '"') and lemma in ("say", "add", "write", "tell"))
            or (before >= 1 and t[before].text == "," and cls == "evidence" and i + 1 >= self.sentence_end())
        ):  # the last: "..., the poll found."
            fr = self.trailing(i, cls, lemma, cue_span, s, e, appositive)
        if fr is None:
            p, addressee, cue_end = self.forward_start(i, cls, lemma)
            fr = self.forward_frame(i, cls, lemma, cue_end or cue_span, s, e, appositive, p, addressee, j)
        if fr is not None and clause_head >= s:
            fr.source = (t[s].start, t[clause_head].end)
            fr.source_tokens = t[s : clause_head + 1]
            fr.appositive = None
        return fr

    def forward_frame(
        self,
        i: int,
        cls: str,
        lemma: str,
        cue_span: Span,
        s: int,
        e: int,
        appositive: Span | None,
        p: int,
        addressee: Span | None,
        j: int,
    ) -> Frame | None:
        t = self.t
        cues = self.lex.cue_class
        a, b = self.content_forward(p, i, cues)
        if cls == "stance" and not (p > 0 and t[p - 1].low == "that"):
            b = self.object_end(a, b)
        content = self.span(a, b)
        opens_quote = False
        if content is None:
            # "He said:" closing its paragraph: the quotation that follows is the content
            if self.n and self.t[-1].text == ":" and cls in ("speech", "tell") and i >= self.n - 6:
                opens_quote = True
            else:
                return None
        regions = []
        if j + 1 < i:
            regions.append((t[j + 1].start, t[i - 1].end))
        if p > i + 1:
            regions.append((t[i + 1].start, t[p - 1].end))
        src_end = e
        return Frame(
            cue=cue_span,
            cue_class=cls,
            cue_lemma=lemma,
            sentence=self.sent,
            content=[] if opens_quote else [content],
            source=(t[s].start, t[src_end].end) if t[src_end].text != "," else (t[s].start, t[src_end].end),
            source_tokens=t[s : e + 1],
            appositive=appositive,
            shape="opens-quote" if opens_quote else "forward",
            regions=regions,
            addressee=addressee,
        )

    def trailing(
        self, i: int, cls: str, lemma: str, cue_span: Span, s: int, e: int, appositive: Span | None
    ) -> Frame | None:
        t = self.t
        n = self.n
        end = self.sentence_end()
        # Tail up to the end, or to a continued quotation ', "..."'.
        k = i + 1
        cont: Span | None = None
        quoted_before = s >= 1 and (
            t[s - 1].text == '"' or (s >= 2 and t[s - 1].text == "," and t[s - 2].text == '"')
        )
        if quoted_before and self.title_before(s):
            return None  # 'On "Harbor Talk," Ruiz said the plan ...': a title, then a forward cue
        if not quoted_before:
            # "..., lawmakers said Friday afternoon, as they bristled at ...", "..., he said; his
            # agents found them": the tail ends at a clause of its own
            for m in range(i + 1, min(end, i + TAIL_MAX + 2)):
                if self.q[m]:
                    continue
                if t[m].text == ";" or (
                    t[m].text == ","
                    and m + 1 < end
                    and (t[m + 1].low in _TAIL_CLAUSE_OPENERS or t[m + 1].low.endswith("ing"))
                ):
                    end = m
                    break
        limit = min(end, i + (60 if quoted_before else TAIL_MAX + 2))
        while k < limit and not (t[k].text == '"' and self.q[k + 1] if k + 1 < n else False):
            k += 1
        if k == limit and limit < end and not quoted_before:
            return None
        if k < end and t[k].text == '"':
            if not quoted_before and all(x.text == "," for x in t[i + 1 : k]):
                return None  # 'In May, Weber said, "..."': the quotation is what he said, not a tail
            tail_end = k
            cont = self.quote_span_at(t[k].start)  # the continued quotation
        else:
            tail_end = end
        tail_b = tail_end
        while tail_b > i + 1 and t[tail_b - 1].text == ",":
            tail_b -= 1
        if quoted_before and tail_b > i + 1:
            # '"...," she said at a rally, adding that ...': the tail ends at a clause of its own
            m = i + 1
            while m < tail_b and not (
                t[m].text == ","
                and m + 1 < tail_b
                and (
                    t[m + 1].low.endswith("ing")
                    or t[m + 1].low in ("and", "but", "who", "which", "as", "when")
                )
            ):
                m += 1
            tail_b = m
            tail_end = min(tail_end, m)
        elif not self.tail_ok(i + 1, tail_b):
            # "The dam, engineers said, would hold.": the attribution is a parenthetical
            m = i + 1
            while m < tail_b and m - i <= 6 and t[m].text != ",":
                m += 1
            if (
                m < tail_b
                and t[m].text == ","
                and self.tail_ok(i + 1, m)
                and t[s - 1].text == ","
                and cont is None
                and sum(1 for x in t[m + 1 : end] if x.word) >= 2
            ):
                after = self.span(m + 1, self.content_forward(m + 1, i, self.lex.cue_class)[1])
                before = self.content_span(0, s)
                if after is None or before is None:
                    return None
                return Frame(
                    cue=cue_span,
                    cue_class=cls,
                    cue_lemma=lemma,
                    sentence=self.sent,
                    content=[before, after],
                    source=(t[s].start, t[e].end),
                    source_tokens=t[s : e + 1],
                    appositive=appositive,
                    shape="trailing",
                    regions=[(t[i + 1].start, t[m - 1].end)] if m > i + 1 else [],
                )
            return None
        # Content: from the sentence start (after a dateline) to the comma before the source.
        content = self.content_span(self.after_dateline(), s)
        if content is None:
            return None
        spans = [content]
        if cont is not None:
            spans.append(cont)
        regions = []
        if i + 1 < tail_end:
            regions.append((t[i + 1].start, t[tail_end - 1].end))
        return Frame(
            cue=cue_span,
            cue_class=cls,
            cue_lemma=lemma,
            sentence=self.sent,
            content=spans,
            source=(t[s].start, t[e].end),
            source_tokens=t[s : e + 1],
            appositive=appositive,
            shape="trailing",
            regions=regions,
        )

    def particle_after(self, i: int, particles: tuple[str, ...]) -> int:
        """'spoke briefly about', 'spoke to CNN about', 'spoke out against': the particle's index
        a few words after the verb, over adverbs and an addressee; -1 if there is none."""
        t = self.t
        k = i + 1
        while k < self.n and k - i <= 6 and not self.q[k]:
            low = t[k].low
            if low in particles:
                return k
            if not (
                (low.endswith("ly") and not t[k].cap)
                or low in ("out", "instead", "only", "also", "again", "at", "length", "to", "with")
                or t[k].cap
            ):
                return -1
            k += 1
        return -1

    def that_clause(self, i: int) -> Span | None:
        """The clause after "that" at i + 1, as content ("the idea that ...", "adamant that ...")."""
        return self.span(*self.content_forward(i + 2, i, self.lex.cue_class))

    def unsourced(self, cue: Span, cls: str, lemma: str, content: Span, shape: str = "passive") -> Frame:
        """A claim whose source the sentence does not name ("the idea that ...", "when asked ...")."""
        return Frame(
            cue=cue, cue_class=cls, cue_lemma=lemma, sentence=self.sent, content=[content], shape=shape
        )

    def adjective_that(self, i: int) -> Frame | None:
        """'Aides were adamant that ...', 'Weber seems confident that ...': the subject of the
        copula holds the stance; the clause after "that" is the content."""
        t = self.t
        k = i - 1
        while k >= 0 and t[k].low in (
            "very",
            "increasingly",
            "not",
            "also",
            "still",
            "now",
            "more",
            "less",
            "quite",
        ):
            k -= 1
        if k < 1 or t[k].low not in _COPULAS:
            return None
        content = self.that_clause(i)
        if content is None:
            return None
        got = self.left_np(k - 1, 0)
        source = None
        if got is not None and self.valid_source(self.t[got[0] : got[1] + 1]):
            source = got
        return Frame(
            cue=(t[i].start, t[i].end),
            cue_class="stance",
            cue_lemma=t[i].low,
            sentence=self.sent,
            content=[content],
            source=(t[source[0]].start, t[source[1]].end) if source else None,
            source_tokens=t[source[0] : source[1] + 1] if source else [],
            shape="forward" if source else "passive",
        )

    def plain_subject(self, i: int, cls: str, lemma: str, shares_only: bool = False) -> Frame | None:
        """'Six in 10 say ...', 'But hacking specialists say ...', 'In the zone, traders also say
        ...': with "say" itself, the plain words between a clause boundary and the verb are its
        subject, whatever the noun (the word lists need not know "specialists")."""
        t = self.t
        lex = self.lex
        k = i - 1
        while k >= 0 and (t[k].low in _SAY_ADVERBS or t[k].low in _CUE_AUXILIARIES) and not self.q[k]:
            k -= 1  # "520 delegates have publicly said"
        e = k
        if e >= 0 and t[e].low in ("surveyed", "polled", "questioned", "interviewed"):
            k -= 1  # "those surveyed say"
        while (
            k >= 0
            and e - k < 8
            and not self.q[k]
            and (t[k].word or t[k].text in ("%", "-"))
            and (
                t[k].low not in lex.clause_openers
                or t[k].low in ("of", "in", "out")
                or (t[k].low == "than" and k > 0 and t[k - 1].low in ("more", "less", "fewer"))
            )
            and t[k].low not in lex.cue_class
            and t[k].low not in lex.pronouns
            and not (t[k].low.endswith("ly") and len(t[k].low) > 4)
        ):
            k -= 1
        a = k
        while a >= 0 and t[a].low in _APPROXIMATELY:
            a -= 1
        if a < k and (a < 0 or t[a].text in (",", ";", ":")):
            k = a  # "About four in 10 said", "Only about 4 in 10 want"
        if k == e or (k >= 0 and t[k].text not in (",", ";", ":") and t[k].low not in _BOUNDARY_WORDS):
            return None
        s = k + 1
        if t[s].low in ("of", "in", "out", "and", "to") or t[e].low in _NP_PREPS or t[e].low in lex.between:
            return None
        if k < 0 and s < e and t[s].low in ("at", "by", "on", "for", "with", "from"):
            return None
        if shares_only and not any(x.low[:1].isdigit() or x.low in _QUANTITY_HEADS for x in t[s : e + 1]):
            return None  # beyond "say", only a share of a poll ("about 4 in 10 want ...") is a plain subject
        if not self.agrees(i, e, t[s : e + 1]):
            return None
        p, addressee, cue_end = self.forward_start(i, cls, lemma)
        return self.forward_frame(
            i, cls, lemma, cue_end or (t[i].start, t[i].end), s, e, None, p, addressee, e
        )

    def end_subordinate(self, out: list[Frame]) -> None:
        """'While Ramos said that reporters cannot take sides, he ...': a claim inside an opening
        subordinate clause ends where the main clause begins (a comma, then its subject)."""
        t = self.t
        lex = self.lex
        lead = 1 if self.n > 1 and t[0].low in ("and", "but") else 0  # "And while ..."
        first = lead + 1 + (t[lead].low == "even")  # the source's index: "(And) (even) while X said"
        for fr in out:
            if fr.shape != "forward" or fr.source is None or not fr.content:
                continue
            src = bisect_left(self._starts, fr.source[0])
            if src > first + 1 or src < first:
                continue  # the source must open the clause: "While [the mayor] said ..."
            a, b = fr.content[-1]
            for m in range(bisect_left(self._starts, a), self.n - 1):
                if t[m].start >= b:
                    break
                if t[m].text != "," or self.q[m]:
                    continue
                nxt = t[m + 1]
                if (
                    nxt.low in lex.pronouns
                    or nxt.low in ("the", "his", "her", "its", "their")
                    or (nxt.cap and nxt.word and not self.q[m + 1])
                ):
                    if t[m - 1].end > a:
                        fr.content[-1] = (a, t[m - 1].end)
                    break

    def after_dateline(self) -> int:
        """'WASHINGTON ― ...', 'KYIV, Ukraine (AP) -- ...': the first token after a dateline."""
        t = self.t
        k = 0
        while k < min(self.n, 10) and (t[k].text.isupper() or t[k].text in (",", "(", ")", ".") or t[k].cap):
            if t[k].text in _DATELINE_DASHES or (
                t[k].text == "-" and k + 1 < self.n and t[k + 1].text == "-"
            ):
                break
            k += 1
        if 0 < k < self.n and t[0].text.isupper() and len(t[0].text) > 1:
            if t[k].text in _DATELINE_DASHES:
                return k + 1
            if t[k].text == "-" and k + 1 < self.n and t[k + 1].text == "-":
                return k + 2
            if t[k].text == "-" and t[k - 1].text == ")":
                return k + 1  # "ORLANDO, Fla. (Reuters) - ..."
        return 0

    def title_before(self, s: int) -> bool:
        """Is the quotation closing before token s a title ('on "Harbor Talk,"', 'of "Face the
        Nation"'): after a preposition, or a few words all capitalised?"""
        t = self.t
        c = s - 1 if t[s - 1].text == '"' else s - 2
        if c < 1 or t[c].text != '"':
            return False
        o = c - 1
        while o >= 0 and t[o].text != '"':
            o -= 1
        if o < 0:
            return False
        words = [x for x in t[o + 1 : c] if x.word]
        if not words or len(words) > 8 or o == 0:
            return False
        return t[o - 1].low in _NP_PREPS or (
            len(words) <= 5 and all(x.cap or x.low in ("of", "the", "and", "a", "in", "on") for x in words)
        )

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
        for q in self.quotes:
            if q.open == pos:
                return q.inner
        return None

    def inverted(self, i: int, j: int, cls: str, lemma: str, cue_span: Span) -> Frame | None:
        """'"...," said Sen. Ann Lee (D-Ore.), a member of the panel, who ...' (source after the cue)."""
        t = self.t
        lex = self.lex
        end = self.sentence_end()
        k = i + 1
        while (
            k < end
            and t[k].text not in (",", '"', "(", ";")
            and t[k].low not in ("who", "which", "whose")
            and k - i <= 12
            and not (
                t[k].low in lex.cue_class and not t[k].cap and k > i + 1 and t[k].low not in lex.documents
            )
        ):
            k += 1
        if k == i + 1 or k - i > 12:
            return None
        src_toks = t[i + 1 : k]
        first = src_toks[0]
        quoted = t[j].text == '"' or (j >= 1 and t[j - 1].text == '"')
        # "..., said former treasurer Ed Marsh, who ...", "..., said several observers."
        described = len(src_toks) <= 6 and self.valid_source(src_toks) and (k >= end or t[k].text == ",")
        if not quoted:
            rest = t[k:end]
            named_rest = (
                described
                or k >= end
                or (t[k].text == "," and len(rest) <= 6 and all(x.cap or not x.word for x in rest))
            )
            if any(
                x.low in ("the", "a", "an") or x.low in _PASSIVE_AUX or x.low in ("has", "had", "have")
                for x in src_toks[1:]
            ):
                return None  # "..., told the council the pier was unsafe": a clause, not a speaker
            if not (
                len(src_toks) <= 6
                and (first.cap or first.low in _NOUN_MARKERS or described)
                and (k >= end or t[k].text in (",", "("))
                and (first.cap or named_rest)
            ):
                return None
        if first.low in lex.pronouns:
            return None
        if not (
            first.cap
            or described
            or first.low in lex.determiners
            or first.low in _NOUN_MARKERS
            or first.low in lex.groups
            or first.low in ("another", "one", "some")
        ):
            return None
        if not self.valid_source(src_toks) and not any(x.cap for x in src_toks) and len(src_toks) > 6:
            return None
        s, e = i + 1, k - 1
        appositive = None
        cont: Span | None = None
        if k < end:
            m = k
            while m < end and m - k <= 40 and t[m].text != '"':
                m += 1
            if m < end and t[m].text == '"':
                cont = self.quote_span_at(t[m].start)
                last = m - 1
            else:
                last = end - 1
            while last >= k and t[last].text in (",", "-"):
                last -= 1
            if m - k > 40 and m < end:
                return None
            if last >= k:
                a = k + 1 if t[k].text == "," else k
                if a <= last and not _is_clause(t[a]):
                    appositive = (t[a].start, t[last].end)
                    e = last
        content = self.content_span(0, j)
        if content is None:
            return None
        spans = [content] + ([cont] if cont else [])
        return Frame(
            cue=cue_span,
            cue_class=cls,
            cue_lemma=lemma,
            sentence=self.sent,
            content=spans,
            source=(t[s].start, t[e].end),
            source_tokens=t[s : e + 1],
            appositive=appositive,
            shape="trailing",
            regions=[],
        )

    def inherited(self, i: int, cls: str, lemma: str, cue_span: Span, earlier: list[Frame]) -> Frame | None:
        t = self.t
        earlier = [f for f in earlier if f.source is not None]  # "an admission that ...": no speaker
        if earlier:
            # the speaker of the clause before, not a speaker nested in what someone said:
            # "The ferry will run, Weber said, adding ..." is Weber's; "X said Y told Z, adding" X's
            outer = [
                f
                for f in earlier
                if f.cue[0] < t[i].start
                and not any(o is not f and any(a <= f.cue[0] < b for a, b in o.content) for o in earlier)
            ]
            prev = outer[-1] if outer else earlier[0]
            # "..., Mr. Weber said, adding": the attribution right before the participle
            near = max(
                (f for f in earlier if f.source is not None and f.cue[1] <= t[i].start),
                key=lambda f: f.cue[1],
                default=None,
            )
            if (
                near is not None
                and near.shape == "trailing"
                and t[i].start - max(near.cue[1], near.source[1]) <= 3
            ):
                prev = near
            src, toks, app = prev.source, prev.source_tokens, prev.appositive
        else:
            got = self.sentence_subject(0, i)
            if got is None:
                return None
            s, e = got
            toks = t[s : e + 1]
            if not self.valid_source(toks):
                return None
            src, app = (t[s].start, t[e].end), None
        if src is None:
            return None
        p, addressee, cue_end = self.forward_start(i, cls, lemma)
        a, b = self.content_forward(p, i, self.lex.cue_class)
        content = self.span(a, b)
        if content is None:
            return None
        return Frame(
            cue=cue_end or cue_span,
            cue_class=cls,
            cue_lemma=lemma,
            sentence=self.sent,
            content=[content],
            source=src,
            source_tokens=list(toks),
            appositive=app,
            inherited=True,
            shape="inherited",
            addressee=addressee,
        )

    def in_document(self) -> Frame | None:
        """'In the new Morning Consult poll, 40 percent ...': the document is the source, "In" the cue."""
        t = self.t
        lex = self.lex
        n = self.n
        k = 0
        if n < 6 or t[0].low != "in":
            return None
        while k < n and k < 16 and t[k].text != ",":
            k += 1
        if k >= n - 2 or k < 2 or t[k].text != ",":
            return None
        np_toks = t[1:k]
        head = None
        for x in np_toks:
            if x.low in lex.documents:
                head = x
        if head is None or head.low in ("interview", "speech", "testimony", "account", "story"):
            return None
        a, b = self.content_forward(k + 1, k, lex.cue_class)
        content = self.span(a, b)
        if content is None:
            return None
        return Frame(
            cue=(t[0].start, t[0].end),
            cue_class="speech",
            cue_lemma="in",
            sentence=self.sent,
            content=[content],
            source=(np_toks[0].start, np_toks[-1].end),
            source_tokens=list(np_toks),
            shape="according",
        )

    def according(self, i: int) -> Frame | None:
        t = self.t
        end = self.sentence_end()
        k = i + 2
        while k < end and t[k].text not in (",", '"', ";") and k - i <= 28:
            k += 1
        if k == i + 2 or k - i > 28:
            return None
        src = t[i + 2 : k]
        first = src[0]
        if not first.word or (first.low in self.lex.clause_openers and first.low not in self.lex.determiners):
            return None  # "according to" names its source, whatever shape the noun phrase has
        spans = []
        before = self.content_span(0, i)
        if before is not None:
            # skip a leading connector "But according to ..."
            spans.append(before)
        m = k
        if m < end and t[m].text == ",":
            m += 1
            if m < end and t[m].low in ("which", "who"):
                while m < end and t[m].text != ",":
                    m += 1
                m += 1
        after = self.span(m, self.content_forward(m, i, self.lex.cue_class)[1]) if m < end else None
        if before is not None and t[0].low in ("but", "and") and i <= 1:
            spans = []
        if i <= 1 and spans:
            spans = []
        if after is not None:
            spans.append(after)
        if not spans:
            return None
        return Frame(
            cue=(t[i].start, t[i + 1].end),
            cue_class="speech",
            cue_lemma="according to",
            sentence=self.sent,
            content=spans,
            source=(src[0].start, src[-1].end),
            source_tokens=list(src),
            shape="according",
        )
