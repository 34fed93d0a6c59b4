"""The Store interface, the records it exchanges, and ``open_store(url)`` by scheme.

Backends live in ``geokg.graph.store`` and are imported lazily by scheme. They speak their
engine's own exceptions; ``GuardedStore`` translates them into ``geokg.errors`` at one place,
``backend_errors``, always chaining the cause.

URLs::

    oxigraph:PATH  or a bare PATH   embedded on-disk Oxigraph (default ./geokg-store, or $GEOKG_STORE)
    oxigraph:  or  memory:oxigraph  in-memory Oxigraph
    memory:                         in-memory rdflib Dataset (pure Python, an independent engine)
    http(s)://HOST/PATH             a SPARQL 1.1 server; the URL is its query endpoint, the update
                                    and Graph Store endpoints are guessed or given (update_url, gsp_url)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import BinaryIO, ClassVar, Protocol

from rdflib import Literal
from rdflib.term import Identifier

from ...errors import QuerySyntaxError, StoreError, StoreLocked, StoreUnavailable, UnknownStoreScheme

DEFAULT_STORE = "./geokg-store"

#: Serialisations every store can dump; ttl and nt merge all graphs into one.
DUMP_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")

#: URL scheme -> "module:Class" of its backend, imported on first use.
BACKENDS: dict[str, str] = {
    "oxigraph": "geokg.graph.store.oxigraph:OxigraphBackend",
    "memory": "geokg.graph.store.memory:MemoryBackend",
    "http": "geokg.graph.store.remote:RemoteBackend",
    "https": "geokg.graph.store.remote:RemoteBackend",
}

#: Schemes whose backend takes the update and Graph Store endpoint URLs.
REMOTE_SCHEMES = frozenset({"http", "https"})

KNOWN_URLS = "oxigraph:PATH, a bare PATH, oxigraph:, memory:oxigraph, memory:, http(s)://SPARQL-ENDPOINT"

# Defaults for open_store's update_url / gsp_url inside `remote_endpoints(...)`: how the CLI's
# --update-url / --gsp-url reach every store a command opens.
_REMOTE_DEFAULTS: ContextVar[tuple[str | None, str | None]] = ContextVar("remote_defaults", default=(None, None))

# Two or more letters, so a Windows drive ("C:\\kg") reads as a path, not a scheme.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):(.*)$", re.DOTALL)

_LOCK_FILE = re.compile(r"[/\\]LOCK: ")

_SOURCE_GRAPHS = """SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?g a gkg:Article ; dcterms:source {source} }}
}} ORDER BY ?g"""

Term = Identifier  # URIRef, Literal or BNode


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """One article graph to write: its IRI, its N-Quads, and the stale graphs it replaces."""

    iri: str
    nquads: str  # every quad already names its graph
    drop: tuple[str, ...] = ()  # older graphs of the same source, dropped after the write


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The materialised answer to a SPARQL query, as rdflib terms."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)  # None: unbound
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)  # sorted


class Store(Protocol):
    """What every caller may do with a store; ``open_store`` returns one."""

    url: str
    read_only: bool
    background_writes: bool  # a write may run in another thread while this one reads
    compactable: bool  # optimize() does something

    def write(self, batch: Sequence[GraphWrite]) -> None: ...
    def has_graph(self, iri: str) -> bool: ...
    def graphs_for_source(self, source: str) -> list[str]: ...
    def drop_graphs(self, iris: Iterable[str]) -> None: ...
    def query(self, sparql: str) -> QueryResult: ...
    def update(self, sparql: str) -> None: ...
    def dump(self, out: BinaryIO, fmt: str) -> None: ...
    def __len__(self) -> int: ...
    def optimize(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc_info: object) -> None: ...


class Backend(Protocol):
    """What a backend module implements; its engine's exceptions are translated for it."""

    syntax_errors: ClassVar[tuple[type[Exception], ...]]  # parse errors besides SyntaxError

    def load_nquads(self, text: str) -> None: ...  # all or nothing
    def has_graph(self, iri: str) -> bool: ...
    def drop_graphs(self, iris: Sequence[str]) -> None: ...
    def query(self, sparql: str) -> QueryResult: ...  # project prefixes predeclared, union default graph
    def update(self, sparql: str) -> None: ...
    def serialize(self, fmt: str) -> bytes: ...  # sorted, so equal data give equal bytes
    def __len__(self) -> int: ...
    def close(self) -> None: ...


