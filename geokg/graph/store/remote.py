"""Remote backend: any SPARQL 1.1 server, through the SPARQL Protocol and the Graph Store Protocol.

Queries and updates are POSTed form-encoded to the query and update endpoints, with the project
prefixes predeclared. A batch is loaded in a few large requests (``chunks``: about ``LOAD_CHUNK``
quads each, every article graph whole in one), each a dataset-level POST of N-Quads to the Graph
Store endpoint (Oxigraph's ``/store``, Fuseki's ``/DATASET/data``) or, for servers that take one
graph per Graph Store request (Virtuoso) or refuse the POST, one SPARQL ``INSERT DATA`` naming
every graph. ``Store.write`` drops the article graphs already stored before it loads, and each
request is all or nothing and adds a set (sent again, it adds nothing), so an article graph is
replaced as a whole: never half of it, never twice.

A server is shared with other data: export, ``len()`` and the counts cover the graphs under
``GRAPH_SCOPE`` (geokg's own ``gkr:`` namespace) only; queries see whatever the server's default
graph is, which must be the union of its named graphs (see the README, "Remote stores").
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD

from ...errors import QuerySyntaxError, StoreError, UntrustedAnswer
from ...namespaces import GKR, PREFIXES, is_article_graph
from .answers import checked_bindings, projected
from .base import QueryResult, Store
from .chunks import Chunk, load_chunks
from .oxigraph import dump_dataset, scratch_store, to_rdflib
from .quads import Quads
from .sparql_http import SparqlHttp, endpoint_name
from .sparql_text import query_form

GRAPH_SCOPE = str(GKR)  # the graphs geokg owns on a shared server
PAGE = 10_000  # rows per request when reading everything; Virtuoso's default ResultSetMaxRows
VALUES_CHUNK = 500  # graph IRIs per question about which graphs are stored
SOURCES_CHUNK = 100  # sources per question about their article graphs
GKG_ARTICLE = PREFIXES["gkg"] + "Article"
DCTERMS_SOURCE = PREFIXES["dcterms"] + "source"
LOAD_CHUNK = 40_000  # quads per load request (about 300 articles), article graphs whole

SELECT_JSON = "application/sparql-results+json"
_ACCEPT_SELECT = f"{SELECT_JSON}, application/sparql-results+xml;q=0.5"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5"
_FORM = "application/x-www-form-urlencoded"
# One line, so the server's line numbers in syntax errors are off by exactly one.
_PROLOGUE = " ".join(f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items()) + "\n"

_GRAPHDB_REPOSITORY = re.compile(r"^(.*/repositories/[^/]+)$")
# Graph Store endpoints that load one graph per request (Virtuoso's, GraphDB's): batches go by SPARQL Update.
_GRAPHS_ONLY = ("/sparql-graph-crud", "/sparql-graph-crud-auth", "/rdf-graphs/service")


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where to send queries, updates and Graph Store requests (gsp None: load by SPARQL Update)."""

    query: str
    update: str
    gsp: str | None


def default_endpoints(query_url: str, update_url: str | None = None, gsp_url: str | None = None) -> Endpoints:
    """Return the endpoints for *query_url*, guessing the update and Graph Store URLs of known servers.

    >>> default_endpoints("http://127.0.0.1:7878/query")          # Oxigraph server
    Endpoints(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', gsp='http://127.0.0.1:7878/store')
    >>> default_endpoints("http://127.0.0.1:8890/sparql").gsp     # Virtuoso
    'http://127.0.0.1:8890/sparql-graph-crud'
    >>> default_endpoints("http://127.0.0.1:3030/kg/query").gsp   # Apache Jena Fuseki
    'http://127.0.0.1:3030/kg/data'
    >>> default_endpoints("http://127.0.0.1:7200/repositories/kg").update   # GraphDB
    'http://127.0.0.1:7200/repositories/kg/statements'
    """
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    update, gsp = query_url, None
    if path.endswith("/query"):
        base = path[: -len("/query")]
        update = at(base + "/update")
        gsp = at("/store") if base == "" else at(base + "/data")  # Oxigraph at the root, Fuseki per dataset
    elif path == "/sparql":
        gsp = at("/sparql-graph-crud")  # Virtuoso (needs the SPARQL_UPDATE grant, see the README)
    elif _GRAPHDB_REPOSITORY.match(path):
        update, gsp = at(path + "/statements"), at(path + "/rdf-graphs/service")
    return Endpoints(query_url, update_url or update, gsp_url or gsp)


