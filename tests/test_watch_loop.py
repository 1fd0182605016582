"""The schedule, resuming from the store, the long-running loop under real signals (SIGTERM ends
it after the write in progress; SIGKILL mid-pass leaves a store the next pass completes, nothing
recorded twice), and the exit codes."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_watch_site import ARTICLE_V1, ARTICLE_V2, EDIT_TYPES, FAST, Site, page, rss, send, serve_site, watch

from attribtrack.errors import UsageError
from attribtrack.store import open_store
from attribtrack.watch import Watcher
from attribtrack.watch.config import Source, WatchConfig
from attribtrack.watch.schedule import Schedule

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(name="site")
def _site(tmp_path: Path) -> Iterator[Site]:
    yield from serve_site(tmp_path)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (timedelta(0), timedelta(minutes=15)),
        (timedelta(hours=2, minutes=59), timedelta(minutes=15)),
        (timedelta(hours=3), timedelta(hours=1)),
        (timedelta(hours=23), timedelta(hours=1)),
        (timedelta(days=1), timedelta(days=1)),
        (timedelta(days=6, hours=23), timedelta(days=1)),
        (timedelta(days=7), None),
    ],
)
def test_the_default_schedule_follows_the_news_cycle(age: timedelta, expected: timedelta | None) -> None:
    now = T0 + age
    got = Schedule.parse("15m until 3h, 1h until 1d, 1d until 7d").next_check("2026-03-01T12:00:00Z", now)
    assert got == (None if expected is None else (now + expected).strftime("%Y-%m-%dT%H:%M:%SZ"))


def test_a_schedule_may_end_in_a_step_that_never_ends() -> None:
    schedule = Schedule.parse("30m until 1d, 1w")
    assert schedule.next_check("2026-03-01T12:00:00Z", T0 + timedelta(days=400)) == "2027-04-12T12:00:00Z"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("15 until 3h", "not a duration"),
        ("15m until 3h, 1h until 2h", "the ages must grow"),
        ("15m, 1h until 1d", "only the last step"),
        ("0m until 1d", "not a duration"),
    ],
)
def test_a_bad_schedule_is_a_usage_error(spec: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Schedule.parse(spec)


def test_a_restarted_watcher_resumes_from_the_store(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("story.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["story.html"]))
    config = WatchConfig(sources=(Source(site.url("feed.xml"), outlet="Gazette"),), host_delay=0)
    with open_store(str(store), create=True) as s:
        assert Watcher(s, config).run_pass(now=T0).revisions == 1

    def again(at: timedelta) -> list[str]:
        site.clear()
        with open_store(str(store)) as s:  # a new process: no configuration, only the store
            Watcher(s, WatchConfig(host_delay=0)).run_pass(now=T0 + at)
        return [e["path"] for e in site.log if e["path"] != "/robots.txt"]

    assert again(timedelta(minutes=10)) == []
    assert again(timedelta(minutes=16)) == ["/feed.xml", "/story.html"]
    assert again(timedelta(minutes=20)) == []
    assert again(timedelta(days=8)) == ["/feed.xml", "/story.html"]  # last check: older than a week
    assert again(timedelta(days=9)) == ["/feed.xml"]
    with open_store(str(store)) as s:
        state = s.fetch_state(site.url("story.html"))
        assert state.next_check is None and state.settings["outlet"] == "Gazette"
        assert s.document("story").outlet == "Gazette"


def test_feed_items_appear_and_disappear(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    for name in ("a", "b", "c"):
        site.write(f"{name}.html", page(f"The mayor said story {name} was true."))
    site.write("feed.xml", rss(site.base, ["a.html", "b.html"]))
    assert "new revisions 2" in watch(store, "--feed-every", "1s", site.url("feed.xml")).output
    site.write("feed.xml", rss(site.base, ["b.html", "c.html"]))  # a gone, c new
    site.clear()
    time.sleep(1.1)  # the feed is due again; its articles are not (15 minutes)
    second = watch(store, site.url("feed.xml"))
    assert "new revisions 1" in second.output, second.output
    assert [e["path"] for e in site.log if e["path"].endswith(".html")] == ["/c.html"]  # a, b not due yet
    site.clear()
    third = watch(store, "--all", site.url("feed.xml"))
    assert sorted(e["path"] for e in site.log if e["path"].endswith(".html")) == [
        "/a.html",
        "/b.html",
        "/c.html",
    ]
    assert "unchanged 4" in third.output  # the feed and the three articles answered 304


# -- the loop under signals


def _start(store: Path, *args: str) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    # faulthandler: a watcher that does not end can be made to print where each thread is (SIGABRT)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "attribtrack", "--store", str(store), "watch", *FAST, "-v", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return proc, lines


def _wait_for(lines: queue.Queue[str], text: str, seen: list[str]) -> None:
    while True:
        line = lines.get(timeout=60)
        seen.append(line)
        if text in line:
            return


def _exit_code(
    proc: subprocess.Popen[str], lines: queue.Queue[str], seen: list[str], *, timeout: float
) -> int:
    """The watcher's exit code, or a failure showing each of its threads' stacks (faulthandler,
    on SIGABRT) when it has not ended within ``timeout`` seconds."""
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        proc.wait(timeout=30)
        pytest.fail(f"still running {timeout:.0f} s after the signal:\n" + "".join(seen) + _drain(lines))


def _drain(lines: queue.Queue[str]) -> str:
    out = []
    while True:
        try:
            out.append(lines.get(timeout=2))
        except queue.Empty:
            return "".join(out)


def _slow_site(site: Site, names: list[str], text: str) -> None:
    def slow(handler: object, body: bytes) -> None:
        time.sleep(0.15)
        send(handler, 200, body, {"Content-Type": "text/html"})  # type: ignore[arg-type]

    for name in names:
        body = text.replace("Bridge", name).encode()
        site.routes[f"/{name}.html"] = lambda h, b=body: slow(h, b)  # type: ignore[misc]
    site.write("feed.xml", rss(site.base, [f"{n}.html" for n in names]))


def _counts(store: Path) -> dict[str, tuple[int, int, int]]:
    """document -> (revisions, compared pairs, change events), read with plain sqlite3."""
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        out = {}
        for (doc,) in db.execute("SELECT id FROM documents ORDER BY id"):
            out[doc] = tuple(
                db.execute(f"SELECT count(*) FROM {table} WHERE document = ?", (doc,)).fetchone()[0]
                for table in ("revisions", "compared_pairs", "change_events")
            )
        return out
    finally:
        db.close()


NAMES = [f"story{n:02d}" for n in range(12)]


def test_sigterm_ends_the_loop_after_the_write_in_progress(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    _slow_site(site, NAMES, ARTICLE_V1)
    proc, lines = _start(store, "--max-in-flight", "2", site.url("feed.xml"))
    seen: list[str] = []
    try:
        _wait_for(lines, "new revision", seen)
        proc.send_signal(signal.SIGTERM)
        assert _exit_code(proc, lines, seen, timeout=60) == 0
    finally:
        proc.kill()
    rest = "".join(seen) + _drain(lines)
    assert "Traceback" not in rest and "(stopped)" in rest
    counts = _counts(store)
    assert 1 <= len(counts) < len(NAMES) and all(c == (1, 0, 0) for c in counts.values())
    # the next start carries on: the articles not reached are still due
    result = watch(store, site.url("feed.xml"))
    assert result.exit_code == 0 and f"new revisions {len(NAMES) - len(counts)}" in result.output
    assert _counts(store) == {n.lower(): (1, 0, 0) for n in NAMES}


def test_sigterm_while_waiting_ends_the_loop_at_once(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("story.html", ARTICLE_V1)
    proc, lines = _start(store, site.url("story.html"))
    seen: list[str] = []
    try:
        _wait_for(lines, "checked 1,", seen)  # the first pass is done; the loop waits 15 minutes
        proc.send_signal(signal.SIGINT)
        # The loop's wait is 15 minutes: ending within a minute is "at once". (It once took 60 s:
        # the signal went to a fetch thread while the main thread slept in one long Event.wait;
        # see the test below.) If it does not end, where its threads are is the failure message.
        assert _exit_code(proc, lines, seen, timeout=60) == 0
    finally:
        proc.kill()


def test_the_signal_handler_does_not_wait_for_the_lock_its_own_thread_holds() -> None:
    # The watcher once hung after SIGINT: the handler ran while the main thread was inside
    # stop.wait, holding the event's lock, and stop.set() waited for that lock for ever
    # (faulthandler: set -> <lambda> -> _is_owned -> wait -> _sleep). Holding the lock here, as
    # Event.wait does, the handler must return, and stop must be set once the lock is let go.
    from attribtrack.cli.watch_cmds import stop_handler

    stop = threading.Event()
    handler = stop_handler(stop)
    returned = threading.Event()

    def in_wait() -> None:
        with stop._cond:  # what Event.wait holds when a signal lands in it
            handler(signal.SIGINT, None)
            returned.set()

    t = threading.Thread(target=in_wait, daemon=True)
    t.start()
    assert returned.wait(10), "the handler blocked on the lock its own thread holds"
    assert stop.wait(10)


def test_sigint_during_watch_once_exits_130_and_the_next_pass_carries_on(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    _slow_site(site, NAMES, ARTICLE_V1)
    proc, lines = _start(store, "--once", "--max-in-flight", "1", site.url("feed.xml"))
    seen: list[str] = []
    try:
        _wait_for(lines, "new revision", seen)
        proc.send_signal(signal.SIGINT)
        assert _exit_code(proc, lines, seen, timeout=60) == 130
    finally:
        proc.kill()
    assert "(stopped)" in "".join(seen) + _drain(lines)
    done = len(_counts(store))
    assert 1 <= done < len(NAMES)
    assert f"new revisions {len(NAMES) - done}," in watch(store, site.url("feed.xml")).output


def test_kill_9_during_a_pass_then_watch_once_records_nothing_twice(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    _slow_site(site, NAMES, ARTICLE_V1)
    assert watch(store, site.url("feed.xml")).exit_code == 0
    _slow_site(site, NAMES, ARTICLE_V2)  # every story edited: a quote altered, a source and a hedge dropped
    proc, lines = _start(store, "--once", "--all", "--max-in-flight", "2", site.url("feed.xml"))
    seen: list[str] = []
    try:
        _wait_for(lines, "3 changes", seen)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    partial = _counts(store)
    assert any(c == (2, 1, 3) for c in partial.values()) and any(c == (1, 0, 0) for c in partial.values())
    result = watch(store, "--all", site.url("feed.xml"))
    assert result.exit_code == 0, result.output
    assert _counts(store) == {n.lower(): (2, 1, len(EDIT_TYPES)) for n in NAMES}
    again = watch(store, "--all", site.url("feed.xml"))
    assert "new revisions 0" in again.output and "changes 0" in again.output
    assert _counts(store) == {n.lower(): (2, 1, len(EDIT_TYPES)) for n in NAMES}


# -- exit codes


def test_exit_codes(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    site.write("story.html", ARTICLE_V1)
    store = tmp_path / "s.db"
    bad = tmp_path / "bad.toml"
    bad.write_text("[watch]\nbogus = 1\n")
    result = watch(store, "--config", str(bad), site.url("story.html"))
    assert result.exit_code == 2
    assert result.output == "attribtrack: error: unknown configuration key 'watch.bogus' in " + f"{bad}\n"
    assert watch(store).exit_code == 2  # nothing to watch
    assert "not an http(s) URL" in watch(store, "ftp://example.com/feed").output
    assert watch(store, "--notify-on", "quote-changed", site.url("story.html")).exit_code == 2
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    unusable = watch(broken, site.url("story.html"))
    assert unusable.exit_code == 4 and unusable.output.startswith("attribtrack: error: ")
    assert site.hits("story.html") == []  # nothing fetched before the store and config were good
    ok = watch(store, site.url("story.html"), site.url("missing.html"))
    assert ok.exit_code == 0 and "errors 1" in ok.output


# -- progress and logs


def _run_on_a_terminal(store: Path, *args: str) -> tuple[int, str]:
    import pty

    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "attribtrack", "--store", str(store), "watch", "--once", *FAST, *args]
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "COLUMNS": "100"}
    )
    os.close(slave)
    out = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other side closed
            break
        if not data:
            break
        out += data
    os.close(master)
    return proc.wait(timeout=60), out.decode("utf-8", "replace")


def test_progress_on_a_terminal_only_and_one_line_per_url_with_v(site: Site, tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        site.write(f"{name}.html", page(f"The mayor said story {name} was true."))
    site.write("feed.xml", rss(site.base, ["a.html", "b.html", "c.html"]))
    code, shown = _run_on_a_terminal(tmp_path / "t.db", site.url("feed.xml"))
    assert code == 0 and "\u2501" in shown and "checked 4, unchanged 0, new revisions 3" in shown
    piped = watch(tmp_path / "p.db", site.url("feed.xml"))
    assert piped.output == "checked 4, unchanged 0, new revisions 3, changes 0, errors 0\n"
    verbose = watch(tmp_path / "p.db", "--all", "-v", site.url("feed.xml")).output.splitlines()
    assert verbose == [
        f"{site.url('feed.xml')}  304 unchanged",
        *(f"{site.url(n)}  304 unchanged" for n in ("a.html", "b.html", "c.html")),
        "checked 4, unchanged 4, new revisions 0, changes 0, errors 0",
    ]


def test_a_signal_taken_by_another_thread_still_ends_the_wait_between_passes(tmp_path: Path) -> None:
    # A signal sent to the process may be delivered to any thread (the fetch pool's, the webhook's);
    # Python runs the handler only when the main thread next runs bytecode. Here the signal goes
    # to another thread on purpose: the wait (30 s) must still end at once.
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())

    def from_another_thread() -> None:
        time.sleep(0.3)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    try:
        with open_store(str(tmp_path / "s.db"), create=True) as s:
            watcher = Watcher(s, WatchConfig(sources=(), host_delay=0), stop=stop)
            threading.Thread(target=from_another_thread, daemon=True).start()
            started = time.monotonic()
            watcher.run_forever(report=lambda summary: None, idle_max=30.0)
            assert stop.is_set() and time.monotonic() - started < 10
    finally:
        signal.signal(signal.SIGINT, previous)
