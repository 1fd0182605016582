"""The word classes the frame finders test tokens against, and the bounds of every scan.

Mostly grammar words (auxiliaries, determiners, prepositions, particles) and the few content
words the shapes' grammar needs ("saying", "adamant", "reporters"); the reporting vocabulary itself
is data, read by :mod:`attribtrack.extractor.lexicon`. In the invented sentence
'The ferry operator has long argued that fares must rise.', "has" and "long" are
:data:`CUE_AUXILIARIES` (they join the cue), "that" is where the content starts.
"""

from __future__ import annotations

from attribtrack.extractor.segment import Token

NP_MAX = 14  # longest source noun phrase, in tokens

TAIL_MAX = 16  # longest tail after a trailing cue ("..., she said in a statement on Telegram.")

THAT_WINDOW = 18  # how far after a cue to look for "that"

CONTENT_MAX = 400  # tokens: caps the work per claim on pathological one-sentence inputs

MAX_FRAMES = 24  # claims from one sentence: bounds work and output on pathological inputs

#: 'In a new poll, 40 percent ...' as a claim of the poll: measured on PolNeAR train it is right about
#: one time in three, which costs more than it brings; kept for a later, stricter version.
IN_DOCUMENT_FRAMES = False

NOUN_MARKERS = frozenset(
    {"a", "an", "the", "his", "her", "their", "its", "this", "my", "our", "your", "whose", "these", "those",
     "'s", "no", "any", "every", "such"}
)  # fmt: skip

PASSIVE_AUX = frozenset(
    {"was", "were", "is", "are", "been", "be", "being", "get", "got", "wasn't", "weren't", "isn't", "aren't"}
)

ADDRESSEES = frozenset(
    {"reporters", "journalists", "me", "him", "her", "them", "us", "you", "lawmakers", "supporters", "voters",
     "viewers", "listeners", "readers", "members", "students", "congress", "the", "a", "an", "his", "their",
     "its", "crowd", "audience", "interviewer", "host", "committee", "senators", "delegates", "donors",
     "officials", "colleagues", "counterpart", "staff", "aides", "allies", "guests", "residents", "attendees"}
)  # fmt: skip

LOOSE_OPENERS = frozenset(
    {"that", "which", "and", "but", "because", "while", "when", "as", "if", "although", "though", "so",
     "since", "after", "before", "where", "whereas", "yet", "even"}
)  # fmt: skip

PARENTHETICALS = frozenset(
    {"though", "however", "meanwhile", "too", "also", "instead", "nonetheless", "moreover", "then",
     "likewise", "similarly", "again", "later", "separately", "previously", "earlier", "nevertheless",
     "in turn", "for example", "for instance", "by contrast", "therefore", "still"}
)  # fmt: skip

#: Words ending like verbs that take "that" without reporting anything ("needed that", "so that").
NOT_THAT_VERBS = frozenset(
    {"was", "is", "has", "does", "goes", "means", "needs", "needed", "seems", "makes", "ensures", "ensured",
     "guaranteed", "assumes", "assumed", "provided", "provides", "given", "besides", "unless", "ones",
     "times", "years", "days", "states", "votes", "issues", "rules", "bills", "ads", "funds", "taxes", "jobs",
     "plans", "laws", "reports", "emails", "comments", "remarks", "statements", "claims", "policies", "steps",
     "words", "things", "facts", "ideas", "points", "parts", "lines"}
)  # fmt: skip

NP_PREPS = frozenset({"of", "to", "at", "in", "for", "on", "from", "with", "about", "over"})

LEAD_PREPS = frozenset(
    {"in", "at", "on", "during", "after", "before", "from", "while", "via", "through", "over", "outside",
     "inside", "following", "ahead"}
)  # fmt: skip

NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def is_clause(tok: Token) -> bool:
    """Does an apposition describe the circumstances ("speaking at ...", "in a statement", "by
    contrast") rather than the speaker? Such a clause stays out of the source mention; a relative
    clause ("who ...") says who the speaker is and stays in, as news annotators mostly keep it."""
    low = tok.low
    return (
        low in ("in", "through", "via", "at", "during")
        or low in ASIDE_OPENERS
        or (low.endswith("ing") and not tok.cap)
    )


