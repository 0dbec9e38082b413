"""Exports of the example readouts (examples/), loaded by the real loader: every view in
every format, GraphML and GEXF read back equal, the actors picture legible."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.export import FORMATS, export
from kg.export.views import VIEWS, build_view
from kg.loader import load_paths
from kg.model.resources import examples_dir
from kg.store.embedded import EmbeddedStore

SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "d3": ".d3.json", "dot": ".dot",
          "svg": ".svg", "html": ".html", "turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    st = EmbeddedStore(tmp_path_factory.mktemp("export-examples") / "store")
    summary = load_paths(st, [examples_dir()])
    assert summary.ok and summary.count("loaded") >= 3, [o.message for o in summary.outcomes]
    return st


def _edges(graph: nx.Graph) -> list[tuple[str, str, str]]:
    return sorted((u, v, str(d.get("label"))) for u, v, d in graph.edges(data=True))


@pytest.mark.parametrize("view", VIEWS)
def test_every_format_of_every_view(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    assert expected.number_of_nodes() > 0 and expected.number_of_edges() > 0
    for fmt in FORMATS:
        if fmt in ("turtle", "trig", "nquads", "jsonld") and view != "full":
            continue  # RDF dumps are of the store, not of a view
        out = tmp_path / f"{view}{SUFFIX[fmt]}"
        summary = export(store, view=view, fmt=None, out=out)
        assert summary.format == fmt and out.stat().st_size > 0
        if fmt not in ("turtle", "trig", "nquads", "jsonld"):
            assert (summary.nodes, summary.edges) == (expected.number_of_nodes(), expected.number_of_edges())

    for reader, suffix in ((nx.read_graphml, ".graphml"), (nx.read_gexf, ".gexf")):
        back = reader(tmp_path / f"{view}{suffix}")
        assert sorted(back.nodes) == sorted(expected.nodes)
        assert _edges(back) == _edges(expected)
        for node, attrs in expected.nodes(data=True):
            assert back.nodes[node]["label"] == attrs["label"] and back.nodes[node]["type"] == attrs["type"]

    cy = json.loads((tmp_path / f"{view}.cyjs").read_text(encoding="utf-8"))
    assert len(cy["elements"]["nodes"]) == expected.number_of_nodes()
    d3 = json.loads((tmp_path / f"{view}.d3.json").read_text(encoding="utf-8"))
    assert len(d3["links"]) == expected.number_of_edges()


def test_examples_views_carry_what_the_readouts_say(store: EmbeddedStore) -> None:
    full = build_view(store, "full")
    types = {t for _, t in full.nodes(data="type")}
    assert {"Country", "Person", "Post", "Forum", "Meeting", "Commitment", "Readout", "Topic"} <= types
    for node, attrs in full.nodes(data=True):
        if attrs["type"] == "Commitment":
            assert attrs.get("text") and attrs.get("readout"), node  # the sentence and its readout
        if attrs["type"] == "Meeting":
            assert attrs.get("readout"), node
    actors = build_view(store, "actors")
    assert actors.number_of_edges() > 0
    assert all(d["weight"] == d["meetings"] + d["commitments"] >= 1 for _, _, d in actors.edges(data=True))


def test_actors_svg_of_the_examples_is_legible(store: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "actors.svg"
    export(store, view="actors", fmt="svg", out=out)
    ns = "{http://www.w3.org/2000/svg}"
    boxes = []
    for text in ET.parse(out).getroot().iter(f"{ns}text"):
        if text.get("class") == "label":
            x, y, size = float(text.get("x", 0)), float(text.get("y", 0)), float(text.get("font-size", 0))
            assert size >= 11  # legible at 100 %
            half = 0.56 * size * len(text.text or "") / 2
            boxes.append((x - half, x + half, y - size, y + 0.3 * size))
    assert len(boxes) == build_view(store, "actors").number_of_nodes()
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]]
    assert overlaps == []
