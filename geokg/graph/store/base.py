"""The Store contract, the records it exchanges, and ``open_store(url)`` by scheme.

``Store`` is the one interface: an abstract class whose public methods check the mode, translate
engine exceptions into ``geokg.errors`` (``boundary``, one table per kind of operation) and call
the engine hooks (``_load``, ``_query``, ...) that each backend implements. What a backend can do
beyond the contract is declared by the capability attributes (``background_writes``,
``compactable``), False on the base. Backends live in ``geokg.graph.store`` and are
imported lazily by scheme.

URLs::

    oxigraph:PATH  or a bare PATH   embedded on-disk Oxigraph (default ./geokg-store, or $GEOKG_STORE)
    oxigraph:  or  memory:oxigraph  in-memory Oxigraph
    memory:                         in-memory rdflib Dataset (pure Python, an independent engine)
    http(s)://HOST/PATH             a SPARQL 1.1 server; the URL is its query endpoint, the update
                                    and Graph Store endpoints are guessed or given (update_url, gsp_url)
"""

from __future__ import annotations

import os
import pickle
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar, TypeAlias

from ...errors import StoreError, StoreUnavailable, UnknownStoreScheme, UntrustedAnswer
from ...namespaces import ARTICLES, is_article_graph
from .facts import FactBook, Said, journal_quads, pending, said_in
from .boundary import SPARQL_ERRORS, WRITE_ERRORS, ErrorTable, translated
from .quads import Quads

if TYPE_CHECKING:
    from rdflib.term import Identifier

DEFAULT_STORE = "./geokg-store"

#: Serialisations every store can dump; ttl and nt merge all graphs into one.
DUMP_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")

#: URL scheme -> "module:Class" of its Store subclass, imported on first use.
BACKENDS: dict[str, str] = {
    "oxigraph": "geokg.graph.store.oxigraph:OxigraphStore",
    "memory": "geokg.graph.store.memory:MemoryStore",
    "http": "geokg.graph.store.remote:RemoteStore",
    "https": "geokg.graph.store.remote:RemoteStore",
}

#: Schemes whose backend takes the update and Graph Store endpoint URLs.
REMOTE_SCHEMES = frozenset({"http", "https"})

KNOWN_URLS = "oxigraph:PATH, a bare PATH, oxigraph:, memory:oxigraph, memory:, http(s)://SPARQL-ENDPOINT"

# Defaults for open_store's update_url / gsp_url inside `remote_endpoints(...)`: how the CLI's
# --update-url / --gsp-url reach every store a command opens.
_REMOTE_DEFAULTS: ContextVar[tuple[str | None, str | None]] = ContextVar("remote_defaults", default=(None, None))

# Two or more letters, so a Windows drive ("C:\\kg") reads as a path, not a scheme.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):(.*)$", re.DOTALL)

_SOURCE_GRAPHS = """SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?g a gkg:Article ; dcterms:source {source} }}
}} ORDER BY ?g"""

# One index lookup (rdf:type gkg:Article): milliseconds where counting every quad takes seconds.
_ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a gkg:Article } }"

# Statements of the model before the facts graph carried their evidence sentence themselves.
_OLD_MODEL = "SELECT ?s WHERE { GRAPH ?g { ?s gkg:evidence ?o } } LIMIT 1"

Term: TypeAlias = "Identifier"  # URIRef, Literal or BNode: rdflib is imported by the engines that build them


class Tagged(str):
    """The text of a literal with a language tag, which it keeps as ``language``."""

    def __new__(cls, text: str, language: str) -> Tagged:
        tagged = super().__new__(cls, text)
        tagged.language = language
        return tagged


#: A term as plain text: an IRI, a blank node's id or a literal's lexical form (``Tagged`` when it has a
#: language), None when unbound. What ``str(term)`` gives for the rdflib term, without building one.
Plain = str | None


