"""The property-graph projection: entities are nodes, literals stay attributes, views and
narrowing keep what they say they keep, the actors view weighs its links."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import UsageError
from kg.export import export
from kg.export.projection import project
from kg.export.scope import Scope
from kg.export.views import build_view
from kg.model.namespaces import ID, KG, SCHEMA
from kg.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).parent / "data" / "export-graphs.trig"
WG_MEETING = "meeting/sino-american-climate-working-group/2024-09-04"
BAKU_MEETING = "meeting/baku-finance-ministerial/2024-11-12"
CALL = "meeting/FR-IN/2023-03-10"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    st = EmbeddedStore(tmp_path_factory.mktemp("export-store") / "store")
    for graph in dataset.graphs():
        if len(graph):
            st.replace_graph(URIRef(str(graph.identifier)), graph)
    return st


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    return nx.Graph(graph.to_undirected())


def test_literals_are_attributes_and_a_shared_date_or_label_links_nothing() -> None:
    day = Literal("2024-01-01", datatype=XSD.date)
    m1, m2 = ID["meeting/a/2024-01-01"], ID["meeting/b/2024-01-01"]
    triples = [
        (m1, RDF.type, KG.Meeting), (m2, RDF.type, KG.Meeting),
        (m1, SCHEMA.startDate, day), (m2, SCHEMA.startDate, day),
        (m1, RDFS.label, Literal("Same name")), (m2, RDFS.label, Literal("Same name")),
        (m1, KG.participant, ID["actor/CN"]),  # CN is not typed here: an attribute, not a node
    ]
    graph = project(triples)
    assert sorted(graph.nodes) == ["meeting/a/2024-01-01", "meeting/b/2024-01-01"]
    assert graph.number_of_edges() == 0
    assert graph.nodes["meeting/a/2024-01-01"]["start"] == "2024-01-01"
    assert graph.nodes["meeting/a/2024-01-01"]["label"] == "Same name"
    assert graph.nodes["meeting/a/2024-01-01"]["participant"] == "actor/CN"
    assert "2024-01-01" not in graph and "Same name" not in graph


@pytest.mark.parametrize("view", ["full", "actors", "people", "commitments"])
def test_every_node_is_a_typed_entity_and_every_attribute_a_scalar(store: EmbeddedStore, view: str) -> None:
    graph = build_view(store, view)
    assert graph.number_of_nodes() > 0
    typed = {str(r["s"].value) for r in store.query("SELECT DISTINCT ?s WHERE { ?s a ?t }")}
    for node, attrs in graph.nodes(data=True):
        # Only the commitments view makes up nodes: the target years.
        assert attrs["iri"] in typed or (view == "commitments" and attrs["type"] == "TargetYear"), node
        for key, value in attrs.items():
            assert isinstance(value, str | int | float) and not isinstance(value, bool), (node, key, value)
    for _, _, attrs in graph.edges(data=True):
        assert all(isinstance(v, str | int | float) for v in attrs.values())


def test_full_view_shares_dates_without_links(store: EmbeddedStore) -> None:
    graph = build_view(store, "full")
    # The India-France call and its readout share a date; the call links to the readout by
    # `reportedIn`, and nothing else connects them to the working group or its readout.
    assert graph.nodes[CALL]["start"] == graph.nodes["readout/cccccccccccccccc"]["date"] == "2023-03-10"
    labels = {d["label"] for u, v, d in graph.edges(data=True) if {u, v} == {CALL, "readout/cccccccccccccccc"}}
    assert labels == {"reportedIn"}
    # Both 2030 commitments carry target_year 2030 as an attribute, not as a node between them.
    assert graph.nodes["commitment/aaaaaaaaaaaaaaaa/1"]["target_year"] == 2030
    assert graph.nodes["commitment/cccccccccccccccc/1"]["target_year"] == 2030
    assert not any(str(n) in {"2030", "year/2030"} for n in graph.nodes)


def test_full_view_edges_attributes_and_evidence(store: EmbeddedStore) -> None:
    graph = build_view(store, "full")
    relations = {k for _, _, k in graph.edges(WG_MEETING, keys=True)}
    assert {"host", "participant", "attendedBy", "sessionOf", "reportedIn"} <= relations
    assert set(graph[WG_MEETING]["actor/CN"]) == {"host", "participant"}  # two relations, two edges
    assert graph.has_edge("actor/AZ", "forum/cop29", key="presides")
    assert graph.has_edge("forum/baku-finance-ministerial", "forum/cop29", key="subOrganizationOf")
    commitment = graph.nodes["commitment/aaaaaaaaaaaaaaaa/2"]
    assert commitment["type"] == "Commitment"
    assert commitment["topics"] == "energy-transition; finance"
    assert commitment["status"] == "reaffirmed"
    assert commitment["readout"].startswith("Readout of the Second Meeting")
    assert commitment["readout_id"] == str(ID["readout/aaaaaaaaaaaaaaaa"])
    meeting = graph.nodes[WG_MEETING]
    assert meeting["source_text"] == "On September 4-6, 2024 the working group met in Beijing."
    assert (meeting["start"], meeting["end"], meeting["place"]) == ("2024-09-04", "2024-09-06", "Beijing")
    assert graph.nodes["person/li-wei"]["country"] == "CN"
    assert graph.nodes["post/US/senior-advisor"]["country"] == "US"
    # Germany, COP28, its session and presidencies are reference data no readout speaks of.
    assert "actor/DE" not in graph and "forum/cop28" not in graph and "meeting/cop28/2023-11-30" not in graph
    assert not graph.has_edge("actor/CN", "forum/cop28")


@pytest.mark.parametrize("view", ["actors", "people", "commitments"])
def test_reference_data_no_readout_mentions_stays_out(store: EmbeddedStore, view: str) -> None:
    graph = build_view(store, view)
    assert "actor/DE" not in graph and "meeting/cop28/2023-11-30" not in graph


def test_actor_links_are_weighted_by_meetings_and_commitments(store: EmbeddedStore) -> None:
    graph = build_view(store, "actors")
    assert {t for _, t in graph.nodes(data="type")} == {"Country", "SupranationalUnion"}

    def link(a: str, b: str) -> dict[str, object]:
        u, v = sorted((f"actor/{a}", f"actor/{b}"))
        return dict(graph.edges[u, v, "together"])

    assert (link("CN", "US")["meetings"], link("CN", "US")["commitments"], link("CN", "US")["weight"]) == (1, 2, 3)
    assert (link("BR", "EU")["meetings"], link("BR", "EU")["commitments"]) == (1, 2)
    assert (link("CN", "EU")["meetings"], link("CN", "EU")["commitments"]) == (1, 1)
    assert (link("AZ", "BR")["meetings"], link("AZ", "BR")["commitments"]) == (1, 0)
    assert link("FR", "IN")["first"] == "2023-03-10"
    assert not graph.has_edge("actor/BR", "actor/US") and not graph.has_edge("actor/US", "actor/BR")
    assert graph.number_of_edges() == 8
    assert (graph.nodes["actor/CN"]["meetings"], graph.nodes["actor/CN"]["commitments"]) == (2, 3)


def test_commitments_view_has_topics_and_target_year_nodes(store: EmbeddedStore) -> None:
    graph = build_view(store, "commitments")
    assert graph.nodes["year/2030"]["type"] == "TargetYear"
    due_2030 = sorted(u for u, _, k in graph.in_edges("year/2030", keys=True) if k == "targets")
    assert due_2030 == ["commitment/aaaaaaaaaaaaaaaa/1", "commitment/bbbbbbbbbbbbbbbb/2", "commitment/cccccccccccccccc/1"]
    assert graph.has_edge("commitment/aaaaaaaaaaaaaaaa/2", "topic/finance", key="about")
    assert {t for _, t in graph.nodes(data="type")} == {"Commitment", "Country", "SupranationalUnion", "Topic", "TargetYear"}


def test_people_view(store: EmbeddedStore) -> None:
    graph = build_view(store, "people")
    assert graph.has_edge("person/li-wei", "post/CN/special-envoy-for-climate-change", key="holds")
    assert graph.has_edge("post/CN/special-envoy-for-climate-change", "actor/CN", key="postIn")
    assert graph.has_edge(BAKU_MEETING, "person/li-wei", key="attendedBy")
    assert CALL not in graph  # nobody is named as attending the call
    assert "Commitment" not in {t for _, t in graph.nodes(data="type")}


def test_narrowing_by_forum_keeps_its_sub_forum_meetings_and_what_they_reach(store: EmbeddedStore) -> None:
    graph = build_view(store, "full", Scope(forum=str(ID["forum/cop29"])))
    assert BAKU_MEETING in graph and WG_MEETING not in graph and CALL not in graph
    assert {"commitment/bbbbbbbbbbbbbbbb/1", "commitment/bbbbbbbbbbbbbbbb/2"} <= set(graph)
    assert "commitment/aaaaaaaaaaaaaaaa/1" not in graph
    assert {"person/li-wei", "post/CN/special-envoy-for-climate-change", "forum/cop29", "readout/bbbbbbbbbbbbbbbb"} <= set(graph)
    assert "person/jane-doe" not in graph and "actor/US" not in graph and "readout/aaaaaaaaaaaaaaaa" not in graph


def test_narrowing_by_dates_and_by_readout(store: EmbeddedStore) -> None:
    autumn = build_view(store, "actors", Scope(date_from="2024-10-01", date_to="2024-12-31"))
    assert set(autumn) == {"actor/AZ", "actor/BR", "actor/CN", "actor/EU"}
    assert dict(autumn.edges["actor/CN", "actor/EU", "together"])["commitments"] == 1
    # A meeting overlapping the start of the period counts (4-6 September, from the 6th).
    assert WG_MEETING in build_view(store, "full", Scope(date_from="2024-09-06", date_to="2024-09-30"))
    early = build_view(store, "commitments", Scope(date_to="2023-12-31"))
    assert sorted(n for n, t in early.nodes(data="type") if t == "Commitment") == ["commitment/cccccccccccccccc/1"]

    one = build_view(store, "full", Scope(readout=str(ID["readout/bbbbbbbbbbbbbbbb"])))
    assert BAKU_MEETING in one and WG_MEETING not in one and "actor/US" not in one
    # Li Wei's post is stated in readout A only, so readout B's view shows him without it.
    assert "person/li-wei" in one and "post/CN/special-envoy-for-climate-change" not in one
    assert one.graph["readout"] == str(ID["readout/bbbbbbbbbbbbbbbb"])


def test_narrowing_errors_name_the_option(store: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "x.graphml"
    with pytest.raises(UsageError, match="--forum 'Atlantis'.*COP29"):
        export(store, view="full", fmt=None, out=out, readout=None, forum="Atlantis", date_from=None, date_to=None)
    with pytest.raises(UsageError, match="--readout"):
        export(store, view="full", fmt=None, out=out, readout="0123456789abcdef", forum=None, date_from=None, date_to=None)
    with pytest.raises(UsageError, match="--from"):
        export(store, view="full", fmt=None, out=out, readout=None, forum=None, date_from="2024-02-30", date_to=None)
    with pytest.raises(UsageError, match="after"):
        export(store, view="full", fmt=None, out=out, readout=None, forum=None, date_from="2025-01-01", date_to="2024-01-01")
    assert not out.exists()
    # Forum by alias-insensitive name and readout by its source file name both resolve.
    summary = export(store, view="actors", fmt=None, out=out, readout="baku-ministerial.txt", forum="cop 29",
                     date_from=None, date_to=None)
    assert (summary.nodes, summary.format) == (4, "graphml")
