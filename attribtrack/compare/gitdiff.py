"""git's ``textconv``: a file's text followed by its claims, one a line, so that any git diff,
``git log -p`` or ``git blame`` shows attribution changes as changed lines.

Each claim line reads ``[kind] source | cue | content | via: ... | confirmed by: ... | hedges: ...``;
claim ids are left out on purpose (they are renumbered when a claim is inserted above).
"""

from __future__ import annotations

from attribtrack.compare.classify import who
from attribtrack.models import Claims

MARKER = "-- attribtrack claims --"


def _flat(text: str) -> str:
    return " ".join(text.split())


def claim_lines(claims: Claims) -> list[str]:
    lines = []
    for c in claims.claims:
        content = " / ".join(_flat(t.text) for t in c.content) or _flat(c.text)
        via = ", ".join(r.name for r in c.via) or "-"
        confirmed = ", ".join(r.name for r in c.confirmed_by) or "-"
        hedges = ", ".join(h.text for h in c.hedges) or "-"
        cue = c.cue.text if c.cue else "-"
        line = f"[{c.kind}] {who(c)} | {cue} | {content} | via: {via} | "
        lines.append(_flat(line + f"confirmed by: {confirmed} | hedges: {hedges}"))
    return lines


def textconv(text: str, claims: Claims | None = None) -> str:
    """``text`` (with a final newline), a blank line, the marker, and one line per claim."""
    if claims is None:
        from attribtrack.extractor import extract

        claims = extract(text)
    body = text if text.endswith("\n") or not text else text + "\n"
    return body + "\n" + MARKER + "\n" + "".join(line + "\n" for line in claim_lines(claims))
