"""Load readouts into a store: read → extract → map → validate → replace the named graph.

Each readout is its own unit of work: it is either stored completely (its named graph
replaced in one transaction) or not at all, so a bad file or an interruption never costs
what is already stored. Reading, extraction, mapping and validation are pure and run in
worker processes with `jobs > 1`; writes stay in this process, one readout at a time.
"""

from __future__ import annotations

import gc
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV

from kg import __version__
from kg.errors import InputError, KGError, StoreError, UsageError, ValidationError
from kg.model.namespaces import ORG, REFERENCE_GRAPH, readout_iri
from kg.model.record import Record
from kg.model.record_json import record_from_json
from kg.query import pairs, post_holders, summaries
from kg.query.people import known_forums, known_meeting_mentions, known_people, known_posts
from kg.query.sandbox import die_with_parent
from kg.query.stored_rewrites import (
    rekey_stored,
    rekey_stored_meeting,
    rekey_stored_post,
    settle_cross_script,
)
from kg.rdf.identity import IdentityIndex
from kg.rdf.rekey import Rekey
from kg.read.document import Document
from kg.read.input_checks import check_readout_content
from kg.read.sources import expand_paths, read_path
from kg.sparql.results import SAFE_IRI

Status = Literal["loaded", "unchanged", "rejected", "failed"]


@dataclass
class LoadOutcome:
    """What happened to one input."""

    source: str
    status: Status
    readout: str | None = None  # the readout IRI (also its graph name)
    triples: int = 0
    message: str | None = None


@dataclass
class LoadSummary:
    outcomes: list[LoadOutcome] = field(default_factory=list)
    # readouts a server's interrupted write had left half-written, removed before this load
    repaired: list[str] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return all(o.status in ("loaded", "unchanged") for o in self.outcomes)


@dataclass
class PreparedReadout:
    """A readout ready to store: its graph name, its graph and the record it came from."""

    iri: URIRef
    graph: Graph
    record: Record


@dataclass
class ShippedReadout:
    """A prepared readout as a worker process sends it: its graph as N-Triples written by
    Oxigraph. Unpickling an rdflib Graph and converting its terms cost the main process (the
    serial part of a load with --jobs) about 15 ms a readout; parsing N-Triples with Oxigraph
    costs about 1 ms."""

    iri: URIRef
    ntriples: bytes
    record: Record

    def triples(self) -> list[tuple[Any, Any, Any]]:
        import pyoxigraph as ox

        return [(q.subject, q.predicate, q.object) for q in ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES)]

    def to_prepared(self) -> PreparedReadout:
        return PreparedReadout(self.iri, Graph().parse(data=self.ntriples, format="nt"), self.record)


def ship(prepared: PreparedReadout) -> ShippedReadout:
    return ShippedReadout(prepared.iri, _ntriples(prepared.graph), prepared.record)


def _ntriples(triples: Iterable[tuple[Any, Any, Any]]) -> bytes:
    """rdflib triples as N-Triples written by Oxigraph, in their order."""
    import pyoxigraph as ox

    from kg.sparql.terms import to_ox

    # a readout's ~700 triples hold a few hundred distinct terms (predicates, its own IRIs):
    # each is converted once
    terms: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = terms.get(t)
        if found is None:
            found = terms[t] = to_ox(t)
        return found

    out = [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]
    return ox.serialize(out, format=ox.RdfFormat.N_TRIPLES) or b""


@cache
def _reference() -> tuple[Graph, str]:
    from kg.model.reference_rdf import reference_graph, reference_version

    return reference_graph(), reference_version()


def ensure_reference(store: Any) -> bool:
    """Store the reference graph (countries, COPs, topics) when missing or out of date."""
    graph, _version = _reference()
    if store.has_graph(REFERENCE_GRAPH) and set(store.graph(REFERENCE_GRAPH)) == set(graph):
        return False
    store.replace_graph(REFERENCE_GRAPH, graph)
    return True


def record_of(doc: Document) -> Record:
    """The facts of one document: a curated JSON record as it is, else extraction."""
    if doc.record is not None:
        record = record_from_json(doc.record, source=doc.source)
        if not record.text:
            record.text = doc.text
        return record
    from kg.extract import extract

    return extract(doc)


