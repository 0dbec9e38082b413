"""kg serve as browser tools and SPARQL clients use it: SPARQLWrapper in every format it
offers, CORS (preflight and cross-origin reads from a page of another loopback port), the
Service Description at GET /sparql, 406 for what cannot be given, and the query page at /
driven in headless Chromium."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium, needs_chromium, screenshot_png
from kg_process import served_endpoint
from query_helpers import fixture_store_at
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

pytestmark = pytest.mark.slow

ID = "https://w3id.org/climate-kg/id/"
KG = "https://w3id.org/climate-kg/ontology#"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SELECT = f"SELECT ?m ?p WHERE {{ ?m <{KG}participant> ?p }} ORDER BY ?m ?p"
ASK = f"ASK {{ ?m <{KG}participant> <{ID}actor/CN> }}"
CONSTRUCT = f"CONSTRUCT {{ ?m <{KG}participant> ?p }} WHERE {{ ?m <{KG}participant> ?p }}"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_endpoint(fixture_store_at(tmp_path_factory.mktemp("serve-browser"))) as url:
        yield url


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def request(url: str, *, method: str = "GET", headers: dict[str, str] | None = None,
            data: bytes | None = None) -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, dict(resp.headers.items()), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read().decode()


# ---------------------------------------------------------------- SPARQLWrapper

def wrapper(endpoint: str, query: str, fmt: str, method: str) -> Any:
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_select_and_ask_in_every_results_format(endpoint: str, fmt: str, method: str) -> None:
    answer = wrapper(endpoint, SELECT, fmt, method)
    converted = answer.convert()
    if fmt == "json":
        assert len(converted["results"]["bindings"]) == 9
    elif fmt == "xml":
        assert len(converted.getElementsByTagName("result")) == 9
    else:
        lines = converted.decode().strip().splitlines()
        assert len(lines) == 10 and lines[0].replace("?", "").split("," if fmt == "csv" else "\t") == ["m", "p"]

    ask = wrapper(endpoint, ASK, fmt, method).convert()
    if fmt == "json":
        assert ask["boolean"] is True
    elif fmt == "xml":
        assert ask.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert b"true" in ask


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["turtle", "n3", "xml", "rdf+xml", "rdf", "json-ld", "json"])
def test_sparqlwrapper_construct_in_every_graph_format(endpoint: str, fmt: str, method: str) -> None:
    answer = wrapper(endpoint, CONSTRUCT, fmt, method)
    converted = answer.convert()
    if isinstance(converted, Graph):
        graph = converted
    elif isinstance(converted, bytes | str):
        graph = Graph().parse(data=converted, format="turtle")
    else:  # JSON: the JSON-LD document
        graph = Graph().parse(data=json.dumps(converted), format="json-ld")
    assert len(graph) == 9
    assert (URIRef(f"{ID}meeting/cop29/2024-11-15"), URIRef(f"{KG}participant"), URIRef(f"{ID}actor/AZ")) in graph


# ---------------------------------------------------------------- formats, 406, description

def test_a_format_the_result_cannot_be_given_in_is_406(endpoint: str) -> None:
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': SELECT})}", headers={"Accept": "image/png"})
    assert status == 406 and "application/sparql-results+json" in body
    status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'query': CONSTRUCT, 'format': 'csv'})}")
    assert status == 406 and "turtle" in body
    status, headers, _ = request(f"{endpoint}?{urllib.parse.urlencode({'query': SELECT})}",
                                 headers={"Accept": "image/png, */*;q=0.1"})
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")


def test_get_sparql_without_a_query_is_the_service_description(endpoint: str) -> None:
    status, headers, body = request(endpoint)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    service = URIRef(endpoint)
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    status, headers, body = request(endpoint, headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert (service, RDF.type, SD.Service) in Graph().parse(data=body, format="json-ld")


# ---------------------------------------------------------------- CORS

def test_every_answer_allows_cross_origin_reading(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]
    for url in (f"{endpoint}?{urllib.parse.urlencode({'query': SELECT})}", f"{base}/queries", endpoint, f"{base}/"):
        status, headers, _ = request(url, headers={"Origin": "http://127.0.0.1:9"})
        assert status == 200 and headers.get("Access-Control-Allow-Origin") == "*", url
    status, headers, _ = request(f"{endpoint}?query=nonsense", headers={"Origin": "http://127.0.0.1:9"})
    assert status == 400 and headers.get("Access-Control-Allow-Origin") == "*"  # errors are readable too


def test_options_answers_the_preflight(endpoint: str) -> None:
    status, headers, body = request(endpoint, method="OPTIONS", headers={
        "Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept"})
    assert status == 204 and body == ""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


# ---------------------------------------------------------------- the page, in a browser

@pytest.fixture
def other_origin(tmp_path: Path, endpoint: str) -> Iterator[str]:
    """A page served from another loopback port that POSTs a query to the endpoint with fetch."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"""<!DOCTYPE html><html><body><script>
      window.answer = fetch({json.dumps(endpoint)}, {{method: "POST",
        headers: {{"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}},
        body: {json.dumps(SELECT)}}})
        .then(r => r.json()).then(d => d.results.bindings.length).catch(e => "failed: " + e);
    </script></body></html>""", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@needs_chromium
def test_the_query_page_runs_a_named_question_and_a_cross_origin_page_reads_answers(
        endpoint: str, other_origin: str, tmp_path: Path) -> None:
    base = endpoint.rsplit("/", 1)[0]
    with chromium(tmp_path, width=1280, height=800) as page:
        page.call("Page.navigate", url=f"{base}/")
        page.wait_for("document.body && document.body.dataset.ready === 'yes'")
        assert page.evaluate("document.querySelectorAll('#question option').length") >= 14
        page.evaluate("document.getElementById('question').value = 'meetings-between';"
                      "document.getElementById('question').dispatchEvent(new Event('change'))")
        assert page.evaluate("[...document.querySelectorAll('#params input')].map(i => i.name).join()") == "a,b"
        page.evaluate("document.querySelector('#params input[name=a]').value = 'China';"
                      "document.querySelector('#params input[name=b]').value = 'United States';"
                      "document.getElementById('ask').click()")
        page.wait_for("document.querySelectorAll('#results tbody tr').length > 0")
        assert page.evaluate("document.querySelectorAll('#results tbody tr').length") == 2
        assert page.evaluate("document.getElementById('status').textContent") == "2 rows"
        csv_link = page.evaluate("document.getElementById('csv').href")
        status, headers, body = request(csv_link)
        assert status == 200 and headers["Content-Type"].startswith("text/csv") and len(body.splitlines()) == 3
        screenshot_png(page, tmp_path / "query-page.png")

        page.evaluate("document.getElementById('run').click()")  # the SPARQL box's example query
        page.wait_for("document.getElementById('status').textContent === '3 rows'")
        assert not page.errors(), page.errors()

        page.call("Page.navigate", url=other_origin)
        assert page.wait_for("window.answer") == 9  # read across origins, after a preflight

