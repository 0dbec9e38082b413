"""Each post's latest holders, kept at load time beside the other summaries (kg/query/summaries.py).

`post-holders-as-of` names, for each post, whoever the latest readout published on or before
the date names in it. Its answer for a date after a post's latest readout is the same for
every such date, so it is kept on the post node (in the graph `graph/summaries`):

    <post> kg:latestHoldingSeen date ; kg:latestHolder <person> ...

the greatest dcterms:issued of the readouts naming anyone in the post, and everyone those
readouts name in it. The question reads these for the posts seen on or before the date and
groups the holdings only of posts seen after it. A readout adds its share without reading
other readouts (a later date replaces the holders, the same date adds to them); removing or
replacing one recomputes its posts. `computed_from_scratch` is the grouping it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model.namespaces import KG, SUMMARY_GRAPH
from kg.sparql.binding import nt_term
from kg.sparql.terms import from_ox

Triple = tuple[Node, Node, Node]
Latest = tuple[Literal, frozenset[URIRef]]  # (the latest date, who it names in the post)

_HOLDS = re.compile(rb"^<([^>]+)> <http://www\.w3\.org/ns/org#holds> <([^>]+)> \.$", re.M)
_GRAPH = nt_term(SUMMARY_GRAPH)
_PREFIXES = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def holdings_in(ntriples: bytes) -> set[tuple[URIRef, URIRef]]:
    """(person, post) of each org:holds statement of a graph written as N-Triples."""
    return {(URIRef(p.decode()), URIRef(q.decode())) for p, q in _HOLDS.findall(ntriples)}


def _order(value: Literal) -> tuple[str, str]:
    return str(value.datatype or ""), str(value)


def share_of(issued: Literal | None, holdings: Iterable[tuple[URIRef, URIRef]]) -> dict[URIRef, Latest]:
    """What one readout says of each post it names a holder of (nothing when it is undated)."""
    if issued is None:
        return {}
    by_post: dict[URIRef, set[URIRef]] = {}
    for person, post in holdings:
        by_post.setdefault(post, set()).add(person)
    return {post: (issued, frozenset(people)) for post, people in by_post.items()}


def merged(old: Latest | None, new: Latest) -> Latest:
    if old is None or _order(new[0]) > _order(old[0]):
        return new
    if _order(new[0]) == _order(old[0]):
        return old[0], old[1] | new[1]
    return old


def triples_of(post: URIRef, latest: Latest) -> list[Triple]:
    return [(post, KG.latestHoldingSeen, latest[0])] + [(post, KG.latestHolder, p) for p in sorted(latest[1])]


def stored(store: Any, posts: Iterable[URIRef]) -> dict[URIRef, Latest]:
    posts = sorted(set(posts))
    if not posts:
        return {}
    seen: dict[URIRef, Literal] = {}
    people: dict[URIRef, set[URIRef]] = {}
    for post, p, o in store.triples_about(posts, SUMMARY_GRAPH):
        if p == KG.latestHoldingSeen:
            seen[URIRef(str(post))] = o  # type: ignore[assignment]
        elif p == KG.latestHolder:
            people.setdefault(URIRef(str(post)), set()).add(URIRef(str(o)))
    return {post: (date, frozenset(people.get(post, set()))) for post, date in seen.items()}


def changes(store: Any, shares: dict[URIRef, Latest]) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) folding a readout's shares into the kept values."""
    old = stored(store, shares)
    remove: list[Triple] = []
    add: list[Triple] = []
    for post, share in shares.items():
        before = old.get(post)
        after = merged(before, share)
        if after != before:
            remove += triples_of(post, before) if before else []
            add += triples_of(post, after)
    return remove, add


def posts_of_readout(store: Any, readout: URIRef) -> set[URIRef]:
    rows = store.query(_PREFIXES + f"SELECT DISTINCT ?post WHERE {{ GRAPH {nt_term(readout)} {{ ?p org:holds ?post }} }}")
    return {URIRef(str(from_ox(r[0]))) for r in rows}


def computed_from_scratch(store: Any, posts: Iterable[URIRef] | None = None) -> dict[URIRef, Latest]:
    """Each post's latest readout date and holders, grouping every holding (of `posts` only, if given)."""
    restrict = ""
    if posts is not None:
        posts = sorted(set(posts))
        if not posts:
            return {}
        restrict = "VALUES ?post { " + " ".join(nt_term(p) for p in posts) + " }"
    query = _PREFIXES + f"""SELECT ?post ?latest ?person WHERE {{
      {{ SELECT ?post (MAX(?issued) AS ?latest) WHERE {{
          {restrict} GRAPH ?readout {{ ?someone org:holds ?post }} ?readout dcterms:issued ?issued }}
        GROUP BY ?post }}
      GRAPH ?at {{ ?person org:holds ?post }} ?at dcterms:issued ?latest }}"""
    out: dict[URIRef, tuple[Literal, set[URIRef]]] = {}
    for r in store.query(query):
        post, latest, person = (from_ox(r[i]) for i in range(3))
        out.setdefault(URIRef(str(post)), (latest, set()))[1].add(URIRef(str(person)))  # type: ignore[arg-type]
    return {post: (date, frozenset(people)) for post, (date, people) in out.items()}


def recomputed(store: Any, posts: set[URIRef]) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) setting these posts' values from the readouts the store holds now."""
    old = stored(store, posts)
    fresh = computed_from_scratch(store, posts)
    remove = [t for post, latest in old.items() for t in triples_of(post, latest)]
    add = [t for post, latest in fresh.items() for t in triples_of(post, latest)]
    return remove, add


def kept(store: Any) -> dict[URIRef, Latest]:
    rows = store.query(_PREFIXES + f"SELECT ?post WHERE {{ GRAPH {_GRAPH} {{ ?post kg:latestHoldingSeen ?d }} }}")
    return stored(store, {URIRef(str(from_ox(r[0]))) for r in rows})
