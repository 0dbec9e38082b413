"""Run one read query against an embedded store in a child process that can be killed.

pyoxigraph's `Store.query` has no time limit and a Rust call cannot be interrupted from
Python: a thread stuck in it can only be abandoned, still burning a core. So the query layer
runs each embedded query here, in a child process that opens the store read-only, and kills
the child when the time limit passes.

Protocol (one query): one JSON object on stdin
  {"location": path, "query": text, "union": bool, "bindings": {name: SPARQL-JSON term}}
and the results on stdout: SPARQL 1.1 Results TSV (SELECT: terms in N-Triples syntax, the
engine's own writer, read back by kg.sparql.results_tsv), SPARQL 1.1 Results JSON (ASK) or
N-Triples (CONSTRUCT/DESCRIBE). On failure: exit code 2 and one line on stderr.

Protocol (`--serve`, a worker kept for many queries): one request per line on stdin; for each,
one header line on stdout, {"ok": true, "size": n} followed by n bytes of results, or
{"ok": false, "error": "..."}. A SELECT request with "paged": {"limit": n or null, "batch": b}
is answered in batches as the rows come: {"ok": true, "batches": true}, then per batch
{"size": n} and n bytes of SPARQL results TSV holding up to b rows, and at the end
{"end": true, "more": k}, the rows past the limit, counted without being sent. The worker exits at the end of stdin. It keeps the store open
between queries only while the store's files are unchanged (a committed write appends to the
write-ahead log), so every query still sees every write committed before it started; opening
a store and starting Python are the costs a kept worker saves (about 30-100 ms a query).
This module imports only pyoxigraph (it runs as a script, not through the kg package), so the
child starts fast.

Before it reads any query the worker shuts itself off the network and asks to die with its
parent (sandbox.py, loaded by path): no query text, however it is written, can make it open
a connection. Where that cannot be done on Linux, it answers every request with an error.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_from_json(value: dict[str, Any]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    if value["type"] == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    return ox.Literal(value["value"], datatype=ox.NamedNode(value.get("datatype") or XSD_STRING))


# A read-only RocksDB view races the writer's background compaction: the view may list a
# table file the writer has just merged away ("Corruption: ... No such file"). The data is
# intact; opening a fresh view a moment later sees the new files, so such errors are retried.
# What the sandbox answers a network socket with (EPERM), and what the user is told then.
EPERM_BY_SANDBOX = 1
NETWORK_REFUSED = "refused: the query tried to open a network connection; queries read only this store"
_TRANSIENT = ("No such file", "Corruption", "IO error")
_ATTEMPTS = 6


class StoreView:
    """A read-only view of one store, reopened when the store's files change."""

    def __init__(self) -> None:
        self.location: str | None = None
        self.fingerprint: tuple[tuple[str, int, int], ...] = ()
        self.store: ox.Store | None = None

    @staticmethod
    def files_of(location: str) -> tuple[tuple[str, int, int], ...]:
        # Names, sizes and modification times of the RocksDB files: a commit appends to the
        # log, a flush or compaction adds and removes tables and rewrites the manifest.
        out = []
        with os.scandir(location) as entries:
            for entry in entries:
                if entry.is_file():
                    st = entry.stat()
                    out.append((entry.name, st.st_size, st.st_mtime_ns))
        return tuple(sorted(out))

    def get(self, location: str, *, fresh: bool = False) -> ox.Store:
        fingerprint = self.files_of(location)
        if fresh or self.store is None or location != self.location or fingerprint != self.fingerprint:
            self.store = None  # close the old view first
            self.store = ox.Store.read_only(location)
            self.location, self.fingerprint = location, fingerprint
        return self.store

    def drop(self) -> None:
        self.store, self.location, self.fingerprint = None, None, ()


def answer(request: dict[str, Any], view: StoreView | None = None) -> bytes:
    """The serialised results (read fully before anything is written, so a retry is clean)."""
    store = view.get(request["location"]) if view is not None else ox.Store.read_only(request["location"])
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): term_from_json(v) for k, v in request.get("bindings", {}).items()
    }
    result = store.query(request["query"], use_default_graph_as_union=request.get("union", False),
                         substitutions=subs or None)
    if isinstance(result, ox.QueryTriples):
        data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
    elif isinstance(result, ox.QuerySolutions):
        # TSV, not JSON: 60% of the bytes, and the parent reads it in less time (results_tsv.py)
        data = result.serialize(format=ox.QueryResultsFormat.TSV)
    else:
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
    return data or b""


def answer_with_retries(request: dict[str, Any], view: StoreView | None = None) -> bytes:
    """The results, or RuntimeError with the one-line message of the last failure."""
    for attempt in range(_ATTEMPTS):
        try:
            return answer(request, view)
        except PermissionError as exc:
            if exc.errno == EPERM_BY_SANDBOX or "(os error 1)" in str(exc):
                raise RuntimeError(NETWORK_REFUSED) from None
            raise RuntimeError(f"PermissionError: {exc}") from None
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            if attempt + 1 < _ATTEMPTS and any(t in message for t in _TRANSIENT):
                if view is not None:
                    view.drop()  # a fresh view sees the table files as they are now
                time.sleep(0.05 * (attempt + 1))
                continue
            raise RuntimeError(message) from None
    raise RuntimeError("unreachable")


