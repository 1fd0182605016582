"""The language server: diagnostics on open and change, the neutral-cue code action, claim hovers.

Positions on the wire are UTF-16 code units (the protocol's default); spans inside are Python
string offsets, converted here and nowhere else.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from attribtrack import __version__
from attribtrack.gcpause import paused
from attribtrack.lsp.analysis import Workspace, claim_at, hover_text, neutral_cue

__all__ = ["make_server", "serve"]

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SOURCE = "attribtrack"


class Positions:
    """Offsets <-> LSP positions (line, UTF-16 column) for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        before = self.text[self.starts[line] : offset]
        return types.Position(line=line, character=len(before.encode("utf-16-le")) // 2)

    def offset(self, pos: types.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.text)
        start = self.starts[pos.line]
        end = self.starts[pos.line + 1] - 1 if pos.line + 1 < len(self.starts) else len(self.text)
        units = 0
        for i in range(start, end):
            if units >= pos.character:
                return i
            units += 2 if ord(self.text[i]) > 0xFFFF else 1
        return end

    def range(self, span: tuple[int, int]) -> types.Range:
        return types.Range(start=self.position(span[0]), end=self.position(span[1]))


def _path(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def _anchor(code: str) -> str:
    from attribtrack.lint.docs import rule_url

    return rule_url(code)


def make_server(*, git: bool = True) -> LanguageServer:
    server = LanguageServer("attribtrack", __version__)
    workspace = Workspace(git=git)

    def publish(uri: str) -> None:
        # The cyclic collector paused for the analysis (it makes only acyclic values): a pass over
        # a warm server's heap in the middle of one was the slowest tenth of the changes.
        with paused():
            _publish(uri)

    def _publish(uri: str) -> None:
        doc = server.workspace.get_text_document(uri)
        analysis = workspace.analyse(uri, doc.source)
        where = Positions(doc.source)
        diagnostics = [
            types.Diagnostic(
                range=where.range(f.span),
                message=f.message,
                severity=SEVERITY[f.severity],
                code=f.code,
                code_description=types.CodeDescription(href=_anchor(f.code)),
                source=SOURCE,
                data={"claim": f.claim} if f.claim else None,
            )
            for f in analysis.findings
        ]
        if analysis.error:
            diagnostics.insert(
                0,
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
                    ),
                    message=f"configuration: {analysis.error}",
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                ),
            )
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc.version)
        )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        workspace.open(uri, _path(uri))
        publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        workspace.open(uri, _path(uri))  # configuration or HEAD may have changed meanwhile
        publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        workspace.close(params.text_document.uri)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        doc = server.workspace.get_text_document(uri)
        analysis = workspace.analyse(uri, doc.source)
        where = Positions(doc.source)
        lo, hi = where.offset(params.range.start), where.offset(params.range.end)
        draft = workspace.drafts.get(uri)
        neutral = draft.config.style.neutral_cues if draft and draft.config else ()
        actions = []
        for f in analysis.findings:
            if f.code != "AT106" or f.span[1] < lo or f.span[0] > hi:
                continue
            old = doc.source[f.span[0] : f.span[1]]
            new = neutral_cue(old, neutral)
            if new == old:
                continue
            diagnostic = types.Diagnostic(
                range=where.range(f.span),
                message=f.message,
                severity=SEVERITY[f.severity],
                code=f.code,
                source=SOURCE,
            )
            actions.append(
                types.CodeAction(
                    title=f'Replace "{old}" with the neutral "{new}"',
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(
                        changes={uri: [types.TextEdit(range=where.range(f.span), new_text=new)]}
                    ),
                )
            )
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        doc = server.workspace.get_text_document(uri)
        analysis = workspace.analyse(uri, doc.source)
        where = Positions(doc.source)
        claim = claim_at(analysis.claims, where.offset(params.position))
        if claim is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_text(claim)),
            range=where.range(claim.span),
        )

    return server


def serve(*, git: bool = True) -> None:
    """Run the server on stdin/stdout until the client says exit."""
    make_server(git=git).start_io()
