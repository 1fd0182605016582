"""``diff``, ``blame`` and ``git-diff``: compare revisions by their attribution."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

FORMATS = ("unified", "text", "json", "html")


def _side(loaded: Any) -> Any:
    from attribtrack.compare import Side

    return Side(label=loaded.label, sha256=loaded.sha256, document=loaded.document, revision=loaded.revision)


def _emit(rd: Any, fmt: str, *, context: int, word_diff: bool, obj: Any) -> None:
    if fmt == "text":
        from attribtrack.render.diff_text import render_text

        render_text(rd, obj.console())  # rich is imported only for this format
        return
    if fmt == "json":
        out = rd.to_json(indent=2) + "\n"
    elif fmt == "html":
        from attribtrack.render.diff_html import render_html

        out = render_html(rd)
    else:
        from attribtrack.render.diff_unified import render_unified

        out = render_unified(rd, context=context, word_diff=word_diff)
    click.echo(out, nl=False)


def _claims(a: Any, b: Any, store: str | None) -> dict[str, Any]:
    """Claims of both sides through the store's cache for stored revisions. None when identical,
    or when neither side is stored: then the library extracts both (on two cores if they are long)."""
    if a.text == b.text or (a.document is None and b.document is None):
        return {}
    from attribtrack.extractor.cache import claims_for

    return {"old_claims": claims_for(a, store=store), "new_claims": claims_for(b, store=store)}


context_option = click.option(
    "-U", "--unified", "context", type=click.IntRange(min=0), default=3, show_default=True, metavar="N",
    help="Lines of context around each change.",
)  # fmt: skip


@click.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: text on a terminal, unified otherwise].")  # fmt: skip
@click.option("--word-diff", is_flag=True, help="Mark changed words [-old-]{+new+} instead of whole lines.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the revisions differ, as git does.")
@context_option
@click.option("--encoding", metavar="NAME", help="Decode files with NAME instead of UTF-8.")
@click.pass_context
def diff(
    ctx: click.Context, old: str, new: str, fmt: str | None, word_diff: bool, exit_code: bool, context: int,
    encoding: str | None,
) -> None:  # fmt: skip
    """Compare two revisions: which claims changed, and what happened to their attribution.

    OLD and NEW are TARGETs: a file, `-` (stdin), or a stored revision DOC@N. The unified
    format applies with `patch`/`git apply`; attribution changes are named in a summary before
    it and after each hunk header. Identical inputs print nothing.
    """
    from attribtrack.compare import diff as compare
    from attribtrack.errors import UsageError
    from attribtrack.targets import load

    if old == "-" and new == "-":
        raise UsageError("OLD and NEW cannot both be - (standard input can be read once)")
    store = ctx.obj.store
    a, b = load(old, store=store, encoding=encoding), load(new, store=store, encoding=encoding)
    with _gc_paused():
        rd = compare(a.text, b.text, old_side=_side(a), new_side=_side(b), **_claims(a, b, store))
        if fmt is None:
            fmt = "unified" if word_diff or not sys.stdout.isatty() else "text"
        _emit(rd, fmt, context=context, word_diff=word_diff, obj=ctx.obj)
    if exit_code and not rd.identical:
        ctx.exit(1)


_exit_hook = False


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic GC off while two revisions are compared and rendered (what is built is acyclic:
    claims, ops, changes; see attribtrack.gcpause), and its bill not paid afterwards.

    The process ends soon after the command: at exit everything is frozen, so that the
    interpreter's last collection skips it (~20 ms over the claims of two 20,000-word revisions;
    nothing here needs a finaliser to run).
    """
    from attribtrack.gcpause import paused

    global _exit_hook
    if not _exit_hook:
        atexit.register(gc.freeze)
        _exit_hook = True
    with paused():
        yield


@click.command()
@click.argument("doc", metavar="DOC")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def blame(obj: Any, doc: str, fmt: str) -> None:
    """For each claim of DOC's latest revision (or DOC@N): the revision it first appeared in,
    and every later revision that changed its source, quote, cue, confirmations or hedges."""
    from attribtrack.compare.history import blame as compute
    from attribtrack.extractor.cache import claims_for
    from attribtrack.store import open_store
    from attribtrack.targets import load

    doc_id, at, spec = doc.partition("@")
    with open_store(obj.store) as store:
        last = store.revision(doc_id, spec if at else None).number
        numbers = [r.number for r in store.revisions(doc_id) if r.number <= last]
    revisions = [load(f"{doc_id}@{n}", store=obj.store) for n in numbers]
    result = compute(
        doc_id, [(n, r.text, claims_for(r, store=obj.store)) for n, r in zip(numbers, revisions, strict=True)]
    )
    if fmt == "json":
        click.echo(result.to_json(indent=2))
        return
    from attribtrack.render.diff_text import render_blame

    render_blame(result, revisions[-1].text, obj.console())


