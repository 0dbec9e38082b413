"""Narrowing a view: to one readout, to one forum, to a period.

- `--readout`: the view is computed over that readout's named graph plus the reference graph
  only (an in-memory copy), so it shows exactly what that readout says.
- `--forum` and `--from/--to`: `queries/views/scope.rq` dates every meeting and commitment
  and lists the forums it belongs to; the facts that match are kept, with everything they
  point at (their forum, actors, people, posts, topics, readout); other meetings and
  commitments are dropped, and so are entities no kept fact reaches.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import UsageError
from kg.model.namespaces import REFERENCE_GRAPH, forum_iri, normalise_name, readout_iri
from kg.model.resources import queries_dir
from kg.sparql.terms import from_ox, to_ox

FACT_TYPES = frozenset({"Meeting", "Commitment"})
# Entities that many facts share: reaching one does not pull in what it points at.
HUB_TYPES = frozenset({"Country", "SupranationalUnion", "Organization", "Readout", "Topic", "TargetYear"})
_HEX_ID = re.compile(r"^[0-9a-f]{16}$")


class QuerySource(Protocol):
    """What a view needs from a store: SPARQL over the union of its graphs."""

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class Scope:
    """What to narrow a view to; None means no narrowing on that axis."""

    readout: str | None = None  # readout IRI
    forum: str | None = None  # forum IRI
    date_from: str | None = None  # YYYY-MM-DD
    date_to: str | None = None

    @property
    def narrows_facts(self) -> bool:
        return bool(self.forum or self.date_from or self.date_to)


class GraphSubset:
    """Some named graphs of a store copied into an in-memory Oxigraph, queried as one graph."""

    def __init__(self, store: Any, graphs: list[URIRef]) -> None:
        self._store = ox.Store()
        for name in graphs:
            graph_node = ox.NamedNode(str(name))
            self._store.extend(
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_node)  # type: ignore[arg-type]
                for s, p, o in store.graph(name)
            )

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        subs: dict[ox.Variable, Any] = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)


def check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} {value!r}: give a date as YYYY-MM-DD") from None


def resolve_readout(store: Any, readout: str) -> str:
    """A readout given as its IRI, its 16-hex id or the file it was loaded from → its IRI."""
    if readout.startswith(("http://", "https://")):
        iri = URIRef(readout)
    elif _HEX_ID.match(readout.lower()):
        iri = readout_iri(readout.lower())
    else:
        matches = [
            str(row["r"].value) for row in store.query(
                "SELECT ?r ?path WHERE { ?r a <https://w3id.org/climate-kg/ontology#Readout> ; "
                "<https://w3id.org/climate-kg/ontology#sourcePath> ?path }"
            )
            if row["path"].value == readout or row["path"].value.endswith("/" + readout)
        ]
        if len(set(matches)) != 1:
            raise UsageError(f"--readout {readout!r}: no single readout has that id or file "
                             "(see `kg readouts`)")
        iri = URIRef(matches[0])
    if not store.has_graph(iri):
        raise UsageError(f"--readout {readout!r}: no such readout in the store (see `kg readouts`)")
    return str(iri)


def resolve_forum(source: QuerySource, name: str) -> str:
    """A forum given as its IRI, its name, an alias or its COP number → its IRI."""
    rows = list(source.query(
        "SELECT ?forum ?name WHERE { ?forum a <https://w3id.org/climate-kg/ontology#Forum> . "
        "OPTIONAL { ?forum <http://www.w3.org/2000/01/rdf-schema#label>|"
        "<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2004/02/skos/core#altLabel> ?name } }"
    ))
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        iri = str(from_ox(row["forum"]))
        names[iri].add(str(from_ox(row["name"])) if row["name"] is not None else "")
    wanted = normalise_name(name)
    for iri, labels in names.items():
        if name == iri or str(forum_iri(name)) == iri or any(normalise_name(n) == wanted for n in labels if n):
            return iri
    known = sorted(min(labels) for labels in names.values() if any(labels))[:12]
    raise UsageError(f"--forum {name!r}: no forum of that name in the store"
                     + (f" (some there are: {', '.join(known)})" if known else ""))


@dataclass
class FactDates:
    start: str | None = None
    end: str | None = None


def facts_in_scope(source: QuerySource, scope: Scope) -> set[str]:
    """IRIs of the meetings and commitments that match the scope's forum and period."""
    text = (queries_dir() / "views" / "scope.rq").read_text(encoding="utf-8")
    forums: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, FactDates] = {}
    for row in source.query(text):
        fact = str(from_ox(row["fact"]))
        span = dates.setdefault(fact, FactDates())
        start, end, month = (_value(row, "start"), _value(row, "end"), _value(row, "month"))
        if start is None and month is not None:
            start, end = f"{month}-01", f"{month}-31"  # a month: any day in it
        span.start = span.start or start
        span.end = span.end or end or start
        if row["forum"] is not None:
            forums[fact].add(str(from_ox(row["forum"])))
    kept: set[str] = set()
    for fact, span in dates.items():
        if scope.forum and scope.forum not in forums[fact]:
            continue
        if (scope.date_from or scope.date_to) and not _overlaps(span, scope):
            continue
        kept.add(fact)
    return kept


def _value(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else str(term.value)[:10]


def _overlaps(span: FactDates, scope: Scope) -> bool:
    if span.start is None:
        return False  # an undated fact is outside every period
    end = span.end or span.start
    if scope.date_from and end < scope.date_from:
        return False
    return not (scope.date_to and span.start > scope.date_to)


def narrow(graph: nx.MultiDiGraph, kept_facts: set[str]) -> nx.MultiDiGraph:
    """Keep the kept facts and what they reach; drop other facts and unreached entities."""
    kept_ids = {n for n, t in graph.nodes(data="type") if t in FACT_TYPES and graph.nodes[n]["iri"] in kept_facts}
    seen = set(kept_ids)
    frontier = list(kept_ids)
    while frontier:
        node = frontier.pop()
        if graph.nodes[node]["type"] in HUB_TYPES:
            continue
        for _, target in graph.out_edges(node):
            if target in seen or graph.nodes[target]["type"] in FACT_TYPES and target not in kept_ids:
                continue
            seen.add(target)
            frontier.append(target)
    return graph.subgraph(seen).copy()


def scope_source(store: Any, scope: Scope) -> QuerySource:
    """The store itself, or a copy of one readout's graph and the reference graph."""
    if scope.readout is None:
        return store
    return GraphSubset(store, [URIRef(scope.readout), REFERENCE_GRAPH])
