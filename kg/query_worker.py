"""Run one read query against an embedded store in a child process that can be killed.

pyoxigraph's `Store.query` has no time limit and a Rust call cannot be interrupted from
Python: a thread stuck in it can only be abandoned, still burning a core. So the query layer
runs each embedded query here, in a child process that opens the store read-only, and kills
the child when the time limit passes.

Protocol: one JSON object on stdin
  {"location": path, "query": text, "union": bool, "bindings": {name: SPARQL-JSON term}}
and the results on stdout: SPARQL 1.1 Results JSON (SELECT/ASK) or N-Triples
(CONSTRUCT/DESCRIBE). On failure: exit code 2 and one line on stderr.
This module imports only pyoxigraph (it runs as a script, not through the kg package), so the
child starts fast.
"""

from __future__ import annotations

import json
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


def answer(request: dict[str, Any]) -> bytes:
    """The serialised results (read fully before anything is written, so a retry is clean)."""
    store = ox.Store.read_only(request["location"])
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


def main() -> int:
    request = json.load(sys.stdin)
    for attempt in range(_ATTEMPTS):
        try:
            data = answer(request)
            break
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            if attempt + 1 < _ATTEMPTS and any(t in message for t in _TRANSIENT):
                time.sleep(0.05 * (attempt + 1))
                continue
            print(message, file=sys.stderr)
            return 2
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
