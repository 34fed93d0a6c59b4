"""The ingest loop: inputs -> read units -> articles -> extraction -> batched, all-or-nothing store writes.

Reading and extraction run in ``jobs`` worker processes (or inline for one job); only this
process writes to the store (from one background thread when the store allows it, so the next
batch is extracted while this one is loaded). Work is streamed through bounded queues and results
are written in input order, so memory stays flat whatever the corpus size and two runs write the
same data. Each batch is written all or nothing and an article's new graph is committed before its
stale graph is dropped, so a killed run leaves whole articles only and the next run finishes the job.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .callable_module import callable_module
from .errors import ClusterUnavailable, GeokgError, IngestFailed
from .extract import EXTRACTOR_VERSION, extract
from .lexicon.gazetteer import Gazetteer, load_gazetteer
from .graph.rdf import graph_parts
from .graph.store.facts import Said
from .graph.store import GraphWrite, Quads, Store
from .namespaces import article_iri
from .readers import ReadArticle, ReadFailure, ReadOptions, Unit, iter_paths, iter_units, read_unit

EXTRACT_CHUNK = 8  # articles per extraction task: fewer round trips to the workers
COMPACT_MIN_QUADS = 50_000  # a run that wrote fewer quads leaves compaction to RocksDB
COMPACT_SHARE = 5  # ... as does one that wrote less than a fifth of the store's articles
LOOKED_AHEAD_KEPT = 20_000  # answers about coming articles kept at most (see _Writer.look_ahead)
DESCRIBED_KEPT = 200_000  # entity descriptions and fact names remembered as written (about 80 MB)
MAX_FAILURES_KEPT = 1000  # the report keeps this many reasons; the count is always exact
NO_ENTITIES = "no recognisable entities (no state, organisation or person found); stored without statements"


@dataclass
class IngestReport:
    """What happened to every input: counts, sizes, and the reason of each failure."""

    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    warnings: int = 0
    statements: int = 0
    quads: int = 0
    bytes_done: int = 0
    bytes_total: int = 0  # 0 when unknown (stdin, or no progress callback)
    store_articles: int | None = None  # the articles stored after the run, when they were counted
    failures: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, where: str, reason: str) -> None:
        """Count one failed input and keep its reason; return None."""
        self.failed += 1
        if len(self.failures) < MAX_FAILURES_KEPT:
            self.failures.append((where, reason))

    @property
    def articles(self) -> int:
        """Return how many inputs were dealt with so far (ingested, unchanged or failed)."""
        return self.ingested + self.unchanged + self.failed

    def summary(self) -> str:
        """Return a one-line summary, e.g. "3 ingested, 1 unchanged, 0 failed (12 statements)"."""
        return f"{self.ingested} ingested, {self.unchanged} unchanged, {self.failed} failed ({self.statements} statements)"


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article's graph, as a worker hands it back to the writer."""

    where: str
    iri: str
    source: str
    quads: Quads  # the article graph
    descriptions: tuple[Quads, ...]  # each entity's description and fact's name, for the shared graphs
    statements: int
    warnings: tuple[str, ...] = ()
    said: tuple[Said, ...] | None = None  # what the facts graph counts of its statements (None: read from quads)


