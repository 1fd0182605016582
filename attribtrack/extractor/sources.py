"""What a source mention is: its name, role and type, before resolution to an entity.

``Kremlin spokesman Dmitry Peskov`` -> name "Dmitry Peskov", role "Kremlin spokesman", person;
``Sergei Naryshkin, head of Russia's SVR`` -> name + appositive role; ``U.S. officials`` -> group;
``intelligence sources`` -> anonymous; ``a French Defense Ministry statement`` -> the ministry.
"""

from __future__ import annotations

from dataclasses import dataclass

from attribtrack.extractor.lexicon import Lexicon
from attribtrack.extractor.segment import Token

Span = tuple[int, int]

_HONORIFICS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss", "sir", "prof.", "rev."}
)
_OUTLET_WORDS = frozenset(
    {
        "newspaper",
        "newspapers",
        "paper",
        "papers",
        "outlet",
        "outlets",
        "agency",
        "network",
        "broadcaster",
        "channel",
        "magazine",
        "wire",
        "daily",
        "tabloid",
        "publication",
        "site",
        "website",
    }
)
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
    # "the two newspapers", "the paper"
    if last in _OUTLET_WORDS and not any(t.cap for t in head_toks):
        count = 1
        for w in words:
            count = _NUMBERS.get(w, count)
        if last.endswith("s") and count == 1:
            count = 2
        return Described("outlet-ref", text, "outlet", role, span, head=last, count=count)

    # Documents: "a French Defense Ministry statement", "the report", "a CNN poll"
    if last in lex.documents:
        if by_author and by_author[-1].cap:
            a, b = by_author[0].start, by_author[-1].end
            o = outlet_lookup(orig[a:b])
            if o is not None:
                return Described("outlet", o.name, "outlet", role, (a, b), head=last)
            return Described("name", orig[a:b], "organization", role, (a, b), head=last)
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
    if anon or last in lex.groups or ("and" in words and any(w in lex.groups for w in words)):
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
        if rest and all(t.cap or t.text in ("'s", ".", "-") for t in rest):
            name_toks = rest
            role_toks = head_toks[: len(head_toks) - len(rest)]
            role_toks = [t for t in role_toks]
            while role_toks and role_toks[0].low in lex.determiners and not role_toks[0].cap:
                role_toks = role_toks[1:]
            if role_toks and not all(t.low in _HONORIFICS for t in role_toks):
                role = role or orig[role_toks[0].start : role_toks[-1].end]
    elif k is not None and k == len(head_toks) - 1:
        # "the spokesman", "a White House spokesman": a role without a name
        return Described("role", _strip_determiner(head_toks, orig), "person", role or text, span, head=last)
    # "County engineer Carl Weber", "Republican consultant Chris Russell": the trailing capitalised
    # run is the name, the words before it the role.
    if name_toks is head_toks and len(head_toks) >= 2 and head_toks[-1].cap:
        r = len(head_toks)
        while r > 0 and (head_toks[r - 1].cap or head_toks[r - 1].text in (".", "-")):
            r -= 1
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
    if low_words & lex.organizations or name.casefold() in lex.countries:
        typ = "organization"
    else:
        typ = "person"
    return Described("name", name, typ, role, nspan, head=last)


def _looks_named(toks: list[Token], lex: Lexicon) -> bool:
    """A proper name: capitalised words, not just a capitalised modifier of a common noun."""
    return bool(toks) and toks[-1].cap


_PREPS = frozenset({"of", "for", "in", "from", "at", "on", "with", "to"})


def _prep_head(toks: list[Token], lex: Lexicon, orig: str) -> Described | None:
    """'voters in Iowa', 'a spokesman for Weber', 'one of the prosecutors for Petraeus': a common
    noun head before a preposition is the source, not the name in the prepositional object."""
    p = next((k for k, t in enumerate(toks) if t.low in _PREPS), None)
    if p is None or p == 0 or p == len(toks) - 1:
        return None
    head = toks[:p]
    if len(head) >= 2 and head[-1].low.endswith("ing") and not head[-1].cap:
        head = head[:-1]  # "a dock worker talking to Harbor Radio": the noun before the participle
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
