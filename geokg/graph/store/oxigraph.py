"""Embedded Oxigraph backend: a RocksDB directory on disk, or in memory."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ...namespaces import PREFIXES, is_article_graph, statement_iri
from .base import Plain, QueryResult, Store, Tagged, Term
from .quads import Quads

_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_MERGED = frozenset({"ttl", "nt"})  # formats without named graphs: dump the union
# Oxigraph's bulk loader turns each chunk of up to 1,000,000 quads into one sorted SST file per
# index and hands them to RocksDB in a single IngestExternalFiles call, which RocksDB records
# atomically (after a crash, all of the files are in the database or none is). A load under this
# many quads is therefore all or nothing, like a transaction, at about 3x the speed and without
# growing the memtables; a bigger load falls back to a transaction.
BULK_ATOMIC_QUADS = 500_000
# An ingest on disk writes in batches this large (the quads stay under BULK_ATOMIC_QUADS). Each
# load adds one sorted file per index, and RocksDB merges each pair of such files into the level
# below; Oxigraph's keys are hashes, so a merge rewrites that whole level. Extraction spaces the
# loads out in time, so each pair of small loads costs a rewrite of its own. benchmarks/bench_write.py
# (loads spaced as extraction spaces them, the merging they leave behind counted) into a store of
# 100k articles: 5.3 ms of CPU per article in batches of 512, 4.7 ms in batches of 2,048; pyoxigraph
# alone 4.6 and 3.7 ms. Batches of 4,096 gained no more; loading 2,048 takes about 350 MB at its peak.
DISK_BATCH_ARTICLES = 2048
DISK_BATCH_QUADS = 300_000
# RocksDB keeps what a transaction writes (the facts' figures of each batch, a batch too big for one
# bulk load) in memtables until it flushes them; the store flushes after this much text, which keeps
# that memory small. Bulk loads bypass the memtables, so an ingest flushes about once in ten batches:
# a flush after every batch made RocksDB merge 0.3 ms more per article (store of 10k articles).
FLUSH_BUFFERED = 8_000_000  # characters of N-Quads or SPARQL text
_STRAY_SST = "bulk-*.sst"  # SST files a load killed before ingesting them leaves behind
_SPOOL = "geokg-batch-*.nq"  # ... and the batch text geokg hands the loader (see _load_parts)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")


@cache
def _rdflib_terms() -> tuple[type, type, type]:
    """Return rdflib's URIRef, BNode and Literal, importing rdflib on the first call."""
    from rdflib import BNode, Literal, URIRef

    return URIRef, BNode, Literal


def to_rdflib(term: object) -> Term | None:
    """Return the rdflib term for a pyoxigraph term (None for no value or the default graph)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    URIRef, BNode, Literal = _rdflib_terms()  # only queries answered as rdflib terms import rdflib
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1 simple literal; rdflib leaves it untyped
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")  # RDF 1.2 triple terms are not used by geokg


def _plain(term: object) -> Plain:
    """Return a pyoxigraph term of a solution as ``Plain`` text."""
    if term is None:
        return None
    if type(term) is ox.Literal and term.language:
        return Tagged(term.value, term.language)
    return term.value


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return str(t.subject), str(t.predicate), str(t.object)


# A read-only open while `geokg ingest` writes can read a manifest naming a file that a compaction
# has just deleted; opening again a moment later reads the new manifest.
_OPEN_ATTEMPTS = 20
_OPEN_RETRY_SECONDS = 0.05
_VANISHED_TABLE = re.compile(r"^Corruption: .*No such file or directory.*\.sst\b")


def _open_read_only(path: str) -> ox.Store:
    """Return the store at *path* opened read-only, retrying while a concurrent writer compacts it."""
    for attempt in range(1, _OPEN_ATTEMPTS + 1):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:
            if attempt == _OPEN_ATTEMPTS or not _VANISHED_TABLE.search(str(exc)):
                raise
            time.sleep(_OPEN_RETRY_SECONDS * attempt)
    raise AssertionError("unreachable")


@contextmanager
def scratch_store() -> Iterator[ox.Store]:
    """Yield an empty on-disk store in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="geokg-dump-") as folder:
        yield ox.Store(folder)


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Yield each distinct triple of *store*'s graphs once, graph by graph in the store's order."""
    # Most triples belong to one article (they name it, its sentences or its statements: see
    # ``_owned``) and stream straight out. Any other triple (shared entities and facts, data not
    # written by geokg) may be held by several graphs: one index lookup finds them all, and only
    # the first in a fixed order writes it. Memory holds no set of triples or subjects.
    for graph in (ox.DefaultGraph(), *store.named_graphs()):
        article = graph.value if isinstance(graph, ox.NamedNode) and is_article_graph(graph.value) else None
        for quad in store.quads_for_pattern(None, None, None, graph):
            if (article is not None and _owned(quad, article)) or _writes_it(store, quad):
                yield quad.triple


_STATEMENTS = statement_iri("")  # statement IRIs are minted from their article's hash


def _owned(quad: ox.Quad, article: str) -> bool:
    """Return True when *quad*, in the graph of *article*, is about that article alone (no other graph holds it)."""
    subject, obj = quad.subject.value, quad.object
    return subject.startswith(article) or subject.startswith(_STATEMENTS) or (type(obj) is ox.NamedNode and obj.value == article)


def _writes_it(store: ox.Store, quad: ox.Quad) -> bool:
    """Return True when *quad*'s graph is the one that writes its triple: the only one, or the first of its holders."""
    holders = [q.graph_name for q in store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)]
    if len(holders) == 1:
        return True
    owner = any(isinstance(h, ox.NamedNode) and is_article_graph(h.value) and _owned(quad, h.value) for h in holders)
    return not owner and quad.graph_name == min(holders, key=str)


