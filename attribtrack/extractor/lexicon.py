"""Language knowledge, loaded once from the data files in ``attribtrack/data``.

Every list a journalist might want to extend lives there (cues, hedges, roles, ...); this module
only parses the simple formats those files document in their headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


def _read(name: str) -> str:
    from importlib import resources  # here, not at import: only the first extraction reads data

    return resources.files("attribtrack").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    import tomllib

    return tomllib.loads(_read("grammar.toml"))


def grammar_words(key: str) -> frozenset[str]:
    """One word class of ``data/grammar.toml``, as a frozenset of its lowercase words. A missing
    key is a KeyError naming it, raised when the frame modules are first imported."""
    return frozenset(_grammar()[key])


def grammar_table(key: str) -> dict[str, tuple[str, ...]]:
    """One table of ``data/grammar.toml`` (``[particles]``): each word with its tuple of words."""
    table = _grammar()[key]
    assert isinstance(table, dict)
    return {k: tuple(v) for k, v in table.items()}


def _lines(name: str) -> list[str]:
    out = []
    for line in _read(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(line.casefold().split()) for line in _lines(name))


CUE_CLASSES = ("speech", "writing", "cognition", "intention", "evidence", "stance", "according")


def _check_class(klass: str, name: str) -> str:
    if klass not in CUE_CLASSES:
        raise ValueError(f"{name}: unknown cue class {klass!r} (one of {', '.join(CUE_CLASSES)})")
    return klass


def _classed(line: str, name: str) -> tuple[str, str]:
    """``"say says said | speech"`` -> ``("say says said", "speech")``: a data line and its class."""
    body, bar, klass = line.rpartition("|")
    if not bar:
        raise ValueError(f"{name}: line {line!r} has no '| class' column")
    return body.strip(), _check_class(klass.strip(), name)


@dataclass(frozen=True)
class Lexicon:
    cue_class: dict[str, str]  # word form -> speech | tell | stance | evidence
    cue_lemma: dict[str, str]  # word form -> its first listed form
    confirmations: frozenset[str]
    confirmation_phrases: tuple[tuple[str, ...], ...]
    hedges: tuple[tuple[str, ...], ...]
    hedge_firsts: frozenset[str]
    anonymity: frozenset[str]
    anonymity_phrases: tuple[tuple[str, ...], ...]
    anonymity_firsts: frozenset[str]
    groups: frozenset[str]
    roles: frozenset[str]
    pronouns: dict[str, str]
    documents: frozenset[str]
    nominal_cues: frozenset[str]
    cognition: frozenset[str]
    organizations: frozenset[str]
    abbreviations: frozenset[str]
    state_abbreviations: frozenset[str]
    between: frozenset[str]
    clause_openers: frozenset[str]
    determiners: frozenset[str]
    cue_tail: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    relative_days: tuple[tuple[str, ...], ...]
    countries: frozenset[str]
    not_sources: frozenset[str]
    refusals: frozenset[str]
    question_openers: frozenset[str]
    request_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    quantities: frozenset[str]
    object_stops: frozenset[str]
    object_stop_verbs: frozenset[str]
    phrase_cues: dict[str, tuple[tuple[str, ...], ...]]
    phrase_firsts: frozenset[str]
    topic_cues: frozenset[tuple[str, ...]]  # (word, preposition): "talked about", "voted for"
    name_particles: frozenset[str]  # "de", "van", "bin": lowercase words inside a name
    indefinites: frozenset[str]  # "a", "one", "another": a singular source not named
    press_words: frozenset[str]  # "media": the press at large
    outlet_words: frozenset[str]  # "Gazette", "Ledger": the last word of a paper's name
    # The claims contract's cue class (speech, writing, cognition, intention, evidence, stance,
    # according) of each word form and phrase, from the "| class" column of the data files.
    form_class: dict[str, str]
    phrase_class: dict[tuple[str, ...], str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cue_class: dict[str, str] = {}
    cue_lemma: dict[str, str] = {}
    form_class: dict[str, str] = {}
    phrase_class: dict[tuple[str, ...], str] = {}
    section = "speech"
    for line in _lines("cues.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        line, klass = _classed(line, "cues.txt")
        forms = line.casefold().split()
        for form in forms:
            form_class.setdefault(form, klass)
        lemma = forms[0]
        if lemma.endswith("s") and not lemma.endswith("ss") and len(lemma) > 3:
            lemma = lemma[:-1]  # "calls" -> "call" when the bare form is not listed (it is a noun)
        for form in forms:
            # The first section that lists a form decides its class.
            cue_class.setdefault(form, section)
            cue_lemma.setdefault(form, lemma)
    pronouns = {}
    for line in _lines("pronouns.txt"):
        word, _, kind = line.partition("=")
        pronouns[word.strip().casefold()] = kind.strip()
    conf_phrases = _phrases("confirmations.txt")
    anon_phrases = _phrases("anonymity.txt")
    import tomllib

    english = tomllib.loads(_read("english.toml"))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in english[key])

    def listed(name: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in _lines(name))

    hedges = _phrases("hedges.txt")

    phrases = [tuple(p.casefold().split()) for p in english["phrase_cues"]]
    for klass, listed_phrases in english["phrase_cue_classes"].items():
        for p in listed_phrases:
            phrase_class.setdefault(tuple(p.casefold().split()), _check_class(klass, "english.toml"))
    topics = []
    for line in _lines("topic_cues.txt"):
        line, klass = _classed(line, "topic_cues.txt")
        prep, _, heads = line.partition(":")
        for w in heads.split():
            pair = (w.casefold(), prep.strip().casefold())
            topics.append(pair)
            phrase_class.setdefault(pair, klass)
    for name in ("cognition.txt", "nominal_cues.txt"):
        for line in _lines(name):
            word, klass = _classed(line, name)
            form_class.setdefault(word.casefold(), klass)
    phrases.extend(topics)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for ph in sorted(phrases, key=len, reverse=True):
        by_first.setdefault(ph[0], []).append(ph)
    phrase_cues = {k: tuple(v) for k, v in by_first.items()}
    return Lexicon(
        cue_class=cue_class,
        cue_lemma=cue_lemma,
        confirmations=frozenset(w for p in conf_phrases if len(p) == 1 for w in p),
        confirmation_phrases=conf_phrases,
        hedges=hedges,
        hedge_firsts=frozenset(h[0] for h in hedges),
        anonymity=frozenset(p[0] for p in anon_phrases if len(p) == 1),
        anonymity_phrases=tuple(p for p in anon_phrases if len(p) > 1),
        anonymity_firsts=frozenset(p[0] for p in anon_phrases if len(p) > 1),
        groups=listed("groups.txt"),
        roles=listed("roles.txt") | frozenset(w.rstrip(".") for w in listed("roles.txt")),
        pronouns=pronouns,
        documents=listed("documents.txt"),
        nominal_cues=frozenset(_classed(w, "")[0].casefold() for w in _lines("nominal_cues.txt")),
        cognition=frozenset(_classed(w, "")[0].casefold() for w in _lines("cognition.txt")),
        organizations=listed("organizations.txt"),
        abbreviations=words("abbreviations"),
        state_abbreviations=words("state_abbreviations"),
        between=words("between_source_and_cue"),
        clause_openers=words("clause_openers"),
        determiners=words("determiners"),
        cue_tail=words("cue_tail"),
        months=words("months"),
        weekdays=words("weekdays"),
        relative_days=tuple(tuple(p.casefold().split()) for p in english["relative_days"]),
        countries=words("countries"),
        not_sources=words("not_sources"),
        refusals=words("refusals"),
        question_openers=words("question_openers"),
        request_preps=words("request_preps"),
        relative_pronouns=words("relative_pronouns"),
        quantities=words("quantities"),
        object_stops=words("object_stops"),
        object_stop_verbs=words("object_stop_verbs"),
        phrase_cues=phrase_cues,
        phrase_firsts=frozenset(phrase_cues),
        topic_cues=frozenset(topics),
        name_particles=words("name_particles"),
        indefinites=words("indefinites"),
        press_words=words("press_words"),
        outlet_words=words("outlet_words"),
        form_class=form_class,
        phrase_class=phrase_class,
    )