def _first_line(exc: BaseException) -> str:
    """Return the first non-empty line of an exception's message, cut before long "expected" lists."""
    line = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    head, sep, _ = line.partition(": expected one of")
    return head + (": unexpected token" if sep else "") if len(line) > 160 or sep else line


@contextmanager
def backend_errors(
    url: str, syntax_errors: tuple[type[Exception], ...] = (), *, parsing: str = "SPARQL"
) -> Iterator[None]:
    """Translate backend exceptions raised inside the block into geokg errors; yield nothing."""
    try:
        yield
    except (SyntaxError, *syntax_errors) as exc:
        if parsing == "SPARQL":
            raise QuerySyntaxError(f"SPARQL syntax error: {_first_line(exc)}") from exc
        raise StoreError(f"cannot write to {url}: {parsing} syntax error: {_first_line(exc)}") from exc
    except OSError as exc:
        if _LOCK_FILE.search(str(exc)):  # RocksDB: "While lock file: <path>/LOCK: Resource ..."
            raise StoreLocked(
                f"{url} is locked by another process (probably a running `geokg ingest`); "
                "wait for it to finish, then try again"
            ) from exc
        raise StoreUnavailable(f"cannot use the store at {url}: {_first_line(exc)}") from exc


class GuardedStore:
    """A backend behind the error boundary: the ``Store`` that ``open_store`` returns."""

    def __init__(self, url: str, backend: Backend, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self._open_backend: Backend | None = backend

    @property
    def _backend(self) -> Backend:
        if self._open_backend is None:
            raise StoreError(f"the store at {self.url} is closed")
        return self._open_backend

    @property
    def background_writes(self) -> bool:
        """Return True when this store may be written from one thread while another reads it."""
        return bool(getattr(self._backend, "thread_safe", False)) and not self.read_only

    def _errors(self, *, parsing: str = "SPARQL") -> AbstractContextManager[None]:
        return backend_errors(self.url, self._backend.syntax_errors, parsing=parsing)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.url} is open read-only and cannot be changed")

    def write(self, batch: Sequence[GraphWrite]) -> None:
        """Load the batch in one transaction, then drop the stale graphs it names; return None."""
        self._check_writable()
        if not batch:
            return
        text = "".join(w.nquads if w.nquads.endswith("\n") else w.nquads + "\n" for w in batch)
        with self._errors(parsing="N-Quads"):
            self._backend.load_nquads(text)
        # New graphs first, stale ones second: a crash in between keeps both versions, never neither.
        written = {w.iri for w in batch}
        stale = sorted({iri for w in batch for iri in w.drop} - written)
        if stale:
            self.drop_graphs(stale)

    def has_graph(self, iri: str) -> bool:
        """Return True when the named graph *iri* holds at least one quad."""
        with self._errors():
            return self._backend.has_graph(iri)

    def graphs_for_source(self, source: str) -> list[str]:
        """Return the sorted IRIs of the article graphs whose ``dcterms:source`` is *source*."""
        result = self.query(_SOURCE_GRAPHS.format(source=Literal(source).n3()))
        return [str(row[0]) for row in result.rows]

    def drop_graphs(self, iris: Iterable[str]) -> None:
        """Remove the named graphs *iris* (missing ones are ignored); return None."""
        self._check_writable()
        with self._errors():
            self._backend.drop_graphs(list(iris))

    def query(self, sparql: str) -> QueryResult:
        """Return the result of a SELECT, ASK, CONSTRUCT or DESCRIBE over the union of all graphs."""
        with self._errors():
            return self._backend.query(sparql)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (its WHERE reads the store's default graph: on a server, the server's); return None."""
        self._check_writable()
        with self._errors():
            self._backend.update(sparql)

    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write every quad to *out* in *fmt*, one of DUMP_FORMATS, sorted; return None."""
        if fmt not in DUMP_FORMATS:
            raise ValueError(f"unknown dump format {fmt!r} (known: {', '.join(DUMP_FORMATS)})")
        with self._errors():
            data = self._backend.serialize(fmt)
        out.write(data)  # outside the boundary: a closed pipe is the caller's error, not the store's

    def __len__(self) -> int:
        with self._errors():
            return len(self._backend)

    @property
    def compactable(self) -> bool:
        """Return True when the store can be compacted (an embedded on-disk store open for writing)."""
        return bool(getattr(self._open_backend, "compactable", False)) and not self.read_only

    def optimize(self) -> None:
        """Compact an embedded store so that queries read fewer, larger files; return None."""
        if self.compactable:
            with self._errors():
                self._backend.optimize()

    def flush(self) -> None:
        """Ask the backend to write its buffers out (bounds an embedded store's memory); return None."""
        flush = getattr(self._backend, "flush", None)
        if callable(flush) and not self.read_only:
            with self._errors():
                flush()

    def close(self) -> None:
        """Release the store (and its lock, for an on-disk store); return None."""
        if self._open_backend is not None:
            with self._errors():
                self._open_backend.close()
            self._open_backend = None

    def __enter__(self) -> GuardedStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<{type(self).__name__} {self.url} {mode}>"


