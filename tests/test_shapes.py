"""SHACL shapes on valid and invalid graphs: every rule fires, naming the node, the property and what is wrong."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from example_records import all_examples, bilateral_working_group, joint_statement
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.term import Node

from kg.errors import KGError
from kg.model import ontology
from kg.model.namespaces import ID, KG, OA, SH
from kg.model.record import Actor, DocumentInfo, Person, Record
from kg.model.reference_rdf import reference_graph
from kg.rdf.mapping import readout_id, record_to_graph
from kg.rdf.validate import (
    ValidationReport,
    _shapes,
    compact,
    describe,
    linked_nodes,
    validate_graph,
    validate_readout,
)

KGSH = "https://w3id.org/climate-kg/shapes#"


def org_record() -> Record:
    """People of an organisation and with no party: the only kg:Organization and post-without-actor case."""
    text = "Secretary-General Ana Ruiz of the United Nations met President Li Wei. China and Japan took part."
    return Record(document=DocumentInfo(title="Org", published="2025-01-02"), text=text, source="org.txt",
                  actors=[Actor("CN", "China"), Actor("JP", "Japan")],
                  people=[Person("Ana Ruiz", "United Nations", "Secretary-General"), Person("Li Wei", None, "President")])


def readout_data(graph: Graph) -> Graph:
    """A readout graph plus what the shapes see of the reference nodes it links to."""
    data = Graph()
    for triple in graph:
        data.add(triple)
    for triple in describe(linked_nodes(graph), [reference_graph()]):
        data.add(triple)
    return data


@pytest.fixture(scope="module")
def example_graphs() -> list[Graph]:
    from datetime import UTC, datetime

    when = datetime(2025, 6, 1, tzinfo=UTC)
    return [record_to_graph(r, loaded_at=when) for r in [*all_examples(), org_record()]]


# ---------------------------------------------------------------- valid graphs


def test_every_example_readout_conforms(example_graphs: list[Graph]) -> None:
    for graph in example_graphs:
        report = validate_readout(graph)
        assert report.conforms, report.text()
        assert not [r for r in report.results if r.severity == "Violation"]


def test_a_warning_does_not_reject_the_readout(example_graphs: list[Graph]) -> None:
    report = validate_readout(example_graphs[-1])
    assert report.conforms
    [warning] = report.results
    assert warning.severity == "Warning"
    assert warning.focus_node == str(ID["post/li-wei/president"])
    assert warning.path == "org:postIn"
    assert "does not say whose post" in warning.message


def test_reference_graph_conforms() -> None:
    report = validate_graph(reference_graph())
    assert report.conforms, report.text()


# ---------------------------------------------------------------- every rule fires: generated violations


@dataclass(frozen=True)
class Case:
    shape: str  # property shape IRI
    path: URIRef
    target: URIRef  # class
    component: str
    parameter: Node

    def __str__(self) -> str:
        return f"{self.shape.rsplit('#', 1)[1]}:{self.component}"


_COMPONENTS = {
    SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH.datatype: "Datatype", SH["class"]: "Class",
    SH.pattern: "Pattern", SH.nodeKind: "NodeKind", SH.hasValue: "HasValue", SH.minLength: "MinLength",
    SH.minInclusive: "MinInclusive", SH.maxInclusive: "MaxInclusive", SH.uniqueLang: "UniqueLang",
}


def generated_cases() -> Iterator[Case]:
    shapes = ontology.shapes_graph()
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        for target in shapes.objects(node_shape, SH.targetClass):
            for prop in sorted(shapes.objects(node_shape, SH.property)):
                path = shapes.value(prop, SH.path)
                if not isinstance(path, URIRef):
                    continue  # sequence paths are tested one by one below
                for parameter, component in _COMPONENTS.items():
                    value = shapes.value(prop, parameter)
                    if value is None or (parameter == SH.minCount and int(value) < 1):
                        continue
                    yield Case(str(prop), path, URIRef(str(target)), component, value)


CASES = sorted(set(generated_cases()), key=str)


def test_every_property_shape_is_exercised() -> None:
    shapes = ontology.shapes_graph()
    tested = {c.shape for c in CASES}
    simple = {str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(shapes.value(s, SH.path), URIRef)
              and any(shapes.value(s, p) is not None for p in _COMPONENTS)}
    assert simple <= tested
    assert len(CASES) > 60


def test_every_rule_has_a_message() -> None:
    shapes = ontology.shapes_graph()
    rules = [*shapes.subjects(RDF.type, SH.PropertyShape), *shapes.subjects(RDF.type, SH.SPARQLConstraint)]
    assert rules
    for rule in rules:
        message = shapes.value(rule, SH.message)
        assert isinstance(message, Literal) and len(str(message)) > 20, rule


def _instances(data: Graph, cls: URIRef) -> list[URIRef]:
    subclasses = {s for s, _, _ in ontology.class_hierarchy() if cls in _superclasses(s)} | {cls}
    return sorted({s for c in subclasses for s in data.subjects(RDF.type, c) if isinstance(s, URIRef)})


def _superclasses(cls: Node) -> set[Node]:
    found: set[Node] = set()
    todo = [cls]
    while todo:
        current = todo.pop()
        for sub, _, sup in ontology.class_hierarchy():
            if sub == current and sup not in found:
                found.add(sup)
                todo.append(sup)
    return found


def _bad_values(case: Case) -> list[Node]:
    """Values that break exactly the case's constraint (other rules of the shape may break too)."""
    shapes = ontology.shapes_graph()
    shape = URIRef(case.shape)
    datatype = shapes.value(shape, SH.datatype)
    wants_iri = shapes.value(shape, SH["class"]) is not None or shapes.value(shape, SH.nodeKind) == SH.IRI
    p = case.parameter
    if case.component in ("MinCount", "HasValue"):
        return []
    if case.component == "MaxCount":
        count = int(p) + 1
        # well-typed values, so that only the count is wrong
        return [ID[f"test/value-{i}"] if wants_iri else Literal(i, datatype=datatype) if datatype in (
            XSD.integer, XSD.nonNegativeInteger) else Literal(f"value {i}", datatype=datatype) for i in range(count)]
    if case.component == "Datatype":
        return [Literal(7) if p == XSD.string else Literal("2024-02-30" if p == XSD.date else "not right",
                                                               datatype=None if p != XSD.date else XSD.date)]
    if case.component == "Class":
        return [ID["test/untyped-node"]]
    if case.component == "Pattern":
        return [Literal("1989" if datatype == XSD.gYear else "!!", datatype=datatype)]
    if case.component == "NodeKind":
        return [Literal("a literal")]
    if case.component == "MinLength":
        return [Literal("")]
    if case.component == "MinInclusive":
        return [Literal("1989-12-31", datatype=XSD.date) if p.datatype == XSD.date else Literal(int(p) - 1)]  # type: ignore[union-attr,arg-type]
    if case.component == "MaxInclusive":
        return [Literal("2101-01-01", datatype=XSD.date) if p.datatype == XSD.date else Literal(101)]  # type: ignore[union-attr]
    if case.component == "UniqueLang":
        return [Literal("one", lang="en"), Literal("two", lang="en")]
    raise AssertionError(case)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_naming_node_property_and_problem(case: Case, example_graphs: list[Graph]) -> None:
    focus: URIRef | None = None
    data = Graph()
    for graph in example_graphs:
        data = readout_data(graph)
        nodes = _instances(data, case.target)
        with_value = [n for n in nodes if (n, case.path, None) in data]
        if with_value or (nodes and case.component not in ("MinCount", "HasValue")):
            focus = (with_value or nodes)[0]
            break
    assert focus is not None, f"no {compact(case.target)} in the examples to break"
    data.remove((focus, case.path, None))
    for value in _bad_values(case):
        data.add((focus, case.path, value))
    report = validate_graph(data, focus_nodes=[focus])
    shapes = ontology.shapes_graph()
    message = str(shapes.value(URIRef(case.shape), SH.message))
    severity = "Warning" if shapes.value(URIRef(case.shape), SH.severity) == SH.Warning else "Violation"
    hits = [r for r in report.results if r.source_shape == case.shape and r.component == case.component]
    assert hits, f"{case} did not fire on {focus}:\n{report.text()}"
    hit = hits[0]
    assert (hit.focus_node, hit.path, hit.message, hit.severity) == (str(focus), compact(str(case.path)), message,
                                                                     severity)
    line = hit.text()
    assert compact(str(focus)) in line and compact(str(case.path)) in line and message in line
    assert report.conforms == (severity != "Violation")


