"""What is in a store: the readouts, counts per kind, and whole-store validation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.model.namespaces import KG

if TYPE_CHECKING:
    from kg.rdf.validate import ValidationReport

_READOUTS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?readout ?title ?published ?source WHERE {
  ?readout a kg:Readout .
  OPTIONAL { ?readout dcterms:title ?title }
  OPTIONAL { ?readout dcterms:issued ?published }
  OPTIONAL { ?readout kg:sourcePath ?source }
} ORDER BY ?published ?readout
"""

_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class
"""

_MENTIONED = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
  ?r a kg:Readout ; schema:mentions ?a .
  # no node is typed kg:Actor itself (no inference): its two subclasses are asked for
  VALUES ?class { kg:Country kg:SupranationalUnion } ?a a ?class .
}"""

# Kinds reported by `kg stats`, in this order, by their class in the ontology.
KINDS = {
    "readouts": KG.Readout, "actors": KG.Country, "people": KG.Person, "posts": KG.Post,
    "forums": KG.Forum, "presidencies": KG.Presidency, "meetings": KG.Meeting,
    "commitments": KG.Commitment,
}


@dataclass
class ReadoutRow:
    id: str
    iri: str
    title: str | None
    published: str | None
    source: str | None


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def list_readouts(store: Any) -> list[ReadoutRow]:
    rows = []
    for sol in store.query(_READOUTS):
        iri = _value(sol["readout"]) or ""
        rows.append(ReadoutRow(iri.rsplit("/", 1)[-1], iri, _value(sol["title"]), _value(sol["published"]),
                               _value(sol["source"])))
    return rows


def store_stats(store: Any) -> dict[str, int]:
    counts = {str(_value(sol["class"])): int(_value(sol["n"]) or 0) for sol in store.query(_COUNTS)}
    figures = {name: counts.get(str(cls), 0) for name, cls in KINDS.items()}
    figures["actors"] += counts.get(str(KG.SupranationalUnion), 0)
    figures["actors mentioned"] = _mentioned_actors(store)
    figures["named graphs"] = len(store.graph_names())
    figures["triples"] = len(store)
    return figures


def _mentioned_actors(store: Any) -> int:
    for sol in store.query(_MENTIONED):
        return int(_value(sol["n"]) or 0)
    return 0


def validate_store(store: Any, progress: Callable[[str], None] | None = None) -> ValidationReport:
    """Validate everything the store holds, as one graph (the union of its graphs, each read
    whole: a readout's named graph and its own triples, which only the union holds).

    `progress` is told each step as it starts (reading the store, checking the shapes)."""
    from kg.rdf.validate import validate_graph

    step = progress or (lambda _step: None)
    step("reading the store")
    union = Graph()
    for s, p, o, _g in store.quads():
        union.add((s, p, o))
    step(f"checking {len(union)} triples against the shapes")
    return validate_graph(union)
