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

Bytes are decoded as strict UTF-8 unless ``encoding`` says otherwise, or a UTF-16 or UTF-32
byte-order mark says which (the mark is dropped; a UTF-8 one is kept, so the file still
round-trips); newlines are kept as they are (``\\r\\n`` stays), so a ``.txt`` file round-trips
byte for byte. Errors are :class:`InputError` (exit 3) with one clear line.

Hostile input is bounded before it is expanded: only regular files are opened (a FIFO or
``/dev/zero`` would never end), no input is read past :data:`MAX_INPUT_BYTES` (a file, standard
input, or the decompressed parts of a .docx: declared sizes are checked before anything is
inflated), a .docx of more than :data:`MAX_DOCX_ENTRIES` zip entries or one whose part declares a
DTD (entity expansion) is refused, and YAML front matter may not expand past
:data:`MAX_FRONT_MATTER` characters and values once its aliases are followed (``&a [*b, *b,
...]`` nested ten deep is 500 bytes and billions of values). Heavy libraries
(trafilatura, python-docx, PyYAML) are imported only when a file of their kind is read.

:func:`load_target` resolves any TARGET (path, ``-``, URL, ``DOC``, ``DOC@N``, ``DOC@-N``);
:func:`ingest` reads inputs and hands them to the store, one transaction each.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import json
import os
import re
import stat
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
    "file_origin",
    "html_main_text",
    "ingest",
    "is_url",
    "load_target",
    "read_bytes",
    "read_file",
    "read_input",
    "read_option_file",
    "read_path",
    "read_stdin",
    "slugify",
]

#: Metadata keys understood in front matter and JSON, besides ``text`` and ``doc``.
FIELDS = ("title", "outlet", "url", "published", "kind", "speaker", "channel")
KINDS = ("article", "source")
FETCH_TIMEOUT = 20.0
MAX_FETCH_BYTES = 64 * 1024 * 1024
#: The most read from one input: a file, standard input, or the decompressed parts of a .docx.
MAX_INPUT_BYTES = 256 * 1024 * 1024
#: The most characters and values YAML front matter may expand to once its aliases are followed
#: (its source is at most 64 KiB), and how deeply it may nest.
MAX_FRONT_MATTER = 1_000_000
MAX_FRONT_MATTER_DEPTH = 100
#: The most entries a .docx may have. Word writes a dozen parts for a plain story and one more per
#: image, chart or embedded object, so a long illustrated report stays in the hundreds; 10,000 is
#: far past any real document. The cap is what bounds the work: Python's zipfile builds an object
#: for every entry of the central directory before anything can be checked (two million empty
#: entries, 94 MB, took 1.6 GB and two minutes), and each is then re-packed.
MAX_DOCX_ENTRIES = 10_000
_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx",
}  # fmt: skip
_UNSUPPORTED = {
    ".doc": "save it as .docx", ".pdf": "extract its text first", ".odt": "save it as .docx",
    ".rtf": "save it as .docx or .txt",
}  # fmt: skip
_DOC_ID = re.compile(r"[^\W_][\w.-]{0,199}")  # letters and digits of any script (slugify keeps them)
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
    """``"Crocus City Hall (rev 2)"`` -> ``"crocus-city-hall-rev-2"`` (at most 80 chars).

    Latin letters are folded to ASCII as they always were (``Déclaration`` -> ``declaration``;
    one with no ASCII form, like ``ø``, is dropped), so ids of stored documents do not change.
    Letters and digits of other scripts are kept, lowercased (``Новости`` -> ``новости``,
    ``新闻`` -> ``新闻``): transliteration has no answer for CJK, and a name of only such letters
    gave no id at all. Combining marks of those scripts (Devanagari vowel signs) are dropped."""
    kept = []
    for char in unicodedata.normalize("NFC", name):
        if char.isascii():
            kept.append(char.lower())
        elif folded := unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii"):
            kept.append(folded.lower())
        elif char.isalnum() and not unicodedata.name(char, "").startswith("LATIN"):
            kept.append(char.lower())
    slug = re.sub(r"(?:(?![a-z0-9])[\x00-\x7f])+", "-", "".join(kept))
    return slug.strip("-")[:80].strip("-")


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
            info = codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}", hint="e.g. utf-8, cp1252, latin-1") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: not bytes -> text
            raise UsageError(f"{encoding!r} is not a text encoding", hint="e.g. utf-8, cp1252, latin-1")


