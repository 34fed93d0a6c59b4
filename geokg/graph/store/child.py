"""Run one query in a forked child process, so that nothing the query does can take this one down.

Oxigraph aborts the whole process on some queries (a Rust panic cannot be caught in Python), and
a runaway query holds the GIL-free engine with no way to stop it from Python. A child forked for
the query shares the open store's memory for free; it writes its answer to a pipe and exits. The
parent reads the answer, bounds its size, and kills the child at the deadline, when the caller
gives up (a client that disconnected) or on Ctrl-C, which frees the CPU at once.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import time
import traceback
from collections.abc import Callable
from typing import BinaryIO

from ... import errors
from ...errors import QueryCancelled, QueryCrashed, QueryTimeout, ResultTooLarge

POLL_SECONDS = 0.2  # how often a waiting parent checks its deadline and the caller's cancel test
_ERROR_BYTES = 64 * 1024  # kept of what the child says on failure (a panic prints a long backtrace)
_FAILED = 3  # exit status of a child whose job raised: its error is on the error pipe
_MARK = b"\x00geokg-error\x00"  # starts an error the job raised, as opposed to stray stderr text
_PR_SET_PDEATHSIG = 1  # prctl option: the signal this process gets when its parent dies


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when *parent* dies (Linux), or exit now if it already has; return None."""
    # A parent killed outright (kill -9, out of memory) runs no cleanup: without this its query would
    # go on computing, orphaned, for as long as the query takes.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return  # not Linux: the parent's own cleanup is all there is
    if os.getppid() != parent:
        os._exit(_FAILED)


def _child(job: Callable[[BinaryIO], None], data_w: int, err_w: int, parent: int) -> None:
    """Run *job* on the data pipe in the forked child, then exit without returning."""
    status = 0
    try:
        _die_with(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a query stops
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.dup2(err_w, 2)  # a panic's message lands where the parent reads it
        with os.fdopen(data_w, "wb", buffering=1 << 16) as out:
            job(out)
    except BrokenPipeError:
        status = 0  # the parent stopped reading: it no longer wants the answer
    except BaseException as exc:  # everything ends up in the parent as one error
        status = _FAILED
        known = isinstance(exc, (SyntaxError, OSError, errors.GeokgError))
        text = f"{type(exc).__name__}\n{exc}" if known else traceback.format_exc()
        os.write(err_w, _MARK + text.encode("utf-8", "replace"))
    finally:
        os._exit(status)


def _kill(pid: int) -> None:
    """Kill the child *pid* and reap it; return None."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _raised(err: bytes) -> BaseException:
    """Return the exception a failed child reported: SyntaxError and OSError as themselves."""
    text = err[err.index(_MARK) + len(_MARK):].decode("utf-8", "replace")
    name, _, message = text.partition("\n")
    if name == "SyntaxError":
        return SyntaxError(message)
    if name in ("OSError", "FileNotFoundError", "PermissionError"):
        return OSError(message)
    error = getattr(errors, name, None)
    if isinstance(error, type) and issubclass(error, errors.GeokgError):
        return error(message)
    return RuntimeError(f"the query failed in its worker process: {text.strip().splitlines()[-1]}")


def _crash(status: int, err: bytes) -> QueryCrashed:
    """Return the error for a child that died without answering."""
    text = err.decode("utf-8", "replace").splitlines()
    panic = next((text[i + 1].strip() for i, line in enumerate(text[:-1]) if " panicked at " in line), "")
    how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.WEXITSTATUS(status)}"
    reason = panic or how
    return QueryCrashed(
        f"the query engine failed on this query ({reason}); the store is unharmed. Oxigraph cannot sort "
        "values of mixed kinds (numbers, dates, strings, IRIs) in some ORDER BY: sort on STR(?x) or on one kind of value"
    )


def run_in_child(
    job: Callable[[BinaryIO], None],
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """Return what *job* writes to the stream it is given, run in a forked child process.

    Raises:
        QueryTimeout: After *timeout* seconds (the child is killed).
        ResultTooLarge: When the answer passes *max_bytes* (the child is killed).
        QueryCancelled: When *cancelled()* turns true (the child is killed).
        QueryCrashed: When the child dies without answering (an engine panic).
        SyntaxError, OSError: As the job raised them, for the store's error boundary.
    """
    data_r, data_w = os.pipe()
    err_r, err_w = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(data_r)
        os.close(err_r)
        _child(job, data_w, err_w, parent)
    os.close(data_w)
    os.close(err_w)
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks, size, err = [], 0, b""
    done = False
    try:
        open_fds = {data_r, err_r}
        while open_fds:
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            if cancelled is not None and cancelled():
                raise QueryCancelled("the query was cancelled")
            wait = POLL_SECONDS if deadline is None else max(0.0, min(POLL_SECONDS, deadline - time.monotonic()))
            ready, _, _ = select.select(list(open_fds), [], [], wait)
            for fd in ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    open_fds.discard(fd)
                elif fd == data_r:
                    chunks.append(chunk)
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise ResultTooLarge(f"the result is larger than {max_bytes:,} bytes and was stopped")
                elif len(err) < _ERROR_BYTES:
                    err += chunk
        _, status = os.waitpid(pid, 0)
        done = True
    finally:
        os.close(data_r)
        os.close(err_r)
        if not done:
            _kill(pid)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return b"".join(chunks)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _FAILED and _MARK in err:
        raise _raised(err)
    raise _crash(status, err)
