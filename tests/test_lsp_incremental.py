"""The language server's incremental re-check equals a full check, whatever the edits.

The server keeps the extractor's paragraph-local work per paragraph
(:class:`attribtrack.extractor.incremental.ParagraphCache`) and re-runs only the changed
paragraphs' local stage; here a series of random edits is applied to real drafts and, after each,
the incremental claims and findings are compared with a fresh extraction and a fresh ``check``.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribtrack.config import Config
from attribtrack.extractor import extract
from attribtrack.extractor.incremental import ParagraphCache
from attribtrack.lint.engine import check
from attribtrack.lint.markdown import mask
from attribtrack.lsp.analysis import Workspace

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    (ROOT / "fixtures" / "crocus.txt").read_text(encoding="utf-8"),
    (ROOT / "fixtures" / "drafts" / "flood.md").read_text(encoding="utf-8"),
    (ROOT / "fixtures" / "revisions" / "harbor.txt").read_text(encoding="utf-8"),
]

#: pieces an edit inserts: quotation marks, cues, pronouns, names, labels, paragraph breaks
PIECES = [
    '"',
    "\u201c",
    "\u201d",
    " said",
    " he said.",
    " she told reporters.",
    "According to Reuters, ",
    "Ana Ortiz",
    "PENCE: ",
    '" \u2014 Ana Ruiz, a farmer',
    ", officials said",
    "\n\n",
    "\n",
    ".",
    "; ",
    " 42 people ",
    "The mayor admitted that ",
    '"We leave." Biden said',
]

EDIT = st.tuples(
    st.sampled_from(["insert", "delete", "duplicate", "drop", "swap"]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(PIECES),
)


def _apply(text: str, edit: tuple[str, int, int, str]) -> str:
    op, a, b, piece = edit
    if op == "insert":
        i = a % (len(text) + 1)
        return text[:i] + piece + text[i:]
    if op == "delete":
        i = a % (len(text) + 1)
        return text[:i] + text[i + b % 40 :]
    paras = text.split("\n\n")
    i, j = a % len(paras), b % len(paras)
    if op == "duplicate":
        paras.insert(j, paras[i])
    elif op == "drop" and len(paras) > 1:
        paras.pop(i)
    elif op == "swap":
        paras[i], paras[j] = paras[j], paras[i]
    return "\n\n".join(paras)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(range(len(SEEDS))), edits=st.lists(EDIT, min_size=1, max_size=8))
def test_incremental_claims_equal_a_fresh_extraction(seed: int, edits: list) -> None:
    cache = ParagraphCache()
    text = SEEDS[seed]
    extract(text, cache=cache)
    for edit in edits:
        text = _apply(text, edit)
        assert extract(text, cache=cache).model_dump() == extract(text).model_dump()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(range(len(SEEDS))), edits=st.lists(EDIT, min_size=1, max_size=6))
def test_workspace_findings_equal_a_full_check(seed: int, edits: list, tmp_path_factory) -> None:
    path = str(tmp_path_factory.mktemp("lsp") / "draft.md")
    workspace = Workspace(git=False)
    uri = Path(path).as_uri()
    workspace.open(uri, path)
    text = SEEDS[seed]
    workspace.analyse(uri, text)
    for edit in edits:
        text = _apply(text, edit)
        got = workspace.analyse(uri, text)
        assert got.findings == check(text, None, Config(), path=path, markdown=True)
        assert got.claims is not None
        assert got.claims.model_dump() == extract(mask(text, markdown=True).prose).model_dump()


def test_only_the_edited_paragraph_is_extracted_again() -> None:
    cache = ParagraphCache()
    text = SEEDS[0]
    paras = text.split("\n\n")
    extract(text, cache=cache)
    assert cache.hits == 0 and cache.misses == len([p for p in paras if p.strip()])
    paras[2] = paras[2].replace(" ", "  ", 1)
    edited = "\n\n".join(paras)
    assert extract(edited, cache=cache).model_dump() == extract(edited).model_dump()
    assert cache.misses == 1 and cache.hits == len([p for p in paras if p.strip()]) - 1


def test_what_follows_a_paragraph_is_part_of_its_key() -> None:
    """'"We leave." Biden said' continues the quotation's sentence or not depending on the next
    character, even across a paragraph break: a cached paragraph is not reused when that changes."""
    cache = ParagraphCache()
    first = 'The talks resumed.\n\n"We leave." Biden said\n\nHe left.'
    second = 'The talks resumed.\n\n"We leave." Biden said\n\n. He left.'
    extract(first, cache=cache)
    assert extract(second, cache=cache).model_dump() == extract(second).model_dump()
    assert extract(first, cache=cache).model_dump() == extract(first).model_dump()
