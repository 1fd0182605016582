"""Hypothesis strategies for hostile reader inputs: bytes that every reader (txt, md with front
matter, html, docx, json) must turn into an Input or an AttribtrackError, nothing else.

Shared by the property tests (``tests/test_hostile_inputs.py``) and the fuzzing campaign
(``benchmarks/fuzz_readers.py``). Each format mixes pure noise with inputs built from the pieces
that broke readers before (aliases, anchors, tags and impossible dates in YAML, byte-order marks,
NUL and surrogates, deep nesting, DTDs and entities in a .docx), then mutated byte by byte.
"""

from __future__ import annotations

import functools
import io
import zipfile
from typing import Any

from hypothesis import strategies as st

FORMATS = ("txt", "md", "html", "docx", "json")

_PROSE = [
    "The mayor said", " said ", " told Reuters", "according to ", '"', "\u201c", "\u201d", "\u00ab", "\u00bb",
    "'", "\u2019", ". ", ", ", "\n", "\n\n", "\r\n", "\r", "\t", " ", "\ufeff", "\x00", "\x0b", "\u2028",
    "\u200b", "\U0001f600", "\ud7ff", "\uffff", "\x85", "é", "Ж", "\u0663", "# ", "-- ",
]  # fmt: skip
_YAML = [
    "title: ", "published: ", "doc: ", "kind: ", "outlet: ", "url: ", "speaker: ", "extra: ", "? ", "<<: ",
    "&a ", "*a", "&b ", "*b", "[", "]", "{", "}", ", ", ": ", "- ", "\n", "\n  ",
    "!!python/object/apply:os.system", "!!binary ", "!!timestamp ", "!!str ", "!!map ", "!!set ", "!!omap ",
    "2024-02-30", "2024-04-02", "2024-04-02T10:00:00+99:00", "9999-12-31 23:59:60", "0x1F", ".nan", "~",
    "null", "true", "1e999", '"\\ud800"', '"\\0"', "'", '"', "|", ">", "%YAML 1.1\n", "---", "...",
    "article", "source", "#",
]  # fmt: skip
_HTML = [
    "<html>", "<head>", "<meta charset=utf-16>", "<meta charset=klingon>", "<title>", "</title>", "<body>",
    "<p>", "</p>", "<article>", "</article>", "<script>", "</script>", "<style>", "<svg>", "<nav>", "<br>",
    "<!DOCTYPE html>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xd800;", "&#x110000;", "&nbsp;",
    "<table><tr><td>", '<a href="javascript:x">', "<p class=", '"', "<", ">", "&", "The mayor said it. ",
]  # fmt: skip
_JSON = ['{"text": ', '"The mayor said it."', '"\\ud800"', '"\\u0000"', '"published": ', '"2024-02-30"',
         '"doc": ', '"kind": ', "[", "]", "{", "}", ", ", ": ", "1e999", "-0", "NaN", "true", "null", '"',
         "\\", "\ufeff"]  # fmt: skip
_XML = [
    '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>', "<!DOCTYPE w:document [",
    '<!ENTITY a "aaaaaaaaaa">', "]>", "&a;", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
    'wordprocessingml/2006/main">', "<w:body>", "</w:body>", "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>",
    "</w:t>", "<w:pStyle w:val=\"Title\"/>", "<w:pPr>", "</w:pPr>", "</w:document>", "<", ">", "&", "'",
    "The mayor said it.", "\x00", "\ud7ff",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]


def _joined(pieces: list[str], max_size: int = 40) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=8)), max_size=max_size).map("".join)


def _encode(pair: tuple[str, str]) -> bytes:
    text, encoding = pair  # lone surrogates pass into UTF bytes as they are: invalid input too
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


def _encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(text, st.sampled_from(ENCODINGS)).map(_encode)


