"""People in the store: who they are, whom they represent, which posts they hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Node

from kg.namespaces import actor_iri

_PEOPLE = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?person ?name (SAMPLE(?code) AS ?actor) (SAMPLE(?orgLabel) AS ?organization)
       (GROUP_CONCAT(DISTINCT ?role; separator=" | ") AS ?roles) (COUNT(DISTINCT ?readout) AS ?readouts)
WHERE {
  ?person a kg:Person ; foaf:name ?name .
  OPTIONAL { ?person kg:represents ?actor . OPTIONAL { ?actor kg:isoCode ?code } OPTIONAL { ?actor rdfs:label ?orgLabel } }
  OPTIONAL { ?person org:holds ?post . ?post rdfs:label ?role }
  OPTIONAL { ?person prov:wasDerivedFrom ?readout }
}
GROUP BY ?person ?name
ORDER BY ?actor ?name
"""

# The same question narrowed to one actor. A second constant query rather than an optional
# filter: Oxigraph substitutes only projected variables and leaves BOUND() of them false.
_PEOPLE_OF = _PEOPLE.replace(
    "OPTIONAL { ?person prov:wasDerivedFrom ?readout }",
    "OPTIONAL { ?person prov:wasDerivedFrom ?readout }\n  FILTER EXISTS { ?person kg:represents ?only }",
).replace("SELECT ?person ?name", "SELECT ?person ?name ?only").replace("GROUP BY ?person ?name", "GROUP BY ?person ?name ?only")


@dataclass
class PersonRow:
    iri: str
    name: str
    actor: str | None
    roles: list[str]
    readouts: int


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def list_people(store: Any, country: str | None = None) -> list[PersonRow]:
    """Every person once, with the actor they represent and the posts they hold."""
    bindings: dict[str, Node] = {"only": actor_iri(country)} if country else {}
    rows = []
    for sol in store.query(_PEOPLE_OF if country else _PEOPLE, bindings):
        roles = [r for r in (_value(sol["roles"]) or "").split(" | ") if r]
        rows.append(PersonRow(_value(sol["person"]) or "", _value(sol["name"]) or "",
                              _value(sol["actor"]) or _value(sol["organization"]), roles,
                              int(_value(sol["readouts"]) or 0)))
    return rows