def prepare(doc: Document, *, allow_empty: bool = False, loaded_at: datetime | None = None) -> PreparedReadout:
    """Extract, map and validate one document; raises instead of returning a bad graph."""
    from kg.rdf.mapping import triples_to_graph

    iri, triples, record = _mapped(doc, allow_empty, loaded_at)
    return PreparedReadout(iri=iri, graph=triples_to_graph(iri, triples), record=record)


def prepare_shipped(doc: Document, *, allow_empty: bool = False, loaded_at: datetime | None = None) -> ShippedReadout:
    """`ship(prepare(doc))` without the rdflib graph: a worker maps, validates and serialises
    the readout's triples as they come."""
    iri, triples, record = _mapped(doc, allow_empty, loaded_at)
    return ShippedReadout(iri, _ntriples(triples), record)


_READOUT_CLASS, _RDF_TYPE = URIRef("https://w3id.org/climate-kg/ontology#Readout"), RDF.type


def _mapped(doc: Document, allow_empty: bool,
            loaded_at: datetime | None) -> tuple[URIRef, list[tuple[Any, Any, Any]], Record]:
    """Extract, map and validate one document: its readout IRI, triples and record."""
    from kg.rdf.mapping import record_to_triples
    from kg.rdf.names_zh import with_english_names

    record = record_of(doc)
    if not allow_empty:
        check_readout_content(record, doc.source)
    record = with_english_names(record)  # one node per person and forum whatever the language
    triples = record_to_triples(record, loaded_at=loaded_at or datetime.now(UTC), tool_version=__version__)
    readouts = list(dict.fromkeys(s for s, p, o in triples if o == _READOUT_CLASS and p == _RDF_TYPE))
    if len(readouts) != 1:
        raise KGError(f"{doc.source}: mapping produced {len(readouts)} readout nodes, expected one")
    _check_shapes(triples, doc.source)
    return URIRef(str(readouts[0])), triples, record


def _check_shapes(graph: Graph | list[tuple[Any, Any, Any]], source: str) -> None:
    """Raise ValidationError unless the readout graph conforms (with the reference graph,
    which validate_readout always consults: no context is copied for it)."""
    from kg.rdf.validate import validate_readout

    report = validate_readout(graph, warnings=False)  # loading asks only: does it conform?
    if not report.conforms:
        raise ValidationError(f"{source}: does not conform to the shapes:\n{report.text()}", report)


# The load activity's time differs on every run; everything else must be equal.
_LOAD_TIME = {str(PROV.startedAtTime), str(PROV.endedAtTime), str(PROV.generatedAtTime)}


def _without_load_time(graph: Graph) -> set[tuple[Any, Any, Any]]:
    return {t for t in graph if str(t[1]) not in _LOAD_TIME}


def _ox_without_load_time(triples: Iterable[tuple[Any, Any, Any]]) -> set[tuple[Any, Any, Any]]:
    return {t for t in triples if t[1].value not in _LOAD_TIME}


def is_unchanged(store: Any, prepared: PreparedReadout | ShippedReadout,
                 triples: list[tuple[Any, Any, Any]] | None = None) -> bool:
    """Whether the store holds this readout's graph already (load times aside).

    `triples`: the readout's triples as pyoxigraph terms, when the caller has them; an
    embedded store is then compared in pyoxigraph terms, without building rdflib Graphs.
    """
    if not store.has_graph(prepared.iri):
        return False
    if triples is not None and hasattr(store, "graph_triples"):
        return _ox_without_load_time(store.graph_triples(prepared.iri)) == _ox_without_load_time(triples)
    if isinstance(prepared, ShippedReadout):
        prepared = prepared.to_prepared()
    return _without_load_time(store.graph(prepared.iri)) == _without_load_time(prepared.graph)