def mutated(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """``data`` with a few bytes overwritten, inserted or cut (positions taken modulo its length)."""
    edit = st.tuples(st.sampled_from("set ins cut".split()), st.integers(0, 1 << 30), st.integers(0, 255))

    def apply(args: tuple[bytes, list[tuple[str, int, int]]]) -> bytes:
        buf = bytearray(args[0])
        for op, pos, value in args[1]:
            at = pos % (len(buf) + 1)
            if op == "ins" or not buf:
                buf[at:at] = bytes([value])
            elif op == "set":
                buf[at % len(buf)] = value
            else:
                del buf[at : at + value % 64]
        return bytes(buf)

    return st.tuples(data, st.lists(edit, min_size=1, max_size=8)).map(apply)


def _noisy(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(data, mutated(data), st.binary(max_size=300))


def _front_matter() -> st.SearchStrategy[bytes]:
    yaml_text = _joined(_YAML, 30)
    body = _joined(_PROSE, 20)
    md = st.tuples(st.sampled_from(["---\n", "\ufeff---\n", "---\r\n"]), yaml_text, st.sampled_from(
        ["\n---\n", "\n...\n", "\r\n---\r\n", "\n"]), body).map("".join)  # fmt: skip
    return _encoded(md)


def _nested_json() -> st.SearchStrategy[str]:
    import json

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10))

    def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4))

    values = st.recursive(scalars, containers, max_leaves=20)
    keys = st.sampled_from(["text", "title", "published", "doc", "kind", "outlet", "extra"])
    objects = st.dictionaries(keys, st.one_of(values, st.text(max_size=30)), max_size=6)
    deep = st.integers(0, 3000).map(
        lambda n: '{"text": "The mayor said it.", "x": ' + "[" * n + "]" * n + "}"
    )
    return st.one_of(objects.map(json.dumps), deep, _joined(_JSON))


@functools.cache
def docx_parts() -> dict[str, bytes]:
    """The parts of a real .docx with one paragraph (python-docx's own template)."""
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("The mayor said the pier would reopen.")
    document.core_properties.title = "Pier"
    document.save(buf)
    with zipfile.ZipFile(buf) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _docx() -> st.SearchStrategy[bytes]:
    real = st.just(None).map(lambda _: zipped(docx_parts()))
    xml = _encoded(_joined(_XML, 30))
    names = st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                             "word/styles.xml", "word/_rels/document.xml.rels"])  # fmt: skip
    replaced = st.tuples(names, xml, st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])).map(
        lambda p: zipped({**docx_parts(), p[0]: p[1]}, p[2])
    )
    dropped = names.map(lambda n: zipped({k: v for k, v in docx_parts().items() if k != n}))
    return st.one_of(real, mutated(real), replaced, mutated(replaced), dropped,
                     st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b))  # fmt: skip


def inputs(fmt: str) -> st.SearchStrategy[bytes]:
    """Hostile bytes for the reader of ``fmt``."""
    if fmt == "txt":
        return _noisy(_encoded(_joined(_PROSE)))
    if fmt == "md":
        return _noisy(_front_matter())
    if fmt == "html":
        return _noisy(_encoded(_joined(_HTML + _PROSE)))
    if fmt == "json":
        return _noisy(_encoded(_nested_json()))
    if fmt == "docx":
        return _docx()
    raise ValueError(fmt)


def check_outcome(data: bytes, fmt: str) -> Any:
    """Read ``data`` as ``fmt``: an Input whose text encodes to UTF-8 and whose sha256 is that of
    the text, or an AttribtrackError of exit 2 or 3 with a one-line message. Anything else
    propagates (a crash)."""
    import hashlib

    from attribtrack.errors import AttribtrackError
    from attribtrack.read import Input, read_bytes

    try:
        got = read_bytes(data, label="input", format=fmt)
    except AttribtrackError as exc:
        assert int(exc.exit_code) in (2, 3), (type(exc), exc)
        assert "\n" not in str(exc) and "\r" not in str(exc), repr(str(exc))
        return exc
    assert isinstance(got, Input)
    assert got.text and not got.text.isspace()
    assert got.sha256 == hashlib.sha256(got.text.encode("utf-8")).hexdigest()
    for value in (*got.fields.values(), *got.metadata.values(), *got.fields, *got.metadata):
        value.encode("utf-8")
        assert "\x00" not in value
    return got
