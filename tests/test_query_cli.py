"""kg query and kg queries from the command line: names, files, --sparql, formats, --explain."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from query_helpers import fixture_store_at

from kg.cli import cli
from kg.query.named import list_queries

ID = "https://w3id.org/climate-kg/id/"
M1 = f"{ID}meeting/china-us-climate-working-group/2024-09-04"
M3 = f"{ID}meeting/china-us-climate-working-group/2025-03-10"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield str(fixture_store_at(tmp_path_factory.mktemp("cli")))  # the CLI opens it itself


def kg(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_named_query_with_params_in_every_format(store_path: str) -> None:
    base = ["query", "meetings-between", "--param", "a=CN", "-p", "b=US", "--store", store_path]
    code, out = kg(*base, "--format", "json")
    assert code == 0
    assert [b["meeting"]["value"] for b in json.loads(out)["results"]["bindings"]] == [M1, M3]
    code, out = kg(*base, "--format", "csv")
    assert [r[4] for r in csv.reader(io.StringIO(out))] == ["meeting", M1, M3]
    code, out = kg(*base, "--format", "tsv")
    assert out.splitlines()[0].split("\t")[:3] == ["?a", "?b", "?start"]
    assert f"<{M1}>" in out.splitlines()[1]
    code, out = kg(*base, "--format", "xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(out).findall(".//r:result", ns)) == 2
    code, out = kg(*base)
    assert "meeting/china-us-climate-working-group/2024-09-04" in out and out.rstrip().endswith("(2 rows)")


def test_a_query_file_and_sparql_text(store_path: str, tmp_path: Path) -> None:
    rq = tmp_path / "hosts.rq"
    rq.write_text("# title: Hosts\n# param: host  actor  -  the host\n"
                  "SELECT ?host ?m WHERE { ?m <https://w3id.org/climate-kg/ontology#host> ?host } ORDER BY ?m\n")
    code, out = kg("query", str(rq), "-p", "host=AZ", "--format", "csv", "--store", store_path)
    assert code == 0 and out.splitlines()[1:] == [f"{ID}actor/AZ,{ID}meeting/cop29/2024-11-15"]
    code, out = kg("query", "--sparql", f"ASK {{ <{ID}actor/EU> ?p ?o }}", "--format", "json", "--store", store_path)
    assert json.loads(out)["boolean"] is True
    code, out = kg("query", "--sparql", "CONSTRUCT { ?m a <urn:M> } WHERE { ?m <https://w3id.org/climate-kg/ontology#host> ?h }",
                   "--format", "ntriples", "--store", store_path)
    assert code == 0 and len(out.strip().splitlines()) == 3


def test_usage_errors_exit_2(store_path: str) -> None:
    code, out = kg("query", "no-such-question", "--store", store_path)
    assert code == 2 and "no named query 'no-such-question'" in out
    code, out = kg("query", "meetings", "-p", "country=Narnia", "--store", store_path)
    assert code == 2 and "parameter country: no country or union 'Narnia'; closest known:" in out
    code, out = kg("query", "meetings", "-p", "from=last week", "--store", store_path)
    assert code == 2 and "parameter from: expected date" in out
    code, out = kg("query", "--store", store_path)
    assert code == 2 and "give a query NAME or FILE" in out


def test_explain_prints_the_query_and_its_terms_without_running(tmp_path: Path) -> None:
    code, out = kg("query", "commitments", "-p", "actor=cn", "-p", "targetYear=2030", "--explain",
                   "--store", str(tmp_path / "none"))
    assert code == 0
    assert "SELECT DISTINCT ?issued ?commitment" in out
    assert f"?actor = <{ID}actor/CN>" in out
    assert '?targetYear = "2030"^^<http://www.w3.org/2001/XMLSchema#gYear>' in out
    assert not (tmp_path / "none").exists()


def test_queries_lists_every_question_with_its_parameters() -> None:
    code, out = kg("queries")
    assert code == 0
    for q in list_queries():
        assert f"{q.name}  —  {q.title}" in out
        for p in q.params:
            assert f"--param {p.name}=<{p.type}>" in out
    assert "--param minReadouts=<integer> (default 2)" in out
