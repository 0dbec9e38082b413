"""The same store on a real Oxigraph server (`oxigraph serve` on loopback) and embedded:
RemoteStore's methods, one-request graph replacement, and identical answers to every named question."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from query_helpers import fixture_graphs, load_fixture
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.errors import QueryError, QueryTimeout, UsageError
from kg.query.named import bind_params, list_queries, load_query, run
from kg.sparql.results import SelectResult
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store
from kg.store.remote import RemoteStore, endpoints_for

pytestmark = pytest.mark.slow

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
READOUT_A = URIRef("https://w3id.org/climate-kg/id/readout/a1a1a1a1a1a1a1a1")

# every named question with its defaults, plus the parameters each takes
CASES: list[tuple[str, dict[str, str]]] = [(q.name, {}) for q in list_queries()] + [
    ("posts-by-country", {"country": "US"}),
    ("post-holders-as-of", {"asOf": "2024-12-31"}),
    ("post-holders-as-of", {"asOf": "2025-06-01", "country": "US"}),
    ("meetings", {"country": "BR"}),
    ("meetings", {"forum": "China-US Climate Working Group", "from": "2025-01-01"}),
    ("meetings", {"to": "2024-12-31"}),
    ("meetings", {"readout": "c3c3c3c3c3c3c3c3", "country": "CN"}),
    ("meetings-between", {"a": "CN", "b": "US"}),
    ("meetings-between", {"a": "EU"}),
    ("meeting-participants", {"meeting": "https://w3id.org/climate-kg/id/meeting/cop29/2024-11-15"}),
    ("forum-history", {"forum": "COP29"}),
    ("forums", {"forum": "China-US Climate Working Group"}),
    ("commitments", {"topic": "methane-non-co2", "status": "reaffirmed"}),
    ("commitments", {"targetYear": "2035", "actor": "EU"}),
    ("commitments", {"text": '"Green {Ports}" pilot;'}),
    ("commitments", {"text": 'x" } ; DROP ALL #', "readout": "a1a1a1a1a1a1a1a1"}),
    ("commitments-reaffirmed", {"minReadouts": "1"}),
    ("presidencies", {"country": "AZ"}),
    ("co-participation", {"country": "US"}),
    ("readout-changes", {"from": "a1a1a1a1a1a1a1a1", "to": "b2b2b2b2b2b2b2b2"}),
    ("evidence", {"fact": "https://w3id.org/climate-kg/id/commitment/a1a1a1a1a1a1a1a1/1"}),
    ("readouts", {"publisher": "state"}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OxigraphServer:
    def __init__(self, location: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}", "--timeout-s", "20"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_server(tmp: Path) -> Iterator[str]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    server = OxigraphServer(tmp)
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from start_server(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="module")
def pair(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RemoteStore, EmbeddedStore]]:
    remote = open_store(server)
    assert isinstance(remote, RemoteStore)
    embedded = open_store(tmp_path_factory.mktemp("embedded") / "store")
    assert isinstance(embedded, EmbeddedStore)
    load_fixture(remote)
    load_fixture(embedded)
    yield remote, embedded
    embedded.close()


def answer(store: Any, name: str, params: dict[str, str]) -> SelectResult:
    query = load_query(name)
    result = run(store, query, bind_params(query, params))
    assert isinstance(result, SelectResult)
    return result


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_named_questions_give_identical_rows(pair: tuple[RemoteStore, EmbeddedStore], name: str,
                                             params: dict[str, str]) -> None:
    remote, embedded = pair
    got, expected = answer(remote, name, params), answer(embedded, name, params)
    assert got.variables == expected.variables
    assert got.rows == expected.rows
    if not params and name != "commitments-reaffirmed":
        assert expected.rows, f"{name} answers nothing on the fixture: the comparison would prove little"


def test_store_methods_match_the_embedded_store(pair: tuple[RemoteStore, EmbeddedStore]) -> None:
    remote, embedded = pair
    assert remote.graph_names() == embedded.graph_names()
    assert len(remote) == len(embedded)
    assert remote.has_graph(READOUT_A) and not remote.has_graph(URIRef("urn:nothing"))
    assert isomorphic(remote.graph(READOUT_A), embedded.graph(READOUT_A))
    assert sorted(remote.quads(), key=str) == sorted(embedded.quads(), key=str)
    solutions = remote.query("SELECT ?t WHERE { ?r <http://purl.org/dc/terms/title> ?t } ORDER BY ?t")
    assert [s["t"].value for s in solutions] == [s["t"].value for s in embedded.query(
        "SELECT ?t WHERE { ?r <http://purl.org/dc/terms/title> ?t } ORDER BY ?t")]


def test_from_a_store_graph_reads_that_graph_on_both(pair: tuple[RemoteStore, EmbeddedStore]) -> None:
    remote, embedded = pair
    text = f"SELECT ?s ?t FROM <{READOUT_A}> WHERE {{ ?s <http://purl.org/dc/terms/title> ?t }}"
    got, expected = run(remote, text), run(embedded, text)
    assert isinstance(got, SelectResult) and isinstance(expected, SelectResult)
    assert got.rows == expected.rows and [str(r["s"]) for r in got.rows] == [str(READOUT_A)]


def test_replace_and_remove_a_graph(server: str) -> None:
    remote = RemoteStore(server)
    name = URIRef("urn:test:replace")
    first = Graph().parse(data="<urn:a> <urn:p> 'one' . <urn:a> <urn:p> 'two' .", format="turtle")
    second = Graph().parse(data="<urn:b> <urn:p> 'three' .", format="turtle")
    remote.replace_graph(name, first)
    remote.replace_graph(name, second)
    assert isomorphic(remote.graph(name), second)
    assert remote.remove_graph(name) is True
    assert remote.remove_graph(name) is False
    assert len(remote.graph(name)) == 0


def test_a_failed_replacement_leaves_the_old_graph_whole(server: str) -> None:
    remote = RemoteStore(server)
    name = URIRef("urn:test:atomic")
    old = Graph().parse(data="<urn:a> <urn:p> 'kept' .", format="turtle")
    remote.replace_graph(name, old)
    # the server rejects the body on its last line: nothing of the new graph may land
    body = b"".join(b"<urn:new%d> <urn:p> 'x' .\n" % i for i in range(500)) + b"<urn:broken"
    with pytest.raises(QueryError, match="refused the request"):
        remote._request(remote._graph_url(name), method="PUT", data=body,
                        headers={"Content-Type": "application/n-triples"})
    assert isomorphic(remote.graph(name), old)
    # a term that cannot be sent is refused before any request
    bad = Graph()
    bad.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:x> <urn:y")))
    with pytest.raises(UsageError, match="not an absolute IRI that can be sent safely"):
        remote.replace_graph(name, bad)
    assert isomorphic(remote.graph(name), old)
    remote.remove_graph(name)


def test_a_slow_remote_query_stops_at_the_time_limit(pair: tuple[RemoteStore, EmbeddedStore]) -> None:
    remote, _ = pair
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 1 s"):
        run(remote, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=1.0)
    assert time.monotonic() - started < 5


def test_endpoint_conventions() -> None:
    ox = endpoints_for("http://localhost:7878")
    assert (ox.query, ox.update, ox.data, ox.union_param) == (
        "http://localhost:7878/query", "http://localhost:7878/update", "http://localhost:7878/store", True)
    assert endpoints_for("http://localhost:7878/query") == ox
    for url in ("http://h:3030/ds", "http://h:3030/ds/", "http://h:3030/ds/sparql", "http://h:3030/ds/query"):
        fu = endpoints_for(url)
        assert (fu.update, fu.data, fu.union_param) == ("http://h:3030/ds/update", "http://h:3030/ds/data", False)
    assert endpoints_for("http://h:3030/ds").query == "http://h:3030/ds/sparql"
    with pytest.raises(UsageError):
        endpoints_for("ftp://h/ds")


@pytest.mark.skipif(not any(EXAMPLES.glob("*.txt")), reason="no example readouts yet")
def test_examples_loaded_by_kg_load_answer_as_in_the_embedded_store(tmp_path: Path) -> None:
    from kg.loader import load_paths

    for url in start_server(tmp_path / "oxigraph"):
        result = CliRunner().invoke(cli, ["load", str(EXAMPLES), "--store", url])
        assert result.exit_code == 0, result.output
        embedded = open_store(tmp_path / "embedded")
        summary = load_paths(embedded, [EXAMPLES])
        assert summary.ok
        remote = RemoteStore(url)
        assert remote.graph_names() == embedded.graph_names()
        for q in list_queries():
            got, expected = answer(remote, q.name, {}), answer(embedded, q.name, {})
            assert got.variables == expected.variables
            # the load time differs between the two loads; every other value must agree
            keep = [v for v in expected.variables if v != "loadedAt"]
            assert [[r.get(v) for v in keep] for r in got.rows] == [[r.get(v) for v in keep] for r in expected.rows], q.name
        # loading again reports the same outcome per readout from both stores
        first = sorted(EXAMPLES.glob("*.txt"))[0]
        again = load_paths(remote, [first])
        again_embedded = load_paths(embedded, [first])
        assert [(o.readout, o.status) for o in again.outcomes] == [
            (o.readout, o.status) for o in again_embedded.outcomes]
        embedded.close()
        assert fixture_graphs()  # the fixture stays loadable alongside
