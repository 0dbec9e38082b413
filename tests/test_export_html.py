"""The HTML explorer in a real headless Chromium, driven over the Chrome DevTools Protocol:
the graph draws, nothing logs an error, typing a name selects its node, clicking a
commitment shows its source sentence and readout, the filters hide what they should.

Needs Debian's `chromium` (apt-get install -y chromium); skipped, saying so, without it.
Set KG_SCREENSHOT_DIR to keep the screenshots somewhere to look at."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, DevTools, chromium
from rdflib import Dataset, URIRef

from kg.export import export
from kg.export.views import build_view
from kg.store.embedded import EmbeddedStore

FIXTURE = Path(__file__).parent / "data" / "export-graphs.trig"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install -y chromium)"),
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    with chromium(tmp_path) as tools:
        yield tools


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    st = EmbeddedStore(tmp_path_factory.mktemp("export-html") / "store")
    for graph in dataset.graphs():
        if len(graph):
            st.replace_graph(URIRef(str(graph.identifier)), graph)
    return st


def open_page(tools: DevTools, page: Path) -> None:
    tools.call("Page.navigate", url=page.resolve().as_uri())
    tools.wait_for("document.readyState === 'complete' && !!window.kgExplorer")


def screenshot(tools: DevTools, out: Path) -> None:
    png = base64.b64decode(tools.call("Page.captureScreenshot", format="png")["data"])
    out.write_bytes(png)
    keep = os.environ.get("KG_SCREENSHOT_DIR")
    if keep:
        shutil.copy(out, Path(keep) / out.name)


def test_explorer_draws_searches_selects_and_filters(browser: DevTools, store: EmbeddedStore, tmp_path: Path) -> None:
    expected = build_view(store, "full")
    page = tmp_path / "full.html"
    export(store, view="full", fmt="html", out=page)
    open_page(browser, page)

    # The graph drew: one group per node, with a circle of real size on screen.
    assert browser.evaluate("document.querySelectorAll('#nodes g.node').length") == expected.number_of_nodes()
    assert browser.evaluate("document.querySelectorAll('#edges line').length") == expected.number_of_edges()
    assert browser.evaluate("window.kgExplorer.nodeCount") == expected.number_of_nodes()
    assert browser.evaluate("document.querySelector('#nodes circle').getBoundingClientRect().width") > 2
    assert "31 of 31 nodes" in browser.evaluate("document.getElementById('count').textContent")

    # Type a name in the search box, press Enter: the node is selected and its details shown.
    browser.evaluate("document.getElementById('search').focus()")
    browser.type_text("Li We")
    browser.press_enter()
    assert browser.evaluate("window.kgExplorer.selected()") == "person/li-wei"
    assert browser.evaluate("document.querySelector('g.node.selected').getAttribute('data-id')") == "person/li-wei"
    assert browser.evaluate("document.querySelector('#details h2').textContent") == "Li Wei"
    screenshot(browser, tmp_path / "explorer-search.png")

    # Click a commitment on screen: its source sentence and readout appear.
    target = "commitment/aaaaaaaaaaaaaaaa/1"
    browser.evaluate("window.kgExplorer.select(null)")
    box = browser.evaluate(
        f"(function () {{ var r = document.querySelector('g.node[data-id=\"{target}\"] circle')"
        ".getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }())")
    browser.click(box[0], box[1])
    assert browser.evaluate("window.kgExplorer.selected()") == target
    details = browser.evaluate("document.getElementById('details').innerText")
    assert "Source sentence" in details
    assert "Both sides will cut methane from coal mines and landfills by 2030." in details
    assert "Readout of the Second Meeting of the Sino-American Climate Working Group" in details

    # Filters: a type off, a topic, a period.
    commitments = sum(1 for _, t in expected.nodes(data="type") if t == "Commitment")
    browser.evaluate("(function () { var b = document.querySelector('#types input[value=\"Commitment\"]');"
                     " b.click(); }())")
    assert browser.evaluate("window.kgExplorer.visibleCount()") == expected.number_of_nodes() - commitments
    browser.evaluate("document.getElementById('reset').click()")
    browser.evaluate("(function () { var s = document.getElementById('topic'); s.value = 'topic/finance';"
                     " s.dispatchEvent(new Event('change')); }())")
    finance = sum(1 for _, a in expected.nodes(data=True) if a["type"] == "Commitment" and "finance" in str(a.get("topics")))
    topics = sum(1 for _, t in expected.nodes(data="type") if t == "Topic")
    assert browser.evaluate("window.kgExplorer.visibleCount()") == (
        expected.number_of_nodes() - commitments + finance - topics + 1)
    browser.evaluate("document.getElementById('reset').click()")
    browser.evaluate("(function () { var s = document.getElementById('date-to'); s.value = '2023-12-31';"
                     " s.dispatchEvent(new Event('change')); }())")
    hidden = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#nodes g.node.hidden'),"
                              " function (g) { return g.getAttribute('data-id'); })")
    assert "meeting/baku-finance-ministerial/2024-11-12" in hidden and "meeting/FR-IN/2023-03-10" not in hidden
    assert "actor/CN" not in hidden  # undated things stay
    browser.evaluate("document.getElementById('reset').click()")

    screenshot(browser, tmp_path / "explorer.png")
    assert (tmp_path / "explorer.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert browser.errors() == []


def test_explorer_of_the_actors_view_draws_weighted_links(browser: DevTools, store: EmbeddedStore, tmp_path: Path) -> None:
    page = tmp_path / "actors.html"
    export(store, view="actors", fmt="html", out=page)
    open_page(browser, page)
    assert browser.evaluate("document.querySelectorAll('#nodes g.node').length") == 7
    widths = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#edges line'),"
                              " function (l) { return parseFloat(l.getAttribute('stroke-width')); })")
    assert len(widths) == 8 and max(widths) > min(widths)  # weight 3 draws wider than weight 1
    browser.evaluate("document.getElementById('search').focus()")
    browser.type_text("european")
    browser.press_enter()
    assert browser.evaluate("window.kgExplorer.selected()") == "actor/EU"
    screenshot(browser, tmp_path / "explorer-actors.png")
    assert browser.errors() == []


def test_explorer_of_the_example_readouts(browser: DevTools, tmp_path: Path) -> None:
    from kg.loader import load_paths
    from kg.model.resources import examples_dir

    st = EmbeddedStore(tmp_path / "examples-store")
    assert load_paths(st, [examples_dir()]).ok
    expected = build_view(st, "full")
    page = tmp_path / "examples.html"
    export(st, view="full", fmt="html", out=page)
    open_page(browser, page)
    assert browser.evaluate("document.querySelectorAll('#nodes g.node').length") == expected.number_of_nodes()
    person = sorted(attrs["label"] for _, attrs in expected.nodes(data=True) if attrs["type"] == "Person")[0]
    browser.evaluate("document.getElementById('search').focus()")
    browser.type_text(person)
    browser.press_enter()
    selected = browser.evaluate("window.kgExplorer.selected()")
    assert expected.nodes[selected]["label"] == person
    assert browser.evaluate("document.querySelector('#details h2').textContent") == person
    # A commitment of the examples shows its source sentence and its readout.
    commitment, attrs = next((n, a) for n, a in sorted(expected.nodes(data=True))
                             if a["type"] == "Commitment" and a.get("source_text"))
    browser.evaluate("document.getElementById('zoom-fit').click()")
    browser.evaluate(f"window.kgExplorer.select({json.dumps(commitment)}, false)")
    details = browser.evaluate("document.getElementById('details').innerText")
    assert "Source sentence" in details and " ".join(str(attrs["source_text"]).split()) in " ".join(details.split())
    assert str(attrs["readout"]).split("; ")[0] in details
    screenshot(browser, tmp_path / "explorer-examples.png")
    assert browser.errors() == []


def _cjk_font_installed() -> bool:
    try:
        listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(listed.strip())


def test_explorer_draws_chinese_labels(browser: DevTools, tmp_path: Path) -> None:
    from kg.loader import load_paths

    readout = Path(__file__).parent / "data" / "zh" / "mee_brazil_meeting.txt"
    st = EmbeddedStore(tmp_path / "zh-store")
    assert load_paths(st, [readout]).ok
    page = tmp_path / "zh.html"
    export(st, view="full", fmt="html", out=page)
    open_page(browser, page)
    labels = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#nodes text'),"
                              " function (t) { return t.textContent; })")
    assert "玛丽娜·席尔瓦" in labels and "Huang Runqiu" in labels
    browser.evaluate("document.getElementById('search').focus()")
    browser.type_text("席尔瓦")
    browser.press_enter()
    assert browser.evaluate("document.querySelector('#details h2').textContent") == "玛丽娜·席尔瓦"
    screenshot(browser, tmp_path / "explorer-zh.png")
    if not _cjk_font_installed():
        pytest.skip("no font with Chinese glyphs (apt-get install fonts-noto-cjk): glyphs not checked")
    # With a CJK font two different characters draw differently; without one both are the same box.
    drawn_apart = browser.evaluate(
        "(function () { var c = document.createElement('canvas'); c.width = 40; c.height = 40;"
        " var x = c.getContext('2d'); x.font = '32px ' + getComputedStyle(document.body).fontFamily;"
        " function img(ch) { x.clearRect(0, 0, 40, 40); x.fillText(ch, 2, 34);"
        " return Array.prototype.join.call(x.getImageData(0, 0, 40, 40).data, ''); }"
        " return img('刘') !== img('民'); }())")
    assert drawn_apart
    assert browser.errors() == []
