"""A killed `kg load --jobs N` leaves no worker behind and no lock held: SIGKILL and SIGTERM
of the parent only (not of its process group), then the next writer gets the store."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kg_process import run_kg, start_kg, wait_for_lines
from readout_factory import write_records

from kg.store.locking import StoreLock

pytestmark = pytest.mark.slow


def children_of(pid: int) -> list[int]:
    """Live child processes of `pid` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_load_and_the_lock_is_free(tmp_path: Path, sig: signal.Signals) -> None:
    write_records(tmp_path / "inbox", 120)
    store = tmp_path / "store"
    proc = start_kg("load", str(tmp_path / "inbox"), "--store", str(store), "--jobs", "2")
    workers: list[int] = []
    try:
        assert proc.stdout is not None
        assert wait_for_lines(proc.stdout, b"loaded:", 3) == 3
        workers = children_of(proc.pid)
        assert len(workers) >= 2, workers
        os.kill(proc.pid, sig)  # the load only: its workers must go by themselves
        proc.wait()
        deadline = time.monotonic() + 15
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(w) for w in workers), "workers outlived their load"
        with StoreLock(store, timeout=5):  # taken at once: no orphan holds it
            pass
        again = run_kg("remove", "0000000000000000", "--store", str(store), KG_LOCK_TIMEOUT="5")
        assert "being written by another" not in again.stderr
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        for w in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(w, signal.SIGKILL)


def test_a_forked_child_does_not_keep_its_parents_lock(tmp_path: Path) -> None:
    # The parent takes the lock, forks a child that lives on, and dies without unlocking.
    script = tmp_path / "fork.py"
    script.write_text(
        "import os, sys, time\n"
        "from kg.store.locking import StoreLock\n"
        f"lock = StoreLock({str(tmp_path / 'store')!r}, timeout=5); lock.acquire()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    os.close(1); os.close(2); time.sleep(30); os._exit(0)\n"
        "print(child, flush=True)\n"
        "os._exit(0)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True)
    child = int(done.stdout)
    try:
        assert alive(child)
        with StoreLock(tmp_path / "store", timeout=2):
            pass
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
