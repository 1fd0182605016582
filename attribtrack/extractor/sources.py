"""What a source mention is: its name, role and type, before resolution to an entity.

``Kremlin spokesman Dmitry Peskov`` -> name "Dmitry Peskov", role "Kremlin spokesman", person;
``Sergei Naryshkin, head of Russia's SVR`` -> name + appositive role; ``U.S. officials`` -> group;
``intelligence sources`` -> anonymous; ``a French Defense Ministry statement`` -> the ministry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.segment import Token

Span = tuple[int, int]

_HONORIFICS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss", "sir", "prof.", "rev.", "prof", "rev"}
)
#: what may open a role and is no part of it ("the company's chief executive" -> "chief executive")
_ROLE_OPENERS = frozenset(
    {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your"}
)
_OUTLET_WORDS = frozenset(
    {"newspaper", "newspapers", "paper", "papers", "outlet", "outlets", "agency", "network", "broadcaster",
     "channel", "magazine", "wire", "daily", "tabloid", "publication", "site", "website"}
)  # fmt: skip
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}


@dataclass
class Described:
    kind: str  # pronoun | outlet | outlet-ref | document | org-ref | group | anonymous | name
    name: str
    type: str
    role: str | None = None
    name_span: Span | None = None
    head: str = ""
    count: int = 1
    authored: bool = False  # a document whose author the mention names ("figures released by ...")
    its: bool | None = None  # what :func:`its_next` said after the mention, if it was asked


def _text(norm: str, toks: list[Token]) -> str:
    return norm[toks[0].start : toks[-1].end] if toks else ""


def describe(
    toks: list[Token], appositive: Span | None, norm: str, orig: str, lex: Lexicon, outlet_lookup
) -> Described:
    """Classify a source mention. ``toks`` are its tokens (appositive included, if any)."""
    # Cut the appositive off: the name is before the first comma.
    head_toks = toks
    role = None
    if appositive is not None:
        head_toks = [t for t in toks if t.end <= appositive[0]]
        while head_toks and head_toks[-1].text == ",":
            head_toks = head_toks[:-1]
        role = orig[appositive[0] : appositive[1]].strip(" ,")
        if role.split(" ", 1)[0].casefold() in ("who", "whose", "which"):
            role = None  # a relative clause says something about the speaker, not a role
        if not head_toks:
            head_toks = toks
    # Drop leading connectors and determiners that never belong to a name.
    while len(head_toks) > 1 and head_toks[0].low in ("and", "but", "so", "of"):
        head_toks = head_toks[1:]
    if head_toks and head_toks[-1].low.endswith("'s") and len(head_toks[-1].low) > 2:
        # "Trump's claim": the possessor without its 's
        last_tok = head_toks[-1]
        span0 = (head_toks[0].start, last_tok.end - 2)
        text0 = orig[span0[0] : span0[1]]
        if len(head_toks) == 1:
            o = outlet_lookup(text0)
            if o is not None:
                return Described("outlet", o.name, "outlet", role, span0, head=text0.casefold())
            return Described("name", text0, "person", role, span0, head=text0.casefold())
    # "Exit polls taken in South Carolina": name the document, not what modifies it;
    # "a survey by the Pew Research Center": the author after "by" is the source
    by_author: list[Token] = []
    for idx in range(min(4, len(head_toks) - 2), -1, -1):
        if head_toks[idx].low in lex.documents and (
            head_toks[idx + 1].low.endswith(("ed", "en"))
            or head_toks[idx + 1].low in ("in", "of", "by", "from", "for")
        ):
            rest = head_toks[idx + 1 :]
            if len(rest) > 2 and rest[0].low.endswith(("ed", "en")) and rest[1].low == "by":
                rest = rest[1:]  # "figures released by his ministry": the author is the source
            if rest and rest[0].low == "by":
                by_author = [t for t in rest[1:] if not (t.low in ("the", "a", "an") and not by_author)]
            head_toks = head_toks[: idx + 1]
            break
    prep_head = _prep_head(head_toks, lex, orig) if appositive is None else None
    if prep_head is not None:
        return prep_head
    words = [t.low for t in head_toks]
    last = words[-1].removesuffix("'s")
    span = (head_toks[0].start, head_toks[-1].end)
    text = orig[span[0] : span[1]]

    if len(head_toks) == 1 and (last in lex.pronouns or last in ("his", "their", "its")):
        return Described("pronoun", text, "person", role, span, head=last)

    # Outlets: "The Washington Post", "Interfax", "the Post"
    outlet = outlet_lookup(text) if head_toks[-1].cap else None
    if outlet is not None:
        return Described("outlet", outlet.name, "outlet", role, span, head=last)
    if last in lex.outlet_words and len(head_toks) >= 2 and all(t.cap for t in head_toks[1:]):
        # "the Harbour Gazette", "The Daily Ledger": a paper the registry does not know
        return Described("outlet", _strip_determiner(head_toks, orig), "outlet", role, span, head=last)
    # "the two newspapers", "the paper"
    if last in _OUTLET_WORDS and not any(t.cap for t in head_toks):
        count = 1
        for w in words:
            count = _NUMBERS.get(w, count)
        if last.endswith("s") and count == 1:
            count = 2
        return Described("outlet-ref", text, "outlet", role, span, head=last, count=count)

    # The press at large: "local media", "Iranian state media" (not one outlet to refer back to)
    if last in lex.press_words:
        return Described("group", _strip_determiner(head_toks, orig), "outlet", role, span, head=last)

    # Documents: "a French Defense Ministry statement", "the report", "a CNN poll"
    if last in lex.documents:
        if by_author and by_author[-1].cap:
            a, b = by_author[0].start, by_author[-1].end
            o = outlet_lookup(orig[a:b])
            if o is not None:
                return Described("outlet", o.name, "outlet", role, (a, b), head=last)
            return Described("name", orig[a:b], "organization", role, (a, b), head=last)
        if by_author:
            # "figures released by his ministry": the author, not whatever outlet came last
            a, b = by_author[0].start, by_author[-1].end
            author = by_author[-1].low
            if author in lex.organizations:
                return Described("org-ref", orig[a:b], "organization", role, (a, b), head=author)
            return Described("document", text, "document", role, span, head=last, authored=True)
        mods = [
            t
            for t in head_toks[:-1]
            if t.low not in ("a", "an", "the") and (t.cap or t.low not in lex.determiners)
        ]
        caps = [t for t in mods if t.cap]
        if (
            caps
            and caps[0] is head_toks[0]
            and len(caps) == 1
            and not caps[0].text.isupper()
            and outlet_lookup(caps[0].text) is None
        ):
            caps = []  # "Exit polls", "New polls": a capital that only starts the sentence
        if caps and head_toks[-1].cap and caps[-1] is head_toks[-2]:
            # "the U.S. Geological Survey": the document word ends the organisation's name
            a, b = caps[0].start, head_toks[-1].end
            o = outlet_lookup(orig[a:b])
            if o is not None:
                return Described("outlet", o.name, "outlet", role, (a, b), head=last)
            return Described("name", orig[a:b], "organization", role, (a, b), head=last)
        if caps:
            a, b = caps[0].start, caps[-1].end
            mod_text = orig[a:b].removesuffix("'s").removesuffix("\u2019s")
            o = outlet_lookup(mod_text)
            if o is not None:
                return Described("outlet", o.name, "outlet", role, (a, b), head=last)
            return Described("name", mod_text, "organization", role, (a, b), head=last)
        org_words = [t.low for t in mods if t.low in lex.organizations]
        if org_words:
            return Described(
                "org-ref",
                _strip_determiner(mods, orig),
                "organization",
                role,
                (mods[0].start, mods[-1].end),
                head=org_words[-1],
            )
        return Described("document", text, "document", role, span, head=last)

    # Groups and anonymous sources: a plural head noun ("U.S. officials", "critics")
    anon = last in lex.anonymity or (
        bool(lex.anonymity_firsts.intersection(words))
        and any(words[k : k + len(p)] == list(p) for p in lex.anonymity_phrases for k in range(len(words)))
    )
    # "Ruiz and Berg": two named people are a group, not one person
    pair = "and" in words and head_toks[0].cap and head_toks[-1].cap and len(head_toks) <= 7
    if anon or last in lex.groups or ("and" in words and any(w in lex.groups for w in words)) or pair:
        name = _strip_determiner(head_toks, orig)
        return Described(
            "anonymous" if anon else "group", name, "anonymous" if anon else "group", role, span, head=last
        )

    # A lowercase organisation reference: "the ministry", "the campaign"
    if not any(t.cap for t in head_toks) and last in lex.organizations:
        return Described("org-ref", text, "organization", role, span, head=last)

    # Names, with titles and roles in front: "Kremlin spokesman Dmitry Peskov"
    k = None
    for idx, t in enumerate(head_toks):
        if t.low in lex.roles or t.low.rstrip(".") in lex.roles:
            k = idx
    name_toks = head_toks
    if k is not None and k + 1 < len(head_toks):
        rest = head_toks[k + 1 :]
        # "Ambassador to Russia Lynne Tracy": the preposition's object belongs to the role
        if rest and rest[0].low in ("to", "of", "for", "at") and len(rest) >= 3:
            rest = rest[-2:] if len(rest) >= 3 else rest[1:]
        if rest and _name_run(rest, lex):
            name_toks = rest
            role_toks = head_toks[: len(head_toks) - len(rest)]
            while role_toks and role_toks[0].low in lex.determiners and not role_toks[0].cap:
                role_toks = role_toks[1:]
            # "agency director Dr. Samuel Osei": the honorific belongs to neither role nor name
            while role_toks and (role_toks[-1].low in _HONORIFICS or role_toks[-1].text == "."):
                role_toks = role_toks[:-1]
            if role_toks:
                role = role or orig[role_toks[0].start : role_toks[-1].end]
    elif k is not None and k == len(head_toks) - 1:
        if appositive is not None and _apposed_name(orig[appositive[0] : appositive[1]]):
            # "the company's chief executive, John Smith,": the name in apposition, the head its role
            app = orig[appositive[0] : appositive[1]].strip(" ,")
            return Described(
                "name",
                app,
                "person",
                _role_text(head_toks, orig),
                appositive,
                head=app.split()[-1].casefold(),
            )
        if head_toks[0].low in lex.indefinites:
            # "a senior official", "one aide", "another spokesman": nobody named
            return Described(
                "anonymous", _strip_determiner(head_toks, orig), "anonymous", role, span, head=last
            )
        # "the spokesman", "a White House spokesman": a role without a name
        return Described("role", _strip_determiner(head_toks, orig), "person", role or text, span, head=last)
    # "County engineer Carl Weber", "Republican consultant Chris Russell": the trailing capitalised
    # run is the name, the words before it the role.
    if name_toks is head_toks and len(head_toks) >= 2 and _name_word(head_toks[-1], lex):
        r = len(head_toks)
        while r > 0:
            t = head_toks[r - 1]
            if _name_word(t, lex) or t.text in (".", "-"):
                r -= 1
                continue
            # "Marieke de Vries", "Hendrik van der Berg": particles between name words (or opening
            # a surname: "de Vries")
            p = r - 1
            while p >= 0 and head_toks[p].low in lex.name_particles:
                p -= 1
            if p < r - 1 and (p < 0 or _name_word(head_toks[p], lex)):
                r = p + 1
                continue
            break
        lowers = [t for t in head_toks[:r] if t.word and not t.cap and t.low not in lex.determiners]
        if 0 < r < len(head_toks) and lowers:
            role_toks = head_toks[:r]
            while role_toks and role_toks[0].low in lex.determiners and not role_toks[0].cap:
                role_toks = role_toks[1:]
            if role_toks:
                role = role or orig[role_toks[0].start : role_toks[-1].end]
            name_toks = head_toks[r:]
    # "another Twitter user, Johanna Bayer": a described head with a name in apposition
    if (
        appositive is not None
        and not any(t.cap for t in name_toks if t.low not in lex.determiners)
        or (appositive is not None and not _looks_named(name_toks, lex))
        or (appositive is not None and _prep_head(head_toks, lex, orig) is not None)
    ):
        app = orig[appositive[0] : appositive[1]].strip(" ,")
        words = app.split()
        if words and 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            return Described(
                "name", app, "person", orig[span[0] : span[1]], appositive, head=words[-1].casefold()
            )
    kept = []
    for t in name_toks:
        if t.low in _HONORIFICS or (t.text == "." and kept == []):
            continue
        kept.append(t)
    name_toks = kept or name_toks
    while (
        len(name_toks) > 1
        and name_toks[0].low in lex.determiners
        and not (name_toks[0].cap and name_toks[0].low not in ("the", "a", "an"))
    ):
        name_toks = name_toks[1:]
    nspan = (name_toks[0].start, name_toks[-1].end)
    name = orig[nspan[0] : nspan[1]]
    if name[:4] in ("The ", "the "):
        name = name[4:]
        nspan = (nspan[0] + 4, nspan[1])
    low_words = {t.low.removesuffix("'s") for t in name_toks}
    its = None
    if (
        low_words & lex.organizations
        or name.casefold() in lex.countries
        or _acronym(name)
        or (role is not None and _role_head(role) in lex.organizations)
    ):
        # "ECT", "shipping group Maersk", "Maersk, the shipping group,": an organisation
        typ = "organization"
    elif len(name_toks) == 1 and (its := its_next(norm, toks[-1].end)):
        typ = "organization"  # "Medivax said its trial would resume": a person is never "its"
    else:
        typ = "person"
    return Described("name", name, typ, role, nspan, head=last, its=its)


#: a white-space-delimited word that is one of those once stripped of these marks, found by one
#: search rather than a loop over every word; a near miss (it matches ignoring case but does not
#: casefold to one of them) is passed over
_PRONOUN_WORD = re.compile(
    r"(?<!\S)[,;:\"'\u201c\u201d]*(his|her|their|he|she|they|him|them|its|itself)[,;:\"'\u201c\u201d]*(?!\S)",
    re.IGNORECASE,
)


def its_next(norm: str, end: int) -> bool:
    """Is the first possessive after ``end``, in the rest of its sentence, "its" (not "his",
    "her" or "their")? A one-word name that "its" refers back to is an organisation."""
    rest = norm[end : end + 240]
    stop = min((k for k in (rest.find(". "), rest.find("\n")) if k >= 0), default=len(rest))
    for m in _PRONOUN_WORD.finditer(rest[:stop]):
        w = m.group(1).casefold()
        if w in ("his", "her", "their", "he", "she", "they", "him", "them"):
            return False
        if w in ("its", "itself"):
            return True
    return False


def _name_word(t: Token, lex: Lexicon) -> bool:
    """A capitalised word of a name, or a particle joined to one by a hyphen ("al-Masri")."""
    if t.cap:
        return True
    head, dash, rest = t.text.partition("-")
    return bool(dash) and rest[:1].isupper() and head.casefold() in lex.name_particles


def _name_run(toks: list[Token], lex: Lexicon) -> bool:
    """Are ``toks`` a name: name words, dots and hyphens, particles between ("Yusuf bin Tariq")?"""
    last = len(toks) - 1
    for i, t in enumerate(toks):
        if _name_word(t, lex) or t.text in ("'s", ".", "-"):
            continue
        if 0 < i < last and t.low in lex.name_particles:
            continue
        return False
    return True


def _apposed_name(app: str) -> bool:
    """A person's name in apposition: one to four words, each capitalised or a short particle."""
    words = app.strip(" ,").split()
    return (
        1 <= len(words) <= 4
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and all(w[:1].isupper() or (w.islower() and len(w) <= 4) for w in words)
        and not _acronym(app.strip(" ,"))
    )


