"""Batches over many inputs in worker processes, results in argument order.

``claims``, ``ingest`` and ``check`` given many inputs run the per-input work (reading and parsing
a file, extracting its claims, checking a draft) in a :class:`concurrent.futures.ProcessPoolExecutor`
and consume the results in argument order, so what they print is byte for byte what one process
prints. Only the main process writes: to stdout, stderr and the store (the claims cache, ingested
revisions), so a store has one writer however many workers read.

Why processes and not threads: the work is pure-Python CPU (the extractor, trafilatura's tree
walks), which the GIL serialises. Workers are forked where the platform allows (nothing attribtrack
has imported is imported again) and each warms the extractor once, in :func:`_start_worker`, not
once per input. A batch smaller than :data:`PARALLEL_MIN` or ``jobs=1`` runs in this process: a
pool costs ~20 ms to start, more than a few short inputs take.

Errors: an :class:`AttribtrackError` in a worker comes back as a :class:`Failure` (exceptions with
keyword arguments do not survive pickling intact) and is raised or reported by the caller exactly
as the in-process path would; anything else (a bug) propagates, as it would in one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from attribtrack.errors import AttribtrackError

if TYPE_CHECKING:
    from attribtrack.models import Claims
    from attribtrack.read import Input
    from attribtrack.targets import Loaded

__all__ = [
    "PARALLEL_MIN",
    "CacheWriter",
    "ClaimsOutcome",
    "Failure",
    "claims_from_store",
    "claims_many",
    "cpu_count",
    "map_ordered",
    "read_inputs",
    "workers_for",
]

T = TypeVar("T")
R = TypeVar("R")

#: Below this many inputs the pool's start-up costs more than it saves; they run in this process.
PARALLEL_MIN = 6


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask: a container's or taskset's limit),
    which is what ``--jobs`` defaults to."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        return os.cpu_count() or 1


def workers_for(jobs: int | None, items: int, *, minimum: int = PARALLEL_MIN) -> int:
    """How many worker processes a batch of ``items`` gets for ``--jobs`` (None or 0: one per CPU);
    0 means run in this process."""
    wanted = jobs or cpu_count()
    if wanted < 2 or items < max(minimum, 2):
        return 0
    return min(wanted, items)


@dataclass(frozen=True)
class Failure:
    """An :class:`AttribtrackError` raised in a worker, in a form that pickles: its class,
    message and hint. :meth:`error` rebuilds it, so it prints and exits as the original."""

    kind: type[AttribtrackError]
    message: str
    hint: str | None = None

    @classmethod
    def of(cls, exc: AttribtrackError) -> Failure:
        return cls(type(exc), exc.message, exc.hint)

    def error(self) -> AttribtrackError:
        exc = self.kind.__new__(self.kind)
        AttribtrackError.__init__(exc, self.message, hint=self.hint)
        return exc


def _start_worker() -> None:
    """Run once in each worker: Ctrl-C is the main process's to handle (it cancels what is
    queued), and the extractor's lexicons are loaded here once rather than by the first input."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from attribtrack.extractor import extract

    extract("\u201cReady,\u201d she said.")


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def map_ordered(
    fn: Callable[[T], R], items: Sequence[T], *, jobs: int | None, minimum: int = PARALLEL_MIN
) -> Iterator[R]:
    """``fn`` over ``items``, yielded in the order of ``items`` as soon as each is ready.

    In worker processes when :func:`workers_for` says so (``fn`` and the items must pickle: a
    module-level function and plain data); otherwise lazily in this process, one item after the
    other (``jobs=1`` is exactly that). At most two chunks of items a worker are in flight (given
    to the pool, or done and not yet yielded): the results waiting for a slow one ahead of them
    are bounded, not the whole batch's (a large target's claims are a large string)."""
    workers = workers_for(jobs, len(items), minimum=minimum)
    if not workers:
        yield from map(fn, items)
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    # Small chunks keep the output streaming and the workers evenly loaded; a few per worker
    # amortise the round trip for short inputs.
    size = max(1, min(32, len(items) // (workers * 8)))
    chunks = (items[i : i + size] for i in range(0, len(items), size))
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker)
    flight: deque[Future[list[R]]] = deque()
    try:
        for chunk in chunks:
            flight.append(pool.submit(_each, fn, chunk))
            if len(flight) >= 2 * workers:
                yield from flight.popleft().result()
        while flight:
            yield from flight.popleft().result()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # Ctrl-C, a bug, or the reader went away
        raise
    pool.shutdown(wait=True)


def _each(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [fn(item) for item in chunk]


# --- ingest: read and parse in the workers, write in the main process --------------------------


def _read_one(job: tuple[str, str | None, Input | Failure | None]) -> Input | Failure:
    from attribtrack.read import read_input

    target, encoding, preread = job
    if preread is not None:
        return preread
    try:
        return read_input(target, encoding=encoding)
    except AttribtrackError as exc:
        return Failure.of(exc)


def read_inputs(
    targets: Sequence[str], *, encoding: str | None = None, jobs: int | None = 1
) -> Iterator[Input | AttribtrackError]:
    """Each target read (:func:`attribtrack.read.read_input`), in order: its :class:`Input`, or the
    error that stopped it (returned, not raised, so the caller handles it in its place). With
    workers, standard input (``-``) is read first, here: it belongs to this process."""
    from attribtrack.read import read_input, read_stdin

    if not workers_for(jobs, len(targets)):  # today's path: each read when its turn comes
        for target in targets:
            try:
                yield read_input(target, encoding=encoding)
            except AttribtrackError as exc:
                yield exc
        return
    stdin: Input | Failure | None = None
    if "-" in targets:
        try:
            stdin = read_stdin(encoding=encoding)
        except AttribtrackError as exc:
            stdin = Failure.of(exc)
    todo = [(t, encoding, stdin if t == "-" else None) for t in targets]
    for got in map_ordered(_read_one, todo, jobs=jobs):
        yield got.error() if isinstance(got, Failure) else got


# --- claims: load and extract in the workers, print and cache in the main process --------------


@dataclass(frozen=True)
class ClaimsOutcome:
    """One target of :func:`claims_many`: its ``claims/1`` JSON in pieces (read them to make
    them: a target read in this process is extracted as they are asked for), or the error that
    stopped it. ``cache`` is a (sha256, version, file) entry the main process still has to write
    to the store's claims cache, and ``spool`` the file of a worker's JSON (both in the batch's
    temporary directory)."""

    target: str
    label: str = ""
    chunks: Iterable[str] = ()
    error: AttribtrackError | Failure | None = None
    cache: tuple[str, str, str] | None = None
    spool: str | None = None


@dataclass(frozen=True)
class _ClaimsJob:
    target: str
    store: str | None
    classes: frozenset[str] | None
    loaded: Loaded | None = None  # standard input, read by the main process
    failure: Failure | None = None  # ... or why it could not be
    encoding: str | None = None  # --encoding
    spool: str | None = None  # where a worker writes: <spool>.json, and <spool>.cache.json


def _claims_here(job: _ClaimsJob, indent: int | None) -> ClaimsOutcome:
    """A target in this process: its claims JSON written as it is made or read
    (:func:`attribtrack.render.claims_json.claims_json`, which writes the cache), filtered as it
    goes by."""
    from attribtrack.extractor.cache import house_style
    from attribtrack.render.claims_json import claims_json
    from attribtrack.targets import load

    try:
        loaded = load(job.target, store=job.store, encoding=job.encoding)
        titles, outlets = house_style(job.target)
    except AttribtrackError as exc:
        return ClaimsOutcome(job.target, error=exc)
    if job.classes is None:
        chunks = claims_json(loaded, store=job.store, indent=indent, titles=titles, outlets=outlets)
    else:
        from attribtrack.render.claims_stream import filtered, of_classes

        compact = claims_json(loaded, store=job.store, titles=titles, outlets=outlets)
        chunks = filtered(compact, of_classes(job.classes), indent)
    return ClaimsOutcome(job.target, loaded.label, chunks=chunks)


def _claims_worker(job: _ClaimsJob) -> ClaimsOutcome:
    """A target in a worker: its compact claims JSON (filtered) written to a file as it is made,
    and the cache entry, when it was extracted here, to another, for the main process to copy
    out and write in order: what crosses between the processes is a file name, however large the
    target (its lines, held by the main process until their turn, took as much memory as
    the models before them)."""
    if job.failure is not None:
        return ClaimsOutcome(job.target, error=job.failure)
    from attribtrack.extractor.cache import house_style
    from attribtrack.targets import load

    assert job.spool is not None
    try:
        loaded = job.loaded or load(job.target, store=job.store, encoding=job.encoding)
        titles, outlets = house_style(job.target)
        chunks, entry = _compact(loaded, job.store, titles, outlets)
        cache = None
        if entry is not None:
            cache = (entry[0], entry[1], _save(job.spool + ".cache.json", (entry[2],)))
        if job.classes is not None:
            from attribtrack.render.claims_stream import filtered, of_classes

            chunks = filtered(chunks, of_classes(job.classes), None)
        spool = _save(job.spool + ".json", chunks)
    except AttribtrackError as exc:
        return ClaimsOutcome(job.target, error=Failure.of(exc))
    return ClaimsOutcome(job.target, loaded.label, cache=cache, spool=spool)


def _save(path: str, chunks: Iterable[str]) -> str:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for chunk in chunks:
            fh.write(chunk)
    return path


def _spooled(path: str) -> Iterator[str]:
    """A worker's file, in pieces; removed once read (or when the batch's directory goes)."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            while chunk := fh.read(1 << 20):
                yield chunk
    finally:
        os.unlink(path)


def _compact(
    loaded: Loaded, store: str | None, titles: tuple[str, ...], outlets: dict[str, list[str]]
) -> tuple[Iterable[str], tuple[str, str, str] | None]:
    """``claims_json(loaded, ...)`` without its write to the cache: the compact JSON in pieces,
    and beside it the entry still to write (sha256, extractor version, JSON), None for a file or
    a hit. The models are never made (a large target's took gigabytes in each worker)."""
    from attribtrack.extractor.pipeline import extract_json

    doc = _ref(loaded)
    fresh = extract_json(
        loaded.text, document=doc, published=loaded.published, outlets=outlets or None, titles=titles
    )
    if loaded.document is None or titles or outlets:  # never cached (house style changes claims)
        return fresh, None
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.render.claims_json import _Corrupt, cached_chunks
    from attribtrack.store import open_store

    st: Any
    with open_store(store) as st:
        raw = st.cached_claims(loaded.sha256, EXTRACTOR_VERSION)
    if raw is not None:
        try:
            return cached_chunks(raw, doc.to_dict(), None), None
        except _Corrupt:  # recomputed (and replaced by the main process), as claims_json does
            pass
    raw = "".join(fresh)
    return (raw,), (loaded.sha256, EXTRACTOR_VERSION, raw)


def _ref(loaded: Loaded) -> Any:
    from attribtrack.models import DocumentRef

    return DocumentRef(id=loaded.document, revision=loaded.revision, sha256=loaded.sha256, title=loaded.title)


def claims_from_store(loaded: Loaded, st: Any) -> tuple[Claims, tuple[str, str, str] | None]:
    """The claims of a stored revision, from the open store ``st``'s cache or extracted now; beside
    them, the cache entry (sha256, extractor version, JSON) still to write, or None for a hit."""
    from attribtrack.extractor import EXTRACTOR_VERSION
    from attribtrack.extractor.cache import parse_cached
    from attribtrack.extractor.pipeline import extract

    doc = _ref(loaded)
    raw = st.cached_claims(loaded.sha256, EXTRACTOR_VERSION)
    hit = None if raw is None else parse_cached(raw)
    if hit is not None:
        return hit.model_copy(update={"document": doc}), None
    claims = extract(loaded.text, document=doc, published=loaded.published)
    return claims, (loaded.sha256, EXTRACTOR_VERSION, claims.to_json())


def claims_many(
    targets: Sequence[str],
    *,
    store: str | None = None,
    classes: frozenset[str] | None = None,
    indent: int | None = None,
    jobs: int | None = 1,
    encoding: str | None = None,
) -> Iterator[ClaimsOutcome]:
    """The claims JSON of each target, in order (see :class:`ClaimsOutcome`): ``indent`` as
    ``to_json``'s, ``classes`` as ``--class``, ``jobs`` as ``--jobs``. Workers write compact
    JSON only (``indent`` must be None when they may run: ``claims --format json`` takes one
    target, which never gets a worker).

    Stored revisions are read from the store and their claims taken from its cache when they
    are there; new extractions are cached by this process only, as they come back."""
    todo = [_ClaimsJob(t, store, classes, encoding=encoding) for t in targets]
    if not workers_for(jobs, len(todo)):
        for job in todo:
            yield _claims_here(job, indent)
        return
    if indent is not None:
        raise ValueError("claims_many: workers write compact JSON (indent=None)")
    if "-" in targets:  # standard input is this process's: read it here, once
        from attribtrack.targets import load

        try:
            stdin = _ClaimsJob("-", store, classes, loaded=load("-", encoding=encoding))
        except AttribtrackError as exc:
            stdin = _ClaimsJob("-", store, classes, failure=Failure.of(exc))
        todo = [stdin if job.target == "-" else job for job in todo]
    import tempfile
    from dataclasses import replace

    writer = CacheWriter(store)
    with tempfile.TemporaryDirectory(prefix="attribtrack-claims-") as spool:
        todo = [replace(job, spool=os.path.join(spool, str(n))) for n, job in enumerate(todo)]
        try:
            for outcome in map_ordered(_claims_worker, todo, jobs=jobs):
                if outcome.cache is not None:
                    sha256, version, path = outcome.cache
                    writer.put(sha256, version, "".join(_spooled(path)))
                if isinstance(outcome.error, Failure):
                    outcome = ClaimsOutcome(outcome.target, error=outcome.error.error())
                elif outcome.spool is not None:
                    outcome = replace(outcome, chunks=_spooled(outcome.spool))
                yield outcome
        finally:
            writer.close()


class CacheWriter:
    """The main process's one connection for writing claims-cache entries, opened at the first
    (after any worker was forked)."""

    def __init__(self, location: str | None) -> None:
        self.location = location
        self.store: Any = None

    def put(self, sha256: str, version: str, claims_json: str) -> None:
        if self.store is None:
            from attribtrack.store import open_store

            self.store = open_store(self.location)
        self.store.put_claims(sha256, version, claims_json)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
