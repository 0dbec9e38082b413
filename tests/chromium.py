"""Headless Chromium for the browser tests, driven over the Chrome DevTools Protocol.

Needs Debian's `chromium` (apt-get install -y chromium) and `websocket-client` (test extra);
the tests that use it skip, saying so, without /usr/bin/chromium.
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="needs /usr/bin/chromium (apt-get install -y chromium)")


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


@contextlib.contextmanager
def chromium(tmp_path: Path, width: int = 1400, height: int = 900) -> Iterator[DevTools]:
    """A headless Chromium with one blank page, stopped on exit."""
    profile = tmp_path / "profile"
    log = (tmp_path / "chromium.log").open("w")
    process = subprocess.Popen(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--remote-allow-origins=*", f"--window-size={width},{height}", "about:blank"],
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
        tools.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        yield tools
        tools.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def screenshot_png(tools: DevTools, path: Path) -> bytes:
    """A PNG of the page as shown, also written to `path`."""
    png = base64.b64decode(tools.call("Page.captureScreenshot", format="png")["data"])
    path.write_bytes(png)
    return png
    return png