def dump_dataset(source: ox.Store, out: BinaryIO, fmt: str, *, hash_ordered: bool) -> None:
    """Write *source* to *out* in *fmt* in the order of an on-disk store: equal data, equal bytes; return None."""
    # An on-disk store iterates its quads in the order of their terms' hashes, the same for the
    # same content whatever order it was written in; an in-memory one keeps the insertion order,
    # so it is copied to disk first (in-memory stores are small).
    if not hash_ordered:
        with scratch_store() as copy:
            copy.bulk_extend(source)
            dump_dataset(copy, out, fmt, hash_ordered=True)
    elif fmt in _MERGED:
        ox.serialize(union_triples(source), out, _FORMATS[fmt], prefixes=PREFIXES)
    else:
        source.dump(out, _FORMATS[fmt], prefixes=PREFIXES)


def _solutions(result: ox.QueryBoolean | ox.QuerySolutions) -> QueryResult:
    """Return the QueryResult of an ASK or SELECT answer."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    variables = result.variables
    rows = [tuple(to_rdflib(solution[v]) for v in variables) for solution in result]
    return QueryResult("select", variables=[v.value for v in variables], rows=rows)


class OxigraphStore(Store):
    """pyoxigraph ``Store``: all-or-nothing (bulk) loads, union default graph for queries."""

    def __init__(self, url: str, path: str | None = None, *, read_only: bool = False) -> None:
        super().__init__(url, read_only=read_only)
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = _open_read_only(path)
        else:
            self._store = ox.Store(path)
        self._path = path
        self._on_disk = path is not None and not read_only
        # pyoxigraph releases the GIL while it loads, and reads while it writes.
        self.background_writes = not read_only
        self.compactable = self._on_disk
        self._buffered = 0  # text written since the last flush, held in RocksDB's log and memtables
        if self._on_disk:
            self.batch_articles, self.batch_quads = DISK_BATCH_ARTICLES, DISK_BATCH_QUADS
            # Holding the RocksDB lock now, so no other writer is building these files.
            for pattern in (_STRAY_SST, _SPOOL):
                for stray in Path(path).glob(pattern):
                    stray.unlink(missing_ok=True)

    def _load(self, quads: Quads) -> None:
        """Load *quads*, all or nothing; return None."""
        self._load_parts([quads])

    def _load_parts(self, parts: Sequence[Quads]) -> None:
        """Load the quads of every part, all or nothing; return None."""
        # Oxigraph's loaders take the N-Quads text itself: its bulk loader for Quad objects would
        # hold the GIL for the whole load, stalling the extraction that runs meanwhile.
        if not self._on_disk or sum(map(len, parts)) >= BULK_ATOMIC_QUADS:
            text = Quads.join(parts).nquads
            self._store.load(input=text, format=ox.RdfFormat.N_QUADS)
            self._buffer(len(text))
            return
        # The text goes through a file: joined, it would be held twice more, as one string and as
        # the UTF-8 copy pyoxigraph reads (Python keeps a part with any Arabic in it at two bytes a
        # character); from a file the loader streams it, 200 MB less at the peak of a 2,048-article batch.
        spool = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self._path, prefix="geokg-batch-",
                                            suffix=".nq", delete=False)
        try:
            with spool:
                for part in parts:
                    spool.write(part.nquads)
            # A syntax error stops the bulk loader before it writes any file, so nothing lands.
            # Lenient: IRI checks are skipped (about a sixth of the load's time); graph/rdf.py, the
            # only writer, percent-encodes every IRI it builds and escapes every literal.
            self._store.bulk_load(path=spool.name, format=ox.RdfFormat.N_QUADS, lenient=True)
        finally:
            Path(spool.name).unlink(missing_ok=True)

    def _has_graph(self, iri: str) -> bool:
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
        return next(quads, None) is not None

    def _graphs_for_source(self, source: str) -> list[str]:
        """Return the graphs whose article node has *source*: one lookup in the (predicate, object) index."""
        quads = self._store.quads_for_pattern(None, _SOURCE, ox.Literal(source), None)
        return sorted({q.subject.value for q in quads if q.subject == q.graph_name})

    def _query(self, sparql: str) -> QueryResult:
        result = self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, (ox.QueryBoolean, ox.QuerySolutions)):
            return _solutions(result)
        triples = [
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
            for t in sorted(result, key=_triple_key)
        ]
        return QueryResult("graph", triples=triples)

    def _query_rows(self, sparql: str) -> tuple[list[str], list[tuple[Plain, ...]]]:
        result = self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("query_rows answers SELECT queries only")
        return [v.value for v in result.variables], [tuple(map(_plain, solution)) for solution in result]

    def _query_isolated(self, sparql: str, timeout: float | None) -> QueryResult:
        """Return ``_query(sparql)`` computed in a forked child, passed back in Oxigraph's own formats."""
        from .child import run_in_child


        def job(out) -> None:
            result = self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryTriples):
                out.write(b"g")
                ox.serialize(result, out, ox.RdfFormat.N_TRIPLES)
            else:
                out.write(b"s")
                result.serialize(out, ox.QueryResultsFormat.JSON)

        answer = run_in_child(job, timeout=timeout)
        if answer[:1] == b"g":
            triples = ox.parse(answer[1:], format=ox.RdfFormat.N_TRIPLES)
            return QueryResult("graph", triples=[
                (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in sorted(triples, key=_triple_key)
            ])
        return _solutions(ox.parse_query_results(answer[1:], format=ox.QueryResultsFormat.JSON))

    def _update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction; return None."""
        self._store.update(sparql, prefixes=PREFIXES)
        self._buffer(len(sparql))

    def _buffer(self, size: int) -> None:
        """Count *size* characters written to the memtables, flushing them past FLUSH_BUFFERED; return None."""
        if self._on_disk:
            self._buffered += size
            if self._buffered >= FLUSH_BUFFERED:
                self._flush()

    def _dump(self, out: BinaryIO, fmt: str) -> None:
        dump_dataset(self._store, out, fmt, hash_ordered=self._path is not None)

    def _count(self) -> int:
        return len(self._store)

    def _optimize(self) -> None:
        """Compact every RocksDB level into the last one; return None."""
        self._store.optimize()

    def _flush(self) -> None:
        """Write RocksDB's in-memory buffers to disk so memory stays bounded; return None."""
        self._store.flush()
        self._buffered = 0

    def _close(self) -> None:
        """Flush what was written, then drop the pyoxigraph store (releasing the RocksDB lock); return None."""
        # Unflushed writes live only in RocksDB's write-ahead log, which every later open (each
        # read-only query command) would replay: seconds per command and the log's size in RAM.
        if self._buffered:
            self._flush()
        # pyoxigraph has no close(): the database closes when the object is freed.
        self._store = None
