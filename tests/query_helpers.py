"""Shared by the query-layer tests: the hand-written TriG store and row helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef

from kg.query import summaries
from kg.sparql.results import SelectResult
from kg.store.location import open_store

FIXTURE = Path(__file__).parent / "query_data" / "graphs.trig"
ID = "https://w3id.org/climate-kg/id/"


def fixture_graphs() -> list[tuple[URIRef, Any]]:
    """(graph name, graph) for the reference graph and each readout graph of the fixture."""
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    return [(URIRef(g.identifier), g) for g in ds.graphs() if str(g.identifier).startswith("https://w3id.org/")]


def load_fixture(store: Any) -> None:
    for name, graph in fixture_graphs():
        store.replace_graph(name, graph)
    summaries.rebuild(store)  # graphs written around the loader: what it keeps is built here


def fixture_store_at(folder: Path) -> Path:
    """A store holding the fixture, written in `folder` and closed (the CLI or a server opens it)."""
    path = folder / "store"
    store = open_store(path)
    load_fixture(store)
    store.close()
    return path


def short(value: str | None) -> str | None:
    return value[len(ID):] if value and value.startswith(ID) else value


def rows(result: Any, *variables: str) -> list[tuple[str | None, ...]]:
    """The result's rows as tuples of plain strings (ids shortened), in result order."""
    assert isinstance(result, SelectResult), result
    return [tuple(short(str(r[v])) if v in r else None for v in variables) for r in result.rows]
