"""Readers: each input format, its metadata, its errors; TARGET resolution."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from attribtrack.errors import InputError, NotFoundError, UsageError
from attribtrack.read import (
    check_doc_id,
    doc_id_from_url,
    html_main_text,
    load_target,
    read_bytes,
    read_path,
    read_stdin,
    slugify,
)
from attribtrack.store import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- .txt ------------------------------------------------------------------------------------


def test_txt_is_the_file_exactly_and_its_first_line_the_title() -> None:
    got = read_path(FIXTURES / "crocus.txt")
    raw = (FIXTURES / "crocus.txt").read_bytes()
    assert got.text.encode("utf-8") == raw
    assert got.sha256 == hashlib.sha256(raw).hexdigest()
    assert (got.format, got.doc_id, got.fields) == ("txt", "crocus", {"title": "crocus mall"})


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Peskov denies warning\n\nThe Kremlin said on Wednesday it had no warning.\n",
            "Peskov denies warning",
        ),
        ("Did Moscow know?\r\n\r\nOfficials said it did.\r\n", "Did Moscow know?"),
        ("\ufeffHeadline\n\nBody.\n", "Headline"),
        ("Officials said the warning was specific.\n\nMore text.\n", None),  # a sentence, not a headline
        ("Just one line without a break", None),
        ("Headline only\n\n\n", None),
        ("x" * 201 + "\n\nbody\n", None),
    ],
)
def test_txt_title(tmp_path: Path, text: str, title: str | None) -> None:
    got = read_path(write(tmp_path, "a.txt", text))
    assert got.fields.get("title") == title
    assert got.text == text


def test_crlf_is_kept(tmp_path: Path) -> None:
    raw = b"Title\r\n\r\nLine one.\r\nLine two.\r\n"
    assert read_path(write(tmp_path, "a.txt", raw)).text.encode("utf-8") == raw


def test_unknown_extension_reads_as_text(tmp_path: Path) -> None:
    assert read_path(write(tmp_path, "notes.draft", "Some words.")).text == "Some words."


# --- errors ----------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="missing.txt: no such file$") as info:
        read_path(tmp_path / "missing.txt")
    assert info.value.exit_code == 3


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


@pytest.mark.parametrize(("content", "message"), [(b"", "is empty"), (b"  \n\t\n", "has no text")])
def test_empty(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_path(write(tmp_path, "e.txt", content))


def test_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="looks like a binary file"):
        read_path(write(tmp_path, "b.txt", b"GIF89a\x00\x01\x02binary"))


def test_invalid_utf8_suggests_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "l.txt", "Caf\u00e9 Pushkin".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value) == (
        f"{path}: not valid UTF-8 (byte 0xe9 at offset 3) "
        "(pass --encoding, e.g. --encoding cp1252 or --encoding latin-1)"
    )
    assert read_path(path, encoding="latin-1").text == "Caf\u00e9 Pushkin"


def test_utf16_without_a_bom_needs_encoding(tmp_path: Path) -> None:
    # With a byte-order mark UTF-16 is decoded unasked (tests/test_hostile_inputs.py); without
    # one its NUL bytes look binary until --encoding names it.
    path = write(tmp_path, "w.txt", "Headline\n\nBody.\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="binary"):
        read_path(path)
    assert read_path(path, encoding="utf-16-le").text == "Headline\n\nBody.\n"


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        read_path(write(tmp_path, "a.txt", "x"), encoding="klingon")


def test_unsupported_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.pdf files are not supported \(extract its text first\)"):
        read_path(write(tmp_path, "a.pdf", b"%PDF-1.4"))


# --- .md -------------------------------------------------------------------------------------

MD = """---
title: Warning named the venue
outlet: The Washington Post
published: 2024-04-02
doc: crocus-wapo
kind: article
tags: [russia, terrorism]
---
# Headline in the body

