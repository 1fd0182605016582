"""Fetching that behaves: conditional GET, bounded size and redirects, robots.txt, a per-host pace.

urllib (stdlib) rather than httpx, which is only a dev dependency: watch must work from a plain
install, and urllib streams bodies, so the size limit is enforced without buffering an oversized
page. Redirects are followed here rather than by urllib, so each hop is checked against robots.txt
and the host's pace, and a loop is named as one. A :class:`Fetcher` is shared by the fetch threads:
its robots cache and pace are guarded by locks; it never touches the store.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from attribtrack.errors import InputError

__all__ = ["MAX_BYTES", "TIMEOUT", "FetchError", "Fetched", "Fetcher", "fetch", "user_agent"]

MAX_BYTES = 8 * 1024 * 1024
TIMEOUT = 10.0
MAX_REDIRECTS = 5
BODY_TIMEOUTS = 6  # a whole body must arrive within six request timeouts (60 s by default)
CHUNK = 1 << 16
ROBOTS_TTL = 24 * 3600.0  # RFC 9309: a cached robots.txt is not used for more than 24 hours
ROBOTS_RETRY = 300.0  # an unreachable robots.txt is asked for again after five minutes
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB are parsed
_REDIRECTS = (301, 302, 303, 307, 308)


def user_agent() -> str:
    """The default User-Agent: the product token (what robots.txt groups match) and what it is."""
    from attribtrack import __version__

    return f"attribtrack/{__version__} (source-attribution tracker; watch)"


class FetchError(InputError):
    """A URL that could not be fetched; ``status`` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Fetched:
    """A fetched URL: ``url`` as asked, ``final_url`` after redirects; a 304 has no body."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str = ""
    location: str | None = None  # a redirect's target (only inside the fetcher)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back as an HTTPError: :meth:`Fetcher.get` follows them itself."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Fetcher:
    """GET with the watcher's manners. ``host_delay``: seconds between two requests to one host
    (robots.txt's Crawl-delay, when longer, wins); ``robots``: honour robots.txt."""

    def __init__(
        self,
        *,
        agent: str | None = None,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        retries: int = 2,
        backoff: float = 0.5,
        max_redirects: int = MAX_REDIRECTS,
        host_delay: float = 1.0,
        robots: bool = True,
    ) -> None:
        self.agent = agent or user_agent()
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_redirects = max_redirects
        self.host_delay = host_delay
        self.robots = robots
        self._opener = urllib.request.build_opener(_NoRedirect())
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser, str | None]] = {}
        self._next_slot: dict[str, float] = {}
        self._delays: dict[str, float] = {}  # host -> robots.txt Crawl-delay

    # -- the public call

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` conditionally (304: no body), following at most ``max_redirects`` redirects;
        timeouts and 5xx are retried with backoff. Every failure is a :class:`FetchError`."""
        try:
            return self._follow(url, etag=etag, last_modified=last_modified)
        except ValueError as exc:  # urllib.parse on a malformed URL ("http://[::1/x")
            raise FetchError(f"{url}: not a valid URL ({exc})") from None

    def _follow(self, url: str, *, etag: str | None, last_modified: str | None) -> Fetched:
        seen = [url]
        current = url
        for _hop in range(self.max_redirects + 1):
            if self.robots:
                self._check_robots(current)
            got = self._get_once(current, etag=etag, last_modified=last_modified)
            if got.status not in _REDIRECTS:
                return replace(got, url=url, final_url=current)
            if not got.location:
                raise FetchError(f"{url}: HTTP {got.status} without a Location", status=got.status)
            target = urljoin(current, got.location)
            if target in seen:
                raise FetchError(f"{url}: redirect loop ({current} -> {target})", status=got.status)
            seen.append(target)
            current = target
        raise FetchError(f"{url}: more than {self.max_redirects} redirects", status=_REDIRECTS[1])

    # -- one request, retried

    def _get_once(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int | None = None,
        retries: int | None = None,
    ) -> Fetched:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"{url}: not an http(s) URL")
        limit = self.max_bytes if max_bytes is None else max_bytes
        headers = {
            "User-Agent": self.agent,
            "Accept-Encoding": "gzip",
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = (self.retries if retries is None else retries) + 1
        for attempt in range(attempts):
            self._wait_turn(parts.netloc.lower())
            last = attempt == attempts - 1
            try:
                request = urllib.request.Request(url, headers=headers)
                with self._opener.open(request, timeout=self.timeout) as response:
                    return self._read(url, response, limit)
            except urllib.error.HTTPError as exc:
                location = exc.headers.get("Location") if exc.headers else None
                exc.close()
                if exc.code == 304:
                    return Fetched(url, 304, etag=etag, last_modified=last_modified)
                if exc.code in _REDIRECTS:
                    return Fetched(url, exc.code, location=location)
                if exc.code < 500 or last:
                    raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}", status=exc.code) from None
            except FetchError:
                raise
            except (
                TimeoutError,
                urllib.error.URLError,
                http.client.HTTPException,
                OSError,
                ValueError,
            ) as exc:
                if last:
                    reason = getattr(exc, "reason", None) or exc
                    if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                        reason = f"no answer within {self.timeout:g} s"
                    raise FetchError(f"{url}: cannot fetch ({reason})") from None
            time.sleep(self.backoff * 2**attempt)
        raise FetchError(f"{url}: cannot fetch")  # pragma: no cover -- the loop returns or raises

    def _read(self, url: str, response: http.client.HTTPResponse, limit: int) -> Fetched:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            # refused before a byte of the body is read
            raise FetchError(
                f"{url}: larger than {limit} bytes ({declared} declared)", status=response.status
            )
        # A chunk at a time against a deadline: the socket timeout bounds each read, not a server
        # that trickles a byte every few seconds.
        deadline = time.monotonic() + self.timeout * BODY_TIMEOUTS
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = response.read1(min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: body not received within {self.timeout * BODY_TIMEOUTS:g} s",
                                 status=response.status)  # fmt: skip
        data = b"".join(chunks)
        del chunks
        if len(data) > limit:
            raise FetchError(f"{url}: larger than {limit} bytes", status=response.status)
        if response.headers.get("Content-Encoding", "").lower() == "gzip":
            data = _gunzip(data, url, limit)
        return Fetched(
            url,
            response.status,
            data,
            response.headers.get_content_type(),
            response.headers.get_content_charset(),
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )

    # -- manners

    def _wait_turn(self, host: str) -> None:
        """Reserve this host's next slot and sleep until it: two requests to one host are at
        least the delay apart, whichever thread makes them."""
        delay = max(self.host_delay, self._crawl_delay(host))
        if delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + delay
        if slot > now:
            time.sleep(slot - now)

    def _crawl_delay(self, host: str) -> float:
        return self._delays.get(host, 0.0)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._lock:
            host_lock = self._host_locks.setdefault(key, threading.Lock())
        with host_lock:  # one robots.txt request per host, however many threads ask
            cached = self._robots.get(key)
            if cached is None or time.monotonic() > cached[0]:
                parser, error = self._load_robots(key)
                cached = (time.monotonic() + (ROBOTS_RETRY if error else ROBOTS_TTL), parser, error)
                self._robots[key] = cached
                delay = parser.crawl_delay(self.agent)
                self._delays[parts.netloc.lower()] = float(delay) if delay else 0.0
        if cached[2] is not None:
            raise FetchError(f"{url}: {key}/robots.txt could not be read ({cached[2]}); RFC 9309 says "
                             "to fetch nothing from the host until it can")  # fmt: skip
        if not cached[1].can_fetch(self.agent, url):
            raise FetchError(f"{url}: disallowed by robots.txt")

    def _load_robots(self, root: str) -> tuple[urllib.robotparser.RobotFileParser, str | None]:
        """(rules, error). RFC 9309: a 4xx means no rules; a 5xx or no answer means nothing may
        be fetched, and is asked again after ``ROBOTS_RETRY`` seconds rather than cached a day."""
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        url = root + "/robots.txt"
        try:
            for _hop in range(self.max_redirects + 1):
                got = self._get_once(
                    url, etag=None, last_modified=None, max_bytes=ROBOTS_MAX_BYTES, retries=0
                )
                if got.status not in _REDIRECTS or not got.location:
                    break
                url = urljoin(url, got.location)
            else:
                parser.allow_all = True  # RFC 9309: past five redirects, as if there were none
                return parser, None
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                parser.allow_all = True
                return parser, None
            return parser, exc.message.removeprefix(f"{url}: ")
        parser.parse(got.body.decode("utf-8", "replace").splitlines())
        return parser, None


def _gunzip(data: bytes, url: str, max_bytes: int) -> bytes:
    """Decompress a gzip body, never past ``max_bytes``: the limit applies to what the page
    decompresses to, not to what came over the wire (a small gzip bomb would otherwise expand)."""
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(f"{url}: broken gzip body ({exc})") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise FetchError(f"{url}: larger than {max_bytes} bytes once decompressed")
    return out


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    retries: int = 2,
    backoff: float = 0.5,
) -> Fetched:
    """One conditional GET without robots.txt or pace (a single URL the caller chose)."""
    fetcher = Fetcher(
        timeout=timeout, max_bytes=max_bytes, retries=retries, backoff=backoff, host_delay=0.0, robots=False
    )
    return fetcher.get(url, etag=etag, last_modified=last_modified)