def _prepare_path(item: Path | str, allow_empty: bool, max_bytes: int | None = None, *,
                  shipped: bool = False) -> PreparedReadout | ShippedReadout | LoadOutcome:
    """Worker: one path to a prepared (or `shipped`) readout, or the outcome explaining why not."""
    source = str(item)
    try:
        doc = read_path(item, max_bytes=max_bytes)
        return (prepare_shipped if shipped else prepare)(doc, allow_empty=allow_empty)
    except (ValidationError, InputError) as exc:
        return LoadOutcome(source, "rejected", message=str(exc))
    except KGError as exc:
        return LoadOutcome(source, "failed", message=str(exc))
    except (RecursionError, UnicodeError) as exc:  # a file no check foresaw: it alone fails, the batch goes on
        return LoadOutcome(source, "failed", message=f"{source}: cannot be processed ({type(exc).__name__})")


def _prepare_path_shipped(item: Path | str, allow_empty: bool,
                          max_bytes: int | None = None) -> ShippedReadout | LoadOutcome:
    """Worker of a pool: `_prepare_path`, its graph sent as N-Triples (see ShippedReadout)."""
    return _prepare_path(item, allow_empty, max_bytes, shipped=True)  # type: ignore[return-value]


_ORG_HOLDS = str(ORG.holds)
_CHUNK = 8  # readouts per task sent to a worker
COMPACT_AFTER = 1000  # readouts written in one batch, after which the embedded store is compacted
# Writes reach the table files at least this often during a load. A reader (kg query, kg serve's
# worker) opens the store by replaying the write-ahead log: unflushed, the log of a long load
# grows without bound and every read during it waits for the replay (measured: a query with
# --timeout 5 took 10 s at 2,000 readouts into a load, against 0.7 s idle).
FLUSH_SECONDS = 1.0
FLUSH_EVERY = 100  # readouts: whichever comes first


def _prepare_chunk(items: list[Path | str], allow_empty: bool,
                   max_bytes: int | None) -> list[ShippedReadout | LoadOutcome]:
    return [_prepare_path_shipped(item, allow_empty, max_bytes) for item in items]


