"""A small news site for the watch tests: a real HTTP server on 127.0.0.1 serving a temp dir that
the tests change between passes, with a request log and scripted routes (500s, slow answers,
redirects, odd headers). Imported by the other ``test_watch_*`` modules; its own tests check the
site behaves as they assume (Last-Modified moves on with each write, 304 answers are logged)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from attribtrack.cli import cli

Route = Callable[[http.server.BaseHTTPRequestHandler], None]

# An article and its edit: a quote altered, a source dropped, a hedge removed (and nothing else).
ARTICLE_V1 = (
    '<html><head><title>Bridge</title></head><body><article><p>The mayor said on Monday that "the '
    'bridge will reopen in May," according to city officials.</p><p>Police said the driver was '
    "speeding.</p><p>The treasurer reportedly said the council approved the budget.</p></article>"
    "</body></html>"
)
ARTICLE_V2 = (
    '<html><head><title>Bridge</title></head><body><article><p>The mayor said on Monday that "the '
    'bridge will reopen in June," according to city officials.</p><p>The driver was speeding.</p>'
    "<p>The treasurer said the council approved the budget.</p></article></body></html>"
)
EDIT_TYPES = ["quote-altered", "attribution-dropped", "hedge-dropped"]


def page(body: str, title: str = "Story") -> str:
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


def rss(base: str, links: list[str]) -> str:
    items = "".join(f"<item><title>{link}</title><link>{base}/{link}</link></item>" for link in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64  # socketserver's 5 overflows with 8 fetches in flight (a 1 s SYN retry)
    daemon_threads = True


class Site:
    """Files under ``root`` at ``base``; ``routes`` (path -> handler) answer instead of a file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.routes: dict[str, Route] = {}
        self.log: list[dict[str, Any]] = []  # method, path, status, headers, time
        self._lock = threading.Lock()
        self._stamp = time.time() - 3600
        site = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 -- http.server's name
                entry = {"method": "GET", "path": self.path, "status": None, "time": time.monotonic(),
                         "headers": dict(self.headers)}  # fmt: skip
                with site._lock:
                    site.log.append(entry)
                self._entry = entry
                route = site.routes.get(self.path)
                try:
                    route(self) if route else super().do_GET()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the watcher stopped reading (a page over the limit)

            def do_POST(self) -> None:  # noqa: N802
                self.do_GET()

            def send_response(self, code: int, message: str | None = None) -> None:
                if getattr(self, "_entry", None) is not None:
                    self._entry["status"] = code
                super().send_response(code, message)

            def log_message(self, *args: object) -> None:
                pass

        handler = functools.partial(Handler, directory=str(root))
        self.server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def write(self, name: str, content: str | bytes) -> None:
        """Write a file with a Last-Modified later than any before it (the file server's
        If-Modified-Since has one-second resolution, and tests write faster than that)."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        self._stamp += 60
        os.utime(path, (self._stamp, self._stamp))

    def remove(self, name: str) -> None:
        (self.root / name).unlink()

    def hits(self, path: str) -> list[int | None]:
        """The statuses answered to requests for ``path``, in order."""
        with self._lock:
            return [e["status"] for e in self.log if e["path"] == "/" + path.lstrip("/")]

    def clear(self) -> None:
        with self._lock:
            self.log.clear()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve_site(tmp_path: Path) -> Iterator[Site]:
    """The body of each module's ``site`` fixture: a fresh site, shut down afterwards."""
    s = Site(tmp_path / "site")
    try:
        yield s
    finally:
        s.close()


FAST = ["--host-delay", "0", "--backoff", "0", "--timeout", "2"]


def watch(store: Path | str, *args: str) -> Result:
    """``attribtrack watch --once`` with no pauses between requests."""
    return CliRunner().invoke(cli, ["--store", str(store), "watch", "--once", *FAST, *args])


def changes(store: Path | str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "changes", *args])


def changes_json(store: Path | str, *args: str) -> list[dict[str, Any]]:
    result = changes(store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["changes"]  # type: ignore[no-any-return]


def fetch_state(store: Path | str, url: str) -> Any:
    from attribtrack.store import open_store

    with open_store(str(store)) as s:
        return s.fetch_state(url)


def send(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes = b"",
         headers: dict[str, str] | None = None) -> None:  # fmt: skip
    handler.send_response(status)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    if "Content-Length" not in (headers or {}):
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture(name="site")
def _site(tmp_path: Path) -> Iterator[Site]:
    yield from serve_site(tmp_path)


def test_site_moves_last_modified_on_and_answers_304(site: Site) -> None:
    site.write("a.html", page("One."))
    with urllib.request.urlopen(site.url("a.html")) as first:
        stamp = first.headers["Last-Modified"]
    request = urllib.request.Request(site.url("a.html"), headers={"If-Modified-Since": stamp})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)
    assert answer.value.code == 304
    site.write("a.html", page("Two."))
    with urllib.request.urlopen(request) as again:
        assert again.status == 200 and again.headers["Last-Modified"] != stamp
    assert site.hits("a.html") == [200, 304, 200]
