"""Export a store for analysis: one row per claim, per recorded change or per revision, as
Parquet, JSON Lines or CSV (``attribtrack export``).

The columns of each table are declared here, once (:data:`TABLES`): their order, their type and
what they mean. The Parquet schema is built from them (:func:`arrow_schema`), the CSV header is
their names, a JSON Lines row has exactly these keys, and the README's column table is this
declaration. A column is only ever added at the end; a meaning never changes (the schema name,
``attribtrack.export.claims/1``, is in the Parquet file's metadata).

Rows come in a stable order: documents by id (or as named), revisions oldest first, claims in the
order of the text, changes by revision pair and sequence. Claims are the store's cached
extraction of each revision's text, or extracted now (in worker processes with ``jobs``; the
cache is then written by this process). The output file is written beside its final name and
renamed into place at the end, so an error never leaves a half-written export behind.

pyarrow (extra ``scale``) is imported only for Parquet.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attribtrack.errors import AttribtrackError, InputError, NotFoundError, UsageError

if TYPE_CHECKING:
    from attribtrack.models import Claims
    from attribtrack.store import DocumentInfo, RevisionInfo, Store

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "arrow_schema",
    "claim_rows",
    "columns_markdown",
    "export",
    "format_for",
]

FORMATS = ("parquet", "jsonl", "csv")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
#: Rows per Parquet row group (and per batch held in memory).
ROW_GROUP = 50_000


@dataclass(frozen=True)
class Column:
    """One column: its name, its type (``string``, ``int32``, ``int64``, ``date32``,
    ``list<string>``, ``list<span>``: a list of {start, end}), whether it may be null, and what it
    means."""

    name: str
    type: str
    doc: str
    nullable: bool = True


_DOC = Column("document", "string", "document id", nullable=False)
_REVISION = Column("revision", "int32", "revision number (1, 2, ...)", nullable=False)
_OUTLET = Column("outlet", "string", "the document's outlet (canonical name)")
_PUBLISHED = Column("published", "string", "publication date or time, ISO 8601, as given")
_PUBLISHED_DATE = Column("published_date", "date32", "the date part of `published`")

CLAIMS: tuple[Column, ...] = (
    _DOC,
    _REVISION,
    Column("sha256", "string", "sha256 of the revision's text", nullable=False),
    _OUTLET,
    _PUBLISHED,
    _PUBLISHED_DATE,
    Column("title", "string", "the revision's (or document's) title"),
    Column("claim", "string", "claim id within the revision (c1, c2, ...)", nullable=False),
    Column("kind", "string", "direct, indirect, mixed or unattributed", nullable=False),
    Column("source", "string", "the source's canonical name (pronouns and surnames resolved)"),
    Column("source_mention", "string", "the words naming the source at this claim"),
    Column("source_type", "string", "person, organization, outlet, group, anonymous or document"),
    Column("source_role", "string", 'the source\'s role ("Kremlin spokesman")'),
    Column("cue", "string", 'the attributing words ("said", "did not say", "according to")'),
    Column("cue_class", "string", "speech, writing, cognition, intention, evidence, stance or according"),
    Column("via", "list<string>", "outlets and channels it came through (names)"),
    Column("confirmed_by", "list<string>", "who confirmed it (names)"),
    Column("confirmations", "int32", "number of confirmations", nullable=False),
    Column("hedges", "list<string>", 'hedges ("without evidence", "allegedly")'),
    Column("date", "string", "the date the claim mentions, as written"),
    Column("text", "string", "the claim's sentence(s)", nullable=False),
    Column("content", "string", "the content (what was said); parts of a split quote joined by ' … '"),
    Column("start", "int32", "claim span start (character offset into the revision's text)", nullable=False),
    Column("end", "int32", "claim span end (exclusive)", nullable=False),
    Column("content_spans", "list<span>", "span of each content part"),
    Column("source_start", "int32", "source mention span start"),
    Column("source_end", "int32", "source mention span end"),
    Column("cue_start", "int32", "cue span start"),
    Column("cue_end", "int32", "cue span end"),
    Column("extractor", "string", "extractor version that produced the claims", nullable=False),
)

CHANGES: tuple[Column, ...] = (
    Column("id", "string", "stable id DOC@FROM..TO#SEQ", nullable=False),
    _DOC,
    _OUTLET,
    Column("title", "string", "the document's title"),
    Column("from_revision", "int32", "the older revision", nullable=False),
    Column("to_revision", "int32", "the newer revision", nullable=False),
    Column("seq", "int32", "order of the change within the pair", nullable=False),
    Column("type", "string", "change type (quote-altered, attribution-dropped, ...)", nullable=False),
    Column("old_claim", "string", "claim id in the older revision"),
    Column("new_claim", "string", "claim id in the newer revision"),
    Column("detail", "string", "one-line description", nullable=False),
    Column("data", "string", "structured detail, JSON", nullable=False),
    Column("detected_at", "string", "when it was recorded, ISO 8601 UTC", nullable=False),
)

REVISIONS: tuple[Column, ...] = (
    _DOC,
    _REVISION,
    Column("sha256", "string", "sha256 of the text", nullable=False),
    Column("kind", "string", "article or source", nullable=False),
    _OUTLET,
    Column("title", "string", "the revision's (or document's) title"),
    Column("url", "string", "where the document is published"),
    _PUBLISHED,
    _PUBLISHED_DATE,
    Column("ingested_at", "string", "when it was stored, ISO 8601 UTC", nullable=False),
    Column("bytes", "int64", "size of the text in UTF-8 bytes", nullable=False),
    Column("chars", "int64", "length of the text in characters (span units)", nullable=False),
    Column("claims", "int32", "claims in the cached extraction (null: never extracted)"),
)

#: --what -> its columns.
TABLES: dict[str, tuple[Column, ...]] = {"claims": CLAIMS, "changes": CHANGES, "revisions": REVISIONS}
SCHEMA_VERSION = 1


def arrow_schema(what: str) -> Any:
    """The pyarrow schema of the ``what`` table (see :data:`TABLES`)."""
    pa = _pyarrow()
    span = pa.struct(
        [pa.field("start", pa.int32(), nullable=False), pa.field("end", pa.int32(), nullable=False)]
    )
    # List items are named "element", as Parquet names them: the schema read back is this one.
    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "date32": pa.date32(),
             "list<string>": pa.list_(pa.field("element", pa.string())),
             "list<span>": pa.list_(pa.field("element", span))}  # fmt: skip
    fields = [pa.field(c.name, types[c.type], nullable=c.nullable) for c in TABLES[what]]
    return pa.schema(fields, metadata={"attribtrack.schema": f"attribtrack.export.{what}/{SCHEMA_VERSION}"})


def columns_markdown(what: str) -> str:
    """The README's table of the ``what`` columns."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for c in TABLES[what]:
        lines.append(f"| `{c.name}` | `{c.type}`{'' if c.nullable else ', not null'} | {c.doc} |")
    return "\n".join(lines) + "\n"


