"""``attribtrack.dask`` on a real ``distributed.LocalCluster`` (2 worker processes): the claims
rows equal the in-process extraction's, the export's Parquet schema, lexicons loaded once per
worker."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")  # the `scale` extra (in `dev`, so CI always has it)

import pyarrow.parquet as pq  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from attribtrack import dask as ad  # noqa: E402
from attribtrack.export import CLAIMS, arrow_schema, claim_rows  # noqa: E402
from attribtrack.extractor import EXTRACTOR_VERSION, extract  # noqa: E402
from attribtrack.models import DocumentRef  # noqa: E402
from attribtrack.targets import sha256_text  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OUTLETS = ("Reuters", "Associated Press", None)


def _corpus() -> list[dict]:
    """Texts of the fixtures and variants of them, with the metadata a corpus carries."""
    texts = [
        FIXTURES.joinpath(name).read_text(encoding="utf-8") for name in ("crocus.txt", "crocus-rev2.txt")
    ]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "sources").glob("*.md"))]
    records = []
    for i in range(24):
        text = texts[i % len(texts)].replace("Peskov", f"Peskov{i}")
        records.append({"document": f"story{i // 2:02d}", "revision": i % 2 + 1, "outlet": OUTLETS[i % 3],
                        "published": f"2024-04-{i % 28 + 1:02d}" if i % 4 else None, "title": None,
                        "text": text})  # fmt: skip
    return records


def _in_process(records: list[dict]) -> list[dict]:
    rows = []
    for r in records:
        doc = DocumentRef(id=r["document"], revision=r["revision"], sha256=sha256_text(r["text"]))
        claims = extract(r["text"], document=doc, published=r["published"])
        rows += claim_rows(claims, outlet=r["outlet"], published=r["published"], extractor=EXTRACTOR_VERSION)
    return rows


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _rows(path: Path) -> list[dict]:
    table = pq.read_table(path)
    assert table.schema.equals(arrow_schema("claims"))
    return table.to_pylist()


def _plain(rows: list[dict]) -> list[dict]:
    """Rows as JSON would carry them (a date as its ISO string)."""
    return json.loads(json.dumps(rows, default=str, sort_keys=True))


def test_a_frame_from_parquet_on_two_workers_equals_in_process(client: Client, tmp_path: Path) -> None:
    import pandas as pd

    records = _corpus()
    pd.DataFrame(records).to_parquet(tmp_path / "corpus.parquet")
    texts = ad.read_texts(str(tmp_path / "corpus.parquet")).repartition(npartitions=6)
    ad.to_parquet(ad.extract_frame(texts), str(tmp_path / "claims"))
    got = _rows(tmp_path / "claims")
    assert len(got) > 100 and [c.name for c in CLAIMS] == list(got[0])
    assert _plain(got) == _plain(_in_process(records))
    who = client.run(lambda: __import__("os").getpid())
    assert len(set(who.values())) == 2  # two worker processes, neither this one


def test_a_bag_from_jsonl_on_two_workers_equals_in_process(client: Client, tmp_path: Path) -> None:
    import dask.bag as db

    records = _corpus()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    bag = db.read_text(str(corpus), blocksize=20_000).map(json.loads)
    assert bag.npartitions > 1
    rows = ad.extract_bag(bag)
    assert _plain(rows.compute()) == _plain(_in_process(records))
    ad.to_parquet(ad.bag_to_frame(rows), str(tmp_path / "claims"))
    assert _plain(_rows(tmp_path / "claims")) == _plain(_in_process(records))
    frame = ad.read_texts(str(corpus))  # JSON Lines read as a frame too
    assert _plain(ad.extract_frame(frame).compute().to_dict("records")) == _plain(_in_process(records))


def test_bare_texts_are_named_by_their_sha256(client: Client) -> None:
    text = FIXTURES.joinpath("crocus.txt").read_text(encoding="utf-8")
    rows = ad.extract_bag([text, text]).compute()
    assert {r["document"] for r in rows} == {sha256_text(text)} and {r["revision"] for r in rows} == {1}


def test_the_extractor_pickles_small_and_loads_lexicons_once_per_worker(client: Client) -> None:
    extractor = ad.Extractor()
    assert len(pickle.dumps(extractor)) < 200  # options only: no lexicon travels
    ad.extract_bag(_corpus() * 2, extractor).compute()

    def loads() -> int:
        from attribtrack.extractor.lexicon import lexicon

        return lexicon.cache_info().misses

    assert set(client.run(loads).values()) == {1}
