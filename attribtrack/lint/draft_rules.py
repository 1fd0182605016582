"""AT1xx: rules on a single draft — who is quoted, who is anonymous, what is unsourced."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from attribtrack.lint.rules import Context, Example, Hit, Rule
from attribtrack.lint.text import lexicon, phrase_pattern
from attribtrack.plain import Span

if TYPE_CHECKING:
    from attribtrack.models import Claim

__all__ = [
    "RULES",
    "AnonymousSource",
    "LoadedCue",
    "QuoteWithoutSource",
    "UnattributedFigure",
    "UnbalancedQuotes",
    "UnresolvedPronoun",
]


def excerpt(text: str, limit: int = 60) -> str:
    """A one-line excerpt for a message: whitespace collapsed, cut at ``limit`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def _quote_span(claim: Claim) -> Span:
    return claim.content[0].span if claim.content else claim.span


class QuoteWithoutSource(Rule):
    """A direct or mixed quote has no resolvable speaker.

    A reader must be able to tell who spoke every quoted word. The rule fires on a claim the
    extractor marks as a direct or mixed quotation whose source is missing; name the speaker
    ("the mayor said") or, for a document, the document ("the statement read" is not enough
    without saying whose statement).
    """

    code = "AT101"
    name = "quote-without-source"
    severity = "error"
    fires = (
        Example('The council met on Tuesday.\n\n"We will not raise taxes this year."'),
        Example('"Nobody saw the warning coming," was the message repeated across the city.'),
    )
    passes = (
        Example('"We will not raise taxes this year," Mayor Ana Ruiz said on Tuesday.'),
        Example("The council met on Tuesday and approved the budget."),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        for claim in ctx.claims.claims:
            if claim.kind in ("direct", "mixed") and claim.source is None:
                quote = claim.content[0].text if claim.content else claim.text
                yield Hit(_quote_span(claim), f'quotation "{excerpt(quote)}" has no speaker', claim.id)


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    return frozenset(lexicon()["pronouns"]["words"])


class UnresolvedPronoun(Rule):
    """A source is a pronoun with no antecedent.

    "He said" needs a "he" the reader already met. The rule fires when the source of a claim is a
    pronoun that the extractor could not resolve to a person or organisation named earlier, for
    example at the start of a story or after an edit moved the paragraph that named the speaker.
    """

    code = "AT102"
    name = "unresolved-pronoun"
    severity = "warning"
    fires = (Example('"The bridge will reopen in May," she said.'),)
    passes = (
        Example(
            'Transport Minister Ana Ruiz visited the site.\n\n"The bridge will reopen in May," she said.'
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        pronouns = _pronouns()
        for claim in ctx.claims.claims:
            src = claim.source
            if src is None or src.mention.strip().lower() not in pronouns:
                continue
            if src.entity is None or src.name.strip().lower() in pronouns:
                yield Hit(src.span, f'source "{src.mention}" does not refer to anyone named before', claim.id)


class AnonymousSource(Rule):
    """A source is anonymous ("officials said", "sources told") and no reason is given.

    Anonymity is sometimes necessary, but house style asks the story to say why ("who spoke on
    condition of anonymity because they were not authorised to discuss the talks"). The rule
    stays quiet when the paragraph of the claim gives such a reason (the phrases are listed in
    ``attribtrack/data/lint.toml``).
    """

    code = "AT103"
    name = "anonymous-source"
    severity = "info"
    fires = (Example("Officials said the plant would close next year."),)
    passes = (
        Example(
            "Two officials, who spoke on condition of anonymity because they were not authorized "
            "to discuss the plans, said the plant would close next year."
        ),
        Example("Plant manager Jonas Berg said the plant would close next year."),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        words = lexicon()["anonymous"]
        heads = phrase_pattern(tuple(words["heads"]))
        reasons = phrase_pattern(tuple(words["reasons"]))
        for claim in ctx.claims.claims:
            src = claim.source
            if src is None:
                continue
            anonymous = src.type == "anonymous" or (src.type != "person" and heads.search(src.mention))
            if not anonymous or _names_someone(src.mention, heads):
                continue
            start, end = _paragraph_of(ctx, claim.span)
            if reasons.search(ctx.prose, start, end):
                continue
            yield Hit(
                src.span, f'anonymous source "{src.mention}" with no reason given for anonymity', claim.id
            )


def _names_someone(mention: str, heads: re.Pattern[str]) -> bool:
    """ "Putin and other officials": one part of the source has a name, so it is not anonymous."""
    parts = re.split(r",|\band\b|\bor\b", mention)
    return any(part.strip() and not heads.search(part) for part in parts)


def _paragraph_of(ctx: Context, span: Span) -> Span:
    for start, end in ctx.paragraphs:
        if start <= span[0] < end:
            return start, max(end, span[1])
    return span


# --- AT104 ----------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,])[$€£¥]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?%|\s?(?:per\s?cent|percent))?(?![\w])"
)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:a\.m\.|p\.m\.|am|pm)?", re.I)


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SENTENCE_END = frozenset(".!?\"'\u201d\u2019)")


@dataclass(frozen=True)
class _Figures:
    """The AT104 word lists as sets (single words) and patterns (phrases)."""

    casualty: frozenset[str]
    number_words: frozenset[str]
    superlatives: frozenset[str]  # single words ("deadliest")
    superlative_phrases: frozenset[tuple[str, str]]  # ("the", "most")
    months: frozenset[str]
    idioms: re.Pattern[str]
    attribution: re.Pattern[str]


@lru_cache(maxsize=1)
def _figures() -> _Figures:
    fig = lexicon()["figures"]

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in fig[key] if " " not in w)

    return _Figures(
        casualty=words("casualty_words"),
        number_words=words("number_words"),
        superlatives=words("superlatives"),
        superlative_phrases=frozenset(
            tuple(w.lower().split())
            for w in fig["superlatives"]
            if len(w.split()) == 2  # type: ignore[misc]
        ),
        months=words("months"),
        idioms=phrase_pattern(tuple(fig["idioms"])),
        attribution=phrase_pattern(tuple(fig["attribution"])),
    )


_WORD_BEFORE_NUMBER = re.compile(r"([A-Za-z]+)\.?\s+$")
_WORD_AFTER_NUMBER = re.compile(r"\s+([A-Za-z]+)")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")


def _is_date_or_year(text: str, m: re.Match[str], months: frozenset[str]) -> bool:
    value = m.group()
    before = _WORD_BEFORE_NUMBER.search(text[max(0, m.start() - 12) : m.start()])
    if before and before.group(1).lower() in months:
        return True  # "March 22"
    after_text = text[m.end() : m.end() + 12]
    after = _WORD_AFTER_NUMBER.match(after_text)
    if after and after.group(1).lower() in months:
        return True  # "22 March"
    if value.isdigit() and len(value) == 4 and 1800 <= int(value) <= 2100:
        return True  # a year
    return bool(_ORDINAL_SUFFIX.match(after_text))


class UnattributedFigure(Rule):
    """A sentence with a number, casualty count or superlative and no attribution.

    Figures and superlatives ("the deadliest attack since 2004") are the facts most often
    challenged: say who counted ("according to the health ministry"). Dates, years and times
    are not figures, and neither are headings and titles (they sum up the story). A sentence counts
    as attributed when the extractor finds an attributed claim in it or it carries an attribution
    phrase ("according to", "said", "data from").
    """

    code = "AT104"
    name = "unattributed-figure"
    severity = "info"
    fires = (
        Example("At least 42 people were killed in the floods on Monday."),
        Example("It was the largest protest in the country's history."),
    )
    passes = (
        Example("At least 42 people were killed in the floods on Monday, the interior ministry said."),
        Example("The council met on March 22, 2024, and again in May."),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        fig = _figures()
        attributed = [c.span for c in ctx.claims.claims if c.kind != "unattributed"]
        text = ctx.prose
        for start, end in ctx.sentences:
            if text[start] == "#" or text[end - 1] not in _SENTENCE_END:
                continue  # a heading, title or caption: it sums up a story, it is not the claim
            if any(s < end and start < e for s, e in attributed) or fig.attribution.search(text, start, end):
                continue
            hit = self._figure(text, start, end, fig)
            if hit:
                yield hit

    @staticmethod
    def _figure(text: str, start: int, end: int, fig: _Figures) -> Hit | None:
        sentence = text[start:end]
        times = [m.span() for m in _TIME.finditer(sentence)]
        numbers: list[tuple[int, int, str]] = [
            (*m.span(), m.group())
            for m in _NUMBER.finditer(sentence)
            if not _is_date_or_year(sentence, m, fig.months) and not any(s <= m.start() < e for s, e in times)
        ]
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(sentence)]
        numbers += [(s, e, sentence[s:e]) for s, e, w in words if w in fig.number_words]
        if numbers:
            s, e, value = min(numbers)
            kind = "casualty figure" if any(w in fig.casualty for _, _, w in words) else "figure"
            return Hit((start + s, start + e), f'{kind} "{value}" is not attributed to anyone')
        idiom_spans = [m.span() for m in fig.idioms.finditer(sentence)]
        for i, (s, e, w) in enumerate(words):
            if i + 1 < len(words) and (w, words[i + 1][2]) in fig.superlative_phrases:
                e = words[i + 1][1]
            elif w not in fig.superlatives:
                continue
            if any(a <= s < b for a, b in idiom_spans):
                continue
            return Hit((start + s, start + e), f'superlative "{sentence[s:e]}" is not attributed to anyone')
        return None


# --- AT105 ----------------------------------------------------------------------------------

_OPEN, _CLOSE, _STRAIGHT = "\u201c", "\u201d", '"'
#: AT105 findings reported one by one per paragraph; past them, one finding sums up the rest (a
#: paragraph of 350,000 stray marks gave 350,000 findings and took minutes to render)
MAX_PER_PARAGRAPH = 3
_QUOTE_MARK = re.compile('[\u201c\u201d"]')


def _looks_closing(text: str, pos: int, start: int, end: int) -> bool:
    """A straight quote right after a word or punctuation and before a space or the end closes."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    return (
        not before.isspace()
        and before not in "([{\u2014-"
        and (after.isspace() or after in ".,;:!?)]}\u2014")
    )


class UnbalancedQuotes(Rule):
    """Quotation marks do not pair up.

    Within a paragraph every opening quotation mark needs its closing mark. A quotation that
    runs on into the next paragraph is legal when, as in news style, the paragraph ends without a
    closing mark and the next paragraph opens with a quotation mark again. Inch marks after a
    digit (5'11") are not quotation marks. At most three marks per paragraph are reported one by
    one; one more finding counts the rest.
    """

    code = "AT105"
    name = "unbalanced-quotes"
    severity = "error"
    fires = (
        Example('"We will rebuild the bridge, the mayor said on Tuesday.'),
        Example("The mayor said the plan was \u201cfinal. The council agreed."),
        Example('The mayor called it final." The council agreed.'),
    )
    passes = (
        Example('"We will rebuild," the mayor said. "It will take a year."'),
        Example(
            '"We will rebuild the bridge,\u201d the mayor said. \u201cWe start in May.\n\n'
            '"The money is there," she added.'
        ),
        Example('"We will rebuild the bridge. It will take a year.\n\n"The money is there," the mayor said.'),
        Example("The shelf is 5'11\" tall, the carpenter said."),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.prose
        paras = ctx.paragraphs
        for i, (start, end) in enumerate(paras):
            hits = self._paragraph(
                text, start, end, i + 1 < len(paras) and text[paras[i + 1][0]] in (_OPEN, _STRAIGHT)
            )
            yield from hits[:MAX_PER_PARAGRAPH]
            if len(hits) > MAX_PER_PARAGRAPH:
                rest = hits[MAX_PER_PARAGRAPH:]
                yield Hit(
                    (rest[0].span[0], rest[-1].span[1]),
                    f"{len(rest):,} more quotation marks in this paragraph do not pair up "
                    f"(only the first {MAX_PER_PARAGRAPH} are reported one by one)",
                )

    @staticmethod
    def _paragraph(text: str, start: int, end: int, continued: bool) -> list[Hit]:
        """The paragraph's hits, in order of the marks; ``continued``: the next paragraph opens
        with a quotation mark (a quotation may run on into it)."""
        hits: list[Hit] = []
        open_at: int | None = None
        for m in _QUOTE_MARK.finditer(text, start, end):
            pos, ch = m.start(), m.group()
            if ch == _STRAIGHT and pos > start and text[pos - 1].isdigit():
                continue  # an inch mark
            if ch == _STRAIGHT and open_at is None and _looks_closing(text, pos, start, end):
                hits.append(Hit((pos, pos + 1), "closing quotation mark without an opening one"))
                continue
            if ch == _OPEN or (ch == _STRAIGHT and open_at is None):
                if open_at is not None:
                    hits.append(Hit((open_at, open_at + 1), "quotation mark is never closed"))
                open_at = pos
            elif open_at is None:
                hits.append(Hit((pos, pos + 1), "closing quotation mark without an opening one"))
            else:
                open_at = None
        if open_at is not None and not continued:
            hits.append(Hit((open_at, open_at + 1), "quotation mark is never closed"))
        return hits


# --- AT106 ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    cues = lexicon()["cues"]
    loaded = frozenset(w for entry in cues["loaded"] for w in entry.lower().split())
    return loaded, frozenset(w.lower() for w in cues["neutral"]), frozenset(cues["not_reporting_after"])


class LoadedCue(Rule):
    """A non-neutral cue ("admitted", "claimed", "insisted") where "said" is house style.

    Verbs like "admitted" or "claimed" tell the reader what to think of a statement. The list is
    in ``attribtrack/data/lint.toml``; a newsroom adds its own with ``style.loaded-cues`` and
    accepts a verb with ``style.neutral-cues``.
    """

    code = "AT106"
    name = "loaded-cue"
    severity = "info"
    fires = (Example("The minister admitted that the project was late."),)
    passes = (
        Example("The minister said that the project was late."),
        Example("The group claimed responsibility for the attack on Sunday."),
        Example(
            "The minister admitted that the project was late.",
            config={"style": {"neutral-cues": ["admitted"]}},
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        base_loaded, base_neutral, not_reporting = _cue_words()
        loaded = base_loaded | {w.lower() for w in ctx.style.loaded_cues}
        neutral = base_neutral | {w.lower() for w in ctx.style.neutral_cues}
        for claim in ctx.claims.claims:
            cue = claim.cue
            if cue is None:
                continue
            following = [
                "#" if w[:1].isdigit() else w.strip(".,;:")
                for w in ctx.prose[cue.span[1] : cue.span[1] + 40].lower().split()[:2]
            ]
            if following and (following[0] in not_reporting or " ".join(following) in not_reporting):
                continue  # "claimed responsibility", "claimed 144 lives": not a reporting verb here
            words = re.findall(r"[\w'-]+", cue.text.lower())
            bad = [w for w in words if w in loaded and w not in neutral]
            if bad and cue.text.strip().lower() not in neutral:
                yield Hit(
                    cue.span,
                    f'loaded cue "{cue.text.strip()}": house style prefers a neutral "said"',
                    claim.id,
                )


RULES: tuple[Rule, ...] = (
    QuoteWithoutSource(),
    UnresolvedPronoun(),
    AnonymousSource(),
    UnattributedFigure(),
    UnbalancedQuotes(),
    LoadedCue(),
)