Officials said the warning named Crocus City Hall.
"""


def test_markdown_front_matter_and_raw_text(tmp_path: Path) -> None:
    got = read_path(write(tmp_path, "draft.md", MD))
    assert got.text == MD  # spans index the raw file, front matter included
    assert got.doc_id == "crocus-wapo"
    assert got.fields == {
        "title": "Warning named the venue",
        "outlet": "The Washington Post",
        "published": "2024-04-02",
        "kind": "article",
    }
    assert got.metadata == {"tags": '["russia", "terrorism"]'}


def test_markdown_title_falls_back_to_first_heading(tmp_path: Path) -> None:
    got = read_path(write(tmp_path, "d.md", "Intro line.\n\n# The Heading\n\nText.\n"))
    assert (got.fields, got.doc_id) == ({"title": "The Heading"}, "d")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: [unclosed\n", "invalid YAML front matter"),
        ("- a list\n", "front matter must be a mapping"),
        ("title: [a, b]\n", "key 'title' must be a single value"),
        ("kind: rumour\n", "kind 'rumour' is not one of: article, source"),
        ("published: last week\n", "published date 'last week' is not an ISO date"),
        ("doc: has space\n", "invalid document id 'has space'"),
    ],
)
def test_markdown_bad_front_matter(tmp_path: Path, front: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_path(write(tmp_path, "d.md", f"---\n{front}---\nBody.\n"))


def test_markdown_front_matter_without_body(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text after its front matter"):
        read_path(write(tmp_path, "d.md", "---\ntitle: x\n---\n\n"))


# --- .json -----------------------------------------------------------------------------------


def test_json_text_and_metadata(tmp_path: Path) -> None:
    data = {"text": "Peskov said it.", "title": "T", "speaker": "Dmitry Peskov", "channel": "Telegram",
            "kind": "source", "words": 3}  # fmt: skip
    got = read_path(write(tmp_path, "s.json", json.dumps(data)))
    assert got.text == "Peskov said it."
    assert got.fields == {"title": "T", "speaker": "Dmitry Peskov", "channel": "Telegram", "kind": "source"}
    assert got.metadata == {"words": "3"}
    assert got.sha256 == hashlib.sha256(b"Peskov said it.").hexdigest()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "x",\n oops}', "invalid JSON: .* \\(line 2, column 2\\)"),
        ('["not", "an object"]', 'expected a JSON object with a "text" string'),
        ('{"title": "no text"}', 'expected a JSON object with a "text" string'),
        ('{"text": "   "}', "has no text"),
    ],
)
def test_json_errors(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_path(write(tmp_path, "s.json", content))


# --- .html -----------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Warning named the venue | Example Post</title>
<meta property="og:site_name" content="Example Post">
<meta property="article:published_time" content="2024-04-02T10:00:00Z">
<style>p { color: red } .SECRET-STYLE {}</script></style>
<script>var SECRET_SCRIPT = "tracking";</script></head>
<body><nav>Home | World | SECRET-NAV</nav>
<article><h1>Warning named the venue</h1>
<p>A U.S. warning to Moscow named Crocus City Hall, The Washington Post reported on April 2.</p>
<script>document.write("SECRET INLINE SCRIPT")</script><style>.x{content:"SECRET INLINE STYLE"}</style>
<p>Kremlin spokesman Dmitry Peskov said on April 3 that the administration was unaware of it.</p>
<noscript>SECRET NOSCRIPT</noscript>
</article></body></html>
"""


def test_html_main_text_without_scripts_or_styles(tmp_path: Path) -> None:
    got = read_path(write(tmp_path, "page.html", PAGE))
    assert got.text == (
        "Warning named the venue\n\n"
        "A U.S. warning to Moscow named Crocus City Hall, The Washington Post reported on April 2.\n\n"
        "Kremlin spokesman Dmitry Peskov said on April 3 that the administration was unaware of it."
    )
    assert "SECRET" not in got.text
    assert got.fields == {
        "title": "Warning named the venue",
        "outlet": "Example Post",
        "published": "2024-04-02",
    }


def test_short_html_page_falls_back_without_scripts() -> None:
    text, _ = html_main_text("<html><body><p>Short note.</p><script>alert('SECRET')</script></body></html>")
    assert text == "Short note."


def test_html_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Crocus", "Cr\u00f3cus")
    got = read_path(write(tmp_path, "p.html", page.encode("cp1252")))
    assert "Cr\u00f3cus City Hall" in got.text


