"""A SPARQL 1.1 server as the store: Query, Update and Graph Store Protocol over urllib.

`RemoteStore` has the methods of `EmbeddedStore`, so the loader, the queries and the exports
run unchanged against Oxigraph server, Apache Jena Fuseki or any SPARQL 1.1 server.

Endpoint layouts (`endpoints_for`):
- Oxigraph server, `http://host:7878` (or `.../query`): `/query`, `/update`, `/store`; each
  query asks for the union of the graphs as its default graph (`union-default-graph`).
- Fuseki, `http://host:3030/ds` (or `.../ds/sparql`, `.../ds/query`): `/ds/sparql`,
  `/ds/update`, `/ds/data`. Configure the dataset with `tdb2:unionDefaultGraph true` so that a
  query without GRAPH sees every readout, as in the embedded store.

A readout's graph is replaced with ONE Graph Store Protocol PUT, which the server applies as
one transaction: a failed or interrupted load leaves the old graph, never half of the new one.
Every request has an explicit timeout.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from kg.errors import QueryError, QueryTimeout, StoreError, UsageError
from kg.sparql.binding import nt_term, with_values
from kg.sparql.results import QueryResult, SelectResult, parse_results_json, parse_triples
from kg.sparql.safety import CheckedQuery

DEFAULT_REQUEST_TIMEOUT = 60.0


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    data: str  # Graph Store Protocol
    union_param: bool  # Oxigraph: ask for the union default graph per request


def endpoints_for(url: str) -> Endpoints:
    """The query, update and graph-store URLs of a server, from the URL given as --store."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{url}: not an http(s) URL of a SPARQL server")
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    if path in ("", "/query"):  # Oxigraph server
        return Endpoints(at("/query"), at("/update"), at("/store"), True)
    base = path.rsplit("/", 1)[0] if path.endswith(("/sparql", "/query")) else path
    return Endpoints(at(path if path != base else base + "/sparql"), at(base + "/update"), at(base + "/data"), False)


# ---------------------------------------------------------------- the store