#: Byte-order marks that name an encoding (UTF-32 first: its little-endian mark starts like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip


def _bom_encoding(data: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``data`` starts with that byte-order mark (whose codec drops it)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def decode(data: bytes, *, label: str, encoding: str | None = None) -> str:
    """Strict decoding (UTF-8 unless ``encoding``, or a UTF-16/32 byte-order mark); binary and
    undecodable input is an InputError."""
    return _decode(data, label=label, encoding=encoding)[0]


def _decode(data: bytes, *, label: str, encoding: str | None) -> tuple[str, bool]:
    """The text, and whether ``data`` is its UTF-8 encoding (then it is hashed as it is)."""
    if encoding is None:
        bom = _bom_encoding(data)
        if bom is not None:
            return _decode_as(data, bom, label, hint=f"it starts with a {bom.upper()} byte-order mark"), False
        if b"\x00" in data:
            raise _binary(label)
        try:
            return data.decode("utf-8"), True
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{label}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                hint="pass --encoding, e.g. --encoding cp1252 or --encoding latin-1",
            ) from None
    _check_encoding(encoding)
    return _decode_as(data, encoding, label, hint="check --encoding"), False


def _decode_as(data: bytes, encoding: str, label: str, *, hint: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeError as exc:
        where = f" (offset {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
        raise InputError(f"{label}: not valid {encoding}{where}", hint=hint) from None
    if "\x00" in text:
        raise _binary(label)
    try:  # a few codecs (utf-7) can decode to a lone surrogate, which no store or output takes
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{label}: decodes to an unpaired surrogate (offset {exc.start})", hint=hint
        ) from None
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
    body = data.removeprefix(codecs.BOM_UTF8) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if not body or body.isspace():  # a byte-order mark alone is no text either
        raise InputError(f"{label}: is empty" if not body else f"{label}: has no text (only whitespace)")


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
    data = read_file(p, label)
    stem = slugify(p.stem) or None
    return read_bytes(data, label=label, format=_FORMATS.get(suffix, "txt"), encoding=encoding, path=label,
                      doc_id=stem)  # fmt: skip


