"""Hostile inputs (issue 14): each is refused with one line and exit 3 (or 2), never a hang, a
traceback, exit 70 or an exhausted memory.

The commands run as real processes, each under a 1 GiB address-space limit and a timeout, so an
input that would expand in memory fails its test (MemoryError, exit 70) instead of taking the
machine with it, and one that would hang fails it by timing out.
"""

from __future__ import annotations

import io
import json
import os
import re
import resource
import shlex
import shutil
import sqlite3
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from reader_strategies import FORMATS, check_outcome, docx_parts, inputs, zipped

from attribtrack.cli import cli
from attribtrack.errors import InputError
from attribtrack.read import MAX_DOCX_ENTRIES, MAX_INPUT_BYTES, read_bytes, read_path, read_stdin

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MEMORY = 1 << 30
SAID = 'The mayor said "the pier will reopen in May" on Monday.\n'


def attribtrack(
    *args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL, timeout: float = 60
) -> tuple[int, str, str]:
    """``python -m attribtrack ARGS`` in ``cwd``, under MEMORY of address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    proc = subprocess.run(
        [sys.executable, "-m", "attribtrack", *args],
        cwd=cwd,
        stdin=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def refused(result: tuple[int, str, str], expected: str, code: int = 3) -> None:
    """Exit ``code`` with one line on stderr: ``attribtrack: error: ...expected...``."""
    status, _, err = result
    assert status == code, err
    assert err.startswith("attribtrack: error: ") and err.count("\n") == 1, err
    assert expected in err, err


def cli_run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- YAML front matter ------------------------------------------------------------------------


def alias_bomb() -> str:
    """Ten levels of nine aliases: under 500 bytes, 9**10 (3.5 billion) values when expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "---\n" + "\n".join(lines) + "\n---\n" + SAID


@pytest.mark.parametrize("command", ["ingest", "claims", "check"])
def test_yaml_alias_bomb_is_refused(tmp_path: Path, command: str) -> None:
    (tmp_path / "bomb.md").write_text(alias_bomb(), encoding="utf-8")
    assert len(alias_bomb().encode()) < 600
    args = ["--store", str(tmp_path / "s.db"), command, "bomb.md"]
    refused(attribtrack(*args, cwd=tmp_path), "bomb.md: front matter expands to more than 1,000,000")
    assert not (tmp_path / "s.db").exists()


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("a: &a [*a]", "front matter refers to itself (a recursive alias)"),
        ("a: &a {b: *a}", "front matter refers to itself"),
        ("a: " + "[" * 150 + "]" * 150, "front matter nested more than 100 levels deep"),
        ("a: " + "[" * 30000 + "]" * 30000, "front matter nested"),
        ("published: 2024-02-30", "invalid date '2024-02-30' (day is out of range for month)"),
        ("updated: 2023-13-01", "invalid date '2023-13-01'"),
        ('title: "\\ud800"', "front matter key 'title' contains an unpaired surrogate (\\ud800)"),
        ('title: "a\\0b"', "front matter key 'title' contains a NUL character"),
    ],
)
def test_front_matter_is_bounded_and_checked(tmp_path: Path, front: str, message: str) -> None:
    (tmp_path / "a.md").write_text(f"---\n{front}\n---\n{SAID}", encoding="utf-8")
    refused(cli_run("claims", str(tmp_path / "a.md")), message)


def test_front_matter_aliases_within_bounds_and_mixed_keys_are_read(tmp_path: Path) -> None:
    front = "tags: &t [crime, moscow]\nalso: *t\nextra: {1: one, b: two, 2024-04-02: date}\n"
    path = tmp_path / "a.md"
    path.write_text(f"---\n{front}---\n{SAID}", encoding="utf-8")
    got = read_path(path)
    assert got.metadata["also"] == '["crime", "moscow"]'
    assert json.loads(got.metadata["extra"]) == {"1": "one", "b": "two", "2024-04-02": "date"}


def test_impossible_published_date_on_ingest(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"---\npublished: 2024-02-30\n---\n{SAID}", encoding="utf-8")
    result = attribtrack("--store", "s.db", "ingest", "a.md", cwd=tmp_path)
    refused(result, "a.md: invalid YAML front matter: invalid date '2024-02-30'")