class RemoteStore:
    """A SPARQL 1.1 server (Query, Update, Graph Store Protocol) with EmbeddedStore's methods."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_REQUEST_TIMEOUT) -> None:
        self.url = url
        self.endpoints = endpoints_for(url)
        self.timeout = timeout

    @property
    def location(self) -> str:
        return self.url

    # -- HTTP

    def _request(self, url: str, *, method: str = "GET", data: bytes | None = None,
                 headers: dict[str, str] | None = None, timeout: float | None = None,
                 ok_missing: bool = False) -> bytes | None:
        limit = timeout if timeout is not None else self.timeout
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        deadline = time.monotonic() + limit
        try:
            with urllib.request.urlopen(req, timeout=limit) as resp:  # noqa: S310 — http(s) checked
                chunks = []
                while chunk := resp.read(65536):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError
                return b"".join(chunks)
        except urllib.error.HTTPError as exc:
            if ok_missing and exc.code == 404:
                return None
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if 400 <= exc.code < 500:
                raise QueryError(f"{self.url}: the server refused the request ({exc.code}): {detail}") from exc
            raise StoreError(f"{self.url}: the server failed ({exc.code}): {detail}") from exc
        except TimeoutError:
            raise QueryTimeout(f"{self.url}: no answer within the time limit of {limit:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise QueryTimeout(f"{self.url}: no answer within the time limit of {limit:g} s") from None
            raise StoreError(f"{self.url}: cannot reach the server ({exc.reason})") from exc

    def _graph_url(self, graph_iri: URIRef | str) -> str:
        return f"{self.endpoints.data}?{urllib.parse.urlencode({'graph': str(graph_iri)})}"

    def _post_query(self, text: str, accept: str, timeout: float | None, union: bool = True) -> bytes:
        form: dict[str, str] = {"query": text}
        if self.endpoints.union_param and union:  # Oxigraph lets this override a FROM clause
            form["union-default-graph"] = "true"
        body = urllib.parse.urlencode(form).encode()
        data = self._request(self.endpoints.query, method="POST", data=body, timeout=timeout, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        return data or b""

    def _update(self, text: str) -> None:
        self._request(self.endpoints.update, method="POST", data=text.encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update"})

    def _select(self, text: str) -> SelectResult:
        # terms as EmbeddedStore's methods give them (rdflib's canonical literals)
        result = parse_results_json(self._post_query(text, "application/sparql-results+json", None), normalize=True)
        if not isinstance(result, SelectResult):
            raise QueryError(f"{self.url}: expected SELECT results")
        return result

    # -- EmbeddedStore's methods

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Replace the named graph with ONE Graph Store Protocol PUT (one server transaction)."""
        body = "".join(f"{nt_term(s) if not isinstance(s, BNode) else s.n3()} {nt_term(p)} "
                       f"{o.n3() if isinstance(o, BNode) else nt_term(o)} .\n" for s, p, o in graph)
        self._request(self._graph_url(graph_iri), method="PUT", data=body.encode("utf-8"),
                      headers={"Content-Type": "application/n-triples"})

    def edit_graph(self, graph_iri: URIRef, remove: list[tuple[Node, Node, Node]],
                   add: list[tuple[Node, Node, Node]]) -> None:
        """EmbeddedStore.edit_graph: one SPARQL update (one server transaction)."""
        name = nt_term(URIRef(graph_iri))

        def lines(triples: list[tuple[Node, Node, Node]]) -> str:
            return "\n".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in triples)

        gone, fresh = [t for t in remove if t not in set(add)], [t for t in add if t not in set(remove)]
        parts = ([f"DELETE DATA {{ GRAPH {name} {{ {lines(gone)} }} }}"] if gone else []) + \
                ([f"INSERT DATA {{ GRAPH {name} {{ {lines(fresh)} }} }}"] if fresh else [])
        if parts:
            self._update(" ;\n".join(parts))

    def triples_about(self, subjects: list[URIRef], graph_iri: URIRef) -> list[tuple[Node, Node, Node]]:
        """EmbeddedStore.triples_about, as one query."""
        if not subjects:
            return []
        values = " ".join(nt_term(URIRef(s)) for s in subjects)
        rows = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {nt_term(URIRef(graph_iri))} {{ "
                            f"VALUES ?s {{ {values} }} ?s ?p ?o }} }}").rows
        return [(r["s"], r["p"], r["o"]) for r in rows]

    def remove_graph(self, graph_iri: URIRef) -> bool:
        if not self.has_graph(graph_iri):
            return False
        self._update(f"DROP GRAPH {nt_term(URIRef(graph_iri))}")
        return True

    def has_graph(self, graph_iri: URIRef) -> bool:
        return str(graph_iri) in self.graph_names()

    def graph_names(self) -> list[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        return sorted(str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef))

    def graph(self, graph_iri: URIRef) -> Graph:
        data = self._request(self._graph_url(graph_iri), headers={"Accept": "application/n-triples"},
                             ok_missing=True)
        return parse_triples(data or b"").graph()

    # Only named graphs: kg writes nothing else, and with a union default graph (which the
    # queries need) the server's default graph shows the named graphs' triples a second time.
    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        for r in self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows:
            yield r["s"], r["p"], r["o"], r["g"]

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(str(rows[0]["n"])) if rows else 0

    def execute(self, checked: CheckedQuery, bindings: Mapping[str, Node], timeout: float | None) -> QueryResult:
        """Run a query that passed the safety check, parameters in a VALUES block (see with_values)."""
        text, union = with_values(checked, bindings), not checked.dataset
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            return parse_triples(self._post_query(text, "application/n-triples", timeout, union))
        return parse_results_json(self._post_query(text, "application/sparql-results+json", timeout, union))

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        """Like EmbeddedStore.query: pyoxigraph result objects (solutions, boolean or triples)."""
        from kg.sparql.safety import check_query

        checked = check_query(sparql, self.graph_names)
        text, union = with_values(checked, bindings or {}), not checked.dataset
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            data = self._post_query(text, "application/n-triples", None, union)
            return [ox.Triple(q.subject, q.predicate, q.object)
                    for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        data = self._post_query(text, "application/sparql-results+json", None, union)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def flush(self) -> None:
        """Nothing to flush: every request is committed by the server when it answers."""

    def close(self) -> None:
        """Nothing to close: no connection is kept between requests."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
