"""The fast pre-check never passes what pySHACL would report, and does pass what pySHACL passes."""

from __future__ import annotations

from example_records import all_examples
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF

from kg.model.namespaces import KG, SH
from kg.model.ontology import class_hierarchy, shapes_graph
from kg.model.record import (
    COMMITMENT_STATUSES,
    TOPICS,
    Actor,
    Commitment,
    DocumentInfo,
    Meeting,
    Person,
    Record,
    Span,
)
from kg.model.reference_rdf import reference_graph
from kg.rdf.mapping import record_to_graph
from kg.rdf.shacl_fast import Unsupported, compile_shapes, try_compile
from kg.rdf.validate import _report, _run, describe, linked_nodes


def data_of(graph: Graph) -> tuple[Graph, set]:  # type: ignore[type-arg]
    data = Graph()
    for triple in graph:
        data.add(triple)
    for triple in describe(linked_nodes(graph), [reference_graph()]):
        data.add(triple)
    for triple in class_hierarchy():
        data.add(triple)
    return data, {s for s in graph.subjects() if not isinstance(s, BNode)}


def pyshacl_results(data: Graph, focus: set) -> list:  # type: ignore[type-arg]
    return _report(_run(data), focus).results


def test_the_project_shapes_compile() -> None:
    compiled = compile_shapes(shapes_graph())
    assert len(compiled.rules) >= 15
    assert sum(len(rule.properties) for rule in compiled.rules) >= 80


def test_examples_pass_the_pre_check_and_pyshacl_agrees() -> None:
    compiled = compile_shapes(shapes_graph())
    for record in all_examples():
        data, focus = data_of(record_to_graph(record))
        assert compiled.conforms(data, focus)
        assert pyshacl_results(data, focus) == []


def test_unknown_features_make_the_pre_check_step_aside() -> None:
    shapes = Graph()
    for triple in shapes_graph():
        shapes.add(triple)
    shape = next(shapes.subjects(RDF.type, SH.NodeShape))
    shapes.add((shape, SH.closed, Literal(True)))
    try:
        compile_shapes(shapes)
        raise AssertionError("sh:closed compiled")
    except Unsupported as exc:
        assert "closed" in str(exc)
    assert try_compile(shapes) is None


codes = st.sampled_from(["CN", "US", "EU", "BR", "XQ"])  # XQ: no such country
days = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1985, 2105), st.integers(1, 12),
                 st.integers(1, 31))


@st.composite
def records(draw: st.DrawFn) -> Record:
    """Records that are often wrong: impossible or out-of-range dates, unknown codes, no actors."""
    text = "Both sides will act. They met."
    meetings = [Meeting(draw(st.none() | st.just("Climate Dialogue")), draw(st.none() | days),
                        draw(st.none() | days), "Paris", draw(st.none() | codes), draw(st.lists(codes, max_size=2)))
                for _ in range(draw(st.integers(0, 2)))]
    return Record(
        document=DocumentInfo(title="T", published=draw(st.none() | days)),
        text=text,
        actors=[Actor(c, c) for c in draw(st.lists(codes, max_size=2, unique=True))],
        people=[Person("Ana Ruiz", draw(st.none() | codes | st.just("United Nations")), draw(st.none() | st.just("Envoy")))],
        meetings=meetings,
        commitments=[Commitment(draw(st.lists(codes, max_size=2)), draw(st.sampled_from([text[:20], "not in the text"])),
                                draw(st.lists(st.sampled_from(TOPICS), max_size=2)),
                                draw(st.none() | st.integers(1980, 2110)), draw(st.sampled_from(COMMITMENT_STATUSES)),
                                draw(st.none() | st.integers(0, len(meetings) - 1)) if meetings else None,
                                draw(st.sampled_from([[], [Span(0, 20, text[:20])], [Span(25, 20, "bad")]])))
                     for _ in range(draw(st.integers(0, 2)))],
    )


@settings(max_examples=80, deadline=None)
@given(records())
def test_pre_check_passes_exactly_what_pyshacl_passes(record: Record) -> None:
    compiled = compile_shapes(shapes_graph())
    data, focus = data_of(record_to_graph(record))
    results = pyshacl_results(data, focus)
    # Never passes what pySHACL reports (soundness) ...
    if compiled.conforms(data, focus):
        assert results == []
    # ... and, on these records, passes everything pySHACL passes (it is no slower path in disguise).
    if not results:
        assert compiled.conforms(data, focus)
    # Asked only about violations (what loading needs), it passes nothing with a violation,
    # and everything whose results are warnings at most.
    violations = [r for r in results if r.severity == "Violation"]
    assert compiled.conforms(data, focus, violations_only=True) == (not violations)


def test_a_warning_alone_also_goes_to_pyshacl() -> None:
    record = Record(document=DocumentInfo(), text="President Li Wei spoke.", people=[Person("Li Wei", None, "President")])
    data, focus = data_of(record_to_graph(record))
    assert not compile_shapes(shapes_graph()).conforms(data, focus)
    [warning] = pyshacl_results(data, focus)
    assert warning.severity == "Warning"
    # loading asks only whether it conforms: a warning alone needs no pySHACL report
    assert compile_shapes(shapes_graph()).conforms(data, focus, violations_only=True)
    assert (next(data.subjects(RDF.type, KG.Post)), RDF.type, KG.Post) in data


def test_a_sparql_rule_reading_beyond_the_focus_node_makes_the_pre_check_step_aside() -> None:
    shapes = Graph()
    for triple in shapes_graph():
        shapes.add(triple)
    rule = next(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    shapes.set((rule, SH.select, Literal(
        "SELECT $this WHERE { $this schema:location ?place . ?place schema:name ?name . FILTER (?name = '') }")))
    assert try_compile(shapes) is None
    assert try_compile(shapes_graph()) is not None