def _prepared_stream(items: list[Path | str], allow_empty: bool, jobs: int,
                     max_bytes: int | None) -> Iterator[PreparedReadout | ShippedReadout | LoadOutcome]:
    if jobs <= 1 or len(items) < 2 or "-" in items:
        for item in items:
            yield _prepare_path(item, allow_empty, max_bytes)
        return
    # Workers end soon after this process does (even by SIGKILL): an orphan would go on
    # burning a core (and, before forked children dropped it, held the store's write lock).
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        # Results come back in input order; chunks keep the inter-process traffic small. Only
        # a few chunks are in flight at a time: `pool.map` submits every item at once, and when
        # the writer is the slower side the results pile up in memory (3.8 GB at 10,000).
        chunks = [items[i:i + _CHUNK] for i in range(0, len(items), _CHUNK)]
        in_flight: deque[Future[list[ShippedReadout | LoadOutcome]]] = deque()
        for chunk in chunks:
            in_flight.append(pool.submit(_prepare_chunk, chunk, allow_empty, max_bytes))
            if len(in_flight) >= jobs * 3:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def store_prepared(store: Any, prepared: PreparedReadout | ShippedReadout, source: str,
                   identities: IdentityIndex | None = None,
                   pending: summaries.PendingShares | None = None) -> LoadOutcome:
    """Write one prepared readout unless the store already holds exactly this graph.

    With `identities`, people and forums the store knows under another name take that name
    first (kg/rdf/identity.py), and the index learns this readout's names once it is stored.
    With `pending`, a new readout's share of the summaries waits there for the batch's
    `write` (the caller's); without, it is written with the readout.
    """
    if identities is not None:
        resolution = identities.resolution(prepared.record)
        resolved = resolution.record
        if pending is not None and (resolution.rekeys or resolution.post_rekeys):
            pending.write(store)  # a re-key recomputes summaries from the kept values
        for kind, old, new in resolution.rekeys:
            rekey_stored(store, Rekey(kind, old, new))  # type: ignore[arg-type]
            identities.rekey(kind, old, new)
        for post in resolution.post_rekeys:
            rekey_stored_post(store, post)
            identities.rekey_post(post)
        for old_meeting, new_meeting in resolution.meeting_moves:
            rekey_stored_meeting(store, URIRef(old_meeting), URIRef(new_meeting))
        if resolved is not prepared.record:
            from kg.rdf.mapping import record_to_triples, triples_to_graph

            mapped = record_to_triples(resolved, loaded_at=datetime.now(UTC), tool_version=__version__)
            _check_shapes(mapped, source)  # what is stored is what was checked, names resolved
            # in the form it came in: a worker's readout, renamed, takes the same write as the
            # others (a fifth of the new readouts at 10,000 are renamed)
            prepared = ShippedReadout(prepared.iri, _ntriples(mapped), resolved) \
                if isinstance(prepared, ShippedReadout) \
                else PreparedReadout(prepared.iri, triples_to_graph(prepared.iri, mapped), resolved)
    if isinstance(prepared, ShippedReadout) and not hasattr(store, "replace_triples"):
        prepared = prepared.to_prepared()  # a store that takes only rdflib graphs
    if isinstance(prepared, ShippedReadout) and hasattr(store, "add_new_graph") \
            and store.add_new_graph(prepared.iri, prepared.ntriples):
        size = prepared.ntriples.count(b"\n")
        # the pairs' share now, before any other graph is written: what this readout adds to
        # each meeting over the graphs stored before it
        share = (prepared.record, post_holders.holdings_in(prepared.ntriples), (prepared.iri, size),
                 pairs.share_of(store, prepared.iri, pairs.meetings_in(prepared.ntriples)))
        if pending is not None:
            pending.add(*share)
        else:
            summaries.add_readout(store, *share)
        if identities is not None:  # a new readout (most of a large load): written as it came
            identities.add(prepared.record)
            settle_cross_script(store, identities, prepared.record, pending)
        return LoadOutcome(source, "loaded", readout=str(prepared.iri), triples=size)
    triples = prepared.triples() if isinstance(prepared, ShippedReadout) else None
    size = len(triples) if triples is not None else len(prepared.graph)  # type: ignore[union-attr]
    if is_unchanged(store, prepared, triples):
        return LoadOutcome(source, "unchanged", readout=str(prepared.iri), triples=size)
    # A readout stored before (its load's time or tool changed) takes its share of the
    # summaries with it: its keys are recomputed from the kept values, which must hold the
    # pending shares first; a new one (here when identity renamed something in it) adds its
    # share to the pending ones, as a new readout of the fast path does.
    replaced = None
    if store.has_graph(prepared.iri):
        if pending is not None:
            pending.write(store)
        replaced = summaries.touched_by(store, prepared.iri)
    if triples is not None:
        store.replace_triples(prepared.iri, triples)
        holdings = {(URIRef(s.value), URIRef(o.value)) for s, p, o in triples if p.value == _ORG_HOLDS}
    else:
        store.replace_graph(prepared.iri, prepared.graph)  # type: ignore[union-attr]
        holdings = {(URIRef(str(s)), URIRef(str(o))) for s, o in prepared.graph.subject_objects(ORG.holds)}  # type: ignore[union-attr]
    if replaced is None:
        share = (prepared.record, holdings, (prepared.iri, size),
                 pairs.share_of(store, prepared.iri, pairs.meetings_of_graph(store, prepared.iri)))
        if pending is not None:
            pending.add(*share)
        else:
            summaries.add_readout(store, *share)
    else:
        summaries.recompute(store, replaced.keys | set(summaries.share_of(prepared.record)),
                            posts=replaced.posts | {post for _, post in holdings}, sizes={prepared.iri: size},
                            pairs_of=replaced.pairs | pairs.pairs_of_readout(store, prepared.iri))
    if identities is not None:
        identities.add(prepared.record)
        settle_cross_script(store, identities, prepared.record, pending)
    return LoadOutcome(source, "loaded", readout=str(prepared.iri), triples=size)


def identity_index(store: Any) -> IdentityIndex:
    """What identity resolution needs to know of `store`, read once (kg/rdf/identity.py)."""
    return IdentityIndex.of_known(known_people(store), known_forums(store), known_posts(store),
                                  known_meeting_mentions(store))


def resolve_record(record: Record, store: Any) -> Record:
    """`record` resolved against what `store` holds now (one readout; batches keep an index)."""
    return identity_index(store).resolve(record)


