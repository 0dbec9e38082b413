"""Hostile RDF cannot expand entities, fetch URLs or read local files through kg.

Each test watches for the access itself: a local HTTP server on 127.0.0.1 counts every
request it gets, and an audit hook records every `open` and `socket.connect` the process
makes while the hostile input is handled. Controls show that the same watchers do notice
the access when the unsafe library call is made directly.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.errors import UnsafeRDFError
from kg.rdf.safety import check_shapes_graph, parse_rdf, read_rdf_file, safe_shacl_validate

# --- watchers ---------------------------------------------------------------------------------


@dataclass
class AuditLog:
    recording: bool = False
    events: list[tuple[str, str]] = field(default_factory=list)

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if self.recording and event in ("open", "socket.connect", "urllib.Request"):
            self.events.append((event, str(args[0]) if event != "socket.connect" else str(args[1])))

    def opened(self, fragment: str) -> list[str]:
        return [arg for event, arg in self.events if event == "open" and fragment in arg]

    def network(self) -> list[tuple[str, str]]:
        return [e for e in self.events if e[0] in ("socket.connect", "urllib.Request")]


AUDIT = AuditLog()
sys.addaudithook(AUDIT.hook)  # hooks cannot be removed; it records only while `recording`


@pytest.fixture
def audit() -> Iterator[AuditLog]:
    AUDIT.events.clear()
    AUDIT.recording = True
    try:
        yield AUDIT
    finally:
        AUDIT.recording = False


class CountingServer:
    """An HTTP server on 127.0.0.1 that answers everything and counts the requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.requests.append(self.path)
                if "sparql" in self.path:
                    body = json.dumps({"head": {"vars": ["this"]}, "results": {"bindings": []}}).encode()
                    kind = "application/sparql-results+json"
                elif self.path.endswith(".ttl"):
                    body = b"<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ."
                    kind = "text/turtle"
                else:
                    body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
                    kind = "application/ld+json"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _answer
            do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[CountingServer]:
    srv = CountingServer()
    try:
        yield srv
    finally:
        srv.close()


# --- XML: DTDs and entities -----------------------------------------------------------------

RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
        f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>\n"
    ).encode()


def test_billion_laughs_rdfxml_is_refused_in_well_under_a_second(tmp_path: Path) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_bytes(billion_laughs())
    start = time.perf_counter()
    with pytest.raises(UnsafeRDFError) as err:
        read_rdf_file(path)
    assert time.perf_counter() - start < 0.5
    assert str(err.value).startswith(f"{path}: refused: the XML declares <!DOCTYPE")


@pytest.mark.parametrize("target", ["file", "http"])
def test_external_entities_are_refused_before_any_access(tmp_path: Path, server: CountingServer,
                                                         audit: AuditLog, target: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    system = secret.as_uri() if target == "file" else f"{server.url}/xxe"
    doc = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "{system}">]>'
           f'<rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p>'
           "</rdf:Description></rdf:RDF>").encode()
    audit.events.clear()
    with pytest.raises(UnsafeRDFError, match="refused"):
        parse_rdf(doc, "xxe.rdf")
    assert audit.opened("secret.txt") == []
    assert audit.network() == []
    assert server.requests == []


def test_trix_with_a_dtd_is_refused() -> None:
    doc = (b'<?xml version="1.0"?><!DOCTYPE TriX [<!ENTITY e "x">]>'
           b'<TriX xmlns="http://www.w3.org/2004/03/trix/trix-1/"><graph><triple>'
           b"<uri>http://example.org/a</uri><uri>http://example.org/p</uri><plainLiteral>&e;</plainLiteral>"
           b"</triple></graph></TriX>")
    with pytest.raises(UnsafeRDFError, match="data.trix: refused: the XML declares <!DOCTYPE"):
        parse_rdf(doc, "data.trix")


def test_a_dtd_hidden_in_utf16_is_found() -> None:
    doc = billion_laughs().decode().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(UnsafeRDFError, match="DOCTYPE"):
        parse_rdf(doc.encode("utf-16"), "wide.rdf")


