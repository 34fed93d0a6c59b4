"""Reading and extraction on a Dask cluster: an executor the ingest loop uses like its worker pool.

``--cluster tcp://HOST:8786`` connects to a running scheduler; ``--cluster local:N`` starts a
LocalCluster of N worker processes on this machine. Each worker loads the gazetteer once (a worker
plugin, which also runs on workers that join or are restarted later), tasks are the same
``read_unit`` and ``extract_articles`` calls the local pool runs, and results come back here, to
the one writer. Dask reruns the task of a worker that dies on another worker, so the writer still
sees each article once. Workers read inputs and gazetteer files at the paths given here: on
several machines they need a shared file system.

This module imports Dask (``pip install 'geokg[cluster]'``); the ingest loop imports it only when
a cluster is asked for.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from concurrent.futures import CancelledError, Future
from contextlib import contextmanager
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin
from distributed.scheduler import KilledWorker

from .errors import ClusterUnavailable, IngestFailed
from .ingest import _init_worker
from .lexicon.gazetteer import Gazetteer

CONNECT_TIMEOUT = "10s"
# A cluster task's round trip (client, scheduler, worker and back) is longer than a local pool's, so
# the ingest loop keeps more tasks in flight per worker: 8 times its local depth gave 1.5-2x the
# articles/s of 1 times on one worker (16 was slower again).
QUEUE_DEPTH = 8
PLUGIN_NAME = "geokg-gazetteer"
_LOCAL = re.compile(r"local:(\d+)")
LOST = ("the cluster lost a task ({reason}); the articles written so far are kept: "
        "run the same command again to continue")


def check_spec(spec: str) -> str:
    """Return *spec* when it is ``local:N`` (N >= 1) or a scheduler address (``tcp://HOST:PORT``, …).

    >>> check_spec("local:2"), check_spec("tcp://10.0.0.5:8786")
    ('local:2', 'tcp://10.0.0.5:8786')
    """
    local = _LOCAL.fullmatch(spec)
    if (local and int(local.group(1)) >= 1) or re.fullmatch(r"[a-z]+://\S+", spec):
        return spec
    raise ClusterUnavailable(f"--cluster {spec!r} is neither local:N (N worker processes here) "
                             "nor a scheduler address such as tcp://HOST:8786")


class GazetteerPlugin(WorkerPlugin):
    """A Dask worker plugin: loads the gazetteer once in each worker process."""

    name = PLUGIN_NAME

    def __init__(self, gazetteer: Gazetteer | None, files: tuple[Path, ...]) -> None:
        self.gazetteer, self.files = gazetteer, files

    def setup(self, worker) -> None:
        """Load the gazetteer into this worker's process; return None."""
        _init_worker(self.gazetteer, self.files)


class ClusterPool:
    """Submits tasks to a Dask client; a task the cluster lost fails as IngestFailed."""

    def __init__(self, client) -> None:
        self.client = client
        self.executor = client.get_executor(pure=False)  # inputs are not hashed: each task runs as given
        self.lost = (KilledWorker, CancelledError, OSError)

    def slots(self) -> int:
        """Return how many workers the ingest loop should size its queues for: QUEUE_DEPTH per worker thread."""
        return max(1, sum(self.client.nthreads().values())) * QUEUE_DEPTH

    def submit(self, fn, *args) -> Future:
        """Return a future of ``fn(*args)`` run on the cluster."""
        out: Future = Future()

        def relay(done: Future) -> None:
            try:
                out.set_result(done.result())
            except self.lost as exc:
                out.set_exception(IngestFailed(LOST.format(reason=type(exc).__name__)))
            except BaseException as exc:  # noqa: BLE001 - the task's own error, handed on unchanged
                out.set_exception(exc)

        self.executor.submit(fn, *args).add_done_callback(relay)
        return out


@contextmanager
def cluster_pool(spec: str, gazetteer: Gazetteer | None, files: tuple[Path, ...]) -> Iterator[ClusterPool]:
    """Yield a pool running tasks on the cluster *spec*, each worker with the gazetteer loaded."""
    local = _LOCAL.fullmatch(check_spec(spec))
    cluster = None
    try:
        if local:
            cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster if cluster is not None else spec, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {spec} ({exc}); start one "
                                 "(`dask scheduler`, then `dask worker ADDRESS` on each machine) "
                                 "or use --cluster local:N") from None
    try:
        client.register_plugin(GazetteerPlugin(gazetteer, files), name=PLUGIN_NAME)
        yield ClusterPool(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
