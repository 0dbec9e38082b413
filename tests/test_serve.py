"""kg serve over real HTTP on an ephemeral loopback port: GET, POST, content negotiation,
named questions with parameters, refusals and the time limit."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from kg_process import served_endpoint
from query_helpers import fixture_store_at
from rdflib import Graph, URIRef

pytestmark = pytest.mark.slow

ID = "https://w3id.org/climate-kg/id/"
KG = "https://w3id.org/climate-kg/ontology#"
MEETINGS_CN_US = f"SELECT ?m WHERE {{ ?m <{KG}participant> <{ID}actor/CN> , <{ID}actor/US> }} ORDER BY ?m"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_endpoint(fixture_store_at(tmp_path_factory.mktemp("serve")), "--timeout", "2") as url:
        yield url


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()


def get(endpoint: str, query: str, accept: str | None = None) -> tuple[int, str, str]:
    return fetch(f"{endpoint}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept} if accept else {})


def json_values(body: str, var: str) -> list[str]:
    return [b[var]["value"] for b in json.loads(body)["results"]["bindings"]]


EXPECTED_MEETINGS = [f"{ID}meeting/china-us-climate-working-group/2024-09-04",
                     f"{ID}meeting/china-us-climate-working-group/2025-03-10"]


def test_get_with_json_results(endpoint: str) -> None:
    status, ctype, body = get(endpoint, MEETINGS_CN_US, "application/sparql-results+json")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    assert json.loads(body)["head"]["vars"] == ["m"]
    assert json_values(body, "m") == EXPECTED_MEETINGS


def test_default_is_json_and_q_values_are_honoured(endpoint: str) -> None:
    assert get(endpoint, MEETINGS_CN_US)[1].startswith("application/sparql-results+json")
    status, ctype, _ = get(endpoint, MEETINGS_CN_US, "application/sparql-results+json;q=0.5, text/csv")
    assert ctype.startswith("text/csv")


def test_post_sparql_query_body_with_csv(endpoint: str) -> None:
    status, ctype, body = fetch(endpoint, data=MEETINGS_CN_US.encode(),
                                headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and ctype.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [["m"], *[[m] for m in EXPECTED_MEETINGS]]


def test_post_form_with_xml_and_tsv(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": MEETINGS_CN_US}).encode()
    status, ctype, body = fetch(endpoint, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+xml"})
    assert status == 200 and ctype.startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    uris = [u.text for u in ET.fromstring(body).findall(".//r:result/r:binding/r:uri", ns)]
    assert uris == EXPECTED_MEETINGS
    status, ctype, body = fetch(endpoint, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/tab-separated-values"})
    assert ctype.startswith("text/tab-separated-values")
    assert body.splitlines() == ["?m", *[f"<{m}>" for m in EXPECTED_MEETINGS]]


def test_ask_and_construct(endpoint: str) -> None:
    status, _, body = get(endpoint, f"ASK {{ <{ID}actor/AZ> ?p ?o }}")
    assert json.loads(body) == {"head": {}, "boolean": True}
    construct = (f"CONSTRUCT {{ ?m <urn:with> <{ID}actor/BR> }} WHERE "
                 f"{{ ?m <https://w3id.org/climate-kg/ontology#participant> <{ID}actor/BR> }}")
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
        status, ctype, body = get(endpoint, construct, accept)
        assert status == 200 and ctype.startswith(accept)
        g = Graph().parse(data=body, format=fmt)
        assert set(g.subjects()) == {URIRef(f"{ID}meeting/cop29/2024-11-15"),
                                     URIRef(f"{ID}meeting/china-us-climate-working-group/2025-03-10")}


def test_named_questions_are_listed_and_run_with_parameters(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]
    status, ctype, body = fetch(f"{base}/queries")
    listing = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and "meetings-between" in listing and len(listing) >= 12
    assert {p["name"]: p["type"] for p in listing["meetings-between"]["params"]} == {"a": "actor", "b": "actor"}
    status, _, body = fetch(f"{base}/queries/meetings-between?a=CN&b=US",
                            headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json_values(body, "meeting") == EXPECTED_MEETINGS
    status, ctype, body = fetch(f"{base}/queries/commitments?actor=EU&format=csv")
    assert ctype.startswith("text/csv") and "mobilise new finance" in body and body.count("\r\n") == 2


def test_bad_parameter_and_unknown_query(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]
    status, _, body = fetch(f"{base}/queries/meetings?country=Narnia")
    assert status == 400 and "parameter country: no country or union 'Narnia'; closest known:" in body
    status, _, body = fetch(f"{base}/queries/meetings?from=soon")
    assert status == 400 and "parameter from: expected date" in body
    status, _, body = fetch(f"{base}/queries/no-such-question")
    assert status == 404
    for path in ("pyproject.toml", "..%2Fpyproject.toml", "%2Fetc%2Fpasswd"):  # never a file by path
        status, _, body = fetch(f"{base}/queries/{path}")
        assert status == 404 and "[project]" not in body and "root:" not in body


def test_updates_are_refused(endpoint: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = json_values(get(endpoint, count)[2], "n")
    update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    status, _, body = fetch(endpoint, data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body
    form = urllib.parse.urlencode({"update": update}).encode()
    assert fetch(endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    status, _, body = get(endpoint, update)
    assert status == 403 and "refused: INSERT DATA is an update" in body
    status, _, body = get(endpoint, "DROP ALL")
    assert status == 403
    assert fetch(endpoint, method="PUT", data=b"")[0] == 405
    assert json_values(get(endpoint, count)[2], "n") == before


def test_service_is_refused_and_bad_syntax_is_400(endpoint: str) -> None:
    status, _, body = get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in body
    status, _, body = get(endpoint, "SELEKT ?x")
    assert status == 400 and "syntax error" in body


def test_protocol_dataset_parameters_are_refused(endpoint: str) -> None:
    url = f"{endpoint}?{urllib.parse.urlencode({'query': MEETINGS_CN_US, 'default-graph-uri': 'http://127.0.0.1:9/g'})}"
    status, _, body = fetch(url)
    assert status == 400 and "default-graph-uri" in body


def test_time_limit_answers_503(endpoint: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = get(endpoint, slow)
    assert status == 503 and "time limit of 2 s" in body
    assert get(endpoint, MEETINGS_CN_US)[0] == 200  # and it still answers


def test_binds_loopback_only(endpoint: str) -> None:
    assert urllib.parse.urlsplit(endpoint).hostname == "127.0.0.1"


def test_serve_help_mentions_read_only() -> None:
    out = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "serve", "--help"],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).parent).stdout
    assert "read-only SPARQL 1.1 endpoint" in out


def test_named_questions_are_paged_and_say_how_many_more(endpoint: str) -> None:
    base = endpoint.rsplit("/", 1)[0]

    def ask(params: str) -> tuple[int, list[str], str | None]:
        req = urllib.request.Request(f"{base}/queries/evidence?{params}",
                                     headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json_values(resp.read().decode(), "fact"), resp.headers.get("X-More-Rows")
        except urllib.error.HTTPError as exc:
            return exc.code, [], exc.read().decode()

    status, every, more = ask("all=true")
    assert status == 200 and len(every) == 2 and more is None  # not a page: no header
    status, page, more = ask("limit=1")
    assert status == 200 and page == every[:1] and more == "1"
    status, default, more = ask("")
    assert status == 200 and default == every and more == "0"  # fewer rows than a page
    status, _, message = ask("limit=two")
    assert status == 400 and message is not None and "limit must be a whole number" in message