#: words that open an aside between a source and its cue, not a description of the source: "Cruz,
#: by contrast, said", "Republicans, however, say"
ASIDE_OPENERS = frozenset(
    {"by", "however", "too", "though", "meanwhile", "instead", "nonetheless", "moreover", "likewise",
     "similarly", "again", "then", "still", "separately"}
)  # fmt: skip


def NUMBERISH(low: str) -> bool:  # noqa: N802 - reads as a predicate in the table above
    return low[:1].isdigit() or low in NUMBER_WORDS


AUX_BEFORE_BASE = frozenset(
    {"to", "do", "does", "did", "will", "would", "could", "can", "may", "might", "should", "must", "shall",
     "not", "never", "'ll", "'d", "didn't", "don't", "doesn't", "didn", "don", "doesn", "wouldn", "couldn",
     "won't", "wouldn't", "cannot", "can't"}
)  # fmt: skip

SAYING = frozenset(
    {"saying", "telling", "arguing", "claiming", "insisting", "asking", "urging", "noting", "adding",
     "declaring", "suggesting", "calling", "accusing", "praising"}
)  # fmt: skip

LOOSE_DETS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "our", "my", "one", "this", "two", "three", "four",
     "five", "six", "seven", "eight", "nine", "ten", "some", "several", "many", "most", "other", "another",
     "both", "all", "few", "dozens", "hundreds", "thousands", "no", "every", "each", "these", "those"}
)  # fmt: skip

ING_BEFORE = frozenset(
    {"is", "was", "were", "are", "been", "be", "and", "while", "after", "before", "by", "in", "when",
     "without", "also", "repeatedly", "not", "keeps", "kept", "again", "publicly", "even", "still", "now",
     "am", "'s", "'re", "'m"}
)  # fmt: skip

PARTICLES = {
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

#: prepositions that join the cue they follow when the content starts right after them ("warned of
#: delays", "talked about the budget", "called for a vote"); see :mod:`.edges`
CUE_PREPOSITIONS = frozenset(
    {"about", "for", "of", "on", "against", "with", "over", "at", "out", "up", "upon", "from", "into",
     "like"}
)  # fmt: skip

#: after "to", the words that make it a preposition ("responded to the offer"), not an infinitive
TO_OBJECTS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "my", "our", "your",
     "them", "him", "us", "it", "me", "what", "how", "whether", "why", "questions", "reports", "claims",
     "criticism", "comments", "remarks"}
)  # fmt: skip

#: words that make a phrase after a preposition a time, not an object ("said for weeks")
TIME_WORDS = frozenset(
    {"today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "day", "days", "week",
     "weeks", "month", "months", "year", "years", "decade", "decades", "time", "times", "occasion",
     "occasions", "weekend", "hours", "minutes", "moment", "past", "end", "start", "beginning"}
)  # fmt: skip

#: words that end a chain of verbs leading to a cue through "to" ("went on to say"); see :mod:`.edges`
CHAIN_STOPS = frozenset(
    {"who", "which", "that", "and", "but", "or", "to", "in", "at", "for", "with", "from", "of", "by",
     "because", "while", "when", "as", "if", "order", "so", "than", "what", "how", "why", "where"}
)  # fmt: skip

#: 'The White House, citing intelligence officials, said ...': a cue whose content is the basis of
#: the same source's claim beside it (its via), not a claim of its own
BASIS_CUES = frozenset({"citing"})

#: verbs and adjectives that lead through "to" to the verb that reports ("continued to question",
#: "tried to argue"): the reporting verb joins their cue (PolNeAR train: in the annotated cue nine
#: times in ten); intention verbs ("plans to", "vowed to") and "seemed"/"appears" keep "to ..." in
#: the content, as annotators do
CHAIN_HEADS = frozenset(
    {"continue", "continues", "continued", "continuing", "try", "tries", "tried", "trying", "likely", "quick",
     "fail", "fails", "failed", "able", "hard", "began", "begin", "begins", "started", "start", "starts"}
)  # fmt: skip

#: object pronouns that may stand between a cue and its preposition ("accused him of")
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "it"})

#: Verbs that need a particle to report anything ("talked about", "voted for").
NEEDS_PARTICLE = frozenset({"talk", "speak", "vote", "push", "point", "refer"})

#: words that open a subordinate clause at the start of a sentence ("While X said ..., Y ...")
SUBORDINATORS = frozenset(
    {"while", "although", "though", "even", "as", "when", "whereas", "if", "because", "since", "after",
     "before"}
)  # fmt: skip

