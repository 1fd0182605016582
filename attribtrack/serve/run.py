"""Running the app under uvicorn (the CLI calls :func:`run`; it never imports uvicorn itself)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (or ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(store: str | None, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until interrupted; ``announce(url)`` once the socket is bound (``port`` 0: any free)."""
    import uvicorn

    from attribtrack.serve.app import create_app

    config = uvicorn.Config(create_app(store), host=host, port=port, log_level="warning", server_header=False)
    server = uvicorn.Server(config)
    startup = server.startup

    async def started(sockets: Any = None) -> None:
        await startup(sockets=sockets)
        for s in getattr(server, "servers", []):
            for sock in s.sockets:
                h, p = sock.getsockname()[:2]
                announce(f"http://{f'[{h}]' if ':' in h else h}:{p}/")

    server.startup = started  # type: ignore[method-assign]
    server.run()