def _acronym(name: str) -> bool:
    """'ECT', 'NATO', 'U.N.': one word of capitals (an organisation's initials, not a person)."""
    letters = name.replace(".", "").replace("&", "")
    return " " not in name and 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _role_head(role: str) -> str:
    """The head noun of a role: its last word before any preposition ("head of the agency" -> head)."""
    words = role.strip(" ,").casefold().split()
    for k, w in enumerate(words):
        if k > 0 and (w in _PREPS or w in ("who", "which", "that", "whose") or w.endswith(",")):
            words = words[: k + 1 if w.endswith(",") else k]
            break
    return words[-1].removesuffix("'s").rstrip(",") if words else ""


def _role_text(toks: list[Token], orig: str) -> str:
    """A role without what opens it: "The company's chief executive" -> "chief executive"."""
    k = 0
    for i, t in enumerate(toks[:-1]):
        if t.low.endswith("'s"):
            k = i + 1
    toks = toks[k:]
    while len(toks) > 1 and toks[0].low in _ROLE_OPENERS:
        toks = toks[1:]
    return orig[toks[0].start : toks[-1].end]


def _looks_named(toks: list[Token], lex: Lexicon) -> bool:
    """A proper name: capitalised words, not just a capitalised modifier of a common noun."""
    return bool(toks) and toks[-1].cap


