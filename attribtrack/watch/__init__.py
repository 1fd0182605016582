"""Watch: follow feeds and pages, store each new revision, record the attribution changes.

Owns fetching policy only (validators, schedule, robots, pace): the text comes from
:mod:`attribtrack.read`, revisions from the store, changes from :mod:`attribtrack.compare`.

A pass has two phases. The *sources* that are due (feeds, or pages given as sources) are fetched;
a feed's new items become pages to follow, each remembered in the store's fetch state with the
settings of the feed that listed it. Then every page whose next check has come (the news-cycle
:class:`~attribtrack.watch.schedule.Schedule`) is fetched conditionally. Fetches run in threads
(at most ``max_in_flight``); everything that touches the store runs in the calling thread, one
page at a time and in URL order, so the store sees one writer and the output is the same from run
to run. A page's writes are, in order: the revision (one transaction), its change events (one
transaction per revision pair, written once), its fetch state (one transaction). A watcher killed
between two of them leaves the page due: the next pass fetches it again, finds the text stored
(no new revision) and records any pair not yet compared, so nothing is half-written and nothing
is recorded twice. ``stop`` (set by a signal handler) is looked at between pages.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from attribtrack.errors import AttribtrackError, InputError
from attribtrack.store import ChangeEvent, ChangeRecord, FetchState, OriginConflict, Store, StoreBusy
from attribtrack.watch.config import Source, WatchConfig
from attribtrack.watch.fetcher import MAX_BYTES, TIMEOUT, Fetched, Fetcher, FetchError, fetch
from attribtrack.watch.schedule import Schedule, format_time, parse_time

__all__ = [
    "MAX_BYTES",
    "TIMEOUT",
    "Fetched",
    "Hooks",
    "PassSummary",
    "Watcher",
    "events_for",
    "fetch",
    "record_pending",
    "run_pass",
]

_HTML = ("text/html", "application/xhtml+xml", "")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def events_for(old_text: str, new_text: str) -> list[ChangeEvent]:
    """The attribution changes between two texts, as events to record."""
    from attribtrack import diff

    result = diff(old_text, new_text)
    return [
        ChangeEvent(
            type=c.type,
            old_claim=c.old_claim.id if c.old_claim is not None else None,
            new_claim=c.new_claim.id if c.new_claim is not None else None,
            detail=c.detail,
        )
        for c in result.changes
    ]


def record_pending(store: Store, doc_id: str) -> list[tuple[int, int]]:
    """Record every consecutive revision pair of ``doc_id`` not yet compared (a crash between
    ingest and record is caught up here). Returns the pairs recorded now."""
    revisions = store.revisions(doc_id)
    done: list[tuple[int, int]] = []
    for old, new in zip(revisions, revisions[1:], strict=False):
        if store.is_compared(doc_id, old.number, new.number):
            continue
        events = events_for(store.text(old.sha256), store.text(new.sha256))
        if store.record_changes(doc_id, old.number, new.number, events):
            done.append((old.number, new.number))
    return done


@dataclass
class PassSummary:
    checked: int = 0
    unchanged: int = 0
    revisions: int = 0
    changes: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped: bool = False

    def line(self) -> str:
        return (
            f"checked {self.checked}, unchanged {self.unchanged}, new revisions {self.revisions}, "
            f"changes {self.changes}, errors {len(self.errors)}" + (" (stopped)" if self.stopped else "")
        )


class Hooks:
    """What a watcher tells its caller as it goes (the CLI prints; the library never does)."""

    def planned(self, phase: str, count: int) -> None:
        """``count`` URLs are about to be checked (``phase``: sources or pages)."""

    def checked(self, url: str, outcome: str) -> None:
        """One URL done: ``outcome`` is a short phrase (``304 unchanged``, ``200 revision 2``...)."""

    def events(self, records: list[ChangeRecord]) -> None:
        """New change events, one batch per page."""

    def store_busy(self, error: StoreBusy) -> None:
        """The long-running loop found the store busy: this pass stopped where it was (what it
        wrote stays; the pages it did not reach are still due) and the next one carries on."""


def _due(state: FetchState | None, stamp: str) -> bool:
    return state is None or (state.next_check is not None and state.next_check <= stamp)


@dataclass
class _Outcome:
    fetched: Fetched | None = None
    error: FetchError | None = None


class Watcher:
    """Passes over ``config.sources`` (none: every source the store knows, so a restarted
    watcher resumes). ``stop``: set it to end after the write in progress."""

    def __init__(
        self,
        store: Store,
        config: WatchConfig,
        *,
        hooks: Hooks | None = None,
        stop: threading.Event | None = None,
        backoff: float = 0.5,
    ) -> None:
        self.store = store
        self.config = config
        self.hooks = hooks or Hooks()
        self.stop = stop or threading.Event()
        self.schedule = Schedule.parse(config.schedule)
        self.fetcher = Fetcher(
            agent=config.user_agent,
            timeout=config.timeout,
            max_bytes=config.max_bytes,
            retries=config.retries,
            backoff=backoff,
            host_delay=config.host_delay,
        )

    # -- scope

    def sources(self) -> dict[str, Source]:
        """The sources this watcher follows, by URL."""
        if self.config.sources:  # the schedule each source's articles follow is remembered with them
            default = self.config.schedule
            return {s.url: replace(s, schedule=s.schedule or default) for s in self.config.sources}
        return {
            s.url: Source.from_settings(s.url, s.settings)
            for s in self.store.fetch_states()
            if s.source is None
        }

    def next_due(self) -> datetime | None:
        """The earliest next check among the URLs in scope (None: nothing will ever be due)."""
        sources = self.sources()
        states = self.store.fetch_states()
        if set(sources) - {s.url for s in states}:
            return datetime.now(UTC)  # a source never fetched
        times = [
            s.next_check
            for s in states
            if s.next_check is not None and (s.url in sources or s.source in sources)
        ]
        return parse_time(min(times)) if times else None

    # -- a pass

    def run_pass(self, *, check_all: bool = False, now: datetime | None = None) -> PassSummary:
        """Check what is due (``check_all``: everything in scope, whatever the schedule says)."""
        moment = now or datetime.now(UTC)
        stamp = format_time(moment)
        summary = PassSummary()
        sources = self.sources()
        states = {s.url: s for s in self.store.fetch_states()}
        due = [url for url in sorted(sources) if check_all or _due(states.get(url), stamp)]
        self.hooks.planned("sources", len(due))
        for url, outcome in self._fetch_all([(url, states.get(url)) for url in due]):
            self._source_done(sources[url], states.get(url), outcome, summary, moment)
            if self.stop.is_set():
                summary.stopped = True
                return summary
        pages = [
            s
            for s in self.store.fetch_states(kind="page")
            if s.source in sources and s.url not in sources and (check_all or _due(s, stamp))
        ]
        self.hooks.planned("pages", len(pages))
        by_url = {s.url: s for s in pages}
        for url, outcome in self._fetch_all([(s.url, s) for s in pages]):
            state = by_url[url]
            source = sources.get(state.source or "")
            self._page_done(url, state, source, outcome, summary, moment)
            if self.stop.is_set():
                summary.stopped = True
                break
        return summary

    def _fetch_all(self, jobs: list[tuple[str, FetchState | None]]) -> Iterator[tuple[str, _Outcome]]:
        """Fetch in threads, at most ``max_in_flight`` at once, and yield in the order given;
        fetched bodies waiting to be handled are bounded too (twice the fetches in flight)."""
        if not jobs:
            return
        width = max(1, self.config.max_in_flight)
        pool = ThreadPoolExecutor(max_workers=width, thread_name_prefix="attribtrack-fetch")
        window: deque[tuple[str, Future[_Outcome]]] = deque()
        pending = iter(jobs)
        try:
            while True:
                while len(window) < 2 * width and not self.stop.is_set():
                    job = next(pending, None)
                    if job is None:
                        break
                    window.append((job[0], pool.submit(self._fetch_one, *job)))
                if not window:
                    return
                url, future = window.popleft()
                yield url, future.result()
        finally:
            for _, future in window:
                future.cancel()
            pool.shutdown(wait=not self.stop.is_set(), cancel_futures=True)

    def _fetch_one(self, url: str, state: FetchState | None) -> _Outcome:
        try:
            got = self.fetcher.get(
                url, etag=state.etag if state else None, last_modified=state.last_modified if state else None
            )
            return _Outcome(fetched=got)
        except FetchError as exc:
            return _Outcome(error=exc)

    # -- what a fetch means

    def _source_done(
        self,
        source: Source,
        state: FetchState | None,
        outcome: _Outcome,
        summary: PassSummary,
        moment: datetime,
    ) -> None:
        got = outcome.fetched
        known_page = state is not None and state.kind == "page" and (got is None or got.status == 304)
        if known_page or (got is not None and got.status != 304 and not _is_feed(got)):
            self._page_done(source.url, state, source, outcome, summary, moment, top=True)
            return
        stamp = format_time(moment)
        summary.checked += 1
        next_check = format_time(moment + timedelta(seconds=self.config.feed_every))
        base = FetchState(
            source.url,
            "feed",
            first_seen=state.first_seen if state else stamp,
            next_check=next_check,
            last_checked=stamp,
            settings=source.settings(),
        )
        if got is None:
            assert outcome.error is not None
            self._failed(summary, base, state, outcome.error)
            return
        error = None
        if got.status == 304:
            summary.unchanged += 1
            self.hooks.checked(source.url, "304 unchanged")
        else:
            found, error = self._feed_items(source, got, state, stamp)
            self.hooks.checked(source.url, f"{got.status} feed, {found} new items")
        new_state = base._replace(last_status=got.status, etag=got.etag, last_modified=got.last_modified)
        if error is not None:
            summary.errors.append(error)
            new_state = new_state._replace(last_error=error, failures=(state.failures if state else 0) + 1)
        self.store.put_fetch_state(new_state)

    def _feed_items(
        self, source: Source, got: Fetched, state: FetchState | None, stamp: str
    ) -> tuple[int, str | None]:
        """Remember the pages a feed lists (new ones are due now). Returns (new pages, error):
        a feed with broken XML is an error even when the lenient parser recovered some items."""
        from urllib.parse import quote, urljoin, urlsplit

        import feedparser

        parsed = feedparser.parse(got.body)
        error = None
        if parsed.bozo and not isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
            error = f"{source.url}: not a well-formed feed ({parsed.bozo_exception})"
        found = 0
        seen: set[str] = set()
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            # an IRI (a non-ASCII path) is sent percent-encoded, as a browser would
            try:
                url = quote(urljoin(got.final_url or source.url, link.strip()), safe=_URL_SAFE)
                scheme = urlsplit(url).scheme
            except ValueError:  # "http://[::1/x": not a URL at all
                continue
            if scheme not in ("http", "https") or url in seen or not source.wants(url):
                continue
            seen.add(url)
            if self.store.fetch_state(url) is None:
                self.store.put_fetch_state(
                    FetchState(
                        url,
                        "page",
                        source=source.url,
                        first_seen=stamp,
                        next_check=stamp,
                        settings=source.settings(),
                    )
                )
                found += 1
        if error is None and not parsed.entries and not parsed.feed:
            error = f"{source.url}: not a readable feed"
        return found, error

    def _failed(
        self, summary: PassSummary, base: FetchState, state: FetchState | None, error: AttribtrackError
    ) -> None:
        summary.errors.append(str(error))
        self.hooks.checked(base.url, f"error: {error}")
        self.store.put_fetch_state(
            base._replace(
                document=state.document if state else None,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
                last_error=str(error),
                last_status=getattr(error, "status", None),
                failures=(state.failures if state else 0) + 1,
            )
        )

    def _page_done(
        self,
        url: str,
        state: FetchState | None,
        source: Source | None,
        outcome: _Outcome,
        summary: PassSummary,
        moment: datetime,
        *,
        top: bool = False,
    ) -> None:
        stamp = format_time(moment)
        settings = source.settings() if source is not None else (state.settings if state else {})
        first_seen = state.first_seen if state else stamp
        schedule = Schedule.parse(settings["schedule"]) if settings.get("schedule") else self.schedule
        base = FetchState(
            url,
            "page",
            document=state.document if state else None,
            source=None if top else (state.source if state else None),
            first_seen=first_seen,
            next_check=schedule.next_check(first_seen, moment),
            last_checked=stamp,
            settings=settings,
        )
        summary.checked += 1
        got = outcome.fetched
        if got is None:
            assert outcome.error is not None
            self._failed(summary, base, state, outcome.error)
            return
        doc_id = base.document or self._doc_id(url)
        outcome_text = "304 unchanged"
        if got.status == 304:
            summary.unchanged += 1
        else:
            try:
                text, title, warning = _page_text(got, doc_id)
            except AttribtrackError as exc:
                self._failed(summary, base._replace(document=state.document if state else None), state, exc)
                return
            if warning:
                summary.warnings.append(warning)
            result, doc_id = self._ingest(url, base.document, doc_id, text, title, settings)
            if result.created:
                summary.revisions += 1
                outcome_text = f"{got.status} new revision {result.ref}"
            else:
                summary.unchanged += 1
                outcome_text = f"{got.status} text unchanged ({result.ref})"
        # After a 304 the last pass got as far as this page's fetch state: its pairs are recorded.
        if got.status != 304 and self.store.has_document(doc_id):
            pairs = record_pending(self.store, doc_id)
            if pairs:
                records = [r for r in self.store.changes(doc_id) if (r.from_revision, r.to_revision) in pairs]
                summary.changes += len(records)
                outcome_text += f", {len(records)} changes"
                if records:
                    self.hooks.events(records)
        self.hooks.checked(url, outcome_text)
        stored = base.document if got.status == 304 else (doc_id if self.store.has_document(doc_id) else None)
        self.store.put_fetch_state(
            base._replace(
                document=stored,
                last_status=got.status,
                etag=got.etag,
                last_modified=got.last_modified,
            )
        )

    def _ingest(
        self, url: str, known: str | None, doc_id: str, text: str, title: str | None, settings: dict[str, Any]
    ) -> tuple[Any, str]:
        """Store ``text`` as the next revision of the page's document, with the URL as its origin
        (as ``ingest URL`` gives it). A page seen for the first time has an id derived from its
        URL: if a document of that id came from elsewhere (another URL, a file), the store
        refuses to merge them and the next free ``-2``, ``-3``... is taken instead."""
        fields = {"url": url, "outlet": settings.get("outlet"), "kind": settings.get("kind"), "title": title}
        while True:
            try:
                result = self.store.ingest(
                    text, doc_id=doc_id, origin=url, same_origin=known is None, **fields
                )
            except OriginConflict:
                doc_id = self._doc_id(url, after=doc_id)
                continue
            return result, doc_id

    def _doc_id(self, url: str, *, after: str | None = None) -> str:
        """A document id for a new page: from its URL, with ``-2``, ``-3``... when that id is a
        document of another URL (``/news/1234`` and ``/news/1235`` both read as ``news``), or,
        with ``after``, the next one after that id (whose document came from elsewhere)."""
        from attribtrack.read import doc_id_from_url

        base = doc_id_from_url(url)
        n = 1
        if after is not None:
            suffix = after.removeprefix(base).removeprefix("-")
            n = int(suffix) + 1 if suffix.isdecimal() else 2
        candidate = base if n == 1 else f"{base}-{n}"
        while self.store.has_document(candidate) and self.store.document(candidate).url not in (url, None):
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # -- the long-running loop

    def run_forever(
        self, *, check_all: bool = False, report: Callable[[PassSummary], None], idle_max: float = 60.0
    ) -> None:
        """Pass after pass until ``stop`` is set; between passes, sleep until the next URL is due
        (at most ``idle_max`` seconds, so a clock that jumps is noticed). A store busy past its
        timeout (:class:`~attribtrack.store.StoreBusy`: another writer, a long ``store copy``)
        ends the pass, not the watcher: ``hooks.store_busy`` is told and the next pass, a second
        later, carries on where it stopped. Any other store error ends it (exit 4)."""
        first = True
        while not self.stop.is_set():
            try:
                summary = self.run_pass(check_all=check_all and first)
            except StoreBusy as exc:  # another writer held it past the busy timeout: not the end
                self.hooks.store_busy(exc)
                self._sleep(min(1.0, idle_max))
                continue
            first = False
            report(summary)
            if self.stop.is_set():
                break
            try:
                due = self.next_due()
            except StoreBusy as exc:
                self.hooks.store_busy(exc)
                due = datetime.now(UTC)
            wait = idle_max if due is None else (due - datetime.now(UTC)).total_seconds()
            self._sleep(min(max(wait, 1.0), idle_max))

    def _sleep(self, seconds: float) -> None:
        """Wait ``seconds`` or until ``stop`` is set, in slices of at most half a second. A signal
        sent to the process may be taken by any of its threads (the fetch pool's, the webhook's);
        Python then runs the handler only when the main thread next runs bytecode, so one long
        ``Event.wait`` would hear SIGTERM only when it timed out."""
        deadline = time.monotonic() + seconds
        while not self.stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self.stop.wait(min(left, 0.5))


def _is_feed(got: Fetched) -> bool:
    if "rss" in got.content_type or "atom" in got.content_type or got.content_type.endswith("xml"):
        return got.content_type != "application/xhtml+xml"
    head = got.body[:512].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")


def _encoding(got: Fetched) -> tuple[str, str | None]:
    """The encoding to read a page in, and a warning when the declared one does not fit: the
    charset the server declares, else the page's ``<meta charset>``, else UTF-8; a declaration
    the bytes contradict falls back to the next, then to windows-1252 (what browsers read an
    undeclared Latin page as) and Latin-1, which decodes anything."""
    import codecs

    from attribtrack.read import _html_encoding

    declared = got.charset
    meta = _html_encoding(got.body, None)
    for name in (declared, meta, "utf-8", "cp1252", "latin-1"):
        if not name:
            continue
        try:
            codecs.lookup(name)
            got.body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        wrong = declared if declared and name != declared else None
        warning = (
            f"{got.url}: the declared charset {wrong!r} does not fit the page; read as {name}"
            if wrong
            else None
        )
        return name, warning
    return "latin-1", None  # pragma: no cover -- latin-1 decodes every byte string


def _page_text(got: Fetched, doc_id: str) -> tuple[str, str | None, str | None]:
    """(main text, title, warning) of a fetched page, read as ``ingest`` reads it."""
    from attribtrack.read import _read_html, read_bytes

    if got.content_type not in (*_HTML, "text/plain"):
        raise InputError(f"{got.url}: not an HTML page ({got.content_type})")
    encoding, warning = _encoding(got)
    try:
        if got.content_type == "text/plain":
            read = read_bytes(got.body, label=got.url, format="txt", encoding=encoding, doc_id=doc_id)
        else:
            read = _read_html(got.body, label=got.url, encoding=encoding, path=None, doc_id=doc_id,
                              url=got.final_url or got.url)  # fmt: skip
    except InputError as exc:
        if exc.hint and "--encoding" in exc.hint:  # the readers' advice for files: watch has no --encoding
            raise InputError(exc.message, hint=f"read as {encoding}, from the charset the page declares or "
                             "its bytes fit") from None  # fmt: skip
        raise
    return read.text, read.fields.get("title"), warning


def run_pass(
    store: Store,
    sources: list[str],
    *,
    outlet: str | None = None,
    kind: str | None = None,
    timeout: float = TIMEOUT,
    backoff: float = 0.5,
    check_all: bool = False,
    **settings: Any,
) -> PassSummary:
    """One pass over ``sources`` (feed or page URLs, detected) and the pages they list."""
    config = WatchConfig(
        sources=tuple(Source(url, outlet, kind) for url in sources), timeout=timeout, **settings
    )
    return Watcher(store, config, backoff=backoff).run_pass(check_all=check_all)
