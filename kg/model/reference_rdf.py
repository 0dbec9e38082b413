"""The reference graph: countries, the EU, COP sessions with their presidencies, and the SKOS schemes.

Built from `kg.model.reference` (ISO 3166-1 via the committed reference files, COP sessions) and
`ontology/topics.ttl`. The loader stores it once in the named graph
`kg.model.namespaces.REFERENCE_GRAPH` and reloads it when `reference_version()` changes. The
triples it writes for a COP (forum, presidency, place) use the same IRIs the mapping mints,
so a readout that names COP29 links to the node the reference data describes.
"""

from __future__ import annotations

import hashlib
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.model import reference
from kg.model.namespaces import (
    KG,
    ORG,
    PREFIXES,
    REFERENCE_GRAPH,
    SCHEMA,
    WD,
    actor_iri,
    forum_iri,
    forum_kind_iri,
    meeting_iri,
    place_iri,
    presidency_iri,
)
from kg.model.ontology import topics_graph
from kg.model.transliteration import label_literal

EU_CODE = "EU"


def _add_country(graph: Graph, ref: reference.CountryRef) -> None:
    node = actor_iri(ref.code)
    graph.add((node, RDF.type, KG.SupranationalUnion if ref.code == EU_CODE else KG.Country))
    graph.add((node, RDFS.label, Literal(ref.name, lang="en")))
    graph.add((node, SKOS.prefLabel, Literal(ref.name, lang="en")))
    graph.add((node, KG.isoCode, Literal(ref.code)))
    graph.add((node, KG.sovereignState, Literal(ref.is_state)))
    if ref.alpha3:
        graph.add((node, KG.alpha3, Literal(ref.alpha3)))
    if ref.official_name and ref.official_name != ref.name:
        graph.add((node, KG.officialName, Literal(ref.official_name, lang="en")))
    for alias in ref.aliases:
        if alias != ref.name:
            graph.add((node, SKOS.altLabel, label_literal(alias)))
    for adjective in ref.adjectives:
        graph.add((node, KG.adjective, Literal(adjective)))
    if ref.wikidata:
        graph.add((node, SKOS.exactMatch, WD[ref.wikidata]))


def actor_name(code: str) -> str:
    """The English short name of an actor code ("AZ" → "Azerbaijan"); the code when unknown."""
    ref = reference.country(code)
    return ref.name if ref else code


def _add_place(graph: Graph, city: str, country: str) -> URIRef:
    place = place_iri(city)
    graph.add((place, RDF.type, KG.Place))
    graph.add((place, SCHEMA.name, Literal(city)))
    graph.add((place, RDFS.label, label_literal(city)))
    graph.add((place, KG.inCountry, actor_iri(country)))
    return place


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _add_cop(graph: Graph, cop: reference.CopRef, following: reference.CopRef | None) -> None:
    name = f"COP{cop.number}"
    forum = forum_iri(name)
    place = _add_place(graph, cop.city, cop.host)
    graph.add((forum, RDF.type, KG.Forum))
    graph.add((forum, RDFS.label, label_literal(name)))
    graph.add((forum, SKOS.prefLabel, label_literal(name)))
    for alias in (f"COP {cop.number}", f"COP-{cop.number}", f"{_ordinal(cop.number)} UN Climate Change Conference"):
        graph.add((forum, SKOS.altLabel, label_literal(alias)))
    graph.add((forum, KG.forumKind, forum_kind_iri("conference")))
    graph.add((forum, KG.copNumber, Literal(cop.number)))
    graph.add((forum, KG.year, Literal(str(cop.year), datatype=XSD.gYear)))
    graph.add((forum, SCHEMA.location, place))
    graph.add((forum, KG.hostCountry, actor_iri(cop.host)))

    # The session itself, as the meeting a readout dating "COP29" to its first day names.
    session = meeting_iri(name, [], cop.start)
    graph.add((session, RDF.type, KG.Meeting))
    graph.add((session, RDFS.label, label_literal(f"{name}, {cop.city}, {cop.start} to {cop.end}")))
    graph.add((session, KG.sessionOf, forum))
    graph.add((session, SCHEMA.startDate, Literal(cop.start, datatype=XSD.date)))
    graph.add((session, SCHEMA.endDate, Literal(cop.end, datatype=XSD.date)))
    graph.add((session, SCHEMA.location, place))
    graph.add((session, KG.host, actor_iri(cop.host)))

    presidency = presidency_iri(name, cop.presidency)
    graph.add((presidency, RDF.type, KG.Presidency))
    graph.add((presidency, RDFS.label, label_literal(f"{name} Presidency of {actor_name(cop.presidency)}")))
    graph.add((presidency, ORG.member, actor_iri(cop.presidency)))
    graph.add((presidency, ORG.organization, forum))
    # The presidency's term: from the session's opening to the next session's.
    graph.add((presidency, SCHEMA.startDate, Literal(cop.start, datatype=XSD.date)))
    if following is not None:
        graph.add((presidency, SCHEMA.endDate, Literal(following.start, datatype=XSD.date)))


@cache
def _reference_graph() -> Graph:
    graph = Graph(identifier=REFERENCE_GRAPH)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for ref in reference.countries():
        _add_country(graph, ref)
    cops = sorted(reference.cops(), key=lambda c: c.number)
    for cop, following in zip(cops, [*cops[1:], None], strict=True):
        _add_cop(graph, cop, following)
    for triple in topics_graph():
        graph.add(triple)
    graph.add((REFERENCE_GRAPH, DCTERMS.description,
               Literal("Reference data: ISO 3166-1 countries and the EU, UNFCCC COP sessions with "
                       "their hosts and presidencies, topics, forum kinds and commitment statuses.", lang="en")))
    return graph


def reference_graph() -> Graph:
    """The reference data as RDF (shared and cached: copy it before adding triples)."""
    return _reference_graph()


@cache
def reference_version() -> str:
    """A hash of the reference graph's triples: changes exactly when the reference data does."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in _reference_graph())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]
