"""The SPARQL updates that keep kg's union graph on a server, and the graphs that hold it.

Queries run on the union of the readouts' graphs. Servers disagree on what a query without a
dataset sees (Oxigraph: the default graph only, unless asked per request for a union that
repeats a triple once per graph stating it; Fuseki: the default graph, or the union if the
dataset was configured so; Virtuoso: every graph on the server, as a bag). So kg keeps the
union itself, as a set, in a named graph (`UNION_GRAPH`), and names it as the default graph of
every query through the protocol; the same on every server.

Beside it, a catalogue graph (`CATALOGUE_GRAPH`) lists the graphs the union is made of
(`<union> dcterms:hasPart <graph>`), which is how graph names are listed without scanning every
quad, and marks a write under way (`<graph> a <pending-write>`).

A readout's own triples (its evidence, commitments and the readout node: kg/store/own_triples.py)
are in the union only; its named graph holds its shared triples, as on the embedded store.

One readout's write is ONE update request: mark pending; retract from the union the old
graph's own triples and what only the old graph stated; replace the named graph by the shared
triples; add every triple to the union and list the graph; unmark. Oxigraph and Fuseki run a
request as one transaction. Virtuoso runs its operations one after another and keeps those
done before a failure, so a broken request leaves the mark behind: the next `kg load` finds it
and repairs (`repair_update`) before writing anything else, and queries refuse to read until
then. The union can no longer be rebuilt from the named graphs alone (the own triples are
only in it), so the repair keeps the own triples of the listed graphs and rebuilds the shared
part from the named graphs. A readout whose write (or removal) broke off is removed whole by
the repair, since its own triples may be gone already: `kg load` of its file stores it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from kg.errors import StoreError
from kg.model.namespaces import BASE, GRAPH
from kg.sparql.binding import nt_term
from kg.store.own_triples import DERIVED_FROM, GENERATED_BY, HAS_SOURCE, split

UNION_GRAPH = GRAPH["union"]
CATALOGUE_GRAPH = GRAPH["catalogue"]
REPAIR_GRAPH = GRAPH["repair-own"]  # the own triples kept aside while a repair rebuilds the union
PENDING_WRITE = GRAPH["pending-write"]
INTERNAL_GRAPHS = frozenset({str(UNION_GRAPH), str(CATALOGUE_GRAPH), str(REPAIR_GRAPH)})

_U, _C, _T = nt_term(UNION_GRAPH), nt_term(CATALOGUE_GRAPH), nt_term(REPAIR_GRAPH)
_GEN, _DER, _SRC = (f"<{x}>" for x in (GENERATED_BY, DERIVED_FROM, HAS_SOURCE))
_PART, _TYPE, _PENDING = nt_term(DCTERMS.hasPart), nt_term(RDF.type), nt_term(PENDING_WRITE)
_BASE = nt_term(URIRef(BASE)).strip("<>")

Triple = tuple[Node, Node, Node]


def term_text(term: Node) -> str:
    """One term as N-Triples text; a blank node gets a label safe in any request."""
    if isinstance(term, BNode):
        return "_:b" + hashlib.sha1(str(term).encode("utf-8")).hexdigest()[:20]
    return nt_term(term)


def triples_text(triples: Iterable[Triple]) -> tuple[str, bool]:
    """The triples as N-Triples lines, and whether any holds a blank node."""
    lines, blank = [], False
    for s, p, o in triples:
        blank = blank or isinstance(s, BNode) or isinstance(o, BNode)
        lines.append(f"{term_text(s)} {term_text(p)} {term_text(o)} .")
    return "\n".join(lines), blank


def _retract_share(g: str) -> str:
    """Delete from the union the triples of graph g that no other listed graph states."""
    return (f"DELETE {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH {_C} {{ {_U} {_PART} ?other }} GRAPH ?other {{ ?s ?p ?o }} "
            f"FILTER(?other != {g}) }} }}")


def own_branches(g: str, in_union: Callable[[str], str], not_elsewhere: Callable[[str], str]) -> list[tuple[str, str]]:
    """(template, pattern) pairs that together match graph g's own triples in the union
    (kg/store/own_triples.py): about g itself, as subject and as object, and about its linked
    own nodes (?n: its load, commitments, evidence), as subject and as object. Each pair has
    its own variables, so that one template is never filled from another's solution; no BIND
    and no VALUES (Virtuoso 7.2 handles both unevenly). `g` may be a variable bound outside."""
    linked = in_union(f"{{ {g} {_GEN} ?n }} UNION {{ ?n {_DER} {g} }} UNION {{ ?n {_SRC} {g} }}")
    pairs = [(f"{g} ?p1 ?o1", ""), (f"?s2 ?p2 {g}", ""), ("?n ?p3 ?o3", linked), ("?s4 ?p4 ?n", linked)]
    return [(t, f"{first} {in_union(t)} {not_elsewhere(t)}") for t, first in pairs]


def own_in_union(g: str, not_elsewhere: Callable[[str], str]) -> tuple[str, str]:
    """(template, pattern) of an update matching graph g's own triples in the union graph."""
    branches = own_branches(g, lambda text: f"GRAPH {_U} {{ {text} }}", not_elsewhere)
    return " . ".join(t for t, _ in branches), " UNION ".join(f"{{ {w} }}" for _, w in branches)