#: between a plain subject and "say": "traders also say", "voters still say"
SAY_ADVERBS = frozenset(
    {"also", "still", "now", "often", "repeatedly", "generally", "mostly", "privately", "publicly"}
)

#: words a plain subject may follow: "But specialists say", "while analysts say"
BOUNDARY_WORDS = frozenset(
    {"but", "and", "while", "so", "yet", "because", "although", "though", "whereas", "as"}
)

#: a singular head before "who" that is a person: "A woman who has accused him said"
PERSON_NOUNS = frozenset(
    {"man", "woman", "person", "voter", "resident", "official", "worker", "source", "lawmaker"}
)

APPROXIMATELY = frozenset({"about", "nearly", "almost", "roughly", "around", "only", "just", "over", "under"})

QUANTITY_HEADS = frozenset(
    {"half", "most", "many", "few", "both", "all", "majority", "plurality", "percent", "some", "third",
     "thirds", "quarter", "quarters", "fourths", "fifths"}
)  # fmt: skip

IRREGULAR_PLURALS = frozenset({"people", "children", "police", "staff", "clergy", "media"})  # and "-men"

#: "adamant that", "confident that" after a copula: a stance whose content is the that-clause
ADJ_THAT = frozenset(
    {"confident", "convinced", "aware", "adamant", "hopeful", "optimistic", "worried", "upset", "fearful",
     "nervous", "unaware", "certain", "concerned", "skeptical", "insistent", "angry", "pleased",
     "disappointed"}
)  # fmt: skip

COPULAS = frozenset(
    {"is", "was", "are", "were", "be", "been", "'s", "seems", "seemed", "seem", "remain", "remains",
     "remained", "feel", "feels", "felt", "appears", "appeared", "grew", "became", "become"}
)  # fmt: skip

QUESTION_WORDS = frozenset(
    {"whether", "if", "what", "how", "why", "who", "whom", "when", "where", "which", "about"}
)

#: words before a verb of saying that belong to its cue: "has said", "did not say", "has long argued",
#: "also said", "now says" (PolNeAR train: each of these adverbs is inside the annotated cue in
#: more than four cases of five where it stands right before the verb)
CUE_AUXILIARIES = frozenset(
    {"has", "have", "had", "did", "does", "do", "will", "would", "could", "can", "may", "might", "should",
     "must", "is", "was", "were", "are", "not", "never", "didn't", "doesn't", "don't", "hasn't", "haven't",
     "hadn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "wasn't", "aren't", "weren't", "also",
     "repeatedly", "long", "previously", "later", "publicly", "privately", "often", "already", "initially",
     "once", "still", "since", "recently", "first", "now", "even", "again", "just", "further", "only", "then",
     "ever", "been", "be", "being", "almost"}
)  # fmt: skip


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


FINITE_AUX = frozenset(
    {"would", "will", "could", "can", "should", "must", "might", "is", "was", "are", "were", "has", "had",
     "have"}
)  # fmt: skip

#: nouns that end like adverbs: "the organizer of a rally said" keeps "rally" in the source
LY_NOUNS = frozenset(
    {"rally", "family", "assembly", "supply", "ally", "bully", "monopoly", "anomaly", "daily", "weekly",
     "monthly", "quarterly", "italy", "july", "melancholy", "homily", "jelly", "belly"}
)  # fmt: skip

TAIL_CLAUSE_OPENERS = frozenset(
    {"as", "while", "when", "after", "before", "because", "though", "although", "since"}
)

SAYING_LEMMAS = frozenset(
    {"say", "write", "add", "note", "tell", "claims", "argue", "explain", "reports", "stated"}
)

TAIL_PREPS = frozenset(
    {"in", "on", "at", "during", "to", "with", "without", "after", "before", "from", "via", "through"}
)

TAIL_STOPS = frozenset(
    {"which", "who", "whom", "whose", "where", "because", "while", "when", "if", "but", "and", "as"}
)

DATELINE_DASHES = frozenset({"\u2015", "\u2014", "\u2013"})

DASHES = frozenset({"--", "\u2014", "\u2013"})

#: "appeared to acknowledge": the verb after "to" is the cue, not this one.
RAISING = frozenset({"seem", "appear"})
