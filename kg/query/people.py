"""People and forums in the store: who they are, whom they represent, which posts they hold.

Also what identity resolution needs to know of the store (`known_people`, `known_forums`),
read here and handed to `kg.rdf.identity` as plain values, so that the rdf stage never
queries a store itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Node

from kg.model.namespaces import ID, actor_iri, forum_iri
from kg.rdf.duplicates import likely_duplicate_people as _likely_duplicate_people
from kg.rdf.known import KnownForum, KnownPerson

_PEOPLE = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
# ?actor is the projected code: a variable of WHERE may not be reused by AS (SPARQL 1.1, 18.2.4.1)
SELECT ?person ?name (SAMPLE(?code) AS ?actor) (SAMPLE(?orgLabel) AS ?organization)
       (GROUP_CONCAT(DISTINCT ?role; separator=" | ") AS ?roles) (COUNT(DISTINCT ?readout) AS ?readouts)
WHERE {
  ?person a kg:Person ; foaf:name ?name .
  OPTIONAL { ?person kg:represents ?represented .
             OPTIONAL { ?represented kg:isoCode ?code } OPTIONAL { ?represented rdfs:label ?orgLabel } }
  OPTIONAL { ?person org:holds ?post . ?post rdfs:label ?role }
  OPTIONAL { ?readout schema:mentions ?person }
}
GROUP BY ?person ?name
ORDER BY ?actor ?name
"""

# The same question narrowed to one actor. A second constant query rather than an optional
# filter: Oxigraph substitutes only projected variables and leaves BOUND() of them false.
_PEOPLE_OF = _PEOPLE.replace(
    "OPTIONAL { ?readout schema:mentions ?person }",
    "OPTIONAL { ?readout schema:mentions ?person }\n  FILTER EXISTS { ?person kg:represents ?only }",
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


# Every readout graph restates the shared nodes it mentions, and Oxigraph's union default
# graph does not merge equal triples of different graphs: joined patterns on a node stated by
# m readouts give m^k rows. DISTINCT subqueries collapse each pattern first (4 s -> 40 ms for
# the forums of 200 readouts; bench/profile_load.py).
_KNOWN_PEOPLE = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?name ?alias ?actor ?actorLabel WHERE {
  { SELECT DISTINCT ?person ?name WHERE { ?person a kg:Person ; foaf:name ?name } }
  OPTIONAL { SELECT DISTINCT ?person ?alias WHERE { ?person skos:altLabel ?alias } }
  OPTIONAL { SELECT DISTINCT ?person ?actor ?actorLabel WHERE {
    ?person kg:represents ?actor OPTIONAL { ?actor rdfs:label ?actorLabel } } }
}
"""

_KNOWN_FORUMS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?forum ?label ?alias WHERE {
  { SELECT DISTINCT ?forum ?label WHERE { ?forum a kg:Forum ; rdfs:label ?label } }
  OPTIONAL { SELECT DISTINCT ?forum ?alias WHERE { ?forum skos:altLabel ?alias } }
}
"""

_ACTOR_PREFIX = str(ID) + "actor/"


def known_people(store: Any) -> list[KnownPerson]:
    """Every person node with its names, aliases and the actor it represents (code or label)."""
    nodes: dict[str, KnownPerson] = {}
    for sol in store.query(_KNOWN_PEOPLE):
        iri = _value(sol["person"]) or ""
        node = nodes.setdefault(iri, KnownPerson(iri, set(), set(), None))
        node.names.add(_value(sol["name"]) or "")
        alias = _value(sol["alias"])
        if alias:
            node.aliases.add(alias)
        actor = _value(sol["actor"])
        if actor and node.actor is None:
            node.actor = actor[len(_ACTOR_PREFIX):] if actor.startswith(_ACTOR_PREFIX) else _value(sol["actorLabel"])
    return list(nodes.values())


def known_forums(store: Any) -> list[KnownForum]:
    """(iri, label, aliases) of every forum node."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for sol in store.query(_KNOWN_FORUMS):
        iri = _value(sol["forum"]) or ""
        labels, aliases = found.setdefault(iri, (set(), set()))
        labels.add(_value(sol["label"]) or "")
        alias = _value(sol["alias"])
        if alias:
            aliases.add(alias)
    out = []
    for iri, (labels, aliases) in found.items():
        matching = sorted(n for n in labels | aliases if str(forum_iri(n)) == iri) or sorted(labels)
        out.append((iri, matching[0], sorted((labels | aliases) - {matching[0]})))
    return out


_KNOWN_POSTS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?person ?post ?label WHERE {
  { SELECT DISTINCT ?person ?post WHERE { ?person org:holds ?post } }
  { SELECT DISTINCT ?post ?label WHERE { ?post a kg:Post ; rdfs:label ?label } }
}
"""


def known_posts(store: Any) -> dict[str, list[tuple[str, str]]]:
    """person IRI -> [(post IRI, label)] of every post a stored person holds."""
    found: dict[str, list[tuple[str, str]]] = {}
    for sol in store.query(_KNOWN_POSTS):
        found.setdefault(_value(sol["person"]) or "", []).append((_value(sol["post"]) or "", _value(sol["label"]) or ""))
    return found


_MEETING_MENTIONS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
SELECT DISTINCT ?meeting ?month WHERE {
  ?readout a kg:Readout .
  GRAPH ?readout { ?meeting a kg:Meeting . OPTIONAL { ?meeting kg:startMonth ?month } }
}
"""


def known_meeting_mentions(store: Any) -> list[tuple[str, str | None]]:
    """(meeting IRI, the month a readout dates it to, or None when that readout dates it to the
    day) of each readout's meetings: what kg/rdf/meeting_identity.py needs of the store."""
    return [(_value(sol["meeting"]) or "", _value(sol["month"])) for sol in store.query(_MEETING_MENTIONS)]


def likely_duplicate_people(store: Any) -> list[tuple[str, str, str]]:
    """Pairs of person nodes of `store` that are probably one person, with the reason."""
    return _likely_duplicate_people(known_people(store))
