"""Readers: every input format becomes an :class:`Input` (the text spans index, and metadata).

=========  =====================================================================================
format     the text (what spans index and ``show`` prints)
=========  =====================================================================================
``.txt``   the file exactly; its first line is the title when it is short, does not end like a
           sentence, and more text follows (as in ``fixtures/crocus.txt``)
``.md``    the raw file, YAML front matter included (title, outlet, url, published, kind, doc,
           speaker, channel; other keys are kept as metadata)
``.json``  the object's ``text``; the same metadata keys beside it
``.html``  the main text (trafilatura), one paragraph per block, a blank line between; scripts,
           styles and navigation never reach it
``.docx``  the paragraphs, a blank line between (empty paragraphs dropped)
URL        fetched over HTTP(S) (timeout, redirects followed), then read as HTML, text or JSON by
           its content type; ``url`` and ``fetched_at`` recorded
``-``      standard input, read as ``.txt``
=========  =====================================================================================

Bytes are decoded as strict UTF-8 unless ``encoding`` says otherwise; newlines are kept as they
are (``\\r\\n`` stays), so a ``.txt`` file round-trips byte for byte. Errors are
:class:`InputError` (exit 3) with one clear line. Heavy libraries (trafilatura, python-docx,
PyYAML) are imported only when a file of their kind is read.

:func:`load_target` resolves any TARGET (path, ``-``, URL, ``DOC``, ``DOC@N``, ``DOC@-N``);
:func:`ingest` reads inputs and hands them to the store, one transaction each.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from attribtrack.errors import (
    AttribtrackError,
    ConfigError,
    InputError,
    NotFoundError,
    StoreError,
    UsageError,
)

if TYPE_CHECKING:
    from attribtrack.store import IngestResult, Store
    from attribtrack.targets import Loaded

__all__ = [
    "FIELDS",
    "Input",
    "Outcome",
    "check_doc_id",
    "check_published",
    "decode",
    "doc_id_from_url",
    "fetch_url",
    "html_main_text",
    "ingest",
    "is_url",
    "load_target",
    "read_bytes",
    "read_input",
    "read_path",
    "read_stdin",
    "slugify",
]

#: Metadata keys understood in front matter and JSON, besides ``text`` and ``doc``.
FIELDS = ("title", "outlet", "url", "published", "kind", "speaker", "channel")
KINDS = ("article", "source")
FETCH_TIMEOUT = 20.0
MAX_FETCH_BYTES = 64 * 1024 * 1024
_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx",
}  # fmt: skip
_UNSUPPORTED = {
    ".doc": "save it as .docx", ".pdf": "extract its text first", ".odt": "save it as .docx",
    ".rtf": "save it as .docx or .txt",
}  # fmt: skip
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True)
class Input:
    """One input read: ``text`` is what spans index; ``fields`` holds the known metadata found
    (title, outlet, url, published, kind, speaker, channel); ``doc_id`` the document id the input
    proposes (front matter ``doc``, the URL, the file name)."""

    text: str
    label: str
    sha256: str
    format: str
    path: str | None = None
    doc_id: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)


# --- names -----------------------------------------------------------------------------------


def slugify(name: str) -> str:
    """``"Crocus City Hall (rev 2)"`` -> ``"crocus-city-hall-rev-2"`` (ASCII, at most 80 chars)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")


