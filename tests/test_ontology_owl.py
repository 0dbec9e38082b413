"""The ontology is OWL 2 DL that a reasoner accepts, and every term says where and how it is defined."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.model.namespaces import KG
from kg.model.resources import ontology_dir

ONTOLOGY = URIRef("https://w3id.org/climate-kg/ontology")


def _ontology() -> Graph:
    graph = Graph()
    graph.parse(ontology_dir() / "kg.ttl")
    graph.parse(ontology_dir() / "topics.ttl")
    return graph


@pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime for HermiT")
def test_hermit_loads_and_classifies_the_ontology(tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    owlready2.reasoning.JAVA_MEMORY = 300  # the machine is shared; the ontology is small
    path = tmp_path / "kg.owl"
    _ontology().serialize(path, format="xml")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:  # raises OwlReadyJavaError on an ontology HermiT rejects (an xsd:gYear range did)
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert onto.search_one(iri=str(KG.Forum)) is not None
    assert list(world.inconsistent_classes()) == []


def test_every_term_is_defined_by_the_ontology_with_a_definition() -> None:
    graph = _ontology()
    terms = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(str(KG))}
    assert len(terms) > 40
    assert [t for t in terms if (t, RDFS.isDefinedBy, ONTOLOGY) not in graph] == []
    assert [t for t in terms if not any(isinstance(d, Literal) and d.language == "en"
                                        for d in graph.objects(t, SKOS.definition))] == []


def test_no_owl_axiom_uses_a_datatype_outside_owl_2() -> None:
    graph = _ontology()
    ranges = {o for o in graph.objects(None, RDFS.range)}
    assert not ranges & {XSD.gYear, XSD.gYearMonth}


def test_no_datatype_property_is_a_sub_property_of_an_annotation_property() -> None:
    graph = _ontology()
    annotation = set(graph.subjects(RDF.type, OWL.AnnotationProperty))
    bad = [(s, o) for s, o in graph.subject_objects(RDFS.subPropertyOf)
           if (s, RDF.type, OWL.DatatypeProperty) in graph and o in annotation]
    assert bad == []


def test_forums_are_not_agents_and_the_ontology_has_its_metadata() -> None:
    graph = _ontology()
    assert not set(graph.transitive_objects(KG.Forum, RDFS.subClassOf)) & {
        URIRef("http://xmlns.com/foaf/0.1/Agent"), URIRef("http://www.w3.org/ns/org#Organization")}
    assert (ONTOLOGY, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in graph
    assert isinstance(graph.value(ONTOLOGY, OWL.versionIRI), URIRef)
    assert isinstance(graph.value(ONTOLOGY, DCTERMS.publisher), URIRef)
    assert graph.value(ONTOLOGY, DCTERMS.language) == URIRef("http://id.loc.gov/vocabulary/iso639-1/en")
