"""Time one query on the Oxigraph engine in a child process that the benchmark can kill.

A pyoxigraph query cannot be interrupted from Python, and an unbound "all rows" query on a
large store can run for minutes; so each query's timings are taken here, in a process that
opens the store read-only, and the parent stops it at the query's time budget.

stdin: {"location", "query", "bindings": {name: SPARQL-JSON term}, "binding_sets": [bindings...], "runs", "budget_s"}
stdout: {"median_ms", "p95_ms", "runs", "first_ms", "rows", "union", "first_row_ms" (median, warm runs)}
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import time
from typing import Any

import pyoxigraph as ox

from kg.query.worker import term_from_json  # the same JSON → term decoding kg's own worker uses
from kg.sparql.binding import with_values
from kg.sparql.safety import check_query
from kg.sparql.terms import from_ox


def main() -> int:
    request = json.load(sys.stdin)
    # A read-only view can race the writer's compaction (a table file merged away under it):
    # open it again and start over, as kg.query.worker does.
    for attempt in range(4):
        try:
            return measure(request)
        except (OSError, RuntimeError):  # pyoxigraph reports storage errors as either
            if attempt == 3:
                raise
            time.sleep(0.2)
    return 1


def measure(request: dict[str, Any]) -> int:
    store = ox.Store.read_only(request["location"])
    # Run the query the way kg.query.named does for this store: a store that maintains the set-union
    # of its readout graphs in its default graph is queried there; an older store (empty
    # default graph) through Oxigraph's union of named graphs.
    union = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
    # Parameters bound the way kg binds them (a VALUES block, kg/sparql/binding.py), one set per run
    # in turn when the request gives several.
    sets = request.get("binding_sets") or [request.get("bindings", {})]
    checked = check_query(request["query"])
    texts = itertools.cycle([with_values(checked, {k: from_ox(term_from_json(v)) for k, v in b.items()})
                             for b in sets])

    first_rows: list[float] = []  # ms from asking to the first row, each run

    def once() -> int:
        t0 = time.perf_counter()
        result: Any = store.query(next(texts), use_default_graph_as_union=union)
        if isinstance(result, ox.QueryBoolean):
            return int(bool(result))
        rows = iter(result)
        n = 0 if next(rows, None) is None else 1
        first_rows.append((time.perf_counter() - t0) * 1000)
        return n + sum(1 for _ in rows)

    started = time.perf_counter()
    rows = once()  # warm-up: the block cache, the query parser
    first_ms = (time.perf_counter() - started) * 1000
    times: list[float] = []
    while len(times) < request["runs"] and time.perf_counter() - started < request["budget_s"]:
        t0 = time.perf_counter()
        once()
        times.append((time.perf_counter() - t0) * 1000)
    ordered = sorted(times or [first_ms])
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    json.dump({"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2), "runs": len(times),
               "first_ms": round(first_ms, 2), "rows": rows, "union": union,
               "first_row_ms": round(statistics.median(first_rows[1:] or first_rows), 2) if first_rows else None},
              sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
