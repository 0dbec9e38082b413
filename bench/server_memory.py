"""The memory of `oxigraph serve` (its default options) answering a named question.

    python bench/server_memory.py CORPUS [--query forum-history] [-p forum=COP26]

Starts `oxigraph serve` on a free loopback port with a fresh folder, loads CORPUS with
`kg load --store URL`, runs `kg query NAME -p ...` against it, and prints the server's resident
memory (VmRSS) before the query, its peak during the query (sampled every 20 ms) and its peak
over its whole life (VmHWM), with the query's time and rows. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


def _status(pid: int, field: str) -> int:
    """A /proc/PID/status memory field, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--query", default="forum-history")
    parser.add_argument("-p", "--param", action="append", default=[])
    args = parser.parse_args(argv)
    bin_dir = Path(sys.executable).parent
    oxigraph = shutil.which("oxigraph") or str(bin_dir / "oxigraph")
    kg = shutil.which("kg") or str(bin_dir / "kg")
    params = [x for p in (args.param or ["forum=COP26"]) for x in ("-p", p)]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([oxigraph, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.1)
            load = subprocess.run([kg, "load", args.corpus, "--store", url], capture_output=True, text=True)
            print(f"load: {load.stdout.strip().splitlines()[-1] if load.stdout.strip() else load.stderr.strip()}")
            before = _status(server.pid, "VmRSS")
            peak = [before]
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], _status(server.pid, "VmRSS"))
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            command = [kg, "query", args.query, *params, "--store", url, "--format", "csv"]
            started = time.monotonic()
            answer = subprocess.run(command, capture_output=True, text=True)
            took = time.monotonic() - started
            done.set()
            sampler.join()
            rows = max(0, len(answer.stdout.strip().splitlines()) - 1)
            print(f"command: oxigraph serve --location DIR --bind 127.0.0.1:{port}  (default options)")
            print(f"command: {' '.join(['kg', *command[1:]])}")
            print(f"exit {answer.returncode}, {rows} rows, {took:.2f} s" + (f": {answer.stderr.strip()}" if answer.returncode else ""))
            print(f"server RSS before the query {before / 1024:.0f} MB, peak during it {peak[0] / 1024:.0f} MB, "
                  f"peak over the server's life (VmHWM) {_status(server.pid, 'VmHWM') / 1024:.0f} MB")
        finally:
            server.terminate()
            server.wait(timeout=15)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
