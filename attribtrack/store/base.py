"""What both backends share: the interface every store has, and the helpers its methods use.

A store's methods (ingest, document(s), revision(s), text, with_text, cached_claims, put_claims,
fetch_state(s), put_fetch_state, is_compared, record_changes, changes) are the same on every
backend; :class:`Store` is their common base, so ``isinstance(x, Store)`` and type hints hold for
either.
"""

from __future__ import annotations

import json
from typing import Any

from attribtrack.errors import NotFoundError
from attribtrack.store.records import FetchState, RevisionInfo

#: Seconds a write waits for another writer before giving up with "store is busy".
BUSY_TIMEOUT = 5.0
KINDS = ("article", "source")
_FETCH_COLUMNS = ", ".join(FetchState._fields)


class Store:
    """An open attribtrack store. Use :func:`attribtrack.store.open_store`; close it (or ``with``)."""

    #: How the store is named in messages (a path, or a URL without its password).
    location: str = ""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_REV_COLUMNS = (
    "r.document, r.number, r.sha256, r.ingested_at, r.published_at, r.title, t.size, t.chars, r.metadata"
)


def _hash(text: str, chunk: int = 1 << 20) -> tuple[str, int]:
    """sha256 and UTF-8 size of ``text``, encoded a chunk at a time (a 50 MB text never has a
    second 50 MB copy)."""
    import hashlib  # here, not at module level: `log` and `show` never hash

    digest, size = hashlib.sha256(), 0
    for start in range(0, len(text), chunk):
        data = text[start : start + chunk].encode("utf-8")
        digest.update(data)
        size += len(data)
    return digest.hexdigest(), size


#: How a file inside a git work tree names its origin: its path from the repository's root.
GIT_ORIGIN = "git:"


def same_origin(known: str, origin: str) -> tuple[bool, str]:
    """Whether a document that came from ``known`` may take a revision from ``origin``, and the
    origin to record for it from now on.

    A file in a git work tree is ``git:PATH`` (its path from the repository's root), so that the
    same story ingested from two checkouts of one newsroom repository into a shared store is one
    origin. A store written before that recorded the file's absolute path instead: an absolute
    ``known`` and ``git:PATH`` (either way round) are one origin when the absolute path ends with
    PATH, component by component (``/home/ann/news/drafts/story.txt`` and
    ``git:drafts/story.txt``) -- the one thing both say for sure is where the file stands in the
    repository, and the checkout around it is exactly what differed between two machines. Such
    a document then records ``git:PATH``, so the next ingest compares exactly. A URL, or an
    absolute path outside any repository, matches only itself.
    """
    if known == origin:
        return True, known
    relative, absolute = (origin, known) if origin.startswith(GIT_ORIGIN) else (known, origin)
    if not relative.startswith(GIT_ORIGIN) or absolute.startswith(GIT_ORIGIN) or "://" in absolute:
        return False, known
    tail = relative[len(GIT_ORIGIN) :].split("/")
    parts = absolute.replace("\\", "/").split("/")
    if len(parts) > len(tail) and parts[-len(tail) :] == tail:
        return True, relative
    return False, known


def _metadata(raw: str) -> dict[str, str]:
    return {} if raw == "{}" else json.loads(raw)  # type: ignore[no-any-return]


def _info(row: tuple[Any, ...]) -> RevisionInfo:
    return RevisionInfo(*row[:8], _metadata(row[8]))


def _fetch_state(row: tuple[Any, ...]) -> FetchState:
    return FetchState(*row[:-1], _metadata(row[-1]))


def _parse_spec(doc_id: str, spec: int | str | None) -> tuple[int, int | None]:
    """(offset from the latest, absolute number or None)."""
    if spec is None or spec == "" or spec == "latest":
        return 0, None
    try:
        n = int(spec)
    except ValueError:
        raise NotFoundError(f"unknown revision {doc_id}@{spec}", hint="use DOC, DOC@N or DOC@-N") from None
    if isinstance(spec, str) and not (spec.isascii() and spec.strip().lstrip("-").isdecimal()):  # "1_0", "٣"
        raise NotFoundError(f"unknown revision {doc_id}@{spec}", hint="use DOC, DOC@N or DOC@-N")
    if n == 0 or (isinstance(spec, str) and spec.strip() != spec):
        raise NotFoundError(f"document {doc_id!r} has no revision {spec}", hint="revisions count from 1")
    if abs(n) > 2**63 - 1:  # past any store's integer (and any document's history)
        raise NotFoundError(f"document {doc_id!r} has no revision {spec}")
    return (-n, None) if n < 0 else (0, n)
