"""Two `kg load` processes on one embedded store, and readers during a load.

The second writer waits for the first (kg's write lock) and both batches end up whole; with a
short lock timeout it refuses with a message naming the other process; `kg query`,
`kg readouts` and `kg dump` answer while a load is running.
"""

from __future__ import annotations

import json
import re
import signal
import time
from pathlib import Path

import pytest
from kg_process import expected_graphs, readouts_whole_or_absent, run_kg, start_kg, wait_for_lines
from readout_factory import write_records


@pytest.mark.slow
def test_two_loads_at_once_both_finish_and_nothing_is_lost(tmp_path: Path) -> None:
    first = write_records(tmp_path / "a", 60)
    second = write_records(tmp_path / "b", 60, first=1000)
    store = tmp_path / "store"
    a = start_kg("load", str(tmp_path / "a"), "--store", str(store), KG_LOCK_TIMEOUT="120")
    b = start_kg("load", str(tmp_path / "b"), "--store", str(store), KG_LOCK_TIMEOUT="120")
    out_a, err_a = a.communicate(timeout=180)
    out_b, err_b = b.communicate(timeout=180)
    assert a.returncode == 0, err_a.decode()
    assert b.returncode == 0, err_b.decode()
    assert b"60 loaded, 0 unchanged, 0 rejected, 0 failed" in out_a
    assert b"60 loaded, 0 unchanged, 0 rejected, 0 failed" in out_b
    assert readouts_whole_or_absent(store, expected_graphs(first + second)) == 120


@pytest.mark.slow
def test_second_writer_gives_up_after_its_timeout_naming_the_first(tmp_path: Path) -> None:
    write_records(tmp_path / "big", 3000)  # enough that the load outlasts the other process (loads got faster)
    write_records(tmp_path / "small", 2, first=2000)
    store = tmp_path / "store"
    a = start_kg("load", str(tmp_path / "big"), "--store", str(store))
    try:
        assert a.stdout is not None
        assert wait_for_lines(a.stdout, b"loaded:", 1) == 1  # a holds the lock now
        start = time.monotonic()
        b = run_kg("load", str(tmp_path / "small"), "--store", str(store), KG_LOCK_TIMEOUT="1")
        waited = time.monotonic() - start
        assert a.poll() is None, "the first load finished before the second tried"
        assert b.returncode == 3, b.stdout + b.stderr
        assert re.search(rf"Error: store {re.escape(str(store))} is being written by another kg process "
                         rf"\(pid {a.pid}\); waited 1 s", b.stderr), b.stderr
        assert 1 <= waited < 30
    finally:
        a.send_signal(signal.SIGTERM)
        a.wait()


@pytest.mark.slow
def test_readers_answer_while_a_load_runs(tmp_path: Path) -> None:
    write_records(tmp_path / "big", 3000)  # killed at the end: size costs only the writing of files
    store = tmp_path / "store"
    a = start_kg("load", str(tmp_path / "big"), "--store", str(store))
    try:
        assert a.stdout is not None
        assert wait_for_lines(a.stdout, b"loaded:", 20) == 20
        query = run_kg("query", "--sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                       "--format", "json", "--store", str(store), timeout=60)
        listed = run_kg("readouts", "--store", str(store), timeout=60)
        dumped = run_kg("dump", "--store", str(store), timeout=60)
        still_loading = a.poll() is None
    finally:
        a.send_signal(signal.SIGTERM)
        a.wait()
    assert still_loading, "the load finished before the readers ran; the test proves nothing"
    assert query.returncode == 0, query.stderr
    graphs = int(json.loads(query.stdout)["results"]["bindings"][0]["n"]["value"])
    assert 20 <= graphs <= 3001  # a snapshot: the readouts stored so far, plus the reference graph
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^(\d+) readouts$", listed.stdout, re.MULTILINE)
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout.count("\n") > 100
