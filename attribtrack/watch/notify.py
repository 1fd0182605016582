"""Webhook alerts: each new batch of change events POSTed as JSON from a background thread.

The watch loop only puts a batch on a queue, so a slow or dead webhook never delays a fetch or a
write; a batch that still fails after its retries is reported through ``on_error`` and dropped
(the events stay in the store, where ``changes`` lists them).
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

__all__ = ["Notifier", "batch_payload"]


def batch_payload(records: list[Any]) -> bytes:
    """The body of one POST: the ``attribtrack.changes/1`` document of these events."""
    return json.dumps(
        {"schema": "attribtrack.changes/1", "changes": [r.to_dict() for r in records]}, sort_keys=True
    ).encode("utf-8")


class Notifier:
    """POST batches to ``url``; ``retries`` more attempts with backoff on an error or non-2xx."""

    def __init__(
        self,
        url: str,
        *,
        agent: str,
        on_error: Callable[[str], None],
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        self.url = url
        self.agent = agent
        self.on_error = on_error
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sent = 0
        self.failed = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="attribtrack-notify", daemon=True)
        self._thread.start()

    def send(self, records: list[Any]) -> None:
        """Queue one batch (returns at once)."""
        if records:
            self._queue.put(batch_payload(records))

    def close(self, wait: float) -> bool:
        """Let the queued batches go out for at most ``wait`` seconds; False if some were left."""
        self._queue.put(None)
        self._thread.join(wait)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while (body := self._queue.get()) is not None:
            error = self._post(body)
            if error is None:
                self.sent += 1
            else:
                self.failed += 1
                self.on_error(f"webhook {self.url}: {error}; the batch was not delivered")

    def _post(self, body: bytes) -> str | None:
        error = "not sent"
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(
                self.url,
                data=body,
                method="POST",
                headers={"Content-Type": "application/json", "User-Agent": self.agent},
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    response.read(65536)
                    return None
            except urllib.error.HTTPError as exc:
                exc.close()
                error = f"HTTP {exc.code} {exc.reason}"
            except (urllib.error.URLError, OSError, ValueError) as exc:
                error = f"cannot POST ({getattr(exc, 'reason', None) or exc})"
            if attempt < self.retries:
                time.sleep(self.backoff * 2**attempt)
        return f"{error} after {self.retries + 1} attempts"
