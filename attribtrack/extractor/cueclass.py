"""The class of a claim's cue in the contract (``cue.class`` in ``attribtrack.claims/1``).

speech (said, told, "in a statement"), writing (wrote, tweeted), cognition (believes, thinks),
intention (wants, plans), evidence (shows, found), stance (supports, denies), according
("according to"). The classes come from the "| class" column of the cue data files
(``data/cues.txt``, ``cognition.txt``, ``nominal_cues.txt``, ``topic_cues.txt``, the phrase cues
in ``english.toml``); this module only looks words up. A cue no data file classes is ``stance``:
speech and writing are claimed only for words listed as acts of speaking or writing.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from attribtrack.extractor.lexicon import Lexicon

if TYPE_CHECKING:
    from attribtrack.models import Claims

# Punctuation that introduces what a speaker says: "RUIZ: ...", '"...," — Ana Ruiz'.
_SPEECH_MARKS = frozenset(":-\u2013\u2014\u2015")

_STRIP = ".,;:!?\"'()\u201c\u201d\u2018\u2019"  # punctuation around a word of a cue

# "appeared to acknowledge", "seems to blame": the verb after "to" is the act, so it gives the
# class ("acknowledge": speech); "refused to answer", "declined to say" keep their own (intention:
# they are no act of speech).
_RAISING = frozenset({"seem", "seems", "seemed", "seeming", "appear", "appears", "appeared", "appearing"})


def cue_class(cue: str, lex: Lexicon, memo: dict[str, str] | None = None, source: str | None = None) -> str:
    """The class of the cue words ``cue`` ("said", "according to", "has been endorsed by"). A
    punctuation cue or "in" with a document for source ("Poll: ...", "in the latest poll";
    ``source`` its mention) is evidence: a poll shows, it does not speak."""
    bare = cue.strip()
    if source and bare and (set(bare) <= _SPEECH_MARKS or bare.casefold() == "in"):
        if any(w.strip(_STRIP) in lex.documents for w in source.casefold().split()):
            return "evidence"
    if memo is not None:
        hit = memo.get(cue)
        if hit is not None:
            return hit
    words = tuple(w for w in (t.strip(_STRIP) for t in cue.casefold().split()) if w)
    klass = _classify(cue, words, lex)
    if memo is not None:
        memo[cue] = klass
    return klass


def _classify(cue: str, words: tuple[str, ...], lex: Lexicon) -> str:
    if cue.strip() and set(cue.strip()) <= _SPEECH_MARKS:
        return "speech"
    if not words:
        return "stance"
    while len(words) > 2 and words[0] in _RAISING and words[1] == "to":
        words = words[2:]
    if words[:2] == ("according", "to") or words == ("according",):
        return "according"
    hit = lex.phrase_class.get(words)
    if hit is not None:
        return hit
    for n in range(len(words) - 1):  # "talked about" inside "has talked about"
        hit = lex.phrase_class.get(words[n : n + 2])
        if hit is not None:
            return hit
    for w in words:
        hit = lex.form_class.get(w)
        if hit is not None:
            return hit
    return "stance"


def with_classes(claims: Claims, classes: Collection[str]) -> Claims:
    """Only the claims whose cue is of one of ``classes`` ("speech", "writing", ...); claims with
    no cue (unattributed statements, bare quotations) are left out. Entities stay as they are."""
    wanted = frozenset(classes)
    kept = tuple(c for c in claims.claims if c.cue is not None and c.cue.class_ in wanted)
    return claims.model_copy(update={"claims": kept})
