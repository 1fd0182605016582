"""serve's pages and JSON API through Starlette's TestClient over a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from attribtrack.cli import cli  # noqa: E402
from attribtrack.serve import create_app  # noqa: E402
from attribtrack.serve.openapi import openapi  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = (
    "hostile story\nThe mayor said <script>alert(1)</script> was fine.\n\n"
    "<img src=x onerror=alert(2)> appeared, officials said.\n"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("serve") / "st.db"
    hostile = path.parent / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    runner = CliRunner()
    for args in (
        [
            str(FIXTURES / "crocus.txt"),
            str(FIXTURES / "crocus-rev2.txt"),
            "--doc",
            "crocus",
            "--outlet",
            "AP",
        ],
        [str(hostile), "--doc", "hostile"],
        sorted(str(p) for p in (FIXTURES / "sources").glob("*.md")),
    ):
        result = runner.invoke(cli, ["--store", str(path), "ingest", *args])
        assert result.exit_code == 0, result.output
    from attribtrack.store import ChangeEvent, open_store

    with open_store(path) as st:
        st.record_changes("crocus", 1, 2, [ChangeEvent(type="source-changed", detail="recorded by a test")])
    return str(path)


@pytest.fixture(scope="module")
def client(store: str) -> TestClient:
    return TestClient(create_app(store))


SPEC = openapi()


def valid(path_key: str, body: object, status: str = "200") -> None:
    ref = SPEC["paths"][path_key]["get"]["responses"][status]["content"]["application/json"]["schema"]
    jsonschema.validate(body, {**ref, "components": SPEC["components"]})


def test_openapi_is_served_and_valid(client: TestClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == SPEC
    from jsonschema import Draft202012Validator

    for schema in SPEC["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_documents_api_and_search(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    valid("/api/documents", body)
    ids = [d["id"] for d in body["documents"]]
    assert ids[:2] == ["crocus", "hostile"] and len(ids) == 2 + len(list((FIXTURES / "sources").glob("*.md")))
    assert [d["id"] for d in client.get("/api/documents?q=crocus+mall").json()["documents"]] == ["crocus"]
    assert [d["id"] for d in client.get("/api/documents?outlet=associated").json()["documents"]] == ["crocus"]
    by_source = [d["id"] for d in client.get("/api/documents?source=peskov").json()["documents"]]
    assert "crocus" in by_source and "hostile" not in by_source
    assert client.get("/api/documents?q=nothing-like-it").json()["documents"] == []


def test_timeline_api(client: TestClient) -> None:
    body = client.get("/api/documents/crocus").json()
    valid("/api/documents/{doc}", body)
    revs = body["revisions"]
    assert [r["number"] for r in revs] == [1, 2]
    assert revs[0]["changes"] == {} and revs[1]["changes"], "the pair 1->2 changes attribution"
    assert all(r["claims"] > 0 for r in revs)


def test_revision_diff_blame_sources_changes_api(client: TestClient, store: str) -> None:
    rev = client.get("/api/documents/crocus/revisions/2").json()
    valid("/api/documents/{doc}/revisions/{n}", rev)
    assert rev["text"] == (FIXTURES / "crocus-rev2.txt").read_text(encoding="utf-8")
    diff = client.get("/api/documents/crocus/diff/1/2").json()
    valid("/api/documents/{doc}/diff/{old}/{new}", diff)
    assert diff["changes"] and diff["old"]["revision"] == 1 and diff["new"]["revision"] == 2
    blame = client.get("/api/documents/crocus/blame").json()
    valid("/api/documents/{doc}/blame", blame)
    assert blame["revision"] == 2 and blame["claims"]
    graph = client.get("/api/documents/crocus/sources").json()
    valid("/api/documents/{doc}/sources", graph)
    assert any(n["name"] == "Dmitry Peskov" for n in graph["nodes"])
    cli_graph = CliRunner().invoke(cli, ["--store", store, "sources", "crocus", "--format", "json"])
    assert cli_graph.exit_code == 0, cli_graph.output
    assert graph == __import__("json").loads(cli_graph.output), "the same graph and verdicts as `sources`"
    assert any(c["verdict"] == "verbatim" for c in graph["claims"])
    changes = client.get("/api/changes").json()
    valid("/api/changes", changes)
    assert [(c["document"], c["type"]) for c in changes["changes"]] == [("crocus", "source-changed")]


@pytest.mark.parametrize(
    "url",
    ["/doc/nope", "/doc/crocus/diff/1/9", "/doc/crocus/diff/x/2", "/doc/nope/blame", "/doc/nope/sources",
     "/api/documents/nope", "/api/documents/crocus/revisions/7", "/api/documents/crocus/diff/1/9",
     "/nowhere"],
)  # fmt: skip
def test_unknown_is_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/"):
        valid("/api/documents/{doc}", response.json(), "404")
    else:
        assert "Not found" in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("url", ["/", "/api/documents", "/doc/crocus"])
def test_writes_are_405(client: TestClient, method: str, url: str) -> None:
    response = client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("url", ["/", "/doc/crocus", "/doc/crocus/diff/1/2", "/api/documents", "/doc/nope"])
def test_csp_on_every_response(client: TestClient, url: str) -> None:
    csp = client.get(url).headers["content-security-policy"]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp


def test_pages(client: TestClient) -> None:
    docs = client.get("/")
    assert 'href="/doc/crocus"' in docs.text
    timeline = client.get("/doc/crocus").text
    assert 'href="/doc/crocus/diff/1/2"' in timeline
    diff = client.get("/doc/crocus/diff/1/2").text
    assert 'class="r-source"' in diff and 'class="r-cue"' in diff and 'class="r-content"' in diff
    assert "<del" in diff and "<ins" in diff
    for anchor in __import__("re").findall(r'href="#(p\d+)"', diff):
        assert f'id="{anchor}"' in diff
    assert "Dmitry Peskov" in client.get("/doc/crocus/blame").text
    sources = client.get("/doc/crocus/sources").text
    assert "<svg" in sources and "Dmitry Peskov" in sources
    assert "recorded by a test" in client.get("/changes").text
    assert client.head("/doc/crocus").status_code == 200


def test_article_text_is_escaped(client: TestClient) -> None:
    for url in ("/doc/hostile/blame", "/doc/hostile/sources", "/doc/hostile/diff/1/1"):
        text = client.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text


def test_search_terms_are_escaped(client: TestClient) -> None:
    text = client.get("/", params={"q": '"><script>alert(3)</script>'}).text
    assert "<script>alert(3)" not in text and "&lt;script&gt;alert(3)" in text


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    from attribtrack.serve.run import is_loopback

    assert is_loopback(host) is loopback


def test_serve_without_a_store_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "missing.db"), "serve", "--port", "0"])
    assert result.exit_code == 3
    assert result.output.startswith("attribtrack: error: no attribtrack store at ")


def test_serve_help() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output and "Read-only" in result.output


FRAMEWORKS = {"starlette", "jinja2", "uvicorn", "markupsafe"}


def test_only_the_serve_package_imports_the_web_framework() -> None:
    import ast

    package = Path(__file__).resolve().parents[1] / "attribtrack"
    for path in package.rglob("*.py"):
        if path.relative_to(package).parts[0] == "serve":
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        assert not names & FRAMEWORKS, path
