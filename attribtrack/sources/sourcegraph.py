"""The source graph: speakers -> the outlets and channels their words came through -> the article,
and who confirmed whom.

Edges come from the article's own words (a claim's source, ``via`` and ``confirmed_by``) and,
when a verification is given, from source documents: the outlet or channel of the document where
a quote or claim was found is a ``via`` ("Peskov via the Kremlin" from a Kremlin transcript), and
an outlet whose document states a claim ``confirmed`` it. Each edge lists its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attribtrack.models import Claim, Claims
from attribtrack.outlets import OutletRegistry, load_registry
from attribtrack.sources import link
from attribtrack.sources.model import (
    ClaimSourcing,
    Edge,
    Evidence,
    Node,
    Passage,
    SourceDoc,
    SourceGraph,
    Verification,
)

ARTICLE = "article"
_TYPE_ORDER = ("article", "outlet", "channel", "person", "organization", "group", "anonymous", "document")


class _Builder:
    def __init__(self, registry: OutletRegistry, sources: Sequence[SourceDoc]) -> None:
        self.registry = registry
        self.nodes: dict[str, Node] = {}
        self.by_key: dict[str, str] = {}  # normalised (canonical) name -> node id
        self.edges: dict[tuple[str, str, str], tuple[list[str], list[Evidence]]] = {}
        self.outlets = {link.key(d.outlet, registry) for d in sources if d.outlet}
        self.channels = {link.key(d.channel, registry) for d in sources if d.channel} - self.outlets

    def _node(self, k: str, name: str, type_: str, roles: tuple[str, ...] = ()) -> str:
        """The node named ``k`` (one node per name: "French Defense Ministry" as a speaker and as
        the statement another speaker came through is one node), created on first use."""
        found = self.by_key.get(k)
        if found is not None:
            node = self.nodes[found]
            if roles and not set(roles) <= set(node.roles):
                self.nodes[found] = node.model_copy(
                    update={"roles": tuple(dict.fromkeys(node.roles + roles))}
                )
            return found
        base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or type_
        node_id, n = base, 2
        while node_id in self.nodes or node_id == ARTICLE:
            node_id, n = f"{base}-{n}", n + 1
        self.nodes[node_id] = Node(id=node_id, name=name, type=type_, roles=roles)  # type: ignore[arg-type]
        self.by_key[k] = node_id
        return node_id

    def place(self, name: str, type_hint: str | None = None) -> str:
        """A node for what words came through: an outlet, a channel, or (a statement of) an
        organisation or person."""
        k = link.key(name, self.registry)
        if k in self.outlets:
            type_ = "outlet"
        elif k in self.channels:
            type_ = "channel"
        elif self.registry.lookup(name) is not None or type_hint == "outlet":
            type_ = "outlet"
        elif type_hint in ("person", "organization", "group", "anonymous", "document"):
            type_ = type_hint
        else:
            type_ = "channel"
        return self._node(k, link.display(name, self.registry), type_)

    def speaker(self, claim: Claim) -> str:
        src = claim.source
        assert src is not None
        if src.type == "outlet" or (src.type != "person" and self.registry.lookup(src.name) is not None):
            return self.place(src.name, "outlet")
        roles = (src.role,) if src.role else ()
        return self._node(link.key(src.name, self.registry), src.name, src.type, roles)

    def edge(self, source: str, target: str, relation: str, claim: str, evidence: Evidence) -> None:
        if source == target:
            return
        claims, evidences = self.edges.setdefault((source, target, relation), ([], []))
        if claim not in claims:
            claims.append(claim)
        if evidence not in evidences:
            evidences.append(evidence)

    def build_edges(self) -> tuple[Edge, ...]:
        out = [
            Edge(source=s, target=t, relation=r, claims=tuple(c), evidence=tuple(e))  # type: ignore[arg-type]
            for (s, t, r), (c, e) in self.edges.items()
        ]
        return tuple(sorted(out, key=lambda e: (e.source, e.relation, e.target)))

    def build_nodes(self) -> tuple[Node, ...]:
        return tuple(
            sorted(self.nodes.values(), key=lambda n: (_TYPE_ORDER.index(n.type), n.name.casefold(), n.id))
        )


def build(
    claims: Claims,
    verification: Verification | None = None,
    *,
    title: str | None = None,
    registry: OutletRegistry | None = None,
) -> SourceGraph:
    """The source graph of an article (``title`` names the article node)."""
    registry = registry if registry is not None else load_registry()
    sources = verification.sources if verification is not None else ()
    by_ref = {d.ref: d for d in sources}
    b = _Builder(registry, sources)
    article_name = title or claims.document.title or claims.document.id or "article"
    b.nodes[ARTICLE] = Node(id=ARTICLE, name=article_name, type="article")
    found_in = _found_in(verification)
    corroborated: dict[str, list[tuple[str, Passage]]] = {}
    for c in verification.corroborations if verification is not None else ():
        corroborated.setdefault(c.claim, []).append((c.outlet, c.passage))
    verdicts = verification.verdicts() if verification is not None else {}
    rows: list[ClaimSourcing] = []
    for claim in claims.claims:
        if claim.source is None or claim.kind == "unattributed":
            continue
        speaker = b.speaker(claim)
        at = Evidence(claim=claim.id, span=claim.span)
        vias: list[str] = []
        for ref in claim.via:
            node = b.place(ref.name, ref.type)
            if node != speaker and node not in vias:
                vias.append(node)
                b.edge(speaker, node, "via", claim.id, Evidence(claim=claim.id, span=ref.span or claim.span))
        for passage in found_in.get(claim.id, ()):
            doc = by_ref.get(passage.document)
            place = (doc.outlet or doc.channel) if doc is not None else None
            if not place:
                continue
            node = b.place(place)
            if node == speaker:
                b.edge(speaker, ARTICLE, "cited-by", claim.id, Evidence(claim=claim.id, passage=passage))
                continue
            if node not in vias:
                vias.append(node)
            b.edge(speaker, node, "via", claim.id, Evidence(claim=claim.id, passage=passage))
        for node in vias:
            b.edge(node, ARTICLE, "cited-by", claim.id, at)
        if not vias:
            b.edge(speaker, ARTICLE, "cited-by", claim.id, at)
        confirmed = [v for v in vias if b.nodes[v].type == "outlet"] or [speaker]
        confirmers: list[str] = []
        for ref in claim.confirmed_by:
            node = b.place(ref.name, ref.type)
            confirmers.append(node)
            for x in confirmed:
                b.edge(
                    x, node, "confirmed-by", claim.id, Evidence(claim=claim.id, span=ref.span or claim.span)
                )
        for outlet, passage in corroborated.get(claim.id, ()):
            node = b.place(outlet, "outlet")
            confirmers.append(node)
            for x in confirmed:
                b.edge(x, node, "confirmed-by", claim.id, Evidence(claim=claim.id, passage=passage))
        rows.append(
            ClaimSourcing(
                claim=claim.id,
                kind=claim.kind,
                span=claim.span,
                content=_content(claim),
                speaker=b.nodes[speaker].name,
                via=tuple(b.nodes[v].name for v in vias),
                confirmed_by=tuple(dict.fromkeys(b.nodes[c].name for c in confirmers)),
                verdict=verdicts.get(claim.id),
            )  # fmt: skip
        )
    return SourceGraph(
        document=claims.document,
        article=ARTICLE,
        nodes=b.build_nodes(),
        edges=b.build_edges(),
        claims=tuple(rows),
    )


def _found_in(verification: Verification | None) -> dict[str, list[Passage]]:
    """claim id -> the source passages where its quote or content was found."""
    out: dict[str, list[Passage]] = {}
    if verification is None:
        return out
    for q in verification.quotes:
        for seg in q.segments:
            if seg.verdict != "not-found":
                out.setdefault(q.claim, []).extend(seg.found[:1])
    for s in verification.support:
        if s.verdict == "supported" and s.passage is not None:
            out.setdefault(s.claim, []).append(s.passage)
    return out


def _content(claim: Claim) -> str:
    text = " ".join(c.text for c in claim.content) if claim.content else claim.text
    return " ".join(text.split())
