"""Run one read query against an embedded store in a child process that can be killed.

pyoxigraph's `Store.query` has no time limit and a Rust call cannot be interrupted from
Python: a thread stuck in it can only be abandoned, still burning a core. So the query layer
runs each embedded query here, in a child process that opens the store read-only, and kills
the child when the time limit passes.

Protocol (one query): one JSON object on stdin
  {"location": path, "query": text, "union": bool, "bindings": {name: SPARQL-JSON term}}
and the results on stdout: SPARQL 1.1 Results JSON (SELECT/ASK) or N-Triples
(CONSTRUCT/DESCRIBE). On failure: exit code 2 and one line on stderr.

Protocol (`--serve`, a worker kept for many queries): one request per line on stdin; for each,
one header line on stdout, {"ok": true, "size": n} followed by n bytes of results, or
{"ok": false, "error": "..."}. The worker exits at the end of stdin. It keeps the store open
between queries only while the store's files are unchanged (a committed write appends to the
write-ahead log), so every query still sees every write committed before it started; opening
a store and starting Python are the costs a kept worker saves (about 30-100 ms a query).
This module imports only pyoxigraph (it runs as a script, not through the kg package), so the
child starts fast.
"""

from __future__ import annotations

import json
import os
import sys
import time
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
    else:
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
    return data or b""


def answer_with_retries(request: dict[str, Any], view: StoreView | None = None) -> bytes:
    """The results, or RuntimeError with the one-line message of the last failure."""
    for attempt in range(_ATTEMPTS):
        try:
            return answer(request, view)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            if attempt + 1 < _ATTEMPTS and any(t in message for t in _TRANSIENT):
                if view is not None:
                    view.drop()  # a fresh view sees the table files as they are now
                time.sleep(0.05 * (attempt + 1))
                continue
            raise RuntimeError(message) from None
    raise RuntimeError("unreachable")


def serve() -> int:
    view = StoreView()
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            data = answer_with_retries(json.loads(line), view)
        except (RuntimeError, ValueError, KeyError, TypeError) as exc:
            header = {"ok": False, "error": str(exc) or type(exc).__name__}
            out.write(json.dumps(header).encode() + b"\n")
        else:
            out.write(json.dumps({"ok": True, "size": len(data)}).encode() + b"\n")
            out.write(data)
        out.flush()
    return 0


def main() -> int:
    if "--serve" in sys.argv[1:]:
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
