"""A graph kg edits in place (the summaries: EmbeddedStore.edit_graph) is read back through the
triples the store keeps of it while it holds the write lock: after any sequence of edits, and
of other writes to the same graph, what `triples_about` gives is what the store holds (as a
store opened afresh reads it), and the union holds a triple exactly while some graph states it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.model.namespaces import ID, KG
from kg.sparql.terms import from_ox
from kg.store.embedded import EmbeddedStore

EDITED = ID["graph/edited"]
OTHER = ID["graph/other"]
NODES = [ID[f"summary/node/{i}"] for i in range(4)]
PROPS = [KG.readoutCount, KG.firstSeen, KG.exampleText]
VALUES: list[Node] = [Literal(1), Literal(2), Literal("a sentence with \"quotes\"\nand a line"), URIRef(ID["actor/CN"])]
TRIPLES = [(s, p, o) for s in NODES for p in PROPS for o in VALUES]

triples = st.lists(st.sampled_from(TRIPLES), max_size=6)
steps = st.lists(st.one_of(
    st.tuples(st.just("edit"), triples, triples),
    st.tuples(st.just("read"), st.lists(st.sampled_from(NODES), min_size=1, max_size=4)),
    st.tuples(st.just("other"), triples),  # another graph states some of the same triples
    st.tuples(st.just("replace"), triples),  # the edited graph written whole
), min_size=1, max_size=8)


def named(store: EmbeddedStore, graph: URIRef) -> set[tuple[Node, Node, Node]]:
    name = ox.NamedNode(str(graph))
    return {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            for q in store.oxigraph.quads_for_pattern(None, None, None, name)}


def union(store: EmbeddedStore) -> set[tuple[Node, Node, Node]]:
    return {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            for q in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def graph_of(chosen: list[tuple[Node, Node, Node]]) -> Graph:
    g = Graph()
    for t in chosen:
        g.add(t)
    return g


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_reads_of_a_graph_edited_in_place_are_what_the_store_holds(
        tmp_path_factory: object, plan: list[tuple[object, ...]]) -> None:
    folder = tmp_path_factory.mktemp("edited")  # type: ignore[attr-defined]
    with EmbeddedStore(Path(folder) / "s") as store:
        store.edit_graph(EDITED, [], [TRIPLES[0]])
        for step in plan:
            kind = step[0]
            if kind == "edit":
                store.edit_graph(EDITED, list(step[1]), list(step[2]))  # type: ignore[arg-type]
            elif kind == "read":
                wanted = list(step[1])  # type: ignore[call-overload]
                assert set(store.triples_about(wanted, EDITED)) == {t for t in named(store, EDITED) if t[0] in wanted}
            elif kind == "other":
                store.replace_graph(OTHER, graph_of(list(step[1])))  # type: ignore[call-overload]
            else:
                store.replace_graph(EDITED, graph_of(list(step[1])))  # type: ignore[call-overload]
            assert union(store) == named(store, EDITED) | named(store, OTHER)
            assert set(store.triples_about(NODES[:2], EDITED)) == {t for t in named(store, EDITED) if t[0] in NODES[:2]}
        seen = sorted(store.triples_about(NODES, EDITED))
    with EmbeddedStore(Path(folder) / "s") as fresh:  # nothing kept: every read is a lookup
        assert sorted(fresh.triples_about(NODES, EDITED)) == seen