def dataset_endpoint(gsp: str | None) -> str | None:
    """Return the URL a whole dataset may be POSTed to as N-Quads: *gsp*, unless its server takes graphs only.

    >>> dataset_endpoint("http://127.0.0.1:7878/store"), dataset_endpoint("http://127.0.0.1:8890/sparql-graph-crud")
    ('http://127.0.0.1:7878/store', None)
    """
    if gsp is None or urlsplit(gsp).path.rstrip("/").endswith(_GRAPHS_ONLY):
        return None
    return gsp


_LINE_NUMBER = re.compile(r"\b(line |at )(\d+)(?=[:, ])")


@contextmanager
def _prologue_lines(active: bool) -> Iterator[None]:
    """Renumber the lines of a syntax error raised in the block as the user wrote them; yield nothing."""
    try:
        yield
    except QuerySyntaxError as exc:
        if not active:
            raise
        fixed = _LINE_NUMBER.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)) - 1, 1)}", str(exc), count=1)
        raise QuerySyntaxError(fixed) from exc.__cause__


def _bnode(label: str) -> ox.BlankNode:
    # Servers label blank nodes freely (Virtuoso: "nodeID://b10006"); keep them distinct and valid.
    return ox.BlankNode("b" + hashlib.sha1(label.encode()).hexdigest()[:24])