EventHandler = Callable[[str, str], None]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    lang: str | None = None,
    gazetteer: Gazetteer | None = None,
    gazetteer_files: Sequence[Path] = (),
    keep_going: bool = True,
    jobs: int = 1,
    cluster: str | None = None,
    options: ReadOptions | None = None,
    glob: str | None = None,
    on_event: EventHandler | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Ingest every article under *paths* ("-" is stdin) into *store*; return the report.

    Articles already stored (same text) are skipped; a changed article replaces the older graph
    of the same source. Failures are reported through ``on_event("error", "where: reason")``
    and counted, never dropped; warnings come as ``"warning"`` events, and each committed or
    skipped article as ``"ingested"``/``"unchanged"`` with where it was read, and the final
    compaction of the store, when there is one, as an ``"info"`` event. With
    ``keep_going=False`` an IngestFailed error is raised after the good articles are stored.
    Reading and extraction run in *jobs* local processes, or on the Dask *cluster* (``local:N``
    or a scheduler address such as ``tcp://HOST:8786``; see geokg.cluster) when it is given.
    """
    paths = list(paths)
    options = options or ReadOptions(lang=lang)
    report = IngestReport()
    if on_progress is not None:
        report.bytes_total = _total_bytes(paths, glob)
    emit = on_event or (lambda kind, msg: None)
    writer = _Writer(store, report, emit)
    try:
        process(paths, writer, options, glob=glob, jobs=jobs, cluster=cluster, gazetteer=gazetteer,
                gazetteer_files=gazetteer_files, on_progress=on_progress)
        writer.flush()
    finally:
        writer.close()
    _compact_after_bulk(store, report, emit)
    if on_progress is not None:
        on_progress(report)
    if report.failed and not keep_going:
        first = "; ".join(f"{w}: {r}" for w, r in report.failures[:3])
        raise IngestFailed(f"{report.failed} input(s) failed ({first}); the others were stored")
    return report


def process(paths: list, writer: _Writer, options: ReadOptions, *, glob: str | None = None, jobs: int = 1,
            cluster: str | None = None, gazetteer: Gazetteer | None = None, gazetteer_files: Sequence[Path] = (),
            on_progress: Callable[[IngestReport], None] | None = None) -> None:
    """Read and extract every input under *paths*, handing each result to *writer* in input order; return None.

    *writer* is an ingest's ``_Writer`` or anything with its ``report``, ``fail``, ``look_ahead``, ``wants`` and ``add``.
    """
    with _pool(jobs, cluster, gazetteer, tuple(gazetteer_files)) as (pool, workers):
        _run(iter_units(paths, options, glob), pool, workers, options, writer, on_progress)


def _run(units: Iterator[Unit | ReadFailure], pool, jobs: int, options: ReadOptions, writer: _Writer,
         on_progress: Callable[[IngestReport], None] | None) -> None:
    """Stream *units* through reading and extraction in *pool*, writing results in input order.

    The queues are deep enough to keep every worker busy while this process writes a batch,
    and bounded, so memory does not grow with the corpus.
    """
    read_limit, extract_limit, todo_limit = 8 * jobs, 8 * jobs, 4 * EXTRACT_CHUNK * jobs
    reading: deque[tuple[Unit, Future]] = deque()
    extracting: deque[Future] = deque()
    todo: list[ReadArticle] = []  # read, new, waiting for an extraction task
    exhausted = False
    while True:
        progressed = False
        while not exhausted and len(reading) < read_limit:
            unit = next(units, None)
            if unit is None:
                exhausted = True
            elif isinstance(unit, ReadFailure):
                writer.fail(unit.where, unit.reason)
            else:
                reading.append((unit, pool.submit(read_unit, unit, options)))
        read: list[ReadArticle | ReadFailure] = []
        while reading and reading[0][1].done() and len(todo) + len(read) < todo_limit:
            unit, future = reading.popleft()
            read.extend(_result(future))
            writer.report.bytes_done += unit.size
        if read:
            # One question to the store about all of them (a request, on a server), not two per article.
            writer.look_ahead([(article_iri(item.article.sha256), item.article.source)
                               for item in read if isinstance(item, ReadArticle)])
            todo.extend(item for item in read if writer.wants(item))
            progressed = True
        while todo and len(extracting) < extract_limit and (len(todo) >= EXTRACT_CHUNK or not reading or not extracting):
            extracting.append(pool.submit(extract_articles, todo[:EXTRACT_CHUNK]))
            del todo[:EXTRACT_CHUNK]
            progressed = True
        while extracting and extracting[0].done():
            for item in _result(extracting.popleft()):
                writer.add(item)
            progressed = True
        if progressed and on_progress is not None:
            on_progress(writer.report)
        if exhausted and not reading and not extracting and not todo:
            return
        if not progressed:
            heads = [f for f in (reading[0][1] if reading else None, extracting[0] if extracting else None) if f and not f.done()]
            wait(heads, return_when=FIRST_COMPLETED)


def _compact_after_bulk(store: Store, report: IngestReport, emit: EventHandler) -> None:
    """Compact the store when this run wrote a good part of it; return None.

    Bulk loads land as many small files that RocksDB merges in the background; a run that ends
    leaves that work undone, and queries then read every file: twice as slow on a fresh store.
    Compacting costs about 1.6 s per million quads stored, so small runs into a big store skip it.
    """
    if not store.compactable or report.quads < COMPACT_MIN_QUADS:
        return
    # Articles, not quads, measure the share: counting every quad of a big store costs seconds per run.
    report.store_articles = store.article_count()
    if report.ingested * COMPACT_SHARE < report.store_articles:
        return
    emit("info", "compacting the store so that queries read fewer files")
    store.optimize()


def _result(future: Future) -> list:
    """Return a task's result; a dead worker becomes an IngestFailed error."""
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise IngestFailed("a worker process died (out of memory or killed?); the articles written "
                           "so far are kept: run the same command again to continue") from exc


def accept(writer, item: Extracted | ReadFailure) -> bool:
    """Return True when *item* is an extracted article, after reporting its warnings; report a failure and return False."""
    if isinstance(item, ReadFailure):
        writer.fail(item.where, item.reason)
        return False
    for warning in item.warnings:
        writer.report.warnings += 1
        writer.emit("warning", f"{item.where}: {warning}")
    return True


class _Queued(NamedTuple):
    """What the report needs of an article on its way to the store."""

    where: str
    source: str
    statements: int


class _Writer:
    """The parent's side: skips stored articles, batches new graphs, commits them, reports.

    When the store allows reads during a write, each batch is written by a background thread
    while this thread goes on reading and extracting; the next batch waits for it, so at most
    one write is in flight and articles are reported only once they are committed.
    """

    def __init__(self, store: Store, report: IngestReport, emit: EventHandler) -> None:
        self.store, self.report, self.emit = store, report, emit
        self.pending: set[str] = set()  # article IRIs on their way to the store (extracting or batched)
        self.pending_sources: Counter[str] = Counter()  # ... and their sources
        self.batch: list[tuple[GraphWrite, _Queued]] = []
        self.batch_sources: set[str] = set()
        self.batch_quads = 0
        self.described: set[Quads] = set()  # entity descriptions and fact names written during this run
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="geokg-writer") if store.background_writes else None
        # The batch being written: its future, its articles, their sources and its number of quads.
        self.writing: tuple[Future, list[tuple[GraphWrite, _Queued]], set[str], int] | None = None
        # What the store said, in one question, of the articles about to come (see look_ahead).
        self.stored: dict[str, bool] = {}
        self.sources: dict[str, list[str]] = {}

    def fail(self, where: str, reason: str) -> None:
        self.report.fail(where, reason)
        self.emit("error", f"{where}: {reason}")

    def wants(self, item: ReadArticle | ReadFailure) -> bool:
        """Return True when *item* is a new article to extract; report everything else."""
        if isinstance(item, ReadFailure):
            self.fail(item.where, item.reason)
            return False
        return self.wants_graph(item.where, article_iri(item.article.sha256), item.article.source)

    def look_ahead(self, articles: Sequence[tuple[str, str]]) -> None:
        """Ask the store once which of these (article IRI, source) are stored and what graphs each source has.

        ``wants_graph`` and ``add`` use the answers instead of a question per article (a request each,
        on a server) until a write or a drop touches the article or its source; return None.
        """
        if len(self.stored) + len(self.sources) > LOOKED_AHEAD_KEPT:  # answers never used (unchanged articles)
            self.stored.clear()
            self.sources.clear()
        iris = [iri for iri, _ in articles]
        self.stored |= dict.fromkeys(iris, False) | dict.fromkeys(self.store.stored_graphs(iris), True)
        self.sources |= self.store.graphs_for_sources(source for _, source in articles if source)

    def _forget(self, iris: Iterable[str], source: str) -> None:
        """Forget what look_ahead heard of the graphs *iris* and of *source*, now written or dropped; return None."""
        for iri in iris:
            self.stored.pop(iri, None)
        self.sources.pop(source, None)

    def wants_graph(self, where: str, iri: str, source: str) -> bool:
        """Return True when the article graph *iri* is new; report it as unchanged otherwise."""
        if iri in self.pending:
            self.report.unchanged += 1
            self.emit("unchanged", where)
            return False
        stored = self.stored.pop(iri, None)
        # A stored article whose source an earlier input is on its way to replace is written again
        # after it: the last version in input order is kept, on every run, not only on the first.
        replaced = bool(source) and self.pending_sources[source] > 0
        if not replaced and (stored if stored is not None else self.store.has_graph(iri)):
            stale = self._stale(source, iri)
            if stale:
                # A run killed between writing the new graph and dropping the old one heals here.
                self.store.drop_graphs(stale)
                self._forget(stale, source)
            self.report.unchanged += 1
            self.emit("unchanged", where)
            return False
        self.pending.add(iri)
        if source:
            self.pending_sources[source] += 1
        return True

    def add(self, item: Extracted | ReadFailure) -> None:
        """Queue one extracted article for the next write; return None."""
        if not accept(self, item):
            return
        # An older version of the same source must be in the store before it can be dropped.
        if item.source and item.source in self.batch_sources:
            self.flush()
        if item.source and self.writing is not None and item.source in self.writing[2]:
            self._finish()
        # Every article repeats the descriptions of the entities it names; the shared graph needs
        # each once, and a store load costs per quad.
        new = [d for d in item.descriptions if d not in self.described]
        if len(self.described) + len(new) > DESCRIBED_KEPT:
            self.described.clear()  # writing one again adds nothing to the store; keeping them all would grow
        self.described.update(new)
        write = GraphWrite(item.iri, Quads.join((item.quads, *new)), self._stale(item.source, item.iri), item.said)
        self.batch.append((write, _Queued(item.where, item.source, item.statements)))  # not its text twice
        self.batch_sources.add(item.source)
        self.batch_quads += len(write.quads)
        if len(self.batch) >= self.store.batch_articles or self.batch_quads >= self.store.batch_quads:
            self.flush(wait=False)

    def flush(self, *, wait: bool = True) -> None:
        """Write the batch, all or nothing, in the background unless *wait*; return None."""
        self._finish()
        if self.batch:
            batch, sources, quads = self.batch, self.batch_sources, self.batch_quads
            self.batch, self.batch_sources, self.batch_quads = [], set(), 0
            writes = [write for write, _ in batch]
            if self.thread is None:
                future: Future = Future()
                self.store.write(writes)
                future.set_result(None)
            else:
                future = self.thread.submit(self.store.write, writes)
            self.writing = (future, batch, sources, quads)
        if wait:
            self._finish()

    def close(self) -> None:
        """Wait for the write in flight (keeping it) and stop the writer thread; return None."""
        if self.thread is not None:
            self.thread.shutdown(wait=True)

    def _finish(self) -> None:
        """Wait for the batch being written, then report its articles; return None."""
        if self.writing is None:
            return
        future, batch, _, quads = self.writing
        self.writing = None
        future.result()
        for write, item in batch:
            self.pending.discard(write.iri)
            if item.source:
                self.pending_sources[item.source] -= 1
                if self.pending_sources[item.source] <= 0:
                    del self.pending_sources[item.source]  # kept only while on their way: memory stays flat
            self._forget((write.iri, *write.drop), item.source)
            self.report.ingested += 1
            self.report.statements += item.statements
            self.emit("ingested", item.where)
        self.report.quads += quads

    def _stale(self, source: str, iri: str) -> tuple[str, ...]:
        if not source:
            return ()
        graphs = self.sources.get(source)
        return tuple(g for g in (self.store.graphs_for_source(source) if graphs is None else graphs) if g != iri)


