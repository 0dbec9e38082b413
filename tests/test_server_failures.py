"""A server that cannot take updates, fails, breaks off or dies: one line on stderr, exit 3, no
traceback, and nothing written. Real servers on loopback: `oxigraph serve` (and its read-only
variant, which has no update endpoint), Virtuoso without the SPARQL_UPDATE grant."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from sparql_servers import OXIGRAPH, OxigraphServer, oxigraph_server, virtuoso_server

from kg.cli import cli
from kg.errors import StoreError
from kg.store.remote import RemoteStore

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# a cross product of the store's triples with themselves three times: minutes of work
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_exit_3(result: Result, *words: str) -> str:
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def fill(server: OxigraphServer) -> None:
    """Enough triples for HEAVY to run for minutes (written directly: no extraction needed)."""
    graph = Graph()
    for i in range(400):
        graph.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    RemoteStore(server.url).replace_graph(URIRef("urn:test:filler"), graph)


@pytest.fixture()
def loaded_oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    for server in oxigraph_server(tmp_path / "oxigraph"):
        fill(server)
        yield server


def test_a_server_without_an_update_endpoint_is_named_before_anything_is_written(tmp_path: Path) -> None:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server is not installed")
    OxigraphServer(tmp_path / "ro").stop()  # a database for the read-only server to open
    server = OxigraphServer(tmp_path / "ro", command="serve-read-only")
    try:
        line = one_line_exit_3(invoke("load", str(EXAMPLES), "--store", server.url),
                               "does not take SPARQL updates", f"{server.url}/update")
        assert "loaded" not in line
        assert RemoteStore(server.url).graph_names() == []
    finally:
        server.stop()


def test_virtuoso_without_the_update_grant_is_named_before_anything_is_written(tmp_path: Path) -> None:
    for server in virtuoso_server(tmp_path / "virtuoso", updates=False):
        result = invoke("load", str(EXAMPLES), "--store", server.url)
        one_line_exit_3(result, "does not take SPARQL updates")
        assert "loaded:" not in result.output
        assert RemoteStore(server.url).graph_names() == []


def test_a_server_that_dies_mid_query(loaded_oxigraph: OxigraphServer) -> None:
    killer = threading.Timer(1.5, loaded_oxigraph.kill)  # as the out-of-memory killer would
    killer.start()
    started = time.monotonic()
    result = invoke("query", "--store", loaded_oxigraph.url, "--timeout", "60", "--sparql", HEAVY)
    killer.join()
    one_line_exit_3(result, loaded_oxigraph.url)
    assert time.monotonic() - started < 30


def test_a_server_that_is_gone(loaded_oxigraph: OxigraphServer) -> None:
    loaded_oxigraph.stop()
    one_line_exit_3(invoke("stats", "--store", loaded_oxigraph.url), "cannot reach the server")
    one_line_exit_3(invoke("load", str(EXAMPLES), "--store", loaded_oxigraph.url), "cannot reach the server")


def test_a_server_that_breaks_off_its_answer(tmp_path: Path) -> None:
    """Oxigraph past its own --timeout-s has sent 200 and part of the results: the answer is cut."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server is not installed")
    server = OxigraphServer(tmp_path / "short", "--timeout-s", "1")
    try:
        fill(server)
        one_line_exit_3(invoke("query", "--store", server.url, "--sparql", HEAVY), "broke off")
    finally:
        server.stop()


def test_a_server_error_answer(loaded_oxigraph: OxigraphServer) -> None:
    """A 5xx from a real server: Oxigraph fails an update it cannot apply with 500."""
    remote = RemoteStore(loaded_oxigraph.url)
    with pytest.raises(StoreError, match=r"the server failed \(500\)"):
        remote.client.update("CREATE GRAPH <https://w3id.org/climate-kg/graph/union>")
