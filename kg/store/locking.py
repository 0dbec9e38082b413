"""One writer at a time per embedded store, across processes.

Oxigraph (RocksDB) refuses a second read-write opener of a folder at once, with an
`OSError` about its LOCK file, so two `kg load` runs would make the second fail. This lock
turns that into waiting: a writer takes `fcntl.flock` on `kg-write.lock` inside the store
folder before opening the store, waits up to a timeout for a writer before it, and says who
holds the lock if it gives up. The kernel releases a flock when its process dies, even by
SIGKILL, so an interrupted load never leaves a stale lock behind. A flock belongs to the open
file, which a forked child shares: a `kg load --jobs N` worker would keep the lock alive after
its parent died. So a forked child closes its copy at once (`os.register_at_fork`); only the
process that took the lock holds it.

Readers do not take the lock: they open the store read-only (a consistent snapshot).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import time
import weakref
from pathlib import Path
from types import TracebackType

from kg.errors import StoreError, UsageError

LOCK_NAME = "kg-write.lock"
DEFAULT_TIMEOUT = 60.0
TIMEOUT_ENV = "KG_LOCK_TIMEOUT"
_POLL = 0.1
# Locks this process holds, by resolved store path: a second writer in the same process
# would otherwise wait for itself until the timeout.
_HELD: weakref.WeakValueDictionary[str, StoreLock] = weakref.WeakValueDictionary()


def lock_timeout_default() -> float:
    """Seconds a writer waits for another: $KG_LOCK_TIMEOUT when set, else 60."""
    value = os.environ.get(TIMEOUT_ENV)
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError as exc:
        raise UsageError(f"${TIMEOUT_ENV}={value!r} is not a number of seconds") from exc
    return max(0.0, seconds)


class StoreLock:
    """An exclusive, inter-process write lock on one store folder (a context manager)."""

    def __init__(self, store_path: Path | str, timeout: float | None = None) -> None:
        self.store_path = Path(store_path)
        self.path = self.store_path / LOCK_NAME
        self.timeout = lock_timeout_default() if timeout is None else timeout
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> str:
        """The pid the current holder wrote into the lock file, or '?'."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return "?"
        return text or "?"

    def acquire(self) -> None:
        if self._fd is not None:
            return
        key = str(self.store_path.resolve())
        if key in _HELD:
            gc.collect()  # a store object nobody uses any more, kept alive by a reference cycle
            if key in _HELD:
                raise StoreError(f"store {self.store_path} is already open for writing in this process")
        try:
            self.store_path.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.store_path}: cannot create the lock file ({exc.strerror})") from exc
        start = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - start
                if waited >= self.timeout:
                    holder = self.holder()
                    os.close(fd)
                    who = f"pid {holder}" if holder == "?" or _running(holder) else \
                        f"pid {holder} has ended, a process it started still holds the lock"
                    raise StoreError(
                        f"store {self.store_path} is being written by another kg process ({who}); "
                        f"waited {waited:.0f} s (set ${TIMEOUT_ENV} to wait longer)"
                    ) from None
                time.sleep(min(_POLL, max(0.0, self.timeout - waited)))
        # The pid is for the message another writer shows; the flock itself is what counts.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        _HELD[key] = self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.pop(str(self.store_path.resolve()), None)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()

    def _forget_in_child(self) -> None:
        """In a forked child: close the inherited descriptor without unlocking (the lock stays
        the parent's; LOCK_UN here would release it for the parent too)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def _forget_locks_in_child() -> None:
    for lock in list(_HELD.values()):
        lock._forget_in_child()
    _HELD.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


def writer_active(store_path: Path | str) -> bool:
    """Whether a kg process holds the store's write lock now (a load is writing)."""
    try:
        fd = os.open(Path(store_path) / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing drops the shared lock if it was taken
    return False


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