# --- .docx -----------------------------------------------------------------------------------


def _docx_parts(text: str = "BOMB") -> dict[str, bytes]:
    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buf)
    with __import__("zipfile").ZipFile(buf) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of (name, raw deflate data, declared size, CRC-32) entries, written field
    by field so that an entry may inflate to gigabytes without ever being inflated here."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, size, crc in entries:
        offset = out.tell()
        raw = name.encode()
        out.write(
            struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0)
        )
        out.write(raw + data)
        central.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
        )
        central.write(raw)
    cd = central.getvalue()
    count = len(entries)
    return (
        out.getvalue()
        + cd
        + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(cd), out.tell(), 0)
    )


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def docx_bomb(units: int, *, declared: int | None = None) -> bytes:
    """A real .docx whose one paragraph is ``units`` MiB of "lol ": the deflate stream of one
    MiB (after a full flush, so each copy stands alone) repeated, about 1 KB a MiB. ``declared``
    overrides the size the archive states (a lying header)."""
    parts = _docx_parts()
    prefix, suffix = parts["word/document.xml"].split(b"BOMB")
    unit = b"lol " * (1 << 18)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(unit) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.compress(suffix) + c.flush()
    crc = zlib.crc32(prefix)
    for _ in range(units):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + units * len(unit) + len(suffix)
    if declared is not None:  # the CRC of what the header claims, so that only the size lies
        crc = zlib.crc32((prefix + unit)[:declared])
    entries = [
        (name, _deflate(data), len(data), zlib.crc32(data))
        for name, data in parts.items()
        if name != "word/document.xml"
    ]
    entries.append(("word/document.xml", head + block * units + tail, declared or size, crc))
    return _zip(entries)


def test_the_zip_writer_makes_real_docx_files(tmp_path: Path) -> None:
    parts = _docx_parts("The mayor said it would reopen.")
    path = tmp_path / "plain.docx"
    path.write_bytes(_zip([(n, _deflate(d), len(d), zlib.crc32(d)) for n, d in parts.items()]))
    assert read_path(path).text == "The mayor said it would reopen."
    small = tmp_path / "small-bomb.docx"
    small.write_bytes(docx_bomb(1))
    assert len(read_path(small).text) == 1 << 20 and len(small.read_bytes()) < 40_000


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    data = docx_bomb(2048)  # 2 MB -> 2 GiB
    assert len(data) < 2_500_000
    (tmp_path / "bomb.docx").write_bytes(data)
    result = attribtrack("claims", "bomb.docx", cwd=tmp_path)
    refused(result, "bomb.docx: unzips to 2,0")
    assert "MiB, more than the 256 MiB attribtrack reads (a zip bomb?)" in result[2]


def test_docx_lying_about_its_size_is_cut_off(tmp_path: Path) -> None:
    # Declared 64 KiB (with the CRC of those 64 KiB), inflates to 2 GiB: python-docx would ask
    # zlib for the whole part at once; nothing is inflated past the declared size.
    (tmp_path / "liar.docx").write_bytes(docx_bomb(2048, declared=65536))
    refused(attribtrack("claims", "liar.docx", cwd=tmp_path), "liar.docx: not a readable .docx file")


def _docx_with(tmp_path: Path, name: str, document_xml: bytes) -> Path:
    parts = {**_docx_parts(), "word/document.xml": document_xml}
    path = tmp_path / name
    path.write_bytes(_zip([(n, _deflate(d), len(d), zlib.crc32(d)) for n, d in parts.items()]))
    return path


