"""watch --once over a real HTTP server on 127.0.0.1: a feed, an edited article, 304, a 500."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path

from click.testing import CliRunner

from attribtrack.cli import cli

V1 = (
    '<html><body><article><p>The mayor said on Monday that "the bridge will reopen in May," '
    "according to city officials.</p><p>Police said the driver was allegedly speeding.</p>"
    "</article></body></html>"
)
V2 = (
    '<html><body><article><p>The mayor said on Monday that "the bridge will reopen in June," '
    "according to city officials.</p><p>The driver was speeding.</p></article></body></html>"
)


def serve(root: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_feed_edit_changes_recorded(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "bridge.html").write_text(V1)
    (site / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>b</title>'
        f"<link>{base}/bridge.html</link></item></channel></rss>"
    )
    store = str(tmp_path / "s.db")
    runner = CliRunner()
    try:
        first = runner.invoke(
            cli, ["--store", store, "watch", "--once", f"{base}/feed.xml", f"{base}/missing"]
        )
        assert first.exit_code == 0, first.output
        (site / "bridge.html").write_text(V2)
        # An edited page has a later Last-Modified; within the same second the file server would
        # answer the watcher's If-Modified-Since with 304 (second resolution).
        stamp = (site / "bridge.html").stat().st_mtime + 60
        os.utime(site / "bridge.html", (stamp, stamp))
        # --all: the schedule would next check the article in 15 minutes
        second = runner.invoke(cli, ["--store", store, "watch", "--once", "--all", f"{base}/feed.xml"])
        assert second.exit_code == 0
        assert "new revisions 1" in second.output
        out = runner.invoke(cli, ["--store", store, "changes", "--format", "json"])
        data = json.loads(out.output)
        assert data["changes"], out.output
        assert all(c["document"] == "bridge" for c in data["changes"])
        again = runner.invoke(cli, ["--store", store, "watch", "--once", "--all", f"{base}/feed.xml"])
        assert "new revisions 0" in again.output
        assert (
            json.loads(runner.invoke(cli, ["--store", store, "changes", "--format", "json"]).output) == data
        )
    finally:
        server.shutdown()


def test_gzip_body_is_limited_after_decompression() -> None:
    # 4 MB of zeros compress to ~4 KB: the wire size is small, the page is not.
    import gzip

    import pytest

    from attribtrack.errors import InputError
    from attribtrack.watch import fetch

    bomb = gzip.compress(b"\0" * (4 * 1024 * 1024))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            self.wfile.write(bomb)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/page"
        with pytest.raises(InputError, match="once decompressed"):
            fetch(url, max_bytes=1024 * 1024, retries=0)
        assert len(fetch(url, max_bytes=8 * 1024 * 1024, retries=0).body) == 4 * 1024 * 1024
    finally:
        server.shutdown()
