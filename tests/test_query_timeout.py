"""A query past its time limit stops with a clear error, and its worker process is gone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import cli
from kg.errors import QueryTimeout
from kg.query.named import run
from kg.sparql.results import SelectResult
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store

# 2,000 triples: the three-way cross product below has 8e9 rows, far more than a second's work
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    st = open_store(tmp_path_factory.mktemp("timeout") / "store")
    assert isinstance(st, EmbeddedStore)
    g = Graph()
    for i in range(2000):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    st.replace_graph(URIRef("urn:g"), g)
    yield st
    st.close()


def query_workers() -> list[int]:
    """Our live query-worker children (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"kg/query/worker.py" in cmdline and ppid == os.getpid():
            found.append(int(entry.name))
    return found


def test_a_slow_query_stops_at_its_time_limit(store: Any) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query stopped after its time limit of 1 s"):
        run(store, CROSS_PRODUCT, timeout=1.0)
    elapsed = time.monotonic() - started
    assert 1.0 <= elapsed < 5.0
    if Path("/proc/self").exists():
        assert query_workers() == []


def test_the_same_store_answers_a_quick_query_within_the_limit(store: Any) -> None:
    result = run(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=10.0)
    assert isinstance(result, SelectResult)
    assert str(result.rows[0]["n"]) == "2000"


def test_the_cli_reports_the_time_limit_with_exit_code_2(store: Any) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["query", "--store", store.location, "--sparql", CROSS_PRODUCT,
                                      "--timeout", "0.5"])
    assert result.exit_code == 2
    assert "time limit of 0.5 s" in result.output
    assert time.monotonic() - started < 5.0