def load_paths(store: Any, paths: Iterable[str | Path], *, allow_empty: bool = False, jobs: int = 1,
               max_bytes: int | None = None,
               progress: Callable[[LoadOutcome], None] | None = None,
               on_start: Callable[[int], None] | None = None) -> LoadSummary:
    """Load files, folders (their readout files) and "-" (stdin); one bad file never stops the rest.

    `on_start` is told how many readout files were found, before the first is read (a
    progress bar's length); `progress` is told each file's outcome as it comes.
    """
    # before the first read: a server an earlier write broke off on refuses reads until repaired
    summary = LoadSummary(repaired=store.repair())
    items: list[Path | str] = []
    for path in paths:
        skipped: list[InputError] = []
        try:
            items.extend(expand_paths([path], skipped))
        except InputError as exc:
            skipped.append(exc)
        for problem in skipped:  # said, not silently dropped: each counts as a rejected input
            outcome = LoadOutcome(str(path), "rejected", message=str(problem))
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
    if on_start:
        on_start(len(items))
    ensure_reference(store)
    if not summaries.up_to_date(store):  # a store from before summaries, or a load killed mid-readout
        summaries.rebuild(store)
    # Who and what the store already holds, read once per batch and extended as readouts
    # are stored, so that the cost of a readout does not grow with the store.
    identities = identity_index(store)
    pending = summaries.PendingShares()
    flushed, unflushed, broken = time.monotonic(), 0, False
    # What the load starts with (modules, reference data, the identity index) lives to its end:
    # each full collection of the cycle collector scanned it again (1-2 ms a readout at 10,000).
    gc.freeze()
    try:
        for item, result in zip(items, _prepared_stream(items, allow_empty, max(1, jobs), max_bytes), strict=True):
            broken = False
            if isinstance(result, LoadOutcome):
                outcome = result
            else:
                try:
                    outcome = store_prepared(store, result, str(item), identities, pending)
                except ValidationError as exc:
                    outcome = LoadOutcome(str(item), "rejected", message=str(exc))
                except StoreError as exc:  # the store itself fails (a full disk): every next write would too
                    outcome = LoadOutcome(str(item), "failed", message=f"{exc}; stopping the load")
                    broken = True
                except KGError as exc:
                    outcome = LoadOutcome(str(item), "failed", message=str(exc))
            summary.outcomes.append(outcome)
            if progress:
                progress(outcome)
            if broken:
                break
            unflushed += outcome.status == "loaded"
            if unflushed >= FLUSH_EVERY or time.monotonic() - flushed > FLUSH_SECONDS:
                pending.write(store)  # summaries follow the readouts by at most this long
                if hasattr(store, "flush"):
                    store.flush()
                flushed, unflushed = time.monotonic(), 0
    finally:  # also on Ctrl-C; a broken store takes no more writes (the next load rebuilds them)
        gc.unfreeze()
        if not broken:
            pending.write(store)
    if summary.count("loaded") >= COMPACT_AFTER and hasattr(store, "compact"):
        store.compact()
    return summary


def remove_readout(store: Any, readout: str) -> str:
    """Remove one readout's graph, given its IRI or its 16-hex id; returns the IRI removed."""
    if readout.startswith(("http://", "https://")):
        if not SAFE_IRI.match(readout):
            raise InputError(f"{readout!r}: not a readout IRI (it holds a space, <, >, quote or brace)")
        iri = URIRef(readout)
    elif re.fullmatch(r"[0-9a-fA-F]{16}", readout):
        iri = readout_iri(readout.lower())
    else:
        raise InputError(f"{readout!r}: not a readout id (16 hex digits) or IRI")
    if iri == REFERENCE_GRAPH:
        raise UsageError(f"{readout}: is the reference graph (countries, COP sessions, topics) the readouts "
                         "point into, not a readout; kg keeps it")
    touched = summaries.touched_by(store, iri) if store.has_graph(iri) else summaries.Touched(set(), set(), set())
    if not store.remove_graph(iri):
        raise InputError(f"{readout}: no such readout in the store")
    # its shares, from the readouts left
    summaries.recompute(store, touched.keys, -1, touched.posts, {iri: None}, touched.pairs)
    return str(iri)
