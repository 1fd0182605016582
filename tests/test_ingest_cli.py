"""`init`, `ingest`, `log`, `show` through the CLI: exact output and exit codes."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from attribtrack.cli import cli
from attribtrack.store import base as store_base

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CROCUS = FIXTURES / "crocus.txt"
CROCUS2 = FIXTURES / "crocus-rev2.txt"
NOW = "2026-01-02T03:04:05Z"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ATTRIBTRACK_STORE", raising=False)
    monkeypatch.setattr(store_base, "_now", lambda: NOW)  # the clock of every backend
    for proxy in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)


def run(*args: str | os.PathLike[str], input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def added(ref: str, path: Path | str, data: bytes) -> str:
    return f"added {ref} from {path} ({len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:12]})\n"


# --- init and ingest -------------------------------------------------------------------------


def test_init_creates_the_store_here(tmp_path: Path) -> None:
    result = run("init")
    store = tmp_path / ".attribtrack" / "attribtrack.db"
    assert (result.exit_code, result.stdout) == (0, f"Initialized empty attribtrack store in {store}\n")
    result = run("init")
    assert (result.exit_code, result.stdout) == (0, f"Found existing attribtrack store in {store}\n")


def test_ingest_two_revisions_then_nothing_new() -> None:
    result = run("ingest", CROCUS, CROCUS2, "--doc", "crocus")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == added("crocus@1", CROCUS, CROCUS.read_bytes()) + added(
        "crocus@2", CROCUS2, CROCUS2.read_bytes()
    )
    assert result.stderr == ""
    again = run("ingest", CROCUS2, "--doc", "crocus")  # the latest revision's text (a revert is new)
    assert (again.exit_code, again.stdout) == (
        0,
        f"unchanged crocus@2: {CROCUS2} has the same text; nothing added\n",
    )
    assert [
        r["number"] for r in json.loads(run("log", "crocus", "--format", "json").stdout)["revisions"]
    ] == [1, 2]


def test_document_id_comes_from_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "Crocus Update (2).txt").write_bytes(CROCUS2.read_bytes())
    result = run("ingest", "Crocus Update (2).txt")
    assert result.stdout.startswith("added crocus-update-2@1 from Crocus Update (2).txt (")
    assert (tmp_path / ".attribtrack" / "attribtrack.db").is_file()


def test_log_text_and_json() -> None:
    run("ingest", CROCUS, "--doc", "crocus", "--outlet", "WaPo", "--published", "2024-04-02")
    run("ingest", CROCUS2, "--doc", "crocus", "--title", "Crocus warning, updated")
    result = run("log", "crocus")
    assert result.exit_code == 0
    assert result.stdout == (
        "crocus (article, outlet The Washington Post)\n"
        "#  ingested             published   sha256        bytes  claims  title\n"
        f"1  2026-01-02 03:04:05  2024-04-02  {sha(CROCUS)[:12]}   3565       -  crocus mall\n"
        f"2  2026-01-02 03:04:05  -           {sha(CROCUS2)[:12]}   3683       -  Crocus warning, updated\n"
    )
    data = json.loads(run("log", "crocus", "--format", "json").stdout)
    assert data["document"] == {
        "channel": None, "created_at": NOW, "id": "crocus", "kind": "article",
        "outlet": "The Washington Post", "speaker": None, "title": "Crocus warning, updated", "url": None,
    }  # fmt: skip
    assert data["revisions"][0] == {
        "chars": 3565, "claims": None, "document": "crocus", "ingested_at": NOW, "metadata": {}, "number": 1,
        "published_at": "2024-04-02", "sha256": sha(CROCUS), "size": 3565, "title": "crocus mall",
    }  # fmt: skip


def test_show_is_byte_identical_for_every_revision_spec() -> None:
    run("ingest", CROCUS, CROCUS2, "--doc", "crocus")
    for target, path in [
        ("crocus", CROCUS2),
        ("crocus@2", CROCUS2),
        ("crocus@1", CROCUS),
        ("crocus@-1", CROCUS),
    ]:
        result = run("show", target)
        assert (result.exit_code, result.stdout_bytes) == (0, path.read_bytes()), target


def test_show_a_file_creates_no_store(tmp_path: Path) -> None:
    result = run("show", CROCUS)
    assert (result.exit_code, result.stdout_bytes) == (0, CROCUS.read_bytes())
    assert list(tmp_path.iterdir()) == []


def test_stdin_needs_a_document_id() -> None:
    result = run("ingest", "-", input=b"Headline\n\nBody text.\n")
    assert (result.exit_code, result.stderr) == (
        2,
        "attribtrack: error: <stdin>: cannot tell which document this is (pass --doc ID)\n",
    )
    result = run("ingest", "-", "--doc", "note", input=b"Headline\n\nBody text.\n")
    assert (result.exit_code, result.stdout) == (0, added("note@1", "-", b"Headline\n\nBody text.\n"))
    assert run("show", "note").stdout_bytes == b"Headline\n\nBody text.\n"
    assert run("show", "-", input=b"piped").stdout_bytes == b"piped"


def test_unbalanced_quotes_are_fine_to_ingest(tmp_path: Path) -> None:
    text = 'Quote check\n\n"This sentence opens a quote and never closes it, Peskov said.\n'
    (tmp_path / "q.txt").write_text(text)
    assert run("ingest", "q.txt").exit_code == 0
    assert run("show", "q").stdout == text


def test_markdown_front_matter_sets_document_fields(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(
        "---\ndoc: peskov-statement\nkind: source\nspeaker: Dmitry Peskov\nchannel: Telegram\n"
        "outlet: interfax\n---\nPeskov said the administration was unaware.\n"
    )
    assert run("ingest", "draft.md").stdout.startswith("added peskov-statement@1 from draft.md")
    assert run("log", "peskov-statement").stdout.splitlines()[0] == (
        "peskov-statement (source, outlet Interfax, speaker Dmitry Peskov, channel Telegram)"
    )


def test_store_option_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "elsewhere" / "my.db"
    assert run("--store", db, "ingest", CROCUS).exit_code == 0
    assert not (tmp_path / ".attribtrack").exists()
    monkeypatch.setenv("ATTRIBTRACK_STORE", str(db))
    assert run("show", "crocus").stdout_bytes == CROCUS.read_bytes()


def test_the_store_is_found_from_a_subdirectory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("ingest", CROCUS)
    (tmp_path / "sub" / "dir").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sub" / "dir")
    assert run("show", "crocus@1").stdout_bytes == CROCUS.read_bytes()
    assert not (tmp_path / "sub" / "dir" / ".attribtrack").exists()


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("adir", "DIR", "adir: is a directory (name the files in it)"),
        ("empty.txt", b"", "empty.txt: is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         "image.txt: looks like a binary file (it contains NUL bytes) "
         "(attribtrack reads .txt, .md, .json, .html and .docx)"),
        ("latin.txt", "Caf\u00e9".encode("latin-1"), "latin.txt: not valid UTF-8 (byte 0xe9 at offset 3) "
         "(pass --encoding, e.g. --encoding cp1252 or --encoding latin-1)"),
    ],
)  # fmt: skip
def test_bad_inputs_exit_3_with_one_line(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    if content == "DIR":
        (tmp_path / name).mkdir()
    elif isinstance(content, bytes):
        (tmp_path / name).write_bytes(content)
    result = run("ingest", name)
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", f"attribtrack: error: {message}\n")
    assert not (tmp_path / ".attribtrack").exists()  # nothing read, so no store was made


def test_encoding_option(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 Pushkin".encode("latin-1"))
    assert run("ingest", "latin.txt", "--encoding", "latin-1").exit_code == 0
    assert run("show", "latin").stdout == "Caf\u00e9 Pushkin"
    result = run("ingest", "latin.txt", "--encoding", "klingon")
    assert (result.exit_code, result.stderr) == (
        2,
        "attribtrack: error: unknown encoding 'klingon' (e.g. utf-8, cp1252, latin-1)\n",
    )


def test_one_bad_file_among_many(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("ingest", CROCUS, "empty.txt", CROCUS2)
    assert result.exit_code == 3
    assert result.stdout == added("crocus@1", CROCUS, CROCUS.read_bytes()) + added(
        "crocus-rev2@1", CROCUS2, CROCUS2.read_bytes()
    )
    assert result.stderr == (
        "attribtrack: error: empty.txt: is empty\nattribtrack: error: 1 of 3 inputs were not ingested\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--published", "yesterday"), "published date 'yesterday' is not an ISO date (use YYYY-MM-DD)"),
        (("--doc", "a@b"), "invalid document id 'a@b' (use letters, digits, '.', '_' and '-', starting with "
         "a letter or digit)"),
    ],
)  # fmt: skip
def test_bad_options_are_usage_errors(args: tuple[str, ...], message: str) -> None:
    result = run("ingest", CROCUS, *args)
    assert (result.exit_code, result.stderr) == (2, f"attribtrack: error: {message}\n")


def test_unknown_document_or_revision_exit_3() -> None:
    result = run("log", "crocus")
    assert (result.exit_code, result.stderr) == (
        3,
        "attribtrack: error: no attribtrack store here or in any parent directory "
        "(run `attribtrack init` or `attribtrack ingest`, or pass --store FILE)\n",
    )
    run("ingest", CROCUS, "--doc", "crocus")
    assert run("log", "nope").stderr == "attribtrack: error: unknown document 'nope'\n"
    assert run("log", "nope").exit_code == 3
    result = run("show", "crocus@2")
    assert (result.exit_code, result.stderr) == (
        3,
        "attribtrack: error: document 'crocus' has no revision 2 (it has one revision, 1)\n",
    )
    result = run("show", "nope@1")
    assert (result.exit_code, result.stderr) == (
        3,
        "attribtrack: error: nope@1: no such file or stored document\n",
    )


def test_corrupt_store_exit_4(tmp_path: Path) -> None:
    (tmp_path / "bad.db").write_bytes(b"definitely not sqlite\n" * 50)
    for args in (("ingest", CROCUS), ("log", "crocus"), ("show", "crocus")):
        result = run("--store", "bad.db", *args)
        assert (result.exit_code, result.stderr) == (
            4,
            "attribtrack: error: bad.db is corrupt or not an attribtrack store (file is not a database)\n",
        )


def test_newer_store_exit_4(tmp_path: Path) -> None:
    run("--store", "s.db", "init")
    con = sqlite3.connect(tmp_path / "s.db")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    result = run("--store", "s.db", "ingest", CROCUS)
    assert (result.exit_code, result.stderr) == (
        4,
        "attribtrack: error: s.db was written by a newer attribtrack (its schema is newer than this "
        "version knows) (upgrade attribtrack)\n",
    )


def test_a_50_mb_file_works_with_bounded_memory(tmp_path: Path) -> None:
    paragraph = (
        "The ministry said on Tuesday that talks would resume, officials told reporters. " * 12
    ).encode()
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"Big file\n\n")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(paragraph + b"\n\n")
    # The child's own peak is VmHWM: its ru_maxrss also counts the parent's resident memory at the
    # moment of exec (the kernel carries the old address space's high-water mark over), which is
    # pytest's own size late in a full run.
    code = (
        "import sys\n"
        "from attribtrack.cli import main\n"
        "sys.argv = ['attribtrack', '--store', 's.db', 'ingest', 'big.txt']\n"
        "try:\n    main()\n"
        "finally:\n"
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "    print(hwm, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(
        f"added big@1 from big.txt ({big.stat().st_size} bytes, sha256 {sha(big)[:12]})"
    )
    peak_mb = int(proc.stderr.strip().splitlines()[-1]) / 1024
    assert peak_mb < 6 * 50  # a handful of copies at most, never one per line
    shown = subprocess.run(
        [sys.executable, "-m", "attribtrack", "--store", "s.db", "show", "big"],
        capture_output=True,
        cwd=tmp_path,
    )
    assert shown.returncode == 0
    assert hashlib.sha256(shown.stdout).hexdigest() == sha(big)


# --- docx and HTML files ---------------------------------------------------------------------


def test_ingest_docx_and_html(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("First paragraph.")
    document.add_paragraph("Second paragraph.")
    document.save(str(tmp_path / "draft.docx"))
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title><style>.c{}</style></head><body><article><p>Peskov said it.</p>"
        "<script>track()</script></article></body></html>"
    )
    assert run("ingest", "draft.docx", "page.html").exit_code == 0
    assert run("show", "draft").stdout == "First paragraph.\n\nSecond paragraph."
    assert run("show", "page").stdout == "Peskov said it."


# --- URLs ------------------------------------------------------------------------------------


class Site(http.server.BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/go/crocus-warning":
            self.send_response(302)
            self.send_header("Location", "/news/2024/crocus-warning.html")
            self.end_headers()
            return
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Crocus warning</title><script>var tracking = 'SECRET';</script></head>"
        f"<body><article><h1>Crocus warning</h1>{body}</article></body></html>"
    ).encode()


def test_ingest_a_url_follows_redirects_and_adds_nothing_when_unchanged(site: str) -> None:
    first = "A U.S. warning named Crocus City Hall, The Washington Post reported on April 2."
    Site.pages["/news/2024/crocus-warning.html"] = page(first)
    url = f"{site}/go/crocus-warning"
    result = run("ingest", url)
    text = f"Crocus warning\n\n{first}"
    assert (result.exit_code, result.stdout) == (0, added("crocus-warning@1", url, text.encode()))
    assert run("show", "crocus-warning").stdout == text
    log = json.loads(run("log", "crocus-warning", "--format", "json").stdout)
    assert log["document"]["url"] == url
    assert log["revisions"][0]["metadata"]["final_url"] == f"{site}/news/2024/crocus-warning.html"
    assert log["revisions"][0]["metadata"]["fetched_at"].endswith("Z")
    again = run("ingest", url)
    assert again.stdout == f"unchanged crocus-warning@1: {url} has the same text; nothing added\n"
    Site.pages["/news/2024/crocus-warning.html"] = page(first, "Peskov said the Kremlin was unaware.")
    assert run("ingest", url).stdout.startswith("added crocus-warning@2 from ")
    assert "SECRET" not in run("show", "crocus-warning").stdout


def test_a_missing_page_is_an_input_error(site: str) -> None:
    result = run("ingest", f"{site}/nothing-here")
    assert (result.exit_code, result.stderr) == (
        3,
        f"attribtrack: error: {site}/nothing-here: HTTP 404 Not Found\n",
    )


def test_an_unreachable_url_is_an_input_error() -> None:
    result = run("ingest", "http://127.0.0.1:9/closed")
    assert result.exit_code == 3
    assert result.stderr.startswith("attribtrack: error: http://127.0.0.1:9/closed: cannot fetch (")


# --- two writers -----------------------------------------------------------------------------


def test_two_processes_ingesting_at_once_lose_nothing(tmp_path: Path) -> None:
    for who in ("a", "b"):
        (tmp_path / who).mkdir()
        for i in range(150):
            (tmp_path / who / f"{who}{i:03d}.txt").write_text(
                f"Story {who}{i}\n\nOfficials said {who} {i}.\n"
            )
        for i in range(10):  # and both write revisions of one shared document
            (tmp_path / who / f"shared-{who}{i}.md").write_text(f"---\ndoc: shared\n---\nUpdate {who}{i}.\n")
    db = tmp_path / "shared.db"
    env = {**os.environ, "ATTRIBTRACK_STORE": str(db)}
    procs = {
        who: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "attribtrack",
                "ingest",
                *sorted(str(p) for p in (tmp_path / who).iterdir()),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
            text=True,
        )  # fmt: skip
        for who in ("a", "b")
    }
    outputs = {who: proc.communicate(timeout=60) for who, proc in procs.items()}
    con = sqlite3.connect(db)
    stored = {row[0] for row in con.execute("SELECT document FROM revisions")}
    for who, proc in procs.items():
        out, err = outputs[who]
        assert proc.returncode in (0, 4), err
        if proc.returncode == 0:
            assert out.count("added ") == 160
            assert {f"{who}{i:03d}" for i in range(150)} <= stored
        else:  # failed cleanly: one line, and every revision it reported is really there
            assert err.startswith("attribtrack: error: store is busy (another attribtrack is writing to ")
            assert err.count("\n") == 1
            assert all(line.split()[1].split("@")[0] in stored for line in out.splitlines())
    numbers = [r[0] for r in con.execute("SELECT number FROM revisions WHERE document = 'shared' ORDER BY 1")]
    assert numbers == list(range(1, len(numbers) + 1))
    if procs["a"].returncode == procs["b"].returncode == 0:
        assert len(numbers) == 20
    # no half-written revision: every revision has its text, and the text has its hash
    rows = con.execute("SELECT r.sha256, t.text FROM revisions r LEFT JOIN texts t USING (sha256)").fetchall()
    assert all(text is not None and hashlib.sha256(text.encode()).hexdigest() == s for s, text in rows)


def test_progress_bar_stays_off_the_output_when_not_a_terminal(tmp_path: Path) -> None:
    paths = []
    for i in range(12):
        (tmp_path / f"n{i:02d}.txt").write_text(f"Note {i}\n\nText {i}.\n")
        paths.append(f"n{i:02d}.txt")
    result = run("ingest", *paths)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 12


def test_outlets_from_the_project_configuration(tmp_path: Path) -> None:
    (tmp_path / ".attribtrack.toml").write_text('[outlets]\n"Kyiv Post" = ["KP", "kyivpost.com"]\n')
    run("ingest", CROCUS, "--doc", "a", "--outlet", "KP")
    run("ingest", CROCUS, "--doc", "b", "--url", "https://www.kyivpost.com/post/1234")
    run("ingest", CROCUS, "--doc", "c", "--outlet", "Some Local Paper")
    outlets = [json.loads(run("log", d, "--format", "json").stdout)["document"]["outlet"] for d in "abc"]
    assert outlets == ["Kyiv Post", "Kyiv Post", "Some Local Paper"]


def test_log_counts_the_claims_of_the_latest_cached_extraction(tmp_path: Path) -> None:
    from attribtrack.store import open_store

    run("--store", "s.db", "ingest", CROCUS, CROCUS2, "--doc", "crocus")
    with open_store(tmp_path / "s.db") as store:
        store.put_claims(sha(CROCUS), "0.1", '{"claims": [{}, {}, {}]}')
        store.put_claims(sha(CROCUS2), "0.1", "not json")
    lines = run("--store", "s.db", "log", "crocus").stdout.splitlines()
    assert [line.split()[6] for line in lines[2:]] == ["3", "-"]  # #, date, time, published, sha, bytes
