"""What the pages and the API show, computed from the store and the library (no web framework).

The store is opened per request (in the worker thread that serves it) and closed at once, so no
SQLite connection crosses threads. Claims come from the store's extraction cache when present,
otherwise they are extracted in memory (kept in a small LRU); the store is never written.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from attribtrack.compare.model import RevisionDiff
from attribtrack.models import Claims, DocumentRef

_LRU_SIZE = 256
_lru: OrderedDict[tuple[str, ...], Any] = OrderedDict()
_lock = threading.Lock()


def _cached(key: tuple[str, ...], make: Any) -> Any:
    with _lock:
        if key in _lru:
            _lru.move_to_end(key)
            return _lru[key]
    value = make()
    with _lock:
        _lru[key] = value
        while len(_lru) > _LRU_SIZE:
            _lru.popitem(last=False)
    return value


class Reader:
    """Read-only access to one store (path or URL, as ``--store``; None: found upward)."""

    def __init__(self, store: str | None) -> None:
        self.store = store

    @contextmanager
    def open(self) -> Iterator[Any]:
        from attribtrack.store import open_store

        st = open_store(self.store)
        try:
            yield st
        finally:
            st.close()

    # -- claims

    def claims(self, st: Any, rev: Any) -> Claims:
        from attribtrack.extractor import EXTRACTOR_VERSION

        doc = DocumentRef(id=rev.document, revision=rev.number, sha256=rev.sha256, title=rev.title)

        def make() -> Claims:
            from attribtrack.extractor.cache import parse_cached

            raw = st.cached_claims(rev.sha256, EXTRACTOR_VERSION)
            hit = None if raw is None else parse_cached(raw)
            if hit is not None:
                return hit
            from attribtrack.extractor.pipeline import extract

            return extract(rev.text, document=doc, published=rev.published_at)

        claims: Claims = _cached(("claims", rev.sha256, EXTRACTOR_VERSION), make)
        return claims.model_copy(update={"document": doc})

    # -- pages' data

    def documents(self, q: str = "", outlet: str = "", source: str = "") -> list[dict[str, Any]]:
        q, outlet, source = q.strip().lower(), outlet.strip().lower(), source.strip().lower()
        out = []
        with self.open() as st:
            for d in st.documents():
                if q and q not in (d.title or "").lower() and q not in d.id.lower():
                    continue
                if outlet and outlet not in (d.outlet or "").lower():
                    continue
                revs = st.revisions(d.id)
                sources: list[str] = []
                if source:
                    if not revs:
                        continue
                    claims = self.claims(st, st.revision(d.id))
                    sources = sorted({c.source.name for c in claims.claims if c.source})
                    if not any(source in s.lower() for s in sources):
                        continue
                row = d.to_dict()
                row["revisions"] = len(revs)
                row["latest"] = revs[-1].ingested_at if revs else None
                out.append(row)
        return out

    def timeline(self, doc_id: str) -> dict[str, Any]:
        with self.open() as st:
            document = st.document(doc_id)
            infos = st.revisions(doc_id)
            revs = [st.revision(doc_id, r.number) for r in infos]
            claims = [self.claims(st, r) for r in revs]
        rows = []
        for i, (info, cl) in enumerate(zip(infos, claims, strict=True)):
            row = info.to_dict()
            row["claims"] = len(cl.claims)
            row["changes"] = {}
            if i:
                rd = self._diff(revs[i - 1], revs[i], claims[i - 1], cl)
                row["changes"] = rd.summary()
            rows.append(row)
        return {"document": document.to_dict(), "revisions": rows}

    def _diff(self, a: Any, b: Any, ca: Claims, cb: Claims) -> RevisionDiff:
        from attribtrack.compare import Side
        from attribtrack.compare import diff as compare

        def make() -> RevisionDiff:
            return compare(
                a.text, b.text, old_claims=ca, new_claims=cb,
                old_side=Side(label=a.ref, sha256=a.sha256, document=a.document, revision=a.number),
                new_side=Side(label=b.ref, sha256=b.sha256, document=b.document, revision=b.number),
            )  # fmt: skip

        result: RevisionDiff = _cached(("diff", a.document, str(a.number), b.sha256, a.sha256), make)
        return result

    def diff(self, doc_id: str, old: int, new: int) -> tuple[Any, RevisionDiff, Claims, Claims]:
        with self.open() as st:
            document = st.document(doc_id)
            a, b = st.revision(doc_id, old), st.revision(doc_id, new)
            ca, cb = self.claims(st, a), self.claims(st, b)
        return document, self._diff(a, b, ca, cb), ca, cb

    def blame(self, doc_id: str) -> tuple[Any, Any, str]:
        from attribtrack.compare.history import blame

        with self.open() as st:
            document = st.document(doc_id)
            revs = [st.revision(doc_id, r.number) for r in st.revisions(doc_id)]
            history = [(r.number, r.text, self.claims(st, r)) for r in revs]
        return document, blame(doc_id, history), revs[-1].text if revs else ""

    def graph(self, doc_id: str) -> tuple[Any, Any]:
        from attribtrack.sources import graph, verify
        from attribtrack.sources.documents import from_store

        with self.open() as st:
            document = st.document(doc_id)
            rev = st.revision(doc_id)
            claims = self.claims(st, rev)
            docs = from_store(st, exclude=[doc_id])  # the ingested source documents, as `sources` does
        verification = verify(claims, rev.text, docs) if docs else None
        return document, graph(claims, verification, title=document.title or doc_id)

    def changes(self, doc_id: str | None = None, limit: int | None = 500) -> list[dict[str, Any]]:
        with self.open() as st:
            if doc_id is not None:
                st.document(doc_id)
            return [c.to_dict() for c in st.changes(doc_id, limit=limit)]


# --- the diff view: the merged text in paragraphs, claims and changes marked -------------------

ROLE_PRIORITY = {"cue": 3, "source": 2, "content": 1}


def _roles(claims: Claims, length: int) -> list[tuple[int, int, str]]:
    spans = []
    for c in claims.claims:
        for piece in c.content:
            spans.append((piece.span[0], piece.span[1], "content"))
        if c.cue is not None:
            spans.append((c.cue.span[0], c.cue.span[1], "cue"))
        if c.source is not None:
            spans.append((c.source.span[0], c.source.span[1], "source"))
    return [(max(0, s), min(length, e), r) for s, e, r in spans if s < e]


def _role_at(text: str, start: int, end: int, roles: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(role or "", piece) runs of text[start:end]."""
    cuts = {start, end}
    for s, e, _ in roles:
        if s < end and e > start:
            cuts.update({max(s, start), min(e, end)})
    points = sorted(cuts)
    out: list[tuple[str, str]] = []
    for lo, hi in zip(points, points[1:], strict=False):
        best = ""
        for s, e, r in roles:
            if s <= lo and e >= hi and ROLE_PRIORITY[r] > ROLE_PRIORITY.get(best, 0):
                best = r
        if out and out[-1][0] == best:
            out[-1] = (best, out[-1][1] + text[lo:hi])
        else:
            out.append((best, text[lo:hi]))
    return out


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs start in ``text``: each line that follows a line break and is not
    blank (news texts put one paragraph on a line; blank lines between them join the one before)."""
    starts = [0]
    for m in re.finditer(r"\n(?=[^\r\n])", text):
        starts.append(m.end())
    return starts


def _new_position(rd: RevisionDiff, old_offset: int) -> int:
    for op in rd.ops:
        if op.old[0] <= old_offset < op.old[1] or (op.old[0] == op.old[1] == old_offset):
            return op.new[0] + (old_offset - op.old[0] if op.op == "equal" else 0)
    return len(rd.new_text)


def diff_view(rd: RevisionDiff, old: Claims, new: Claims) -> dict[str, Any]:
    """Paragraphs of the merged view (``[{id, pieces: [(kind, role, text)], changes}]``) and the
    change table rows (``{type, detail, paragraph, line}``)."""
    from attribtrack.compare.hunks import change_line, one_line

    starts = paragraph_starts(rd.new_text)
    paras: list[dict[str, Any]] = [
        {"id": f"p{i + 1}", "pieces": [], "changes": []} for i in range(len(starts))
    ]
    new_roles, old_roles = _roles(new, len(rd.new_text)), _roles(old, len(rd.old_text))

    def para_of(new_pos: int) -> int:
        return max(0, bisect_right(starts, new_pos) - 1)

    ops = rd.ops or ()
    if not ops and rd.identical:
        from attribtrack.compare.model import WordOp

        ops = (WordOp(op="equal", old=(0, len(rd.old_text)), new=(0, len(rd.new_text)), text=rd.new_text),)
    for op in ops:
        if op.op == "delete":
            k = para_of(op.new[0])
            for role, piece in _role_at(rd.old_text, op.old[0], op.old[1], old_roles):
                paras[k]["pieces"].append(("delete", role, piece))
            continue
        lo, hi = op.new
        while lo < hi:
            k = para_of(lo)
            end = min(hi, starts[k + 1]) if k + 1 < len(starts) else hi
            for role, piece in _role_at(rd.new_text, lo, end, new_roles):
                paras[k]["pieces"].append((op.op, role, piece))
            lo = end
    rows = []
    for n, change in enumerate(rd.changes, 1):
        if change.new_claim is not None:
            k = para_of(change.new_claim.span[0])
        else:
            assert change.old_claim is not None
            k = para_of(_new_position(rd, change.old_claim.span[0]))
        in_new, line = change_line(rd, change)
        row = {"n": n, "type": change.type, "detail": one_line(change.detail), "paragraph": paras[k]["id"],
               "line": line if in_new else f"old {line}"}  # fmt: skip
        paras[k]["changes"].append(row)
        rows.append(row)
    for p in paras:  # blank lines between paragraphs are the stylesheet's job
        if p["pieces"]:
            kind, role, text = p["pieces"][-1]
            p["pieces"][-1] = (kind, role, text.rstrip("\r\n"))
    return {"paragraphs": [p for p in paras if any(t.strip() for _, _, t in p["pieces"])], "changes": rows}
