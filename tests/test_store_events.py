"""The store's watch state and change events: written once, read back as written, filtered."""

from __future__ import annotations

import sqlite3

import pytest

from attribtrack.store import ChangeEvent, FetchState, open_store


@pytest.fixture
def store(store_url):
    with open_store(store_url, create=True) as s:
        s.ingest("The mayor said it rained.", doc_id="rain", outlet="Ledger", title="Rain")
        s.ingest("The mayor admitted it rained.", doc_id="rain")
        s.ingest("Officials said roads closed.", doc_id="roads", outlet="Courier")
        s.ingest("Roads closed.", doc_id="roads")
        yield s


def test_fetch_state_round_trip_and_due(store):
    a = FetchState(
        "https://x.test/a",
        "page",
        document="a",
        first_seen="2026-01-01T00:00:00Z",
        next_check="2026-01-01T00:15:00Z",
        etag='"v1"',
        settings={"outlet": "Ledger"},
    )
    b = FetchState("https://x.test/feed", "feed", first_seen="2026-01-01T00:00:00Z", next_check=None)
    store.put_fetch_state(a)
    store.put_fetch_state(b)
    assert store.fetch_state("https://x.test/a") == a
    assert store.fetch_state("https://x.test/nope") is None
    assert [s.url for s in store.fetch_states()] == ["https://x.test/a", "https://x.test/feed"]
    assert store.fetch_states(due="2026-01-01T00:14:59Z") == []
    assert store.fetch_states(due="2026-01-01T00:15:00Z") == [a]
    assert store.fetch_states(kind="feed") == [b]
    store.put_fetch_state(a._replace(failures=2, last_status=500))
    assert store.fetch_state(a.url).failures == 2


def test_changes_recorded_once_per_pair(store):
    events = [ChangeEvent("cue-changed", "c1", "c1", "said -> admitted", {"old": "said"})]
    assert store.record_changes("rain", 1, 2, events) is True
    assert store.is_compared("rain", 1, 2)
    assert not store.is_compared("rain", 2, 3)
    # A second watcher (or a restart) recording the same pair writes nothing.
    assert store.record_changes("rain", 1, 2, events + events) is False
    assert store.record_changes("roads", 1, 2, [ChangeEvent("attribution-dropped", "c1", "c1")]) is True
    assert store.record_changes("roads", 2, 3, []) is True  # compared, nothing changed
    rows = store.changes()
    assert [(r.document, r.type, r.seq) for r in rows] == [
        ("rain", "cue-changed", 1),
        ("roads", "attribution-dropped", 1),
    ]
    first = rows[0]
    assert first.id == "rain@1..2#1"
    assert first.data == {"old": "said"} and first.outlet == "Ledger" and first.title == "Rain"
    assert [r.type for r in store.changes("roads")] == ["attribution-dropped"]
    assert [r.document for r in store.changes(types=["cue-changed"])] == ["rain"]
    assert [r.document for r in store.changes(outlet="courier")] == ["roads"]
    assert store.changes(since="2999-01-01") == []
    assert [r.document for r in store.changes(limit=1)] == ["roads"]


def test_a_failed_record_leaves_nothing(store):
    bad = [ChangeEvent("quote-altered"), ChangeEvent("hedge-dropped", data={"x": object()})]
    with pytest.raises(TypeError):
        store.record_changes("rain", 1, 2, bad)
    assert not store.is_compared("rain", 1, 2)
    assert store.changes() == []


def test_migrations_recorded(tmp_path):
    with open_store(tmp_path / "m.db", create=True):
        pass
    names = [r[0] for r in sqlite3.connect(tmp_path / "m.db").execute("SELECT name FROM _migrations")]
    assert names[2:4] == ["m003_fetch_state", "m004_change_events"]  # later migrations follow
