"""The SPARQL 1.1 Service Description of the endpoint (`GET /sparql` without a query).

Tools that browse an endpoint (YASGUI, SPARQL clients, catalogue crawlers) read it to learn
what the endpoint speaks: SPARQL 1.1 Query only, its result formats, that the default graph
is the union of the named graphs, and which graph holds the reference data.
https://www.w3.org/TR/sparql11-service-description/
"""

from __future__ import annotations

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from kg import __version__
from kg.model.namespaces import REFERENCE_GRAPH
from kg.sparql.results import GraphResult

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str) -> GraphResult:
    """The description of the endpoint at `endpoint` (its absolute URL), as triples."""
    service, dataset, default_graph, reference = URIRef(endpoint), BNode(), BNode(), BNode()
    triples: list[tuple[Node, Node, Node]] = [
        (service, RDF.type, SD.Service),
        (service, SD.endpoint, service),
        (service, SD.supportedLanguage, SD.SPARQL11Query),  # read-only: no SPARQL11Update
        (service, SD.feature, SD.UnionDefaultGraph),
        (service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")),
        (service, DCTERMS.title, Literal("climate-kg read-only SPARQL endpoint")),
        (service, DCTERMS.description, Literal(
            "Climate-diplomacy readouts as RDF, one named graph per readout; the default graph is their union. "
            f"Named questions: /queries. kg {__version__}.")),
        (service, SD.defaultDataset, dataset),
        (dataset, RDF.type, SD.Dataset),
        (dataset, SD.defaultGraph, default_graph),
        (default_graph, RDF.type, SD.Graph),
        (dataset, SD.namedGraph, reference),
        (reference, RDF.type, SD.NamedGraph),
        (reference, SD.name, REFERENCE_GRAPH),
    ]
    triples += [(service, SD.resultFormat, FORMATS[name]) for name in RESULT_FORMATS]
    return GraphResult(triples)