def _not_in_other_listed(g: str) -> Callable[[str], str]:
    return lambda triple: (f"FILTER NOT EXISTS {{ GRAPH {_C} {{ {_U} {_PART} ?other }} GRAPH ?other {{ {triple} }} "
                           f"FILTER(?other != {g}) }}")


def _retract_own(g: str) -> str:
    """Delete from the union graph g's own triples (those no other listed graph states: kg's
    summaries graph says `<readout> kg:triplesStored n`)."""
    template, where = own_in_union(g, _not_in_other_listed(g))
    return f"DELETE {{ GRAPH {_U} {{ {template} }} }} WHERE {{ {where} }}"


def write_update(graph_iri: URIRef, triples: Iterable[Triple]) -> list[str]:
    """The operations of one request replacing graph_iri by `triples` (joined with ' ;\\n'):
    its shared triples in its named graph, every triple in the union."""
    g = nt_term(graph_iri)
    every = list(triples)
    _own, shared = split(URIRef(graph_iri), every, URIRef)
    body, blank = triples_text(every)
    shared_body, _ = triples_text(shared)
    listed = f"GRAPH {_C} {{ {_U} {_PART} {g} }}"
    # (an empty GRAPH block is a syntax error to Virtuoso: an empty graph is only listed)
    named = f"GRAPH {g} {{\n{shared_body}\n}}\n" if shared_body else ""
    data = f"{named}GRAPH {_U} {{\n{body}\n}}\n{listed}" if body else listed
    # INSERT DATA takes no blank nodes on Virtuoso; a template with an empty WHERE does, and its
    # one solution gives each label one fresh node, the same in the graph and in the union.
    insert = f"INSERT {{\n{data}\n}} WHERE {{ }}" if blank else f"INSERT DATA {{\n{data}\n}}"
    return [
        f"INSERT DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}",
        _retract_own(g),  # first: the shared share's retraction may take the links to g's own nodes
        _retract_share(g),
        f"DROP SILENT GRAPH {g}",
        insert,
        f"DELETE DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}",
    ]


def edit_update(graph_iri: URIRef, remove: list[Triple], add: list[Triple]) -> list[str]:
    """The operations of one request taking `remove` out of graph_iri and putting `add` in (a
    graph kg edits in place: kg/query/summaries.py), with the union: a removed triple leaves
    the union unless another listed graph states it."""
    g = nt_term(graph_iri)
    kept, removed = set(add), set(remove)
    gone = [t for t in remove if t not in kept]
    fresh = [t for t in add if t not in removed]
    if not gone and not fresh:
        return []
    if any(isinstance(term, BNode) for triple in gone for term in triple):
        raise StoreError(f"cannot take blank nodes out of {graph_iri} in place (DELETE DATA takes none)")
    listed = f"GRAPH {_C} {{ {_U} {_PART} {g} }}"
    operations = [f"INSERT DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}"]
    if gone:
        body, _ = triples_text(gone)
        rows = " ".join(f"({term_text(s)} {term_text(p)} {term_text(o)})" for s, p, o in gone)
        operations += [
            f"DELETE DATA {{ GRAPH {g} {{\n{body}\n}} }}",
            f"DELETE {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
            f"FILTER NOT EXISTS {{ GRAPH {_C} {{ {_U} {_PART} ?other }} GRAPH ?other {{ ?s ?p ?o }} }} }}",
        ]
    if fresh:
        body, _ = triples_text(fresh)
        operations.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}}\nGRAPH {_U} {{\n{body}\n}}\n{listed} }}")
    else:
        operations.append(f"INSERT DATA {{ {listed} }}")
    operations.append(f"DELETE DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}")
    return operations