def test_plain_rdfxml_and_trix_still_parse() -> None:
    doc = (f'<?xml version="1.0"?><rdf:RDF {RDF_NS}><rdf:Description rdf:about="http://example.org/a">'
           '<ex:p>café</ex:p></rdf:Description></rdf:RDF>').encode()
    assert len(parse_rdf(doc, "ok.rdf")) == 1


# --- JSON-LD: remote contexts ---------------------------------------------------------------

def remote_context_documents(url: str) -> list[Any]:
    return [
        {"@context": f"{url}/context.jsonld", "@id": "http://example.org/a", "name": "x"},
        {"@context": [{"ex": "http://example.org/"}, f"{url}/context.jsonld"], "@id": "ex:a"},
        {"@context": {"ex": "http://example.org/"}, "@graph": [{"@context": f"{url}/nested.jsonld", "@id": "ex:b"}]},
        {"@context": {"@version": 1.1, "@import": f"{url}/import.jsonld"}, "@id": "http://example.org/a"},
        {"@context": {"knows": {"@id": "http://example.org/knows", "@context": f"{url}/scoped.jsonld"}},
         "@id": "http://example.org/a", "knows": {"@id": "http://example.org/b"}},
        [{"@context": f"{url}/in-a-list.jsonld", "@id": "http://example.org/a"}],
    ]


@pytest.mark.parametrize("case", range(6))
def test_jsonld_remote_context_is_refused_without_a_request(case: int, server: CountingServer,
                                                            audit: AuditLog) -> None:
    doc = remote_context_documents(server.url)[case]
    with pytest.raises(UnsafeRDFError, match=r"data.jsonld: refused: @(context|import) at \$.* names a document"):
        parse_rdf(json.dumps(doc).encode(), "data.jsonld")
    assert server.requests == []
    assert audit.network() == []


def test_control_rdflib_alone_does_fetch_the_remote_context(server: CountingServer) -> None:
    """Shows the counting server notices: rdflib's own JSON-LD parser fetches the context."""
    doc = remote_context_documents(server.url)[0]
    Graph().parse(data=json.dumps(doc), format="json-ld")
    assert server.requests == ["/context.jsonld"]


def test_jsonld_with_an_inline_context_parses() -> None:
    doc = {"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": "v"}
    dataset = parse_rdf(json.dumps(doc).encode(), "ok.jsonld")
    assert len(dataset) == 1


# --- SHACL: owl:imports and SPARQL in shapes --------------------------------------------------

DATA = Graph().parse(data="""
@prefix ex: <http://example.org/> .
ex:a a ex:Thing ; ex:name "A" .
""", format="turtle")


def shapes_with_query(query: str) -> Graph:
    return Graph().parse(data=f'''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:sparql [ a sh:SPARQLConstraint ; sh:message "hostile" ; sh:select """{query}""" ] .
''', format="turtle")


def test_owl_imports_in_shapes_are_never_followed(server: CountingServer, audit: AuditLog) -> None:
    shapes = Graph().parse(data=f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <http://example.org/> .
<http://example.org/shapes> a owl:Ontology ; owl:imports <{server.url}/imported.ttl> .
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
""", format="turtle")
    conforms, _, _ = safe_shacl_validate(DATA, shapes)
    assert conforms
    assert server.requests == []
    assert audit.network() == []
    with pytest.raises(UnsafeRDFError, match="do_owl_imports=True"):
        safe_shacl_validate(DATA, shapes, do_owl_imports=True)
    # Control: pyshacl asked to import does fetch, and the server counts it.
    pyshacl.validate(DATA, shacl_graph=shapes, do_owl_imports=True)
    assert server.requests == ["/imported.ttl"]


def shapes_with_target(query: str) -> Graph:
    return Graph().parse(data=f'''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Shape a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select """{query}""" ] ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ] .
''', format="turtle")


@pytest.mark.parametrize("where", ["constraint", "target"])
def test_service_in_a_sparql_shape_is_refused_without_a_request(server: CountingServer, audit: AuditLog,
                                                                where: str) -> None:
    make = shapes_with_query if where == "constraint" else shapes_with_target
    shapes = make(f"SELECT $this WHERE {{ OPTIONAL {{ SERVICE <{server.url}/sparql> {{ $this ?p ?o }} }} }}")
    with pytest.raises(UnsafeRDFError, match="refused: the SPARQL of .*SERVICE"):
        safe_shacl_validate(DATA, shapes, advanced=True)
    assert server.requests == []
    assert audit.network() == []


def test_control_pyshacl_alone_runs_service_in_a_sparql_target(server: CountingServer) -> None:
    """Shows the watcher notices: unchecked, pyshacl's SPARQL targets do call the endpoint."""
    shapes = shapes_with_target(f"SELECT ?this WHERE {{ SERVICE <{server.url}/sparql> {{ ?this ?p ?o }} }}")
    pyshacl.validate(DATA, shacl_graph=shapes, advanced=True)
    assert server.requests == ["/sparql"]


def test_from_a_local_file_in_a_sparql_shape_is_refused_without_opening_it(tmp_path: Path, audit: AuditLog) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://example.org/s> <http://example.org/p> 'secret' .")
    shapes = shapes_with_query(f"SELECT $this FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}")
    audit.events.clear()
    with pytest.raises(UnsafeRDFError, match="FROM"):
        safe_shacl_validate(DATA, shapes)
    assert audit.opened("secret.ttl") == []


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }",
])
def test_updates_in_a_sparql_shape_are_refused(update: str) -> None:
    with pytest.raises(UnsafeRDFError, match="update"):
        check_shapes_graph(shapes_with_query(update), "evil-shapes.ttl")


