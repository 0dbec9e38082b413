"""Every `.rq` file and every query and update kg writes is strict SPARQL 1.1.

Parsed by Oxigraph's parser, and checked for what lenient parsers let through and Jena refuses:
a variable introduced by `AS` (in SELECT or BIND) that is already in scope (SPARQL 1.1, 18.2.4.1:
`(SAMPLE(?code) AS ?actor)` with ?actor bound in WHERE was one). The servers in the tests
(test_server_corpus.py) run the named questions and views themselves, a third parser.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from kg.model.resources import queries_dir
from kg.query import people
from kg.store import stats, union_updates
from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is a folder of scripts beside the package, not part of kg
    sys.path.insert(0, str(ROOT))

from bench.asked import _PREFIXES, SAMPLES  # noqa: E402

GRAPH = URIRef("https://w3id.org/climate-kg/id/readout/0123456789abcdef")


def rq_files() -> list[Path]:
    return sorted(queries_dir().glob("*.rq")) + sorted((queries_dir() / "views").glob("*.rq"))


def kg_queries() -> dict[str, str]:
    texts = {f"queries/{p.relative_to(queries_dir())}": p.read_text(encoding="utf-8") for p in rq_files()}
    texts.update({
        "people._PEOPLE": people._PEOPLE, "people._PEOPLE_OF": people._PEOPLE_OF,
        "people._KNOWN_PEOPLE": people._KNOWN_PEOPLE, "people._KNOWN_FORUMS": people._KNOWN_FORUMS,
        "stats._READOUTS": stats._READOUTS, "stats._COUNTS": stats._COUNTS, "stats._MENTIONED": stats._MENTIONED,
        "union_updates.GRAPH_NAMES": union_updates.GRAPH_NAMES,
        "union_updates.PENDING_WRITES": union_updates.PENDING_WRITES,
        "union_updates.UNLISTED_KG_GRAPHS": union_updates.UNLISTED_KG_GRAPHS,
        "union_updates.QUAD_COUNT": union_updates.QUAD_COUNT,
        "union_updates.graph_content": union_updates.graph_content(GRAPH),
        "union_updates.triples_about_query": union_updates.triples_about_query([URIRef("urn:a"), URIRef("urn:b")]),
    })
    texts.update({f"bench.asked.{name}": _PREFIXES + text for name, text in SAMPLES.items()})
    return texts


def kg_updates() -> dict[str, str]:
    graph = Graph().parse(data="<urn:a> <urn:p> 'x', 1 ; <urn:q> [ <urn:p> 'blank' ] .", format="turtle")
    return {
        "write_update": union_updates.join(union_updates.write_update(GRAPH, graph)),
        "write_update (no blank nodes)": union_updates.join(union_updates.write_update(
            GRAPH, Graph().parse(data="<urn:a> <urn:p> 'x' .", format="turtle"))),
        "write_update (empty graph)": union_updates.join(union_updates.write_update(GRAPH, Graph())),
        "remove_update": union_updates.join(union_updates.remove_update(GRAPH)),
        "edit_update": union_updates.join(union_updates.edit_update(
            GRAPH, [(URIRef("urn:a"), URIRef("urn:p"), Literal("old"))], [(URIRef("urn:a"), URIRef("urn:p"), Literal(2))])),
        "repair_update": union_updates.join(union_updates.repair_update()),
        "repair_update (a write pending)": union_updates.join(union_updates.repair_update([GRAPH])),
        "PROBE_UPDATE": union_updates.PROBE_UPDATE,
        "EmbeddedStore._RETRACT": EmbeddedStore._RETRACT.format(g=f"<{GRAPH}>"),
    }


def _in_scope_reuse(algebra: Any) -> Iterator[str]:
    """Variables an `AS` introduces while its pattern already binds them (SPARQL 1.1, 18.2.4.1).

    rdflib's algebra has each Extend's pattern's in-scope variables; grouping adds its own
    Extends (a group key taken back from a SAMPLE of itself), which are not the query's."""
    stack = [algebra]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "Extend" and node.var in getattr(node.p, "_vars", set()) \
                    and not _is_group_key(node):
                yield str(node.var)
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)


def _is_group_key(extend: CompValue) -> bool:
    if not (isinstance(extend.expr, Variable) and str(extend.expr).startswith("__agg_")):
        return False
    pattern = extend.p
    while isinstance(pattern, CompValue) and pattern.name != "AggregateJoin":
        pattern = pattern.get("p")
    aggregates = pattern.get("A") if isinstance(pattern, CompValue) else None
    return any(a.name == "Aggregate_Sample" and a.res == extend.expr and a.vars == extend.var
               for a in aggregates or [])


def reused(text: str) -> list[str]:
    return sorted(set(_in_scope_reuse(translateQuery(parseQuery(text)).algebra)))


@pytest.mark.parametrize("name", sorted(kg_queries()))
def test_each_query_is_strict_sparql(name: str) -> None:
    text = kg_queries()[name]
    ox.Store().query(text)  # Oxigraph's parser (the store is empty: only parsing costs)
    assert reused(text) == [], f"{name}: AS rebinds a variable already in scope"


@pytest.mark.parametrize("name", sorted(kg_updates()))
def test_each_update_is_strict_sparql(name: str) -> None:
    ox.Store().update(kg_updates()[name])  # parses, and applies to an empty in-memory store


def test_the_embedded_stores_replacement_update_is_strict_sparql(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    triples = [(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"))]
    store.replace_triples(GRAPH, triples)
    text = store._replacement(ox.NamedNode(str(GRAPH)), [(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("y"))])
    store.close()
    ox.Store().update(text)


def test_the_scope_rule_is_checked() -> None:
    """The check finds the error kg people had (Jena refused it; Oxigraph and rdflib accept it)."""
    bad = ("SELECT ?p (SAMPLE(?code) AS ?actor) WHERE { ?p <urn:r> ?actor OPTIONAL { ?actor <urn:c> ?code } } "
           "GROUP BY ?p")
    ox.Store().query(bad)  # what a lenient parser does
    assert reused(bad) == ["actor"]
    assert reused("SELECT ?p WHERE { ?p <urn:r> ?x BIND(1 AS ?x) }") == ["x"]
    assert reused("SELECT ?p (SAMPLE(?code) AS ?actor) WHERE { ?p <urn:r> ?a OPTIONAL { ?a <urn:c> ?code } } "
                  "GROUP BY ?p") == []
