"""TARGET resolution: a file path, ``-`` (stdin), or a stored revision ``DOC``, ``DOC@N``, ``DOC@-N``.

Every command that reads a text goes through :func:`load`. An existing path wins over a document
of the same name. Commands given only file paths never open (or create) a store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Loaded:
    """A text to work on and where it came from. Spans everywhere are offsets into ``text``."""

    text: str
    label: str  # how to name it to the user: a path, "<stdin>", or "DOC@N"
    sha256: str
    path: str | None = None  # the file on disk, if any (for line:col in findings)
    document: str | None = None  # stored document id, if the target is a stored revision
    revision: int | None = None
    title: str | None = None
    published: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(target: str, *, store: str | None = None, encoding: str | None = None) -> Loaded:
    """Resolve TARGET to its text. ``store`` is the --store override (None: discover upward)."""
    from attribtrack import read

    return read.load_target(target, store=store, encoding=encoding)