def test_docx_billion_laughs_is_refused(tmp_path: Path) -> None:
    body = _docx_parts()["word/document.xml"]
    entities = [b'<!ENTITY lol0 "lol">'] + [
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
    ]
    start = body.index(b"<w:document")
    laughs = b'<?xml version="1.0"?>\n<!DOCTYPE w:document [' + b"".join(entities) + b"]>\n"
    _docx_with(tmp_path, "laughs.docx", laughs + body[start:].replace(b"BOMB", b"&lol9;"))
    refused(
        attribtrack("claims", "laughs.docx", cwd=tmp_path), "laughs.docx: word/document.xml declares a DTD"
    )


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p>',  # cut off
        b"<w:document attr=unquoted/>",
        b"\x00\x01 not xml",
    ],
)
def test_malformed_docx_xml_is_an_input_error(tmp_path: Path, xml: bytes) -> None:
    _docx_with(tmp_path, "bad.docx", xml)
    refused(cli_run("claims", str(tmp_path / "bad.docx")), "bad.docx: not a readable .docx file")


def many_entries(count: int, *, declared: int | None = None, zip64: bool = False) -> bytes:
    """A zip of ``count`` empty stored entries, small on disk (47 bytes an entry: every record of
    the central directory points at one local header). ``declared``: the count its end record
    states instead (a lie); ``zip64``: stated in a ZIP64 end record, as for more than 65,535."""
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    record = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
    directory = (record + b"a") * count
    stated = count if declared is None else declared
    tail = b""
    if zip64:
        at = len(local) + len(directory)
        tail = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, stated, stated, len(directory),
                           len(local))  # fmt: skip
        tail += struct.pack("<4sLQL", b"PK\x06\x07", 0, at, 1)
        stated = 0xFFFF
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, stated, stated, len(directory), len(local), 0)
    return local + directory + tail + end


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (lambda: many_entries(20_000), "declares 20,000 entries"),
        (lambda: many_entries(200_000, declared=3), "has more than 10,000 entries"),
        (lambda: many_entries(2, declared=3_000_000_000, zip64=True), "declares 3,000,000,000 entries"),
        (lambda: many_entries(10_001, zip64=True), "declares 10,001 entries"),
    ],
    ids=["declared", "lying-count", "zip64", "zip64-just-over"],
)
def test_a_docx_of_too_many_entries_is_refused_before_it_is_unzipped(
    tmp_path: Path, archive: Any, message: str
) -> None:
    (tmp_path / "many.docx").write_bytes(archive())
    result = attribtrack("claims", "many.docx", cwd=tmp_path, timeout=30)
    refused(result, f"many.docx: its zip archive {message}, more than the 10,000 a .docx may have")


def test_a_docx_at_the_entry_cap_is_read(tmp_path: Path) -> None:
    parts = _docx_parts("The mayor said it would reopen.")
    padding = {f"customXml/pad{i}.bin": b"" for i in range(MAX_DOCX_ENTRIES - len(parts))}
    entries = [(n, _deflate(d), len(d), zlib.crc32(d)) for n, d in {**parts, **padding}.items()]
    path = tmp_path / "full.docx"
    path.write_bytes(_zip(entries))
    assert read_path(path).text == "The mayor said it would reopen."
    path.write_bytes(_zip([*entries, ("customXml/one-more.bin", _deflate(b""), 0, 0)]))
    with pytest.raises(InputError, match="declares 10,001 entries"):
        read_path(path)


# --- files that are not regular files; standard input ----------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", ["claims", "ingest", "check", "show"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = attribtrack("--store", "s.db", command, "pipe.txt", cwd=tmp_path, timeout=30)
    refused(result, "pipe.txt: is not a regular file (a named pipe)")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    for target in ("/dev/zero", "zero.txt"):
        result = attribtrack("claims", target, cwd=tmp_path, timeout=30)
        refused(result, f"{target}: is not a regular file (a character device)")


