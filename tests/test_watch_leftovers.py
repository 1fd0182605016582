"""What issue 11 left: a busy store does not end the long-running watcher; the URL is a page's
document origin, so a page never silently joins a document from elsewhere; a watch table
pasted as ``[tool.attribtrack.watch]`` into ``.attribtrack.toml`` is read; watch's errors never
suggest ``--encoding``. A real HTTP server on 127.0.0.1, real stores, the CLI as users run it."""

from __future__ import annotations

import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_watch_loop import _drain, _start, _wait_for
from test_watch_site import ARTICLE_V1, ARTICLE_V2, Site, page, send, serve_site, watch

from attribtrack.cli import cli
from attribtrack.store import open_store


@pytest.fixture(name="site")
def _site(tmp_path: Path) -> Iterator[Site]:
    yield from serve_site(tmp_path)


def documents(store: Path | str) -> dict[str, list[int]]:
    with open_store(str(store)) as s:
        return {d.id: [r.number for r in s.revisions(d.id)] for d in s.documents()}


# -- (a) a busy store during the loop


def test_a_busy_store_ends_a_pass_not_the_watcher(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    open_store(str(store), create=True).close()
    site.write("story.html", ARTICLE_V1)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, for longer than the busy timeout (5 s)
    proc, lines = _start(store, site.url("story.html"))
    seen: list[str] = []
    try:
        _wait_for(lines, "store is busy", seen)
        assert seen[-1] == (
            f"attribtrack: warning: store is busy (another attribtrack is writing to {store}): "
            "this pass stopped; the next one carries on\n"
        )
        assert proc.poll() is None  # still watching
        holder.execute("ROLLBACK")
        _wait_for(lines, "new revision story@1", seen)
        _wait_for(lines, "checked 1,", seen)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        holder.close()
    assert "Traceback" not in "".join(seen) + _drain(lines)
    assert documents(store) == {"story": [1]}


def test_a_busy_store_still_fails_watch_once(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    open_store(str(store), create=True).close()
    site.write("story.html", ARTICLE_V1)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = watch(store, site.url("story.html"))
    finally:
        holder.close()
    assert result.exit_code == 4 and result.output.startswith("attribtrack: error: store is busy ")


# -- (b) the URL is the origin


def test_a_page_never_joins_a_document_from_a_file(site: Site, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "s.db"
    (tmp_path / "story.txt").write_text("The treasurer said the budget was balanced.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["--store", str(store), "ingest", "story.txt"]).exit_code == 0
    site.write("news/story.html", ARTICLE_V1)
    result = watch(store, site.url("news/story.html"))
    assert result.exit_code == 0 and "new revisions 1" in result.output, result.output
    assert documents(store) == {"story": [1], "story-2": [1]}  # not story@2
    with open_store(str(store)) as s:
        assert s.document("story-2").url == site.url("news/story.html")
    site.write("news/story.html", ARTICLE_V2)  # the page's own document from then on
    assert "new revisions 1" in watch(store, "--all", site.url("news/story.html")).output
    assert documents(store) == {"story": [1], "story-2": [1, 2]}


def test_a_page_ingested_by_url_is_followed_as_the_same_document(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("story.html", ARTICLE_V1)
    assert CliRunner().invoke(cli, ["--store", str(store), "ingest", site.url("story.html")]).exit_code == 0
    site.write("story.html", ARTICLE_V2)
    assert "new revisions 1" in watch(store, site.url("story.html")).output
    assert documents(store) == {"story": [1, 2]}


def test_two_urls_deriving_one_id_are_two_documents(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    site.write("world/story.html", ARTICLE_V1)
    site.write("local/story.html", page("The harbour master said the pier would close."))
    result = watch(store, site.url("world/story.html"), site.url("local/story.html"))
    assert "new revisions 2" in result.output, result.output
    assert documents(store) == {"story": [1], "story-2": [1]}
    with open_store(str(store)) as s:  # each remembers where it came from
        assert {s.document(d).url for d in ("story", "story-2")} == {
            site.url("world/story.html"), site.url("local/story.html")
        }  # fmt: skip


# -- (c) [tool.attribtrack.watch] pasted into .attribtrack.toml


def test_a_pasted_tool_table_configures_watch(site: Site, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    site.write("story.html", ARTICLE_V1)
    source = site.url("story.html")
    pasted = f'[tool.attribtrack]\nselect = ["AT1"]\n\n[tool.attribtrack.watch]\nsources = ["{source}"]\n'
    (tmp_path / ".attribtrack.toml").write_text(pasted, encoding="utf-8")
    result = watch(tmp_path / "s.db")
    assert (result.exit_code, result.output) == (
        0,
        "checked 1, unchanged 0, new revisions 1, changes 0, errors 0\n",
    )
    # its keys are checked as in pyproject.toml, and named as they are written there
    (tmp_path / ".attribtrack.toml").write_text("[tool.attribtrack.watch]\nbogus = 1\n", encoding="utf-8")
    result = watch(tmp_path / "s.db")
    assert result.exit_code == 2
    assert result.output == (
        "attribtrack: error: unknown configuration key 'tool.attribtrack.watch.bogus' in "
        f"{tmp_path / '.attribtrack.toml'}\n"
    )
    (tmp_path / ".attribtrack.toml").write_text("[watch]\n[tool.attribtrack.watch]\n", encoding="utf-8")
    result = watch(tmp_path / "s.db")
    assert result.exit_code == 2 and "use one or the other" in result.output


# -- (d) no advice to pass --encoding


def test_watch_never_suggests_encoding(site: Site, tmp_path: Path) -> None:
    # UTF-7 as the page declares it decodes "+2D8-" to a lone surrogate, which no store takes.
    body = page("The mayor said +2D8- the pier would reopen.").encode("ascii")
    site.routes["/utf7"] = lambda h: send(h, 200, body, {"Content-Type": "text/html; charset=utf-7"})  # type: ignore[arg-type]
    site.routes["/plain"] = lambda h: send(
        h, 200, b"The mayor said +2D8- so.", {"Content-Type": "text/plain; charset=utf-7"}
    )  # type: ignore[arg-type]
    result = watch(tmp_path / "s.db", site.url("utf7"), site.url("plain"))
    assert result.exit_code == 0 and "errors 2" in result.output, result.output
    warnings = result.output.splitlines()[:-1]
    assert len(warnings) == 2 and all("decodes to an unpaired surrogate" in w for w in warnings), warnings
    assert "--encoding" not in result.output
    assert all(
        w.endswith("(read as utf-7, from the charset the page declares or its bytes fit)") for w in warnings
    )