def format_for(path: str, fmt: str | None) -> str:
    """``--format``, or the one the output file's suffix names."""
    if fmt is not None:
        return fmt
    found = _SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise UsageError(f"cannot tell the format of {path!r}", hint="pass --format parquet|jsonl|csv")
    return found


# --- rows ------------------------------------------------------------------------------------


def _published_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def claim_rows(
    claims: Claims, *, outlet: str | None, published: str | None, extractor: str
) -> list[dict[str, Any]]:
    """The rows of one revision's claims (:data:`CLAIMS`)."""
    doc = claims.document
    rows = []
    for c in claims.claims:
        source, cue = c.source, c.cue
        rows.append({
            "document": doc.id, "revision": doc.revision, "sha256": doc.sha256, "outlet": outlet,
            "published": published, "published_date": _published_date(published), "title": doc.title,
            "claim": c.id, "kind": c.kind,
            "source": source.name if source else None, "source_mention": source.mention if source else None,
            "source_type": source.type if source else None, "source_role": source.role if source else None,
            "cue": cue.text if cue else None, "cue_class": cue.class_ if cue else None,
            "via": [r.name for r in c.via], "confirmed_by": [r.name for r in c.confirmed_by],
            "confirmations": len(c.confirmed_by), "hedges": [h.text for h in c.hedges],
            "date": c.date.text if c.date else None, "text": c.text,
            "content": " \u2026 ".join(p.text for p in c.content) if c.content else None,
            "start": c.span[0], "end": c.span[1],
            "content_spans": [{"start": p.span[0], "end": p.span[1]} for p in c.content],
            "source_start": source.span[0] if source else None,
            "source_end": source.span[1] if source else None,
            "cue_start": cue.span[0] if cue else None, "cue_end": cue.span[1] if cue else None,
            "extractor": extractor,
        })  # fmt: skip
    return rows