def test_a_directory_is_still_a_directory(tmp_path: Path) -> None:
    refused(cli_run("claims", str(tmp_path)), "is a directory (name the files in it)")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_standard_input_is_read_up_to_a_cap(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        result = attribtrack("claims", "-", cwd=tmp_path, stdin=zero.fileno(), timeout=60)
    refused(result, "<stdin>: larger than 256 MiB, the most attribtrack reads")
    # At the cap exactly, standard input is read (and here refused only for its NUL bytes).
    with pytest.raises(Exception, match="binary"):
        read_stdin(stream=io.BytesIO(b"\x00" * MAX_INPUT_BYTES))


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk used
    refused(attribtrack("claims", "huge.txt", cwd=tmp_path, timeout=30), "huge.txt: larger than 256 MiB")


# --- exit 70 where 3 (or 2) is right ---------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"text": "The mayor said it.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
)
def test_json_nested_100k_deep(tmp_path: Path, content: str) -> None:
    (tmp_path / "deep.json").write_text(content, encoding="utf-8")
    refused(cli_run("claims", str(tmp_path / "deep.json")), "deep.json: invalid JSON: nested too deeply")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"\\ud800 said"', "contains an unpaired surrogate (\\ud800)"),
        ('"a\\u0000b"', "contains a NUL character"),
    ],
)
def test_json_text_that_no_store_can_take(tmp_path: Path, value: str, message: str) -> None:
    (tmp_path / "a.json").write_text('{"text": ' + value + "}", encoding="utf-8")
    refused(cli_run("claims", str(tmp_path / "a.json")), message)


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with document ``a`` (one revision), as the current directory's store."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(SAID, encoding="utf-8")
    assert cli_run("ingest", "a.txt")[0] == 0
    return tmp_path / ".attribtrack" / "attribtrack.db"


HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", f"a@{HUGE}"), f"document 'a' has no revision {HUGE}"),
        (("show", f"a@-{HUGE}"), f"document 'a' has no revision -{HUGE}"),
        (("show", "a@9223372036854775808"), "has no revision 9223372036854775808"),
        (("show", "a@" + "9" * 5000), "unknown revision a@999"),
        (("show", "a@\u0663"), "unknown revision a@\u0663"),  # an Arabic-Indic three
        (("show", "a@1_0"), "unknown revision a@1_0"),
        (("claims", f"a@{HUGE}"), f"document 'a' has no revision {HUGE}"),
        (("diff", "a@1", f"a@{HUGE}"), f"document 'a' has no revision {HUGE}"),
        (("blame", f"a@{HUGE}"), f"document 'a' has no revision {HUGE}"),
        (("log", f"a@{HUGE}"), f"document 'a' has no revision {HUGE}"),
        (("log", "a@2"), "document 'a' has no revision 2"),
    ],
)
def test_impossible_revision_numbers(stored: Path, args: tuple[str, ...], message: str) -> None:
    refused(cli_run(*args), message)


def test_log_of_an_existing_revision_lists_the_document(stored: Path) -> None:
    assert cli_run("log", "a@1")[:2] == cli_run("log", "a")[:2]


def test_a_corrupt_claims_cache_row_is_recomputed(stored: Path) -> None:
    code, first, _ = cli_run("claims", "a@1", "--format", "json")
    assert code == 0 and json.loads(first)["claims"]
    with sqlite3.connect(stored) as con:
        assert con.execute("UPDATE claims_cache SET claims = '{\"schema\": 5'").rowcount == 1
    assert cli_run("claims", "a@1", "--format", "json") == (0, first, "")
    with sqlite3.connect(stored) as con:
        con.execute('UPDATE claims_cache SET claims = \'{"claims": "not a list"}\'')
    assert cli_run("claims", "a@1", "--format", "json") == (0, first, "")


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_a_byte_order_mark_names_the_encoding(tmp_path: Path, encoding: str) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Headline\n\n" + SAID, encoding="utf-8")
    marked = tmp_path / f"{encoding}.txt"
    marked.write_bytes(("\ufeff" + "Headline\n\n" + SAID).encode(encoding))
    got = read_path(marked)
    if encoding == "utf-8":  # kept: the file round-trips byte for byte
        assert got.text.encode("utf-8") == marked.read_bytes()
    else:
        assert got.text == plain.read_text(encoding="utf-8")
    assert got.fields == {"title": "Headline"}
    assert cli_run("claims", str(marked), "--format", "json")[0] == 0
    strip = json.loads(cli_run("claims", str(plain), "--format", "json")[1])["claims"]
    claims = json.loads(cli_run("claims", str(marked), "--format", "json")[1])["claims"]
    assert [c["cue"]["text"] for c in claims] == [c["cue"]["text"] for c in strip] == ["said"]


