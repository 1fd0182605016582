"""A revision diff as one self-contained HTML page.

The whole new revision is shown with deleted words struck through (``<del>``) and inserted words
underlined (``<ins>``); after each changed stretch its attribution verdicts, and at the top a table
of every change. There are no external assets and no scripts: the styles are inline, and a
Content-Security-Policy forbids scripts, so even a mistake in escaping could not run one. Every
piece of article text and every label is escaped.
"""

from __future__ import annotations

from html import escape

from attribtrack.compare.hunks import change_line, hunks, one_line, summary_lines
from attribtrack.compare.model import RevisionDiff
from attribtrack.render.diff_unified import word_segments

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'"

STYLE = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; max-width: 48em; margin: 2em auto;
       padding: 0 1em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.3em; font-family: system-ui, sans-serif; }
h2 { font-size: 1.1em; font-family: system-ui, sans-serif; margin-top: 2em; }
.summary { font-family: system-ui, sans-serif; color: #444; }
table { border-collapse: collapse; font-family: system-ui, sans-serif; font-size: .9em; }
th, td { text-align: left; padding: .25em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.changed { background: #fffbe6; border-left: 3px solid #e0b400; padding: .2em .6em; margin: .4em 0; }
del { background: #ffd7d5; color: #82071e; }
ins { background: #d1f8d9; color: #055d20; text-decoration: underline; }
.verdicts { list-style: none; margin: .3em 0 0; padding: 0; font-family: system-ui, sans-serif;
            font-size: .9em; }
.verdicts li { margin: .1em 0; }
.type { font-weight: bold; color: #6e4c00; }
.none { color: #666; font-style: italic; }
"""


def render_html(rd: RevisionDiff) -> str:
    title = f"attribtrack diff: {one_line(rd.old.label)} \u2192 {one_line(rd.new.label)}"
    out = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        f"<h1>{escape(title)}</h1>\n",
    ]
    if rd.identical:
        out.append('<p class="none">No differences.</p>\n</body>\n</html>\n')
        return "".join(out)
    out.append(f'<p class="summary">{escape(summary_lines(rd)[0])}</p>\n')
    out.extend(_table(rd))
    out.append('<h2>Text</h2>\n<div class="text">')
    pos_old = 0
    for hunk in hunks(rd, context=0):
        out.append(escape(rd.old_text[pos_old : hunk.old_span[0]]))
        out.append('<div class="changed">')
        for kind, piece in word_segments(rd, hunk.old_span, hunk.new_span):
            if kind == "equal":
                out.append(escape(piece))
            else:
                tag = "del" if kind == "delete" else "ins"
                out.append(f"<{tag}>{escape(piece)}</{tag}>")
        if hunk.changes or hunk.moves:
            out.append('<ul class="verdicts">')
            for change in hunk.changes:
                kind, detail = escape(change.type), escape(one_line(change.detail))
                out.append(f'<li><span class="type">{kind}</span> {detail}</li>')
            for note in hunk.moves:
                out.append(f'<li class="move">{escape(note)}</li>')
            out.append("</ul>")
        out.append("</div>")
        pos_old = hunk.old_span[1]
    out.append(escape(rd.old_text[pos_old:]))
    out.append("</div>\n</body>\n</html>\n")
    return "".join(out)


def _table(rd: RevisionDiff) -> list[str]:
    if not rd.changes:
        return ['<p class="none">No attribution changes.</p>\n']
    rows = ["<h2>Attribution changes</h2>\n<table>\n<tr><th>line</th><th>change</th><th>detail</th></tr>\n"]
    for change in rd.changes:
        in_new, line = change_line(rd, change)
        where = str(line) if in_new else f"old {line}"
        rows.append(
            f"<tr><td>{escape(where)}</td><td>{escape(change.type)}</td>"
            f"<td>{escape(one_line(change.detail))}</td></tr>\n"
        )
    rows.append("</table>\n")
    return rows