# ---------------------------------------------------------------- rules the generator cannot build


def _report(record: Record) -> ValidationReport:
    return validate_readout(record_to_graph(record))


def _fired(report: ValidationReport, shape: str) -> list[str]:
    return [r.text() for r in report.results if (r.source_shape or "").endswith(shape)]


def test_meeting_ending_before_it_starts_is_caught_by_the_sparql_rule() -> None:
    record = bilateral_working_group()
    record.meetings[0].end = "2025-05-13"
    report = _report(record)
    assert not report.conforms
    [result] = [r for r in report.results if r.component == "SPARQL"]
    assert result.focus_node == str(ID["meeting/indonesia-japan-working-group-on-energy-transition/2025-05-14"])
    assert result.path == "schema:endDate"
    assert result.message == "the meeting ends (2025-05-13) before it starts (2025-05-14)"
    assert result.source_shape == KGSH + "MeetingShape"


def test_one_day_meeting_and_month_dates_are_fine() -> None:
    record = bilateral_working_group()
    record.meetings[0].end = record.meetings[0].start
    assert _report(record).conforms


def test_commitment_without_actor_is_caught() -> None:
    record = joint_statement()
    record.commitments[1].actors = []
    report = _report(record)
    assert not report.conforms
    [line] = _fired(report, "Commitment-committedBy")
    assert f"id:commitment/{readout_id(record)}/2 kg:committedBy" in line
    assert "at least one actor" in line


