"""Resolution: every source mention to a canonical name and, for named sources, an entity.

Pronouns go to the last fitting source before them (he/she: a person; they: a group or
organisation; it: an organisation, outlet or document); surnames to the full name seen earlier
("Peskov" -> "Dmitry Peskov"); "the ministry" to the last organisation with that word in its name;
"the report" to the last outlet or document; "the two newspapers" to the last two outlets.
Groups and anonymous sources are not entities: two "officials" are not known to be the same people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from attribtrack.extractor.sources import Described

Span = tuple[int, int]


@dataclass
class EntityDraft:
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    #: a set: only the sorted distinct spans are output, and a story names its main source thousands
    #: of times (a list checked with ``in`` made long texts quadratic)
    mentions: set[Span] = field(default_factory=set)
    first: int = 0


class Resolver:
    def __init__(self) -> None:
        self.entities: list[EntityDraft] = []
        self.by_key: dict[str, EntityDraft] = {}
        self.recent: list[tuple[str, EntityDraft | None, str]] = []  # (type, entity, name) in order
        self.candidates: dict[str, tuple[Span, str | None]] = {}
        self.last_reporter: EntityDraft | None = None  # the source of the last "reported" claim
        # Indexes for the surname lookup, which would otherwise scan every entity and candidate
        # (quadratic on long texts): the latest multi-word person or organisation by last word,
        # the latest multi-word person by first word, and the candidate first added last by last word.
        self.by_last: dict[str, tuple[int, EntityDraft]] = {}
        self.by_first: dict[str, tuple[int, EntityDraft]] = {}
        self.cand_by_last: dict[str, str] = {}

    def _entity(self, name: str, typ: str, span: Span | None, role: str | None) -> EntityDraft:
        key = name.casefold()
        ent = self.by_key.get(key)
        if ent is None:
            ent = EntityDraft(name, typ, first=span[0] if span else 0)
            self.by_key[key] = ent
            n = len(self.entities)
            self.entities.append(ent)
            parts = key.split()
            if len(parts) > 1 and typ in ("person", "organization"):
                self.by_last[parts[-1]] = (n, ent)
                if typ == "person":
                    self.by_first[parts[0]] = (n, ent)
        if span is not None:
            ent.mentions.add(span)
        if role and role not in ent.roles:
            ent.roles.append(role)
        return ent

    def _last(self, types: tuple[str, ...]) -> EntityDraft | None:
        for typ, ent, name in reversed(self.recent):
            if ent is not None and typ in types:
                return ent
            if ent is None and typ == "candidate" and "person" in types:
                span, role = self.candidates[name]
                return self._entity(name, "person", span, role)
        return None

    def candidate(self, name: str, span: Span, role: str | None) -> None:
        """A person named outside any claim ("Transport Minister Ana Ruiz visited"): a pronoun may
        refer back to them; they become an entity only if one does."""
        ent = self.by_key.get(name.casefold())
        if ent is not None:
            self._remember(ent.type, ent, ent.name)
            return
        if name not in self.candidates:
            parts = name.casefold().split()
            if len(parts) > 1:
                self.cand_by_last[parts[-1]] = name
        self.candidates[name] = (span, role)
        self._remember("candidate", None, name)

    def _remember(self, typ: str, ent: EntityDraft | None, name: str) -> None:
        self.recent.append((typ, ent, name))
        if len(self.recent) > 64:
            del self.recent[:32]

    def outlets(self, count: int) -> list[EntityDraft]:
        out: list[EntityDraft] = []
        for typ, ent, _ in reversed(self.recent):
            if ent is not None and typ == "outlet" and ent not in out:
                out.append(ent)
                if len(out) == count:
                    break
        return list(reversed(out))

    def resolve(self, d: Described, mention_span: Span) -> tuple[str, str, EntityDraft | None]:
        """(canonical name, type, entity or None) for a described mention; remembers it."""
        if d.kind == "pronoun":
            if d.head in ("he", "she", "him", "her", "his"):
                ent = self._last(("person",))
            elif d.head in ("they", "them", "their"):
                last = None
                for typ, e, name in reversed(self.recent):
                    if typ in ("group", "anonymous", "organization", "outlet"):
                        last = (typ, e, name)
                        break
                if last is not None:
                    typ, e, name = last
                    if e is not None:
                        e.mentions.add(d.name_span) if d.name_span else None
                    self._remember(typ, e, name)
                    return name, typ, e
                ent = None
            elif d.head in ("it", "its"):
                ent = self._last(("organization", "outlet", "document"))
            else:
                ent = None
            if ent is None:
                return d.name, "person" if d.head in ("he", "she", "i") else "group", None
            if d.name_span:
                ent.mentions.add(d.name_span)
            self._remember(ent.type, ent, ent.name)
            return ent.name, ent.type, ent
        if d.kind == "outlet":
            ent = self._entity(d.name, "outlet", d.name_span, d.role)
            self._remember("outlet", ent, ent.name)
            return ent.name, "outlet", ent
        if d.kind == "outlet-ref":
            ents = self.outlets(d.count)
            if ents:
                if len(ents) == 1:
                    ents[0].mentions.add(d.name_span) if d.name_span else None
                    return ents[0].name, "outlet", ents[0]
                return " and ".join(e.name for e in ents), "group", None
            return d.name, "outlet", None
        if d.kind == "org-ref":
            for typ, ent, _ in reversed(self.recent):
                # "the ministry" after "the Defence Ministry"; "the group" after "shipping group Maersk"
                if (
                    ent is not None
                    and typ == "organization"
                    and (
                        d.head in ent.name.casefold()
                        or any(d.head in r.casefold().split() for r in ent.roles)
                    )
                ):
                    if d.name_span:
                        ent.mentions.add(d.name_span)
                    self._remember(typ, ent, ent.name)
                    return ent.name, "organization", ent
            ent = self._entity(_strip(d.name), "organization", d.name_span, d.role)
            self._remember("organization", ent, ent.name)
            return ent.name, "organization", ent
        if d.kind == "document":
            if d.authored:
                return d.name, "document", None
            ent = self.last_reporter if d.head in ("report", "story", "article", "account") else None
            ent = ent or self._last(("outlet", "document"))
            if ent is not None:
                return ent.name, ent.type, ent
            return d.name, "document", None
        if d.kind in ("group", "anonymous"):
            self._remember(d.type, None, d.name)
            return d.name, d.type, None
        if d.kind == "role":
            for typ, ent, _ in reversed(self.recent):
                if ent is not None and typ == "person" and any(d.head in r.casefold() for r in ent.roles):
                    return ent.name, "person", ent
            self._remember("person", None, d.name)
            return d.name, "person", None
        # A name: a surname resolves to the full name seen earlier.
        name = d.name
        parts = name.split()
        if len(parts) == 1:
            key = name.casefold().removesuffix("'s")
            # the latest entity whose last word (or a person's first word) is the surname
            hits = [h for h in (self.by_last.get(key), self.by_first.get(key)) if h is not None]
            if hits:
                ent = max(hits, key=lambda h: h[0])[1]
                if d.name_span:
                    ent.mentions.add(d.name_span)
                self._remember(ent.type, ent, ent.name)
                return ent.name, ent.type, ent
            # a person named earlier outside any claim ("Carl Weber spoke ..." then "WEBER: ...")
            cand = self.cand_by_last.get(key)
            if cand is not None:
                cspan, crole = self.candidates[cand]
                ent = self._entity(cand, "person", cspan, crole)
                if d.name_span:
                    ent.mentions.add(d.name_span)
                self._remember("person", ent, ent.name)
                return ent.name, "person", ent
        elif name.casefold() not in self.by_key:
            # "De Vries" after "Marieke de Vries": the end of a longer name seen earlier
            key = name.casefold()
            hit = self.by_last.get(key.rsplit(" ", 1)[-1])
            if hit is not None and hit[1].name.casefold().endswith(" " + key):
                ent = hit[1]
                if d.name_span:
                    ent.mentions.add(d.name_span)
                self._remember(ent.type, ent, ent.name)
                return ent.name, ent.type, ent
        ent = self._entity(name, d.type, d.name_span, d.role)
        self._remember(ent.type, ent, ent.name)
        return ent.name, ent.type, ent


def _strip(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in ("the", "a", "an", "his", "her", "its", "their"):
        words = words[1:]
    return " ".join(words) if words else name
