"""Every format for every view: written from a store, read back, and found to hold the same
nodes, edges and attributes (GraphML, GEXF), the expected structure (JSON), a parseable
graph (DOT, SVG, HTML), the store's statements (RDF dumps); and `kg export` on the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kg.cli import cli
from kg.export import export, format_for
from kg.export.views import VIEWS, build_view
from kg.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).parent / "data" / "export-graphs.trig"
GRAPH_FORMATS = ["graphml", "gexf", "cytoscape", "d3", "dot", "svg", "html"]
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "d3": ".d3.json", "dot": ".dot",
          "svg": ".svg", "html": ".html", "turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}


def load_fixture(path: Path) -> EmbeddedStore:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    st = EmbeddedStore(path)
    for graph in dataset.graphs():
        if len(graph):
            st.replace_graph(URIRef(str(graph.identifier)), graph)
    return st


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-formats") / "store"
    load_fixture(path).close()
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> EmbeddedStore:
    return EmbeddedStore(store_path)


def _edge_set(graph: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted((u, v, str(d.get("label"))) for u, v, d in graph.edges(data=True))


@pytest.mark.parametrize("view", VIEWS)
def test_graphml_reads_back_the_same_graph(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    out = tmp_path / f"{view}.graphml"
    summary = export(store, view=view, fmt=None, out=out)
    assert (summary.nodes, summary.edges, summary.format) == (expected.number_of_nodes(), expected.number_of_edges(), "graphml")
    back = nx.read_graphml(out)
    assert sorted(back.nodes) == sorted(expected.nodes)
    assert _edge_set(back) == _edge_set(expected)
    for node, attrs in expected.nodes(data=True):
        assert back.nodes[node] == attrs, node  # same names, values and types (int stays int)
    for u, v, attrs in expected.edges(data=True):
        found = back.get_edge_data(u, v)
        # networkx reads a graph without parallel edges as a DiGraph, with the edge id as `id`.
        candidates = found.values() if back.is_multigraph() else [{k: x for k, x in found.items() if k != "id"}]
        assert any(dict(d) == attrs for d in candidates)


@pytest.mark.parametrize("view", VIEWS)
def test_gexf_reads_back_with_time(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    out = tmp_path / f"{view}.gexf"
    export(store, view=view, fmt="gexf", out=out)
    root = ET.parse(out).getroot()
    assert root.get("version") == "1.2"
    graph_el = root.find("{http://www.gexf.net/1.2draft}graph")
    assert graph_el is not None
    assert (graph_el.get("mode"), graph_el.get("timeformat")) == ("dynamic", "date")

    back = nx.read_gexf(out)
    assert sorted(back.nodes) == sorted(expected.nodes)
    assert _edge_set(back) == _edge_set(expected)
    for node, attrs in expected.nodes(data=True):
        got = back.nodes[node]
        for key, value in attrs.items():
            if key in ("start", "end"):
                continue  # time lives in the element's start/end, checked below
            assert got[key] == value, (node, key)
        if attrs["type"] == "Meeting":
            assert (got["start"], got["end"]) == (attrs["start"], attrs["end"])
        elif attrs["type"] == "Commitment" and "date" in attrs:
            assert got["start"] == attrs["date"] and "end" not in got
        elif attrs["type"] in ("Country", "Person", "Topic"):
            assert "start" not in got and "end" not in got  # always on the timeline
    if view == "full":
        edge = next(d for u, v, d in back.edges(data=True)
                    if u == "meeting/baku-finance-ministerial/2024-11-12" and d["label"] == "participant")
        assert (edge["start"], edge["end"]) == ("2024-11-12", "2024-11-12")


@pytest.mark.parametrize("view", VIEWS)
def test_json_formats_have_their_structure(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    cy_out, d3_out = tmp_path / f"{view}.cyjs", tmp_path / f"{view}.d3.json"
    export(store, view=view, fmt=None, out=cy_out)
    export(store, view=view, fmt=None, out=d3_out)

    cy = json.loads(cy_out.read_text(encoding="utf-8"))
    nodes, edges = cy["elements"]["nodes"], cy["elements"]["edges"]
    assert sorted(n["data"]["id"] for n in nodes) == sorted(expected.nodes)
    for n in nodes:
        assert n["data"]["label"] == expected.nodes[n["data"]["id"]]["label"]
        assert n["data"]["type"] == expected.nodes[n["data"]["id"]]["type"]
    ids = {n["data"]["id"] for n in nodes}
    assert len({e["data"]["id"] for e in edges}) == len(edges) == expected.number_of_edges()
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert sorted((e["data"]["source"], e["data"]["target"], e["data"]["label"]) for e in edges) == _edge_set(expected)

    d3 = json.loads(d3_out.read_text(encoding="utf-8"))
    assert set(d3) >= {"nodes", "links", "directed", "multigraph", "graph"}
    assert sorted(n["id"] for n in d3["nodes"]) == sorted(expected.nodes)
    assert sorted((link["source"], link["target"], link["label"]) for link in d3["links"]) == _edge_set(expected)
    assert d3["graph"]["view"] == view


_DOT_NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[(.*)\];$')
_DOT_EDGE = re.compile(r'^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)" \[(.*)\];$')


@pytest.mark.parametrize("view", VIEWS)
def test_dot_parses(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    out = tmp_path / f"{view}.dot"
    export(store, view=view, fmt=None, out=out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("digraph ") and lines[-1] == "}"
    nodes = [m.group(1) for line in lines if (m := _DOT_NODE.match(line)) and " -> " not in line]
    edges = [(m.group(1), m.group(2)) for line in lines if (m := _DOT_EDGE.match(line))]
    assert sorted(nodes) == sorted(expected.nodes)
    assert sorted(edges) == sorted((u, v) for u, v in expected.edges())
    assert 'label="China"' in "\n".join(lines) or view == "people" or "actor/CN" not in expected
    if shutil.which("dot"):
        done = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.count('class="node"') == expected.number_of_nodes()


@pytest.mark.parametrize("view", VIEWS)
def test_svg_draws_every_node_with_its_label_and_a_legend(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    out = tmp_path / f"{view}.svg"
    export(store, view=view, fmt=None, out=out)
    root = ET.parse(out).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    groups = [g for g in root.iter(f"{ns}g") if g.get("class") == "node"]
    assert len(groups) == expected.number_of_nodes()
    labels = {t.text for g in groups for t in g.iter(f"{ns}text")}
    assert all(label for label in labels)
    legend = next(g for g in root.iter(f"{ns}g") if g.get("class") == "legend")
    legend_text = " ".join(t.text or "" for t in legend.iter(f"{ns}text"))
    if view == "actors":
        assert {"China", "European Union", "United States"} <= labels
        assert "Country" in legend_text and "line width" in legend_text


def _label_boxes_overlap(svg: Path) -> list[tuple[str, str]]:
    """Pairs of node labels whose estimated boxes overlap in the drawing."""
    ns = "{http://www.w3.org/2000/svg}"
    boxes = []
    for text in ET.parse(svg).getroot().iter(f"{ns}text"):
        if text.get("class") != "label":
            continue
        x, y, size = float(text.get("x", 0)), float(text.get("y", 0)), float(text.get("font-size", 12))
        half = 0.56 * size * len(text.text or "") / 2
        boxes.append((text.text or "", x - half, x + half, y - size, y + 0.3 * size))
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[1] < b[2] and b[1] < a[2] and a[3] < b[4] and b[3] < a[4]]


@pytest.mark.parametrize("view", VIEWS)
def test_svg_labels_do_not_overlap(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    out = tmp_path / f"{view}.svg"
    export(store, view=view, fmt="svg", out=out)
    assert _label_boxes_overlap(out) == []


@pytest.mark.parametrize("view", VIEWS)
def test_html_page_is_self_contained_and_carries_the_graph(store: EmbeddedStore, tmp_path: Path, view: str) -> None:
    expected = build_view(store, view)
    out = tmp_path / f"{view}.html"
    export(store, view=view, fmt=None, out=out)
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", page, re.IGNORECASE)
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|url\(|@import", page)  # nothing loads at run time
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert raw is not None
    data = json.loads(raw.group(1))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(expected.nodes)
    assert len(data["edges"]) == expected.number_of_edges()
    assert set(data["types"]) == {t for _, t in expected.nodes(data="type")}
    if view == "full":
        commitment = next(n for n in data["nodes"] if n["id"] == "commitment/aaaaaaaaaaaaaaaa/1")
        assert commitment["attrs"]["source_text"].startswith("Both sides will cut methane")
        assert commitment["start"] == "2024-09-04" and commitment["topics"] == ["methane-non-co2"]
        assert {t["id"] for t in data["topics"]} >= {"topic/finance", "topic/methane-non-co2"}


def test_html_data_cannot_break_out_of_its_script(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph(name="x")
    graph.add_node("a", type="Commitment", label="</script><script>alert(1)</script> & more", iri="urn:a")
    from kg.export.html import write_html

    out = tmp_path / "x.html"
    write_html(graph, out)
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert raw is not None and json.loads(raw.group(1))["nodes"][0]["label"].startswith("</script>")


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_rdf_dumps_hold_the_store(store: EmbeddedStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"dump{SUFFIX[fmt]}"
    summary = export(store, view="full", fmt=None, out=out)
    assert summary.format == fmt
    parsed = ox.Store()
    parsed.load(path=str(out), format={"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                                       "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[fmt])
    quads = [q for q in store.quads() if q[3] is not None]  # the named graphs, not a maintained union
    if fmt == "turtle":
        assert len(parsed) == len({(s, p, o) for s, p, o, _ in quads}) == summary.edges
    else:
        assert len(parsed) == len(quads) == summary.edges
        assert {g.value for g in parsed.named_graphs()} == set(store.graph_names())


def test_rdf_dump_of_one_readout(store: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "one.nq"
    readout = "https://w3id.org/climate-kg/id/readout/cccccccccccccccc"
    summary = export(store, view="full", fmt=None, out=out, readout="cccccccccccccccc")
    assert summary.edges == len(store.graph(URIRef(readout)))
    assert {line.rsplit(" ", 2)[-2] for line in out.read_text(encoding="utf-8").splitlines()} == {f"<{readout}>"}


def test_format_from_file_name() -> None:
    assert format_for(Path("x.GraphML"), None) == "graphml"
    assert format_for(Path("x.cyjs.json"), None) == "cytoscape"
    assert format_for(Path("x.d3.json"), None) == "d3"
    assert format_for(Path("x.nq"), None) == "nquads"
    assert format_for(Path("x.anything"), "dot") == "dot"


def test_cli_export_prints_a_summary_and_maps_errors(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    load_fixture(store_path).close()  # the command opens the store itself
    runner = CliRunner()
    out = tmp_path / "actors.gexf"
    result = runner.invoke(cli, ["export", "--store", str(store_path), "--view", "actors", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote the actors view as gexf: 7 nodes, 8 edges to {out}"
    assert nx.read_gexf(out).number_of_nodes() == 7

    narrowed = tmp_path / "cop.html"
    result = runner.invoke(cli, ["export", "--store", str(store_path), "--forum", "COP29", "--from", "2024-01-01",
                                 "--to", "2024-12-31", "--format", "html", "-o", str(narrowed)])
    assert result.exit_code == 0, result.output
    assert "full view as html" in result.output and narrowed.exists()

    bad = runner.invoke(cli, ["export", "--store", str(store_path), "-o", str(tmp_path / "x.unknown")])
    assert bad.exit_code == 2 and "cannot tell the format" in bad.output
    rdf_view = runner.invoke(cli, ["export", "--store", str(store_path), "--view", "actors", "-o", str(tmp_path / "x.ttl")])
    assert rdf_view.exit_code == 2 and "RDF dumps" in rdf_view.output
    missing = runner.invoke(cli, ["export", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "x.dot")])
    assert missing.exit_code == 3 and "no store here" in missing.output