def test_commitment_without_evidence_is_caught() -> None:
    record = joint_statement()
    record.commitments[2].evidence = []
    record.commitments[2].text = "A sentence the readout does not contain."
    report = _report(record)
    assert not report.conforms
    node = f"id:commitment/{readout_id(record)}/3"
    assert [line for line in _fired(report, "Commitment-evidence") if node in line and "kg:evidence" in line]
    assert [line for line in _fired(report, "Commitment-evidenceSource") if "kg:evidence/oa:hasSource" in line]


def test_commitment_evidence_from_another_readout_is_caught() -> None:
    record = joint_statement()
    graph = record_to_graph(record)
    rid = readout_id(record)
    commitment = ID[f"commitment/{rid}/1"]
    for evidence in list(graph.objects(commitment, KG.evidence)):
        graph.remove((evidence, OA.hasSource, None))
        graph.add((evidence, OA.hasSource, ID["readout/0000000000000000"]))
        graph.add((ID["readout/0000000000000000"], RDF.type, KG.Readout))
    report = validate_readout(graph)
    assert not report.conforms
    assert _fired(report, "Commitment-evidenceSource")


@pytest.mark.parametrize("year", [1989, 2101, 12])
def test_target_year_out_of_range_is_caught(year: int) -> None:
    record = joint_statement()
    record.commitments[0].target_year = year
    report = _report(record)
    assert not report.conforms
    [line] = _fired(report, "Commitment-targetYear")
    assert "between 1990 and 2100" in line and f"(value: {year:04d})" in line


@pytest.mark.parametrize("start", ["1989-12-31", "2101-01-01"])
def test_meeting_date_out_of_range_is_caught(start: str) -> None:
    record = joint_statement()
    record.meetings[0].start = record.meetings[0].end = start
    report = _report(record)
    assert not report.conforms
    assert _fired(report, "Meeting-startDate") and _fired(report, "Meeting-endDate")


def test_impossible_date_is_caught() -> None:
    record = joint_statement()
    record.meetings[0].start = record.meetings[0].end = "2025-02-30"
    report = _report(record)
    assert any("valid xsd:date" in line for line in _fired(report, "Meeting-startDate"))


def test_evidence_start_after_end_is_caught() -> None:
    graph = record_to_graph(joint_statement())
    evidence = next(s for s in graph.subjects(RDF.type, KG.Evidence))
    end = graph.value(evidence, OA.end)
    graph.set((evidence, OA.start, Literal(int(end) + 5, datatype=XSD.integer)))  # type: ignore[arg-type]
    report = validate_readout(graph)
    [line] = _fired(report, "Evidence-order")
    assert compact(str(evidence)) in line and "oa:start" in line and "must not be after its end" in line


