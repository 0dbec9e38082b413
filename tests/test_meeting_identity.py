"""A meeting one readout dates to the month and another to the day is one node, in any order.

Invented readouts: the Harbour Dialogue met in May 2031 (one readout says "May", another "14
May"); Kenya and Norway met twice in June 2031 (3 and 20 June), so a readout's "June" could be
either and keeps its own month node; a meeting with neither forum nor participants never shares.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS

from kg.loader import PreparedReadout, identity_index, store_prepared
from kg.model.namespaces import ID, KG
from kg.model.record import Commitment, DocumentInfo, Forum, Meeting, Record
from kg.rdf.mapping import readout_id, readout_iri, record_to_graph
from kg.rdf.meeting_identity import MeetingIndex, group_and_date
from kg.store.location import open_store

LOADED_AT = datetime(2031, 12, 1, tzinfo=UTC)


def _record(title: str, *meetings: Meeting, forums: tuple[str, ...] = (), commit: bool = False) -> Record:
    text = f"An invented readout: {title}. Both sides will restore ten harbours by 2035."
    commitments = [Commitment(["KE", "NO"], "Both sides will restore ten harbours by 2035.", ["adaptation-resilience"],
                              2035, meeting=0)] if commit else []
    return Record(document=DocumentInfo(title=title, published="2031-08-01"), text=text,
                  forums=[Forum(name, "dialogue") for name in forums], meetings=list(meetings), commitments=commitments)


CORPUS = [
    _record("dated", Meeting(forum="Harbour Dialogue", start="2031-05-14", participants=["KE", "NO"]),
            forums=("Harbour Dialogue",)),
    _record("month", Meeting(forum="Harbour Dialogue", start="2031-05", place="Mombasa"),
            forums=("Harbour Dialogue",), commit=True),
    _record("june month", Meeting(start="2031-06", participants=["NO", "KE"])),
    _record("june 3", Meeting(start="2031-06-03", participants=["KE", "NO"])),
    _record("june 20", Meeting(start="2031-06-20", end="2031-06-21", participants=["KE", "NO"])),
    _record("no parties", Meeting(start="2031-05")),
    # a forum named by its acronym in one readout and in full in another: its group moves too
    _record("acronym month", Meeting(forum="IHC", start="2031-07", participants=["KE"]), forums=("IHC",)),
    _record("full name dated", Meeting(forum="International Harbour Council", start="2031-07-09"),
            forums=("International Harbour Council",)),
]


def _load(order: list[int], *, one_batch: bool) -> set[tuple[Any, ...]]:
    """Every quad of a store loaded with CORPUS in `order` (one `kg load` each, or one batch)."""
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store") as store:
        batch = identity_index(store) if one_batch else None
        for i in order:
            record = CORPUS[i]
            prepared = PreparedReadout(readout_iri(readout_id(record)), record_to_graph(record, loaded_at=LOADED_AT),
                                       record)
            outcome = store_prepared(store, prepared, f"r{i}", batch or identity_index(store))
            assert outcome.status == "loaded", outcome.message
        return {(name, s, p, o) for name in store.graph_names() for s, p, o in store.graph(URIRef(name))
                if p != PROV.startedAtTime}


REFERENCE = _load(list(range(len(CORPUS))), one_batch=False)


def _graph_of(quads: set[tuple[Any, ...]], title: str) -> set[tuple[Any, ...]]:
    readout = str(readout_iri(readout_id(next(r for r in CORPUS if r.document.title == title))))
    return {(s, p, o) for g, s, p, o in quads if str(g) == readout}


def test_a_month_only_mention_is_the_one_meeting_dated_in_that_month() -> None:
    month = _graph_of(REFERENCE, "month")
    day = ID["meeting/harbour-dialogue/2031-05-14"]
    assert (day, KG.startMonth, Literal("2031-05", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))) \
        in month
    assert (day, RDFS.label, Literal("Harbour Dialogue, 2031-05-14", lang="en")) in month  # labelled as that meeting
    assert (ID[f"commitment/{readout_id(CORPUS[1])}/1"], KG.madeAt, day) in month
    assert not any(str(s).endswith("/2031-05") and "harbour" in str(s) for _, s, _, _ in REFERENCE)


def test_a_month_with_two_dated_meetings_keeps_its_own_node() -> None:
    june = _graph_of(REFERENCE, "june month")
    assert (ID["meeting/KE-NO/2031-06"], RDFS.label, Literal("Meeting of KE, NO, 2031-06", lang="en")) in june


def test_a_meeting_without_forum_or_participants_shares_no_key() -> None:
    rid = readout_id(CORPUS[5])
    assert {s for s, _, _ in _graph_of(REFERENCE, "no parties") if "/meeting/" in str(s)} == \
        {ID[f"meeting/readout-{rid}/1"]}


def test_a_month_mention_follows_its_forum_to_its_fuller_name() -> None:
    acronym = _graph_of(REFERENCE, "acronym month")
    assert any(s == ID["meeting/international-harbour-council/2031-07-09"] for s, _, _ in acronym)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(list(range(len(CORPUS)))), st.booleans())
def test_any_load_order_gives_the_same_store(order: list[int], one_batch: bool) -> None:
    assert _load(order, one_batch=one_batch) == REFERENCE


# ---------------------------------------------------------------- the index on its own

def _index(*records: Record) -> MeetingIndex:
    index = MeetingIndex()
    for record in records:
        index.add(record, readout_id(record))
    return index


@pytest.mark.parametrize(("iri", "parsed"), [
    (ID["meeting/harbour-dialogue/2031-05-14"], ("harbour-dialogue", "2031-05-14")),
    (ID["meeting/KE-NO/2031-06"], ("KE-NO", "2031-06")),
    (ID["meeting/readout-0123456789abcdef/1"], None),
    (ID["meeting/cop29/2024-11-15/CN-US"], None),
    (ID["meeting/harbour-dialogue/undated"], None),
])
def test_group_and_date(iri: URIRef, parsed: tuple[str, str] | None) -> None:
    assert group_and_date(str(iri)) == parsed


def test_the_index_moves_a_stored_month_mention_to_the_day_and_back() -> None:
    index = _index(CORPUS[2])  # "June", stored first
    days, moves = index.resolve(CORPUS[3], readout_id(CORPUS[3]))
    assert (days, moves) == ({}, [(str(ID["meeting/KE-NO/2031-06"]), str(ID["meeting/KE-NO/2031-06-03"]))])
    index.add(CORPUS[3], readout_id(CORPUS[3]))
    days, moves = index.resolve(CORPUS[4], readout_id(CORPUS[4]))
    assert moves == [(str(ID["meeting/KE-NO/2031-06-03"]), str(ID["meeting/KE-NO/2031-06"]))]


def test_the_index_gives_a_later_month_mention_its_day() -> None:
    days, moves = _index(CORPUS[0]).resolve(CORPUS[1], readout_id(CORPUS[1]))
    assert (days, moves) == ({0: "2031-05-14"}, [])