def _batch(names: list[str], rows: list[Any]) -> bytes:
    """Rows as the engine's TSV writer writes them: a header, then a line per row, each term in
    N-Triples syntax (pyoxigraph's str() of a term escapes tabs and line ends), unbound empty."""
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def answer_paged(request: dict[str, Any], view: StoreView, out: Any) -> None:
    """A SELECT's rows in batches, as they come, up to the limit; then how many more there are.

    The first batch is sent as soon as its rows are read (a first batch of one row), so an
    answer starts when its first row does, not when its last one does; rows past the limit
    are counted, not serialised. A failure before the first batch is retried as in `answer`."""
    paged = request["paged"]
    limit, size = paged.get("limit"), max(1, int(paged.get("batch") or 1000))
    for attempt in range(_ATTEMPTS):
        try:
            store = view.get(request["location"])
            result = store.query(request["query"], use_default_graph_as_union=request.get("union", False))
            if not isinstance(result, ox.QuerySolutions):
                raise ValueError("paged answers are for SELECT queries")
            names = [v.value for v in result.variables]
            solutions = iter(result)
            first = next(solutions, None)
            break
        except PermissionError as exc:
            raise RuntimeError(NETWORK_REFUSED if "(os error 1)" in str(exc) else f"PermissionError: {exc}") from None
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            if attempt + 1 < _ATTEMPTS and any(t in message for t in _TRANSIENT):
                view.drop()
                time.sleep(0.05 * (attempt + 1))
                continue
            raise RuntimeError(message) from None
    out.write(json.dumps({"ok": True, "batches": True}).encode() + b"\n")
    sent, more = 0, 0
    rows: list[list[Any]] = []
    pending = [] if first is None else [first]

    def flush() -> None:
        data = _batch(names, rows)
        out.write(json.dumps({"size": len(data)}).encode() + b"\n")
        out.write(data)
        out.flush()
        rows.clear()

    try:
        for solution in itertools.chain(pending, solutions):
            if limit is not None and sent >= limit:
                more += 1
                continue
            rows.append([solution[i] for i in range(len(names))])
            sent += 1
            if sent == 1 or len(rows) >= size:
                flush()
        if rows or sent == 0:
            flush()
    except (OSError, ValueError, RuntimeError) as exc:  # mid-answer: the parent reports it
        message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
        out.write(json.dumps({"end": True, "error": message}).encode() + b"\n")
        out.flush()
        return
    out.write(json.dumps({"end": True, "more": more}).encode() + b"\n")
    out.flush()


def serve() -> int:
    view = StoreView()
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        request: Any = None
        try:
            request = json.loads(line)
            if isinstance(request, dict) and request.get("paged"):
                answer_paged(request, view, out)
                continue
            data = answer_with_retries(request, view)
        except (RuntimeError, ValueError, KeyError, TypeError) as exc:
            header = {"ok": False, "error": str(exc) or type(exc).__name__}
            out.write(json.dumps(header).encode() + b"\n")
        else:
            out.write(json.dumps({"ok": True, "size": len(data)}).encode() + b"\n")
            out.write(data)
        out.flush()
    return 0


PARENT_OPTION = "--parent="


def enter_sandbox() -> str | None:
    """Shut this process off the network and tie it to its parent; the reason it could not, or None."""
    spec = importlib.util.spec_from_file_location("kg_query_sandbox", Path(__file__).with_name("sandbox.py"))
    assert spec is not None and spec.loader is not None
    sandbox = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sandbox)
    parent = next((int(a[len(PARENT_OPTION):]) for a in sys.argv[1:] if a.startswith(PARENT_OPTION)), None)
    if parent is not None:
        sandbox.die_with_parent(parent)
    if not sandbox.sandbox_supported():
        return None  # no seccomp here: the safety check is the only guard (documented in README)
    try:
        sandbox.shut_off_network()
    except sandbox.SandboxError as exc:
        return f"cannot shut the query worker off the network ({exc}); refusing to run queries"
    return None


def refuse_all(reason: str, keep_serving: bool) -> int:
    """Answer every request with `reason` (the worker could not be sandboxed)."""
    if not keep_serving:
        print(reason, file=sys.stderr)
        return 2
    for line in sys.stdin.buffer:
        if line.strip():
            sys.stdout.buffer.write(json.dumps({"ok": False, "error": reason}).encode() + b"\n")
            sys.stdout.buffer.flush()
    return 0


def main() -> int:
    keep_serving = "--serve" in sys.argv[1:]
    refusal = enter_sandbox()
    if refusal is not None:
        return refuse_all(refusal, keep_serving)
    if keep_serving:
        return serve()
    request = json.load(sys.stdin)
    try:
        data = answer_with_retries(request)
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
