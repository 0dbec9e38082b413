"""The embedded store: Oxigraph in a folder, named graphs per readout replaced atomically,
SPARQL over their union.

`kg.store.location.open_store` picks this or a `RemoteStore` (kg/store/remote.py). The store
knows nothing of the ontology: it holds graphs and answers queries.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.sparql.terms import from_ox, to_ox
from kg.store.integrity import check_logs, damaged
from kg.store.locking import writer_active


@dataclass(frozen=True)
class GraphInfo:
    iri: str
    triples: int


# A read-only view races a writer's flushes and compactions: it may list a log or table file
# the writer has just merged away ("Corruption: ... No such file"). Opened again a moment later
# it sees the files as they are; damage that stays is damage.
_ATTEMPTS = 6


def _open_read_only(path: Path) -> ox.Store:
    for attempt in range(_ATTEMPTS):
        try:
            if not writer_active(path):  # a log being written is checked by its writer's next open
                check_logs(path)
            return ox.Store.read_only(str(path))
        except (StoreError, OSError, RuntimeError) as exc:
            if attempt + 1 == _ATTEMPTS:
                if isinstance(exc, StoreError):
                    raise
                raise _open_error(path, exc, "cannot open the store read-only") from exc
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _open_error(path: Path, exc: Exception, what: str) -> StoreError:
    """One line for a store Oxigraph would not open: damage (RocksDB's "Corruption", a table or
    MANIFEST file missing) names the way out; anything else is said as it is."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, RuntimeError) or "Corruption" in first or "MANIFEST" in first or ".sst" in first:
        return damaged(path, first[:300])
    return StoreError(f"{path}: {what} ({first[:300]})")


class EmbeddedStore:
    """Oxigraph (RocksDB) in a folder on disk."""

    def __init__(self, path: Path | str, *, create: bool = True, read_only: bool = False,
                 lock_timeout: float | None = None) -> None:
        from kg.store.locking import StoreLock

        self.path = Path(path)
        self.read_only = read_only
        self._lock: StoreLock | None = None
        if (read_only or not create) and not self.path.exists():
            raise StoreError(f"{self.path}: no store here (load something first, or give --store)")
        if read_only:
            # A snapshot as of now, without the write lock: works while a `kg load` writes.
            self._store = _open_read_only(self.path)
            return
        # Writers queue on kg's own lock first (see kg/store/locking.py), then open RocksDB.
        self._lock = StoreLock(self.path, lock_timeout)
        self._lock.acquire()
        try:
            if self.path.is_dir():
                check_logs(self.path)  # before RocksDB replays (and drops) a damaged log
            self._store = ox.Store(str(self.path))
        except StoreError:
            self._lock.release()
            raise
        except (OSError, RuntimeError) as exc:
            self._lock.release()
            if "lock" in str(exc).lower() and "corruption" not in str(exc).lower():
                raise StoreError(f"{self.path}: the store is open in another program (an Oxigraph server or a "
                                 f"process that is not kg); stop it first ({exc})") from exc
            raise _open_error(self.path, exc, "cannot open the store") from exc

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

    def edit_graph(self, graph_iri: URIRef, remove: list[tuple[Node, Node, Node]],
                   add: list[tuple[Node, Node, Node]]) -> None:
        """Take triples out of a named graph and put others in, with the union, in one
        transaction (a graph kg keeps up to date in place: kg/query/summaries.py). A removed
        triple leaves the union unless another graph states it."""
        from kg.sparql.binding import nt_term

        name = nt_term(graph_iri)
        kept, removed = set(add), set(remove)
        gone = [t for t in remove if t not in kept]
        own = to_ox(graph_iri)

        def stated_elsewhere(triple: tuple[Node, Node, Node]) -> bool:
            s, p, o = (to_ox(x) for x in triple)
            return any(q.graph_name != own and not isinstance(q.graph_name, ox.DefaultGraph)
                       for q in self._store.quads_for_pattern(s, p, o, None))  # type: ignore[arg-type]

        union_gone = [t for t in gone if not stated_elsewhere(t)]
        fresh = [t for t in add if t not in removed]

        def lines(triples: list[tuple[Node, Node, Node]]) -> str:
            return "\n".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in triples)

        parts = []
        if gone:
            parts.append(f"DELETE DATA {{ GRAPH {name} {{ {lines(gone)} }} {lines(union_gone)} }}")
        if fresh:
            parts.append(f"INSERT DATA {{ GRAPH {name} {{ {lines(fresh)} }} {lines(fresh)} }}")
        if not parts:
            return
        try:
            self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: editing graph {graph_iri} failed ({exc})") from exc

    def triples_about(self, subjects: list[URIRef], graph_iri: URIRef) -> list[tuple[Node, Node, Node]]:
        """The triples of a named graph whose subject is one of `subjects` (index lookups, no query)."""
        name = to_ox(graph_iri)
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                for s in subjects
                for q in self._store.quads_for_pattern(to_ox(s), None, None, name)]  # type: ignore[arg-type]

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
        parameters are bound as RDF terms, in a VALUES block (kg/sparql/binding.py)."""
        from kg.errors import QueryError

        try:
            if bindings:
                from kg.sparql.binding import with_values
                from kg.sparql.safety import check_query

                sparql = with_values(check_query(sparql), bindings)
            return self._store.query(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc

    def flush(self) -> None:
        try:
            self._store.flush()
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: writing to disk failed ({exc})") from exc

    def compact(self) -> None:
        """Merge RocksDB's table files (Oxigraph's `optimize`) and drop its write-ahead logs:
        after thousands of readouts are written one transaction at a time, reads go through
        many overlapping files (measured at 10,000 readouts: 19 s; the store 5.0 -> 3.2 GB, a
        query over every post holding 160 -> 90 ms)."""
        try:
            self._store.optimize()
            self._reopen()
        except OSError as exc:
            raise StoreError(f"{self.path}: compacting the store failed ({exc})") from exc

    def _reopen(self) -> None:
        """Close RocksDB and open it again: a write-ahead log file is kept until every column
        family with writes in it has flushed, and the seldom-written ones hold it for the
        whole of a load (its logs were 238 of 342 MB after 300 readouts, 70% of the store).
        Opening replays and flushes them, and the logs are deleted. `flush` does not do it.
        Safe here: this process holds the store's write lock (kg/store/locking.py)."""
        if self.read_only:
            return
        self._store.flush()
        del self._store
        self._store = ox.Store(str(self.path))

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        # pyoxigraph closes the database when the object is dropped.
        if not hasattr(self, "_store"):
            return  # already closed
        try:
            if not self.read_only:
                self.flush()
        finally:
            del self._store
            if self._lock is not None:
                self._lock.release()


def quads_of(graph_iri: URIRef, graph: Graph) -> Iterable[tuple[Node, Node, Node, URIRef]]:
    return ((s, p, o, graph_iri) for s, p, o in graph)
