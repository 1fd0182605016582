"""The Starlette application: pages, the JSON API and its OpenAPI description."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from attribtrack.errors import NotFoundError
from attribtrack.serve.data import Reader, diff_view
from attribtrack.serve.openapi import openapi
from attribtrack.serve.svg import render_svg

HERE = Path(__file__).parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; script-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")  # fmt: skip
READ = ["GET", "HEAD"]


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    return Response(body, status_code=status, media_type="application/json")


def create_app(store: str | None = None) -> Any:
    """The app over the store at ``store`` (a path, URL, or None: found upward from the cwd)."""
    reader = Reader(store)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    async def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return await run_in_threadpool(fn, *args, **kwargs)
        except NotFoundError as exc:
            raise HTTPException(404, str(exc)) from exc

    def _int(value: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise HTTPException(404, f"unknown revision {value!r}") from None

    # -- pages

    async def documents(request: Request) -> Response:
        q = request.query_params
        args = {k: q.get(k, "") for k in ("q", "outlet", "source")}
        rows = await call(reader.documents, **args)
        return page(request, "documents.html", documents=rows, args=args)

    async def timeline(request: Request) -> Response:
        data = await call(reader.timeline, request.path_params["doc"])
        return page(request, "timeline.html", **data)

    async def diff_page(request: Request) -> Response:
        p = request.path_params
        document, rd, old, new = await call(reader.diff, p["doc"], _int(p["old"]), _int(p["new"]))
        view = diff_view(rd, old, new)
        return page(request, "diff.html", document=document.to_dict(), rd=rd, view=view,
                    summary=rd.summary())  # fmt: skip

    async def blame_page(request: Request) -> Response:
        document, result, _ = await call(reader.blame, request.path_params["doc"])
        return page(request, "blame.html", document=document.to_dict(), blame=result)

    async def sources_page(request: Request) -> Response:
        document, graph = await call(reader.graph, request.path_params["doc"])
        return page(
            request, "sources.html", document=document.to_dict(), graph=graph, svg=Markup(render_svg(graph))
        )  # fmt: skip  (render_svg escapes every label)

    async def changes_page(request: Request) -> Response:
        rows = await call(reader.changes, request.query_params.get("doc") or None)
        return page(request, "changes.html", changes=rows)

    # -- API

    async def api_documents(request: Request) -> Response:
        q = request.query_params
        rows = await call(reader.documents, **{k: q.get(k, "") for k in ("q", "outlet", "source")})
        return _json({"documents": rows})

    async def api_timeline(request: Request) -> Response:
        return _json(await call(reader.timeline, request.path_params["doc"]))

    async def api_revision(request: Request) -> Response:
        doc, n = request.path_params["doc"], _int(request.path_params["n"])

        def load() -> dict[str, Any]:
            with reader.open() as st:
                rev = st.revision(doc, n)
                claims = reader.claims(st, rev)
            return {"revision": rev.info().to_dict(), "text": rev.text, "claims": claims.to_dict()}

        return _json(await call(load))

    async def api_diff(request: Request) -> Response:
        p = request.path_params
        _, rd, _, _ = await call(reader.diff, p["doc"], _int(p["old"]), _int(p["new"]))
        return _json(rd.to_dict())

    async def api_blame(request: Request) -> Response:
        _, result, _ = await call(reader.blame, request.path_params["doc"])
        return _json(result.to_dict())

    async def api_sources(request: Request) -> Response:
        _, graph = await call(reader.graph, request.path_params["doc"])
        return _json(graph.to_dict())

    async def api_changes(request: Request) -> Response:
        return _json({"changes": await call(reader.changes, request.query_params.get("doc") or None)})

    async def api_openapi(request: Request) -> Response:
        return _json(openapi())

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "error")
        if request.url.path.startswith("/api/"):
            return _json({"error": detail}, status)
        if status == 405:
            return Response(f"{status} {detail}\n", status_code=405, headers={"Allow": "GET, HEAD"})
        return page(request, "error.html", status=status, code=status, message=detail)

    routes = [
        Route("/", documents, methods=READ),
        Route("/doc/{doc}", timeline, methods=READ),
        Route("/doc/{doc}/diff/{old}/{new}", diff_page, methods=READ),
        Route("/doc/{doc}/blame", blame_page, methods=READ),
        Route("/doc/{doc}/sources", sources_page, methods=READ),
        Route("/changes", changes_page, methods=READ),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=READ),  # no icon, no 404
        Route("/api/openapi.json", api_openapi, methods=READ),
        Route("/api/documents", api_documents, methods=READ),
        Route("/api/documents/{doc}", api_timeline, methods=READ),
        Route("/api/documents/{doc}/revisions/{n}", api_revision, methods=READ),
        Route("/api/documents/{doc}/diff/{old}/{new}", api_diff, methods=READ),
        Route("/api/documents/{doc}/blame", api_blame, methods=READ),
        Route("/api/documents/{doc}/sources", api_sources, methods=READ),
        Route("/api/changes", api_changes, methods=READ),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found})
    return _Guard(app)


class _Guard:
    """Only GET and HEAD reach the app (anything else: 405); every response gets the CSP."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] not in READ:
            await Response("405 Method Not Allowed\n", status_code=405,
                           headers={"Allow": "GET, HEAD"})(scope, receive, with_headers)  # fmt: skip
            return
        await self.app(scope, receive, with_headers)
