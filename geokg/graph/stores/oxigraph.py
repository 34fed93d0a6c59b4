"""Embedded Oxigraph backend: a RocksDB directory on disk, or in memory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from ...namespaces import PREFIXES
from ..store import QueryResult, Term

_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_MERGED = frozenset({"ttl", "nt"})  # formats without named graphs: dump the union
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: object) -> Term | None:
    """Return the rdflib term for a pyoxigraph term (None for no value or the default graph)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
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


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return str(t.subject), str(t.predicate), str(t.object)


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
    return graph, str(q.subject), str(q.predicate), str(q.object)


class OxigraphBackend:
    """pyoxigraph ``Store``: transactional loads, union default graph for queries."""

    syntax_errors: ClassVar[tuple[type[Exception], ...]] = ()  # pyoxigraph raises SyntaxError

    def __init__(self, path: str | None = None, *, read_only: bool = False) -> None:
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(path)
        else:
            self._store = ox.Store(path)
        self._on_disk = path is not None and not read_only
        self._unflushed = False  # writes only in RocksDB's log and memtables

    def load_nquads(self, text: str) -> None:
        """Load N-Quads text in one transaction; return None."""
        self._store.load(input=text, format=ox.RdfFormat.N_QUADS)
        self._unflushed = self._on_disk

    def has_graph(self, iri: str) -> bool:
        """Return True when graph *iri* holds a quad."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
        return next(quads, None) is not None

    def drop_graphs(self, iris: Sequence[str]) -> None:
        """Remove the graphs *iris* in one transaction; return None."""
        if iris:
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(iri)}" for iri in iris))
            self._unflushed = self._on_disk

    def query(self, sparql: str) -> QueryResult:
        """Return the materialised result of *sparql* over the union of all graphs."""
        result = self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = result.variables
            rows = [tuple(to_rdflib(solution[v]) for v in variables) for solution in result]
            return QueryResult("select", variables=[v.value for v in variables], rows=rows)
        triples = [
            (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
            for t in sorted(result, key=_triple_key)
        ]
        return QueryResult("graph", triples=triples)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction; return None."""
        self._store.update(sparql, prefixes=PREFIXES)
        self._unflushed = self._on_disk

    def serialize(self, fmt: str) -> bytes:
        """Return the store in *fmt*, sorted by graph, subject, predicate, object."""
        # Store.dump writes in index order, which is stable but not sorted: sort here so that two
        # exports of the same data diff cleanly whatever order the articles were ingested in.
        if fmt in _MERGED:
            items: list = sorted({quad.triple for quad in self._store}, key=_triple_key)
        else:
            items = sorted(self._store, key=_quad_key)
        return ox.serialize(items, None, _FORMATS[fmt], prefixes=PREFIXES)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Write RocksDB's in-memory buffers to disk so memory stays bounded; return None."""
        self._store.flush()
        self._unflushed = False

    def close(self) -> None:
        """Flush what was written, then drop the pyoxigraph store (releasing the RocksDB lock); return None."""
        # Unflushed writes live only in RocksDB's write-ahead log, which every later open (each
        # read-only query command) would replay: seconds per command and the log's size in RAM.
        if self._store is not None and self._unflushed:
            self.flush()
        # pyoxigraph has no close(): the database closes when the object is freed.
        self._store = None
