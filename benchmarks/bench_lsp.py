"""Change -> publishDiagnostics latency of `attribtrack lsp` on a generated 2,000-word draft.

A real client (pygls's LanguageClient) starts `python -m attribtrack lsp`, opens the draft (the
warm-up: imports and the first extraction), then makes N one-word edits in different paragraphs
and times each from sending didChange to receiving the diagnostics for that version.

    python benchmarks/bench_lsp.py [N]

Figures from a 2-core machine shared with other jobs are pessimistic.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

PARAGRAPHS = [
    "The mayor admitted on Tuesday that the bridge over the {n} river would close in May, "
    "according to a statement from the city council.",
    '"We will reopen it by winter," Ana Ortiz, the city engineer, told reporters in district {n}.',
    "Officials said the repairs would cost {n} million dollars, the largest project in a decade.",
    "She said the contractor, hired in {n}, had confirmed the schedule, the council said later.",
    "Residents of block {n} claimed that nobody had asked them, the local newspaper reported.",
]


def draft(words: int = 2000) -> str:
    out: list[str] = []
    n = 0
    while sum(len(p.split()) for p in out) < words:
        out.append(PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n + 1))
        n += 1
    return "# Bridge\n\n" + "\n\n".join(out) + "\n"


async def main(rounds: int) -> None:
    text = draft()
    published: dict[int, asyncio.Future[float]] = {}
    client = LanguageClient("bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        fut = published.get(params.version or 0)
        if fut is not None and not fut.done():
            fut.set_result(time.perf_counter())

    await client.start_io(sys.executable, "-m", "attribtrack", "lsp", "--no-git")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    with tempfile.TemporaryDirectory() as tmp:
        uri = (Path(tmp) / "draft.md").as_uri()
        loop = asyncio.get_running_loop()
        published[1] = loop.create_future()
        start = time.perf_counter()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        first = await published[1] - start
        times = []
        paras = text.split("\n\n")
        for i in range(rounds):
            version = i + 2
            k = 1 + (i * 7) % (len(paras) - 1)
            paras[k] = (
                paras[k].replace("the ", "the new ", 1) if i % 2 == 0 else paras[k].replace("new ", "", 1)
            )
            text = "\n\n".join(paras)
            published[version] = loop.create_future()
            start = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
            times.append(await published[version] - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    ms = sorted(t * 1000 for t in times)
    print(f"draft: {len(draft().split())} words, {len(paras)} paragraphs")
    print(f"open (cold: imports + first check): {first * 1000:.0f} ms")
    print(
        f"change -> publishDiagnostics over {rounds} edits: median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, max {ms[-1]:.1f} ms (target: 50 ms)"
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