def parse_url(url: str) -> tuple[str, str | None]:
    """Return ``(scheme, path)`` for a store URL; path is None for an in-memory store."""
    match = _SCHEME.match(url)
    if match is None:
        return "oxigraph", url
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme == "oxigraph":
        return "oxigraph", rest or None
    if scheme == "memory":
        if rest == "":
            return "memory", None
        if rest == "oxigraph":  # Oxigraph's engine without a directory
            return "oxigraph", None
        # memory:NAME is one rdflib dataset shared by every open of that name in this process,
        # so a notebook or a test can ingest with one call and query with the next.
        return "memory", rest
    if scheme in BACKENDS:  # any other registered backend gets the whole URL
        return scheme, url
    raise UnknownStoreScheme(f"unknown store scheme {scheme!r} in {url!r} (known: {KNOWN_URLS})")


def _backend_class(scheme: str) -> type:
    """Return the backend class registered for *scheme*, importing its module."""
    module, _, name = BACKENDS[scheme].partition(":")
    return getattr(import_module(module), name)


@contextmanager
def remote_endpoints(update_url: str | None = None, gsp_url: str | None = None) -> Iterator[None]:
    """Make *update_url* and *gsp_url* the defaults of every remote store opened in the block; yield nothing."""
    token = _REMOTE_DEFAULTS.set((update_url, gsp_url))
    try:
        yield
    finally:
        _REMOTE_DEFAULTS.reset(token)


def open_store(
    url: str | None = None,
    *,
    read_only: bool = False,
    create: bool = True,
    update_url: str | None = None,
    gsp_url: str | None = None,
) -> Store:
    """Return an open store for *url* (default: $GEOKG_STORE, else ./geokg-store).

    For an http(s) store, *url* is the SPARQL query endpoint; *update_url* and *gsp_url* name the
    update and Graph Store endpoints when the defaults guessed from *url* do not fit (other
    stores ignore them).
    """
    if url is None:
        url = os.environ.get("GEOKG_STORE") or DEFAULT_STORE
    scheme, path = parse_url(url)
    if scheme == "oxigraph" and path is not None and (read_only or not create) and not Path(path).exists():
        raise StoreUnavailable(f"no store at {path}; run `geokg ingest` first (or pass --store)")
    backend_class = _backend_class(scheme)
    options = {}
    if scheme in REMOTE_SCHEMES:
        default_update, default_gsp = _REMOTE_DEFAULTS.get()
        options = {"update_url": update_url or default_update, "gsp_url": gsp_url or default_gsp}
    with backend_errors(url, backend_class.syntax_errors):
        backend = backend_class(path, read_only=read_only, **options)
    return GuardedStore(url, backend, read_only=read_only)
