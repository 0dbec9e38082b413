"""What a person should review about identity in a store: posts, sessions and forums that look wrong.

Each check reads the store once and returns plain rows with the evidence for each finding:

- `duplicate_posts`: one person holding two posts of one actor that are one office (the same
  head title, one portfolio among the other's words: "Commissioner" / "Commissioner for Energy");
- `posts_shared_at_once`: a post that is not collegial held by two people whose attested
  times (first and last readout dates) overlap;
- `cop_session_duplicates`: a COP session stated by more than one meeting node;
- `non_forums`: forum nodes whose name is a company's or one state's agency's;
- `likely_duplicate_forums`: pairs of forum nodes that are probably one forum.

The loaded dev corpus must give no finding for the first four (tests/test_identity_corpus.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.model.namespaces import ID
from kg.rdf.forum_rules import forum_match_reason, meeting_of
from kg.rdf.not_forums import not_a_forum
from kg.rdf.offices import office, same_office

_HOLDINGS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?person ?post ?owner ?label ?collegial (MIN(?issued) AS ?first) (MAX(?issued) AS ?last)
       (GROUP_CONCAT(DISTINCT STR(?readout); separator=" ") AS ?readouts)
WHERE {
  GRAPH ?readout { ?person org:holds ?post }
  OPTIONAL { ?readout dcterms:issued ?issued }
  { SELECT DISTINCT ?post ?label WHERE { ?post a kg:Post ; rdfs:label ?label } }
  OPTIONAL { SELECT DISTINCT ?post ?owner WHERE { ?post org:postIn ?owner } }
  OPTIONAL { SELECT DISTINCT ?post ?collegial WHERE { ?post kg:collegial ?collegial } }
}
GROUP BY ?person ?post ?owner ?label ?collegial
"""

