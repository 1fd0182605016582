"""The source graph of the seed article, and its renderers (table, JSON, DOT, Mermaid)."""

from __future__ import annotations

import io
import json
import re

import pydot
import pytest
from rich.console import Console
from test_verify import ARTICLE, SEED, SOURCES, claim

from attribtrack.models import Claims, DocumentRef
from attribtrack.render.sources_dot import quote, render_dot
from attribtrack.render.sources_json import render_json
from attribtrack.render.sources_mermaid import escape, render_mermaid
from attribtrack.render.sources_table import render_sources_table
from attribtrack.sources import documents_from_paths, graph, verify
from attribtrack.sources.model import SourceGraph

# pydot's parser (pyparsing) warns about its own use of deprecated names
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def seed_graph() -> SourceGraph:
    v = verify(SEED, ARTICLE, documents_from_paths(SOURCES))
    return graph(SEED, v, title="crocus mall")


def edges(g: SourceGraph) -> set[tuple[str, str, str]]:
    return {(e.source, e.relation, e.target) for e in g.edges}


def test_seed_graph_speakers_outlets_article(seed_graph: SourceGraph) -> None:
    got = edges(seed_graph)
    assert ("dmitry-peskov", "via", "kremlin") in got  # from the Kremlin transcript
    assert ("sergei-naryshkin", "via", "interfax") in got  # "told Interfax"
    assert ("lynne-tracy", "via", "telegram") in got  # "in a statement on Telegram"
    assert ("the-washington-post", "confirmed-by", "the-new-york-times") in got
    for place in ("kremlin", "interfax", "telegram", "the-washington-post"):
        assert (place, "cited-by", "article") in got
    # speakers reached the article through those, not directly
    assert ("dmitry-peskov", "cited-by", "article") not in got
    assert ("sergei-naryshkin", "cited-by", "article") not in got


def test_node_types(seed_graph: SourceGraph) -> None:
    types = {n.id: n.type for n in seed_graph.nodes}
    assert types["article"] == "article"
    assert types["telegram"] == "channel"
    assert types["kremlin"] == "outlet"
    assert types["the-new-york-times"] == "outlet"
    assert types["dmitry-peskov"] == "person"
    assert types["intelligence-sources"] == "anonymous"


def test_confirmation_has_both_kinds_of_evidence(seed_graph: SourceGraph) -> None:
    edge = next(e for e in seed_graph.edges if e.relation == "confirmed-by")
    assert edge.claims == ("c1", "c2")
    in_text = [ev for ev in edge.evidence if ev.span is not None]
    from_docs = [ev for ev in edge.evidence if ev.passage is not None]
    assert [ev.claim for ev in in_text] == ["c2"]  # "which was later confirmed by The New York Times"
    assert {ev.claim for ev in from_docs} == {"c1", "c2"}
    assert all(ev.passage.document.endswith("nyt-crocus-warning.md") for ev in from_docs)  # type: ignore[union-attr]


def test_claim_rows(seed_graph: SourceGraph) -> None:
    rows = {r.claim: r for r in seed_graph.claims}
    assert rows["c4"].via == ("Kremlin",)
    assert rows["c6"].verdict == "altered"
    assert rows["c1"].confirmed_by == ("The New York Times",)
    assert rows["c2"].via == ("The Washington Post",)
    assert rows["c13"].via == ("Telegram",)


def test_without_documents_the_text_alone_draws_the_graph() -> None:
    g = graph(SEED, None, title="crocus mall")
    got = edges(g)
    assert ("dmitry-peskov", "cited-by", "article") in got
    assert "kremlin" not in {n.id for n in g.nodes}
    assert ("sergei-naryshkin", "via", "interfax") in got
    assert ("the-washington-post", "confirmed-by", "the-new-york-times") in got


def test_json_is_the_contract_and_stable(seed_graph: SourceGraph) -> None:
    out = render_json(seed_graph)
    data = json.loads(out)
    assert data["schema"] == "attribtrack.sources/1"
    assert set(data) == {"schema", "document", "article", "nodes", "edges", "claims"}
    assert out == render_json(SourceGraph.model_validate(data))
    assert list(data) == sorted(data)


def test_dot_parses_and_round_trips_labels(seed_graph: SourceGraph) -> None:
    (parsed,) = pydot.graph_from_dot_data(render_dot(seed_graph))
    names = {n.get_name().strip('"') for n in parsed.get_nodes()} - {"node", "edge"}
    assert names == {n.id for n in seed_graph.nodes}
    assert len(parsed.get_edges()) == len(seed_graph.edges)
    peskov = parsed.get_node('"dmitry-peskov"')[0]
    assert peskov.get_label() == '"Dmitry Peskov"'
    assert parsed.get_node('"telegram"')[0].get_label() == '"Telegram\\n(channel)"'


HOSTILE = 'The "Daily" \\ Planet <script>alert(1)</script> #1 | `x`'


def hostile_graph() -> SourceGraph:
    text = f'"We will win," {HOSTILE} said.'
    c = claim("c1", "direct", text, HOSTILE, "organization", content=("We will win,",), text=text)
    return graph(Claims(document=DocumentRef(sha256="0" * 64), claims=(c,)), None, title='a "b" \\ c')


def test_dot_escapes_quotes_and_backslashes() -> None:
    assert quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    out = render_dot(hostile_graph())
    (parsed,) = pydot.graph_from_dot_data(out)
    labels = {n.get_label() for n in parsed.get_nodes() if n.get_label()}
    assert quote(HOSTILE) in labels


def test_mermaid_escapes_what_would_break_a_label() -> None:
    assert escape('a "b" <i> #1 | `x`') == "a #quot;b#quot; #lt;i#gt; #35;1 #124; #96;x#96;"
    out = render_mermaid(hostile_graph())
    assert "<script>" not in out and '"Daily"' not in out
    assert out.startswith("flowchart LR\n")
    for line in out.splitlines()[1:]:
        # every label is one quoted string: an even number of double quotes per line
        assert line.count('"') % 2 == 0


def test_mermaid_seed(seed_graph: SourceGraph) -> None:
    out = render_mermaid(seed_graph)
    assert '  n_dmitry_peskov -->|"via (c4, c5)"| n_kremlin' in out
    assert '  n_the_washington_post -.->|"confirmed by (c1, c2)"| n_the_new_york_times' in out
    assert '  n_telegram[["Telegram"]]' in out


def test_table_lists_who_said_what_through_whom(seed_graph: SourceGraph) -> None:
    buf = io.StringIO()
    render_sources_table(seed_graph, Console(file=buf, width=200, color_system=None))
    lines = buf.getvalue().splitlines()
    row = next(line for line in lines if line.lstrip("│ ").startswith("c9 "))
    assert "Sergei Naryshkin" in row and "Interfax" in row and "verbatim" in row
    row = next(line for line in lines if line.lstrip("│ ").startswith("c1 "))
    assert "The Washington Post" in row and "The New York Times" in row and "supported" in row


@pytest.mark.parametrize("width", [80, 120, 200])
def test_table_fits_the_terminal(seed_graph: SourceGraph, width: int) -> None:
    buf = io.StringIO()
    render_sources_table(seed_graph, Console(file=buf, width=width, color_system=None))
    lines = buf.getvalue().splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    # every claim has its row, its id in the first column
    ids = [line.split()[0] for line in lines if re.match(r" c\d+ ", line)]
    assert ids == [r.claim for r in seed_graph.claims]
