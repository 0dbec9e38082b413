"""RDF triples chosen by a view's CONSTRUCT → a networkx property graph.

The rules, the same for every view:
- an IRI with an `rdf:type` in the triples is an entity and becomes a node (string id,
  `type` = the local name of its class);
- a triple whose object is another entity becomes an edge labelled by the property;
- a literal never becomes a node: it is a scalar attribute of its subject (several values of
  one property are joined with "; "), so two things with the same date or label stay apart;
- an IRI object that is not an entity of the view (a status, a place not shown) is an
  attribute holding its short id.
Every attribute is a str, int or float (no None), as GraphML and GEXF need.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.model.namespaces import ID

VIEW = "https://w3id.org/climate-kg/view#"  # projection-only attributes named by the view queries

# When an entity has several classes, the most specific one names its type.
TYPE_ORDER = (
    "Country", "SupranationalUnion", "Organization", "Person", "Post", "Presidency", "Forum",
    "Meeting", "Commitment", "Readout", "Topic", "TargetYear", "Place", "ForumKind", "CommitmentStatus",
)
# Attribute names for the properties whose local names would read badly in a tool.
ATTRIBUTE_NAMES = {
    "startDate": "start", "endDate": "end", "startMonth": "start_month", "issued": "date",
    "isoCode": "country", "targetYear": "target_year", "sourcePath": "source_path",
    "sourceText": "source_text", "readoutDate": "readout_date", "readoutId": "readout_id",
    "readoutSource": "readout_source", "copNumber": "cop_number",
}
EDGE_LABELS = {"subject": "about", "wasDerivedFrom": "reportedIn"}
JOIN = "; "
LABEL_SOURCES = ("label", "name", "title", "text")
LABEL_LENGTH = 80
_INTEGER_TYPES = {str(XSD.integer), str(XSD.int), str(XSD.long), str(XSD.nonNegativeInteger),
                  str(XSD.positiveInteger), str(XSD.gYear)}
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}

Triple = tuple[Node, Node, Node]
Scalar = str | int | float


def local_name(iri: str) -> str:
    """The part after the last '#' or '/': 'https://schema.org/startDate' -> 'startDate'."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def node_id(iri: str) -> str:
    """A short, stable node id: the IRI without the instance base ('actor/CN'), else the IRI."""
    base = str(ID)
    return iri[len(base):] if iri.startswith(base) else iri


def attribute_name(predicate: str) -> str:
    name = local_name(predicate)
    if name in ATTRIBUTE_NAMES:
        return ATTRIBUTE_NAMES[name]
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def edge_label(predicate: str) -> str:
    name = local_name(predicate)
    return EDGE_LABELS.get(name, name)


def scalar(term: Literal) -> Scalar:
    """A literal as the scalar a graph file can hold: numbers and years as numbers, else text."""
    datatype = str(term.datatype) if term.datatype else ""
    text = str(term)
    try:
        if datatype in _INTEGER_TYPES:
            return int(text)
        if datatype in _FLOAT_TYPES:
            return float(text)
    except ValueError:
        pass
    return text


def _type_name(types: set[str]) -> str:
    names = {local_name(t) for t in types}
    for candidate in TYPE_ORDER:
        if candidate in names:
            return candidate
    return sorted(names)[0]


def _short_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def project(triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """The property graph of a view's triples (see the module docstring for the rules)."""
    triples = list(triples)
    types: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == RDF.type and isinstance(s, URIRef) and isinstance(o, URIRef):
            types[str(s)].add(str(o))

    values: dict[str, dict[str, set[Scalar]]] = defaultdict(lambda: defaultdict(set))
    edges: set[tuple[str, str, str]] = set()
    for s, p, o in triples:
        if p == RDF.type or not isinstance(s, URIRef) or str(s) not in types:
            continue
        subject = str(s)
        if isinstance(o, URIRef) and str(o) in types:
            edges.add((subject, str(o), edge_label(str(p))))
        elif isinstance(o, Literal):
            values[subject][attribute_name(str(p))].add(scalar(o))
        elif isinstance(o, URIRef):
            values[subject][attribute_name(str(p))].add(node_id(str(o)))

    graph = nx.MultiDiGraph()
    for iri in sorted(types):
        attrs: dict[str, Scalar] = {"type": _type_name(types[iri]), "iri": iri}
        for name, found in sorted(values[iri].items()):
            attrs[name] = _joined(found)
        attrs["label"] = _label(attrs, iri)
        graph.add_node(node_id(iri), **attrs)
    for source, target, label in sorted(edges):
        graph.add_edge(node_id(source), node_id(target), key=label, label=label)
    return graph


def _joined(found: set[Scalar]) -> Scalar:
    if len(found) == 1:
        return next(iter(found))
    return JOIN.join(sorted(str(v) for v in found))


def _label(attrs: dict[str, Scalar], iri: str) -> str:
    for key in LABEL_SOURCES:
        if key in attrs and str(attrs[key]).strip():
            first = str(attrs[key]).split(JOIN)[0] if key == "label" else str(attrs[key])
            return _short_label(first)
    if attrs.get("source_path"):  # an untitled readout: the file it came from
        return str(attrs["source_path"]).split(JOIN)[0].replace("\\", "/").rsplit("/", 1)[-1]
    return node_id(iri)


def node_attributes(graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """A node's attributes (a copy)."""
    return dict(graph.nodes[node])
