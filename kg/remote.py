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

import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, QueryTimeout, StoreError, UsageError
from kg.results import SAFE_IRI, VARIABLE_NAME, QueryResult, SelectResult, parse_results_json, parse_triples
from kg.sparql_safety import CheckedQuery

DEFAULT_REQUEST_TIMEOUT = 60.0
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_IRIREF_TOKEN = re.compile(r"<[^\x00-\x20<>\"{}|^`\\]*>")


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


# ---------------------------------------------------------------- terms as N-Triples text

def nt_term(term: Node) -> str:
    """An IRI or literal in N-Triples syntax, escaped so that no value can leave its token."""
    if isinstance(term, URIRef):
        if not SAFE_IRI.match(str(term)):
            raise UsageError(f"not an absolute IRI that can be sent safely: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = "".join(_escape_char(c) for c in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise UsageError(f"bad language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^{nt_term(URIRef(term.datatype))}'
        return f'"{text}"'
    raise UsageError(f"a {type(term).__name__} cannot be bound as a parameter of a remote query")


def _escape_char(c: str) -> str:
    if c == "\\":
        return "\\\\"
    if c == '"':
        return '\\"'
    if c == "\n":
        return "\\n"
    if c == "\r":
        return "\\r"
    if c == "\t":
        return "\\t"
    if ord(c) < 0x20 or ord(c) == 0x7F:
        return f"\\u{ord(c):04X}"
    return c


# ---------------------------------------------------------------- parameters as a VALUES block

def _group_starts(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the `{ }` groups at the top level of a query, skipping strings,
    IRIs, comments and anything inside parentheses (EXISTS in a SELECT expression)."""
    return [(open_, close) for open_, close, depth in _groups(text) if depth == 0]


def _groups(text: str) -> list[tuple[int, int, int]]:
    """(open, close, depth) of every `{ }` group of a query (see _group_starts), in order of closing."""
    groups: list[tuple[int, int, int]] = []
    depth = parens = 0
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "<":
            m = _IRIREF_TOKEN.match(text, i)
            if m:
                i = m.end()
                continue
        if c == "(" and depth == 0:
            parens += 1
        elif c == ")" and depth == 0:
            parens -= 1
        elif c == "{" and parens == 0:
            starts.append(i)
            depth += 1
        elif c == "}" and parens == 0 and starts:
            depth -= 1
            groups.append((starts.pop(), i, depth))
        i += 1
    return groups


def _sub_select_groups(text: str, start: int, end: int, names: list[str]) -> list[tuple[int, list[str]]]:
    """Where a VALUES block goes in each sub-select between `start` and `end` that projects a
    parameter: (offset after its WHERE group's `{`, the parameters it projects). A sub-select
    sees only what it projects, so the outer VALUES does not reach it, while pyoxigraph's
    substitution does: the block is repeated inside."""
    out: list[tuple[int, list[str]]] = []
    groups = [g for g in _groups(text) if start < g[0] and g[1] < end]
    for open_, close, _depth in groups:
        if not re.match(r"\s*SELECT\b", text[open_ + 1:close], re.I):
            continue
        # the sub-select's own WHERE group: the first group opening inside it
        inner = [g for g in groups if open_ < g[0] and g[1] < close]
        if not inner:
            continue
        where = min(inner)[0]
        projection = text[open_ + 1:where]
        projected = [n for n in names if re.search(r"[?$]" + re.escape(n) + r"\b", projection)
                     or re.match(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", projection, re.I)]
        if projected:
            out.append((where + 1, projected))
    return out


def with_values(checked: CheckedQuery, bindings: Mapping[str, Node]) -> str:
    """The query with its parameters as a VALUES block at the start of its WHERE group.

    A remote server has no equivalent of pyoxigraph's `substitutions`, so the parameters go
    in as data: each value is serialised as ONE N-Triples term by `nt_term` (IRIs checked
    against the IRIREF grammar, literals escaped), so a value holding quotes, braces, `}` or
    `;` stays inside its token and can change nothing but the match. Because every parameter
    of a SELECT is projected, a VALUES join at the start of the WHERE group binds it exactly
    as the embedded store's substitution does (filters of the group see it bound).
    """
    if not bindings:
        return checked.text
    names = sorted(bindings)
    for name in names:
        if not VARIABLE_NAME.match(name):
            raise UsageError(f"{name!r} is not a SPARQL variable name")
    def block_of(bound: list[str]) -> str:
        return f"VALUES ({' '.join('?' + n for n in bound)}) {{ ({' '.join(nt_term(bindings[n]) for n in bound)}) }}"

    block = block_of(names)
    text = checked.text
    groups = _group_starts(text)
    if checked.form == "CONSTRUCT":
        head = text[: groups[0][0]] if groups else ""
        if len(groups) < 2 or re.search(r"\bWHERE\s*$", head, re.IGNORECASE):
            raise UsageError("parameters of a CONSTRUCT need its long form: CONSTRUCT { template } WHERE { pattern }")
        groups = groups[1:]
    if not groups:
        raise UsageError("this query has no WHERE group to bind parameters in")
    open_, close = groups[0]
    for at, bound in sorted(_sub_select_groups(text, open_, close, names), reverse=True):
        text = f"{text[:at]} {block_of(bound)}\n{text[at:]}"
        close += len(block_of(bound)) + 2
    body = text[open_ + 1 : close]
    if re.match(r"\s*SELECT\b", body, re.IGNORECASE):  # a sub-select cannot share its group
        return f"{text[: open_ + 1]} {block} {{{body}}} {text[close:]}"
    return f"{text[: open_ + 1]} {block}\n{body}{text[close:]}"


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
        from kg.sparql_safety import check_query

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