def _revision_row(doc: DocumentInfo, r: RevisionInfo) -> dict[str, Any]:
    return {
        "document": doc.id, "revision": r.number, "sha256": r.sha256, "kind": doc.kind, "outlet": doc.outlet,
        "title": r.title or doc.title, "url": doc.url, "published": r.published_at,
        "published_date": _published_date(r.published_at), "ingested_at": r.ingested_at, "bytes": r.size,
        "chars": r.chars, "claims": r.claims,
    }  # fmt: skip


def _change_row(e: Any) -> dict[str, Any]:
    return {
        "id": e.id, "document": e.document, "outlet": e.outlet, "title": e.title,
        "from_revision": e.from_revision, "to_revision": e.to_revision, "seq": e.seq, "type": e.type,
        "old_claim": e.old_claim, "new_claim": e.new_claim, "detail": e.detail,
        "data": json.dumps(e.data, sort_keys=True, ensure_ascii=False), "detected_at": e.detected_at,
    }  # fmt: skip


# --- which revisions -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Selected:
    document: DocumentInfo
    revisions: tuple[RevisionInfo, ...]


def _select(store: Store, targets: Sequence[str]) -> list[_Selected]:
    """DOC (every revision), DOC@N / DOC@-N (that one); nothing: every document, by id."""
    if not targets:
        return [_Selected(d, tuple(store.revisions(d.id))) for d in store.documents()]
    out = []
    for target in targets:
        doc_id, at, spec = target.partition("@")
        if not store.has_document(doc_id):
            raise NotFoundError(f"{target}: no such stored document")
        revisions = store.revisions(doc_id)
        if at:
            number = store.revision(doc_id, spec).number  # unknown revision: NotFoundError
            revisions = [r for r in revisions if r.number == number]
        out.append(_Selected(store.document(doc_id), tuple(revisions)))
    return out


# --- claims of many revisions, in worker processes -------------------------------------------


@dataclass(frozen=True)
class _Job:
    store: str | None
    document: str
    number: int
    outlet: str | None
    title: str | None


_WORKER_STORES: dict[str | None, Any] = {}


def _worker_store(location: str | None) -> Any:
    """One connection per worker process (and per store), opened at its first job."""
    if location not in _WORKER_STORES:
        from attribtrack.store import open_store

        _WORKER_STORES[location] = open_store(location)
    return _WORKER_STORES[location]


def _claims_job(job: _Job) -> tuple[list[dict[str, Any]], tuple[str, str, str] | None] | Any:
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.parallel import Failure, claims_from_store
    from attribtrack.targets import Loaded

    try:
        st = _worker_store(job.store)
        rev = st.revision(job.document, job.number)
        loaded = Loaded(
            text=rev.text, label=rev.ref, sha256=rev.sha256, document=job.document, revision=rev.number,
            title=rev.title or job.title, published=rev.published_at,
        )  # fmt: skip
        claims, entry = claims_from_store(loaded, st)
    except AttribtrackError as exc:
        return Failure.of(exc)
    return claim_rows(
        claims, outlet=job.outlet, published=rev.published_at, extractor=EXTRACTOR_VERSION
    ), entry


