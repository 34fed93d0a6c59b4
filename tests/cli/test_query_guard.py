"""`geokg query` on hostile queries: an engine crash is one line, runaway queries stop, updates are refused."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.demo import demo_paths, ingest_into

# The smallest trigger of an Oxigraph sort panic (pyoxigraph 0.5.13): numbers compare by value but a
# number and a string compare as text, so 9 < 10 < "5" < 9 is a cycle; Rust's sort checks its
# comparator from 21 values on and aborts the process.
SMALLEST_PANIC = "SELECT ?o WHERE { VALUES ?o { %s } } ORDER BY ?o" % " ".join(f'{i} "{i}"' for i in range(1, 12))
DEMO_PANIC = "SELECT * WHERE { ?s ?p ?o . ?s ?p2 ?o2 } ORDER BY ?o ?o2"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COMMAND = [sys.executable, "-c", "from geokg.cli import main; main()", "query"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    """Return the URL of an on-disk store holding the demo corpus."""
    return ingest_into(f"oxigraph:{tmp_path_factory.mktemp('guard') / 'kg'}", demo_paths())


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `geokg query ARGS` in its own process (a crash there must not end the tests)."""
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("sparql", [SMALLEST_PANIC, DEMO_PANIC], ids=["smallest", "demo"])
def test_an_engine_panic_is_one_error_line(demo, sparql):
    done = run("--store", demo, sparql)
    assert done.returncode == 1, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: the query engine failed on this query")
    assert "ORDER BY" in lines[0]


def test_the_store_answers_after_a_panic(demo):
    assert run("--store", demo, SMALLEST_PANIC).returncode == 1
    done = run("--store", demo, "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?a a gkg:Article }")
    assert done.returncode == 0 and done.stdout.splitlines()[1].isdigit()


def test_timeout_stops_a_runaway_query(demo):
    started = time.monotonic()
    done = run("--store", demo, "--timeout", "1", RUNAWAY)
    assert time.monotonic() - started < 15
    assert done.returncode == 1 and "ran longer than 1 s" in done.stderr


def test_ctrl_c_stops_a_runaway_query_within_a_second(demo):
    # As from a terminal: a suite started in the background inherits Ctrl-C ignored, which the command respects.
    process = subprocess.Popen([*COMMAND, "--store", demo, RUNAWAY], stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        _wait_for_worker(process)  # deep in the query, not still starting up
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
        interrupted = time.monotonic()
        process.wait(timeout=10)
        assert time.monotonic() - interrupted < 1.5
        assert process.returncode != 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("update", ["DELETE WHERE { ?s ?p ?o }", "PREFIX ex: <urn:x:> INSERT DATA { ex:a ex:b ex:c }",
                                    "CLEAR ALL", "\\u0044ROP ALL"])
def test_updates_are_refused_with_what_to_do(demo, update):
    done = run("--store", demo, update)
    assert done.returncode == 1
    assert "read-only for queries" in done.stderr and "geokg ingest" in done.stderr


def test_a_query_killed_with_its_command_does_not_run_on(demo):
    process = subprocess.Popen([*COMMAND, "--store", demo, RUNAWAY], stderr=subprocess.PIPE, text=True)
    try:
        workers = _wait_for_worker(process)
        assert workers
        process.kill()  # no cleanup runs in the command: only the kernel can stop its worker
        process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _wait_for_worker(process: subprocess.Popen, seconds: float = 60) -> list[int]:
    """Return the pids of the query's worker once the command has forked it, and it has run a second."""
    deadline = time.monotonic() + seconds
    while not _children(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)
    return _children(process.pid)


def _children(pid: int) -> list[int]:
    """Return the pids of the children of *pid* (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    """Return True when *pid* runs and is no zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False
