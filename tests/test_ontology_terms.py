"""Every class and property the shapes, the named queries and the mapping use is declared in ontology/."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from example_records import all_examples
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from kg.model.namespaces import FOAF, ID, KG, OA, ORG, SCHEMA, SH
from kg.model.ontology import declared_terms, ontology_graph, shapes_graph, topics_graph
from kg.model.reference_rdf import reference_graph
from kg.model.resources import queries_dir
from kg.rdf.mapping import record_to_graph

# The vocabularies whose terms must be declared (rdf: and xsd: are the language itself).
VOCABULARIES = tuple(str(ns) for ns in (KG, ORG, SCHEMA, OA, FOAF, PROV, DCTERMS, SKOS, RDFS, OWL))


def vocabulary_terms(terms: Iterable[object]) -> set[URIRef]:
    """The terms of the vocabularies (a namespace IRI itself, as in a STRSTARTS filter, is no term)."""
    return {t for t in terms if isinstance(t, URIRef) and str(t).startswith(VOCABULARIES) and str(t) not in VOCABULARIES}


def undeclared(terms: Iterable[object]) -> list[str]:
    return sorted(str(t) for t in vocabulary_terms(terms) - declared_terms())


# ---------------------------------------------------------------- shapes


def _path_terms(graph: Graph, path: object) -> Iterator[object]:
    if isinstance(path, URIRef):
        yield path
    elif isinstance(path, BNode):
        if graph.value(path, RDF.first) is not None:
            for step in Collection(graph, path):
                yield from _path_terms(graph, step)
        for _, inner in graph.predicate_objects(path):  # sh:inversePath, sh:alternativePath...
            yield from _path_terms(graph, inner)


def _sparql_terms(text: str, prefixes: dict[str, str]) -> set[object]:
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
    return set(_algebra_terms(translateQuery(parseQuery(head + text)).algebra))


def shape_terms() -> set[object]:
    graph = shapes_graph()
    terms: set[object] = set()
    for parameter in (SH.targetClass, SH["class"], SH.targetObjectsOf, SH.targetSubjectsOf, SH.equals,
                      SH.lessThanOrEquals, SH.hasValue, SH.datatype):
        terms.update(graph.objects(None, parameter))
    for path in graph.objects(None, SH.path):
        terms.update(_path_terms(graph, path))
    prefixes = {str(graph.value(d, SH.prefix)): str(graph.value(d, SH.namespace))
                for d in graph.objects(None, SH.declare)}
    for select in graph.objects(None, SH.select):
        terms.update(_sparql_terms(str(select), prefixes))
    return terms


def test_shapes_use_only_declared_terms() -> None:
    terms = shape_terms()
    assert KG.Commitment in terms and KG.committedBy in terms and SCHEMA.endDate in terms
    assert undeclared(terms) == []


def test_every_class_of_the_ontology_has_a_shape() -> None:
    """Each class is the target of a shape, itself or through a superclass (a kg:Country is a kg:Actor)."""
    ontology = ontology_graph()
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG))}
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    unshaped = {c for c in classes if not (set(ontology.transitive_objects(c, RDFS.subClassOf)) & targeted)}
    # kg:Party is abstract: only ever a superclass (sh:class kg:Party); kg:CommitmentSummary and
    # kg:CoParticipation are derived data kg keeps itself (kg/query/summaries.py, pairs.py,
    # checked against the grouping they stand for).
    assert unshaped == {KG.Party, KG.CommitmentSummary, KG.CoParticipation}
    assert len(classes) >= 15


def test_instances_named_by_the_shapes_exist() -> None:
    instances = {o for o in shapes_graph().objects(None, SH.hasValue) if str(o).startswith(str(ID))}
    assert instances
    for node in instances:
        assert (node, RDF.type, SKOS.ConceptScheme) in topics_graph()


# ---------------------------------------------------------------- named queries


def _algebra_terms(node: object) -> Iterator[object]:
    if isinstance(node, (URIRef, Literal)):
        yield node
    elif isinstance(node, PropertyPath):
        for attribute in ("args", "path"):
            inner = getattr(node, attribute, None)
            if isinstance(inner, list):
                for item in inner:
                    yield from _algebra_terms(item)
            elif inner is not None:
                yield from _algebra_terms(inner)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _algebra_terms(value)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for item in node:
            yield from _algebra_terms(item)


def query_files() -> list[Path]:
    return sorted(queries_dir().rglob("*.rq"))


def test_there_are_named_queries() -> None:
    assert len(query_files()) >= 6


@pytest.mark.parametrize("path", query_files(), ids=lambda p: str(p.relative_to(queries_dir())))
def test_query_uses_only_declared_terms(path: Path) -> None:
    algebra = translateQuery(parseQuery(path.read_text(encoding="utf-8"))).algebra
    terms = set(_algebra_terms(algebra))
    assert vocabulary_terms(terms), f"{path.name} names no term of the ontology?"
    assert undeclared(terms) == [], path.name


# ---------------------------------------------------------------- the mapping's triples


def mapped_terms(graph: Graph) -> set[object]:
    terms: set[object] = set(graph.predicates())
    terms.update(graph.objects(None, RDF.type))
    return terms


def test_mapping_of_the_examples_uses_only_declared_terms() -> None:
    terms: set[object] = set()
    for record in all_examples():
        terms |= mapped_terms(record_to_graph(record))
    for needed in (KG.Readout, KG.Commitment, KG.Meeting, KG.Post, KG.Presidency, KG.Evidence,
                   ORG.holds, KG.evidence, SCHEMA.mentions):
        assert needed in terms
    assert undeclared(terms) == []


def test_reference_graph_uses_only_declared_terms() -> None:
    assert undeclared(mapped_terms(reference_graph())) == []


def test_project_terms_have_labels_and_the_checker_catches_an_undeclared_one() -> None:
    graph = ontology_graph()
    for term in declared_terms():
        if str(term).startswith(str(KG)):
            assert graph.value(term, RDFS.label) is not None, term
    assert undeclared([KG.notATerm, SCHEMA.notATermEither, RDF.type]) == sorted([str(KG.notATerm), str(SCHEMA.notATermEither)])
