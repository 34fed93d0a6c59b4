"""The HTTP side of ``geokg serve``: the SPARQL 1.1 Protocol for queries, with its limits.

Each query runs in a child process forked from the server (``child.run_in_child``), so a query
that crashes the engine, runs past the timeout, outgrows the size limit or loses its client is
killed alone: the server answers an error status with a plain-text SPARQL error body and keeps
serving. Updates, federation to endpoints not allowed, and other origins not named are refused.
"""

from __future__ import annotations

import html
import select
import socket
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import BinaryIO
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ...errors import QueryCrashed, QueryStopped, QueryTimeout, ResultTooLarge
from .child import run_in_child
from .sparql_text import is_update, services

MAX_REQUEST_BYTES = 1 << 20  # a query text longer than 1 MB is not a query someone wrote
REQUEST_SECONDS = 30  # a client that sends its request slower than this is dropped
_RESULTS = {  # media type -> results format (SELECT, ASK); the first is the default
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {  # media type -> RDF format (CONSTRUCT, DESCRIBE); the first is the default
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>geokg SPARQL endpoint</title></head>
<body><h1>geokg SPARQL endpoint (read-only)</h1><form method="post" action="/query">
<textarea name="query" rows="12" cols="100">SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10</textarea><br>
<button>Run</button> Results as SPARQL JSON; limits: {limits}.</form></body></html>"""


@dataclass(frozen=True, slots=True)
class Limits:
    """What the endpoint allows: time, size, concurrency, origins and federation."""

    timeout: float = 30.0
    max_bytes: int = 100 * 2**20
    workers: int = 2  # queries running at once; others wait up to the timeout for a turn
    origins: frozenset[str] = frozenset()  # web origins allowed by CORS ("*": any)
    services: frozenset[str] = frozenset()  # SERVICE endpoints a query may call
    slots: threading.BoundedSemaphore = field(default=None, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "slots", threading.BoundedSemaphore(self.workers))

    def describe(self) -> str:
        """Return the limits in words, for the page at / and the startup line."""
        federation = ", ".join(sorted(self.services)) or "none"
        return f"{self.timeout:g} s, {self.max_bytes:,} bytes per query; SERVICE endpoints allowed: {federation}"


def negotiate(accept: str, offered: dict[str, object]) -> str:
    """Return the media type of *offered* the Accept header *accept* prefers (the first offered if none fits).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", _RESULTS)
    'application/sparql-results+xml'
    """
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            ranked.append((-float(q), position, media.lower()))
        except ValueError:
            continue
    for q, _, media in sorted(ranked):
        if q == 0:
            continue  # q=0: not acceptable
        if media in offered:
            return media
        if media.endswith("/*"):
            fits = next((m for m in offered if media == "*/*" or m.startswith(media[:-1])), None)
            if fits:
                return fits
    return next(iter(offered))


def _answer(store: ox.Store, sparql: str, accept: str, out: BinaryIO) -> None:
    """Run *sparql* on *store* and write its media type on one line, then the serialised result."""
    result = store.query(sparql, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, _GRAPHS)
        out.write(media.encode() + b"\n")
        ox.serialize(result, out, _GRAPHS[media])
    else:
        media = negotiate(accept, _RESULTS)
        out.write(media.encode() + b"\n")
        result.serialize(out, _RESULTS[media])


def _client_gone(connection: socket.socket) -> bool:
    """Return True when the client closed its side of *connection*."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _status(error: Exception) -> HTTPStatus:
    """Return the HTTP status of a failed query."""
    if isinstance(error, (QueryCrashed, ResultTooLarge)):
        return HTTPStatus.INTERNAL_SERVER_ERROR
    if isinstance(error, QueryStopped):
        return HTTPStatus.SERVICE_UNAVAILABLE
    return HTTPStatus.BAD_REQUEST


class SparqlHandler(BaseHTTPRequestHandler):
    """One HTTP request to the endpoint; ``store`` and ``limits`` are set on a subclass per server."""

    store: ox.Store
    limits: Limits
    timeout = REQUEST_SECONDS  # socket timeout while reading the request
    server_version = "geokg"
    sys_version = ""  # the Server header names no Python version

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Log nothing: the server's output is its one startup line."""

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        """Answer a CORS preflight."""
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", preflight=True)

    def do_GET(self) -> None:  # noqa: N802
        """Answer the page at /, or a query in the URL at /query."""
        parts = urlsplit(self.path)
        if parts.path == "/":
            page = _PAGE.format(limits=html.escape(self.limits.describe()))
            return self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
        if parts.path != "/query":
            return self._error(HTTPStatus.NOT_FOUND, "not found: queries go to /query")
        self._query(parse_qs(parts.query).get("query", [None])[0])

    def do_POST(self) -> None:  # noqa: N802
        """Answer a query posted form-encoded or as application/sparql-query."""
        if urlsplit(self.path).path != "/query":
            return self._error(HTTPStatus.FORBIDDEN if "update" in self.path else HTTPStatus.NOT_FOUND,
                               "this endpoint is read-only: queries go to /query, updates are refused")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return self._error(HTTPStatus.BAD_REQUEST, "a POST needs a Content-Length")
        if length > MAX_REQUEST_BYTES:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query is at most {MAX_REQUEST_BYTES:,} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        if self.headers.get_content_type() == "application/sparql-query":
            return self._query(body)
        self._query(parse_qs(body).get("query", [None])[0])

    def do_PUT(self) -> None:  # noqa: N802
        """Refuse a write."""
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def _refusal(self, sparql: str | None) -> str | None:
        """Return why *sparql* is refused before it runs, None when it may run."""
        if not sparql:
            return "give the query in the query parameter (GET or form POST) or as application/sparql-query"
        if is_update(sparql):
            return "this endpoint is read-only: SPARQL updates are refused"
        for target in services(sparql):
            if target.strip("<>") not in self.limits.services:
                return (f"federation to {target} is off: SERVICE calls only the endpoints given to "
                        "`geokg serve --allow-service`")
        return None

    def _query(self, sparql: str | None) -> None:
        refused = self._refusal(sparql)
        if refused:
            return self._error(HTTPStatus.FORBIDDEN if sparql else HTTPStatus.BAD_REQUEST, refused)
        limits = self.limits
        if not limits.slots.acquire(timeout=limits.timeout):
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; try again later")
        try:
            accept = self.headers.get("Accept") or "*/*"
            answer = run_in_child(lambda out: _answer(self.store, sparql, accept, out), timeout=limits.timeout,
                                  max_bytes=limits.max_bytes, cancelled=lambda: _client_gone(self.connection))
        except SyntaxError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {str(exc).splitlines()[0]}")
        except (QueryStopped, OSError, RuntimeError) as exc:
            if isinstance(exc, ResultTooLarge):
                exc = ResultTooLarge(f"{exc} (the server's limit: `geokg serve --max-result`)")
            elif isinstance(exc, QueryTimeout):
                exc = QueryTimeout(f"{exc} (the server's limit: `geokg serve --timeout`)")
            return self._error(_status(exc), str(exc))
        finally:
            limits.slots.release()
        media, _, body = answer.partition(b"\n")
        self._send(HTTPStatus.OK, body, media.decode() + ("; charset=utf-8" if media.startswith(b"text/") else ""))

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, media: str, *, preflight: bool = False) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self._cors(preflight)
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            self.close_connection = True  # the client left; nobody to tell

    def _cors(self, preflight: bool) -> None:
        origin = self.headers.get("Origin")
        allowed = self.limits.origins
        if origin and (origin in allowed or "*" in allowed):
            self.send_header("Access-Control-Allow-Origin", "*" if "*" in allowed else origin)
            self.send_header("Vary", "Origin")
            if preflight:
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
