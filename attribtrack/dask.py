"""Extraction over a Dask cluster: a corpus of texts in, a Parquet table of claims out.

Dask schedules; attribtrack only supplies the function each partition runs. A corpus is a table
(Parquet or JSON Lines) with a ``text`` column and, optionally, ``document``, ``revision``,
``outlet``, ``published`` and ``title``; the result has exactly the columns of
``attribtrack export --what claims`` (:data:`attribtrack.export.CLAIMS`, the same Parquet schema),
so one DuckDB query reads either::

    from dask.distributed import Client
    from attribtrack import dask as ad

    client = Client("tcp://scheduler:8786")                 # or LocalCluster(), dask-jobqueue, k8s
    texts = ad.read_texts("s3://corpus/newsedits/*.parquet")
    ad.to_parquet(ad.extract_frame(texts), "s3://corpus/claims/")

:class:`Extractor` is what travels to the workers: a small picklable object holding options only.
The lexicons and outlet registry are loaded by the first text a worker process extracts and kept
in that process (module-level caches of :mod:`attribtrack.extractor`), so each worker loads them
once, not once per task. Rows come out in the order of the input; within a text, in the order of
its claims. A row's ``document`` is the input's, or the text's sha256 when there is none (as the
store addresses texts); ``revision`` defaults to 1.

Needs the ``scale`` extra (``dask[distributed]``, ``pyarrow``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = [
    "INPUT_COLUMNS",
    "Extractor",
    "bag_to_frame",
    "extract_bag",
    "extract_frame",
    "meta",
    "read_texts",
    "to_parquet",
]

#: Columns a corpus may have besides ``text`` (the others are ignored).
INPUT_COLUMNS = ("document", "revision", "outlet", "published", "title")


@dataclass(frozen=True)
class Extractor:
    """Texts -> claim rows (:data:`attribtrack.export.CLAIMS`). Picklable: options only; what it
    loads (lexicons) stays in the worker process that loaded it."""

    text_column: str = "text"

    def rows(self, record: Mapping[str, Any] | str) -> list[dict[str, Any]]:
        """The claim rows of one record (a mapping with the text and its metadata) or bare text."""
        from attribtrack.export import claim_rows
        from attribtrack.extractor import EXTRACTOR_VERSION, extract
        from attribtrack.models import DocumentRef
        from attribtrack.targets import sha256_text

        record = {self.text_column: record} if isinstance(record, str) else record
        text = record[self.text_column]
        if not isinstance(text, str):
            raise TypeError(f"{self.text_column!r} must be a string, not {type(text).__name__}")
        sha = sha256_text(text)
        meta = {k: _value(record.get(k)) for k in INPUT_COLUMNS}
        revision = int(meta["revision"]) if meta["revision"] is not None else 1
        published = None if meta["published"] is None else str(meta["published"])
        doc = DocumentRef(id=str(meta["document"] or sha), revision=revision, sha256=sha, title=meta["title"])
        claims = extract(text, document=doc, published=published)
        return claim_rows(claims, outlet=meta["outlet"], published=published, extractor=EXTRACTOR_VERSION)

    def __call__(self, record: Mapping[str, Any] | str) -> list[dict[str, Any]]:
        return self.rows(record)

    def frame(self, texts: pandas.DataFrame) -> pandas.DataFrame:
        """One partition: a pandas DataFrame of texts -> one of claim rows, typed as the export
        schema (pyarrow-backed columns)."""
        records = texts.to_dict("records")
        return _frame([row for record in records for row in self.rows(record)])


def _value(value: Any) -> Any:
    """A cell as a plain value: pandas' missing values (NaN, NA, NaT) are None, a date or
    timestamp its ISO 8601 text, a numpy scalar the Python one."""
    if value is None or isinstance(value, (str, list, dict)):
        return value
    import pandas

    if pandas.isna(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def _frame(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    import pandas
    import pyarrow

    from attribtrack.export import arrow_schema

    table = pyarrow.Table.from_pylist(rows, schema=arrow_schema("claims"))
    return table.to_pandas(types_mapper=pandas.ArrowDtype)


def meta() -> pandas.DataFrame:
    """An empty frame with the claims columns and types: Dask's ``meta`` for the result."""
    return _frame([])


def read_texts(path: str | list[str], *, fmt: str | None = None, **kwargs: Any) -> dask.dataframe.DataFrame:
    """A corpus as a Dask DataFrame: Parquet (``.parquet``, a directory of them) or JSON Lines
    (``.jsonl``/``.ndjson``, one object a line); ``fmt`` says which when the name does not."""
    import dask.dataframe as dd

    first = path if isinstance(path, str) else path[0]
    if fmt is None:
        fmt = "jsonl" if first.rstrip("/").endswith((".jsonl", ".ndjson", ".json")) else "parquet"
    if fmt == "jsonl":  # the texts and ids as written: no guessing of dates or numbers in them
        kwargs.setdefault("convert_dates", False)
        kwargs.setdefault(
            "dtype", {"document": str, "text": str, "outlet": str, "published": str, "title": str}
        )
        return dd.read_json(path, lines=True, orient="records", **kwargs)
    if fmt == "parquet":
        return dd.read_parquet(path, **kwargs)
    raise ValueError(f"unknown corpus format {fmt!r} (parquet or jsonl)")


def extract_frame(
    texts: dask.dataframe.DataFrame, extractor: Extractor | None = None
) -> dask.dataframe.DataFrame:
    """Each partition of texts mapped to its claim rows (lazy: nothing runs until computed or
    written)."""
    extractor = extractor or Extractor()
    return texts.map_partitions(extractor.frame, meta=meta(), enforce_metadata=False)


def extract_bag(texts: dask.bag.Bag | Iterable[Any], extractor: Extractor | None = None) -> dask.bag.Bag:
    """A bag of texts (records or strings) mapped to a bag of claim rows, one row per claim."""
    import dask.bag as db

    extractor = extractor or Extractor()
    bag = texts if isinstance(texts, db.Bag) else db.from_sequence(list(texts))
    return bag.map(extractor.rows).flatten()


def bag_to_frame(rows: dask.bag.Bag) -> dask.dataframe.DataFrame:
    """A bag of claim rows (:func:`extract_bag`) as a DataFrame typed as the export, one
    partition per bag partition."""
    import dask
    import dask.dataframe as dd

    parts = [dask.delayed(_frame)(part) for part in rows.map_partitions(list).to_delayed()]
    return dd.from_delayed(parts, meta=meta(), verify_meta=False)


def to_parquet(rows: dask.dataframe.DataFrame, path: str, **kwargs: Any) -> None:
    """Write claim rows as Parquet files (one per partition) with the export's schema, so
    ``read_parquet(path)`` and DuckDB's ``'path/*.parquet'`` read them as one table."""
    from attribtrack.export import arrow_schema

    kwargs.setdefault("write_index", False)
    kwargs.setdefault("compression", "zstd")
    rows.to_parquet(path, schema=arrow_schema("claims"), **kwargs)
