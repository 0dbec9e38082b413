"""A COP session is one meeting node whatever date form a readout uses; presidencies per term."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg.model.namespaces import ID, KG
from kg.model.record import DocumentInfo, Forum, Meeting, Presidency, Record
from kg.rdf.mapping import record_to_graph
from kg.rdf.sessions import meeting_node

SESSION = ID["meeting/cop29/2024-11-11"]  # Baku, 2024-11-11 to 2024-11-24 in the reference data


def test_every_date_form_of_a_cop_session_is_the_reference_session() -> None:
    for start, end in [(None, None), ("2024-11", None), ("2024-11-11", None), ("2024-11-11", "2024-11-22"),
                       ("2024-11-12", "2024-11-24")]:
        node = meeting_node(Meeting(forum="COP 29", start=start, end=end), "r", 0)
        assert node.iri == SESSION and node.part_of is None, (start, end)


def test_an_event_at_the_session_is_its_own_meeting_part_of_the_session() -> None:
    bilateral = meeting_node(Meeting(forum="COP29", start="2024-11-15", participants=["US", "CN"]), "r", 0)
    ministerial = meeting_node(Meeting(forum="COP29", start="2024-11-15"), "r", 1)
    assert bilateral.iri == ID["meeting/cop29/2024-11-15/CN-US"] and bilateral.part_of == SESSION
    assert ministerial.iri == ID["meeting/cop29/2024-11-15"] and ministerial.part_of == SESSION
    before = meeting_node(Meeting(forum="COP29", start="2024-06-10"), "r", 0)
    assert before.iri == ID["meeting/cop29/2024-06-10"] and before.part_of is None


def test_a_meeting_without_forum_or_participants_is_its_readouts_own() -> None:
    one, other = (meeting_node(Meeting(start="2024-05-01"), rid, 0).iri for rid in ("aaaa", "bbbb"))
    assert one != other


def test_the_mapped_session_carries_the_reference_dates_and_an_event_links_to_it() -> None:
    record = Record(DocumentInfo(published="2024-11-30"), text="An invented readout.",
                    meetings=[Meeting(forum="COP29", start="2024-11"), Meeting(forum="COP29", start="2024-11-15")])
    graph = record_to_graph(record)
    assert (SESSION, RDF.type, KG.Meeting) in graph
    assert (ID["meeting/cop29/2024-11-15"], KG.partOf, SESSION) in graph
    assert not list(graph.subjects(KG.startMonth, None))


def test_two_terms_of_a_g7_presidency_are_two_nodes() -> None:
    def presidency(published: str) -> set[object]:
        record = Record(DocumentInfo(published=published), text=f"An invented readout of {published}.",
                        forums=[Forum("G7", "forum")], presidencies=[Presidency("G7", "IT")])
        return set(record_to_graph(record).subjects(RDF.type, KG.Presidency))

    assert presidency("2017-05-27") == {ID["presidency/g7/IT/2017"]}
    assert presidency("2024-06-14") == {ID["presidency/g7/IT/2024"]}
    graph = record_to_graph(Record(DocumentInfo(published="2024-06-14"), text="x", forums=[Forum("G7")],
                                   presidencies=[Presidency("G7", "IT")]))
    assert (ID["presidency/g7/IT/2024"], KG.year, Literal("2024", datatype=XSD.gYear)) in graph
