"""Run `kg` as a real separate process, as a user's shell would, for kill and concurrency tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.loader import _without_load_time, prepare
from kg.model.namespaces import REFERENCE_GRAPH, SUMMARY_GRAPH
from kg.read.sources import read_path
from kg.sparql.terms import from_ox, to_ox
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def kg_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KG_STORE", None)
    env["PYTHONUNBUFFERED"] = "1"  # each "loaded:" line reaches the pipe as it is printed
    env.update(extra)
    return env


def start_kg(*args: str, **env: str) -> subprocess.Popen[bytes]:
    # A session of its own, so the test can SIGKILL the load and any worker it started.
    return subprocess.Popen([*KG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=kg_env(**env),
                            start_new_session=True)


def run_kg(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=kg_env(**env), timeout=timeout)


def wait_for_lines(stream: IO[bytes], prefix: bytes, count: int, deadline: float = 120) -> int:
    """Read a process's output until `count` lines start with `prefix`; gives how many it saw."""
    seen = 0
    end = time.monotonic() + deadline
    while seen < count and time.monotonic() < end:
        line = stream.readline()
        if not line:
            break
        if line.startswith(prefix):
            seen += 1
    return seen


def canonical(graph: Graph) -> set[tuple[object, object, object]]:
    """The triples as the store keeps them (Oxigraph canonicalises some literals), load time left out."""
    memory = ox.Store()
    memory.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in graph)  # type: ignore[arg-type]
    back = Graph()
    for q in memory:
        back.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return _without_load_time(back)


def expected_graphs(paths: list[Path]) -> dict[str, set[tuple[object, object, object]]]:
    """What the mapping produces for each input: graph name → triples."""
    out = {}
    for path in paths:
        prepared = prepare(read_path(path))
        out[str(prepared.iri)] = canonical(prepared.graph)
    return out


def readouts_whole_or_absent(store_path: Path, expected: dict[str, set[tuple[object, object, object]]]) -> int:
    """Check that the store opens for writing and holds each readout completely or not at all.

    Gives the number of readouts present. Fails on a partial graph or a graph nobody loaded.
    """
    writer = open_store(store_path, create=False)  # opens (and takes the lock) after the kill
    assert isinstance(writer, EmbeddedStore)
    writer.close()
    store = open_store(store_path, create=False, read_only=True)
    assert isinstance(store, EmbeddedStore)
    present = 0
    for name in store.graph_names():
        if name in (str(REFERENCE_GRAPH), str(SUMMARY_GRAPH)):  # not a readout's (summaries: tests/test_summaries.py)
            continue
        assert name in expected, f"a graph no input produced: {name}"
        held = canonical(store.graph(URIRef(name)))
        assert held == expected[name], f"{name}: partial or different ({len(held)} of {len(expected[name])} triples)"
        present += 1
    store.close()
    return present


@contextmanager
def served_endpoint(store: Path | str, *options: str) -> Iterator[str]:
    """`kg serve` over `store` on a free loopback port, as a real process: yields its endpoint URL
    (…/sparql) and stops the process afterwards."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "0", *options,
         "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("SPARQL endpoint: http://127.0.0.1:"), line + (proc.stderr.read() if proc.stderr else "")
        yield line.split()[2]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
