"""Incremental validation gives what validating the whole store would give for the readout's nodes.

A real embedded store holds the reference graph and three readouts; each candidate readout
(valid or not, new or replacing one already stored, sharing people, forums and meetings
with the stored ones) is validated twice:
  * incrementally: its graph + what the store says of the nodes it links to;
  * whole: pySHACL over the union of every graph of the store (the candidate's old graph
    replaced by the new one), keeping the results about the candidate's subjects.
Both must give the same conformance and the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from example_records import bilateral_working_group, joint_statement, leaders_call, ministerial
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS

from kg.model.namespaces import ID, KG, REFERENCE_GRAPH, SCHEMA, person_iri
from kg.model.ontology import class_hierarchy
from kg.model.record import Actor
from kg.model.reference_rdf import reference_graph
from kg.rdf.mapping import record_to_graph
from kg.rdf.validate import (
    ValidationReport,
    _report,
    _run,
    context_from_store,
    validate_graph,
    validate_readout,
)
from kg.store.embedded import EmbeddedStore

WG_MEETING = ID["meeting/indonesia-japan-working-group-on-energy-transition/2025-05-14"]
WG_FORUM = ID["forum/indonesia-japan-working-group-on-energy-transition"]
MINISTERIAL_MEETING = ID["meeting/ministerial-meeting-on-climate-action/2025-07-07"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    path: Path = tmp_path_factory.mktemp("incremental") / "store"
    opened = EmbeddedStore(path)
    opened.replace_graph(REFERENCE_GRAPH, reference_graph())
    for record in (bilateral_working_group(), ministerial(), leaders_call()):
        graph = record_to_graph(record)
        assert validate_readout(graph, context=context_from_store(graph, opened)).conforms
        opened.replace_graph(URIRef(str(graph.identifier)), graph)
    yield opened
    opened.close()


def whole_store_report(store: EmbeddedStore, candidate: Graph) -> ValidationReport:
    """pySHACL itself (not the pre-check) over everything the store would hold."""
    union = Graph()
    for s, p, o, g in store.quads():
        if g != candidate.identifier:  # the candidate replaces its stored version
            union.add((s, p, o))
    for triple in candidate:
        union.add(triple)
    for triple in class_hierarchy():
        union.add(triple)
    focus = {s for s in set(candidate.subjects()) if isinstance(s, URIRef)}
    return _report(_run(union), focus)


# ---------------------------------------------------------------- candidates


def new_valid() -> Graph:
    return record_to_graph(joint_statement())


def new_without_actor() -> Graph:
    record = joint_statement()
    record.commitments[0].actors = []
    return record_to_graph(record)


def new_with_unknown_country() -> Graph:
    record = joint_statement()
    record.actors.append(Actor("XQ", "Nowhere"))
    record.meetings[0].participants.append("XQ")
    return record_to_graph(record)


def session_of_a_forum_only_the_store_describes() -> Graph:
    """A readout of the WG's meeting that names the WG without describing it (its type is in the store)."""
    record = joint_statement()
    graph = record_to_graph(record)
    meeting = next(graph.subjects(RDF.type, KG.Meeting))
    graph.add((meeting, KG.sessionOf, WG_FORUM))
    return graph


def person_named_only_in_the_store() -> Graph:
    """A readout that mentions Kenji Morimoto's node without his name: the store has the name."""
    graph = record_to_graph(joint_statement())
    person = person_iri("Kenji Morimoto")
    graph.add((person, RDF.type, KG.Person))
    graph.add((graph.identifier, SCHEMA.mentions, person))  # type: ignore[arg-type]
    return graph


def person_representing_a_non_party() -> Graph:
    graph = record_to_graph(joint_statement())
    graph.add((person_iri("Kenji Morimoto"), KG.represents, ID["test/not-a-party"]))
    return graph


def same_meeting_ending_before_it_started() -> Graph:
    """Another readout of the ministerial meeting, wrongly dating its end before its start."""
    record = joint_statement()
    graph = record_to_graph(record)
    graph.add((MINISTERIAL_MEETING, RDF.type, KG.Meeting))
    graph.add((MINISTERIAL_MEETING, RDFS.label, Literal("Ministerial Meeting on Climate Action, 2025-07-07")))
    graph.add((MINISTERIAL_MEETING, SCHEMA.endDate, Literal("2025-07-06", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))))
    return graph


def reload_with_end_before_start() -> Graph:
    """The stored bilateral readout again (same id), now with a broken meeting: its old graph must not count."""
    record = bilateral_working_group()
    record.meetings[0].end = "2025-05-10"
    return record_to_graph(record)


def reload_without_person_name() -> Graph:
    """The stored bilateral readout again, without Kenji Morimoto's name: no other readout names him."""
    graph = record_to_graph(bilateral_working_group())
    graph.remove((person_iri("Kenji Morimoto"), FOAF.name, None))
    return graph


def shared_presidency_and_cop() -> Graph:
    record = joint_statement()
    record.presidencies.extend(ministerial().presidencies)
    return record_to_graph(record)


CANDIDATES: dict[str, tuple[Callable[[], Graph], bool]] = {
    "new valid readout": (new_valid, True),
    "commitment without actor": (new_without_actor, False),
    "unknown country code": (new_with_unknown_country, False),
    "session of a forum the store describes": (session_of_a_forum_only_the_store_describes, True),
    "person named only in the store": (person_named_only_in_the_store, True),
    "person representing a non-party": (person_representing_a_non_party, False),
    "shared meeting ending before it started": (same_meeting_ending_before_it_started, False),
    "reload with end before start": (reload_with_end_before_start, False),
    "reload without a person's only name": (reload_without_person_name, False),
    "shared presidency and COP": (shared_presidency_and_cop, True),
}


@pytest.mark.parametrize("name", list(CANDIDATES))
def test_incremental_equals_whole_store(store: EmbeddedStore, name: str) -> None:
    build, should_conform = CANDIDATES[name]
    candidate = build()
    before = len(store)
    incremental = validate_readout(candidate, context=context_from_store(candidate, store))
    whole = whole_store_report(store, candidate)
    assert incremental.conforms == whole.conforms == should_conform, incremental.text() + "\n---\n" + whole.text()
    assert incremental.results == whole.results
    assert len(store) == before


def test_store_context_is_needed_for_nodes_only_the_store_describes(store: EmbeddedStore) -> None:
    candidate = session_of_a_forum_only_the_store_describes()
    without_store = validate_readout(candidate)
    assert not without_store.conforms
    assert any(r.path == "kg:sessionOf" for r in without_store.results)
    assert validate_readout(candidate, context=context_from_store(candidate, store)).conforms


def test_context_reads_only_what_the_shapes_see_of_linked_nodes(store: EmbeddedStore) -> None:
    candidate = new_valid()
    context = context_from_store(candidate, store)
    # The shared country's per-readout provenance stays out: its size does not grow with the store.
    assert not list(context.triples((ID["actor/GB"], KG.evidence, None)))
    assert not list(context.triples((None, PROV.wasDerivedFrom, None)))
    assert (ID["actor/GB"], RDF.type, KG.Country) in context
    # Nothing about nodes the candidate does not link to.
    assert not list(context.triples((WG_MEETING, None, None)))


def test_the_whole_store_conforms_after_round_trip(store: EmbeddedStore) -> None:
    """What the store gives back (Oxigraph's literal forms) still conforms: `kg validate` on it."""
    union = Graph()
    for s, p, o, _g in store.quads():
        union.add((s, p, o))
    report = validate_graph(union)
    assert report.conforms, report.text()