def test_utf16_markdown_front_matter_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(f"\ufeff---\ntitle: Pier\n---\n{SAID}".encode("utf-16"))
    assert read_path(path).fields == {"title": "Pier"}


def test_a_broken_byte_order_mark_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfeA\x00B")  # an odd byte out
    refused(
        cli_run("claims", str(tmp_path / "a.txt")), "not valid utf-16 (offset 4) (it starts with a UTF-16"
    )


@pytest.mark.parametrize("command", ["claims", "check", "show"])
def test_commands_that_say_pass_encoding_take_it(tmp_path: Path, command: str) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 owners said the pier would reopen.\n".encode("latin-1"))
    refused(cli_run(command, str(path)), "(pass --encoding, e.g. --encoding cp1252")
    code, out, err = cli_run(command, "--encoding", "latin-1", str(path))
    assert code in (0, 1) and err == "", err


def test_git_diff_takes_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes("Caf\u00e9 owners said the pier would reopen.\n".encode("latin-1"))
    code, out, _ = cli_run("git-diff", "--encoding", "latin-1", "--textconv", str(path))
    assert code == 0 and out.startswith("Caf\u00e9 owners said") and "-- attribtrack claims --" in out


@pytest.mark.parametrize("encoding", ["rot13", "base64"])
def test_a_codec_that_is_not_a_text_encoding_is_a_usage_error(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "a.txt").write_text(SAID, encoding="utf-8")
    result = cli_run("claims", "--encoding", encoding, str(tmp_path / "a.txt"))
    refused(result, f"{encoding!r} is not a text encoding", code=2)


def test_a_codec_that_decodes_to_a_lone_surrogate(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"The mayor said +2AA-.")
    refused(
        cli_run("claims", "--encoding", "utf-7", str(tmp_path / "a.txt")), "decodes to an unpaired surrogate"
    )


# --- check reads as every command reads ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("  \n\n", "has no text (only whitespace)"),
        ("---\ntitle: [unclosed\n---\n" + SAID, "invalid YAML front matter"),
        (
            "---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n" + SAID,
            "could not determine a constructor",
        ),
        ("---\n- a list\n---\n" + SAID, "front matter must be a mapping"),
        (alias_bomb(), "front matter expands to more than"),
    ],
)
def test_check_rejects_what_claims_rejects(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "draft.md"
    path.write_text(content, encoding="utf-8")
    claims = attribtrack("claims", "draft.md", cwd=tmp_path)
    refused(claims, message)
    code, out, err = attribtrack("check", "draft.md", cwd=tmp_path)
    assert (code, err) == (3, claims[2])
    assert "1 draft could not be checked" in out


@pytest.mark.parametrize(("option", "code"), [("--select", "AT9"), ("--ignore", "AT9"), ("--select", "AT19")])
def test_check_select_of_no_rule_is_a_usage_error(tmp_path: Path, option: str, code: str) -> None:
    (tmp_path / "a.md").write_text(SAID, encoding="utf-8")
    refused(
        cli_run("check", option, f"AT1,{code}", str(tmp_path / "a.md")), f"{option}: no rule is {code}", 2
    )
    assert cli_run("check", option, "AT1", str(tmp_path / "a.md"))[0] in (0, 1)


# --- under git: a file attribtrack cannot read never makes git fail ---------------------------

ATTRIBTRACK = f"{shlex.quote(sys.executable)} -m attribtrack"


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("latin-1")


LATIN_1 = "Caf\u00e9 owners said the pier would reopen.\n".encode("latin-1")
LATIN_2 = "Caf\u00e9 owners said the pier would reopen in May.\nNo newline".encode("latin-1")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commits of a latin-1 story.md and of a binary notes.md, under the README's driver."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    for key, value in [("user.email", "desk@example.org"), ("user.name", "Desk"), ("core.pager", "cat"),
                       ("diff.attrib.command", f"{ATTRIBTRACK} git-diff"),
                       ("diff.attrib.textconv", f"{ATTRIBTRACK} git-diff --textconv")]:  # fmt: skip
        git(tmp_path, "config", key, value)
    (tmp_path / ".gitattributes").write_text("*.md diff=attrib\n", encoding="utf-8")
    (tmp_path / "story.md").write_bytes(LATIN_1)
    (tmp_path / "notes.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00one")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    (tmp_path / "story.md").write_bytes(LATIN_2)
    (tmp_path / "notes.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00two")
    git(tmp_path, "commit", "-q", "-a", "-m", "second")
    return tmp_path


