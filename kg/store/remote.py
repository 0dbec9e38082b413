"""A SPARQL 1.1 server as the store: EmbeddedStore's methods over the SPARQL 1.1 Protocol.

`RemoteStore` has the methods of `EmbeddedStore`, so the loader, the queries and the exports
run unchanged against Oxigraph server (as it ships), Apache Jena Fuseki (any dataset),
Virtuoso or any SPARQL 1.1 server with query and update operations.

The union the queries run on is kept by kg in a named graph and given as the query's default
graph (`default-graph-uri`); the readouts' graphs, listed in kg's catalogue, are given as its
named graphs when the query has a GRAPH pattern (kg/store/union_updates.py says why and how).
A readout's shared triples go to its named graph and the union, its own triples (evidence,
commitments, the readout node: kg/store/own_triples.py) to the union only, all by ONE update
request; reading a readout's graph takes both.

Before its first write a store checks that the server takes updates (one line and exit 3 if
not, before anything is written) and repairs what an interrupted write left; before its first
read it checks that the union is in step, so that no command answers from half a write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import KGError, QueryError, StoreError
from kg.model.namespaces import ID
from kg.sparql.binding import with_values
from kg.sparql.results import QueryResult, SelectResult, parse_results_json, parse_triples
from kg.sparql.safety import CheckedQuery
from kg.store.server_http import DEFAULT_REQUEST_TIMEOUT, Endpoints, ServerClient, endpoints_for
from kg.store.union_updates import (
    CATALOGUE_GRAPH,
    GRAPH_NAMES,
    INTERNAL_GRAPHS,
    PENDING_WRITES,
    PROBE_UPDATE,
    QUAD_COUNT,
    UNION_GRAPH,
    UNLISTED_KG_GRAPHS,
    edit_update,
    graph_content,
    join,
    remove_update,
    repair_update,
    triples_about_query,
    write_update,
)

__all__ = ["DEFAULT_REQUEST_TIMEOUT", "Endpoints", "RemoteStore", "endpoints_for"]

T = TypeVar("T")
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_READOUTS = str(ID["readout/"])
_GRAPH_KEYWORD = re.compile(r"\bGRAPH\b", re.IGNORECASE)


class RemoteStore:
    """A SPARQL 1.1 server (query and update operations) with EmbeddedStore's methods."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_REQUEST_TIMEOUT) -> None:
        self.url = url
        self.client = ServerClient(url, timeout)
        self.endpoints = self.client.endpoints
        self._writable = False
        self._readable = False

    @property
    def location(self) -> str:
        return self.url

    # -- the state of the server, checked once per store object

    def _pending(self) -> list[str]:
        return [str(r["g"]) for r in self._catalogue(PENDING_WRITES).rows]

    def _needs_repair(self) -> str | None:
        """Why the union is out of step with the named graphs, or None."""
        pending = self._pending()
        if pending:
            return f"a write of {len(pending)} graph(s) was interrupted (e.g. <{pending[0]}>)"
        if not self.graph_names() and self._select_in(UNLISTED_KG_GRAPHS, [], []).rows:
            return "it holds kg graphs that kg's union graph does not list (written by an older kg or another tool)"
        return None

    def repair(self) -> list[str]:
        """Make the store writable and bring kg's union back in step before a load reads it;
        return the readouts whose interrupted write the repair removed (their files must be
        loaded again: what they stored may be half gone, so none of it is kept)."""
        if self._writable:
            return []
        try:
            self.client.update(PROBE_UPDATE)
        except KGError as exc:
            raise StoreError(f"{self.url}: the server does not take SPARQL updates at {self.endpoints.update}, "
                             f"which writing needs (see README, 'A SPARQL server'): {_reason(exc)}") from None
        removed: list[str] = []
        if self._needs_repair() is not None:
            removed = self._pending()
            self.client.update(join(repair_update(URIRef(g) for g in removed)))
        self._writable = self._readable = True
        return [g for g in removed if g.startswith(_READOUTS)]

    def _ensure_writable(self) -> None:
        """Fail before the first write if the server takes no updates; repair a broken union."""
        self.repair()

    def _ensure_readable(self) -> None:
        if self._readable:
            return
        problem = self._needs_repair()
        if problem is not None:
            raise StoreError(f"{self.url}: kg's union graph is out of step with the readouts: {problem}; "
                             "`kg load` (of any file) rebuilds it")
        self._readable = True

    # -- requests

    def _select(self, text: str, named: list[str]) -> SelectResult:
        """A SELECT over the union, with `named` as its named graphs."""
        return self._select_in(text, [str(UNION_GRAPH)], named)

    def _catalogue(self, text: str) -> SelectResult:
        return self._select_in(text, [], [str(CATALOGUE_GRAPH)])

    def _select_in(self, text: str, default: list[str], named: list[str]) -> SelectResult:
        # terms as EmbeddedStore's methods give them (rdflib's canonical literals)
        data = self.client.query(text, _JSON, default_graphs=default, named_graphs=named)
        result = self._parsed(lambda: parse_results_json(data, normalize=True))
        if not isinstance(result, SelectResult):
            raise QueryError(f"{self.url}: expected SELECT results")
        return result

    def _run(self, checked: CheckedQuery, bindings: Mapping[str, Node], timeout: float | None) -> bytes:
        """The server's answer to a checked query over kg's union (or the query's own FROM)."""
        self._ensure_readable()
        text = with_values(checked, bindings)
        accept = _NTRIPLES if checked.form in ("CONSTRUCT", "DESCRIBE") else _JSON
        if checked.dataset:  # FROM / FROM NAMED of the store's graphs: the query's own dataset
            return self.client.query(text, accept, timeout=timeout)
        named = self.graph_names() if _GRAPH_KEYWORD.search(text) else []
        return self.client.query(text, accept, default_graphs=[str(UNION_GRAPH)], named_graphs=named,
                                 timeout=timeout)

    # -- EmbeddedStore's methods

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Replace the named graph and its share of the union in ONE update request."""
        operations = write_update(URIRef(graph_iri), graph)  # terms checked before any request
        self._ensure_writable()
        self.client.update(join(operations))

    def edit_graph(self, graph_iri: URIRef, remove: list[tuple[Node, Node, Node]],
                   add: list[tuple[Node, Node, Node]]) -> None:
        """EmbeddedStore.edit_graph: the triples taken out and put in, with the union, in ONE
        update request (kg/query/summaries.py keeps its graph so)."""
        operations = edit_update(URIRef(graph_iri), remove, add)  # terms checked before any request
        if operations:
            self._ensure_writable()
            self.client.update(join(operations))

    def triples_about(self, subjects: list[URIRef], graph_iri: URIRef) -> list[tuple[Node, Node, Node]]:
        """EmbeddedStore.triples_about, as one query (a readout's graph: from the graph read
        whole, its own triples being in the union)."""
        if not subjects:
            return []
        if str(graph_iri).startswith(_READOUTS):
            wanted = set(subjects)
            return [t for t in self.graph(graph_iri) if t[0] in wanted]
        rows = self._select_in(triples_about_query(subjects), [], [str(graph_iri)]).rows
        return [(r["s"], r["p"], r["o"]) for r in rows]

    def remove_graph(self, graph_iri: URIRef) -> bool:
        if not self.has_graph(graph_iri):
            return False
        self._ensure_writable()
        self.client.update(join(remove_update(URIRef(graph_iri))))
        return True

    def has_graph(self, graph_iri: URIRef) -> bool:
        return str(graph_iri) in self.graph_names()

    def graph_names(self) -> list[str]:
        """The graphs the union is made of (readouts and reference data), as the catalogue lists them."""
        rows = self._catalogue(GRAPH_NAMES).rows
        return sorted({str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef)} - INTERNAL_GRAPHS)

    def graph(self, graph_iri: URIRef) -> Graph:
        """One graph whole: its named graph and its own triples in the union (a readout's,
        kg/store/own_triples.py), those no other graph states. The other graphs asked about
        are those that are not readouts (kg's summaries and reference data): no readout
        states another's own triples."""
        return self._graph(graph_iri, self.graph_names())

    def _graph(self, graph_iri: URIRef, names: list[str]) -> Graph:
        others = [g for g in names if not g.startswith(_READOUTS) and g != str(graph_iri)]
        data = self.client.query(graph_content(URIRef(graph_iri)), _NTRIPLES, default_graphs=[str(UNION_GRAPH)],
                                 named_graphs=[str(graph_iri), *others])
        return self._parsed(lambda: parse_triples(data)).graph()

    # One request per graph: a server may cap the rows of one answer (Virtuoso's
    # ResultSetMaxRows), and one readout's graph stays far below any such cap.
    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        names = self.graph_names()
        for name in names:
            iri = URIRef(name)
            for s, p, o in sorted(self._graph(iri, names), key=str):
                yield s, p, o, iri

    def __len__(self) -> int:
        names = self.graph_names()
        if not names:
            return 0
        rows = self._select(QUAD_COUNT, names).rows
        return int(str(rows[0]["n"])) if rows else 0

    def execute(self, checked: CheckedQuery, bindings: Mapping[str, Node], timeout: float | None) -> QueryResult:
        """Run a query that passed the safety check, parameters in a VALUES block (see with_values)."""
        data = self._run(checked, bindings, timeout)
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            return self._parsed(lambda: parse_triples(data))
        return self._parsed(lambda: parse_results_json(data))

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        """Like EmbeddedStore.query: pyoxigraph result objects (solutions, boolean or triples)."""
        from kg.sparql.safety import check_query

        checked = check_query(sparql, self.graph_names)
        data = self._run(checked, bindings or {}, None)
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            return self._parsed(lambda: [ox.Triple(q.subject, q.predicate, q.object)
                                         for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)])
        self._parsed(lambda: json.loads(data))  # pyoxigraph reads lazily: a broken answer is found here
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def _parsed(self, parse: Callable[[], T]) -> T:
        """A server's answer read as results; an answer that is not (a server that broke off
        mid-answer after its 200: Oxigraph past --timeout-s, out of memory) is a StoreError."""
        try:
            return parse()
        except (QueryError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.url}: the server's answer broke off or is not SPARQL results "
                             f"({_first_line(exc)})") from None

    def flush(self) -> None:
        """Nothing to flush: every request is committed by the server when it answers."""

    def close(self) -> None:
        """Nothing to close: no connection is kept between requests."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _reason(exc: KGError) -> str:
    text = str(exc)
    return text.split(": ", 1)[1] if text.startswith("http") and ": " in text else text