@click.command("git-diff")
@click.argument("args", nargs=-1, metavar="PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE")
@click.option(
    "--textconv",
    "textconv",
    metavar="FILE",
    help="Print FILE's text and its claims, one a line, for git's textconv.",
)
@context_option
@click.option("--encoding", metavar="NAME", help="Decode files with NAME instead of UTF-8.")
@click.pass_obj
def git_diff(
    obj: Any, args: tuple[str, ...], textconv: str | None, context: int, encoding: str | None
) -> None:
    """A git external diff driver (diff.NAME.command), or a textconv filter with --textconv.

    git passes seven arguments (nine for a rename); see the README for the .gitattributes lines.
    A file that cannot be read as text (binary, not UTF-8, invalid front matter) never makes
    git fail: the driver prints a plain diff of its bytes (or git's "Binary files ... differ")
    and the filter its bytes as they are, with a warning on stderr.
    """
    from attribtrack.errors import InputError, UsageError

    if textconv is not None:
        if args:
            raise UsageError("--textconv takes one FILE and no other arguments")
        from attribtrack.compare.gitdiff import textconv as convert

        try:
            text = _read(textconv, obj.store, encoding)
        except InputError as exc:
            _plain_warning(exc, "its bytes are shown as they are")
            _write_bytes(_file_bytes(textconv))
            return
        click.echo(convert(text), nl=False)
        return
    if len(args) not in (7, 9):
        raise UsageError(
            f"git-diff expects the 7 arguments git passes to an external diff, got {len(args)}",
            hint="git config diff.attrib.command 'attribtrack git-diff'",
        )
    from attribtrack.compare import diff as compare
    from attribtrack.render.diff_unified import render_git

    path, old_file, _, _, new_file, _, _ = args[:7]
    new_path, rename = (args[7], args[8]) if len(args) == 9 else (path, "")
    old_label = "/dev/null" if old_file == os.devnull else f"a/{path}"
    new_label = "/dev/null" if new_file == os.devnull else f"b/{new_path}"
    try:
        old_text, new_text = _read(old_file, obj.store, encoding), _read(new_file, obj.store, encoding)
    except InputError as exc:
        _plain_warning(exc, "a plain diff is shown")
        header = f"diff --git a/{path} b/{new_path}\n" + "".join(line + "\n" for line in rename.splitlines())
        old, new = _file_bytes(old_file), _file_bytes(new_file)
        body = _plain_diff(old, new, old_label, new_label, context) if old != new else b""
        _write_bytes(header.encode("utf-8") + body if body or rename else b"")
        return
    rd = compare(old_text, new_text, old_label=old_label, new_label=new_label)
    click.echo(render_git(rd, path, new_path, rename, context=context), nl=False)


def _read(path: str, store: str | None, encoding: str | None = None) -> str:
    if path == os.devnull or (os.path.isfile(path) and os.path.getsize(path) == 0):
        return ""  # an added or deleted file, or an empty one
    from attribtrack.targets import load

    return load(path, store=store, encoding=encoding).text


def _file_bytes(path: str) -> bytes:
    """The bytes git handed over (a temporary file or the work tree's; /dev/null: none)."""
    if path == os.devnull:
        return b""
    from pathlib import Path

    from attribtrack.read import read_file

    return read_file(Path(path), path)


def _plain_warning(exc: Exception, what: str) -> None:
    click.echo(f"attribtrack: warning: {exc}; {what}", err=True)


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _plain_diff(old: bytes, new: bytes, old_label: str, new_label: str, context: int) -> bytes:
    """A unified diff of the bytes, as git prints without a driver: "Binary files ... differ"
    when either side has a NUL byte; else lines (split at ``\\n`` only) compared as bytes, so
    any encoding passes through unchanged, with git's marker for a last line without a newline."""
    if b"\x00" in old or b"\x00" in new:
        return f"Binary files {old_label} and {new_label} differ\n".encode()
    import difflib
    import io

    lines = difflib.diff_bytes(
        difflib.unified_diff, io.BytesIO(old).readlines(), io.BytesIO(new).readlines(),
        old_label.encode(), new_label.encode(), n=context, lineterm=b"\n",
    )  # fmt: skip
    marker = b"\n\\ No newline at end of file\n"
    return b"".join(line if line.endswith(b"\n") else line + marker for line in lines)
