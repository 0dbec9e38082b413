"""kg dump and kg restore: a round trip gives back isomorphic graphs, and a restore is all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from kg.cli import cli
from kg.errors import InputError, UsageError
from kg.store.backup import dump_store, restore_store
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store

EX = Namespace("https://example.org/")


def sample_graphs() -> dict[URIRef, Graph]:
    """Graphs with the terms a store holds: IRIs, blank nodes, typed, tagged and odd literals."""
    graphs: dict[URIRef, Graph] = {}
    for i in range(3):
        g = Graph()
        readout = EX[f"readout/{i}"]
        g.add((readout, RDF.type, EX.Readout))
        g.add((readout, EX["title"], Literal(f"Readout “{i}” – Geneva\u00a0talks", lang="en")))
        g.add((readout, EX.published, Literal(f"2025-0{i + 1}-15", datatype=XSD.date)))
        g.add((readout, EX["count"], Literal(i)))
        g.add((readout, EX.text, Literal('quote " backslash \\ newline \n tab \t 中文')))
        span = BNode()
        g.add((readout, EX.evidence, span))
        g.add((span, EX.start, Literal(10 * i)))
        g.add((span, EX.exact, Literal("Both sides")))
        graphs[EX[f"graph/{i}"]] = g
    return graphs


def store_with_samples(path: Path) -> EmbeddedStore:
    store = open_store(path)
    assert isinstance(store, EmbeddedStore)
    for name, graph in sample_graphs().items():
        store.replace_graph(name, graph)
    return store


def assert_same_dataset(a: EmbeddedStore, b: EmbeddedStore) -> None:
    assert a.graph_names() == b.graph_names()
    assert len(a) == len(b)
    for name in a.graph_names():
        assert isomorphic(a.graph(URIRef(name)), b.graph(URIRef(name))), name


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_dump_and_restore_round_trip_is_isomorphic(tmp_path: Path, fmt: str) -> None:
    source = store_with_samples(tmp_path / "a")
    backup = tmp_path / f"backup.{'nq' if fmt == 'nquads' else 'trig'}"
    summary = dump_store(source, backup, fmt)
    # each sample triple is in its named graph and once in the store's maintained union
    assert len(source) == 3 * 8 and summary.quads == 2 * len(source)
    assert summary.graphs == 3
    target = open_store(tmp_path / "b")
    assert isinstance(target, EmbeddedStore)
    restore_store(target, backup)
    assert_same_dataset(source, target)
    for name, graph in sample_graphs().items():
        assert isomorphic(target.graph(name), graph)


def test_cli_dump_and_restore(tmp_path: Path) -> None:
    store_with_samples(tmp_path / "a").close()
    runner = CliRunner()
    out = tmp_path / "all.trig"
    result = runner.invoke(cli, ["dump", "--store", str(tmp_path / "a"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().count(b"GRAPH") + out.read_bytes().count(b"{") >= 3
    result = runner.invoke(cli, ["restore", str(out), "--store", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "restored 48 quads in 3 named graphs" in result.output
    a, b = open_store(tmp_path / "a", read_only=True), open_store(tmp_path / "b", read_only=True)
    assert isinstance(a, EmbeddedStore) and isinstance(b, EmbeddedStore)
    assert_same_dataset(a, b)


def test_dump_to_stdout_is_nquads(tmp_path: Path) -> None:
    store_with_samples(tmp_path / "a").close()
    result = CliRunner().invoke(cli, ["dump", "--store", str(tmp_path / "a")])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line]
    assert lines.pop().startswith("# kg dump: quads=48 sha256=")  # the trailer a restore checks
    assert len(lines) == 48  # 24 in the named graphs, 24 in the maintained union
    assert all(line.endswith(" .") for line in lines)
    assert sum("<https://example.org/graph/" in line for line in lines) == 24


def test_restore_refuses_a_store_that_is_not_empty_and_leaves_it_unchanged(tmp_path: Path) -> None:
    source = store_with_samples(tmp_path / "a")
    backup = tmp_path / "b.nq"
    dump_store(source, backup)
    other = open_store(tmp_path / "other")
    assert isinstance(other, EmbeddedStore)
    other.replace_graph(EX.mine, Graph().add((EX.x, EX.y, EX.z)))
    before = dump_bytes(other, tmp_path / "before.nq")
    with pytest.raises(UsageError, match="is not empty .2 quads.; restore into an empty store"):
        restore_store(other, backup)
    assert dump_bytes(other, tmp_path / "after.nq") == before


def test_restore_force_replaces_everything(tmp_path: Path) -> None:
    source = store_with_samples(tmp_path / "a")
    backup = tmp_path / "b.nq"
    dump_store(source, backup)
    other = open_store(tmp_path / "other")
    assert isinstance(other, EmbeddedStore)
    other.replace_graph(EX.mine, Graph().add((EX.x, EX.y, EX.z)))
    restore_store(other, backup, force=True)
    assert_same_dataset(source, other)


def test_broken_backup_writes_nothing(tmp_path: Path) -> None:
    good = "\n".join(f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" <https://example.org/g> ."
                     for i in range(100))
    backup = tmp_path / "broken.nq"
    backup.write_text(good + "\n<https://example.org/s> <oops \n")
    store = open_store(tmp_path / "s")
    assert isinstance(store, EmbeddedStore)
    with pytest.raises(InputError, match="broken.nq: not valid nquads RDF"):
        restore_store(store, backup, any_rdf=True)
    assert len(store) == 0


def test_cli_restore_refuses_a_billion_laughs_backup(tmp_path: Path) -> None:
    backup = tmp_path / "evil.rdf"
    backup.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
                      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    result = CliRunner().invoke(cli, ["restore", str(backup), "--any-rdf", "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "evil.rdf: refused: the XML declares <!DOCTYPE" in result.output


def dump_bytes(store: EmbeddedStore, path: Path) -> bytes:
    dump_store(store, path)
    return b"\n".join(sorted(path.read_bytes().splitlines()))
