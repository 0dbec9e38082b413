"""kg forums [--duplicates] and kg people --duplicates: what a person should review, with evidence."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from rdflib import RDF

from kg.cli import cli
from kg.loader import PreparedReadout, ensure_reference, identity_index, store_prepared
from kg.model.namespaces import ID, KG
from kg.model.record import DocumentInfo, Forum, Meeting, Person, Record
from kg.rdf.mapping import readout_id, readout_iri, record_to_graph
from kg.store.location import open_store


def _store(path: Path, records: list[Record]) -> None:
    with open_store(path) as store:
        ensure_reference(store)
        for n, record in enumerate(records):
            graph = record_to_graph(record, loaded_at=datetime(2026, 1, 1, tzinfo=UTC))
            prepared = PreparedReadout(readout_iri(readout_id(record)), graph, record)
            assert store_prepared(store, prepared, f"r{n}", identity_index(store)).status == "loaded"


def _record(text: str, **facts: object) -> Record:
    return Record(DocumentInfo(published="2025-02-01"), text=text, **facts)  # type: ignore[arg-type]


def test_forums_duplicates_lists_a_forum_and_its_summit_with_readout_counts(tmp_path: Path) -> None:
    _store(tmp_path / "s", [
        _record("One invented readout.", forums=[Forum("Arctic Council", "forum")]),
        _record("Another invented readout.", forums=[Forum("Arctic Council Summit", "summit")]),
        _record("A third invented readout.", forums=[Forum("Arctic Council", "forum")]),
    ])
    result = CliRunner().invoke(cli, ["forums", "--duplicates", "--store", str(tmp_path / "s"), "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.output)
    assert [(p["a"].rsplit("/", 1)[1], p["b"].rsplit("/", 1)[1]) for p in pairs] == [
        ("arctic-council", "arctic-council-summit")]
    assert "'Arctic Council' (2 readouts)" in pairs[0]["reason"]
    listed = CliRunner().invoke(cli, ["forums", "--store", str(tmp_path / "s")])
    assert listed.exit_code == 0 and listed.output.rstrip().endswith("2 forums")


def test_a_company_or_one_states_agency_is_an_organisation_not_a_forum(tmp_path: Path) -> None:
    record = _record("An invented readout.", forums=[Forum("National Energy Administration", "organization"),
                                                     Forum("Acme Hydrogen Ltd", "other"), Forum("Arctic Council")],
                     meetings=[Meeting(forum="National Energy Administration", start="2025-01-10",
                                       participants=["CN", "US"])])
    graph = record_to_graph(record)
    forums = set(graph.subjects(RDF.type, KG.Forum))
    assert forums == {ID["forum/arctic-council"]}
    assert (ID["organization/acme-hydrogen-ltd"], RDF.type, KG.Organization) in graph
    assert (ID["meeting/CN-US/2025-01-10"], RDF.type, KG.Meeting) in graph
    _store(tmp_path / "s", [record])
    result = CliRunner().invoke(cli, ["forums", "--duplicates", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0 and result.output.rstrip().endswith("0 forums to review")


def test_people_duplicates_names_the_pair_and_why(tmp_path: Path) -> None:
    _store(tmp_path / "s", [
        _record("One invented readout.", people=[Person("Okafor")]),
        _record("Another invented readout.", people=[Person("Chidi Okafor", "NG", "Minister of Power")]),
    ])
    result = CliRunner().invoke(cli, ["people", "--duplicates", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "chidi-okafor" in result.output and "1 likely duplicate pairs" in result.output
    assert "Chidi Okafor [NG] Minister for Power, 1 readouts" in result.output  # the evidence beside the pair
