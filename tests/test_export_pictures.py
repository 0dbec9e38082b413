"""Pictures of a large view that people can read: the full view of 20 generated readouts
(hundreds of nodes) as SVG fits 4,000 px a side with labels at 12 px that do not overlap,
opened at 1:1 in headless Chromium; DOT likewise (pinned layout, rendered by Graphviz where
installed); the HTML viewer hides unconnected nodes until asked and re-fits after a filter."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from chromium import chromium, needs_chromium, screenshot_png

from kg.export import export
from kg.export.reading import extent, for_reading
from kg.loader import load_paths
from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is a folder of scripts beside the package, not part of kg
    sys.path.insert(0, str(ROOT))

from bench.generate import write_corpus  # noqa: E402

pytestmark = pytest.mark.slow
NS = "{http://www.w3.org/2000/svg}"
MAX_PX = 4000


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    base = tmp_path_factory.mktemp("pictures")
    paths = write_corpus(20, 7, base / "corpus")
    st = EmbeddedStore(base / "store")
    summary = load_paths(st, paths)
    assert summary.ok
    return st


@pytest.fixture(scope="module")
def full_svg(store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("svg") / "full.svg"
    summary = export(store, view="full", fmt="svg", out=out)
    assert summary.nodes > 300  # large enough that the plain layout would not fit
    return out


def _label_boxes(svg: Path) -> list[tuple[str, float, float, float, float, float]]:
    boxes = []
    for text in ET.parse(svg).getroot().iter(f"{NS}text"):
        if text.get("class") != "label":
            continue
        x, y, size = float(text.get("x", 0)), float(text.get("y", 0)), float(text.get("font-size", 0))
        half = 0.56 * size * len(text.text or "") / 2
        boxes.append((text.text or "", x - half, x + half, y - size, y + 0.3 * size, size))
    return boxes


def test_the_full_view_fits_a_screen_with_legible_labels(full_svg: Path) -> None:
    root = ET.parse(full_svg).getroot()
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    assert width <= MAX_PX and height <= MAX_PX
    boxes = _label_boxes(full_svg)
    assert len(boxes) > 200
    assert min(b[5] for b in boxes) >= 12  # labels at 12 px, at 1:1
    overlapping = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[1] < b[2] and b[1] < a[2] and a[3] < b[4] and b[3] < a[4]]
    assert len(overlapping) <= len(boxes) // 50, overlapping[:10]
    # what was left out, if anything, is said in the file and under the title
    desc = root.find(f"{NS}desc")
    if desc is not None:
        note = next(t for t in root.iter(f"{NS}text") if t.get("class") == "note")
        assert note.text == desc.text and "every node: --format html" in (desc.text or "")


def test_a_view_too_large_for_a_screen_keeps_its_best_connected_nodes_and_says_so() -> None:
    graph = nx.MultiDiGraph(name="test view")
    hubs = [f"hub/{i}" for i in range(8)]
    for i, hub in enumerate(hubs):
        graph.add_node(hub, type="Country", label=f"Hub country number {i}")
        for j in range(25):
            leaf = f"leaf/{i}/{j}"
            graph.add_node(leaf, type="Commitment", label=f"A commitment with a long sentence {i}-{j}")
            graph.add_edge(leaf, hub, label="committedBy")
        graph.add_edge(hub, hubs[(i + 1) % len(hubs)], label="participant")
    graph.add_node("lonely", type="Topic", label="Nobody links here")
    readable = for_reading(graph, max_px=1500)  # a small screen, so that a small graph is too large
    width, height = extent(readable.placed)
    assert width <= 1500 and height <= 1500
    assert re.match(r"showing the \d+ best-connected of 209 nodes \(degree cut: \d+ or more", readable.note or "")
    assert set(hubs) <= set(readable.graph.nodes)  # the hubs stay
    assert "lonely" not in readable.graph and 20 < readable.graph.number_of_nodes() < 200


@needs_chromium
@pytest.mark.browser
def test_the_full_view_opens_at_one_to_one_in_chromium(full_svg: Path, tmp_path: Path) -> None:
    root = ET.parse(full_svg).getroot()
    width, height = int(float(root.get("width", 0))), int(float(root.get("height", 0)))
    with chromium(tmp_path, width=1400, height=900) as page:
        page.call("Page.navigate", url=full_svg.as_uri())
        page.wait_for("document.querySelectorAll('text.label').length > 200")
        # at 1:1 (no viewBox scaling to the window): the drawing is its own size in CSS pixels
        size = page.evaluate("(() => { const r = document.documentElement.getBoundingClientRect();"
                             " return [Math.round(r.width), Math.round(r.height)]; })()")
        assert size == [width, height]
        label_px = page.evaluate("Math.min(...[...document.querySelectorAll('text.label')]"
                                 ".slice(0, 50).map(t => t.getBoundingClientRect().height))")
        assert label_px >= 11  # a 12 px font's glyph box, as drawn
        png = screenshot_png(page, tmp_path / "full-view-1to1.png")
        assert png.startswith(b"\x89PNG") and len(png) > 20_000  # labels and lines, not a blank page


def test_dot_of_the_full_view_is_pinned_and_renders_within_a_screen(store: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "full.dot"
    export(store, view="full", fmt="dot", out=out)
    text = out.read_text(encoding="utf-8")
    assert "layout=neato, inputscale=72" in text and text.count('!"') > 200  # every node pinned
    if shutil.which("dot"):
        png = tmp_path / "full.png"
        done = subprocess.run(["dot", "-Tpng", str(out), "-o", str(png)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        header = png.read_bytes()[:24]
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert width <= MAX_PX + 100 and height <= MAX_PX + 100, (width, height)


@needs_chromium
@pytest.mark.browser
def test_the_viewer_hides_unconnected_nodes_and_refits_after_a_filter(tmp_path: Path) -> None:
    from kg.export.html import write_html

    graph = nx.MultiDiGraph(name="small view")
    for i in range(12):
        graph.add_node(f"actor/{i}", type="Country", label=f"Country {i}")
        graph.add_node(f"commitment/{i}", type="Commitment", label=f"Commitment {i}")
        graph.add_edge(f"commitment/{i}", f"actor/{i}", label="committedBy")
        graph.add_edge(f"actor/{i}", f"actor/{(i + 1) % 12}", label="participant")
    for i in range(5):
        graph.add_node(f"topic/{i}", type="Topic", label=f"Lonely topic {i}")
    page_file = tmp_path / "view.html"
    write_html(graph, page_file)
    with chromium(tmp_path) as page:
        page.call("Page.navigate", url=page_file.as_uri())
        page.wait_for("window.kgExplorer")
        assert page.evaluate("window.kgExplorer.visibleCount()") == 24
        assert page.evaluate("document.getElementById('lonely-count').textContent") == "5"
        all_inside = """(() => { const box = document.getElementById('graph').getBoundingClientRect();
            return [...document.querySelectorAll('#nodes g.node:not(.hidden) circle')].every(c => {
              const r = c.getBoundingClientRect();
              return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom; }); })()"""
        assert page.evaluate(all_inside)
        for _ in range(6):  # zoomed in far: most nodes are off the screen
            page.evaluate("document.getElementById('zoom-in').click()")
        assert not page.evaluate(all_inside)
        # only the commitments: the view re-frames what is left instead of keeping the old frame
        page.evaluate("""[...document.querySelectorAll('#types input')].forEach(b => {
            b.checked = b.value === 'Commitment'; b.dispatchEvent(new Event('change')); })""")
        assert page.evaluate("window.kgExplorer.visibleCount()") == 12
        assert page.evaluate(all_inside)
        page.evaluate("document.getElementById('reset').click()")
        page.evaluate("const b = document.getElementById('lonely'); b.checked = true; b.dispatchEvent(new Event('change'))")
        assert page.evaluate("window.kgExplorer.visibleCount()") == 29
        assert not page.errors(), page.errors()


def test_exports_show_source_files_by_name_unless_with_paths(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.model.resources import examples_dir

    store = str(tmp_path / "store")
    assert CliRunner().invoke(cli, ["load", str(examples_dir()), "--store", store, "-q"]).exit_code == 0
    folder = str(examples_dir())
    for fmt in ("graphml", "html", "d3"):
        out = tmp_path / f"full.{fmt}"
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out), "--store", store])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "leaders-call-readout.txt" in text and folder not in text, fmt
    out = tmp_path / "with-paths.graphml"
    result = CliRunner().invoke(cli, ["export", "-o", str(out), "--with-paths", "--store", store])
    assert result.exit_code == 0 and f"{folder}/leaders-call-readout.txt" in out.read_text(encoding="utf-8")
