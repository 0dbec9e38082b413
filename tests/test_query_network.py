"""No request leaves the machine, whatever the query text: attempts to reach a local listener
through `kg query` and `kg serve` (escapes, comments, case, prefixes, nested and variable
SERVICE, FROM, USING, LOAD). The listener answers like a SPARQL endpoint, so a query that got
through would come back with its rows; it must see no connection at all."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from query_helpers import fixture_store_at

from kg.cli import cli
from kg.query.sandbox import sandbox_supported
from kg.query.serve import make_server
from kg.query.worker_pool import WORKER
from kg.sparql.safety import check_query
from kg.store.location import open_store

pytestmark = pytest.mark.slow

LEAK = "leaked-from-the-listener"


class Listener:
    """A TCP server on 127.0.0.1 that counts connections and answers with SPARQL results."""

    def __init__(self) -> None:
        self.connections = 0
        listener = self
        body = json.dumps({"head": {"vars": ["x"]},
                           "results": {"bindings": [{"x": {"type": "literal", "value": LEAK}}]}}).encode()

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                listener.connections += 1
                self.rfile.readline()
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n"
                                 + body)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    heard = Listener()
    yield heard
    heard.stop()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(fixture_store_at(tmp_path_factory.mktemp("network")))


@pytest.fixture(scope="module")
def endpoint(store_path: str) -> Iterator[str]:
    server = make_server(open_store(store_path, create=False, read_only=True), "127.0.0.1", 0, timeout=10)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


# The case the issue found: rdflib expands \u005c (a backslash) across the whole text and took
# the SERVICE for part of a string; Oxigraph expands it only inside strings and ran it.
ESCAPE_BYPASS = 'SELECT ?x WHERE {{ BIND("\\u005c" AS ?a) SERVICE <{url}/r> {{ ?x ?y ?z }} BIND(1 #"\n AS ?b) }}'

ATTEMPTS = [
    ESCAPE_BYPASS,
    'SELECT ?x WHERE {{ BIND("\\U0000005c" AS ?a) SERVICE <{url}/r> {{ ?x ?y ?z }} BIND(1 #"\n AS ?b) }}',
    "SELECT ?x WHERE {{ \\u0053ERVICE <{url}/r> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ SERVICE <{url}/\\u0072> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ sErViCe <{url}/r> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ SERVICE#comment }}\n<{url}/r> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ SERVICE SILENT <{url}/r> {{ ?x ?y ?z }} }}",
    "PREFIX e: <{url}/> SELECT ?x WHERE {{ SERVICE e:r {{ ?x ?y ?z }} }}",
    "BASE <{url}/> SELECT ?x WHERE {{ SERVICE <r> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }} }}",
    "SELECT ?x WHERE {{ {{ SELECT ?x WHERE {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }} }} }}",
    "SELECT ?x WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }} }}",
    "SELECT ?x WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}/r> {{ ?s ?y ?z }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }} }}",
    "SELECT ?x WHERE {{ BIND(<{url}/r> AS ?e) SERVICE ?e {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ VALUES ?e {{ <{url}/r> }} SERVICE ?e {{ ?x ?y ?z }} }}",
    "CONSTRUCT {{ ?x ?y ?z }} WHERE {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }}",
    "SELECT ?x FROM <{url}/data.ttl> WHERE {{ ?x ?y ?z }}",
    "SELECT ?x FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?x ?y ?z }} }}",
    "LOAD <{url}/data.ttl>",
    "LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>",
    "DELETE {{ ?x ?y ?z }} USING <{url}/data.ttl> WHERE {{ ?x ?y ?z }}",
    "INSERT {{ ?x ?y ?z }} USING NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?x ?y ?z }} }}",
]


def test_control_an_unguarded_engine_reaches_the_listener(listener: Listener) -> None:
    # Without the guards, Oxigraph does call the listener and returns its rows: the tests
    # below, which expect zero connections, can fail.
    rows = list(ox.Store().query(f"SELECT ?x WHERE {{ SERVICE <{listener.url}/r> {{ ?x ?y ?z }} }}"))
    assert [r["x"].value for r in rows] == [LEAK]
    assert listener.connections == 1


# Escapes are expanded before the check, and the expanded text is what runs: the first two are
# then a query with a long string and no SERVICE, which may answer (with no row of the listener).
EXPANDED_HARMLESS = {ATTEMPTS[0], ATTEMPTS[1]}


@pytest.mark.parametrize("template", ATTEMPTS)
def test_kg_query_reaches_nothing(store_path: str, listener: Listener, template: str) -> None:
    result = CliRunner().invoke(cli, ["query", "--store", store_path, "--sparql", template.format(url=listener.url)])
    if template in EXPANDED_HARMLESS:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2, result.output
        assert "refused" in result.output
    assert LEAK not in result.output
    assert listener.connections == 0


@pytest.mark.parametrize("template", ATTEMPTS)
def test_kg_serve_reaches_nothing(endpoint: str, listener: Listener, template: str) -> None:
    query = template.format(url=listener.url)
    for request in (
        urllib.request.Request(f"{endpoint}?{urllib.parse.urlencode({'query': query})}"),
        urllib.request.Request(endpoint, data=query.encode(), headers={"Content-Type": "application/sparql-query"}),
    ):
        try:
            with urllib.request.urlopen(request, timeout=30) as answered:
                status, body = answered.status, answered.read().decode()
        except urllib.error.HTTPError as refused:
            status, body = refused.code, refused.read().decode()
        assert status == (200 if template in EXPANDED_HARMLESS else 403), body
        assert LEAK not in body
    assert listener.connections == 0


@pytest.mark.parametrize(("text", "message"), [
    ("ASK { ?s ?p \"\\uD800\" }", "is not a character"),
    ("ASK { ?s ?p \"\\U00110000\" }", "is not a character"),
    ("ASK { ?s ?p \"\\u005Cu0041\" }", "refused: \\u escape that is malformed or was made by another"),
    ("ASK { ?s ?p \"\\u12\" }", "refused: \\u escape that is malformed"),
])
def test_escapes_that_name_no_character_are_refused(store_path: str, text: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["query", "--store", store_path, "--sparql", text])
    assert result.exit_code == 2
    assert message in result.output


def test_what_runs_is_the_text_that_was_checked() -> None:
    checked = check_query(ESCAPE_BYPASS.format(url="http://127.0.0.1:1"))
    assert "\\u" not in checked.text and 'BIND("\\" AS ?a)' in checked.text
    assert check_query('ASK { ?s ?p "caf\\u00E9\\u0001" }').text == 'ASK { ?s ?p "caf\u00e9\u0001" }'


def _worker(request: dict[str, Any]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-P", str(WORKER)], input=json.dumps(request).encode(),
                          capture_output=True, timeout=60, check=False)


@pytest.mark.skipif(not sandbox_supported(), reason="the network sandbox is Linux (x86_64, aarch64) only")
@pytest.mark.parametrize("template", [
    "SELECT ?x WHERE {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }}",
    "CONSTRUCT {{ ?x ?y ?z }} WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}/r> {{ ?x ?y ?z }} }} }}",
])
def test_the_worker_cannot_reach_the_network_even_past_the_check(store_path: str, listener: Listener,
                                                                 template: str) -> None:
    # The query goes straight to the worker, as if the safety check had been fooled: the
    # engine itself cannot open a connection.
    done = _worker({"location": store_path, "query": template.format(url=listener.url)})
    assert done.returncode == 2
    assert b"refused: the query tried to open a network connection" in done.stderr
    assert LEAK.encode() not in done.stdout
    assert listener.connections == 0


def test_the_worker_still_reads_the_store(store_path: str) -> None:
    done = _worker({"location": store_path, "query": "ASK { ?s ?p ?o }"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["boolean"] is True


ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_a_busy_worker_ends_when_its_parent_is_killed(store_path: str, tmp_path: Path) -> None:
    # A parent starts a worker as the query layer does (`--parent` = its pid), hands it a query
    # that runs for hours, and is killed with SIGKILL: the worker must not run on as an orphan.
    script = tmp_path / "parent.py"
    request = json.dumps({"location": store_path, "query": ENDLESS})
    script.write_text(
        "import os, subprocess, sys, time\n"
        f"p = subprocess.Popen([sys.executable, '-P', {str(WORKER)!r}, f'--parent={{os.getpid()}}', '--serve'],"
        " stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)\n"
        f"p.stdin.write({request!r}.encode() + b'\\n'); p.stdin.flush()\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(120)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker_pid = int(parent.stdout.readline())
    try:
        assert not _gone_within(worker_pid, 1.0), "the worker should be busy with the query"
        parent.kill()
        parent.wait()
        assert _gone_within(worker_pid, 10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker_pid, signal.SIGKILL)


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie (dead, not yet reaped by init) counts as gone
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except OSError:
            return True
        time.sleep(0.1)
    return False
