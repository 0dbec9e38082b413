"""A readout's own triples are stored once, in the union (kg/store/own_triples.py): the split,
reading a graph back whole, and writes, removals and replacements in any order leaving the
store as loading the surviving readouts from scratch would; stores written before the layout
(own triples in the named graphs too) read, remove and replace the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS

from kg.loader import prepare
from kg.model.namespaces import ID, KG, OA, REFERENCE_GRAPH, SCHEMA
from kg.model.reference_rdf import reference_graph
from kg.read.sources import read_path
from kg.sparql.terms import to_ox
from kg.store.embedded import EmbeddedStore
from kg.store.own_triples import split, split_ntriples
from kg.store.stats import validate_store

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))


def small_readout(hash_: str, countries: list[str]) -> tuple[URIRef, Graph]:
    """A hand-made readout graph: the readout, its load, a commitment, an evidence node, and
    countries other readouts may name too."""
    r, load = ID[f"readout/{hash_}"], ID[f"load/{hash_}"]
    c, e = ID[f"commitment/{hash_}/1"], ID[f"evidence/{hash_}/0-10"]
    g = Graph()
    g.add((r, RDF.type, KG.Readout))
    g.add((r, PROV.wasGeneratedBy, load))
    g.add((load, RDF.type, KG.Load))
    g.add((c, RDF.type, KG.Commitment))
    g.add((c, PROV.wasDerivedFrom, r))
    g.add((e, OA.hasSource, r))
    g.add((e, OA.exact, Literal(f"sentence of {hash_}")))
    for code in countries:
        a = ID[f"actor/{code}"]
        g.add((r, SCHEMA.mentions, a))
        g.add((c, KG.committedBy, a))
        g.add((a, KG.evidence, e))
        g.add((a, RDF.type, KG.Country))
        g.add((a, RDFS.label, Literal(code, lang="en")))
    return r, g


def test_split_keeps_the_shared_triples_and_the_readouts_type_in_the_named_graph() -> None:
    r, g = small_readout("aa", ["FR", "DE"])
    own, shared = split(r, list(g), URIRef)
    assert set(shared) == {(r, RDF.type, KG.Readout)} | {
        (ID[f"actor/{c}"], p, o) for c in ("FR", "DE")
        for p, o in ((RDF.type, KG.Country), (RDFS.label, Literal(c, lang="en")))}
    assert set(own) == set(g) - set(shared)
    assert (ID["actor/FR"], KG.evidence, ID["evidence/aa/0-10"]) in own  # a shared subject, an own object
    # the same split on pyoxigraph terms and on N-Triples text
    ox_own, ox_shared = split(to_ox(r), [tuple(to_ox(x) for x in t) for t in g], ox.NamedNode)
    assert {tuple(map(str, t)) for t in ox_own} == {tuple(str(to_ox(x)) for x in t) for t in own}
    text = ox.serialize([ox.Triple(*(to_ox(x) for x in t)) for t in g], format=ox.RdfFormat.N_TRIPLES)
    own_text, shared_text = split_ntriples(str(r), text)
    as_set = lambda data: {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}  # noqa: E731
    assert as_set(own_text) == {t for t in ox_own} and as_set(shared_text) == {t for t in ox_shared}


def raw_quads(store: EmbeddedStore) -> set[tuple[str, str, str, str]]:
    """Every quad Oxigraph holds, the union (default graph) included."""
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.oxigraph.quads_for_pattern(None, None, None, None)}


@pytest.fixture(scope="module")
def examples() -> list[tuple[URIRef, Graph]]:
    out = []
    for path in EXAMPLES:
        prepared = prepare(read_path(path))
        out.append((prepared.iri, prepared.graph))
    return out


def variant(graph: Graph) -> Graph:
    """The same readout loaded again, changed: a commitment less, a label more (a replacement)."""
    out = Graph()
    commitments = sorted(s for s in graph.subjects(RDF.type, KG.Commitment))
    for t in graph:
        if commitments and commitments[0] in (t[0], t[2]):
            continue
        out.add(t)
    person = next(iter(graph.subjects(RDF.type, KG.Person)), None) or next(iter(graph.subjects(RDF.type, KG.Forum)))
    out.add((person, RDFS.label, Literal("another name")))
    return out


OPS = st.lists(st.tuples(st.sampled_from(["load", "replace", "remove"]), st.integers(0, len(EXAMPLES) - 1)),
               min_size=1, max_size=8)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS, as_text=st.booleans())
def test_any_order_of_writes_leaves_the_store_of_the_survivors(examples: list[tuple[URIRef, Graph]],
                                                                tmp_path_factory: Any, ops: list[tuple[str, int]],
                                                                as_text: bool) -> None:
    folder = tmp_path_factory.mktemp("ops")
    written: dict[URIRef, Graph] = {}
    with EmbeddedStore(folder / "store") as store:
        for op, i in ops:
            iri, graph = examples[i]
            if op == "remove":
                assert store.remove_graph(iri) == (iri in written)
                written.pop(iri, None)
                continue
            graph = variant(graph) if op == "replace" else graph
            if as_text and iri not in written:
                text = ox.serialize([ox.Triple(*(to_ox(x) for x in t)) for t in graph], format=ox.RdfFormat.N_TRIPLES)
                assert store.add_new_graph(iri, text)
            else:
                store.replace_graph(iri, graph)
            written[iri] = graph
        for iri, graph in written.items():
            assert isomorphic(store.graph(iri), graph)
        assert sorted(store.graph_names()) == sorted(str(i) for i in written)
        assert sorted(store.quads()) == sorted((s, p, o, i) for i, g in written.items() for s, p, o in g)
        assert len(store) == sum(len(g) for g in written.values())
        got = raw_quads(store)
    with EmbeddedStore(folder / "fresh") as fresh:
        for iri, graph in written.items():
            fresh.replace_graph(iri, graph)
        assert got == raw_quads(fresh)


def write_old_layout(store: EmbeddedStore, iri: URIRef, graph: Graph) -> None:
    """As kg wrote a graph before own triples were stored once: every triple in the named graph and the union."""
    name = ox.NamedNode(str(iri))
    triples = [tuple(to_ox(x) for x in t) for t in graph]
    store.oxigraph.extend([ox.Quad(*t, name) for t in triples] + [ox.Quad(*t) for t in triples])  # type: ignore[misc]


def test_a_store_of_the_old_layout_reads_removes_and_replaces_the_same(examples: list[tuple[URIRef, Graph]],
                                                                      tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "old") as old:
        write_old_layout(old, REFERENCE_GRAPH, reference_graph())
        for iri, graph in examples:
            write_old_layout(old, iri, graph)
        for iri, graph in examples:
            assert isomorphic(old.graph(iri), graph)
        assert validate_store(old).conforms  # not damaged: every graph reads whole
        assert set(old.quads()) == {(s, p, o, i) for i, g in [(REFERENCE_GRAPH, reference_graph()), *examples]
                                    for s, p, o in g}
        assert len(old) == sum(len(g) for _, g in examples) + len(reference_graph())
        (first, _), (second, second_graph) = examples[0], examples[1]
        assert old.remove_graph(first)
        old.replace_graph(second, variant(second_graph))
        assert isomorphic(old.graph(second), variant(second_graph))
        # the named graphs still hold their own triples; the union is what loading gives
        union = {t for t in raw_quads(old) if t[3] == "DEFAULT"}
    with EmbeddedStore(tmp_path / "new") as new:
        new.replace_graph(REFERENCE_GRAPH, reference_graph())
        for iri, graph in examples[2:]:
            new.replace_graph(iri, graph)
        new.replace_graph(second, variant(second_graph))
        assert union == {t for t in raw_quads(new) if t[3] == "DEFAULT"}


def test_a_triple_another_graph_states_about_a_readout_is_not_the_readouts(tmp_path: Path) -> None:
    """kg's summaries graph says how many triples each readout has (subject: the readout)."""
    r, graph = small_readout("bb", ["FR"])
    side = URIRef("https://w3id.org/climate-kg/graph/summaries")
    size = (r, KG.triplesStored, Literal(len(graph)))
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_graph(r, graph)
        store.edit_graph(side, [], [size])
        assert isomorphic(store.graph(r), graph)
        assert set(store.triples_about([r], side)) == {size}
        store.replace_graph(r, graph)
        assert isomorphic(store.graph(r), graph)
        assert store.remove_graph(r)
        # what is left is the summaries' triple, in its graph and in the union
        row = tuple(str(to_ox(x)) for x in size)
        assert raw_quads(store) == {(*row, str(to_ox(side))), (*row, "DEFAULT")}


