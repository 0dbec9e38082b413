"""The query worker processes: a kept one per store for the next queries, or one per query
when that one is busy; each runs `worker.py` (pyoxigraph only) and is stopped at a time limit.

Queries of the embedded store run in a child process so that a time limit can stop them
(pyoxigraph cannot be interrupted in-process) and so that the engine runs where the network
is closed to it (worker.py).
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import QueryError, QueryTimeout
from kg.sparql.safety import RefusedQuery

# Run as a script with -P (nothing prepended to sys.path): it imports only pyoxigraph, not the
# kg package, which halves its start-up time (about 0.05 s on an idle machine).
WORKER = Path(__file__).with_name("worker.py")


def _worker_command() -> list[str]:
    # the worker dies with this process (it checks the pid it is given against its parent's)
    return [sys.executable, "-P", str(WORKER), f"--parent={os.getpid()}"]


class KeptWorker:
    """A query worker process kept for the next queries (`query_worker.py --serve`).

    Starting Python and opening the store cost more than a small query (30-100 ms CPU, more
    on a busy machine); a kept worker pays them once. The time limit holds as before: a query
    past it kills the worker (a Rust call cannot be interrupted), and the next query starts a
    new one. One query at a time per worker (`busy`).
    """

    def __init__(self) -> None:
        self.busy = threading.Lock()
        self.process = subprocess.Popen([*_worker_command(), "--serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = bytearray()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self.alive:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()

    def _fill(self, need: int, deadline: float | None) -> None:
        """Read until the buffer holds `need` bytes (TimeoutError at the deadline, EOFError at exit)."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while len(self.buffer) < need:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    raise TimeoutError
                if not selector.select(wait):
                    continue
                chunk = os.read(fd, max(65536, need - len(self.buffer)))
                if not chunk:
                    raise EOFError
                self.buffer += chunk

    def _take_line(self, deadline: float | None) -> bytes:
        while b"\n" not in self.buffer:
            self._fill(len(self.buffer) + 1, deadline)
        line, _, rest = bytes(self.buffer).partition(b"\n")
        self.buffer = bytearray(rest)
        return line

    def _send(self, request: dict[str, Any], deadline: float | None) -> dict[str, Any]:
        """Send one request and read its header line; EOFError, RuntimeError as `ask`."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise EOFError from None
        header: dict[str, Any] = json.loads(self._take_line(deadline))
        if not header.get("ok"):
            raise RuntimeError(header.get("error") or "worker failed")
        return header

    def ask(self, request: dict[str, Any], timeout: float | None) -> bytes:
        """The worker's answer; TimeoutError (the worker is then dead), EOFError, RuntimeError."""
        deadline = None if timeout is None else time.monotonic() + timeout
        header = self._send(request, deadline)
        size = int(header["size"])
        self._fill(size, deadline)
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data


    def batches(self, request: dict[str, Any], timeout: float | None) -> Iterator[bytes | int]:
        """A paged answer (worker.py's "paged" request): each batch's results JSON as it
        comes, then the number of rows past the limit. TimeoutError, EOFError, RuntimeError
        as `ask`; the whole answer shares one deadline."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self._send(request, deadline)
        while True:
            frame = json.loads(self._take_line(deadline))
            if frame.get("end"):
                if frame.get("error"):
                    raise RuntimeError(frame["error"])
                yield int(frame.get("more", 0))
                return
            size = int(frame["size"])
            self._fill(size, deadline)
            data = bytes(self.buffer[:size])
            del self.buffer[:size]
            yield data


_workers: dict[str, KeptWorker] = {}  # by store location
_workers_lock = threading.Lock()
# A process that queries many stores one after another (a test suite) keeps workers for the
# last few only: each holds a Python process and an open store.
_MAX_KEPT = 2


def take_worker(location: str) -> KeptWorker | None:
    """The kept worker for a store, locked for this caller; None when it is busy (another thread)."""
    retired: list[KeptWorker] = []
    with _workers_lock:
        worker = _workers.get(location)
        if worker is None or not worker.alive:
            if worker is not None:
                retired.append(worker)
            for other in list(_workers):  # oldest first (dicts keep insertion order)
                if len(_workers) < _MAX_KEPT:
                    break
                if other != location and _workers[other].busy.acquire(blocking=False):
                    retired.append(_workers.pop(other))
            _workers.pop(location, None)
            worker = _workers[location] = KeptWorker()
        taken = worker.busy.acquire(blocking=False)
    for old in retired:
        old.close()
    return worker if taken else None


def discard_worker(location: str, worker: KeptWorker) -> None:
    with _workers_lock:
        if _workers.get(location) is worker:
            del _workers[location]
    worker.close()


def close_idle_workers() -> None:
    with _workers_lock:
        idle = [(loc, w) for loc, w in _workers.items() if w.busy.acquire(blocking=False)]
        for loc, _ in idle:
            del _workers[loc]
    for _, worker in idle:
        worker.close()


@atexit.register
def close_workers() -> None:
    """Stop the kept query workers (they also stop by themselves when this process ends)."""
    with _workers_lock:
        workers = list(_workers.values())
        _workers.clear()
    for worker in workers:
        worker.close()


def timeout_error(timeout: float | None) -> QueryTimeout:
    return QueryTimeout(f"query stopped after its time limit of {timeout:g} s "
                        f"(narrow it, add LIMIT, or give a longer --timeout)")


def worker_error(message: str) -> QueryError:
    """A worker's one-line failure as the error the caller reports (a refusal stays one)."""
    if message.startswith("refused:"):
        return RefusedQuery(message)
    return QueryError(f"query failed: {message}")


def run_once(request: dict[str, Any], timeout: float | None) -> bytes:
    """One query in a new child process (when the kept worker is busy with another thread's)."""
    try:
        done = subprocess.run(_worker_command(), input=json.dumps(request).encode(),
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise timeout_error(timeout) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise worker_error(message[-1] if message else f"worker exit {done.returncode}")
    return done.stdout


def run_kept(location: str, request: dict[str, Any], timeout: float | None) -> bytes:
    worker = take_worker(location)
    if worker is None:
        return run_once(request, timeout)
    try:
        data = worker.ask(request, timeout)
    except TimeoutError:
        discard_worker(location, worker)
        close_idle_workers()  # after a stopped query no query process of ours lingers
        raise timeout_error(timeout) from None
    except RuntimeError as exc:
        worker.busy.release()  # a failed query leaves the worker ready for the next
        raise worker_error(str(exc)) from None
    except (EOFError, ValueError, KeyError):
        discard_worker(location, worker)
        raise QueryError("query failed: the query worker stopped") from None
    except BaseException:
        discard_worker(location, worker)  # e.g. KeyboardInterrupt mid-answer: its stream is unusable
        raise
    worker.busy.release()
    return data