def triples_about_query(subjects: list[URIRef]) -> str:
    """The triples whose subject is one of `subjects`, in the query's named graph (a graph kg
    edits in place, the summaries: it has no own triples)."""
    values = " ".join(nt_term(URIRef(s)) for s in subjects)
    return f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ VALUES ?s {{ {values} }} ?s ?p ?o }} }}"


def remove_update(graph_iri: URIRef) -> list[str]:
    """The operations of one request removing graph_iri and its share of the union."""
    g = nt_term(graph_iri)
    return [
        f"INSERT DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}",
        _retract_own(g),
        _retract_share(g),
        f"DROP SILENT GRAPH {g}",
        f"DELETE DATA {{ GRAPH {_C} {{ {_U} {_PART} {g} . {g} {_TYPE} {_PENDING} }} }}",
    ]


def _kg_graph(var: str) -> str:
    """A FILTER keeping kg's own graphs (a server may hold others: Virtuoso's system graphs)."""
    return f'FILTER(STRSTARTS(STR({var}), "{_BASE}") && {var} != {_U} && {var} != {_C} && {var} != {_T})'


def repair_update(pending: Iterable[URIRef] = ()) -> list[str]:
    """Bring the union and the catalogue back in step with the graphs; the pending marks go last.

    A pending readout (one anchored in its named graph by a triple about itself) is removed
    whole: its write broke off somewhere, and its own triples may be gone already. Then the
    own triples of the graphs listed are kept aside, the union is rebuilt from the named graphs
    (the shared part), and the own triples put back."""
    operations = []
    for graph_iri in pending:
        g = nt_term(graph_iri)
        operations += [_retract_own(g),
                       f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ {g} ?anchor ?a . ?s ?p ?o }} }}"]
    kept = [f"INSERT {{ GRAPH {_T} {{ {template} }} }} WHERE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} {where} }}"
            for template, where in own_branches("?g", lambda text: f"GRAPH {_U} {{ {text} }}", lambda _t: "")]
    return operations + [
        f"DROP SILENT GRAPH {_T}",
        f"DELETE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }} WHERE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }}",
        f"INSERT {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }} WHERE {{ "
        f"{{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_kg_graph('?g')} }} }} }}",
        *kept,
        f"DROP SILENT GRAPH {_U}",
        f"INSERT {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_kg_graph('?g')} }}",
        f"INSERT {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {_T} {{ ?s ?p ?o }} }}",
        f"DROP SILENT GRAPH {_T}",
        f"DELETE {{ GRAPH {_C} {{ ?g {_TYPE} {_PENDING} }} }} WHERE {{ GRAPH {_C} {{ ?g {_TYPE} {_PENDING} }} }}",
    ]


# ---------------------------------------------------------------- reading the catalogue

GRAPH_NAMES = f"SELECT ?g WHERE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }}"


def graph_content(graph_iri: URIRef) -> str:
    """A graph whole: its named graph and its own triples in the union, those no other graph
    states; asked with the union as the default graph and, as named graphs, the graph and
    the graphs that are not readouts (a readout's own triples are stated by no other readout)."""
    g = nt_term(graph_iri)
    branches = own_branches(g, lambda text: text,
                            lambda t: f"FILTER NOT EXISTS {{ GRAPH ?other {{ {t} }} FILTER(?other != {g}) }}")
    template = " . ".join(["?s ?p ?o", *(t for t, _ in branches)])
    where = " UNION ".join([f"{{ GRAPH {g} {{ ?s ?p ?o }} }}", *(f"{{ {w} }}" for _, w in branches)])
    return f"CONSTRUCT {{ {template} }} WHERE {{ {where} }}"


# Every graph's triples, each read whole: the named graphs' quads and the triples of the union
# that no named graph states (the own triples); with every listed graph as a named graph.
QUAD_COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION "
              "{ ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } }")
PENDING_WRITES = f"SELECT ?g WHERE {{ GRAPH {_C} {{ ?g {_TYPE} {_PENDING} }} }}"
# kg's graphs on a server whose catalogue lists none: written by an older kg or another tool
# (a SELECT: Virtuoso 7.2 answers some ASK queries in the form of a SELECT)
UNLISTED_KG_GRAPHS = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_kg_graph('?g')} }} LIMIT 1"
# an update that changes nothing: whether the server takes updates at all, before any write
PROBE_UPDATE = f"DELETE DATA {{ GRAPH {_C} {{ {_C} {_TYPE} {_PENDING} }} }}"


def join(operations: list[str]) -> str:
    return " ;\n".join(operations)