def check_doc_id(doc_id: str, *, error: type[AttribtrackError] = UsageError) -> str:
    """A valid document id (letters, digits, ``.``, ``_``, ``-``; no ``@``), else ``error``."""
    if not _DOC_ID.fullmatch(doc_id):
        raise error(
            f"invalid document id {doc_id!r}",
            hint="use letters, digits, '.', '_' and '-', starting with a letter or digit",
        )
    return doc_id


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def doc_id_from_url(url: str) -> str:
    """The last path segment with a letter in it (``/world/2024/04/02/crocus-warning.html`` ->
    ``crocus-warning``), else the host without ``www.``."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    for segment in reversed([s for s in parts.path.split("/") if s]):
        segment = re.sub(r"\.(?:s?html?|php|aspx?|jsp)$", "", segment, flags=re.I)
        if re.search(r"[A-Za-z]", segment) and slugify(segment):
            return slugify(segment)
    return slugify((parts.hostname or "").removeprefix("www.")) or "page"


# --- decoding --------------------------------------------------------------------------------


def _check_encoding(encoding: str | None) -> None:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}", hint="e.g. utf-8, cp1252, latin-1") from None


def decode(data: bytes, *, label: str, encoding: str | None = None) -> str:
    """Strict decoding (UTF-8 unless ``encoding``); binary and undecodable input is an InputError."""
    if encoding is None:
        if b"\x00" in data:
            raise _binary(label)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{label}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                hint="pass --encoding, e.g. --encoding cp1252 or --encoding latin-1",
            ) from None
    _check_encoding(encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label}: not valid {encoding} (offset {exc.start})", hint="check --encoding"
        ) from None
    if "\x00" in text:
        raise _binary(label)
    return text


def _binary(label: str) -> InputError:
    return InputError(
        f"{label}: looks like a binary file (it contains NUL bytes)",
        hint="attribtrack reads .txt, .md, .json, .html and .docx",
    )


def _sha(text: str, raw: bytes | None = None) -> str:
    # For UTF-8 input the raw bytes are the encoded text: hash them instead of encoding a copy.
    return hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()


def _require_text(data: bytes | str, label: str) -> None:
    if not data or data.isspace():
        raise InputError(f"{label}: is empty" if not data else f"{label}: has no text (only whitespace)")


# --- readers ---------------------------------------------------------------------------------


def read_input(target: str, *, encoding: str | None = None) -> Input:
    """A path, ``-`` (stdin) or an http(s) URL."""
    if target == "-":
        return read_stdin(encoding=encoding)
    if is_url(target):
        return fetch_url(target, encoding=encoding)
    return read_path(target, encoding=encoding)


def read_path(path: str | os.PathLike[str], *, encoding: str | None = None) -> Input:
    """Read a file; its format comes from its extension (anything unknown is read as text)."""
    p = Path(path)
    label = str(path)
    suffix = p.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise InputError(f"{label}: {suffix} files are not supported", hint=_UNSUPPORTED[suffix])
    try:
        with p.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise NotFoundError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory", hint="name the files in it") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
    stem = slugify(p.stem) or None
    return read_bytes(data, label=label, format=_FORMATS.get(suffix, "txt"), encoding=encoding, path=label,
                      doc_id=stem)  # fmt: skip


def read_stdin(*, encoding: str | None = None, stream: BinaryIO | None = None) -> Input:
    """Standard input, read as plain text (label ``<stdin>``; no document id of its own)."""
    data = (stream or sys.stdin.buffer).read()
    return read_bytes(data, label="<stdin>", format="txt", encoding=encoding)


def read_bytes(
    data: bytes,
    *,
    label: str,
    format: str,
    encoding: str | None = None,
    path: str | None = None,
    doc_id: str | None = None,
    url: str | None = None,
) -> Input:
    """Decode and parse ``data`` of ``format`` (txt, md, json, html, docx)."""
    _require_text(data, label)
    if format == "docx":
        return _read_docx(data, label=label, path=path, doc_id=doc_id)
    if format == "html":
        return _read_html(data, label=label, encoding=encoding, path=path, doc_id=doc_id, url=url)
    text = decode(data, label=label, encoding=encoding)
    raw = data if encoding is None else None
    del data
    if format == "md":
        return _read_markdown(text, raw, label=label, path=path, doc_id=doc_id)
    if format == "json":
        return _read_json(text, label=label, path=path, doc_id=doc_id)
    title = _txt_title(text)
    return Input(text=text, label=label, sha256=_sha(text, raw), format="txt", path=path, doc_id=doc_id,
                 fields={"title": title} if title else {})  # fmt: skip


def _txt_title(text: str) -> str | None:
    """The first line, when it reads like a headline and text follows it."""
    head = text[:4096].lstrip("\ufeff")
    first, _, rest = head.partition("\n")
    first = first.strip()
    if not first or len(first) > 200 or first.endswith((".", ",", ";", ":")) or not rest.strip():
        return None
    return first


def _read_markdown(
    text: str, raw: bytes | None, *, label: str, path: str | None, doc_id: str | None
) -> Input:
    fields: dict[str, str] = {}
    metadata: dict[str, str] = {}
    match = _FRONT_MATTER.match(text[:65536])
    body_start = 0
    if match:
        fields, metadata, front_doc = _front_matter(match.group(1), label)
        doc_id = front_doc or doc_id
        body_start = match.end()
    if "title" not in fields:
        heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", text[body_start : body_start + 65536], re.M)
        if heading:
            fields["title"] = heading.group(1).strip()
    if not text[body_start:].strip():
        raise InputError(f"{label}: has no text after its front matter")
    return Input(text=text, label=label, sha256=_sha(text, raw), format="md", path=path, doc_id=doc_id,
                 fields=fields, metadata=metadata)  # fmt: skip


def _front_matter(source: str, label: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    import yaml

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{label}: invalid YAML front matter: {problem}{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{label}: front matter must be a mapping of keys to values")
    return _metadata(data, label, where="front matter")


def _metadata(
    data: Mapping[Any, Any], label: str, *, where: str
) -> tuple[dict[str, str], dict[str, str], str | None]:
    """Split a mapping into known fields, other metadata (as strings) and the ``doc`` id."""
    fields: dict[str, str] = {}
    metadata: dict[str, str] = {}
    doc_id = None
    for key, value in data.items():
        key = str(key)
        if value is None or key == "text":
            continue
        if key in FIELDS or key == "doc":
            if isinstance(value, datetime | date):
                value = value.isoformat()
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise InputError(f"{label}: {where} key {key!r} must be a single value")
            value = str(value).strip()
            if not value:
                continue
            if key == "doc":
                doc_id = check_doc_id(value, error=InputError)
            elif key == "kind" and value not in KINDS:
                raise InputError(f"{label}: {where} kind {value!r} is not one of: {', '.join(KINDS)}")
            elif key == "published":
                fields[key] = check_published(value, error=InputError, label=label)
            else:
                fields[key] = value
        else:
            metadata[key] = (
                value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
            )
    return fields, metadata, doc_id


def check_published(
    value: str, *, error: type[AttribtrackError] = UsageError, label: str | None = None
) -> str:
    """An ISO 8601 date or date-time (``2024-04-02``, ``2024-04-02T10:00:00Z``), kept as written."""
    value = value.strip()
    try:
        datetime.fromisoformat(value)
    except ValueError:
        where = f"{label}: " if label else ""
        raise error(f"{where}published date {value!r} is not an ISO date", hint="use YYYY-MM-DD") from None
    return value


def _read_json(text: str, *, label: str, path: str | None, doc_id: str | None) -> Input:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{label}: invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    del text
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(f'{label}: expected a JSON object with a "text" string')
    body: str = data["text"]
    _require_text(body, f'{label}: "text"')
    fields, metadata, front_doc = _metadata(data, label, where="JSON")
    return Input(text=body, label=label, sha256=_sha(body), format="json", path=path,
                 doc_id=front_doc or doc_id, fields=fields, metadata=metadata)  # fmt: skip


def _html_encoding(data: bytes, declared: str | None) -> str | None:
    if declared:
        return declared
    match = _META_CHARSET.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            return None
        return None if name in ("utf-8", "utf8") else name
    return None


def _read_html(
    data: bytes, *, label: str, encoding: str | None, path: str | None, doc_id: str | None, url: str | None,
    declared: str | None = None,
) -> Input:  # fmt: skip
    html = decode(data, label=label, encoding=encoding or _html_encoding(data, declared))
    del data
    text, found = html_main_text(html, url=url)
    if not text:
        raise InputError(f"{label}: no main text found in this HTML page")
    return Input(text=text, label=label, sha256=_sha(text), format="html", path=path, doc_id=doc_id,
                 fields=found)  # fmt: skip


def html_main_text(html: str, *, url: str | None = None) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (paragraphs separated by a blank line) and the metadata
    found (title, outlet = site name, published = a date declared in the page's metadata).

    Scripts, styles, ``<noscript>``, templates and SVG are removed from the tree first, so they
    can never reach the text whatever path the extractor takes; the main text is then
    trafilatura's (navigation and boilerplate dropped). Pages too short for it fall back to the
    text of their block elements.
    """
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", {}
    for element in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe|//object"):
        element.drop_tree()
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, favor_recall=True, include_comments=False, include_tables=True,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )  # fmt: skip
    lines = (doc.text or "").splitlines() if doc is not None else []
    if not any(line.strip() for line in lines):
        lines = _block_texts(tree)
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    found: dict[str, str] = {}
    if doc is not None:
        for key, value in (("title", doc.title), ("outlet", doc.sitename), ("published", doc.date)):
            if value and str(value).strip():
                found[key] = str(value).strip()
    return text, found


