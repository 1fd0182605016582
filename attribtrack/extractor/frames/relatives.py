"""Relative clauses after a source: which stay in its mention and which stay out.

'Ruiz, who runs the ferry, said ...' keeps the clause (it says who Ruiz is); in 'Ruiz, who said
the pier was unsafe, added ...' and '"...," said Ruiz, who argued that ...' the clause holds a
claim of its own and the source is Ruiz alone, as PolNeAR's annotators mark it (train: 0 of 368
sources with a relative clause hold a cue inside it; 114 of 203 clauses left out hold one).
Invented examples.
"""

from __future__ import annotations

from attribtrack.extractor.frames.view import SentenceView
from attribtrack.extractor.segment import Token


def is_relative(tok: Token) -> bool:
    """Does the token open a relative clause ("who", "whose")?"""
    return tok.low in ("who", "whose")


def holds_claim(v: SentenceView, a: int, b: int) -> bool:
    """Do tokens a..b-1 (a relative clause after a name) hold a claim of their own: a cue verb
    outside quotation marks ("Ruiz, who said the pier was unsafe, ...")? Annotators of
    attribution leave such a clause out of the source; a clause that only describes the speaker
    ("Ruiz, who runs the ferry, ...") stays in."""
    t = v.t
    lex = v.lex
    return any(
        not v.q[k] and not t[k].cap and t[k].low in lex.cue_class and t[k].low not in lex.documents
        for k in range(a, b)
    )