def test_a_graph_with_no_shared_triple_is_still_a_graph_of_the_store(tmp_path: Path) -> None:
    r, graph = small_readout("cc", [])
    graph.remove((r, RDF.type, KG.Readout))  # no anchor: every triple is own
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_graph(r, graph)
        assert store.has_graph(r) and isomorphic(store.graph(r), graph)
        store.replace_graph(r, graph + Graph().add((r, RDFS.comment, Literal("again"))))
        assert store.has_graph(r) and len(store.graph(r)) == len(graph) + 1
        assert store.remove_graph(r) and not store.has_graph(r)
        assert not any(True for _ in store.oxigraph.quads_for_pattern(None, None, None, None))


def to_old_layout(path: Path) -> None:
    """Rewrite a store as kg wrote it before own triples were stored once: each readout's own
    triples in its named graph as well as in the union."""
    with EmbeddedStore(path) as store:
        copies = [ox.Quad(s, p, o, ox.NamedNode(name)) for name in store.graph_names()
                  for s, p, o in store.graph_triples(URIRef(name))]
        store.oxigraph.extend(copies)


def without_load_time(store: EmbeddedStore) -> set[tuple[Any, ...]]:
    return {q for q in store.quads() if q[1] != PROV.startedAtTime}


def test_the_cli_validates_removes_and_reloads_an_old_layout_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    old, new = tmp_path / "old", tmp_path / "new"
    files = [str(p) for p in EXAMPLES]
    for store in (old, new):
        assert runner.invoke(cli, ["load", *files, "--store", str(store)]).exit_code == 0
    to_old_layout(old)
    result = runner.invoke(cli, ["validate", "--store", str(old)])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(old, read_only=True) as o, EmbeddedStore(new, read_only=True) as n:
        readout = sorted(g for g in n.graph_names() if "/readout/" in g)[0]
        assert without_load_time(o) == without_load_time(n) and len(o) == len(n)
    for store in (old, new):
        assert runner.invoke(cli, ["remove", readout.rsplit("/", 1)[1], "--store", str(store)]).exit_code == 0
        result = runner.invoke(cli, ["load", *files, "--store", str(store)])
        assert result.exit_code == 0 and "1 loaded, 3 unchanged" in result.output, result.output
    with EmbeddedStore(old, read_only=True) as o, EmbeddedStore(new, read_only=True) as n:
        assert without_load_time(o) == without_load_time(n)
        union = lambda st: {(q.subject, q.predicate, q.object) for q in st.oxigraph.quads_for_pattern(  # noqa: E731
            None, None, None, ox.DefaultGraph()) if q.predicate.value != str(PROV.startedAtTime)}
        assert union(o) == union(n)
