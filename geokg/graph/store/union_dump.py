"""Write the union of an Oxigraph store's graphs, each triple once, from forked workers in parallel.

Reading a subject's triples back from the store costs more than serialising them, and pyoxigraph
holds the GIL while a Python iterator feeds its serialiser, so threads would not help: forked
workers each take every WORKERS-th block of subjects and write each block, serialised, to their
own pipe, and the parent copies the blocks to the output in the subjects' order. Each worker is at
most one block ahead of the parent, so memory stays bounded whatever the store's size, and the
bytes are those of one serialisation of all the blocks in order.
"""

from __future__ import annotations

import os
import signal
import struct
import sys
import traceback
from collections.abc import Iterator
from typing import BinaryIO

import pyoxigraph as ox

from ...namespaces import PREFIXES

_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
WORKERS = min(2, _CORES)  # beyond two, the parent's copying and the repeated subject scans gain little
BLOCK_SUBJECTS = 512  # subjects serialised together: big enough to amortise a pipe write
_SUBJECTS = "SELECT DISTINCT ?s WHERE { ?s ?p ?o }"
_LENGTH = struct.Struct("<Q")
_END = 2**64 - 1  # a block length that marks a worker's last write


def _subject_triples(store: ox.Store, subject: object) -> Iterator[ox.Triple]:
    """Yield each distinct triple about *subject* once, in the store's order."""
    seen: set[ox.Triple] = set()
    for quad in store.quads_for_pattern(subject, None, None, None):
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield triple


def _blocks(store: ox.Store, size: int) -> Iterator[list[object]]:
    """Yield the store's distinct subjects in blocks of *size*, in the order of its graphs' scan."""
    block: list[object] = []
    for solution in store.query(_SUBJECTS, use_default_graph_as_union=True):
        block.append(solution[0])
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def _serialised(store: ox.Store, block: list[object], fmt: ox.RdfFormat) -> bytes:
    """Return the triples of *block*'s subjects serialised in *fmt*, prefixes declared."""
    triples = (t for subject in block for t in _subject_triples(store, subject))
    return ox.serialize(triples, None, fmt, prefixes=PREFIXES)


def _work(store: ox.Store, fmt: ox.RdfFormat, share: tuple[int, int, int], out: int) -> None:
    """Write every block numbered *worker* modulo *workers* to the pipe *out*, then the end mark; exit.

    *share* is (worker, workers, subjects per block).
    """
    worker, workers, size = share
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops its workers itself
        with os.fdopen(out, "wb") as pipe:
            for number, block in enumerate(_blocks(store, size)):
                if number % workers == worker:
                    data = _serialised(store, block, fmt)
                    pipe.write(_LENGTH.pack(len(data)) + data)
            pipe.write(_LENGTH.pack(_END))
    except BrokenPipeError:
        pass  # the parent gave up on the output
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        os._exit(status)


def _read_exact(pipe: BinaryIO, size: int) -> bytes:
    """Return the next *size* bytes of *pipe*; raise RuntimeError if its worker died before writing them."""
    data = pipe.read(size)
    if len(data) != size:
        raise RuntimeError("an export worker process failed (its error is printed above)")
    return data


def _header(fmt: ox.RdfFormat) -> bytes:
    """Return the prefix declarations a serialisation in *fmt* starts with (nothing before its first triple)."""
    probe = [ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))]
    declared = ox.serialize(probe, None, fmt, prefixes=PREFIXES)
    return declared[: len(declared) - len(ox.serialize(probe, None, fmt))]


def _copy_blocks(pipes: list[BinaryIO], out: BinaryIO, fmt: ox.RdfFormat) -> None:
    """Copy the workers' blocks to *out* in turn, each block's prefix declarations after the first dropped."""
    header, number = _header(fmt), 0
    while True:
        pipe = pipes[number % len(pipes)]
        (size,) = _LENGTH.unpack(_read_exact(pipe, _LENGTH.size))
        if size == _END:
            break
        data = _read_exact(pipe, size)
        if number and not data.startswith(header):
            raise AssertionError("a block does not start with the prefix declarations")
        out.write(data if number == 0 else data[len(header):])
        number += 1
    if number == 0:
        out.write(ox.serialize([], None, fmt, prefixes=PREFIXES))  # what one serialisation writes for no triple


def write_union(store: ox.Store, out: BinaryIO, fmt: ox.RdfFormat, *, workers: int = WORKERS,
                block_subjects: int = BLOCK_SUBJECTS) -> None:
    """Write each distinct triple of *store*'s graphs once to *out* in *fmt*, subject by subject; return None.

    The bytes are the same whatever *workers* and *block_subjects*.
    """
    sys.stdout.flush()
    sys.stderr.flush()  # else the workers would print what the parent had buffered
    pids: list[int] = []
    pipes: list[BinaryIO] = []
    copied = False
    try:
        for worker in range(workers):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                for pipe in pipes:
                    pipe.close()
                _work(store, fmt, (worker, workers, block_subjects), write)
            os.close(write)
            pids.append(pid)
            pipes.append(os.fdopen(read, "rb"))
        _copy_blocks(pipes, out, fmt)
        copied = True
    finally:
        for pipe in pipes:
            pipe.close()
        for pid in pids:
            if not copied:  # a failure or Ctrl-C here: the workers' output is no longer wanted
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
