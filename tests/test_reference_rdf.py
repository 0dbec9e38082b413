"""The reference graph: every ISO 3166-1 country, the EU, COP sessions with hosts and presidencies, the schemes."""

from __future__ import annotations

import pycountry
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.model.namespaces import ID, KG, ORG, SCHEMA, WD, actor_iri, forum_iri, place_iri, presidency_iri
from kg.model.record import COMMITMENT_STATUSES, FORUM_KINDS, TOPICS
from kg.model.reference import cops
from kg.model.reference_rdf import reference_graph, reference_version


def test_every_pycountry_country_is_a_country_with_its_codes_and_name() -> None:
    graph = reference_graph()
    countries = list(pycountry.countries)
    assert len(countries) >= 249
    for country in countries:
        node = actor_iri(country.alpha_2)
        assert (node, RDF.type, KG.Country) in graph, country.alpha_2
        assert (node, KG.isoCode, Literal(country.alpha_2)) in graph
        assert (node, KG.alpha3, Literal(country.alpha_3)) in graph
        assert graph.value(node, RDFS.label) is not None
        assert graph.value(node, SKOS.prefLabel) is not None


def test_names_aliases_adjectives_and_wikidata() -> None:
    graph = reference_graph()
    china = actor_iri("CN")
    assert (china, RDFS.label, Literal("China", lang="en")) in graph
    assert (china, KG.officialName, Literal("People's Republic of China", lang="en")) in graph
    assert (china, KG.adjective, Literal("Chinese")) in graph
    assert (china, SKOS.altLabel, Literal("PRC", lang="en")) in graph
    assert (china, SKOS.exactMatch, WD["Q148"]) in graph
    assert (actor_iri("TR"), RDFS.label, Literal("Türkiye", lang="en")) in graph


def test_european_union_is_a_supranational_union_not_a_country() -> None:
    graph = reference_graph()
    eu = actor_iri("EU")
    assert (eu, RDF.type, KG.SupranationalUnion) in graph
    assert (eu, RDF.type, KG.Country) not in graph
    assert (eu, RDFS.label, Literal("European Union", lang="en")) in graph
    assert (eu, KG.isoCode, Literal("EU")) in graph


def test_cop29_azerbaijan_presidency_in_baku() -> None:
    graph = reference_graph()
    cop29 = forum_iri("COP29")
    assert (cop29, RDF.type, KG.Forum) in graph
    assert (cop29, KG.forumKind, ID["forum-kind/conference"]) in graph
    assert (cop29, KG.copNumber, Literal(29)) in graph
    assert (cop29, KG.year, Literal("2024", datatype=XSD.gYear)) in graph
    assert (cop29, KG.hostCountry, actor_iri("AZ")) in graph
    baku = place_iri("Baku")
    assert (cop29, SCHEMA.location, baku) in graph
    assert (baku, SCHEMA.name, Literal("Baku")) in graph
    assert (baku, KG.inCountry, actor_iri("AZ")) in graph
    presidency = presidency_iri("COP29", "AZ")
    assert (presidency, RDF.type, KG.Presidency) in graph
    assert (presidency, ORG.member, actor_iri("AZ")) in graph
    assert (presidency, ORG.organization, cop29) in graph
    session = ID["meeting/cop29/2024-11-11"]
    assert (session, KG.sessionOf, cop29) in graph
    assert (session, SCHEMA.endDate, Literal("2024-11-24", datatype=XSD.date)) in graph


def test_every_cop_session_has_its_presidency_and_host() -> None:
    graph = reference_graph()
    sessions = cops()
    assert [c.number for c in sessions][:30] == list(range(1, 31))
    for cop in sessions:
        forum = forum_iri(f"COP{cop.number}")
        assert (presidency_iri(f"COP{cop.number}", cop.presidency), ORG.organization, forum) in graph
        assert (forum, KG.hostCountry, actor_iri(cop.host)) in graph
    # Hosted by one state, presided by another.
    assert (presidency_iri("COP23", "FJ"), ORG.member, actor_iri("FJ")) in graph
    assert (forum_iri("COP23"), KG.hostCountry, actor_iri("DE")) in graph


def test_topics_forum_kinds_and_statuses_are_in_their_schemes() -> None:
    graph = reference_graph()
    for topic in TOPICS:
        node = ID[f"topic/{topic}"]
        assert (node, RDF.type, KG.Topic) in graph and (node, RDF.type, SKOS.Concept) in graph
        assert (node, SKOS.inScheme, ID["topic-scheme"]) in graph
        assert (node, SKOS.topConceptOf, ID["topic-scheme"]) in graph
        assert (node, SKOS.notation, Literal(topic)) in graph
        assert graph.value(node, SKOS.definition) is not None
    assert len(set(graph.subjects(RDF.type, KG.Topic))) == len(TOPICS) == 11
    for kind in FORUM_KINDS:
        assert (ID[f"forum-kind/{kind}"], RDF.type, KG.ForumKind) in graph
        assert (ID[f"forum-kind/{kind}"], SKOS.inScheme, ID["forum-kind-scheme"]) in graph
    for status in COMMITMENT_STATUSES:
        assert (ID[f"status/{status}"], RDF.type, KG.CommitmentStatus) in graph


def test_version_is_a_stable_hash_of_the_triples() -> None:
    version = reference_version()
    assert len(version) == 16 and int(version, 16) >= 0
    assert reference_version() == version
    # The version is the hash of the sorted triples: recomputing it from the graph gives it again.
    import hashlib

    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in reference_graph())
    assert hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16] == version


def test_reference_graph_has_no_blank_nodes_and_is_named() -> None:
    graph = reference_graph()
    assert graph.identifier == URIRef("https://w3id.org/climate-kg/graph/reference")
    assert all(isinstance(term, (URIRef, Literal)) for triple in graph for term in triple)
