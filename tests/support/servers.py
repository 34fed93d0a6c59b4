"""Real SPARQL servers for the tests, started on loopback on free ports and stopped afterwards.

* Oxigraph server: ``oxigraph serve --union-default-graph`` from the PyPI package ``oxigraph``.
* Virtuoso Open Source 7 (Debian ``virtuoso-opensource``): a private database in a temporary
  folder, its SPARQL user granted ``SPARQL_UPDATE`` and write access to every graph, which is
  what a server needs before it accepts SPARQL updates and Graph Store writes without a login.

A test needing a server skips only when that server is not installed on this machine
(`.ci/setup-servers.sh` installs both); a server that is installed but fails to start fails the test.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from geokg.graph.store import open_store
from geokg.namespaces import GKR

STARTUP_SECONDS = 60.0
TEST_GRAPHS = (str(GKR), "urn:x:")  # every graph a test writes starts with one of these


def free_port() -> int:
    """Return a TCP port nobody listens on at 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_program() -> str | None:
    """Return the `oxigraph` server program (beside this Python or on $PATH), None if missing."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def virtuoso_programs() -> tuple[str, str] | None:
    """Return the Virtuoso server and isql programs, None if Virtuoso is not installed."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql-v")
    return (server, isql) if server and isql else None


class Server:
    """A SPARQL server process; ``url`` is its query endpoint."""

    url: str
    http_port: int

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None
        self.log = folder / "server.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    def after_first_start(self) -> None:
        """Configure the server once it answers for the first time."""

    def start(self) -> Server:
        """Start the server and wait until its query endpoint answers; return self."""
        first = not getattr(self, "_started_once", False)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=self.folder, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{type(self).__name__} did not start:\n{tail}")
            time.sleep(0.1)
        if first:
            self._started_once = True
            self.after_first_start()
        return self

    def answers(self) -> bool:
        """Return True when the query endpoint answers an ASK query."""
        request = urllib.request.Request(
            self.url, data=b"query=ASK%7B%7D", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:
                return answer.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def kill(self) -> None:
        """Kill the server at once, as a crash or an operator would (SIGKILL)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        """Stop the server politely, then firmly."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def clear(self) -> None:
        """Drop every graph a test may have written."""
        with open_store(self.url) as store:
            filters = " || ".join(f'STRSTARTS(STR(?g), "{prefix}")' for prefix in TEST_GRAPHS)
            graphs = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({filters}) }}")
            drops = [f"DROP SILENT GRAPH <{row[0]}>" for row in graphs.rows]  # shared graphs too, not only articles
            if drops:
                store.update(" ;\n".join(drops))


class OxigraphServer(Server):
    """``oxigraph serve`` on disk in *folder*, with the union of all graphs as default graph."""

    def __init__(self, folder: Path, program: str) -> None:
        super().__init__(folder)
        self.program = program
        self.http_port = free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/query"

    def command(self) -> list[str]:
        bind = f"127.0.0.1:{self.http_port}"
        return [self.program, "serve", "--location", str(self.folder / "db"), "--bind", bind, "--union-default-graph"]


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {folder}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""

# Without these, Virtuoso refuses SPARQL updates and Graph Store writes from its anonymous
# SPARQL user (SR186: No permission to execute procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT).
VIRTUOSO_GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'


class VirtuosoServer(Server):
    """A private Virtuoso database in *folder*, writable through /sparql and /sparql-graph-crud."""

    def __init__(self, folder: Path, programs: tuple[str, str]) -> None:
        super().__init__(folder)
        self.program, self.isql = programs
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        ini = VIRTUOSO_INI.format(folder=folder, sql_port=self.sql_port, http_port=self.http_port)
        (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")

    def command(self) -> list[str]:
        return [self.program, "-f", "-c", str(self.folder / "virtuoso.ini")]

    def after_first_start(self) -> None:
        """Let the SPARQL user update and write every graph (see VIRTUOSO_GRANTS)."""
        subprocess.run(
            [self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={VIRTUOSO_GRANTS}"],
            check=True, capture_output=True, timeout=60,
        )


def start_oxigraph(folder) -> OxigraphServer:
    """Return a started Oxigraph server keeping its data in *folder*, or skip if it is not installed."""
    program = oxigraph_program()
    if program is None:
        pytest.skip("Oxigraph server not installed (pip install oxigraph; .ci/setup-servers.sh)")
    return OxigraphServer(folder, program).start()


def start_virtuoso(folder) -> VirtuosoServer:
    """Return a started Virtuoso with its database in *folder*, or skip if it is not installed."""
    programs = virtuoso_programs()
    if programs is None:
        pytest.skip("Virtuoso not installed (apt-get install virtuoso-opensource; .ci/setup-servers.sh)")
    return VirtuosoServer(folder, programs).start()
