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
    mentions: list[Span] = field(default_factory=list)
    first: int = 0


class Resolver:
    def __init__(self) -> None:
        self.entities: list[EntityDraft] = []
        self.by_key: dict[str, EntityDraft] = {}
        self.recent: list[tuple[str, EntityDraft | None, str]] = []  # (type, entity, name) in order
        self.candidates: dict[str, tuple[Span, str | None]] = {}
        self.last_reporter: EntityDraft | None = None  # the source of the last "reported" claim

    def _entity(self, name: str, typ: str, span: Span | None, role: str | None) -> EntityDraft:
        key = name.casefold()
        ent = self.by_key.get(key)
        if ent is None:
            ent = EntityDraft(name, typ, first=span[0] if span else 0)
            self.by_key[key] = ent
            self.entities.append(ent)
        if span is not None and span not in ent.mentions:
            ent.mentions.append(span)
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
                        e.mentions.append(d.name_span) if d.name_span else None
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
                ent.mentions.append(d.name_span)
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
                    ents[0].mentions.append(d.name_span) if d.name_span else None
                    return ents[0].name, "outlet", ents[0]
                return " and ".join(e.name for e in ents), "group", None
            return d.name, "outlet", None
        if d.kind == "org-ref":
            for typ, ent, _ in reversed(self.recent):
                if ent is not None and typ == "organization" and d.head in ent.name.casefold():
                    if d.name_span:
                        ent.mentions.append(d.name_span)
                    self._remember(typ, ent, ent.name)
                    return ent.name, "organization", ent
            ent = self._entity(_strip(d.name), "organization", d.name_span, d.role)
            self._remember("organization", ent, ent.name)
            return ent.name, "organization", ent
        if d.kind == "document":
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
            for ent in reversed(self.entities):
                eparts = ent.name.casefold().split()
                if (
                    ent.type in ("person", "organization")
                    and len(eparts) > 1
                    and (eparts[-1] == key or (ent.type == "person" and eparts[0] == key))
                ):
                    if d.name_span:
                        ent.mentions.append(d.name_span)
                    self._remember(ent.type, ent, ent.name)
                    return ent.name, ent.type, ent
            # a person named earlier outside any claim ("Carl Weber spoke ..." then "WEBER: ...")
            for cand in reversed(list(self.candidates)):
                cparts = cand.casefold().split()
                if len(cparts) > 1 and cparts[-1] == key:
                    cspan, crole = self.candidates[cand]
                    ent = self._entity(cand, "person", cspan, crole)
                    if d.name_span:
                        ent.mentions.append(d.name_span)
                    self._remember("person", ent, ent.name)
                    return ent.name, "person", ent
        ent = self._entity(name, d.type, d.name_span, d.role)
        self._remember(ent.type, ent, ent.name)
        return ent.name, ent.type, ent


def _strip(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) if words else name