def read_stdin(*, encoding: str | None = None, stream: BinaryIO | None = None) -> Input:
    """Standard input, read as plain text (label ``<stdin>``; no document id of its own), at most
    :data:`MAX_INPUT_BYTES` of it (``< /dev/zero`` ends with an error, not an exhausted memory)."""
    data = (stream or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large("<stdin>")
    return read_bytes(data, label="<stdin>", format="txt", encoding=encoding)


_KINDS_OF_FILE = (
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)  # fmt: skip


class _Unreadable(Exception):
    """Why a file was not read: ``reason`` follows its label ("is a directory"); ``hint`` is for
    an input file only (an option's file is not something to pipe to standard input)."""

    def __init__(self, reason: str, hint: str | None = None, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.hint, self.missing = reason, hint, missing


def _not_regular(mode: int) -> _Unreadable:
    if stat.S_ISDIR(mode):
        return _Unreadable("is a directory", "name the files in it")
    kind = next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a file")
    hint = "to read a stream, pipe it to standard input and give -"
    return _Unreadable(f"is not a regular file ({kind})", hint)


_TOO_LARGE = f"larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, the most attribtrack reads"


def _too_large(label: str) -> InputError:
    return InputError(f"{label}: {_TOO_LARGE}")


def read_file(p: Path, label: str) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_INPUT_BYTES`.

    Anything else is refused before it is read: a FIFO would block until a writer comes,
    ``/dev/zero`` never ends, and opening some devices has effects. The path is checked with
    ``stat`` before it is opened (a device is never opened), then opened non-blocking and checked
    again on the descriptor, so a FIFO swapped in between cannot hang the read either.
    """
    try:
        return _regular_file_bytes(p)
    except _Unreadable as exc:
        error = NotFoundError if exc.missing else InputError
        raise error(f"{label}: {exc.reason}", hint=exc.hint) from None


def read_option_file(
    path: str | os.PathLike[str], label: str, *, error: type[AttribtrackError] = UsageError
) -> bytes:
    """The bytes of a file an option names (``--config``, ``--baseline``, ``--opml``), read under
    the rules of :func:`read_file` (regular files only, at most :data:`MAX_INPUT_BYTES`): such a
    file is an input too, and a FIFO given as ``--config`` hung as a draft once did. A refusal is
    ``error`` (a configuration's: :class:`~attribtrack.errors.ConfigError`, exit 2), one line:
    ``LABEL: REASON`` (``cannot read configuration x.toml: is not a regular file (a named pipe)``).
    """
    try:
        return _regular_file_bytes(Path(path))
    except _Unreadable as exc:
        raise error(f"{label}: {exc.reason}") from None


def _regular_file_bytes(p: Path) -> bytes:
    try:
        mode = os.stat(p).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(mode)
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise _not_regular(st.st_mode)
            if st.st_size > MAX_INPUT_BYTES:
                raise _Unreadable(_TOO_LARGE)
            data = fh.read(MAX_INPUT_BYTES + 1)  # the file may have grown since fstat
    except FileNotFoundError:
        raise _Unreadable("no such file", missing=True) from None
    except IsADirectoryError:
        raise _Unreadable("is a directory", "name the files in it") from None
    except PermissionError:
        raise _Unreadable("permission denied") from None
    except OSError as exc:
        raise _Unreadable(f"cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # a NUL byte in the path
        raise _Unreadable(f"cannot read ({exc})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise _Unreadable(_TOO_LARGE)
    return data


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
    text, utf8 = _decode(data, label=label, encoding=encoding)
    raw = data if utf8 else None
    del data
    _require_text(text, label)  # U+2028 or UTF-16 spaces: only whitespace, though not in ASCII bytes
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

    loader = None
    try:
        loader = _front_matter_loader()(source)  # its reader refuses control characters at once
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node, label)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{label}: invalid YAML front matter: {problem}{where}") from None
    except RecursionError:  # the composer recurses once per level of [[[[...
        raise InputError(f"{label}: front matter nested too deeply") from None
    except (ArithmeticError, LookupError, ValueError, TypeError, AttributeError) as exc:
        # A constructor given a value it cannot take: `!!int abc`, `!!timestamp soon`.
        problem = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"{label}: invalid YAML front matter: a value cannot be read ({problem})") from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{label}: front matter must be a mapping of keys to values")
    return _metadata(data, label, where="front matter")


@functools.cache
def _front_matter_loader() -> Any:
    """yaml's SafeLoader (no tags that run code), whose impossible dates (``2024-02-30``) are
    YAML errors with their line rather than a ValueError from datetime."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except (ValueError, OverflowError, AttributeError) as exc:  # `!!timestamp soon`: no match
                reason = "not a date" if isinstance(exc, AttributeError) else str(exc)
                problem = f"invalid date {node.value!r} ({reason})"
                raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None

    FrontMatterLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_yaml_timestamp
    )
    return FrontMatterLoader


def _check_expansion(root: Any, label: str) -> None:
    """Refuse front matter that would expand past :data:`MAX_FRONT_MATTER` characters and values
    once aliases are followed (each alias is the whole node again: ten levels of nine aliases are
    a billion values from 500 bytes), that nests deeper than :data:`MAX_FRONT_MATTER_DEPTH`, or
    whose aliases refer to themselves. The composed node graph is walked once (each node's
    expanded size is memoised), without recursion."""
    import yaml

    sizes: dict[int, int] = {}
    started: set[int] = set()  # expansion begun, not finished: the nodes on the current path
    stack: list[tuple[Any, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, finish = stack.pop()
        key = id(node)
        children = (
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
            else node.value if isinstance(node, yaml.SequenceNode) else []
        )  # fmt: skip
        if finish:
            started.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_FRONT_MATTER:
                raise InputError(
                    f"{label}: front matter expands to more than {MAX_FRONT_MATTER:,} characters and "
                    "values once its aliases (*name) are followed",
                    hint="write the values out, or drop the aliases",
                )
            continue
        if key in sizes:
            continue
        if key in started:
            raise InputError(f"{label}: front matter refers to itself (a recursive alias)")
        if depth > MAX_FRONT_MATTER_DEPTH:
            raise InputError(f"{label}: front matter nested more than {MAX_FRONT_MATTER_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1 + len(node.value)
            continue
        started.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)


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
        _check_chars(key, label, f"{where} key")
        if key in FIELDS or key == "doc":
            if isinstance(value, datetime | date):
                value = value.isoformat()
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise InputError(f"{label}: {where} key {key!r} must be a single value")
            value = str(value).strip()
            if not value:
                continue
            _check_chars(value, label, f"{where} key {key!r}")
            if key == "doc":
                doc_id = check_doc_id(value, error=InputError)
            elif key == "kind" and value not in KINDS:
                raise InputError(f"{label}: {where} kind {value!r} is not one of: {', '.join(KINDS)}")
            elif key == "published":
                fields[key] = check_published(value, error=InputError, label=label)
            else:
                fields[key] = value
        else:
            if isinstance(value, str):
                _check_chars(value, label, f"{where} key {key!r}")
            metadata[key] = value if isinstance(value, str) else _json(value)
    return fields, metadata, doc_id


def _json(value: Any) -> str:
    """A metadata value as JSON. YAML mappings may have keys of several types (``{1: a, b: c}``,
    dates): those are written as strings."""
    try:
        return json.dumps(value, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return json.dumps(_string_keys(value), sort_keys=True, default=str)


def _string_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def _check_chars(value: str, label: str, what: str) -> None:
    """No NUL and no unpaired surrogate (JSON's ``"\\ud800"``): no store or output takes them."""
    if "\x00" in value:
        raise InputError(f"{label}: {what} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{label}: {what} contains an unpaired surrogate (\\u{ord(value[exc.start]):04x})"
        ) from None


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
    except RecursionError:  # [[[[... 100,000 deep
        raise InputError(f"{label}: invalid JSON: nested too deeply") from None
    del text
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(f'{label}: expected a JSON object with a "text" string')
    body: str = data["text"]
    _require_text(body, f'{label}: "text"')
    _check_chars(body, label, '"text"')
    try:
        fields, metadata, front_doc = _metadata(data, label, where="JSON")
    except RecursionError:  # a metadata value nested nearly as deep as json.loads allows
        raise InputError(f"{label}: a JSON metadata value is nested too deeply") from None
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
    try:
        for element in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe|//object"):
            element.drop_tree()
    except ValueError:  # lxml will not re-set a text with control characters (found by fuzzing)
        return "", {}
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
    import zipfile
    import zlib

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    data = _unzip_docx(data, label)
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p for p in document.paragraphs if p.text.strip()]
        text = "\n\n".join(p.text for p in paragraphs)
        title = (document.core_properties.title or "").strip()
        style = (paragraphs[0].style.name if paragraphs and paragraphs[0].style is not None else "") or ""
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{label}: not a readable .docx file ({exc or type(exc).__name__})") from None
    except etree.LxmlError as exc:  # malformed XML in a part
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{label}: not a readable .docx file (invalid XML: {problem})") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:  # corrupt or encrypted data
        raise InputError(f"{label}: not a readable .docx file ({exc or type(exc).__name__})") from None
    if not text:
        raise InputError(f"{label}: the document has no text")
    if not title and style.startswith(("Title", "Heading")):
        title = paragraphs[0].text.strip()
    return Input(text=text, label=label, sha256=_sha(text), format="docx", path=path, doc_id=doc_id,
                 fields={"title": title} if title else {})  # fmt: skip


#: "<!DOCTYPE" as UTF-8 and as UTF-16 (an XML part may be either): a DTD is where entities live.
_DTD_MARKS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def _unzip_docx(data: bytes, label: str) -> bytes:
    """The .docx re-packed, uncompressed, from parts inflated here within bounds: a zip bomb and
    entity expansion are refused before python-docx inflates or parses anything.

    The sizes the archive declares must add up to at most :data:`MAX_INPUT_BYTES` (python-docx
    reads every part into memory); each part is then inflated a chunk at a time, never past its
    declared size nor the same budget (python-docx would ask zlib for a whole part at once, so a
    header that lies about its size would still inflate in full there); only the methods Word
    writes are accepted (stored, deflate: bzip2 is inflated without a bound); and no XML part may
    declare a DTD (Word never writes one; its entities are what a billion-laughs document
    expands). python-docx reads the re-packed archive.
    """
    import zipfile
    import zlib

    _check_entry_count(data, label)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        EOFError,
        OSError,
        NotImplementedError,
    ) as exc:
        raise _unreadable_docx(label, exc) from None  # NotImplementedError: "zip file version 25.2"
    out = io.BytesIO()
    with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
        infos = archive.infolist()
        declared = sum(info.file_size for info in infos)
        if declared > MAX_INPUT_BYTES:
            raise InputError(
                f"{label}: unzips to {declared / (1024 * 1024):,.0f} MiB, more than the "
                f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB attribtrack reads (a zip bomb?)"
            )
        budget = [MAX_INPUT_BYTES]
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise InputError(f"{label}: {info.filename} is compressed in a way Word never writes")
            try:
                repacked.writestr(info.filename, _inflate(archive, info, budget, label))
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                    ValueError, OSError) as exc:  # fmt: skip
                raise _unreadable_docx(label, exc) from None
    return out.getvalue()


def _check_entry_count(data: bytes, label: str) -> None:
    """Refuse a .docx of more than :data:`MAX_DOCX_ENTRIES` entries before zipfile reads its
    central directory (which it does in full, an object per entry, whatever the count the
    archive declares: zipfile walks the directory's bytes). Both are checked here: the count the
    end record (or its ZIP64 record) declares, then the records themselves, walked without
    building anything and never past the cap, so a declared count that lies is caught too.
    Anything malformed is left to zipfile, which says so."""
    import struct

    end = data.rfind(b"PK\x05\x06", max(0, len(data) - (1 << 16) - 22))
    if end < 0 or len(data) < end + 22:
        return
    _, _, _, total, size, _ = struct.unpack_from("<4H2L", data, end + 4)
    directory_end = end
    locator = end - 20
    if locator >= 56 and data[locator : locator + 4] == b"PK\x06\x07":  # ZIP64
        record = locator - 56
        if data[record : record + 4] == b"PK\x06\x06":
            total, size = struct.unpack_from("<QQ", data, record + 32)
            directory_end = record
    if total > MAX_DOCX_ENTRIES:
        raise _too_many_entries(label, f"declares {total:,} entries")
    entry, count = max(0, directory_end - size), 0
    while entry + 46 <= directory_end and data[entry : entry + 4] == b"PK\x01\x02":
        count += 1
        if count > MAX_DOCX_ENTRIES:
            raise _too_many_entries(label, f"has more than {MAX_DOCX_ENTRIES:,} entries")
        name, extra, comment = struct.unpack_from("<3H", data, entry + 28)
        entry += 46 + name + extra + comment


def _too_many_entries(label: str, what: str) -> InputError:
    return InputError(f"{label}: its zip archive {what}, more than the {MAX_DOCX_ENTRIES:,} a .docx may have")


def _unreadable_docx(label: str, exc: BaseException) -> InputError:
    return InputError(f"{label}: not a readable .docx file ({exc or type(exc).__name__})")


def _inflate(archive: Any, info: Any, budget: list[int], label: str) -> bytes:
    """One part of ``archive``, a MiB at a time, against what is left of ``budget[0]``; an XML
    part must not declare a DTD (a mark split across two chunks is seen too)."""
    is_xml = info.filename.lower().endswith((".xml", ".rels"))
    chunks: list[bytes] = []
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(1 << 20):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                mib = MAX_INPUT_BYTES // (1024 * 1024)
                raise InputError(
                    f"{label}: unzips to more than {mib} MiB, the most attribtrack reads (a zip bomb?)"
                )
            if is_xml:
                window = tail + chunk
                if any(mark in window for mark in _DTD_MARKS):
                    raise InputError(
                        f"{label}: {info.filename} declares a DTD (<!DOCTYPE>), which a .docx never has; "
                        "its entities are not expanded"
                    )
                tail = window[-20:]
            chunks.append(chunk)
    return b"".join(chunks)


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
    jobs: int | None = 1,
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
    the store is closed when the iteration ends. ``jobs`` (as ``--jobs``; None: one per CPU) reads
    and parses the inputs in worker processes (:func:`attribtrack.parallel.read_inputs`); this
    process alone writes them to the store, in order.
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
    from attribtrack.parallel import read_inputs

    targets = list(targets)
    return _ingest(store, targets, read_inputs(targets, encoding=encoding, jobs=jobs), doc, given, outlets)


def _ingest(
    opener: Store | Callable[[], Store], targets: list[str], reads: Iterator[Input | AttribtrackError],
    doc: str | None, given: dict[str, str], outlets: Any,
) -> Iterator[Outcome]:  # fmt: skip
    from attribtrack.store import OriginConflict

    store: Store | None = None if callable(opener) else opener
    try:
        for target, got in zip(targets, reads, strict=True):
            try:
                if isinstance(got, AttribtrackError):
                    raise got
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
                origin = file_origin(got.path) if got.path else target if is_url(target) else None
                try:
                    result = store.ingest(got.text, doc_id=doc_id, metadata=got.metadata, origin=origin,
                                          same_origin=doc is None and _named_by_origin(got, target),
                                          **fields)  # fmt: skip
                except OriginConflict as exc:
                    raise UsageError(
                        f"{got.label}: {exc}",
                        hint=f"pass --doc {doc_id} to add it as a revision of that document, "
                        "or another --doc",
                    ) from None
            except (StoreError, ConfigError):
                raise
            except AttribtrackError as exc:
                yield Outcome(target, error=exc)
            else:
                yield Outcome(target, result=result)
    finally:
        if store is not None and store is not opener:
            store.close()


def file_origin(path: str | os.PathLike[str]) -> str:
    """Where a file's document comes from: ``git:PATH`` (its path from the repository's root,
    with ``/``) inside a git work tree, else its real path.

    Two checkouts of one newsroom repository (two reporters' machines, a CI runner) then give a
    story one origin, where their absolute paths differed and a shared store refused the second
    until ``--doc`` was given. The work tree is found as git finds it, without running git: the
    nearest directory at or above the file with a ``.git`` (a directory, or the file a linked
    worktree or submodule has). See :func:`attribtrack.store.base.same_origin` for stores that
    recorded absolute paths."""
    real = Path(os.path.realpath(path))
    for directory in real.parents:
        if (directory / ".git").exists():
            return "git:" + real.relative_to(directory).as_posix()
    return str(real)


def _named_by_origin(got: Input, target: str) -> bool:
    """Whether ``got.doc_id`` was derived from the input's file name or URL (a document of that
    id must then have come from the same place), not chosen by the input itself (front matter
    or JSON ``doc``, which wins as ``--doc`` does)."""
    if got.path:
        derived = slugify(Path(got.path).stem)
    elif is_url(target):
        derived = doc_id_from_url(target)
    else:
        return False
    if got.doc_id != derived:
        return False
    match = _FRONT_MATTER.match(got.text[:65536]) if got.format == "md" else None
    return not (match and re.search(r"^doc[ \t]*:", match.group(1), re.M))


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
