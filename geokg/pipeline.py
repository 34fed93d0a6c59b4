"""The ingest loop: read -> extract -> quads -> store, in batches, with a report of every article."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GeokgError, IngestFailed
from .extract import EXTRACTOR_VERSION, extract
from .extract.gazetteer import Gazetteer, load_gazetteer
from .extract.lang import get_rules
from .graph.rdf import to_nquads
from .graph.store import GraphWrite, Store
from .model import Article
from .namespaces import article_iri
from .reader import ReadFailure, iter_paths, read_path

BATCH_SIZE = 64


@dataclass
class IngestReport:
    """What happened to every input: counts and the reason of each failure."""

    ingested: int = 0
    unchanged: int = 0
    statements: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """Return a one-line summary, e.g. "3 ingested, 1 unchanged, 0 failed"."""
        return f"{self.ingested} ingested, {self.unchanged} unchanged, {len(self.failures)} failed ({self.statements} statements)"


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    lang: str | None = None,
    gazetteer: Gazetteer | None = None,
    keep_going: bool = True,
    on_event: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """Ingest every article under *paths* into *store*; return the report.

    Articles already stored (same text) are skipped; a changed article replaces the older
    graph of the same source. Failures are reported, never silently dropped; with
    ``keep_going=False`` an IngestFailed error is raised after the good articles are stored.
    """
    gaz = gazetteer or load_gazetteer()
    report = IngestReport()
    batch: list[GraphWrite] = []
    pending: set[str] = set()

    def emit(kind: str, msg: str) -> None:
        if on_event:
            on_event(kind, msg)

    def flush() -> None:
        if batch:
            store.write(batch)
            batch.clear()
            pending.clear()

    for path in iter_paths(list(paths)):
        for item in read_path(path, lang):
            if isinstance(item, ReadFailure):
                report.failures.append((item.where, item.reason))
                emit("error", f"{item.where}: {item.reason}")
                continue
            try:
                write = _prepare(item, store, gaz, pending)
            except GeokgError as exc:
                report.failures.append((item.source, str(exc)))
                emit("error", f"{item.source}: {exc}")
                continue
            if write is None:
                report.unchanged += 1
                emit("unchanged", item.source)
                continue
            write, n_statements = write
            batch.append(write)
            pending.add(write.iri)
            report.ingested += 1
            report.statements += n_statements
            emit("ingested", item.source)
            if len(batch) >= BATCH_SIZE:
                flush()
    flush()
    if report.failures and not keep_going:
        first = "; ".join(f"{w}: {r}" for w, r in report.failures[:3])
        raise IngestFailed(f"{len(report.failures)} input(s) failed ({first}); the others were stored")
    return report


def _prepare(article: Article, store: Store, gaz: Gazetteer, pending: set[str]) -> tuple[GraphWrite, int] | None:
    """Return the write for *article* and its statement count, or None when already stored."""
    get_rules(article.lang)  # raises UnknownLanguage before any work
    iri = article_iri(article.sha256)
    stale = tuple(g for g in store.graphs_for_source(article.source) if g != iri) if article.source else ()
    if iri in pending or store.has_graph(iri):
        if stale:
            # A run killed between writing the new graph and dropping the old one heals here.
            store.drop_graphs(stale)
        return None
    ex = extract(article, gaz)
    return GraphWrite(iri, to_nquads(ex, EXTRACTOR_VERSION), stale), len(ex.statements)