def _ox_term(binding: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return the pyoxigraph term for one SPARQL JSON binding."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return _bnode(value)
    if kind in ("literal", "typed-literal"):  # "typed-literal": SPARQL JSON draft, still sent by Virtuoso
        language = binding.get("xml:lang") or binding.get("lang")
        if language:
            return ox.Literal(value, language=language)
        if binding.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    raise ValueError(f"unsupported term type {kind!r}")


def _rdflib_term(term):
    """Return the rdflib term for an rdflib result term, with xsd:string literals made plain."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP(S); its URL is the query endpoint.

    HTTP failures become geokg errors in ``sparql_http``, this backend's own boundary.
    """

    def __init__(
        self,
        url: str,
        path: str | None = None,  # the URL again: parse_url gives a remote scheme all of it
        *,
        read_only: bool = False,
        update_url: str | None = None,
        gsp_url: str | None = None,
    ) -> None:
        super().__init__(url, read_only=read_only)
        self.endpoints = default_endpoints(url, update_url, gsp_url)
        self._http = SparqlHttp()
        # Where a batch is POSTed as N-Quads, until the server refuses it; then SPARQL Update.
        self._dataset = dataset_endpoint(self.endpoints.gsp)
        self._dataset_works = False  # the server stored what it was POSTed once

    # -- reading -----------------------------------------------------------------------------

    def _post_query(self, sparql: str, accept: str, *, prologue: bool = False):
        with _prologue_lines(prologue):
            return self._http.request(
                "POST", self.endpoints.query, body=urlencode({"query": _PROLOGUE + sparql if prologue else sparql}).encode(),
                content_type=_FORM, accept=accept, kind="query",
            )

    def _rows(self, sparql: str) -> tuple[list[str], list[tuple]]:
        """Return the variables and the rows (pyoxigraph terms, None when unbound) of a SELECT."""
        response = self._post_query(sparql, SELECT_JSON)
        variables, bindings = self._bindings(response, sparql)
        return variables, self._terms(variables, bindings, _ox_term)

    def _terms(self, variables: list[str], bindings: list[dict], convert) -> list[tuple]:
        """Return the rows of *bindings*, each term made by *convert* (None when unbound)."""
        try:
            return [tuple(convert(b[v]) if v in b else None for v in variables) for b in bindings]
        except (TypeError, ValueError) as exc:  # an IRI or a language tag that is not one
            raise UntrustedAnswer(f"{endpoint_name(self.endpoints.query)} sent a malformed term ({exc})") from exc

    def _bindings(self, response, sparql: str) -> tuple[list[str], list[dict]]:
        """Return the variables and bindings of a SPARQL JSON answer, checked against what *sparql* asks."""
        expected = projected(sparql)
        return checked_bindings(self._json(response.body), expected, endpoint_name(self.endpoints.query))

    def _boolean(self, response) -> bool:
        """Return the answer to an ASK, which must be true or false."""
        doc = self._json(response.body)
        if not isinstance(doc, dict) or not isinstance(doc.get("boolean"), bool):
            raise UntrustedAnswer(f"{endpoint_name(self.endpoints.query)} sent no true or false to an ASK query")
        return doc["boolean"]

    def _pages(self, sparql: str) -> Iterator[tuple]:
        """Yield every row of an ORDERed SELECT, a page at a time, until a page comes back short."""
        # Virtuoso refuses OFFSET + LIMIT beyond its sort limit (SR353) even when fewer rows exist,
        # so a short page ends the loop; `serialize` checks the total, so a cap below PAGE cannot
        # silently shorten an export.
        offset = 0
        while True:
            _, rows = self._rows(f"{sparql} LIMIT {PAGE} OFFSET {offset}")
            yield from rows
            if len(rows) < PAGE:
                return
            offset += len(rows)

    def _json(self, body: bytes) -> dict:
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise self._bad_answer(f"a result that is not JSON ({exc})") from exc

    def _bad_answer(self, what: str) -> StoreError:
        return StoreError(f"{endpoint_name(self.endpoints.query)} sent {what}")

    def _has_graph(self, iri: str) -> bool:
        response = self._post_query(f"ASK {{ GRAPH {ox.NamedNode(iri)} {{ ?s ?p ?o }} }}", SELECT_JSON)
        return self._boolean(response)

    def _stored_graphs(self, iris: Sequence[str]) -> set[str]:
        """Return those of *iris* that hold a quad, asking for up to VALUES_CHUNK graphs per request."""
        stored: set[str] = set()
        for start in range(0, len(iris), VALUES_CHUNK):
            values = " ".join(str(ox.NamedNode(iri)) for iri in iris[start : start + VALUES_CHUNK])
            sparql = f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
            _, rows = self._rows(sparql)
            stored.update(row[0].value for row in rows if isinstance(row[0], ox.NamedNode))
        return stored & set(iris)

    def _graphs_for_sources(self, sources: Sequence[str]) -> dict[str, list[str]]:
        """Return the sorted graphs of each of *sources*, asking for up to SOURCES_CHUNK sources per request."""
        found: dict[str, set[str]] = {source: set() for source in sources}
        for start in range(0, len(sources), SOURCES_CHUNK):
            # A UNION of one lookup per source, which every engine answers from its index, where a
            # VALUES join may be planned as a scan of every article.
            branches = " UNION ".join(
                f"{{ GRAPH ?g {{ ?g a <{GKG_ARTICLE}> ; <{DCTERMS_SOURCE}> {ox.Literal(source)} }} "
                f"BIND({ox.Literal(source)} AS ?source) }}"
                for source in sources[start : start + SOURCES_CHUNK]
            )
            variables, rows = self._rows(f"SELECT ?source ?g WHERE {{ {branches} }}")
            for row in rows:
                source, graph = row[variables.index("source")], row[variables.index("g")]
                if source is not None and isinstance(graph, ox.NamedNode) and source.value in found:
                    found[source.value].add(graph.value)
        return {source: sorted(graphs) for source, graphs in found.items()}

    def _query(self, sparql: str) -> QueryResult:
        form = query_form(sparql)
        if form in ("CONSTRUCT", "DESCRIBE"):
            response = self._post_query(sparql, _ACCEPT_GRAPH, prologue=True)
            try:
                fmt = ox.RdfFormat.from_media_type(response.media_type)
                triples = list(ox.parse(response.body, format=fmt)) if fmt else None
            except SyntaxError as exc:
                raise self._bad_answer(f"unparsable {response.media_type} ({exc})") from exc
            if triples is None:
                raise self._bad_answer(f"{response.media_type}, not RDF, for a {form} query")
            triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
            return QueryResult(
                "graph", triples=[(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in triples]
            )
        response = self._post_query(sparql, _ACCEPT_SELECT, prologue=True)
        if response.media_type == "application/sparql-results+xml":
            return self._xml_result(response.body, sparql)
        if response.media_type not in (SELECT_JSON, "application/json"):
            raise self._bad_answer(f"{response.media_type}, not SPARQL JSON results")
        if form == "ASK":
            return QueryResult("ask", boolean=self._boolean(response))
        variables, bindings = self._bindings(response, sparql)
        rows = self._terms(variables, bindings, lambda term: to_rdflib(_ox_term(term)))
        return QueryResult("select", variables=list(variables), rows=rows)

    def _xml_result(self, body: bytes, sparql: str) -> QueryResult:
        """Return a SPARQL XML result (sent by servers that ignore the JSON preference)."""
        from io import BytesIO

        from rdflib.query import Result

        try:
            result = Result.parse(BytesIO(body), format="xml")
        except Exception as exc:  # rdflib's XML result parser raises assorted errors; this names them
            raise self._bad_answer(f"an unparsable SPARQL XML result ({exc})") from exc
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        variables = [str(v) for v in result.vars or ()]
        expected = projected(sparql)
        if expected is not None and sorted(variables) != sorted(expected):
            raise UntrustedAnswer(f"{endpoint_name(self.endpoints.query)} sent variables {', '.join(variables)} "
                                  f"to a query for {', '.join(expected)}; geokg does not use this answer")
        rows = [tuple(_rdflib_term(term) for term in row) for row in result]
        return QueryResult("select", variables=variables, rows=rows)

    def _count(self) -> int:
        _, rows = self._rows(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_SCOPE}")) }}'
        )
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    def _dump(self, out: BinaryIO, fmt: str) -> None:
        """Write geokg's graphs on the server to *out* in *fmt*, in the order the embedded store writes them."""
        graphs = [
            row[0]
            for row in self._pages(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH_SCOPE}")) }} ORDER BY ?g'
            )
        ]
        quads = (
            ox.Quad(s, p, o, graph)
            for graph in graphs
            for s, p, o in self._pages(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o")
        )
        # The embedded engine on disk and its serialiser, so both give the same bytes; a page at a time.
        with scratch_store() as local:
            local.bulk_extend(quads)
            got, expected = len(local), self._count()
            if got != expected:
                raise StoreError(
                    f"{endpoint_name(self.endpoints.query)} returned {got} of {expected} quads; raise its "
                    "result row limit (Virtuoso: ResultSetMaxRows and MaxSortedTopRows) or stop writers during export"
                )
            dump_dataset(local, out, fmt, hash_ordered=True)

    # -- writing -----------------------------------------------------------------------------

    def _post_update(self, sparql: str, *, idempotent: bool, kind: str = "update") -> None:
        self._http.request(
            "POST", self.endpoints.update, body=urlencode({"update": sparql}).encode(),
            content_type=_FORM, accept=f"{SELECT_JSON}, */*;q=0.1", idempotent=idempotent, kind=kind,
        )

    def _load(self, quads: Quads) -> None:
        """Add *quads* in a few large requests, each article graph whole in one of them; return None."""
        by_graph: dict[str, list[ox.Quad]] = {}
        for quad in quads:  # all read before anything is sent
            graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            by_graph.setdefault(graph, []).append(quad)
        # The journal's note first, then the shared descriptions and fact names, then the articles: a
        # server that dies between two requests holds no article whose entities or facts it lacks (the
        # article would then be skipped as stored, and its names never sent again).
        ordered = dict(sorted(by_graph.items(), key=lambda item: is_article_graph(item[0])))
        for chunk in load_chunks(ordered, LOAD_CHUNK):
            if self._dataset is not None and self._post_dataset(chunk):
                continue
            self._insert_chunk(chunk)
            self._dataset = None  # the server took SPARQL Update where it refused the POST: keep to it

    def _post_dataset(self, chunk: Chunk) -> bool:
        """Add *chunk* with one dataset-level POST of N-Quads; return False if the server never took one."""
        body = ox.serialize((quad for _, part in chunk for quad in part), None, ox.RdfFormat.N_QUADS)
        try:
            self._http.request("POST", self._dataset, body=body, content_type="application/n-quads", kind="data")
        except StoreError:
            if self._dataset_works:
                raise
            return False
        if not self._dataset_works:
            # Some Graph Store endpoints answer 200 to a POST without ?graph= and store nothing (Virtuoso's).
            # An article graph tells: Store.write dropped those it loads, so only this POST can have stored it.
            named = [graph for graph, _ in chunk if graph]
            probe = next((graph for graph in named if is_article_graph(graph)), named[0] if named else None)
            self._dataset_works = probe is None or self._has_graph(probe)
        return self._dataset_works

    def _insert_chunk(self, chunk: Chunk) -> None:
        """Add *chunk* with one SPARQL Update INSERT DATA naming each graph; return None."""
        parts = []
        for graph, part in chunk:
            body = ox.serialize((quad.triple for quad in part), None, ox.RdfFormat.N_TRIPLES).decode()
            parts.append(f"GRAPH {ox.NamedNode(graph)} {{\n{body}}}\n" if graph else body)
        # A set: a request sent again adds nothing, so it may be retried.
        self._post_update(f"INSERT DATA {{\n{''.join(parts)}}}", idempotent=True, kind="data")

    def _update(self, sparql: str) -> None:
        with _prologue_lines(True):
            self._post_update(_PROLOGUE + sparql, idempotent=False)

    def _close(self) -> None:
        """Nothing to release: every request opens and closes its own connection; return None."""
