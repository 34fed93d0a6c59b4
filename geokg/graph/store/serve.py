"""``geokg serve``: a read-only SPARQL 1.1 endpoint over the embedded on-disk store.

The server is Oxigraph's own (``oxigraph serve-read-only`` from the ``oxigraph`` package, the
same engine and disk format as pyoxigraph): the SPARQL 1.1 Protocol at ``/query`` (GET and
POST, JSON/XML/CSV/TSV results, content negotiation), the Graph Store Protocol read side at
``/store``, YASGUI at ``/``, CORS, a query timeout, and the union of the article graphs as
the default graph, as ``geokg query`` sees it. Unlike ``geokg query``, clients declare their
prefixes themselves (YASGUI does it for them).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import StoreError, StoreUnavailable
from .base import DEFAULT_STORE, REMOTE_SCHEMES, parse_url

STARTUP_SECONDS = 30.0


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


def oxigraph_executable() -> str:
    """Return the path of the `oxigraph` server program, next to this Python or on $PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise StoreError("`geokg serve` needs the Oxigraph server: pip install 'oxigraph>=0.5,<0.6'")
    return found


def server_command(store_url: str, *, host: str, port: int, timeout: float, cors: bool = True) -> list[str]:
    """Return the command line that serves the on-disk store *store_url* read-only."""
    scheme, path = parse_url(store_url)
    if scheme in REMOTE_SCHEMES:
        raise StoreError(f"{store_url} is already a SPARQL server; query it directly")
    if scheme != "oxigraph" or path is None:
        raise StoreError(f"`geokg serve` serves an on-disk store (a path or oxigraph:PATH), not {store_url}")
    if not Path(path).is_dir():
        raise StoreUnavailable(f"no store at {path}; run `geokg ingest` first (or pass --store)")
    command = [oxigraph_executable(), "serve-read-only", "--location", str(path), "--bind", f"{host}:{port}"]
    command += ["--union-default-graph", "--timeout-s", f"{max(1, round(timeout))}"]
    return command + (["--cors"] if cors else [])


def _accepts(host: str, port: int) -> bool:
    """Return True when something accepts TCP connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(
    store_url: str | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    cors: bool = True,
    on_ready: Callable[[Endpoint], None] | None = None,
) -> int:
    """Serve *store_url* read-only until the server stops or Ctrl-C; return the server's exit status."""
    command = server_command(store_url or DEFAULT_STORE, host=host, port=port, timeout=timeout, cors=cors)
    if _accepts(host, port):
        raise StoreError(f"{host}:{port} is already in use; pass another --port")
    # SIGTERM (a service manager, a test fixture) stops the server too, as Ctrl-C does.
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _accepts(host, port):
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    errors.seek(0)
                    message = errors.read().decode("utf-8", "replace").strip().splitlines()
                    reason = message[-1] if message else f"exit status {process.returncode}"
                    raise StoreError(f"the SPARQL server could not start on {host}:{port}: {reason}")
                time.sleep(0.05)
            if on_ready:
                on_ready(Endpoint(host, port))
            return process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            if in_main:
                signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