_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
}


def _block_texts(tree: Any) -> list[str]:
    """The text of each outermost block element of the body (or the whole body if it has none)."""
    body = tree.find("body")
    if body is None:
        return []
    texts = []
    for element in body.iter():
        if element.tag in _BLOCKS and not any(a.tag in _BLOCKS for a in element.iterancestors()):
            texts.append(" ".join(element.text_content().split()))
    return texts or [" ".join(body.text_content().split())]


def _read_docx(data: bytes, *, label: str, path: str | None, doc_id: str | None) -> Input:
    import io
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{label}: not a readable .docx file ({exc or type(exc).__name__})") from None
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    text = "\n\n".join(p.text for p in paragraphs)
    if not text:
        raise InputError(f"{label}: the document has no text")
    title = (document.core_properties.title or "").strip()
    if not title and paragraphs:
        style = (paragraphs[0].style.name if paragraphs[0].style is not None else "") or ""
        if style.startswith(("Title", "Heading")):
            title = paragraphs[0].text.strip()
    return Input(text=text, label=label, sha256=_sha(text), format="docx", path=path, doc_id=doc_id,
                 fields={"title": title} if title else {})  # fmt: skip


def fetch_url(url: str, *, encoding: str | None = None, timeout: float = FETCH_TIMEOUT) -> Input:
    """Fetch a page (redirects followed) and read it by content type: HTML (default), text or JSON.

    ``fields["url"]`` is the URL asked for (a stable document identity); ``metadata`` records
    ``fetched_at`` and, after a redirect, ``final_url``.
    """
    import http.client
    import urllib.error
    import urllib.request

    from attribtrack import __version__

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"attribtrack/{__version__}",
            "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_FETCH_BYTES + 1)
            final_url = response.geturl()
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({exc.reason})") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch ({exc})") from None
    if len(data) > MAX_FETCH_BYTES:
        raise InputError(f"{url}: larger than {MAX_FETCH_BYTES // (1024 * 1024)} MB")
    doc_id = doc_id_from_url(url)
    if content_type == "text/plain" or content_type == "application/json":
        fmt = "json" if content_type == "application/json" else "txt"
        got = read_bytes(data, label=url, format=fmt, encoding=encoding or charset, doc_id=doc_id)
    else:
        _require_text(data, url)
        got = _read_html(data, label=url, encoding=encoding, path=None, doc_id=doc_id, url=final_url,
                         declared=charset)  # fmt: skip
    metadata = {**got.metadata, "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if final_url != url:
        metadata["final_url"] = final_url
    return Input(text=got.text, label=url, sha256=got.sha256, format=got.format, doc_id=got.doc_id,
                 fields={**got.fields, "url": url}, metadata=metadata)  # fmt: skip


# --- targets ---------------------------------------------------------------------------------


def load_target(target: str, *, store: str | None = None, encoding: str | None = None) -> Loaded:
    """TARGET -> its text: ``-``, a URL, an existing path (wins over a document of the same name),
    or a stored revision ``DOC``, ``DOC@N``, ``DOC@-N``. Only stored revisions open the store, and
    never create it. ``store``: the ``--store`` file, or None to discover it upward."""
    from attribtrack.targets import Loaded

    if target == "-" or is_url(target) or os.path.lexists(target):
        got = read_input(target, encoding=encoding)
        extra = {k: v for k, v in got.fields.items() if k not in ("title", "published")}
        return Loaded(text=got.text, label=got.label, sha256=got.sha256, path=got.path,
                      title=got.fields.get("title"), published=got.fields.get("published"),
                      metadata={**got.metadata, **extra})  # fmt: skip
    return _load_stored(target, store)


def _load_stored(target: str, store_path: str | None) -> Loaded:
    from attribtrack.store import open_store
    from attribtrack.targets import Loaded

    doc_id, at, spec = target.partition("@")
    if not _DOC_ID.fullmatch(doc_id):
        raise NotFoundError(f"{target}: no such file")
    try:
        store = open_store(store_path)
    except NotFoundError:
        raise NotFoundError(
            f"{target}: no such file or stored document (no attribtrack store found)"
        ) from None
    with store:
        if not store.has_document(doc_id):
            raise NotFoundError(f"{target}: no such file or stored document")
        document = store.document(doc_id)
        revision = store.revision(doc_id, spec if at else None)
    described = {"kind": document.kind, "outlet": document.outlet, "url": document.url,
                 "speaker": document.speaker, "channel": document.channel}  # fmt: skip
    metadata = {**revision.metadata, **{k: v for k, v in described.items() if v}}
    return Loaded(text=revision.text, label=revision.ref, sha256=revision.sha256, document=doc_id,
                  revision=revision.number, title=revision.title or document.title,
                  published=revision.published_at, metadata=metadata)  # fmt: skip


# --- ingest ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What happened to one input of :func:`ingest`: a store result, or the error that stopped it."""

    target: str
    result: IngestResult | None = None
    error: AttribtrackError | None = None


def ingest(
    store: Store | Callable[[], Store],
    targets: Iterable[str],
    *,
    doc: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
    speaker: str | None = None,
    channel: str | None = None,
    encoding: str | None = None,
    outlets: Any = None,
) -> Iterator[Outcome]:
    """Read each target and store it as the next revision of its document, one transaction each.

    Options given here win over what an input says about itself (front matter, page metadata).
    The document id is ``doc``, else the input's own (front matter ``doc``, URL, file stem).
    ``outlets`` is an outlet registry (default: the built-in one extended by the project's
    ``[tool.attribtrack.outlets]``): outlet names are stored under their canonical name, and a
    URL on a known outlet's domain names the outlet when none is given. An input that cannot be read yields an
    :class:`Outcome` with its error and the others go on; a :class:`StoreError` stops everything.
    Bad options raise :class:`UsageError` at once, before anything is read.

    ``store`` may be a zero-argument callable that opens one: it is then called only when the
    first input has been read (so a missing file or a bad option leaves no new store behind) and
    the store is closed when the iteration ends.
    """
    if doc is not None:
        check_doc_id(doc)
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    if published is not None:
        published = check_published(published)
    _check_encoding(encoding)
    given = {"kind": kind, "outlet": outlet, "url": url, "published": published, "title": title,
             "speaker": speaker, "channel": channel}  # fmt: skip
    given = {k: v for k, v in given.items() if v is not None}
    return _ingest(store, targets, doc, given, encoding, outlets)


def _ingest(
    opener: Store | Callable[[], Store], targets: Iterable[str], doc: str | None, given: dict[str, str],
    encoding: str | None, outlets: Any,
) -> Iterator[Outcome]:  # fmt: skip
    store: Store | None = None if callable(opener) else opener
    try:
        for target in targets:
            try:
                got = read_input(target, encoding=encoding)
                doc_id = doc or got.doc_id
                if not doc_id:
                    raise UsageError(f"{got.label}: cannot tell which document this is", hint="pass --doc ID")
                fields = {**got.fields, **given}
                if fields.get("outlet") or fields.get("url"):
                    if outlets is None:  # loaded once, and only when there is an outlet to name
                        outlets = _registry()
                    fields["outlet"] = _canonical_outlet(fields.get("outlet"), fields.get("url"), outlets)
                if fields.get("outlet") is None:
                    fields.pop("outlet", None)
                if store is None:
                    store = opener()  # type: ignore[operator]
                result = store.ingest(got.text, doc_id=doc_id, metadata=got.metadata, **fields)
            except (StoreError, ConfigError):
                raise
            except AttribtrackError as exc:
                yield Outcome(target, error=exc)
            else:
                yield Outcome(target, result=result)
    finally:
        if store is not None and store is not opener:
            store.close()


def _registry() -> Any:
    """The built-in outlets plus the project's (``[tool.attribtrack.outlets]``, found from cwd)."""
    from attribtrack.config import load_config
    from attribtrack.outlets import load_registry

    return load_registry(load_config(Path.cwd()).outlets)


def _canonical_outlet(name: str | None, url: str | None, registry: Any) -> str | None:
    """The registry's canonical name for ``name`` (or, without a name, for the URL's domain)."""
    hit = registry.lookup(name) if name else None
    if hit is None and not name and url:
        hit = registry.lookup(url)
    return hit.name if hit is not None else name
