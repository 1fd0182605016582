"""The word classes the frame finders test tokens against, and the bounds of every scan.

The word classes are data: ``attribtrack/data/grammar.toml`` lists each one with a comment that
says what it is for (mostly grammar words -- auxiliaries, determiners, prepositions, particles --
and the few content words the shapes' grammar needs: "saying", "adamant", "reporters"). The
reporting vocabulary itself is in the other data files, read by
:mod:`attribtrack.extractor.lexicon`. In the invented sentence 'The ferry operator has long
argued that fares must rise.', "has" and "long" are :data:`CUE_AUXILIARIES` (they join the cue),
"that" is where the content starts.
"""

from __future__ import annotations

from attribtrack.extractor.lexicon import grammar_table, grammar_words
from attribtrack.extractor.segment import Token

NP_MAX = 14  # longest source noun phrase, in tokens

TAIL_MAX = 16  # longest tail after a trailing cue ("..., she said in a statement on Telegram.")

THAT_WINDOW = 18  # how far after a cue to look for "that"

ASKED_WHOM_MAX = 5  # longest addressee of "ask" before its question ("asked two county officials how")

CONTENT_MAX = 400  # tokens: caps the work per claim on pathological one-sentence inputs

MAX_FRAMES = 24  # claims from one sentence: bounds work and output on pathological inputs

#: 'In a new poll, 40 percent ...' as a claim of the poll: with any document word it was right about
#: one time in three on PolNeAR train; with poll words only (according.POLLS) it pays.
IN_DOCUMENT_FRAMES = True

# The word classes, each described where it is listed (attribtrack/data/grammar.toml).
NOUN_MARKERS = grammar_words("noun_markers")
PASSIVE_AUX = grammar_words("passive_aux")
ADDRESSEES = grammar_words("addressees")
LOOSE_OPENERS = grammar_words("loose_openers")
PARENTHETICALS = grammar_words("parentheticals")
NOT_THAT_VERBS = grammar_words("not_that_verbs")
NP_PREPS = grammar_words("np_preps")
LEAD_PREPS = grammar_words("lead_preps")
PLACE_PREPS = grammar_words("place_preps")
NUMBER_WORDS = grammar_words("number_words")
ASIDE_OPENERS = grammar_words("aside_openers")
SOURCE_ASIDES = grammar_words("source_asides")
MEMBER_OPENERS = grammar_words("member_openers")
SOURCE_OPENERS = grammar_words("source_openers")
DOCUMENT_DATES = grammar_words("document_dates")
AUX_BEFORE_BASE = grammar_words("aux_before_base")
SAYING = grammar_words("saying")
LOOSE_DETS = grammar_words("loose_dets")
ING_BEFORE = grammar_words("ing_before")
PARTICLES = grammar_table("particles")
CUE_PREPOSITIONS = grammar_words("cue_prepositions")
TO_OBJECTS = grammar_words("to_objects")
TIME_WORDS = grammar_words("time_words")
CHAIN_STOPS = grammar_words("chain_stops")
BASIS_CUES = grammar_words("basis_cues")
CHAIN_HEADS = grammar_words("chain_heads")
OBJECT_PRONOUNS = grammar_words("object_pronouns")
NEEDS_PARTICLE = grammar_words("needs_particle")
SUBORDINATORS = grammar_words("subordinators")
SAY_ADVERBS = grammar_words("say_adverbs")
BOUNDARY_WORDS = grammar_words("boundary_words")
PERSON_NOUNS = grammar_words("person_nouns")
APPROXIMATELY = grammar_words("approximately")
QUANTITY_HEADS = grammar_words("quantity_heads")
IRREGULAR_PLURALS = grammar_words("irregular_plurals")
ADJ_THAT = grammar_words("adj_that")
COPULAS = grammar_words("copulas")
QUESTION_WORDS = grammar_words("question_words")
CONTENT_RELATIVES = grammar_words("content_relatives")
CUE_AUXILIARIES = grammar_words("cue_auxiliaries")
FINITE_AUX = grammar_words("finite_aux")
LY_NOUNS = grammar_words("ly_nouns")
TAIL_CLAUSE_OPENERS = grammar_words("tail_clause_openers")
SAYING_LEMMAS = grammar_words("saying_lemmas")
TAIL_PREPS = grammar_words("tail_preps")
TAIL_STOPS = grammar_words("tail_stops")
RAISING = grammar_words("raising")
LOCATIVES = grammar_words("locatives")
QUOTE_VERBS = grammar_words("quote_verbs")
QUOTE_PARTICLES = grammar_words("quote_particles")


def is_clause(tok: Token) -> bool:
    """Does an apposition describe the circumstances ("speaking at ...", "in a statement", "by
    contrast") rather than the speaker? Such a clause stays out of the source mention; a relative
    clause ("who ...") says who the speaker is and stays in, as news annotators mostly keep it."""
    low = tok.low
    return (
        low in ("in", "through", "via", "at", "during")
        or low in ASIDE_OPENERS
        or (low.endswith("ing") and not tok.cap and low not in MEMBER_OPENERS)
    )


def NUMBERISH(low: str) -> bool:  # noqa: N802 - reads as a predicate in the table above
    return low[:1].isdigit() or low in NUMBER_WORDS


def cue_adverb(tok: Token, hedges: frozenset[str] = frozenset()) -> bool:
    """Does the token join a cue it stands right before: an auxiliary, a negation or an adverb
    ("has", "did not", "also", "strongly", "quickly")? A plain -ly adverb joins as annotators
    mostly put it in the cue (PolNeAR train: 190 of 203 before a cue); "rally" and "Kelly" do not,
    nor a hedge ("reportedly said": the hedge is the claim's, not part of its cue)."""
    low = tok.low
    if low in CUE_AUXILIARIES:
        return True
    return (
        len(low) > 4
        and low.endswith("ly")
        and tok.word
        and not tok.cap
        and low not in LY_NOUNS
        and low not in hedges
    )


DATELINE_DASHES = frozenset({"\u2015", "\u2014", "\u2013"})

DASHES = frozenset({"--", "\u2014", "\u2013"})
