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
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, URIRef

from kg.export import export
from kg.export.views import build_view
from kg.store.embedded import EmbeddedStore

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).parent / "data" / "export-graphs.trig"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install -y chromium)"),
]


class DevTools:
    """A minimal CDP client: send a command, wait for its answer, keep the events seen."""

    def __init__(self, url: str) -> None:
        import websocket  # websocket-client, from the test extra

        self._ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        self._ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def type_text(self, text: str) -> None:
        for char in text:
            self.call("Input.dispatchKeyEvent", type="keyDown", text=char, key=char, unmodifiedText=char)
            self.call("Input.dispatchKeyEvent", type="keyUp", key=char)

    def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                      nativeVirtualKeyCode=13, **({"text": "\r"} if kind == "keyDown" else {}))

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails")))
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(str(params.get("args")))
            elif event["method"] == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(str(params["entry"]))
        return found

    def close(self) -> None:
        self._ws.close()


def _local_json(url: str) -> Any:
    # No proxy: the browser listens on this machine only.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as answer:
        return json.loads(answer.read())


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    profile = tmp_path / "profile"
    log = (tmp_path / "chromium.log").open("w")
    process = subprocess.Popen(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--remote-allow-origins=*", "--window-size=1400,900", "about:blank"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("Chromium did not start: " + (tmp_path / "chromium.log").read_text()[-2000:])
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages = [t for t in _local_json(f"http://127.0.0.1:{port}/json/list") if t["type"] == "page"]
        tools = DevTools(pages[0]["webSocketDebuggerUrl"])
        for domain in ("Runtime.enable", "Log.enable", "Page.enable"):
            tools.call(domain)
        tools.call("Emulation.setDeviceMetricsOverride", width=1400, height=900, deviceScaleFactor=1, mobile=False)
        yield tools
        tools.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


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
