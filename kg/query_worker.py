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


def main() -> int:
    request = json.load(sys.stdin)
    try:
        store = ox.Store.read_only(request["location"])
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): term_from_json(v) for k, v in request.get("bindings", {}).items()
        }
        result = store.query(request["query"], use_default_graph_as_union=request.get("union", True),
                             substitutions=subs or None)
        out = sys.stdout.buffer
        if isinstance(result, ox.QueryTriples):
            result.serialize(out, format=ox.RdfFormat.N_TRIPLES)
        else:
            result.serialize(out, format=ox.QueryResultsFormat.JSON)
        out.flush()
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        print(f"{type(exc).__name__}: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
