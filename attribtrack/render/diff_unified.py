"""A revision diff as a unified diff that ``patch`` and ``git apply`` accept, or as a word diff.

The diff turns OLD into NEW exactly: lines keep their endings (CRLF included) and a last line
without one is followed by ``\\ No newline at end of file``. Attribution is written only where
patch tools ignore it: a summary before the first ``---`` (each line starting ``# attribtrack:``)
and the trailing text of each hunk header. Identical texts give the empty string.

``word_diff=True`` prints the same hunks as git's ``--word-diff=plain``: the lines without a
prefix, deleted words as ``[-old-]`` and inserted words as ``{+new+}``; that is for reading, not
for ``patch``.
"""

from __future__ import annotations

from attribtrack.compare.hunks import Hunk, hunks, one_line, summary_lines
from attribtrack.compare.model import RevisionDiff

NO_NEWLINE = "\\ No newline at end of file\n"
SUMMARY_PREFIX = "# attribtrack: "


def header_lines(rd: RevisionDiff) -> list[str]:
    return [f"--- {_label(rd.old.label)}\n", f"+++ {_label(rd.new.label)}\n"]


def _label(label: str) -> str:
    # A label is one line; a tab would end the file name for patch.
    return one_line(label.replace("\t", " ")) or "-"


def render_unified(
    rd: RevisionDiff,
    *,
    context: int = 3,
    word_diff: bool = False,
    summary: bool = True,
    git_header: str | None = None,
    rename: str = "",
) -> str:
    """The diff (``-U context``); ``git_header`` (``diff --git a/P b/P``) goes after the summary."""
    if rd.identical:
        return ""
    out: list[str] = []
    if summary:
        out.extend(f"{SUMMARY_PREFIX}{line}\n" for line in summary_lines(rd))
    if git_header:
        out.append(one_line(git_header) + "\n")
        out.extend(line + "\n" for line in rename.splitlines())
    out.extend(header_lines(rd))
    for hunk in hunks(rd, context):
        note = hunk.annotation()
        out.append(f"{hunk.header()} {note}\n" if note else f"{hunk.header()}\n")
        out.extend(_word_lines(rd, hunk) if word_diff else _patch_lines(hunk))
    return "".join(out)


def render_git(rd: RevisionDiff, path: str, new_path: str, rename: str = "", *, context: int = 3) -> str:
    """What ``attribtrack git-diff`` prints for one file: the summary, ``diff --git a/P b/P`` and
    git's rename lines (``rename``, the ninth argument git passes) if any, then the diff."""
    header = f"diff --git a/{path} b/{new_path}"
    if rd.identical:
        # A pure rename: git's own header lines, no hunks.
        return "".join(line + "\n" for line in [header, *rename.splitlines()]) if rename else ""
    return render_unified(rd, context=context, git_header=header, rename=rename)


def _patch_lines(hunk: Hunk) -> list[str]:
    out = []
    for tag, text in hunk.lines:
        if text.endswith("\n"):
            out.append(tag + text)
        else:
            out.append(tag + text + "\n")
            out.append(NO_NEWLINE)
    return out


def word_segments(
    rd: RevisionDiff, old_span: tuple[int, int], new_span: tuple[int, int]
) -> list[tuple[str, str]]:
    """``(kind, text)`` pieces of the merged view of the old and new ranges, in order."""
    oa, ob = old_span
    na, nb = new_span
    segments: list[tuple[str, str]] = []
    for op in rd.ops:
        if op.op == "insert":
            s, e = max(op.new[0], na), min(op.new[1], nb)
            if s < e:
                segments.append(("insert", rd.new_text[s:e]))
        else:
            s, e = max(op.old[0], oa), min(op.old[1], ob)
            if s < e:
                segments.append((op.op, rd.old_text[s:e]))
    return segments


def marked(text: str, kind: str) -> list[tuple[str, bool]]:
    """``(piece, is_marked)``: line breaks stay outside the markers, as in git's word diff."""
    out: list[tuple[str, bool]] = []
    for line in text.splitlines(keepends=True):
        core = line.rstrip("\r\n")
        if core:
            out.append((core, True))
        if len(core) < len(line):
            out.append((line[len(core) :], False))
    return out


def _word_lines(rd: RevisionDiff, hunk: Hunk) -> list[str]:
    parts = []
    for kind, text in word_segments(rd, hunk.old_span, hunk.new_span):
        if kind == "equal":
            parts.append(text)
            continue
        left, right = ("[-", "-]") if kind == "delete" else ("{+", "+}")
        parts.extend(f"{left}{piece}{right}" if mark else piece for piece, mark in marked(text, kind))
    body = "".join(parts)
    return [body if body.endswith("\n") else body + "\n"]