def test_evidence_without_exact_text_is_caught() -> None:
    graph = record_to_graph(joint_statement())
    evidence = next(s for s in graph.subjects(RDF.type, KG.Evidence))
    graph.remove((evidence, OA.exact, None))
    report = validate_readout(graph)
    assert [line for line in _fired(report, "Evidence-exact") if compact(str(evidence)) in line and "oa:exact" in line]


def test_evidence_node_of_another_type_is_caught() -> None:
    graph = record_to_graph(joint_statement())
    evidence = next(s for s in graph.subjects(RDF.type, KG.Evidence))
    graph.set((evidence, RDF.type, OA.SpecificResource))  # still the object of kg:evidence
    report = validate_readout(graph)
    assert [line for line in _fired(report, "Evidence-type") if compact(str(evidence)) in line]


def test_unknown_country_code_is_caught() -> None:
    record = joint_statement()
    record.actors.append(Actor("XQ", "Nowhere"))
    record.commitments[0].actors.append("XQ")
    report = _report(record)
    assert not report.conforms
    assert _fired(report, "Readout-mentions") and _fired(report, "Commitment-committedBy")
    assert any("(value: id:actor/XQ)" in line for line in _fired(report, "Readout-mentions"))


def test_unknown_topic_and_status_are_caught() -> None:
    graph = record_to_graph(joint_statement())
    commitment = next(graph.subjects(RDF.type, KG.Commitment))
    graph.add((commitment, URIRef("http://purl.org/dc/terms/subject"), ID["topic/astrology"]))
    graph.set((commitment, KG.status, ID["status/maybe"]))
    report = validate_readout(graph)
    assert _fired(report, "Commitment-subject") and _fired(report, "Commitment-status")


# ---------------------------------------------------------------- the report


def test_report_text_json_and_turtle() -> None:
    record = joint_statement()
    record.commitments[1].actors = []
    report = _report(record)
    lines = report.text().splitlines()
    assert lines[0] == "Conforms: no (1 result(s))"
    assert lines[1].startswith("Violation: id:commitment/")
    data = json.loads(report.json_text())
    assert data["conforms"] is False and data["results"][0]["path"] == "kg:committedBy"
    parsed = Graph().parse(data=report.turtle(), format="turtle")
    assert (None, SH.conforms, Literal(False)) in parsed
    assert len(list(parsed.objects(None, SH.result))) == 1


# ---------------------------------------------------------------- a processor failure is not a data error


@pytest.fixture
def broken_ontology_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from kg.model import resources

    home = tmp_path / "home"
    shutil.copytree(resources.ontology_dir(), home / "ontology")
    shutil.copytree(resources.examples_dir(), home / "examples")
    monkeypatch.setenv("KG_HOME", str(home))
    ontology.shapes_graph.cache_clear()
    _shapes.cache_clear()
    yield home / "ontology" / "shapes.ttl"
    monkeypatch.delenv("KG_HOME")
    ontology.shapes_graph.cache_clear()
    _shapes.cache_clear()


def test_unparsable_shapes_file_raises_kgerror(broken_ontology_dir: Path) -> None:
    broken_ontology_dir.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(KGError, match="shapes.ttl"):
        validate_readout(record_to_graph(joint_statement()))


def test_malformed_shape_raises_kgerror_not_validation_error(broken_ontology_dir: Path) -> None:
    from kg.errors import ValidationError

    text = broken_ontology_dir.read_text(encoding="utf-8")
    broken_ontology_dir.write_text(text.replace("sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ; "
                                                "sh:pattern \"^[0-9a-f]{64}$\"",
                                                "sh:minCount \"one\" ; sh:pattern \"^[0-9a-f]{64}$\""), encoding="utf-8")
    with pytest.raises(KGError) as caught:
        validate_readout(record_to_graph(joint_statement()))
    assert not isinstance(caught.value, ValidationError)


def test_skos_labels_unique_per_language_in_topics() -> None:
    topics = ontology.topics_graph()
    for concept in topics.subjects(RDF.type, KG.Topic):
        assert len([label for label in topics.objects(concept, SKOS.prefLabel) if label.language == "en"]) == 1