_SESSIONS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?forum ?number ?meeting ?start ?month WHERE {
  ?forum kg:copNumber ?number .
  ?meeting a kg:Meeting ; kg:sessionOf ?forum .
  FILTER NOT EXISTS { ?meeting kg:partOf [] }
  OPTIONAL { ?meeting schema:startDate ?start }
  OPTIONAL { ?meeting kg:startMonth ?month }
}
"""

_FORUMS = """
PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?forum (SAMPLE(?label) AS ?name) (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
       (COUNT(DISTINCT ?readout) AS ?readouts)
WHERE {
  { SELECT DISTINCT ?forum ?label WHERE { ?forum a kg:Forum ; rdfs:label ?label } }
  OPTIONAL { SELECT DISTINCT ?forum ?alias WHERE { ?forum skos:altLabel ?alias } }
  OPTIONAL { SELECT DISTINCT ?forum ?readout WHERE { ?readout schema:mentions ?forum } }
}
GROUP BY ?forum
"""


@dataclass
class Holding:
    """A person seen in a post, with the first and last dates of the readouts that say so."""

    person: str
    post: str
    owner: str | None
    label: str
    collegial: bool
    first: str | None
    last: str | None
    readouts: list[str]


@dataclass
class Finding:
    """Two nodes (or a node and its twin) a person should look at, and why."""

    a: str
    b: str
    reason: str


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def holdings(store: Any) -> list[Holding]:
    out = []
    for sol in store.query(_HOLDINGS):
        out.append(Holding(
            person=_value(sol["person"]) or "", post=_value(sol["post"]) or "", owner=_value(sol["owner"]),
            label=_value(sol["label"]) or "", collegial=(_value(sol["collegial"]) or "").lower() == "true",
            first=_value(sol["first"]), last=_value(sol["last"]),
            readouts=sorted((_value(sol["readouts"]) or "").split())))
    return out


def _short(iri: str) -> str:
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def duplicate_posts(store: Any) -> list[Finding]:
    """A person holding two posts of one actor that are one office."""
    by_person: dict[tuple[str, str | None], dict[str, Holding]] = defaultdict(dict)
    for h in holdings(store):
        by_person[(h.person, h.owner)][h.post] = h
    found = []
    for (person, owner), posts in sorted(by_person.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        items = sorted(posts.values(), key=lambda h: h.post)
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                code = _short(owner).split("/")[-1] if owner else None
                if same_office(office(a.label, code), office(b.label, code)):
                    found.append(Finding(a.post, b.post, f"{_short(person)} holds both: '{a.label}' "
                                                         f"({a.first}..{a.last}) and '{b.label}' ({b.first}..{b.last})"))
    return found


def posts_shared_at_once(store: Any) -> list[Finding]:
    """A post that is not collegial, held by two people whose attested times overlap."""
    by_post: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings(store):
        by_post[h.post].append(h)
    found = []
    for post, held in sorted(by_post.items()):
        people = sorted(held, key=lambda h: h.person)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                if a.person == b.person or a.collegial or not (a.first and a.last and b.first and b.last):
                    continue
                if a.first <= b.last and b.first <= a.last:
                    found.append(Finding(a.person, b.person, f"both in {_short(post)} '{a.label}': "
                                                             f"{a.first}..{a.last} and {b.first}..{b.last}"))
    return found


def cop_session_duplicates(store: Any) -> list[Finding]:
    """More than one meeting node (not part of another) dated within one COP session (reference dates)."""
    from kg.model import reference

    sessions = {cop.number: cop for cop in reference.cops()}
    by_forum: dict[str, set[str]] = defaultdict(set)
    for sol in store.query(_SESSIONS):
        cop = sessions.get(int(_value(sol["number"]) or 0))
        if cop is None:
            continue
        start, month = _value(sol["start"]), _value(sol["month"])
        if (start is None and month is None) or (start is not None and cop.start <= start <= cop.end) \
                or (month is not None and cop.start[:7] <= month <= cop.end[:7]):
            by_forum[_value(sol["forum"]) or ""].add(_value(sol["meeting"]) or "")
    return [Finding(sorted(nodes)[0], other, f"{_short(forum)}: {len(nodes)} meeting nodes for one session")
            for forum, nodes in sorted(by_forum.items()) if len(nodes) > 1 for other in sorted(nodes)[1:]]


def forum_rows(store: Any) -> list[tuple[str, str, list[str], int]]:
    """(IRI, name, aliases, readouts naming it) of every forum node, by IRI."""
    rows = []
    for sol in store.query(_FORUMS):
        aliases = [a for a in (_value(sol["aliases"]) or "").split("|") if a]
        rows.append((_value(sol["forum"]) or "", _value(sol["name"]) or "", aliases, int(_value(sol["readouts"]) or 0)))
    return sorted(rows)


def non_forums(store: Any) -> list[Finding]:
    """Forum nodes named as a company or one state's agency."""
    return [Finding(iri, iri, f"'{name}' names a company or one state's agency, not a forum")
            for iri, name, _, _ in forum_rows(store) if not_a_forum(name)]


def likely_duplicate_forums(store: Any) -> list[Finding]:
    """Pairs of forum nodes that are probably one forum, with why (for a person to review)."""
    rows = forum_rows(store)
    found = []
    for i, (iri_a, name_a, aliases_a, n_a) in enumerate(rows):
        for iri_b, name_b, aliases_b, n_b in rows[i + 1:]:
            reason = forum_match_reason(name_a, aliases_a, name_b, aliases_b)
            if reason is None:
                reason = _contained(name_a, name_b)
            if reason:
                found.append(Finding(iri_a, iri_b, f"{reason}: '{name_a}' ({n_a} readouts) / '{name_b}' ({n_b} readouts)"))
    return found


def _contained(a: str, b: str) -> str | None:
    """One name is the other with words that say it is a meeting of it ("G20" / "G20 Leaders' Summit")."""
    return "one is the other's meeting" if meeting_of(a, b) or meeting_of(b, a) else None


__all__ = ["Finding", "Holding", "cop_session_duplicates", "duplicate_posts", "forum_rows", "holdings",
           "likely_duplicate_forums", "non_forums", "posts_shared_at_once"]
