"""What the language server shows for one open draft, without any protocol in it.

A :class:`Workspace` keeps, per draft, the configuration found upward from the file, the file's
text at git ``HEAD`` (the AT3xx baseline, read on open and save, not on every keystroke) and the
last analysis, keyed by the text: an unchanged text is never checked twice. The extractor's
paragraph-local work is kept per draft (:class:`~attribtrack.extractor.incremental.ParagraphCache`):
a change re-extracts only the edited paragraphs; the whole-text stages and every rule run again, so
the findings equal a full check (see the README for which rules read across paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from attribtrack.config import Config, find_config, read_config
from attribtrack.errors import AttribtrackError
from attribtrack.extractor.incremental import ParagraphCache
from attribtrack.lint.rules import Baseline
from attribtrack.models import Claim, Claims, Finding

__all__ = ["Analysis", "Workspace", "neutral_cue", "hover_text"]


@dataclass(frozen=True)
class Analysis:
    """Findings and claims of one text (spans are offsets into it)."""

    text: str
    findings: tuple[Finding, ...]
    claims: Claims | None
    error: str | None = None  # a configuration error, shown once as a diagnostic


@dataclass
class _Draft:
    path: str | None
    config: Config | None = None
    config_error: str | None = None
    baseline: Baseline | None = None
    last: Analysis | None = None
    #: the extractor's paragraph-local work on the last text, reused for unchanged paragraphs
    paragraphs: ParagraphCache = field(default_factory=ParagraphCache)


@dataclass
class Workspace:
    """Open drafts by URI. ``git`` False skips the HEAD baseline (AT3xx rules then stay quiet)."""

    git: bool = True
    drafts: dict[str, _Draft] = field(default_factory=dict)

    def open(self, uri: str, path: str | None) -> None:
        """(Re)read the configuration and the git HEAD version for the draft at ``path``."""
        draft = _Draft(path)
        if path is not None:
            try:
                found = find_config(Path(path))
                draft.config = read_config(found) if found else Config()
            except AttribtrackError as exc:
                draft.config, draft.config_error = Config(), str(exc)
            if self.git:
                draft.baseline = _head_baseline(path)
        else:
            draft.config = Config()
        self.drafts[uri] = draft

    def close(self, uri: str) -> None:
        self.drafts.pop(uri, None)

    def analyse(self, uri: str, text: str) -> Analysis:
        draft = self.drafts.get(uri)
        if draft is None:
            self.open(uri, None)
            draft = self.drafts[uri]
        if draft.last is not None and draft.last.text == text:
            return draft.last
        from attribtrack.lint.engine import check
        from attribtrack.lint.extraction import extract_claims, outlets_key
        from attribtrack.lint.markdown import is_markdown, mask

        cfg = draft.config or Config()
        markdown = is_markdown(draft.path) if draft.path else False
        prose = mask(text, markdown=markdown).prose
        claims = extract_claims(prose, cfg.style, outlets_key(cfg.outlets), cache=draft.paragraphs)
        findings = check(text, draft.baseline, cfg, path=draft.path, markdown=markdown, claims=claims)
        draft.last = Analysis(text, findings, claims, draft.config_error)
        return draft.last


def _head_baseline(path: str) -> Baseline | None:
    """The draft's text at git HEAD, or None (not in a repository, new file, git missing)."""
    from attribtrack.lint.run import git_baselines

    if not Path(path).exists():
        return None
    try:
        found = git_baselines([path], "HEAD").get(path)
    except AttribtrackError:
        return None
    return found if isinstance(found, Baseline) else None


# --- code action: the neutral cue ------------------------------------------------------------


def neutral_cue(cue: str, neutral: tuple[str, ...] = ()) -> str:
    """The neutral replacement of a loaded cue, keeping its tense: "admitted" -> "said",
    "claims" -> "says", "insisting" -> "saying". A house style naming its own neutral past-tense
    verb first in ``style.neutral-cues`` (e.g. "stated") gets that for the past tense."""
    from attribtrack.lint.draft_rules import _cue_words

    loaded = _cue_words()[0] | {w.lower() for w in neutral}
    words = re.split(r"(\W+)", cue)
    out = []
    for w in words:
        low = w.lower()
        if low and low in loaded and low not in {n.lower() for n in neutral}:
            if low.endswith("ing"):
                repl = "saying"
            elif low.endswith("s") and not low.endswith("ss"):
                repl = "says"
            else:
                repl = "said"
            out.append(repl.capitalize() if w[:1].isupper() else repl)
        else:
            out.append(w)
    return "".join(out)


# --- hover -----------------------------------------------------------------------------------


def claim_at(claims: Claims | None, offset: int) -> Claim | None:
    """The innermost claim whose span holds ``offset``."""
    if claims is None:
        return None
    inside = [c for c in claims.claims if c.span[0] <= offset < c.span[1]]
    return min(inside, key=lambda c: c.span[1] - c.span[0]) if inside else None


def hover_text(claim: Claim) -> str:
    """Markdown for a hover: source, role, cue, via and confirmations of one claim."""
    source = claim.source
    lines = [f"**attribtrack claim {claim.id}** ({claim.kind})", ""]
    if source is None:
        lines.append("- source: *none given*")
    else:
        mention = f' ("{source.mention}")' if source.mention != source.name else ""
        lines.append(f"- source: {source.name}{mention}, {source.type}")
        lines.append(f"- role: {source.role or '—'}")
    lines.append(f"- cue: {claim.cue.text if claim.cue else '—'}")
    lines.append(f"- via: {', '.join(r.name for r in claim.via) or '—'}")
    lines.append(f"- confirmed by: {', '.join(r.name for r in claim.confirmed_by) or '—'}")
    if claim.hedges:
        lines.append(f"- hedges: {', '.join(h.text for h in claim.hedges)}")
    if claim.date:
        lines.append(f"- date: {claim.date.text}")
    return "\n".join(lines)
