"""A readout's own triples: stated by that readout alone, so stored once, in the union only.

Queries read the union kg keeps of all graphs (kg/store/embedded.py, union_updates.py). A
triple that other readouts may state too (a country's label, a person's post, a meeting's
participants) is *shared*: it is written in the readout's named graph, which records who said
it, and in the union. A triple about one of the readout's *own nodes* is *own*: no other graph
can state it, because those nodes are minted by the readout (their IRIs carry its content
hash), so the named-graph copy would only repeat the union. 92% of a readout's triples are
own (its evidence and commitments); writing them once saves a third of the store's disk and
of Oxigraph's write time (ontology/MAPPING.md gives the figures).

A readout R's own nodes, found by structure (the same rule at write time, on the triples, and
at read time, by index lookups in the union):

    R itself; its load activity (R prov:wasGeneratedBy ?load);
    its commitments (?c prov:wasDerivedFrom R); its evidence (?e oa:hasSource R).

A triple is own when its subject or its object is an own node, except R's rdf:type triples:
they stay in the named graph as its anchor, so that every readout's graph exists (Oxigraph
and the servers keep no empty graph) and `GRAPH ?readout { ?readout a kg:Readout }` still
finds it. Reading R's graph back is its named graph plus the own triples found in the union
that no other named graph states (kg's summaries graph says `R kg:triplesStored n`: that
triple is the summaries', not R's). A store written before this layout keeps own triples in
the named graphs as well: reading takes both places as one set, so it reads the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pyoxigraph as ox

GENERATED_BY = "http://www.w3.org/ns/prov#wasGeneratedBy"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
HAS_SOURCE = "http://www.w3.org/ns/oa#hasSource"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

T = TypeVar("T")
Triple = tuple[T, T, T]


def own_nodes(readout: T, triples: Iterable[tuple[T, T, T]], iri: Callable[[str], T]) -> set[T]:
    """The readout's own nodes among `triples` (terms of one library: `iri` makes its IRIs)."""
    generated_by, derived_from, has_source = iri(GENERATED_BY), iri(DERIVED_FROM), iri(HAS_SOURCE)
    nodes = {readout}
    for s, p, o in triples:
        if p == generated_by and s == readout:
            nodes.add(o)
        elif o == readout and p in (derived_from, has_source):
            nodes.add(s)
    return nodes


def split(readout: T, triples: list[tuple[T, T, T]], iri: Callable[[str], T]) -> tuple[list[Triple[T]], list[Triple[T]]]:
    """(own, shared): the readout's triples that go to the union only, and those that go to
    its named graph as well. Works on rdflib terms (iri=URIRef) and on pyoxigraph's (ox.NamedNode)."""
    nodes = own_nodes(readout, triples, iri)
    rdf_type = iri(RDF_TYPE)
    own: list[Triple[T]] = []
    shared: list[Triple[T]] = []
    for t in triples:
        s, p, o = t
        if (s in nodes or o in nodes) and not (s == readout and p == rdf_type):
            own.append(t)
        else:
            shared.append(t)
    return own, shared


def split_ntriples(readout: str, ntriples: bytes) -> tuple[bytes, bytes]:
    """`split` for N-Triples text as Oxigraph writes it (one statement a line, terms separated
    by one space, each line ending " ."): (own lines, shared lines), each ending in a newline
    when not empty. No term objects are built (the loader's serial write is what this saves)."""
    node = f"<{readout}>".encode()
    generated_by, derived_from, has_source, rdf_type = (
        f"<{x}>".encode() for x in (GENERATED_BY, DERIVED_FROM, HAS_SOURCE, RDF_TYPE))
    lines = [line.split(b" ", 2) for line in ntriples.splitlines() if line]
    nodes = {node}
    for s, p, rest in lines:
        obj = rest[:-2]  # without " ."
        if p == generated_by and s == node:
            nodes.add(obj)
        elif obj == node and p in (derived_from, has_source):
            nodes.add(s)
    own, shared = [], []
    for s, p, rest in lines:
        line = b" ".join((s, p, rest))
        # an IRI or blank node object is the whole rest (a literal starts with a quote)
        if (s in nodes or rest[:-2] in nodes) and not (s == node and p == rdf_type):
            own.append(line)
        else:
            shared.append(line)
    return (b"\n".join(own) + b"\n" if own else b""), (b"\n".join(shared) + b"\n" if shared else b"")


def stored_own(store: ox.Store, readout: ox.NamedNode) -> set[tuple[Any, Any, Any]]:
    """The own triples of `readout` that an Oxigraph store holds: its own nodes found in the
    union (the default graph) by index lookups, then every triple of the union with one of
    them as subject or object that no other named graph states."""
    union = ox.DefaultGraph()
    nodes: set[object] = {readout}
    for q in store.quads_for_pattern(readout, ox.NamedNode(GENERATED_BY), None, union):
        nodes.add(q.object)
    for predicate in (DERIVED_FROM, HAS_SOURCE):
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), readout, union):
            nodes.add(q.subject)
    found: set[tuple[Any, Any, Any]] = set()
    elsewhere: set[tuple[Any, Any, Any]] = set()
    for node in nodes:
        if not isinstance(node, ox.NamedNode | ox.BlankNode):
            continue
        for quads in (store.quads_for_pattern(node, None, None, None), store.quads_for_pattern(None, None, node, None)):
            for q in quads:
                triple = (q.subject, q.predicate, q.object)
                if isinstance(q.graph_name, ox.DefaultGraph):
                    found.add(triple)
                elif q.graph_name != readout:
                    elsewhere.add(triple)
    return found - elsewhere


def own_node_owners(store: ox.Store) -> dict[Any, ox.NamedNode]:
    """`stored_own`'s own nodes for every named graph at once (for reading the whole store in
    one pass): each graph's own nodes (itself, its load, commitments, evidence), mapped to it."""
    names = {g for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    owners: dict[Any, ox.NamedNode] = {g: g for g in names}
    union = ox.DefaultGraph()
    for q in store.quads_for_pattern(None, ox.NamedNode(GENERATED_BY), None, union):
        if q.subject in names:
            owners[q.object] = q.subject  # type: ignore[assignment]
    for predicate in (DERIVED_FROM, HAS_SOURCE):
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, union):
            if q.object in names:
                owners[q.subject] = q.object  # type: ignore[assignment]
    return owners
