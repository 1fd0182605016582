"""`attribtrack lsp` in a real client session: pytest-lsp spawns `python -m attribtrack lsp` and
talks the protocol to it over stdio (no stand-ins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

if not os.environ.get("CI"):  # in CI (CI=1) a missing client or server is a failure, not a skip
    pytest.importorskip("pygls")
    pytest.importorskip("pytest_lsp")
import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from attribtrack.lsp.analysis import neutral_cue  # noqa: E402

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "attribtrack", "lsp"])

DRAFT = (
    "# Bridge works\n\n"
    "The mayor admitted that the bridge would close in May.\n\n"
    '"We will reopen it by winter," Ana Ortiz, the city engineer, said.\n'
)


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def _change(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


@pytest.mark.asyncio
async def test_diagnostics_on_open_and_change(client: LanguageClient, tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text(DRAFT, encoding="utf-8")
    found = await _open(client, draft, DRAFT)
    loaded = [d for d in found if d.code == "AT106"]
    assert len(loaded) == 1
    assert loaded[0].range.start == types.Position(line=2, character=10)
    assert loaded[0].range.end == types.Position(line=2, character=18)
    assert loaded[0].source == "attribtrack"
    assert loaded[0].code_description is not None and loaded[0].code_description.href.endswith("#at106")

    fixed = DRAFT.replace("admitted", "said")
    assert not [d for d in await _change(client, draft, fixed, 2) if d.code == "AT106"]
    broken = fixed + '\n"Nobody told us, said a resident.\n'
    assert [d.code for d in await _change(client, draft, broken, 3)].count("AT105") == 1


@pytest.mark.asyncio
async def test_configuration_and_suppressions(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / ".attribtrack.toml").write_text('ignore = ["AT106"]\n', encoding="utf-8")
    draft = tmp_path / "ignored.md"
    assert not [d for d in await _open(client, draft, DRAFT) if d.code == "AT106"]

    other = tmp_path / "sub"
    other.mkdir()
    (other / ".attribtrack.toml").write_text("", encoding="utf-8")
    suppressed = "<!-- attribtrack: disable AT106 -->\n" + DRAFT
    assert not [d for d in await _open(client, other / "s.md", suppressed) if d.code == "AT106"]
    assert [d for d in await _open(client, other / "t.md", DRAFT) if d.code == "AT106"]


@pytest.mark.asyncio
async def test_code_action_replaces_loaded_cue(client: LanguageClient, tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    diagnostics = await _open(client, draft, DRAFT)
    at106 = next(d for d in diagnostics if d.code == "AT106")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=draft.as_uri()),
            range=at106.range,
            context=types.CodeActionContext(diagnostics=[at106]),
        )
    )
    assert actions is not None and len(actions) == 1
    action = actions[0]
    assert isinstance(action, types.CodeAction)
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[draft.as_uri()]
    assert edit.new_text == "said" and edit.range == at106.range


@pytest.mark.asyncio
async def test_hover_shows_the_claim(client: LanguageClient, tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    await _open(client, draft, DRAFT)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=draft.as_uri()),
            position=types.Position(line=4, character=5),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert "source: Ana Ortiz" in text
    assert "role: the city engineer" in text or "role: city engineer" in text
    assert "cue: said" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=draft.as_uri()),
            position=types.Position(line=0, character=2),
        )
    )
    assert nothing is None


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.asyncio
async def test_revision_rules_against_git_head(client: LanguageClient, tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "t")
    draft = tmp_path / "story.md"
    old = "The report was late, the minister said without evidence.\n"
    draft.write_text(old, encoding="utf-8")
    _git(tmp_path, "add", "story.md")
    _git(tmp_path, "commit", "-q", "-m", "first")
    assert not [d for d in await _open(client, draft, old) if d.code.startswith("AT3")]  # type: ignore[union-attr]
    new = "The report was late, the minister said.\n"
    codes = [d.code for d in await _change(client, draft, new, 2)]
    assert "AT305" in codes


@pytest.mark.parametrize(
    ("cue", "neutral"),
    [
        ("admitted", "said"),
        ("claims", "says"),
        ("Insisted", "Said"),
        ("insisting", "saying"),
        ("has admitted", "has said"),
    ],
)
def test_neutral_cue_keeps_the_tense(cue: str, neutral: str) -> None:
    assert neutral_cue(cue) == neutral