_PREPS = frozenset({"of", "for", "in", "from", "at", "on", "with", "to", "behind", "by", "under", "based"})


def _prep_head(toks: list[Token], lex: Lexicon, orig: str) -> Described | None:
    """'voters in Iowa', 'a spokesman for Weber', 'one of the prosecutors for Petraeus': a common
    noun head before a preposition is the source, not the name in the prepositional object."""
    p = next((k for k, t in enumerate(toks) if t.low in _PREPS), None)
    if p is None or p == 0 or p == len(toks) - 1:
        return None
    head = toks[:p]
    if len(head) >= 2 and head[-1].low.endswith("ing") and not head[-1].cap:
        head = head[:-1]  # "a dock worker talking to Harbor Radio": the noun before the participle
    elif len(head) >= 2 and head[-1].low in ("close", "closest", "familiar", "near", "loyal"):
        head = head[:-1]  # "a source close to the talks": the noun before the adjective
    for k, t in enumerate(head):
        if t.cap and not (
            k == 0
            and (
                t.low in lex.determiners
                or t.low in lex.groups
                or t.low in lex.quantities
                or t.low in lex.anonymity
                or t.low.endswith("men")  # "Fishermen in Lewes" opening a sentence
            )
        ):
            return None
    last = head[-1].low
    known = lex.roles | lex.groups | lex.anonymity | lex.quantities | lex.organizations
    if (
        last not in known
        and last.rstrip(".") not in lex.roles
        and not (last.endswith("s") and not last.endswith("ss"))
        and not last.endswith("men")
    ):
        return None
    first = 1 if toks[0].low in ("the", "a", "an") else 0
    orig_text = orig[toks[first].start : toks[-1].end]
    span = (toks[0].start, toks[-1].end)
    if last in lex.roles or last.rstrip(".") in lex.roles:
        if toks[0].low in lex.indefinites:  # "an aide to the president": nobody named
            return Described("anonymous", orig_text, "anonymous", None, span, head=last)
        return Described("role", orig_text, "person", orig_text, span, head=last)
    if last in lex.organizations and not last.endswith("s"):
        return Described("org-ref", orig_text, "organization", None, span, head=last)
    anon = last in lex.anonymity
    return Described(
        "anonymous" if anon else "group", orig_text, "anonymous" if anon else "group", None, span, head=last
    )


def _strip_determiner(toks: list[Token], orig: str) -> str:
    while len(toks) > 1 and toks[0].low in ("the", "a", "an", "some", "several", "many", "most"):
        toks = toks[1:]
    return orig[toks[0].start : toks[-1].end]
