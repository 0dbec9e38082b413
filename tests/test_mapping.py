"""Record → RDF: the exact triples of a small record, identity of nodes, determinism."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from example_records import all_examples, bilateral_working_group, joint_statement, ministerial
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from kg.errors import RecordError
from kg.model.namespaces import ID, KG, OA, ORG, SCHEMA, actor_iri, forum_iri, person_iri
from kg.model.record import (
    COMMITMENT_STATUSES,
    FORUM_KINDS,
    TOPICS,
    Actor,
    Commitment,
    DocumentInfo,
    Forum,
    Meeting,
    Person,
    Presidency,
    Record,
    Span,
)
from kg.rdf.mapping import readout_id, record_to_graph
from kg.read.document import Document

TEXT = "Beijing, 2024-09-06. China and Brazil met in Beijing. Both sides will halt forest loss by 2030."
RID = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()[:16]
SENTENCE = "Both sides will halt forest loss by 2030."


def small_record() -> Record:
    s = TEXT.index(SENTENCE)
    return Record(
        document=DocumentInfo(title="Readout", published="2024-09-06", publisher="MEE", language="en"),
        text=TEXT, source="readout.txt",
        actors=[Actor("CN", "China", [Span(21, 26, "China")])],
        people=[Person("Liu Zhenmin", "CN", "Special Envoy", evidence=[Span(0, 7, "Beijing")])],
        forums=[Forum("COP 29", "conference")],
        presidencies=[Presidency("COP29", "AZ")],
        meetings=[Meeting(None, "2024-09-06", "2024-09-06", "Beijing", "CN", ["CN", "BR"])],
        commitments=[Commitment(["CN", "BR"], SENTENCE, ["forests-nature"], 2030, "reaffirmed", 0,
                                [Span(s, s + len(SENTENCE), SENTENCE)])],
    )


def expected_small_graph() -> Graph:
    """Written by hand from ontology/MAPPING.md, independently of kg/rdf/mapping.py."""
    s = TEXT.index(SENTENCE)
    e = len(SENTENCE) + s
    turtle = f"""
    @prefix kg: <https://w3id.org/climate-kg/ontology#> . @prefix id: <https://w3id.org/climate-kg/id/> .
    @prefix org: <http://www.w3.org/ns/org#> . @prefix schema: <https://schema.org/> .
    @prefix oa: <http://www.w3.org/ns/oa#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix r: <https://w3id.org/climate-kg/id/readout/> . @prefix ev: <https://w3id.org/climate-kg/id/evidence/{RID}/> .
    @prefix c: <https://w3id.org/climate-kg/id/commitment/{RID}/> .
    @prefix actor: <https://w3id.org/climate-kg/id/actor/> . @prefix meeting: <https://w3id.org/climate-kg/id/meeting/BR-CN/> .

    r:{RID} a kg:Readout ; dcterms:identifier "{RID}" ; kg:contentHash "{hashlib.sha256(TEXT.encode()).hexdigest()}" ;
        schema:text "{TEXT}" ; dcterms:title "Readout" ; dcterms:issued "2024-09-06"^^xsd:date ;
        kg:publisherName "MEE" ; dcterms:language <http://id.loc.gov/vocabulary/iso639-1/en> ; kg:sourcePath "readout.txt" ;
        prov:wasGeneratedBy <https://w3id.org/climate-kg/id/load/{RID}> ;
        # every shared node the readout speaks of: mentioned by it, not derived from it
        schema:mentions actor:CN , <https://w3id.org/climate-kg/id/person/liu-zhenmin> ,
            <https://w3id.org/climate-kg/id/post/CN/special-envoy-for-climate-change> , <https://w3id.org/climate-kg/id/forum/cop29> ,
            <https://w3id.org/climate-kg/id/presidency/cop29/AZ> , meeting:2024-09-06 , <https://w3id.org/climate-kg/id/place/beijing> .
    <https://w3id.org/climate-kg/id/load/{RID}> a kg:Load ; kg:toolVersion "9.9" ;
        prov:startedAtTime "2025-01-02T03:04:05Z"^^xsd:dateTime .

    actor:CN kg:evidence ev:21-53 .
    ev:21-53 a kg:Evidence ; oa:hasSource r:{RID} ; oa:exact "China and Brazil met in Beijing." ;
        oa:start "21"^^xsd:integer ; oa:end "53"^^xsd:integer .

    <https://w3id.org/climate-kg/id/person/liu-zhenmin> a kg:Person ; foaf:name "Liu Zhenmin" ; rdfs:label "Liu Zhenmin"@en ;
        kg:represents actor:CN ; org:holds <https://w3id.org/climate-kg/id/post/CN/special-envoy-for-climate-change> ;
        kg:evidence ev:0-20 .
    # "Special Envoy": the reference list of office-holders says which envoy Liu Zhenmin is
    <https://w3id.org/climate-kg/id/post/CN/special-envoy-for-climate-change> a kg:Post ;
        rdfs:label "Special Envoy for Climate Change"@en ; skos:altLabel "Special Envoy"@en ; org:postIn actor:CN ;
        kg:roleKind <https://w3id.org/climate-kg/id/role-kind/envoy> ;
        org:heldBy <https://w3id.org/climate-kg/id/person/liu-zhenmin> ; kg:evidence ev:0-20 .
    ev:0-20 a kg:Evidence ; oa:hasSource r:{RID} ; oa:exact "Beijing, 2024-09-06." ;
        oa:start "0"^^xsd:integer ; oa:end "20"^^xsd:integer .

    <https://w3id.org/climate-kg/id/forum/cop29> a kg:Forum ; rdfs:label "COP29"@en ; skos:prefLabel "COP29"@en ;
        kg:forumKind <https://w3id.org/climate-kg/id/forum-kind/conference> .
    <https://w3id.org/climate-kg/id/presidency/cop29/AZ> a kg:Presidency ; rdfs:label "COP29 Presidency of Azerbaijan"@en ;
        org:member actor:AZ ; org:organization <https://w3id.org/climate-kg/id/forum/cop29> .

    meeting:2024-09-06 a kg:Meeting ; rdfs:label "Meeting of BR, CN, 2024-09-06"@en ;
        schema:startDate "2024-09-06"^^xsd:date ; schema:endDate "2024-09-06"^^xsd:date ;
        schema:location <https://w3id.org/climate-kg/id/place/beijing> ; kg:host actor:CN ;
        kg:participant actor:CN , actor:BR .
    <https://w3id.org/climate-kg/id/place/beijing> a kg:Place ; schema:name "Beijing" ; rdfs:label "Beijing"@en ;
        kg:inCountry actor:CN .

    c:1 a kg:Commitment ; schema:text "{SENTENCE}" ; rdfs:label "{SENTENCE}"@en ;
        kg:committedBy actor:CN , actor:BR ; dcterms:subject <https://w3id.org/climate-kg/id/topic/forests-nature> ;
        kg:targetYear "2030"^^xsd:gYear ; kg:status <https://w3id.org/climate-kg/id/status/reaffirmed> ;
        kg:madeAt meeting:2024-09-06 ; prov:wasDerivedFrom r:{RID} ; kg:evidence ev:{s}-{e} .
    ev:{s}-{e} a kg:Evidence ; oa:hasSource r:{RID} ; oa:exact "{SENTENCE}" ;
        oa:start "{s}"^^xsd:integer ; oa:end "{e}"^^xsd:integer .
    """
    return Graph().parse(data=turtle, format="turtle")


def test_small_record_maps_to_the_triples_mapping_md_describes() -> None:
    got = record_to_graph(small_record(), loaded_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), tool_version="9.9")
    want = expected_small_graph()
    missing = set(to_isomorphic(want)) - set(to_isomorphic(got))
    extra = set(to_isomorphic(got)) - set(to_isomorphic(want))
    assert isomorphic(got, want), f"missing: {sorted(missing)}\nextra: {sorted(extra)}"
    assert got.identifier == URIRef(f"https://w3id.org/climate-kg/id/readout/{RID}")


def test_readout_id_is_the_document_readout_id() -> None:
    record = small_record()
    assert readout_id(record) == Document(TEXT, "readout.txt").readout_id == RID


def test_record_without_text_is_identified_by_its_content_not_its_source() -> None:
    a = Record(document=DocumentInfo(title="x"), source="a.json", actors=[Actor("CN", "China")])
    b = Record(document=DocumentInfo(title="x"), source="b.json", actors=[Actor("CN", "China")])
    c = Record(document=DocumentInfo(title="y"), source="a.json", actors=[Actor("CN", "China")])
    assert readout_id(a) == readout_id(b) != readout_id(c)
    assert len(readout_id(a)) == 16


def test_no_blank_nodes_and_graph_named_by_readout() -> None:
    for record in all_examples():
        graph = record_to_graph(record)
        assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]
        assert (graph.identifier, RDF.type, KG.Readout) in graph


@pytest.mark.parametrize("record", all_examples(), ids=lambda r: r.document.title or "record")
def test_only_the_readouts_own_records_are_prov_derived_from_it(record: Record) -> None:
    """Countries, people, posts, forums, meetings... are shared, not PROV entities of a readout:
    the readout mentions them; only its commitments are prov:wasDerivedFrom it."""
    graph = record_to_graph(record)
    derived = set(graph.subjects(PROV.wasDerivedFrom, None))
    assert derived == set(graph.subjects(RDF.type, KG.Commitment))
    mentioned = set(graph.objects(graph.identifier, SCHEMA.mentions))  # type: ignore[arg-type]
    assert {actor_iri(a.code) for a in record.actors} <= mentioned
    assert {person_iri(p.name) for p in record.people} <= mentioned
    assert all(not str(node).startswith(str(ID["commitment/"])) for node in mentioned)


@pytest.mark.parametrize(("publisher", "language", "actor", "language_id"), [
    ("Ministry of Lighthouses of Japan", "en", "JP", "iso639-1/en"),
    ("European Commission", "en-GB", "EU", "iso639-1/en"),
    ("Harbour Office (as re-published by a wire service in Chile)", "zh", None, "iso639-1/zh"),
    ("Joint statement of France and Chile", "fil", None, "iso639-2/fil"),
    ("Lighthouse News", "fr", None, "iso639-1/fr"),
])
def test_publisher_and_language_are_iris_and_the_name_stays(publisher: str, language: str, actor: str | None,
                                                            language_id: str) -> None:
    record = Record(document=DocumentInfo(title="t", publisher=publisher, language=language), text="Some text.")
    graph = record_to_graph(record)
    readout = graph.identifier
    assert graph.value(readout, KG.publisherName) == Literal(publisher)  # type: ignore[arg-type]
    assert graph.value(readout, DCTERMS.publisher) == (actor_iri(actor) if actor else None)  # type: ignore[arg-type]
    assert graph.value(readout, DCTERMS.language) == URIRef("http://id.loc.gov/vocabulary/" + language_id)  # type: ignore[arg-type]


def test_person_with_role_holds_a_post_of_their_country() -> None:
    graph = record_to_graph(bilateral_working_group())
    person = person_iri("Ratna Wulandari")
    post = ID["post/ID/special-envoy-for-climate-and-energy-transition"]
    assert (person, ORG.holds, post) in graph
    assert (post, ORG.postIn, actor_iri("ID")) in graph
    assert (post, ORG.heldBy, person) in graph
    assert (post, RDFS.label, Literal("Special Envoy for Climate and Energy Transition", lang="en")) in graph


def test_non_state_actor_becomes_an_organization_node() -> None:
    record = Record(document=DocumentInfo(), text="Secretary-General Ana Ruiz of the United Nations spoke.",
                    people=[Person("Ana Ruiz", "United Nations", "Secretary-General")])
    graph = record_to_graph(record)
    org = ID["organization/united-nations"]
    assert (org, RDF.type, KG.Organization) in graph
    assert (org, RDFS.label, Literal("United Nations", lang="en")) in graph
    assert (person_iri("Ana Ruiz"), KG.represents, org) in graph
    assert (ID["post/united-nations/secretary-general"], ORG.postIn, org) in graph
    assert not list(graph.triples((actor_iri("UN"), None, None)))


def test_role_without_party_is_the_persons_own_post() -> None:
    record = Record(document=DocumentInfo(), text="President Ana Ruiz spoke.",
                    people=[Person("Ana Ruiz", None, "President")])
    graph = record_to_graph(record)
    post = ID["post/ana-ruiz/president"]
    assert (post, RDF.type, KG.Post) in graph
    assert not list(graph.objects(post, ORG.postIn))


def test_commitment_links_status_meeting_topics_and_located_evidence() -> None:
    record = joint_statement()
    first = record.commitments[0]
    first.evidence = []  # no span given: the mapping finds the sentence in the text
    graph = record_to_graph(record)
    rid = readout_id(record)
    node = ID[f"commitment/{rid}/1"]
    meeting = ID["meeting/kenya-uk-climate-and-nature-partnership/2025-10-20"]
    assert (node, KG.madeAt, meeting) in graph
    assert (node, KG.status, ID["status/new"]) in graph
    assert (ID[f"commitment/{rid}/5"], KG.status, ID["status/reaffirmed"]) in graph
    assert (node, KG.targetYear, Literal("2030", datatype=XSD.gYear)) in graph
    start = record.text.index(first.text)
    evidence = ID[f"evidence/{rid}/{start}-{start + len(first.text)}"]
    assert (node, KG.evidence, evidence) in graph
    assert (evidence, OA.exact, Literal(first.text)) in graph
    assert not list(graph.triples((None, OA.hasSelector, None)))  # the node is its own selector


def test_meeting_dated_to_the_month_and_sub_forum() -> None:
    record = bilateral_working_group()
    record.forums.append(Forum("Grid Sub-Working Group", "working-group", parent=record.forums[0].name))
    graph = record_to_graph(record)
    earlier = ID["meeting/indonesia-japan-working-group-on-energy-transition/2024-10"]
    assert (earlier, KG.startMonth, Literal("2024-10", datatype=XSD.gYearMonth)) in graph
    assert not list(graph.objects(earlier, SCHEMA.startDate))
    assert (forum_iri("Grid Sub-Working Group"), ORG.subOrganizationOf,
            forum_iri("Indonesia-Japan Working Group on Energy Transition")) in graph


def test_meeting_index_out_of_range_is_a_record_error() -> None:
    record = small_record()
    record.commitments[0].meeting = 3
    with pytest.raises(RecordError, match=r"commitments\[0\]\.meeting"):
        record_to_graph(record)


def test_two_readouts_share_country_person_and_forum_nodes() -> None:
    one, two = bilateral_working_group(), ministerial()
    two.people.append(Person("Kenji Morimoto", "JP", "Ambassador for Global Environmental Affairs"))
    a, b = record_to_graph(one), record_to_graph(two)
    assert a.identifier != b.identifier
    shared_subjects = set(a.subjects()) & set(b.subjects())
    assert person_iri("Kenji Morimoto") in shared_subjects
    assert ID["post/JP/ambassador-for-global-environmental-affairs"] in shared_subjects
    assert forum_iri("COP30") in shared_subjects
    assert actor_iri("JP") in shared_subjects
    assert ID["presidency/cop30/BR"] in shared_subjects
    assert (person_iri("Kenji Morimoto"), FOAF.name, Literal("Kenji Morimoto")) in a
    assert (person_iri("Kenji Morimoto"), FOAF.name, Literal("Kenji Morimoto")) in b


# ---------------------------------------------------------------- identity, with generated records

codes = st.sampled_from(["CN", "US", "EU", "BR", "AZ", "IN", "GB"])
names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "Zs")), min_size=1, max_size=20) \
    .filter(lambda s: s.strip() != "")
dates = st.dates().map(lambda d: f"{max(d.year, 1990):04d}-{d.month:02d}-{d.day:02d}")


@st.composite
def records(draw: st.DrawFn) -> Record:
    text = draw(st.text(min_size=0, max_size=80))
    n_meetings = draw(st.integers(0, 2))
    meetings = [Meeting(draw(st.none() | names), draw(st.none() | dates), None, draw(st.none() | names),
                        draw(st.none() | codes), draw(st.lists(codes, max_size=3))) for _ in range(n_meetings)]
    return Record(
        document=DocumentInfo(title=draw(st.none() | names), published=draw(st.none() | dates)),
        text=text,
        source=draw(st.none() | st.just("x.txt")),
        actors=[Actor(c, c) for c in draw(st.lists(codes, max_size=3, unique=True))],
        people=[Person(n, draw(st.none() | codes | names), draw(st.none() | names))
                for n in draw(st.lists(names, max_size=3))],
        forums=[Forum(n, draw(st.sampled_from(FORUM_KINDS))) for n in draw(st.lists(names, max_size=2))],
        presidencies=[Presidency(draw(names), draw(codes)) for _ in range(draw(st.integers(0, 1)))],
        meetings=meetings,
        commitments=[Commitment(draw(st.lists(codes, min_size=1, max_size=2)), draw(names),
                                draw(st.lists(st.sampled_from(TOPICS), max_size=2)),
                                draw(st.none() | st.integers(1990, 2100)),
                                draw(st.sampled_from(COMMITMENT_STATUSES)),
                                draw(st.none() | st.integers(0, n_meetings - 1)) if n_meetings else None)
                     for _ in range(draw(st.integers(0, 2)))],
    )


@settings(max_examples=60, deadline=None)
@given(records())
def test_same_record_twice_gives_the_identical_graph(record: Record) -> None:
    first = record_to_graph(record)
    second = record_to_graph(record)
    assert set(first) == set(second)
    assert first.identifier == second.identifier
    assert not [t for t in first if any(isinstance(x, BNode) for x in t)]


@settings(max_examples=40, deadline=None)
@given(records(), st.sampled_from(["CN", "US", "EU"]), names)
def test_records_naming_the_same_country_and_person_share_the_nodes(record: Record, code: str, name: str) -> None:
    other = Record(document=DocumentInfo(title="other"), text="another readout " + record.text,
                   actors=[Actor(code, code)], people=[Person(name, code, "Minister")])
    record.actors.append(Actor(code, code))
    record.people.append(Person(name, code, "Minister"))
    a, b = record_to_graph(record), record_to_graph(other)
    assert a.identifier != b.identifier
    for node in (actor_iri(code), person_iri(name), ID[f"post/{code}/minister"]):
        assert node in set(a.all_nodes()) and node in set(b.all_nodes())


def test_graph_reads_back_from_the_store_exactly_as_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Oxigraph canonicalises some literals; the mapping writes only forms it keeps, so the
    loader can recognise an unchanged readout by comparing graphs."""
    from kg.store.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    try:
        for record in all_examples():
            graph = record_to_graph(record, loaded_at=datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC))
            store.replace_graph(URIRef(str(graph.identifier)), graph)
            assert set(store.graph(URIRef(str(graph.identifier)))) == set(graph)
    finally:
        store.close()