def plain(term: Term | None) -> Plain:
    """Return *term* as plain text (see ``Plain``)."""
    if term is None:
        return None
    language = getattr(term, "language", None)
    return Tagged(str(term), language) if language else str(term)


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """One article graph to write: its IRI, its quads, and the stale graphs it replaces."""

    iri: str
    quads: Quads  # every quad names its graph (the article's, or the shared entities graph)
    drop: tuple[str, ...] = ()  # older graphs of the same source, dropped after the write
    said: tuple[Said, ...] | None = None  # its statements, when known (else read from the quads)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The materialised answer to a SPARQL query, as rdflib terms."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)  # None: unbound
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)  # sorted


class _Sink:
    """A binary writer that remembers the exception its target raised, as the engine may wrap it."""

    def __init__(self, target: BinaryIO) -> None:
        self.target = target
        self.failure: BaseException | None = None

    def write(self, data: bytes) -> int:
        """Write *data* to the target; return what it returns."""
        try:
            return self.target.write(data)
        except Exception as exc:
            self.failure = exc
            raise

    def flush(self) -> None:
        """Flush the target (the engine flushes when it ends); return None."""
        flush = getattr(self.target, "flush", None)
        if flush is not None:
            flush()


class Store(ABC):
    """A graph store over one engine; ``open_store`` returns the subclass its URL names.

    Subclasses open their engine in ``__init__(url, path, *, read_only, **options)`` and implement
    the engine hooks; their engine's exceptions are translated here, by the tables below.
    """

    # Capabilities beyond the contract; a backend that has one sets it (per instance if it
    # depends on how the store was opened).
    background_writes: bool = False  # write() may run in another thread while this one reads
    compactable: bool = False  # optimize() compacts the store
    # The largest all-or-nothing write an ingest sends, in articles and in quads, whichever limit
    # comes first: one request to a server, about 30 MiB of N-Quads.
    batch_articles: int = 512
    batch_quads: int = 150_000

    #: Engine exception -> geokg error, for writes and for every other operation.
    write_errors: ClassVar[ErrorTable] = WRITE_ERRORS
    errors: ClassVar[ErrorTable] = SPARQL_ERRORS

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self.closed = False
        self._recovered = False  # the journal was checked since this store was opened
        self._facts: FactBook | None = None  # the facts' figures as this writer last wrote them

    # -- engine hooks ------------------------------------------------------------------------

    @abstractmethod
    def _load(self, quads: Quads) -> None:
        """Add *quads* (all of a batch), all or nothing; return None."""

    def _load_parts(self, parts: Sequence[Quads]) -> None:
        """Add the quads of every part (a batch), all or nothing; engines that need no joined text override it."""
        self._load(Quads.join(parts))

    @abstractmethod
    def _has_graph(self, iri: str) -> bool:
        """Return True when graph *iri* holds a quad."""

    def _stored_graphs(self, iris: Sequence[str]) -> set[str]:
        """Return those of *iris* that hold a quad; a server answers for them all in one request."""
        return {iri for iri in iris if self._has_graph(iri)}

    @abstractmethod
    def _query(self, sparql: str) -> QueryResult:
        """Return the result of *sparql*: project prefixes predeclared, the union as default graph."""

    def _graphs_for_source(self, source: str) -> list[str]:
        """Return the sorted IRIs of the graphs whose article node has *source*; engines with an index override it."""
        from rdflib import Literal

        return [str(row[0]) for row in self._query(_SOURCE_GRAPHS.format(source=Literal(source).n3())).rows]

    def _graphs_for_sources(self, sources: Sequence[str]) -> dict[str, list[str]]:
        """Return the sorted graphs of each of *sources*; a server overrides it to ask for them all at once."""
        return {source: self._graphs_for_source(source) for source in sources}

    def _query_rows(self, sparql: str) -> tuple[list[str], list[tuple[Plain, ...]]]:
        """Return the variables and rows of the SELECT *sparql* as plain text; engines override it to skip rdflib."""
        result = self._query(sparql)
        if result.kind != "select":
            raise ValueError("query_rows answers SELECT queries only")
        return result.variables, [tuple(map(plain, row)) for row in result.rows]

    @abstractmethod
    def _update(self, sparql: str) -> None:
        """Run the update *sparql* with the project prefixes predeclared; return None."""

    @abstractmethod
    def _dump(self, out: BinaryIO, fmt: str) -> None:
        """Write the store to *out* in *fmt*, as it reads it, in an order fixed by the data; return None."""

    @abstractmethod
    def _count(self) -> int:
        """Return the number of quads."""

    def _optimize(self) -> None:
        """Compact the store (only called when ``compactable``); return None."""

    def _close(self) -> None:
        """Release the engine; return None."""

    # -- the contract ------------------------------------------------------------------------

    def _engine(self, table: ErrorTable | None = None) -> AbstractContextManager[None]:
        """Return the boundary for one engine call: refuse a closed store, translate by *table*."""
        if self.closed:
            raise StoreError(f"the store at {self.url} is closed")
        return translated(self.url, self.errors if table is None else table)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.url} is open read-only and cannot be changed")

    def write(self, batch: Sequence[GraphWrite]) -> None:
        """Load the batch's new graphs, then count them in the facts and drop the stale graphs they name; return None.

        The load is all or nothing and notes the batch in the journal graph; the second step is one
        update. A crash in between keeps both versions of an article, never neither, and the next
        write (or ``recover``) finishes the second step, so the facts always match the statements.
        """
        self._check_writable()
        if not batch:
            return
        self.recover()
        fresh = {w.iri: w for w in batch}
        # A graph already stored was counted as it stands (it may be a part left by a server that died
        # mid-request): uncount and drop it first, so that it is counted once, as written now.
        with self._engine():
            stored = sorted(self._stored_graphs(list(fresh)))
        if stored:
            self.drop_graphs(stored)
        stale = sorted({iri for w in batch for iri in w.drop if is_article_graph(iri)} - set(fresh))
        # The note goes first: a server that loads graph by graph has it before any article it names.
        note = Quads(journal_quads(fresh, stale))
        with self._engine(self.write_errors):
            self._load_parts([note, *(w.quads for w in fresh.values())])
        said = [s for w in fresh.values() for s in (w.said if w.said is not None else said_in(w.quads.nquads, w.iri))]
        self._settle(list(fresh), stale, said)

    def recover(self) -> None:
        """Finish the batch a killed writer left noted in the journal (once per open store); return None."""
        if self._recovered or self.read_only:
            return
        self._recovered = True
        if self.query_rows(_OLD_MODEL)[1]:
            raise StoreError(f"the store at {self.url} was written by an older geokg (statements without a facts "
                             "graph) and cannot be added to; ingest the same articles into a new store "
                             "(see 'Migration' in docs/data-model.md)")
        added, dropped = pending(self.query_rows)
        if added or dropped:
            self._settle(added, dropped)

    def _settle(self, added: Sequence[str], dropped: Sequence[str], said: Sequence[Said] | None = None) -> None:
        """Count *added* in the facts, uncount and drop *dropped*, clear the journal: one update; return None."""
        if self._facts is None:
            self._facts = FactBook(self._query_rows)
        with self._engine():
            update, committed = self._facts.settle(added, dropped, said)
            try:
                self._update(update)
            except BaseException:
                self._facts.forget()
                raise
        committed()

    def has_graph(self, iri: str) -> bool:
        """Return True when the named graph *iri* holds at least one quad."""
        with self._engine():
            return self._has_graph(iri)

    def stored_graphs(self, iris: Iterable[str]) -> set[str]:
        """Return those of the graphs *iris* that hold a quad (``has_graph`` for many: one question to a server)."""
        with self._engine():
            return self._stored_graphs(list(dict.fromkeys(iris)))

    def graphs_for_source(self, source: str) -> list[str]:
        """Return the sorted IRIs of the article graphs whose ``dcterms:source`` is *source*."""
        return self.graphs_for_sources([source])[source]

    def graphs_for_sources(self, sources: Iterable[str]) -> dict[str, list[str]]:
        """Return ``graphs_for_source`` of each of *sources* (one question to a server)."""
        with self._engine():
            found = self._graphs_for_sources(list(dict.fromkeys(sources)))
        # Ingest drops these graphs: a server naming anything else must not make it drop that.
        for source, iris in found.items():
            foreign = [iri for iri in iris if not is_article_graph(iri)]
            if foreign:
                raise UntrustedAnswer(f"{self.url} named {foreign[0]} as an article graph of {source}, but it is not "
                                      f"one (article graphs are {ARTICLES}…); nothing was dropped")
        return found

    def drop_graphs(self, iris: Iterable[str]) -> None:
        """Remove the article graphs *iris* (missing ones are ignored) and their share of the facts; return None."""
        self._check_writable()
        self.recover()
        stale = sorted({iri for iri in iris if is_article_graph(iri)})
        if stale:
            self._settle([], stale)

    def query(self, sparql: str, *, isolated: bool = False, timeout: float | None = None) -> QueryResult:
        """Return the result of a SELECT, ASK, CONSTRUCT or DESCRIBE over the union of all graphs.

        *isolated* (for queries a user wrote) runs the query where an engine crash cannot end this
        process; *timeout* stops it after that many seconds (either raises a ``QueryStopped``).
        """
        with self._engine():
            if isolated or timeout is not None:
                return self._query_isolated(sparql, timeout)
            return self._query(sparql)

    def query_rows(self, sparql: str) -> tuple[list[str], list[tuple[Plain, ...]]]:
        """Return the variables and rows of a SELECT over the union of all graphs, every term as ``Plain`` text.

        For readers of many rows that need only the text of each term (and a literal's language):
        no rdflib term is built.
        """
        with self._engine():
            return self._query_rows(sparql)

    def _query_isolated(self, sparql: str, timeout: float | None) -> QueryResult:
        """Return ``_query(sparql)`` computed in a child process that is killed after *timeout* seconds."""
        from .child import run_in_child

        def job(out: BinaryIO) -> None:
            with translated(self.url, self.errors):  # engine errors cross the pipe as geokg errors
                pickle.dump(self._query(sparql), out)

        answer = run_in_child(job, timeout=timeout)
        return pickle.loads(answer)  # noqa: S301 - written by our own forked child

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (its WHERE reads the store's default graph: on a server, the server's); return None."""
        self._check_writable()
        with self._engine():
            self._update(sparql)

    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write every quad to *out* in *fmt*, one of DUMP_FORMATS, equal data in equal bytes; return None."""
        if fmt not in DUMP_FORMATS:
            raise ValueError(f"unknown dump format {fmt!r} (known: {', '.join(DUMP_FORMATS)})")
        sink = _Sink(out)
        try:
            with self._engine():
                self._dump(sink, fmt)
        except Exception:
            # A closed pipe is the caller's error, not the store's: raise it untranslated.
            if sink.failure is not None:
                raise sink.failure from None
            raise

    def __len__(self) -> int:
        with self._engine():
            return self._count()

    def article_count(self) -> int:
        """Return the number of articles stored, without reading their quads (``len`` reads every quad)."""
        rows = self.query_rows(_ARTICLES)[1]
        value = str(rows[0][0]) if rows and rows[0] else ""
        if not value.isdigit():  # a server answering anything else must not crash the summary
            raise UntrustedAnswer(f"{self.url} answered {value[:40]!r} for the number of articles, which is not a count")
        return int(value)

    def optimize(self) -> None:
        """Compact a ``compactable`` store so that queries read fewer, larger files; return None."""
        if self.compactable:
            with self._engine():
                self._optimize()

    def close(self) -> None:
        """Release the store (and its lock, for an on-disk store); return None."""
        if not self.closed:
            with self._engine():
                self._close()
            self.closed = True

    def __enter__(self) -> Store:
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


def _store_class(scheme: str) -> type[Store]:
    """Return the Store subclass registered for *scheme*, importing its module."""
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
    store_class = _store_class(scheme)
    options = {}
    if scheme in REMOTE_SCHEMES:
        default_update, default_gsp = _REMOTE_DEFAULTS.get()
        options = {"update_url": update_url or default_update, "gsp_url": gsp_url or default_gsp}
    with translated(url, store_class.errors):
        return store_class(url, path, read_only=read_only, **options)