# --- worker side -------------------------------------------------------------------------------

_GAZETTEER: list[Gazetteer] = []  # this process's gazetteer, loaded once per worker


def _init_worker(gazetteer: Gazetteer | None, files: tuple[Path, ...]) -> None:
    """Load the gazetteer once in this process; return None."""
    _GAZETTEER[:] = [gazetteer if gazetteer is not None else load_gazetteer(files)]


def extract_articles(items: list[ReadArticle]) -> list[Extracted | ReadFailure]:
    """Return the graph of each article in *items*, or a failure naming the article and why."""
    gaz = _GAZETTEER[0] if _GAZETTEER else load_gazetteer()
    out: list[Extracted | ReadFailure] = []
    for item in items:
        try:
            ex = extract(item.article, gaz)
            quads, descriptions, said = graph_parts(ex, EXTRACTOR_VERSION)
        except GeokgError as exc:
            out.append(ReadFailure(item.where, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one article must not sink the run; it is reported
            last = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(ReadFailure(item.where, f"extractor error {type(exc).__name__}: {exc} "
                                               f"(at {Path(last.filename).name}:{last.lineno}); please report it"))
            continue
        warnings = item.warnings + (() if ex.entities else (NO_ENTITIES,))
        out.append(Extracted(item.where, article_iri(item.article.sha256), item.article.source, quads,
                             descriptions, len(ex.statements), warnings, said))
    return out


class _Inline:
    """An executor that runs each task when it is submitted: one job, no worker process."""

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future


@contextmanager
def _pool(jobs: int, cluster: str | None, gazetteer: Gazetteer | None, files: tuple[Path, ...]):
    """Yield an executor and the number of workers to size the queues for: *jobs* local processes, or the Dask *cluster*."""
    if cluster is None:
        with _executor(jobs, gazetteer, files) as pool:
            yield pool, max(1, jobs)
        return
    try:
        from .cluster import cluster_pool
    except ImportError:
        raise ClusterUnavailable("--cluster needs Dask: pip install 'geokg[cluster]'") from None
    with cluster_pool(cluster, gazetteer, files) as pool:
        yield pool, pool.slots()


@contextmanager
def _executor(jobs: int, gazetteer: Gazetteer | None, files: tuple[Path, ...]):
    """Yield an executor with *jobs* worker processes (inline for one job)."""
    if jobs <= 1:
        _init_worker(gazetteer, files)
        yield _Inline()
        return
    # spawn, not fork: the parent holds an open RocksDB store, which a forked child must not inherit.
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(gazetteer, files))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _total_bytes(paths: list, glob: str | None) -> int:
    """Return the total size of the input files (stdin counts as 0)."""
    total = 0
    for path in iter_paths(paths, glob):
        if isinstance(path, ReadFailure):
            continue
        try:
            total += path.stat().st_size if str(path) != "-" else 0
        except OSError:
            pass
    return total


callable_module(__name__, ingest)