def test_sh_update_and_shacl_js_are_refused() -> None:
    shapes = Graph().parse(data="""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Rule sh:update "DELETE WHERE { ?s ?p ?o }" .
""", format="turtle")
    with pytest.raises(UnsafeRDFError, match="sh:update"):
        check_shapes_graph(shapes, "rules.ttl")
    js = Graph().parse(data="""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Lib sh:jsLibraryURL "http://127.0.0.1:9/lib.js" .
""", format="turtle")
    with pytest.raises(UnsafeRDFError, match="SHACL-JavaScript"):
        check_shapes_graph(js, "js.ttl")


def test_the_projects_own_shapes_pass_the_check() -> None:
    shapes_file = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
    shapes = Graph().parse(shapes_file)
    check_shapes_graph(shapes, str(shapes_file))  # their SPARQL constraints are local, read-only queries


# --- the CLI: restore and query ------------------------------------------------------------

def test_restore_of_owl_imports_stores_the_triple_and_fetches_nothing(tmp_path: Path, server: CountingServer,
                                                                      audit: AuditLog) -> None:
    backup = tmp_path / "b.trig"
    backup.write_text(f"<http://example.org/g> {{ <http://example.org/o> "
                      f"<http://www.w3.org/2002/07/owl#imports> <{server.url}/imported.ttl> . }}\n")
    result = CliRunner().invoke(cli, ["restore", str(backup), "--any-rdf", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "restored 1 quads" in result.output
    assert server.requests == []
    assert audit.network() == []


def test_restore_of_jsonld_with_a_remote_context_is_refused(tmp_path: Path, server: CountingServer) -> None:
    backup = tmp_path / "b.jsonld"
    backup.write_text(json.dumps(remote_context_documents(server.url)[0]))
    result = CliRunner().invoke(cli, ["restore", str(backup), "--any-rdf", "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert f"{backup}: refused: @context" in result.output
    assert server.requests == []


def test_a_query_file_cannot_call_a_service(tmp_path: Path, server: CountingServer, audit: AuditLog) -> None:
    if "query" not in cli.commands:
        pytest.skip("kg query is not registered yet")
    store = tmp_path / "s"
    CliRunner().invoke(cli, ["restore", str(write_one_quad(tmp_path)), "--any-rdf", "--store", str(store)])
    query = tmp_path / "evil.rq"
    query.write_text(f"SELECT * WHERE {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}")
    result = CliRunner().invoke(cli, ["query", str(query), "--store", str(store)])
    assert result.exit_code != 0
    assert "SERVICE" in result.output
    assert server.requests == []
    assert audit.network() == []


def write_one_quad(tmp_path: Path) -> Path:
    path = tmp_path / "one.nq"
    path.write_text("<http://example.org/s> <http://example.org/p> \"o\" <http://example.org/g> .\n")
    return path
