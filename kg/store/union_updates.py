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

One readout's write is ONE update request: mark pending; retract from the union what only the
old graph stated; replace the graph; add its triples to the union and list it; unmark.
Oxigraph and Fuseki run a request as one transaction. Virtuoso runs its operations one after
another and keeps those done before a failure, so a broken request leaves the mark behind:
the next `kg load` finds it and rebuilds the union and the catalogue from the named graphs
(`repair_update`) before writing anything else, and queries refuse to read until then.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from kg.errors import StoreError
from kg.model.namespaces import BASE, GRAPH
from kg.sparql.binding import nt_term

UNION_GRAPH = GRAPH["union"]
CATALOGUE_GRAPH = GRAPH["catalogue"]
PENDING_WRITE = GRAPH["pending-write"]
INTERNAL_GRAPHS = frozenset({str(UNION_GRAPH), str(CATALOGUE_GRAPH)})

_U, _C = nt_term(UNION_GRAPH), nt_term(CATALOGUE_GRAPH)
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


def write_update(graph_iri: URIRef, triples: Iterable[Triple]) -> list[str]:
    """The operations of one request replacing graph_iri by `triples` (joined with ' ;\\n')."""
    g = nt_term(graph_iri)
    body, blank = triples_text(triples)
    listed = f"GRAPH {_C} {{ {_U} {_PART} {g} }}"
    # (an empty GRAPH block is a syntax error to Virtuoso: an empty graph is only listed)
    data = f"GRAPH {g} {{\n{body}\n}}\nGRAPH {_U} {{\n{body}\n}}\n{listed}" if body else listed
    # INSERT DATA takes no blank nodes on Virtuoso; a template with an empty WHERE does, and its
    # one solution gives each label one fresh node, the same in the graph and in the union.
    insert = f"INSERT {{\n{data}\n}} WHERE {{ }}" if blank else f"INSERT DATA {{\n{data}\n}}"
    return [
        f"INSERT DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}",
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
    """The triples whose subject is one of `subjects`, in the query's named graph."""
    values = " ".join(nt_term(URIRef(s)) for s in subjects)
    return f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ VALUES ?s {{ {values} }} ?s ?p ?o }} }}"


def remove_update(graph_iri: URIRef) -> list[str]:
    """The operations of one request removing graph_iri and its share of the union."""
    g = nt_term(graph_iri)
    return [
        f"INSERT DATA {{ GRAPH {_C} {{ {g} {_TYPE} {_PENDING} }} }}",
        _retract_share(g),
        f"DROP SILENT GRAPH {g}",
        f"DELETE DATA {{ GRAPH {_C} {{ {_U} {_PART} {g} . {g} {_TYPE} {_PENDING} }} }}",
    ]


def _kg_graph(var: str) -> str:
    """A FILTER keeping kg's own graphs (a server may hold others: Virtuoso's system graphs)."""
    return f'FILTER(STRSTARTS(STR({var}), "{_BASE}") && {var} != {_U} && {var} != {_C})'


def repair_update() -> list[str]:
    """Rebuild the catalogue and the union from the named graphs kg wrote; the pending marks go last."""
    return [
        f"DROP SILENT GRAPH {_U}",
        f"DELETE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }} WHERE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }}",
        f"INSERT {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }} WHERE {{ "
        f"{{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_kg_graph('?g')} }} }} }}",
        f"INSERT {{ GRAPH {_U} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_kg_graph('?g')} }}",
        f"DELETE {{ GRAPH {_C} {{ ?g {_TYPE} {_PENDING} }} }} WHERE {{ GRAPH {_C} {{ ?g {_TYPE} {_PENDING} }} }}",
    ]


# ---------------------------------------------------------------- reading the catalogue

GRAPH_NAMES = f"SELECT ?g WHERE {{ GRAPH {_C} {{ {_U} {_PART} ?g }} }}"
# with the graph(s) to read given as the query's named graphs (named-graph-uri)
GRAPH_CONTENT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
QUAD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
PENDING_WRITES = f"SELECT ?g WHERE {{ GRAPH {_C} {{ ?g {_TYPE} {_PENDING} }} }}"
# kg's graphs on a server whose catalogue lists none: written by an older kg or another tool
# (a SELECT: Virtuoso 7.2 answers some ASK queries in the form of a SELECT)
UNLISTED_KG_GRAPHS = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_kg_graph('?g')} }} LIMIT 1"
# an update that changes nothing: whether the server takes updates at all, before any write
PROBE_UPDATE = f"DELETE DATA {{ GRAPH {_C} {{ {_C} {_TYPE} {_PENDING} }} }}"


def join(operations: list[str]) -> str:
    return " ;\n".join(operations)
