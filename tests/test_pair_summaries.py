"""The pairs of parties kept at load time (kg/query/pairs.py) equal the grouping of every
meeting's participants, whatever the readouts add to meetings other readouts stored before
(participants, start dates) and whichever of them are removed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.loader import remove_readout
from kg.model.namespaces import ID, KG, SCHEMA, SUMMARY_GRAPH, actor_iri, readout_iri
from kg.query import pairs
from kg.sparql.binding import nt_term
from kg.store.embedded import EmbeddedStore

PARTIES = ["BR", "CN", "EU", "IN", "US"]
DATES = ["2024-03-01", "2024-11-20", "2025-06-09"]

# what one readout says of one meeting: (meeting, its participants, its start date or none)
statement = st.tuples(st.integers(0, 3), st.sets(st.sampled_from(PARTIES), max_size=4),
                      st.none() | st.sampled_from(DATES))
readouts = st.lists(st.lists(statement, min_size=1, max_size=3), min_size=1, max_size=6)


def ntriples(statements: list[tuple[int, set[str], str | None]]) -> bytes:
    lines = []
    for meeting, parties, start in statements:
        node = nt_term(ID[f"meeting/test/{meeting}"])
        lines += [f"{node} {nt_term(KG.participant)} {nt_term(actor_iri(p))} .\n" for p in sorted(parties)]
        if start is not None:
            lines.append(f"{node} {nt_term(SCHEMA.startDate)} {nt_term(Literal(start, datatype=XSD.date))} .\n")
    return "".join(lines).encode()


def add(store: EmbeddedStore, iri: URIRef, data: bytes) -> None:
    """As the loader stores a new readout: its graph, then its share of the pairs."""
    assert store.add_new_graph(iri, data)
    remove, added = pairs.changes(store, pairs.share_of(store, iri, pairs.meetings_in(data)))
    store.edit_graph(SUMMARY_GRAPH, remove, added)


@settings(max_examples=40, deadline=None)
@given(readouts, st.data())
def test_kept_pairs_equal_the_grouping_after_each_load_and_removal(
        graphs: list[list[tuple[int, set[str], str | None]]], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder, EmbeddedStore(Path(folder) / "s") as store:
        iris = [readout_iri(f"{n:016x}") for n in range(len(graphs))]
        for iri, statements in zip(iris, graphs, strict=True):
            data_nt = ntriples(statements)
            if not data_nt:  # nothing said of any meeting: not a graph
                continue
            add(store, iri, data_nt)
            assert pairs.kept(store) == pairs.computed_from_scratch(store)
        stored = [iri for iri in iris if store.has_graph(iri)]
        for iri in data.draw(st.permutations(stored)):
            remove_readout(store, str(iri))
            assert pairs.kept(store) == pairs.computed_from_scratch(store)
        assert pairs.kept(store) == {}


def test_a_later_readout_adding_a_party_and_a_date_to_a_stored_meeting() -> None:
    us, cn, india = actor_iri("US"), actor_iri("CN"), actor_iri("IN")
    with tempfile.TemporaryDirectory() as folder, EmbeddedStore(Path(folder) / "s") as store:
        first, second = readout_iri("00000000000000a1"), readout_iri("00000000000000a2")
        add(store, first, ntriples([(0, {"US", "CN"}, None), (1, {"US", "CN"}, "2024-03-01")]))
        day = Literal("2024-03-01", datatype=XSD.date)
        assert pairs.kept(store) == {(cn, us): pairs.PairSummary(2, day, day)}
        # the second readout says India was at meeting 0 too, and dates it
        add(store, second, ntriples([(0, {"IN"}, "2025-06-09")]))
        later = Literal("2025-06-09", datatype=XSD.date)
        assert pairs.kept(store) == {(cn, us): pairs.PairSummary(2, day, later),
                                     (cn, india): pairs.PairSummary(1, later, later),
                                     (india, us): pairs.PairSummary(1, later, later)}
        # without the first readout, meeting 0 has India alone: no pair; meeting 1 is gone
        remove_readout(store, str(first))
        assert pairs.kept(store) == {}
        assert pairs.kept(store) == pairs.computed_from_scratch(store)
