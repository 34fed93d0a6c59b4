"""``geokg serve``: a read-only SPARQL 1.1 endpoint over the embedded on-disk store.

The SPARQL 1.1 Protocol at ``/query`` (GET and POST; JSON, XML, CSV and TSV results, Turtle,
N-Triples, RDF/XML and JSON-LD graphs, by content negotiation) over the union of the article
graphs, as ``geokg query`` sees it, and a plain query form at ``/``. Every query runs in its own
child process with a time and size limit (``endpoint``). The server holds a shared lock on the store,
so `geokg ingest` cannot change the files under it (it is refused with the lock message); clients
declare their prefixes themselves.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from ...errors import StoreError, StoreLocked, StoreUnavailable
from .base import DEFAULT_STORE, REMOTE_SCHEMES, parse_url
from .endpoint import Limits, SparqlHandler
from .oxigraph import _open_read_only


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where a running `geokg serve` answers."""

    host: str
    port: int

    @property
    def query_url(self) -> str:
        """Return the SPARQL query endpoint URL."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/query"


def store_path(store_url: str) -> Path:
    """Return the folder of the on-disk store *store_url*, or raise why it cannot be served."""
    scheme, path = parse_url(store_url)
    if scheme in REMOTE_SCHEMES:
        raise StoreError(f"{store_url} is already a SPARQL server; query it directly")
    if scheme != "oxigraph" or path is None:
        raise StoreError(f"`geokg serve` serves an on-disk store (a path or oxigraph:PATH), not {store_url}")
    if not Path(path).is_dir():
        raise StoreUnavailable(f"no store at {path}; run `geokg ingest` first (or pass --store)")
    return Path(path)


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Hold a shared lock on the store's LOCK file in the block, so no writer changes it; yield nothing."""
    # A read-only open sees the files as they were; a writer replacing them under a running server
    # is undefined behaviour in RocksDB. A shared fcntl lock on the file whose exclusive lock a
    # writer takes keeps writers out and lets other servers of the same store in.
    fd = os.open(path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            raise StoreLocked(
                f"{path} is being written by another process (a running `geokg ingest`); serve it when that is done"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _server(host: str, port: int, handler: type[SparqlHandler]) -> ThreadingHTTPServer:
    """Return an HTTP server bound to host:port, or raise a StoreError saying why it cannot bind."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server_class = type("SparqlServer", (ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True})
    try:
        return server_class((host, port), handler)
    except OSError as exc:
        hint = "; pass another --port" if exc.errno == 98 else ""
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from exc


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(
    store_url: str | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: Limits | None = None,
    on_ready: Callable[[Endpoint], None] | None = None,
) -> int:
    """Serve *store_url* read-only until Ctrl-C or SIGTERM; return 0."""
    path = store_path(store_url or DEFAULT_STORE)
    with write_lock(path):
        store = _open_read_only(str(path))
        handler = type("Handler", (SparqlHandler,), {"store": store, "limits": limits or Limits()})
        server = _server(host, port, handler)
        # SIGTERM (a service manager, a test fixture) stops the server too, as Ctrl-C does.
        in_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
        try:
            if on_ready:
                on_ready(Endpoint(host, server.server_address[1]))
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            if in_main:
                signal.signal(signal.SIGTERM, previous)
            server.server_close()
    return 0