def test_git_diff_of_unreadable_files_is_a_plain_diff(repo: Path) -> None:
    out = git(repo, "diff", "HEAD~1", "HEAD")
    assert "diff --git a/notes.md b/notes.md\nBinary files a/notes.md and b/notes.md differ\n" in out
    story = out[out.index("diff --git a/story.md") :]
    assert story.startswith(
        "diff --git a/story.md b/story.md\n--- a/story.md\n+++ b/story.md\n@@ -1 +1,2 @@\n"
    )
    assert "-Caf\u00e9 owners said the pier would reopen.\n" in story
    assert "+No newline\n\\ No newline at end of file\n" in story
    # The plain diff is a patch: undone in the work tree it gives the first commit's bytes back.
    (repo / "change.diff").write_bytes(story.encode("latin-1"))
    git(repo, "apply", "-R", "change.diff")
    assert (repo / "story.md").read_bytes() == LATIN_1


def test_git_log_and_blame_with_unreadable_files(repo: Path) -> None:
    log = git(repo, "log", "-p", "--ext-diff")
    assert "+Caf\u00e9 owners said the pier would reopen in May.\n" in log
    assert "external diff died" not in log
    log = git(repo, "log", "-p", "--no-ext-diff")  # textconv: the bytes as they are
    assert "+Caf\u00e9 owners said the pier would reopen in May.\n" in log
    blame = git(repo, "blame", "--textconv", "story.md")
    assert "Caf\u00e9 owners said the pier would reopen in May." in blame
    assert "No newline" in git(repo, "blame", "story.md")


def test_textconv_of_an_unreadable_file_prints_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(LATIN_1)
    code, out, err = attribtrack("git-diff", "--textconv", "a.md", cwd=tmp_path)
    assert code == 0 and out.encode("utf-8", "replace") and "warning: a.md: not valid UTF-8" in err
    command = [sys.executable, "-m", "attribtrack", "git-diff", "--textconv", "a.md"]
    proc = subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)
    assert proc.stdout == LATIN_1


# --- properties: any bytes into any reader ---------------------------------------------------
# Every reader turns any bytes into an Input or an AttribtrackError of exit 2 or 3 with a
# one-line message, never another exception (reader_strategies.check_outcome says exactly what
# is checked). benchmarks/fuzz_readers.py runs the same strategies for minutes.


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_bytes_give_an_input_or_an_input_error(fmt: str) -> None:
    @settings(max_examples=150 if fmt in ("txt", "md", "json") else 60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(inputs(fmt))
    def read(data: bytes) -> None:
        check_outcome(data, fmt)

    read()


def _from_a_future_zip() -> bytes:
    data = bytearray(zipped(docx_parts()))
    data[data.index(b"PK\x01\x02") + 6] = 0xFF  # the version needed to extract: 25.5
    return bytes(data)


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [  # what the fuzzing found first: each was an uncaught exception (exit 70)
        (
            "md",
            b"---\ntitle: a\x1cb\n---\nThe mayor said it.\n",
            "invalid YAML front matter: unacceptable character",
        ),
        ("md", b"---\nwhen: !!timestamp soon\n---\nThe mayor said it.\n", "invalid date 'soon' (not a date)"),
        (
            "md",
            b"---\nn: !!int abc\n---\nThe mayor said it.\n",
            "invalid YAML front matter: a value cannot be read",
        ),
        ("txt", b"\xef\xbb\xbf", "is empty"),
        ("html", b"<p>The mayor said it.</p><script>x</script>\x01<p>More.</p>", "no main text found"),
        (
            "docx",
            _from_a_future_zip(),
            "zip file version",
        ),
        ("txt", b"\xef\xbb\xbf \n", "has no text (only whitespace)"),
    ],
)
def test_fuzzing_finds(fmt: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read_bytes(data, label="input", format=fmt)
