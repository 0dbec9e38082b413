"""The ontology, the SKOS schemes and the SHACL shapes, parsed once per process.

The files live in `kg.model.resources.ontology_dir()`: `kg.ttl` (classes and properties),
`topics.ttl` (topics, forum kinds, commitment statuses) and `shapes.ttl` (SHACL). Parsing
them takes tens of milliseconds, validation runs once per readout, so each is parsed on
first use and the same object returned afterwards: callers must treat the graphs as
read-only (copy before adding triples).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import KGError
from kg.model.namespaces import PREFIXES
from kg.model.resources import ontology_dir

ONTOLOGY_FILE = "kg.ttl"
TOPICS_FILE = "topics.ttl"
SHAPES_FILE = "shapes.ttl"


def _parse(name: str) -> Graph:
    path: Path = ontology_dir() / name
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:  # rdflib raises BadSyntax, a SyntaxError
        raise KGError(f"{path}: cannot read ({exc})") from exc
    except Exception as exc:  # rdflib's parser raises plain Exceptions on some syntax errors
        raise KGError(f"{path}: cannot parse as Turtle ({exc})") from exc
    return graph


@cache
def ontology_graph() -> Graph:
    """ontology/kg.ttl: the OWL classes and properties (read-only, shared)."""
    return _parse(ONTOLOGY_FILE)


@cache
def topics_graph() -> Graph:
    """ontology/topics.ttl: the SKOS topic, forum-kind and status schemes (read-only, shared)."""
    return _parse(TOPICS_FILE)


@cache
def shapes_graph() -> Graph:
    """ontology/shapes.ttl: the SHACL shapes (read-only, shared)."""
    return _parse(SHAPES_FILE)


@cache
def class_hierarchy() -> frozenset[tuple[URIRef, URIRef, URIRef]]:
    """The rdfs:subClassOf triples of the ontology.

    SHACL's sh:class follows rdfs:subClassOf in the *data* graph, so validation adds these
    triples to the data it checks (a kg:Country is then accepted where a kg:Actor is wanted).
    """
    return frozenset(
        (s, RDFS.subClassOf, o)
        for s, o in ontology_graph().subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )


@cache
def declared_terms() -> frozenset[URIRef]:
    """Every class, property and concept the ontology files declare (for the terms test)."""
    declared: set[URIRef] = set()
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             RDF.Property)
    for graph in (ontology_graph(), topics_graph()):
        for kind in kinds:
            declared.update(s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef))
    return frozenset(declared)
