"""Fetching over a real HTTP server on 127.0.0.1: 304s, 500s, timeouts, redirect loops, a 50 MB
page, non-HTML, charsets, broken and Atom feeds, robots.txt, the per-host pace, fetches in flight."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_watch_site import ARTICLE_V1, Site, fetch_state, page, rss, send, serve_site, watch

from attribtrack.store import open_store


@pytest.fixture(name="site")
def _site(tmp_path: Path) -> Iterator[Site]:
    yield from serve_site(tmp_path)


def texts(store: Path, doc: str) -> list[str]:
    with open_store(str(store)) as s:
        return [s.text(r.sha256) for r in s.revisions(doc)]


def test_unchanged_article_is_answered_304_and_adds_nothing(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("story.html", ARTICLE_V1)
    assert watch(store, site.url("story.html")).exit_code == 0
    again = watch(store, "--all", site.url("story.html"))
    assert again.exit_code == 0, again.output
    assert site.hits("story.html") == [200, 304]
    assert "unchanged 1, new revisions 0" in again.output
    assert len(texts(store, "story")) == 1


def test_same_main_text_in_a_changed_page_adds_no_revision(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("story.html", ARTICLE_V1)
    watch(store, site.url("story.html"))
    site.write("story.html", ARTICLE_V1.replace("<body>", "<body><script>var ad = 2;</script><!-- x -->"))
    again = watch(store, "--all", "-v", site.url("story.html"))
    assert site.hits("story.html") == [200, 200]
    assert "text unchanged" in again.output and "new revisions 0" in again.output
    assert len(texts(store, "story")) == 1


def test_500s_are_retried_then_recorded_and_the_pass_goes_on(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    calls = {"flaky": 0}

    def flaky(handler: object) -> None:
        calls["flaky"] += 1
        if calls["flaky"] <= 2:
            send(handler, 503)  # type: ignore[arg-type]
        else:
            send(
                handler,
                200,
                page("The mayor said the bridge is open.").encode(),
                {"Content-Type": "text/html"},
            )  # type: ignore[arg-type]

    site.routes["/flaky.html"] = flaky
    site.routes["/down.html"] = lambda h: send(h, 500)  # type: ignore[arg-type]
    site.write("ok.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["down.html", "flaky.html", "ok.html"]))
    result = watch(store, "--retries", "2", site.url("feed.xml"))
    assert result.exit_code == 0, result.output
    assert site.hits("down.html") == [500, 500, 500]  # one try and two retries
    assert site.hits("flaky.html") == [503, 503, 200]
    assert "new revisions 2" in result.output and "errors 1" in result.output
    assert "down.html: HTTP 500" in result.output
    state = fetch_state(store, site.url("down.html"))
    assert (state.last_status, state.failures, state.document) == (500, 1, None)
    assert "HTTP 500" in state.last_error
    assert fetch_state(store, site.url("ok.html")).failures == 0


def test_a_timeout_is_retried_then_recorded(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"

    def slow(handler: object) -> None:
        time.sleep(1.5)
        send(handler, 200, page("Late.").encode(), {"Content-Type": "text/html"})  # type: ignore[arg-type]

    site.routes["/slow.html"] = slow
    site.write("ok.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["ok.html", "slow.html"]))
    result = watch(store, "--retries", "1", site.url("feed.xml"), "--timeout", "0.3")
    assert result.exit_code == 0, result.output
    assert len(site.hits("slow.html")) == 2
    assert "no answer within 0.3 s" in fetch_state(store, site.url("slow.html")).last_error
    assert "new revisions 1" in result.output and "errors 1" in result.output


def test_a_redirect_loop_is_a_recorded_failure(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.routes["/a"] = lambda h: send(h, 302, headers={"Location": "/b"})  # type: ignore[arg-type]
    site.routes["/b"] = lambda h: send(h, 301, headers={"Location": site.url("a")})  # type: ignore[arg-type]
    chain = {f"/r{i}": f"/r{i + 1}" for i in range(10)}
    for path, target in chain.items():
        site.routes[path] = lambda h, t=target: send(h, 307, headers={"Location": t})  # type: ignore[misc]
    result = watch(store, site.url("a"), site.url("r0"))
    assert result.exit_code == 0
    assert site.hits("a") == [302] and site.hits("b") == [301]
    assert "redirect loop" in fetch_state(store, site.url("a")).last_error
    assert "more than 5 redirects" in fetch_state(store, site.url("r0")).last_error
    assert len(site.hits("r5")) == 1 and site.hits("r6") == []


def test_a_redirect_is_followed_to_the_article(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("new/story.html", ARTICLE_V1)
    site.routes["/old/story.html"] = lambda h: send(h, 301, headers={"Location": "/new/story.html"})  # type: ignore[arg-type]
    result = watch(store, site.url("old/story.html"))
    assert "new revisions 1" in result.output, result.output


def test_a_50_mb_page_is_refused_at_the_limit(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    chunk = b"<p>" + b"word " * 20000 + b"</p>"
    total = 50 * 1024 * 1024
    sent = {"declared": 0, "streamed": 0}

    def big(handler: object, declare: bool) -> None:
        handler.send_response(200)  # type: ignore[attr-defined]
        handler.send_header("Content-Type", "text/html")  # type: ignore[attr-defined]
        if declare:
            handler.send_header("Content-Length", str(total))  # type: ignore[attr-defined]
        handler.end_headers()  # type: ignore[attr-defined]
        key = "declared" if declare else "streamed"
        while sent[key] < total:
            handler.wfile.write(chunk)  # type: ignore[attr-defined]
            sent[key] += len(chunk)

    site.routes["/big.html"] = lambda h: big(h, True)
    site.routes["/stream.html"] = lambda h: big(h, False)
    site.write("ok.html", ARTICLE_V1)
    result = watch(store, site.url("big.html"), site.url("stream.html"), site.url("ok.html"))
    assert result.exit_code == 0, result.output
    assert "larger than 8388608 bytes" in fetch_state(store, site.url("big.html")).last_error
    assert "larger than 8388608 bytes" in fetch_state(store, site.url("stream.html")).last_error
    assert "new revisions 1" in result.output and "errors 2" in result.output
    assert sent["streamed"] < total  # the watcher stopped reading


def test_a_non_html_page_is_a_recorded_failure(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.routes["/chart"] = lambda h: send(
        h, 200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, {"Content-Type": "image/png"}
    )  # type: ignore[arg-type]
    result = watch(store, site.url("chart"))
    assert result.exit_code == 0
    assert "not an HTML page (image/png)" in fetch_state(store, site.url("chart")).last_error


def test_the_declared_charset_is_used_and_a_wrong_or_missing_one_falls_back(
    site: Site, tmp_path: Path
) -> None:
    store = tmp_path / "s.db"
    latin = page("The café owner said the crèche would close.").encode("iso-8859-1")
    site.routes["/declared"] = lambda h: send(
        h, 200, latin, {"Content-Type": "text/html; charset=ISO-8859-1"}
    )  # type: ignore[arg-type]
    site.routes["/wrong"] = lambda h: send(h, 200, latin, {"Content-Type": "text/html; charset=utf-8"})  # type: ignore[arg-type]
    site.routes["/missing"] = lambda h: send(h, 200, latin, {"Content-Type": "text/html"})  # type: ignore[arg-type]
    meta = latin.replace(b"<head>", b'<head><meta charset="iso-8859-1">')
    site.routes["/meta"] = lambda h: send(h, 200, meta, {"Content-Type": "text/html"})  # type: ignore[arg-type]
    urls = [site.url(p) for p in ("declared", "wrong", "missing", "meta")]
    result = watch(store, *urls)
    assert result.exit_code == 0 and "new revisions 4" in result.output, result.output
    for doc in ("declared", "wrong", "missing", "meta"):
        assert texts(store, doc) == ["The café owner said the crèche would close."], doc
    assert "declared charset 'utf-8' does not fit the page" in result.output
    assert result.output.count("does not fit") == 1


def test_broken_feed_xml_is_recorded_and_the_pass_goes_on(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("broken.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti')
    site.write("feed.xml", rss(site.base, ["ok.html"]))
    site.write("ok.html", ARTICLE_V1)
    result = watch(store, site.url("broken.xml"), site.url("feed.xml"))
    assert result.exit_code == 0, result.output
    state = fetch_state(store, site.url("broken.xml"))
    assert state.kind == "feed" and state.failures == 1 and "not a well-formed feed" in state.last_error
    assert "new revisions 1" in result.output and "errors 1" in result.output


def test_an_atom_feed_lists_its_entries(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("one.html", ARTICLE_V1)
    site.write("two.html", page("The minister said the talks would resume."))
    entries = "".join(
        f"<entry><title>{n}</title><id>urn:{n}</id><updated>2026-01-01T00:00:00Z</updated>"
        f'<link rel="alternate" href="{n}.html"/></entry>'
        for n in ("one", "two")
    )
    site.write(
        "atom.xml",
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        f"<id>urn:a</id><updated>2026-01-01T00:00:00Z</updated>{entries}</feed>",
    )
    result = watch(store, site.url("atom.xml"))
    assert "new revisions 2" in result.output, result.output
    assert fetch_state(store, site.url("two.html")).source == site.url("atom.xml")  # relative links resolved


def test_robots_txt_disallowing_a_path_is_honoured(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("robots.txt", "User-agent: attribtrack\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n")
    site.write("private/memo.html", ARTICLE_V1)
    site.write("news/story.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["private/memo.html", "news/story.html"]))
    result = watch(store, site.url("feed.xml"))
    assert result.exit_code == 0
    assert site.hits("private/memo.html") == []  # never requested
    assert "disallowed by robots.txt" in fetch_state(store, site.url("private/memo.html")).last_error
    assert site.hits("news/story.html") == [200]
    assert site.hits("robots.txt") == [200]  # asked once per host


def test_requests_carry_the_user_agent_and_keep_the_per_host_pace(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    for n in range(4):
        site.write(f"s{n}.html", page(f"The mayor said story {n} was true."))
    site.write("feed.xml", rss(site.base, [f"s{n}.html" for n in range(4)]))
    result = watch(store, site.url("feed.xml"), "--host-delay", "0.25")
    assert result.exit_code == 0
    log = [e for e in site.log if e["path"] != "/robots.txt"]
    assert all(e["headers"]["User-Agent"].startswith("attribtrack/") for e in site.log)
    starts = sorted(e["time"] for e in site.log)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    # the watcher keeps its requests 0.25 s apart; their arrival may jitter by a few milliseconds
    assert len(log) == 5 and min(gaps) >= 0.18 and starts[-1] - starts[0] >= 5 * 0.25 - 0.05, gaps


def test_fetches_in_flight_are_bounded(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    lock = threading.Lock()
    now = {"in": 0, "max": 0}

    def held(handler: object) -> None:
        with lock:
            now["in"] += 1
            now["max"] = max(now["max"], now["in"])
        time.sleep(0.3)
        with lock:
            now["in"] -= 1
        send(handler, 200, page("The mayor said the bridge is open.").encode(), {"Content-Type": "text/html"})  # type: ignore[arg-type]

    for n in range(9):
        site.routes[f"/p{n}"] = held
    site.write("feed.xml", rss(site.base, [f"p{n}" for n in range(9)]))
    result = watch(store, site.url("feed.xml"), "--max-in-flight", "3")
    assert result.exit_code == 0, result.output
    assert 2 <= now["max"] <= 3


def test_an_unreachable_robots_txt_fetches_nothing_from_the_host(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.routes["/robots.txt"] = lambda h: send(h, 503)  # type: ignore[arg-type]
    site.write("news/story.html", ARTICLE_V1)
    result = watch(store, site.url("news/story.html"))
    assert result.exit_code == 0 and "errors 1" in result.output
    assert site.hits("news/story.html") == []
    assert (
        "robots.txt could not be read (HTTP 503" in fetch_state(store, site.url("news/story.html")).last_error
    )


def test_a_trickling_body_is_cut_off_at_its_deadline(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    stop = threading.Event()

    def trickle(handler: object) -> None:
        handler.send_response(200)  # type: ignore[attr-defined]
        handler.send_header("Content-Type", "text/html")  # type: ignore[attr-defined]
        handler.end_headers()  # type: ignore[attr-defined]
        while not stop.wait(0.05):  # a byte at a time, each well within the socket timeout
            handler.wfile.write(b" ")  # type: ignore[attr-defined]
            handler.wfile.flush()  # type: ignore[attr-defined]

    site.routes["/trickle.html"] = trickle
    try:
        result = watch(store, "--retries", "0", "--timeout", "0.2", site.url("trickle.html"))
    finally:
        stop.set()
    assert result.exit_code == 0 and "errors 1" in result.output
    assert "body not received within 1.2 s" in fetch_state(store, site.url("trickle.html")).last_error


def test_odd_item_links_are_encoded_or_recorded_never_a_crash(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("café.html", page("The mayor said the café would reopen."))
    links = ["café.html", "a b.html", "mailto:desk@example.com", "http://[::1/broken"]
    items = "".join(f"<item><title>x</title><link>{link}</link></item>" for link in links)
    site.write(
        "feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
    )
    result = watch(store, site.url("feed.xml"))
    assert result.exit_code == 0, result.output
    assert "new revisions 1" in result.output
    assert site.hits("caf%C3%A9.html") == [200]


def test_robots_crawl_delay_slows_the_pace(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("robots.txt", "User-agent: *\nCrawl-delay: 1\n")
    site.write("story.html", ARTICLE_V1)
    site.write("feed.xml", rss(site.base, ["story.html"]))
    assert watch(store, site.url("feed.xml")).exit_code == 0  # --host-delay 0: only Crawl-delay paces
    starts = {e["path"]: e["time"] for e in site.log}
    assert starts["/story.html"] - starts["/feed.xml"] >= 0.95