def _claim_rows_of(
    location: str | None, selected: list[_Selected], jobs: int | None
) -> Iterator[dict[str, Any]]:
    from attribtrack.parallel import CacheWriter, Failure, map_ordered, workers_for

    todo = [
        _Job(location, s.document.id, r.number, s.document.outlet, s.document.title)
        for s in selected
        for r in s.revisions
    ]
    writer = CacheWriter(location)
    try:
        for got in map_ordered(_claims_job, todo, jobs=jobs):
            if isinstance(got, Failure):
                raise got.error()
            rows, entry = got
            if entry is not None:
                writer.put(*entry)
            yield from rows
    finally:
        writer.close()
        if not workers_for(jobs, len(todo)):  # in this process: close what the jobs opened
            for st in _WORKER_STORES.values():
                st.close()
            _WORKER_STORES.clear()


# --- writers ---------------------------------------------------------------------------------


def _jsonl(rows: Iterable[dict[str, Any]], fh: Any) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")
        n += 1
    return n


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _csv(rows: Iterable[dict[str, Any]], fh: Any, columns: tuple[Column, ...]) -> int:
    out = csv.writer(fh, lineterminator="\n")
    names = [c.name for c in columns]
    out.writerow(names)
    n = 0
    for row in rows:
        out.writerow([_csv_cell(row[name]) for name in names])
        n += 1
    return n


def _parquet(rows: Iterable[dict[str, Any]], path: str, what: str) -> int:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    schema = arrow_schema(what)
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or not n:  # an empty export is still a file with the schema
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise UsageError(
            f"--format parquet needs pyarrow ({exc})", hint="pip install 'attribtrack[scale]'"
        ) from None
    return pyarrow


@contextlib.contextmanager
def _atomic(path: str) -> Iterator[str]:
    """A temporary file beside ``path``, renamed to it when the block succeeds, removed if not
    (an earlier file at ``path`` stays as it was). Permissions are the umask's, as for open()."""
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise NotFoundError(f"{path}: no such directory {str(directory)!r}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        os.close(fd)
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --- the command -----------------------------------------------------------------------------


def export(
    store: str | None,
    targets: Sequence[str],
    *,
    what: str,
    output: str,
    fmt: str | None = None,
    jobs: int | None = 1,
) -> tuple[int, str]:
    """Write the ``what`` rows of ``targets`` (DOC, DOC@N; none: every document) to ``output``;
    returns (rows written, format). See the module docstring."""
    from attribtrack.store import open_store

    if what not in TABLES:
        raise UsageError(f"unknown table {what!r} (one of {', '.join(TABLES)})")
    fmt = format_for(output, fmt)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        _pyarrow()  # before anything is read
    with open_store(store) as st:  # closed before any worker starts: no connection crosses a fork
        selected = _select(st, targets)
        if what == "revisions":
            rows: Iterable[dict[str, Any]] = [
                _revision_row(s.document, r) for s in selected for r in s.revisions
            ]
        elif what == "changes":
            rows = [_change_row(e) for e in _changes(st, selected, bool(targets))]
    if what == "claims":
        rows = _claim_rows_of(store, selected, jobs)
    with _atomic(output) as tmp:
        if fmt == "parquet":
            n = _parquet(rows, tmp, what)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                n = _jsonl(rows, fh) if fmt == "jsonl" else _csv(rows, fh, TABLES[what])
    return n, fmt


def _changes(st: Store, selected: list[_Selected], named: bool) -> list[Any]:
    records = []
    for s in selected if named else [None]:
        got = st.changes(s.document.id if s else None)
        if s is not None:
            numbers = {r.number for r in s.revisions}
            got = [e for e in got if e.to_revision in numbers]
        records.extend(sorted(got, key=lambda e: (e.document, e.from_revision, e.to_revision, e.seq)))
    return records
