"""Watch configuration: [tool.attribtrack.watch] / .attribtrack.toml [watch], --config FILE, OPML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_watch_site import ARTICLE_V1, Site, fetch_state, page, rss, serve_site, watch

from attribtrack.cli import cli
from attribtrack.store import open_store


@pytest.fixture(name="site")
def _site(tmp_path: Path) -> Iterator[Site]:
    yield from serve_site(tmp_path)


def _news(site: Site) -> None:
    site.write("world/a.html", ARTICLE_V1)
    site.write("world/live.html", page("The minister said the live blog goes on."))
    site.write("sport/b.html", page("The coach said the team would win."))
    site.write("feed.xml", rss(site.base, ["world/a.html", "world/live.html", "sport/b.html"]))


def test_pyproject_sources_with_their_settings(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _news(site)
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.attribtrack]\nfail-on = "warning"\n\n[tool.attribtrack.watch]\nhost-delay = 0\n'
        f'schedule = "30m until 1d"\n\n[[tool.attribtrack.watch.sources]]\nurl = "{site.url("feed.xml")}"\n'
        'outlet = "Gazette"\nkind = "source"\ninclude = ["*/world/*"]\nexclude = ["*/live*"]\n'
    )
    monkeypatch.chdir(project / "sub")  # found upward, like the rest of the configuration
    store = tmp_path / "s.db"
    result = watch(store)
    assert result.exit_code == 0, result.output
    assert "new revisions 1" in result.output
    assert site.hits("world/live.html") == [] and site.hits("sport/b.html") == []
    with open_store(str(store)) as s:
        doc = s.document("a")
        assert (doc.outlet, doc.kind) == ("Gazette", "source")
        state = s.fetch_state(site.url("world/a.html"))
        assert state.settings["schedule"] == "30m until 1d"
        assert state.next_check is not None and state.next_check > state.last_checked
    # `check` reads the same file and is not upset by the watch table
    draft = project / "draft.md"
    draft.write_text("The mayor said the bridge would reopen.\n")
    assert CliRunner().invoke(cli, ["check", str(draft)]).exit_code in (0, 1)


def test_dot_attribtrack_toml_and_config_file(site: Site, tmp_path: Path) -> None:
    _news(site)
    conf = tmp_path / "elsewhere" / ".attribtrack.toml"
    conf.parent.mkdir()
    conf.write_text(f'[watch]\nsources = ["{site.url("world/a.html")}"]\nmax-in-flight = 2\n')
    store = tmp_path / "s.db"
    result = watch(store, "--config", str(conf))
    assert result.exit_code == 0 and "new revisions 1" in result.output, result.output
    assert fetch_state(store, site.url("world/a.html")).kind == "page"


def test_opml_feed_list(site: Site, tmp_path: Path) -> None:
    _news(site)
    site.write("other.xml", rss(site.base, ["sport/b.html"]))
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>desk</title></head><body>'
        '<outline text="World"><outline type="rss" text="Gazette" title="The Gazette" '
        f'xmlUrl="{site.url("feed.xml")}"/></outline>'
        f'<outline type="rss" text="Herald" xmlUrl="{site.url("other.xml")}"/></body></opml>'
    )
    store = tmp_path / "s.db"
    result = watch(store, "--opml", str(opml), "--exclude", "*/live*")
    assert result.exit_code == 0 and "new revisions 2" in result.output, result.output
    with open_store(str(store)) as s:
        assert s.document("a").outlet == "The Gazette"
        # b is listed by both feeds: the first to list it (in URL order) keeps it
        assert s.document("b").outlet in ("The Gazette", "Herald")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[watch]\nschedule = \"every hour\"\n", "watch.schedule: 'every hour' is not 'EVERY until AGE'"),
        ("[watch]\nmax-in-flight = 0\n", "watch.max-in-flight must be at least 1"),
        ('[watch]\nsources = [{url = "http://x.example/", kind = "blog"}]\n', "kind must be article or"),
        ('[watch]\nsources = [{url = "http://x.example/", colour = 1}]\n', "key 'watch.sources[0].colour'"),
        ("[watch]\nsources = [\"file:///etc/passwd\"]\n", "is not an http(s) URL"),
        ("[watch]\nopml = \"missing.opml\"\n", "cannot read OPML"),
        ("[watch\n", "invalid TOML"),
        ('[watch]\nuser-agent = "a\\nX-Evil: 1"\n', "watch.user-agent: a User-Agent is one line"),
    ],
)  # fmt: skip
def test_bad_configuration_exits_2(tmp_path: Path, text: str, message: str) -> None:
    conf = tmp_path / "w.toml"
    conf.write_text(text)
    result = watch(tmp_path / "s.db", "--config", str(conf))
    assert result.exit_code == 2, result.output
    assert result.output.startswith("attribtrack: error: ") and message in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<opml><body><outline text='x'/></body></opml>", "no feeds"),
        ("<rss/>", "not OPML"),
        ("<opml><body>", "not valid OPML"),
    ],
)
def test_bad_opml_exits_2(tmp_path: Path, text: str, message: str) -> None:
    opml = tmp_path / "f.opml"
    opml.write_text(text)
    result = watch(tmp_path / "s.db", "--opml", str(opml))
    assert result.exit_code == 2 and message in result.output, result.output
