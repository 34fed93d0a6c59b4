"""Ingest on a real Dask cluster (a scheduler and two worker processes on loopback) writes what a local ingest writes."""

from __future__ import annotations

import os
import signal

import pytest

from geokg.cli import cli
from geokg.graph.store import open_store
from geokg.ingest import ingest
from tests.support.corpora import CORPUS, ingested_locally, sorted_quads
from tests.support.servers import free_port

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    """Return a scheduler with two single-threaded worker processes on 127.0.0.1, shared by this module."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as running:
        yield running


@pytest.fixture(scope="module")
def local_quads(tmp_path_factory) -> list[bytes]:
    """Return the quads of a one-job local ingest of the corpus."""
    return ingested_locally(tmp_path_factory.mktemp("local"))


def _errors(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith("error: "))


def test_cluster_ingest_writes_exactly_the_quads_of_a_local_ingest(cluster, local_quads, runner, tmp_path):
    def ingest_twice(name: str, *options: str) -> tuple[list[str], list[list[bytes]]]:
        url = f"oxigraph:{tmp_path / name}"
        stderr, quads = [], []
        for _ in "12":
            run = runner.invoke(cli, ["ingest", *options, "--keep-going", "--store", url, *map(str, CORPUS)])
            assert run.exit_code == 0, run.output
            stderr.append(run.stderr.replace(url, "STORE"))
            quads.append(sorted_quads(url))
        return stderr, quads

    (local, local_again), local_stores = ingest_twice("local")
    (run, again), stores = ingest_twice("cluster", "--cluster", cluster.scheduler_address)
    assert stores[0] == local_quads and stores == local_stores
    # One line per bad input, as a local ingest gives them; the same summaries, on a re-run too.
    assert _errors(run) == _errors(local) and _errors(run)
    assert run.splitlines()[-1] == local.splitlines()[-1]
    assert again.splitlines()[-1] == local_again.splitlines()[-1]


def test_cluster_ingest_loses_nothing_when_a_worker_is_killed_mid_run(cluster, local_quads, tmp_path):
    client = distributed.Client(cluster)
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(report) -> None:
        busy = [address for address, keys in client.processing().items()
                if any(str(key).startswith("extract_articles") for key in keys)]
        if not killed and busy:
            killed.append(pids[busy[0]])
            os.kill(pids[busy[0]], signal.SIGKILL)

    events = []
    url = f"oxigraph:{tmp_path / 'kg'}"
    with open_store(url) as store:
        report = ingest(CORPUS, store, cluster=cluster.scheduler_address, on_progress=kill_a_busy_worker,
                        on_event=lambda kind, where: events.append(where) if kind == "ingested" else None)
    client.wait_for_workers(2, timeout=60)
    assert killed and killed[0] not in client.run(os.getpid).values()  # the worker died; its nanny started another
    client.close()
    assert len(events) == len(set(events)) == report.ingested  # the writer saw each article once
    assert sorted_quads(url) == local_quads


def test_cluster_extract_corpus_then_load_writes_what_ingest_writes(cluster, local_quads, runner, tmp_path):
    shards = tmp_path / "shards"
    made = runner.invoke(cli, ["extract-corpus", "--keep-going", "--cluster", cluster.scheduler_address,
                               "--out", str(shards), "--shard-size", "10", *map(str, CORPUS)])
    assert made.exit_code == 0, made.output
    url = f"oxigraph:{tmp_path / 'kg'}"
    loaded = runner.invoke(cli, ["load", str(shards), "--store", url])
    assert loaded.exit_code == 0, loaded.output
    assert sorted_quads(url) == local_quads


def test_an_unreachable_scheduler_is_one_error_line(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("geokg.cluster.CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = runner.invoke(cli, ["ingest", "--cluster", address, "--store", f"oxigraph:{tmp_path / 'kg'}", str(CORPUS[0])])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address}")


@pytest.mark.parametrize("spec", ["localhost", "local:0", "tcp:/x"])
def test_a_malformed_cluster_spec_says_what_is_expected(runner, tmp_path, spec):
    result = runner.invoke(cli, ["ingest", "--cluster", spec, "--store", f"oxigraph:{tmp_path / 'kg'}", str(CORPUS[0])])
    assert result.exit_code == 1
    assert "neither local:N" in result.stderr and "tcp://HOST:8786" in result.stderr


def test_jobs_and_cluster_together_are_refused(runner, tmp_path):
    result = runner.invoke(cli, ["ingest", "--jobs", "2", "--cluster", "local:2", str(CORPUS[0])])
    assert result.exit_code == 2 and "not both" in result.stderr
