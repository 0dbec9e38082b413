"""The embedded store: Oxigraph in a folder, named graphs per readout replaced atomically,
SPARQL over their union (the default graph), which alone holds each readout's own triples
(kg/store/own_triples.py).

`kg.store.location.open_store` picks this or a `RemoteStore` (kg/store/remote.py). The store
knows nothing of the ontology: it holds graphs and answers queries.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.sparql.binding import nt_term
from kg.sparql.terms import from_ox, to_ox
from kg.store.integrity import check_logs, damaged
from kg.store.locking import writer_active
from kg.store.own_triples import own_node_owners, split, split_ntriples, stored_own

# A graph kept in place is edited with the same terms again and again (its predicates and nodes,
# small counts, dates): their N-Triples text, escaped and checked (nt_term), is kept.
_term_text = lru_cache(maxsize=1 << 16)(nt_term)


def _nt_line(triple: tuple[Node, Node, Node]) -> str:
    return f"{_term_text(triple[0])} {_term_text(triple[1])} {_term_text(triple[2])} ."


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
        # The graphs kg edits in place (edit_graph: the summaries), their triples by subject as
        # read or written since the first edit: the loader reads the kept values of hundreds of
        # subjects at every batch, an index lookup each (25 us at 10,000 readouts), and nothing
        # but this object writes the store while it holds the write lock.
        self._edited: dict[ox.NamedNode, dict[Node, set[tuple[Node, Node, Node]]]] = {}
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

    # The default graph holds the union of the graphs as a SET (each distinct triple once),
    # maintained on every write, and queries run on it. Oxigraph's own union view is a bag: a
    # node restated by m readouts matches m times in each pattern, so joins grow as m^k with
    # the store (measured: queries past 10 s at 1,000 readouts). A readout's named graph holds
    # its shared triples, the record of which readout said what (GRAPH ?readout { ... }); its
    # own triples (its evidence, commitments, the readout node: kg/store/own_triples.py) are
    # in the union only, written once.

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Replace the named graph (and its share of the union) in one transaction."""
        self.replace_triples(graph_iri, [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph])

    def replace_triples(self, graph_iri: URIRef, triples: list[tuple[Any, Any, Any]]) -> None:
        """`replace_graph` for triples of pyoxigraph terms (the loader's workers send N-Triples,
        which Oxigraph parses far faster than rdflib builds a Graph)."""
        name = self._name(graph_iri)
        self._edited.pop(name, None)
        try:
            if not self._store.contains_named_graph(name):
                # A new graph: nothing to drop or retract, so the write is one insertion of its
                # shared quads and of every triple in the union, which `extend` commits as one
                # transaction (and without the cost of writing and parsing an update text).
                _own, shared = split(name, triples, ox.NamedNode)
                self._store.extend([ox.Quad(s, p, o, name) for s, p, o in shared]
                                   + [ox.Quad(s, p, o) for s, p, o in triples])
                self._keep_graph(name, shared)
                return
            self._store.update(self._replacement(name, triples))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: writing graph {graph_iri} failed ({exc})") from exc

    def add_new_graph(self, graph_iri: URIRef, ntriples: bytes) -> bool:
        """Write a graph the store does not hold yet, given as N-Triples written by Oxigraph
        (one statement per line), in one transaction with its union copies; False (and nothing
        written) when the store holds the graph already. Oxigraph parses the text itself: no
        Python term objects (4 of 19 ms per readout)."""
        name = self._name(graph_iri)
        if self._store.contains_named_graph(name):
            return False
        self._edited.pop(name, None)
        # Each statement ends its line with " ." (a newline inside a literal is escaped), so
        # the shared statements' quads are their lines with the graph name before the dot;
        # every line as it is goes to the default graph, the union.
        _own, shared = split_ntriples(name.value, ntriples)
        quads = shared.replace(b" .\n", b" " + str(name).encode() + b" .\n")
        try:
            self._store.load(quads + ntriples, format=ox.RdfFormat.N_QUADS)
            self._keep_graph(name, shared)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: writing graph {graph_iri} failed ({exc})") from exc
        return True

    def _keep_graph(self, name: ox.NamedNode, shared: Any) -> None:
        """A graph whose triples are all own (one with no rdf:type of its name to anchor it)
        still exists as a name: Oxigraph lists a named graph only while it holds a quad."""
        if not shared:
            self._store.add_graph(name)

    @staticmethod
    def _name(graph_iri: URIRef) -> ox.NamedNode:
        name = to_ox(graph_iri)
        if not isinstance(name, ox.NamedNode):
            raise StoreError(f"a graph name must be an IRI, got {graph_iri!r}")
        return name

    def _stated_elsewhere(self, triple: tuple[Any, Any, Any], name: ox.NamedNode) -> bool:
        """Whether a named graph other than `name` states the triple (the union keeps it then)."""
        return any(q.graph_name != name and not isinstance(q.graph_name, ox.DefaultGraph)
                   for q in self._store.quads_for_pattern(*triple, None))

    def _retraction(self, name: ox.NamedNode, keep: set[tuple[Any, Any, Any]]) -> list[tuple[Any, Any, Any]]:
        """The triples the union loses when graph `name` goes (its triples in `keep` stay):
        its own triples, and those of its named graph that no other graph states. Worked out
        by lookups, not by a NOT EXISTS over every old triple. (This process holds the store's
        write lock: nothing changes between the lookups and the update.)"""
        retract = [t for t in stored_own(self._store, name) if t not in keep]
        seen = set(retract)
        for quad in self._store.quads_for_pattern(None, None, None, name):
            triple: tuple[Any, Any, Any] = (quad.subject, quad.predicate, quad.object)
            if triple in keep or triple in seen:
                continue
            seen.add(triple)
            if not self._stated_elsewhere(triple, name):
                retract.append(triple)
        return retract

    def _replacement(self, name: ox.NamedNode, triples: list[tuple[Any, Any, Any]]) -> str:
        """The update replacing an existing graph: one SPARQL update is one Oxigraph transaction,
        so the retraction, the drop and the insert land together or not at all.

        An old triple leaves the union when the new graph does not state it and no other graph
        does. Terms are written by Oxigraph in N-Triples form (rdflib's n3() abbreviates some
        typed literals, changing their type). Readout graphs hold no blank nodes (the mapping
        mints an IRI for every node): DELETE DATA takes none, so a graph that has some is
        retracted by pattern instead (slower; same result but for own triples with blank nodes).
        """
        _own, shared = split(name, triples, ox.NamedNode)
        insert = f"INSERT DATA {{\n{self._nt(triples)}\nGRAPH {name} {{\n{self._nt(shared)}\n}} }}"
        # CLEAR: the name stays, even with no shared triple
        return f"{self._retract(name, set(triples), 'CLEAR')} ;\n{insert}"

    def _retract(self, name: ox.NamedNode, keep: set[tuple[Any, Any, Any]], empty: str) -> str:
        """The update taking out of the union what graph `name` loses (`_retraction`) and then
        emptying its named graph (`empty`: CLEAR keeps the name, DROP removes it). DELETE DATA
        takes no blank nodes: with some, the shared ones are retracted by pattern (slower; same
        result) and the named graph dropped."""
        retract = self._retraction(name, keep)
        plain = [t for t in retract if not any(isinstance(term, ox.BlankNode) for term in t)]
        dropped = f"DELETE DATA {{\n{self._nt(plain)}\n}} ;\n" if plain else ""
        if len(plain) < len(retract):
            return dropped + self._RETRACT.format(g=name)
        return f"{dropped}{empty} SILENT GRAPH {name}"

    _RETRACT = (
        "DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        "FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n"
        "DROP SILENT GRAPH {g}"
    )

    @staticmethod
    def _nt(triples: Iterable[tuple[Any, Any, Any]]) -> str:
        return "\n".join(f"{s} {p} {o} ." for s, p, o in triples)

    def edit_graph(self, graph_iri: URIRef, remove: list[tuple[Node, Node, Node]],
                   add: list[tuple[Node, Node, Node]]) -> None:
        """Take triples out of a named graph and put others in, with the union, in one
        transaction (a graph kg keeps up to date in place: kg/query/summaries.py). A removed
        triple leaves the union unless another graph states it. For graphs that are not
        readouts: every triple edited is written in the named graph (none is a readout's own)."""
        own = self._name(graph_iri)
        kept, removed = set(add), set(remove)
        gone = [_nt_line(t) for t in remove if t not in kept]
        fresh_triples = [t for t in add if t not in removed]
        fresh = "\n".join(_nt_line(t) for t in fresh_triples)
        parts = []
        if gone:
            elsewhere = self._stated_elsewhere_lines(gone, own)
            union_gone = "\n".join(line for i, line in enumerate(gone) if i not in elsewhere)
            parts.append(f"DELETE DATA {{ GRAPH {own} {{ {chr(10).join(gone)} }} {union_gone} }}")
        if fresh:
            parts.append(f"INSERT DATA {{ GRAPH {own} {{ {fresh} }} {fresh} }}")
        by_subject = self._edited.setdefault(own, {})
        if not parts:
            return
        try:
            self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError, ValueError) as exc:
            self._edited.pop(own, None)
            raise StoreError(f"{self.path}: editing graph {graph_iri} failed ({exc})") from exc
        for t in remove:
            if t not in kept and t[0] in by_subject:
                by_subject[t[0]].discard(t)
        for t in fresh_triples:
            if t[0] in by_subject:
                by_subject[t[0]].add(t)

    def _stated_elsewhere_lines(self, lines: list[str], name: ox.NamedNode) -> set[int]:
        """Which of these triples (N-Triples lines, each ending " .") a named graph other than
        `name` states: one query, not an index lookup per triple from Python (a third of the
        time per triple, and nothing is decoded for the triples no other graph states)."""
        rows = " ".join(f"({i} {line[:-2]})" for i, line in enumerate(lines))
        try:
            result = self._store.query(
                f"SELECT ?i WHERE {{ VALUES (?i ?s ?p ?o) {{ {rows} }} "
                f"FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {name}) }} }}")
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: editing graph {name.value} failed ({exc})") from exc
        assert isinstance(result, ox.QuerySolutions)
        return {int(row[0].value) for row in result}  # type: ignore[union-attr]

    def triples_about(self, subjects: list[URIRef], graph_iri: URIRef) -> list[tuple[Node, Node, Node]]:
        """The triples of a graph whose subject is one of `subjects` (index lookups, no query):
        in its named graph, and its own triples in the union (a readout's)."""
        name = self._name(graph_iri)
        by_subject = self._edited.get(name)
        if by_subject is None:
            wanted = {to_ox(s) for s in subjects}
            found: list[tuple[Any, Any, Any]] = [
                (q.subject, q.predicate, q.object) for s in wanted for q in self._store.quads_for_pattern(s, None, None, name)]  # type: ignore[arg-type]
            seen = set(found)
            found += [t for t in stored_own(self._store, name) if t[0] in wanted and t not in seen]
            return [(from_ox(s), from_ox(p), from_ox(o)) for s, p, o in found]
        # a graph edited in place holds no own triples (edit_graph writes every triple in it)
        out: list[tuple[Node, Node, Node]] = []
        for subject in dict.fromkeys(subjects):
            kept = by_subject.get(subject)
            if kept is None:
                kept = by_subject[subject] = {
                    (subject, from_ox(q.predicate), from_ox(q.object))
                    for q in self._store.quads_for_pattern(to_ox(subject), None, None, name)}  # type: ignore[arg-type]
            out += kept
        return out

    def remove_graph(self, graph_iri: URIRef) -> bool:
        """Remove a graph: its named graph, its own triples and the triples of the union that
        only it stated, in one transaction."""
        node = self._name(graph_iri)
        self._edited.pop(node, None)
        if not self._store.contains_named_graph(node):
            return False
        try:
            self._store.update(self._retract(node, set(), "DROP"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path}: removing graph {graph_iri} failed ({exc})") from exc
        return True

    def repair(self) -> list[str]:
        """Nothing to repair before a load: each write here is one transaction (a load killed
        between a readout and the summaries' fold is rebuilt by kg/query/summaries.py)."""
        return []

    def has_graph(self, graph_iri: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(graph_iri)))

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, graph_iri: URIRef) -> Graph:
        """One graph as an rdflib Graph: its named graph and, for a readout, its own triples
        in the union (kg/store/own_triples.py)."""
        out = Graph()
        for s, p, o in self.graph_triples(graph_iri):
            out.add((from_ox(s), from_ox(p), from_ox(o)))
        return out

    def graph_triples(self, graph_iri: URIRef) -> set[tuple[Any, Any, Any]]:
        """`graph` as a set of pyoxigraph-term triples (no rdflib conversion)."""
        name = ox.NamedNode(str(graph_iri))
        named = {(q.subject, q.predicate, q.object) for q in self._store.quads_for_pattern(None, None, None, name)}
        return named | stored_own(self._store, name)

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """The quads of the graphs, each graph whole (`graph`): the content (the union only
        derives from it, but for the readouts' own triples, which it holds for them). One pass
        over the named graphs, then the union's triples no named graph states, each given to
        the graph whose own node it names (kg/store/own_triples.py), instead of index lookups
        graph by graph (4 ms a readout)."""
        for q in self._store.quads_for_pattern(None, None, None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), from_ox(q.graph_name)
        owners = own_node_owners(self._store)
        result = self._store.query(f"SELECT ?s ?p ?o WHERE {{ {self._OWN_ONLY_PATTERN} }}")
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            s, p, o = row[0], row[1], row[2]
            owner = owners.get(s) or owners.get(o)  # type: ignore[call-overload]
            if owner is not None:
                yield from_ox(s), from_ox(p), from_ox(o), from_ox(owner)

    # The union's triples that no named graph states: the readouts' own triples. MINUS is a
    # hash anti-join (0.2 s at 1,000 readouts; a NOT EXISTS, a lookup per triple, 1.9 s).
    _OWN_ONLY_PATTERN = "?s ?p ?o MINUS { GRAPH ?g { ?s ?p ?o } }"
    _OWN_ONLY = f"SELECT (COUNT(*) AS ?n) WHERE {{ {_OWN_ONLY_PATTERN} }}"

    def __len__(self) -> int:
        """Triples in the graphs, each graph counted whole (`graph`): the named graphs' quads and
        the own triples, which only the union (the default graph) holds."""
        return len(self._store) - self._count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") + self._count(self._OWN_ONLY)

    def _count(self, sparql: str) -> int:
        result = self._store.query(sparql)
        assert isinstance(result, ox.QuerySolutions)
        return int(next(iter(result))["n"].value)  # type: ignore[union-attr]

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
