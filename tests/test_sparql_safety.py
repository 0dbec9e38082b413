"""Refused before any network or file access: SERVICE, FROM outside the store, updates."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from query_helpers import load_fixture, rows

from kg.cli import cli
from kg.errors import QueryError
from kg.query.named import run
from kg.sparql.safety import RefusedQuery, UpdateRefused, check_query
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store
from kg.store.remote import RemoteStore

READOUT_A = "https://w3id.org/climate-kg/id/readout/a1a1a1a1a1a1a1a1"


class Recorder:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                recorder.requests.append(f"{self.command} {self.path}")
                self.send_response(500)
                self.end_headers()

            do_GET = do_POST = do_PUT = _record

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    r = Recorder()
    yield r
    r.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    st = open_store(tmp_path_factory.mktemp("safety") / "store")
    assert isinstance(st, EmbeddedStore)
    load_fixture(st)
    yield st
    st.close()


def test_the_recorder_sees_a_service_call_made_without_the_check(recorder: Recorder) -> None:
    # Control: pyoxigraph itself does send HTTP for SERVICE, so the tests below can fail.
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{recorder.url}/sparql> {{ ?s ?p ?o }} }}"))
    assert recorder.requests, "pyoxigraph did not call the endpoint: the recorder proves nothing"


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}/sparql> {{ ?s ?q ?r }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ BIND(<{url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}/> ASK {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_and_no_request_leaves(store: Any, recorder: Recorder, template: str) -> None:
    with pytest.raises(RefusedQuery, match=r"refused: SERVICE .* another endpoint"):
        run(store, template.format(url=recorder.url))
    assert recorder.requests == []


def test_service_is_refused_before_a_remote_store_sees_it(recorder: Recorder) -> None:
    remote = RemoteStore(recorder.url)
    with pytest.raises(RefusedQuery, match="SERVICE"):
        run(remote, f"SELECT * WHERE {{ SERVICE <{recorder.url}/other> {{ ?s ?p ?o }} }}")
    assert recorder.requests == []


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_outside_the_store_is_refused(store: Any, recorder: Recorder, clause: str) -> None:
    with pytest.raises(RefusedQuery, match=rf"refused: {clause} <{recorder.url}/data.ttl> is not a graph of this store"):
        run(store, f"SELECT * {clause} <{recorder.url}/data.ttl> WHERE {{ ?s ?p ?o }}")
    with pytest.raises(RefusedQuery, match="not a graph of this store"):
        run(store, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert recorder.requests == []


def test_from_a_graph_of_the_store_reads_that_graph_only(store: Any) -> None:
    # (a readout's named graph holds its shared triples and its type; its own ones, such as its
    # title, are in the union only: kg/store/own_triples.py)
    result = run(store, f"PREFIX kg: <https://w3id.org/climate-kg/ontology#> SELECT ?r FROM <{READOUT_A}> "
                        "WHERE { ?r a kg:Readout }")
    assert rows(result, "r") == [("readout/a1a1a1a1a1a1a1a1",)]


UPDATES = [
    ("LOAD <{url}/data.ttl>", "LOAD"),
    ("LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>", "LOAD"),
    ("INSERT DATA {{ <urn:a> <urn:b> <urn:c> }}", "INSERT DATA"),
    ("DELETE WHERE {{ ?s ?p ?o }}", "DELETE WHERE"),
    ("DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", "DELETE/INSERT"),
    ("DROP ALL", "DROP"),
    ("CLEAR DEFAULT", "CLEAR"),
    ("CREATE GRAPH <urn:g>", "CREATE"),
    ("ADD <urn:a> TO <urn:b>", "ADD"),
    ("WITH <urn:g> INSERT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", "DELETE/INSERT"),
]


@pytest.mark.parametrize(("template", "word"), UPDATES)
def test_updates_are_refused_and_the_store_is_unchanged(store: Any, recorder: Recorder, template: str, word: str) -> None:
    before = sorted(store.quads(), key=str)
    with pytest.raises(UpdateRefused, match=f"refused: {word} is an update; queries here are read-only"):
        run(store, template.format(url=recorder.url))
    assert sorted(store.quads(), key=str) == before
    assert recorder.requests == []


def test_a_query_followed_by_an_update_is_not_run(store: Any) -> None:
    with pytest.raises(QueryError, match="syntax error"):
        run(store, "SELECT * WHERE { ?s ?p ?o } ; DROP ALL")


def test_check_reports_the_query_form_and_projection() -> None:
    checked = check_query("SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c } GROUP BY ?a")
    assert (checked.form, checked.projection) == ("SELECT", ("a", "n"))
    assert check_query("ASK {}").form == "ASK"
    assert check_query("DESCRIBE <urn:x>").form == "DESCRIBE"


def test_the_cli_refuses_with_exit_code_2(store: Any, recorder: Recorder) -> None:
    result = CliRunner().invoke(cli, ["query", "--store", store.location, "--sparql", f"LOAD <{recorder.url}/x>"])
    assert result.exit_code == 2
    assert "refused: LOAD is an update" in result.output
    result = CliRunner().invoke(cli, ["query", "--store", store.location, "--sparql",
                                      f"SELECT * WHERE {{ SERVICE <{recorder.url}/s> {{ ?s ?p ?o }} }}"])
    assert result.exit_code == 2
    assert "refused: SERVICE" in result.output
    assert recorder.requests == []
