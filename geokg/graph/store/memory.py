"""Pure-Python in-memory backend on an rdflib Dataset: a second engine to check Oxigraph against."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any, BinaryIO, ClassVar

from pyparsing import ParseBaseException
from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ...errors import QuerySyntaxError
from ...namespaces import PREFIXES
from .base import QueryResult, Store, Term
from .boundary import SPARQL_ERRORS, SPARQL_SYNTAX, ErrorTable, Rule
from .oxigraph import to_rdflib
from .quads import Quads

_ALL = (None, None, None, None)
_DEFAULT_GRAPH = DATASET_DEFAULT_GRAPH_ID
_UNKNOWN_PREFIX = re.compile(r"^Unknown namespace prefix")

Quad = tuple[Term, Term, Term, Term]


def _quad_key(quad: Quad) -> tuple[str, str, str, str]:
    s, p, o, g = quad
    graph = "" if g == DATASET_DEFAULT_GRAPH_ID else g.n3()
    return graph, s.n3(), p.n3(), o.n3()


def _ntriples(triples: Iterable[tuple[Term, Term, Term]]) -> list[bytes]:
    """Return the sorted N-Triples lines of *triples*, as rdflib writes them."""
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return sorted(line + b"\n" for line in lines if line)


def _nquads(graph: Term, quads: Iterable[Quad]) -> bytes:
    """Return the sorted N-Quads lines of *quads*, all in *graph*."""
    suffix = b" .\n" if graph == DATASET_DEFAULT_GRAPH_ID else f" {graph.n3()} .\n".encode()
    return b"".join(line[: -len(b" .\n")] + suffix for line in _ntriples((s, p, o) for s, p, o, _ in quads))


def _trig(quads: Sequence[Quad]) -> bytes:
    """Return TriG for sorted *quads*: one rdflib serialisation per graph, in graph order."""
    prefixes: set[bytes] = set()
    blocks = []
    for _, group in groupby(quads, key=lambda quad: quad[3]):
        lines = _bound(Dataset()).addN(group).serialize(format="trig", encoding="utf-8").splitlines(True)
        body = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith(b"@prefix"))
        prefixes.update(line for line in lines[:body] if line.strip())
        blocks.append(b"".join(lines[body:]).rstrip(b"\n") + b"\n")
    if not blocks:
        return b""
    return b"".join(sorted(prefixes)) + b"\n" + b"\n".join(blocks)


def _sorted_json(value: Any) -> Any:
    """Return JSON-LD *value* with every unordered array sorted (``@list`` arrays keep their order)."""
    if isinstance(value, dict):
        return {key: item if key == "@list" else _sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _bound(graph: Graph) -> Graph:
    """Return *graph* with the project prefixes bound, for Turtle and TriG output."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


class MemoryStore(Store):
    """rdflib ``Dataset`` whose default graph, for queries, is the union of all graphs."""

    # rdflib's SPARQL parser raises pyparsing errors (and ParserError); an undeclared prefix is a
    # bare ``Exception("Unknown namespace prefix : x")``, which only its type and message tell apart.
    errors: ClassVar[ErrorTable] = (
        Rule(ParseBaseException, QuerySyntaxError, SPARQL_SYNTAX),
        Rule(ParserError, QuerySyntaxError, SPARQL_SYNTAX),
        Rule(Exception, QuerySyntaxError, SPARQL_SYNTAX, when=_UNKNOWN_PREFIX, exact=True),
        *SPARQL_ERRORS,
    )

    _named: ClassVar[dict[str, Dataset]] = {}

    def __init__(self, url: str, path: str | None = None, *, read_only: bool = False) -> None:
        super().__init__(url, read_only=read_only)
        if path:
            self._ds = self._named.setdefault(path, Dataset(default_union=True))
        else:
            self._ds = Dataset(default_union=True)

    def _load(self, quads: Quads) -> None:
        """Convert all of *quads* before adding any of them, so a bad one changes nothing; return None."""
        staged = [
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object),
             to_rdflib(q.graph_name) or _DEFAULT_GRAPH)
            for q in quads
        ]
        self._ds.addN(staged)

    def _has_graph(self, iri: str) -> bool:
        return next(self._ds.quads((None, None, None, URIRef(iri))), None) is not None

    def _query(self, sparql: str) -> QueryResult:
        result = self._ds.query(sparql, initNs=PREFIXES)
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars or ()]
            return QueryResult("select", variables=variables, rows=[tuple(row) for row in result])
        return QueryResult("graph", triples=sorted(result.graph, key=lambda t: tuple(x.n3() for x in t)))

    def _update(self, sparql: str) -> None:
        """Run a SPARQL update whose WHERE reads the real default graph, as Oxigraph does; return None."""
        self._ds.default_union = False
        try:
            self._ds.update(sparql, initNs=PREFIXES)
        finally:
            self._ds.default_union = True

    def _dump(self, out: BinaryIO, fmt: str) -> None:
        """Write the dataset to *out* in *fmt*; return None."""
        out.write(self._serialize(fmt))  # a second engine to check against, for small data: built whole

    def _serialize(self, fmt: str) -> bytes:
        """Return the dataset in *fmt*, sorted by graph, subject, predicate, object."""
        # rdflib's serialisers iterate graphs, subjects and N-Triples lines in hash order, which
        # changes with PYTHONHASHSEED: sort the quads, then serialise one graph at a time.
        quads = sorted(self._ds.quads(_ALL), key=_quad_key)
        if fmt == "ttl":
            merged = _bound(Graph())
            for s, p, o, _ in quads:
                merged.add((s, p, o))
            return merged.serialize(format="turtle", encoding="utf-8")
        if fmt == "nt":
            return b"".join(_ntriples((s, p, o) for s, p, o, _ in quads))
        if fmt == "nq":
            return b"".join(_nquads(graph, group) for graph, group in groupby(quads, key=lambda q: q[3]))
        if fmt == "trig":
            return _trig(quads)
        data = json.loads(_bound(Dataset()).addN(quads).serialize(format="json-ld"))
        return json.dumps(_sorted_json(data), ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"

    def _count(self) -> int:
        return sum(1 for _ in self._ds.quads(_ALL))

    def _close(self) -> None:
        """Forget the dataset; return None."""
        self._ds = None
