"""Recorded changes: exactly the edit's events, text/JSON/Atom (valid, checked with feedparser),
filters, --jsonl, and webhooks against real HTTP servers on 127.0.0.1 (one records, one fails)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from test_watch_site import (
    ARTICLE_V1,
    ARTICLE_V2,
    EDIT_TYPES,
    Site,
    changes,
    changes_json,
    rss,
    serve_site,
    watch,
)

from attribtrack.store import open_store
from attribtrack.watch import Hooks, Watcher
from attribtrack.watch.config import Source, WatchConfig
from attribtrack.watch.notify import Notifier


@pytest.fixture(name="site")
def _site(tmp_path: Path) -> Iterator[Site]:
    yield from serve_site(tmp_path)


def _edited(site: Site, tmp_path: Path, *args: str) -> tuple[Path, Any]:
    store = tmp_path / "s.db"
    site.write("bridge.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["bridge.html"]))
    assert watch(store, "--outlet", "Gazette", site.url("feed.xml")).exit_code == 0
    site.write("bridge.html", ARTICLE_V2)
    return store, watch(store, "--all", "--outlet", "Gazette", site.url("feed.xml"), *args)


def test_an_edit_records_exactly_its_attribution_changes(site: Site, tmp_path: Path) -> None:
    store, second = _edited(site, tmp_path)
    assert second.exit_code == 0 and "new revisions 1, changes 3" in second.output, second.output
    events = changes_json(store)
    assert [e["type"] for e in events] == EDIT_TYPES
    assert {(e["document"], e["from_revision"], e["to_revision"], e["outlet"]) for e in events} == {
        ("bridge", 1, 2, "Gazette")
    }
    assert [e["detail"] for e in events] == ["mayor (The mayor): -May +June", "Police", "reportedly"]
    text = changes(store).output.splitlines()
    assert len(text) == 3 and text[0].endswith("bridge@1..2#1  quote-altered  mayor (The mayor): -May +June")


def test_filters(site: Site, tmp_path: Path) -> None:
    store, _ = _edited(site, tmp_path)
    assert [e["type"] for e in changes_json(store, "--type", "hedge-dropped,quote-altered")] == [
        "quote-altered",
        "hedge-dropped",
    ]
    assert len(changes_json(store, "--outlet", "gazette")) == 3
    assert changes_json(store, "--outlet", "Herald") == []
    assert len(changes_json(store, "--since", "2000-01-01")) == 3
    assert changes_json(store, "--since", "2999-01-01T00:00") == []
    assert len(changes_json(store, "bridge")) == 3
    bad = changes(store, "--since", "last tuesday")
    assert bad.exit_code == 2 and bad.output.startswith("attribtrack: error: --since: 'last tuesday'")


def test_atom_feed_is_valid_and_stable(site: Site, tmp_path: Path) -> None:
    store, _ = _edited(site, tmp_path)
    first = changes(store, "--format", "atom").output
    assert first == changes(store, "--format", "atom").output
    feed = feedparser.parse(first)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    assert sorted(e.tags[0].term for e in feed.entries) == sorted(EDIT_TYPES)
    assert len({e.id for e in feed.entries}) == 3
    assert all(e.link == site.url("bridge.html") for e in feed.entries)
    assert feed.entries[0].title.endswith(": Bridge")
    empty = feedparser.parse(changes(store, "--format", "atom", "--type", "cue-changed").output)
    assert empty.bozo == 0 and empty.entries == []


def test_jsonl_prints_the_chosen_events_on_stdout(site: Site, tmp_path: Path) -> None:
    _, second = _edited(site, tmp_path, "--jsonl", "--notify-on", "attribution-dropped,hedge-dropped")
    lines = [json.loads(line) for line in second.stdout.splitlines()]
    assert [e["type"] for e in lines] == ["attribution-dropped", "hedge-dropped"]
    assert lines[0]["id"] == "bridge@1..2#2"


class _Hook:
    """A webhook on 127.0.0.1 that records POSTs (or fails each with ``status``)."""

    def __init__(self, status: int = 204, hold: threading.Event | None = None) -> None:
        self.posts: list[dict[str, Any]] = []
        self.arrived = threading.Event()
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.posts.append({"body": json.loads(body), "type": self.headers["Content-Type"]})
                hook.arrived.set()
                if hold is not None:
                    hold.wait(10)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_notify_posts_each_batch(site: Site, tmp_path: Path) -> None:
    hook = _Hook()
    try:
        _, second = _edited(site, tmp_path, "--notify", hook.url, "--notify-on", "quote-altered")
        assert second.exit_code == 0, second.output
        assert len(hook.posts) == 1 and hook.posts[0]["type"] == "application/json"
        body = hook.posts[0]["body"]
        assert body["schema"] == "attribtrack.changes/1"
        assert [c["type"] for c in body["changes"]] == ["quote-altered"]
    finally:
        hook.close()


def test_a_failing_webhook_is_retried_logged_and_not_fatal(site: Site, tmp_path: Path) -> None:
    hook = _Hook(status=500)
    try:
        store, second = _edited(site, tmp_path, "--notify", hook.url)
        assert second.exit_code == 0
        assert len(hook.posts) == 4  # one try, three retries
        assert f"attribtrack: warning: webhook {hook.url}: HTTP 500" in second.output
        assert len(changes_json(store)) == 3  # the events are in the store all the same
    finally:
        hook.close()


def test_a_stuck_webhook_never_blocks_the_pass(site: Site, tmp_path: Path) -> None:
    hold = threading.Event()
    hook = _Hook(hold=hold)
    store = tmp_path / "s.db"
    site.write("bridge.html", ARTICLE_V1)
    config = WatchConfig(sources=(Source(site.url("bridge.html")),), host_delay=0)
    notifier = Notifier(hook.url, agent="t", on_error=lambda m: None, backoff=0)

    class Send(Hooks):
        def events(self, records: list[Any]) -> None:
            notifier.send(records)

    try:
        with open_store(str(store), create=True) as s:
            watcher = Watcher(s, config, hooks=Send())
            watcher.run_pass()
            site.write("bridge.html", ARTICLE_V2)
            assert watcher.run_pass(check_all=True).changes == 3
            assert hook.arrived.wait(10)
            # the pass is over while the webhook still holds the POST
            assert watcher.run_pass(check_all=True).revisions == 0
            assert not notifier.close(wait=0.1)
        hold.set()
    finally:
        hold.set()
        hook.close()


def test_both_backends_record_the_same_changes(site: Site, tmp_path: Path, store_url: str) -> None:
    site.write("bridge.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["bridge.html"]))
    assert watch(store_url, "--outlet", "Gazette", site.url("feed.xml")).exit_code == 0
    site.write("bridge.html", ARTICLE_V2)
    second = watch(store_url, "--all", site.url("feed.xml"))
    assert "new revisions 1, changes 3" in second.output, second.output
    again = watch(store_url, "--all", site.url("feed.xml"))
    assert "unchanged 2, new revisions 0, changes 0" in again.output
    events = changes_json(store_url)
    assert [(e["id"], e["type"], e["outlet"]) for e in events] == [
        ("bridge@1..2#1", "quote-altered", "Gazette"),
        ("bridge@1..2#2", "attribution-dropped", "Gazette"),
        ("bridge@1..2#3", "hedge-dropped", "Gazette"),
    ]
    with open_store(store_url) as s:
        state = s.fetch_state(site.url("bridge.html"))
        assert (state.document, state.last_status, state.failures) == ("bridge", 304, 0)
