"""Real SPARQL servers on loopback for the tests: `oxigraph serve` as it ships, and Virtuoso
(Debian's virtuoso-opensource 7.2) with a throwaway database. Each binds 127.0.0.1 on free
ports, lives in a temporary folder, and is stopped (and its process reaped) by `stop()`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server process; `url` is what `kg --store` is given."""

    url: str
    proc: subprocess.Popen[bytes]

    def _wait_until_answering(self, probe: str, what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                urllib.request.urlopen(probe, timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{what} did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def kill(self) -> None:
        """End the server at once, as the kernel's out-of-memory killer would."""
        self.proc.kill()
        self.proc.wait()


class OxigraphServer(Server):
    """`oxigraph serve` with its default options (no union default graph); `serve-read-only`
    as `command` has no update endpoint."""

    def __init__(self, location: Path, *extra: str, command: str = "serve") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        location.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [OXIGRAPH, command, "--location", str(location), "--bind", f"127.0.0.1:{self.port}", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_until_answering(f"{self.url}/query?query=ASK%7B%7D", "oxigraph serve", 20)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/kg.db
ErrorLogFile = {dir}/kg.log
LockFile = {dir}/kg.lck
TransactionFile = {dir}/kg.trx
xa_persistent_file = {dir}/kg.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/kg-temp.db
TransactionFile = {dir}/kg-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


class VirtuosoServer(Server):
    """virtuoso-t in the foreground with a fresh database in `folder`; the SPARQL endpoint
    `/sparql` may update (the SPARQL user is granted SPARQL_UPDATE), as kg load needs."""

    def __init__(self, folder: Path, *, updates: bool = True) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.http_port = free_port(), free_port()
        (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(
            dir=folder, sql_port=self.sql_port, http_port=self.http_port))
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        self.proc = subprocess.Popen([str(VIRTUOSO), "-c", "virtuoso.ini", "+foreground"], cwd=folder,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        query = urllib.parse.urlencode({"query": "ASK {}"})
        self._wait_until_answering(f"{self.url}?{query}", "virtuoso-t")
        if updates:
            self.sql('GRANT SPARQL_UPDATE TO "SPARQL";')

    def sql(self, statement: str) -> str:
        """Run one SQL statement as dba (the fresh database's default password)."""
        done = subprocess.run([str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=30, check=True)
        return done.stdout


def oxigraph_server(folder: Path) -> Iterator[OxigraphServer]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    server = OxigraphServer(folder)
    try:
        yield server
    finally:
        server.stop()


def virtuoso_server(folder: Path, *, updates: bool = True) -> Iterator[VirtuosoServer]:
    if VIRTUOSO is None or ISQL is None:
        pytest.skip("Virtuoso (apt-get install virtuoso-opensource) is not installed")
    server = VirtuosoServer(folder, updates=updates)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