def test_html_without_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no main text found"):
        read_path(write(tmp_path, "p.html", "<html><head><script>x()</script></head><body></body></html>"))


# --- .docx -----------------------------------------------------------------------------------


def test_docx_paragraphs_with_blank_lines(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Draft: warning named the venue", level=1)
    document.add_paragraph("First paragraph, with \u201cquotes\u201d.")
    document.add_paragraph("")
    document.add_paragraph("Second paragraph.")
    document.save(str(tmp_path / "draft.docx"))
    got = read_path(tmp_path / "draft.docx")
    assert got.text == (
        "Draft: warning named the venue\n\nFirst paragraph, with \u201cquotes\u201d.\n\nSecond paragraph."
    )
    assert (got.format, got.doc_id, got.fields) == (
        "docx",
        "draft",
        {"title": "Draft: warning named the venue"},
    )


def test_a_broken_docx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a readable .docx file"):
        read_path(write(tmp_path, "x.docx", b"PK\x03\x04 not really a zip"))


# --- stdin, names ----------------------------------------------------------------------------


def test_stdin_is_text_without_a_document_id() -> None:
    got = read_stdin(stream=io.BytesIO(b"Headline\n\nBody.\n"))
    assert (got.text, got.label, got.doc_id, got.fields) == ("Headline\n\nBody.\n", "<stdin>", None,
                                                               {"title": "Headline"})  # fmt: skip


def test_read_bytes_of_a_format() -> None:
    assert read_bytes(b'{"text": "hi"}', label="x", format="json").text == "hi"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("crocus-rev2", "crocus-rev2"), ("Crocus City Hall (rev 2)", "crocus-city-hall-rev-2"),
     ("Déclaration_officielle", "declaration-officielle"), ("!!!", "")],
)  # fmt: skip
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("url", "doc_id"),
    [
        ("https://www.example.com/world/2024/04/02/crocus-warning/", "crocus-warning"),
        ("https://example.com/news/Crocus_Warning.html?utm=x", "crocus-warning"),
        ("https://www.example.com/2024/04/02/", "example-com"),
        ("http://127.0.0.1:8000/", "127-0-0-1"),
    ],
)
def test_doc_id_from_url(url: str, doc_id: str) -> None:
    assert doc_id_from_url(url) == doc_id


@pytest.mark.parametrize("bad", ["a@1", "with space", "", "-leading", "a/b"])
def test_invalid_doc_ids(bad: str) -> None:
    with pytest.raises(UsageError, match="invalid document id"):
        check_doc_id(bad)


# --- targets ---------------------------------------------------------------------------------


def test_a_file_target_never_creates_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "draft.txt", "Headline\n\nBody.\n")
    loaded = load_target("draft.txt")
    assert (loaded.text, loaded.label, loaded.path, loaded.title) == (
        "Headline\n\nBody.\n",
        "draft.txt",
        "draft.txt",
        "Headline",
    )
    assert loaded.document is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]
    with pytest.raises(NotFoundError, match="missing.txt: no such file or stored document"):
        load_target("missing.txt")
    assert not (tmp_path / ".attribtrack").exists()


def test_stored_targets_and_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "s.db")
    with open_store(db, create=True) as store:
        store.ingest("one", doc_id="crocus", title="T1", outlet="Reuters")
        store.ingest("two", doc_id="crocus", published="2024-04-03")
    latest = load_target("crocus", store=db)
    assert (latest.text, latest.label, latest.document, latest.revision) == ("two", "crocus@2", "crocus", 2)
    assert (latest.published, latest.metadata) == ("2024-04-03", {"kind": "article", "outlet": "Reuters"})
    assert load_target("crocus@1", store=db).title == "T1"
    assert load_target("crocus@-1", store=db).text == "one"
    write(tmp_path, "crocus", "a file named like the document")
    assert load_target("crocus", store=db).text == "a file named like the document"
    with pytest.raises(NotFoundError, match="has no revision 3"):
        load_target("crocus@3", store=db)
    with pytest.raises(NotFoundError, match="other: no such file or stored document"):
        load_target("other", store=db)
