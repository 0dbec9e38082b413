"""The store: named graphs per readout, replaced atomically; SPARQL over their union.

`open_store(location)` gives an `EmbeddedStore` (Oxigraph in a folder) for a path, and a
`RemoteStore` (kg/remote.py: a SPARQL 1.1 server) for an http(s) URL. The store
knows nothing of the ontology: it holds graphs and answers queries.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError

if TYPE_CHECKING:
    from kg.remote import RemoteStore

DEFAULT_STORE = "./kg-store"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
STORE_ENV = "KG_STORE"


def default_location() -> str:
    """The store used when no --store is given: $KG_STORE, else ./kg-store."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store an RDF term of type {type(term).__name__}")


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"cannot read an RDF term of type {type(term).__name__}")


@dataclass(frozen=True)
class GraphInfo:
    iri: str
    triples: int


class EmbeddedStore:
    """Oxigraph (RocksDB) in a folder on disk."""

    def __init__(self, path: Path | str, *, create: bool = True, read_only: bool = False,
                 lock_timeout: float | None = None) -> None:
        from kg.locking import StoreLock

        self.path = Path(path)
        self.read_only = read_only
        self._lock: StoreLock | None = None
        if (read_only or not create) and not self.path.exists():
            raise StoreError(f"{self.path}: no store here (load something first, or give --store)")
        if read_only:
            # A snapshot as of now, without the write lock: works while a `kg load` writes.
            try:
                self._store = ox.Store.read_only(str(self.path))
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot open the store read-only ({exc})") from exc
            return
        # Writers queue on kg's own lock first (see kg/locking.py), then open RocksDB.
        self._lock = StoreLock(self.path, lock_timeout)
        self._lock.acquire()
        try:
            self._store = ox.Store(str(self.path))
        except OSError as exc:
            self._lock.release()
            if "lock" in str(exc).lower():
                raise StoreError(f"{self.path}: the store is open in another program (an Oxigraph server or a "
                                 f"process that is not kg); stop it first ({exc})") from exc
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    # The default graph holds the union of the named graphs as a SET (each distinct triple
    # once), maintained on every write, and queries run on it. Oxigraph's own union view
    # is a bag: a node restated by m readouts matches m times in each pattern, so joins grow
    # as m^k with the store (measured: queries past 10 s at 1,000 readouts). The named
    # graphs stay the record of which readout said what (GRAPH ?readout { ... }).
    _RETRACT = (
        "DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        "FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n"
        "DROP SILENT GRAPH {g}"
    )

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Replace the named graph (and its share of the union) in one transaction."""
        self.replace_triples(graph_iri, [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph])

    def replace_triples(self, graph_iri: URIRef, triples: list[tuple[Any, Any, Any]]) -> None:
        """`replace_graph` for triples of pyoxigraph terms (the loader's workers send N-Triples,
        which Oxigraph parses far faster than rdflib builds a Graph)."""
        name = to_ox(graph_iri)
        if not isinstance(name, ox.NamedNode):
            raise StoreError(f"a graph name must be an IRI, got {graph_iri!r}")
        try:
            if not self._store.contains_named_graph(name):
                # A new graph: nothing to drop or retract, so the write is one insertion of its
                # quads and their union copies, which `extend` commits as one transaction
                # (and without the cost of writing and parsing an update text).
                self._store.extend([ox.Quad(s, p, o, name) for s, p, o in triples]
                                   + [ox.Quad(s, p, o) for s, p, o in triples])
                return
            self._store.update(self._replacement(name, triples))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: writing graph {graph_iri} failed ({exc})") from exc

    def add_new_graph(self, graph_iri: URIRef, ntriples: bytes) -> bool:
        """Write a graph the store does not hold yet, given as N-Triples written by Oxigraph
        (one statement per line), in one transaction with its union copies; False (and nothing
        written) when the store holds the graph already. Oxigraph parses the text itself: no
        Python term objects (4 of 19 ms per readout)."""
        name = to_ox(graph_iri)
        if not isinstance(name, ox.NamedNode):
            raise StoreError(f"a graph name must be an IRI, got {graph_iri!r}")
        if self._store.contains_named_graph(name):
            return False
        # Each statement ends its line with " ." (a newline inside a literal is escaped), so
        # the graph's quads are its lines with the graph name before the dot; the lines as they
        # are go to the default graph, the union.
        quads = ntriples.replace(b" .\n", b" " + str(name).encode() + b" .\n")
        try:
            self._store.load(quads + ntriples, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: writing graph {graph_iri} failed ({exc})") from exc
        return True

    def _replacement(self, name: ox.NamedNode, triples: list[tuple[Any, Any, Any]]) -> str:
        """The update replacing an existing graph: one SPARQL update is one Oxigraph transaction,
        so the retraction, the drop and the insert land together or not at all.

        What the union loses is worked out here, by lookups, instead of by a NOT EXISTS over
        every old triple: an old triple leaves the union when the new graph does not state it
        and no other graph does. (This process holds the store's write lock: nothing changes
        between the lookups and the update.) Terms are written by Oxigraph in N-Triples form
        (rdflib's n3() abbreviates some typed literals, changing their type).
        """
        new = set(triples)
        retract = []
        for quad in self._store.quads_for_pattern(None, None, None, name):
            triple = (quad.subject, quad.predicate, quad.object)
            if triple in new:
                continue
            stated_by = (q.graph_name for q in self._store.quads_for_pattern(*triple, None))
            if not any(g != name and not isinstance(g, ox.DefaultGraph) for g in stated_by):
                retract.append(triple)
        body = self._nt(triples)
        if any(isinstance(term, ox.BlankNode) for triple in retract for term in triple):
            # DELETE DATA takes no blank nodes: retract by pattern instead (slower, same result)
            return f"{self._RETRACT.format(g=name)} ;\nINSERT DATA {{\n{body}\nGRAPH {name} {{\n{body}\n}} }}"
        dropped = f"DELETE DATA {{\n{self._nt(retract)}\n}} ;\n" if retract else ""
        return f"{dropped}DROP SILENT GRAPH {name} ;\nINSERT DATA {{\n{body}\nGRAPH {name} {{\n{body}\n}} }}"

    @staticmethod
    def _nt(triples: Iterable[tuple[Any, Any, Any]]) -> str:
        return "\n".join(f"{s} {p} {o} ." for s, p, o in triples)

    def remove_graph(self, graph_iri: URIRef) -> bool:
        """Remove a named graph and the triples of the union that only it stated."""
        node = ox.NamedNode(str(graph_iri))
        if not self._store.contains_named_graph(node):
            return False
        try:
            self._store.update(self._RETRACT.format(g=str(node)))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path}: removing graph {graph_iri} failed ({exc})") from exc
        return True

    def has_graph(self, graph_iri: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph_iri)))

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, graph_iri: URIRef) -> Graph:
        """One named graph as an rdflib Graph."""
        out = Graph()
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))):
            out.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return out

    def graph_triples(self, graph_iri: URIRef) -> set[tuple[Any, Any, Any]]:
        """One named graph as a set of pyoxigraph-term triples (no rdflib conversion)."""
        name = ox.NamedNode(str(graph_iri))
        return {(q.subject, q.predicate, q.object) for q in self._store.quads_for_pattern(None, None, None, name)}

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """The quads of the named graphs: the content (the default graph only derives from it)."""
        for q in self._store.quads_for_pattern(None, None, None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)

    def __len__(self) -> int:
        """Quads in the named graphs (the maintained union in the default graph not counted)."""
        union = sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return len(self._store) - union

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        """Run a read query over the union of graphs (the maintained default graph);
        parameters are bound as RDF terms, in a VALUES block (kg/binding.py)."""
        from kg.errors import QueryError

        try:
            if bindings:
                from kg.binding import with_values
                from kg.sparql_safety import check_query

                sparql = with_values(check_query(sparql), bindings)
            return self._store.query(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc

    def flush(self) -> None:
        self._store.flush()

    def compact(self) -> None:
        """Merge RocksDB's table files (Oxigraph's `optimize`): after thousands of readouts
        are written one transaction at a time, reads go through many overlapping files
        (measured at 10,000 readouts: 19 s; the store 5.0 -> 3.2 GB, a query over every post
        holding 160 -> 90 ms)."""
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"{self.path}: compacting the store failed ({exc})") from exc

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        # pyoxigraph closes the database when the object is dropped.
        if not hasattr(self, "_store"):
            return  # already closed
        if not self.read_only:
            self._store.flush()
        del self._store
        if self._lock is not None:
            self._lock.release()


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | Path | None = None, *, create: bool = True, read_only: bool = False,
               lock_timeout: float | None = None) -> EmbeddedStore | RemoteStore:
    """A store by path (default: $KG_STORE or ./kg-store), or a SPARQL 1.1 server by http(s) URL.

    An embedded store opened for writing holds the store's write lock until it is closed or
    the process ends (another writer waits up to `lock_timeout`, default $KG_LOCK_TIMEOUT or
    60 s); `read_only=True` opens a snapshot without the lock, for readers during a load.
    """
    loc = str(location) if location is not None else default_location()
    if is_remote(loc):
        from kg.remote import RemoteStore

        return RemoteStore(loc)
    return EmbeddedStore(loc, create=create, read_only=read_only, lock_timeout=lock_timeout)


def quads_of(graph_iri: URIRef, graph: Graph) -> Iterable[tuple[Node, Node, Node, URIRef]]:
    return ((s, p, o, graph_iri) for s, p, o in graph)
