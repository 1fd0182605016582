"""The records a store returns: small immutable NamedTuples (see the package docstring for why)."""

from __future__ import annotations

from typing import Any, NamedTuple

from attribtrack.errors import StoreError, UsageError

# NamedTuples rather than dataclasses: they are just as immutable and cost a tenth of the class
# creation time at import, which `log` (budget: 100 ms for the whole process) notices.


class DocumentInfo(NamedTuple):
    """A stored document (identity and description; its texts are in its revisions)."""

    id: str
    kind: str
    outlet: str | None
    title: str | None
    url: str | None
    speaker: str | None
    channel: str | None
    created_at: str

    def model(self) -> Any:
        """This document as :class:`attribtrack.models.Document`."""
        from attribtrack.models import Document

        return Document(
            id=self.id, kind=self.kind, outlet=self.outlet, title=self.title, url=self.url,
            speaker=self.speaker, channel=self.channel,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class RevisionInfo(NamedTuple):
    """One revision without its text: what ``log`` lists.

    ``size`` is the text's length in UTF-8 bytes, ``chars`` in characters (span units);
    ``ingested_at`` is ISO 8601 UTC (``2026-01-02T03:04:05Z``); ``published_at`` as given.
    ``claims`` is the number of claims in the most recent cached extraction of this text (any
    extractor version; None when it was never extracted) -- filled in by :meth:`Store.revisions`.
    """

    document: str
    number: int
    sha256: str
    ingested_at: str
    published_at: str | None
    title: str | None
    size: int
    chars: int
    metadata: dict[str, str]
    claims: int | None = None

    @property
    def ref(self) -> str:
        """``DOC@N``: how to name this revision as a TARGET."""
        return f"{self.document}@{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class StoredRevision(NamedTuple):
    """A revision with its text (offsets in claims and findings index this text); the fields of
    :class:`RevisionInfo` and ``text``."""

    document: str
    number: int
    sha256: str
    ingested_at: str
    published_at: str | None
    title: str | None
    size: int
    chars: int
    metadata: dict[str, str]
    text: str

    @property
    def ref(self) -> str:
        return f"{self.document}@{self.number}"

    def info(self) -> RevisionInfo:
        """This revision without its text."""
        return RevisionInfo(*self[:9])

    def model(self) -> Any:
        """This revision as :class:`attribtrack.models.Revision`."""
        from datetime import datetime

        from attribtrack.models import Revision

        return Revision(
            document=self.document, number=self.number, sha256=self.sha256, text=self.text,
            ingested_at=datetime.fromisoformat(self.ingested_at), published_at=self.published_at,
            title=self.title, metadata=self.metadata,
        )  # fmt: skip


class StoreBusy(StoreError):
    """Another writer holds the store longer than the busy timeout (exit 4). A one-off command
    fails with it; the long-running watcher logs it and tries again on its next pass."""


class OriginConflict(UsageError):
    """An id derived from a file name or URL names a document first ingested from elsewhere: two
    stories would silently become one (exit 2). ``origin`` is where the document came from."""

    def __init__(self, document: str, origin: str) -> None:
        super().__init__(f"document {document!r} already holds revisions from {origin}")
        self.document = document
        self.origin = origin


class IngestResult(NamedTuple):
    """What an ingest did. ``created`` is False when the document's latest revision has this exact
    text; ``number`` is then that revision (a text equal to an older revision only is a new one)."""

    document: str
    number: int
    sha256: str
    size: int
    created: bool

    @property
    def ref(self) -> str:
        return f"{self.document}@{self.number}"


class FetchState(NamedTuple):
    """What the watcher knows of one URL (a feed or a page). Times are ISO 8601 UTC strings;
    ``next_check`` None means the URL is no longer checked; ``settings`` is per-source
    configuration the watcher chose to remember (outlet, kind, ...)."""

    url: str
    kind: str
    document: str | None = None
    source: str | None = None
    first_seen: str = ""
    next_check: str | None = None
    last_checked: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    settings: dict[str, Any] = {}  # noqa: RUF012 -- NamedTuple default, never mutated


class ChangeEvent(NamedTuple):
    """One attribution change to record: a change type of the diff (``quote-altered``, ...), the
    claim ids on each side, the one-line detail and any structured ``data``."""

    type: str
    old_claim: str | None = None
    new_claim: str | None = None
    detail: str = ""
    data: dict[str, Any] = {}  # noqa: RUF012


class ChangeRecord(NamedTuple):
    """A stored change event, with its document's outlet and kind for filtering and feeds."""

    document: str
    from_revision: int
    to_revision: int
    seq: int
    type: str
    old_claim: str | None
    new_claim: str | None
    detail: str
    data: dict[str, Any]
    detected_at: str
    outlet: str | None
    title: str | None

    @property
    def id(self) -> str:
        """A stable identifier: ``DOC@FROM..TO#SEQ``."""
        return f"{self.document}@{self.from_revision}..{self.to_revision}#{self.seq}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self._asdict()}
