"""The two measured ways of doing the same work, each run in its own process by bench/run.py.

- `measure_kg`: the project's pipeline (kg.loader.load_paths into an embedded Oxigraph store,
  incremental SHACL per readout), then every named query through the Oxigraph engine and
  through `kg.query.named.run` (what `kg query` does: safety check, child process, time limit).
- `measure_naive`: the naive way: one rdflib in-memory Dataset, and after each readout is
  added, pyshacl over the whole graph (reference data and every readout so far); then the
  same named queries through rdflib's SPARQL engine. It stops at a time budget.

Each returns a plain dict (JSON) so the parent can print one table; peak RSS is this
process's own (and its children's, for the worker pool), which is why each runs apart.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node


@dataclass(frozen=True)
class QuerySpec:
    name: str
    text: str
    bindings: dict[str, Node]


def named_queries() -> list[QuerySpec]:
    """Every named query with its default parameters bound (unset parameters stay unbound)."""
    from kg.query.named import bind_params, list_queries

    return [QuerySpec(q.name, q.text, bind_params(q, {})) for q in list_queries()]


def asked_sets(q: QuerySpec, samples: dict[str, list[dict[str, Any]]]) -> list[dict[str, Node]]:
    """The parameter sets the query is asked with (bench/asked.py), over its defaults; or its
    defaults alone when it has no sample (it asks about the whole store)."""
    from kg.query.worker import term_from_json
    from kg.sparql.terms import from_ox

    sets = samples.get(q.name) or [{}]
    return [{**q.bindings, **{k: from_ox(term_from_json(v)) for k, v in s.items()}} for s in sets]


def rotating(sets: list[dict[str, Node]]) -> Callable[[], dict[str, Node]]:
    """Each call gives the next parameter set, in turn."""
    return itertools.cycle(sets).__next__


def peak_rss_mb() -> dict[str, float]:
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN is the largest finished child (pool workers).
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "children": round(children, 1)}


def cpu_seconds() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"self": own.ru_utime + own.ru_stime, "children": kids.ru_utime + kids.ru_stime}


def folder_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 2)


class QueryStopped(Exception):
    """A query ran past its budget and was interrupted (only pure-Python engines can be)."""


def _interrupt(_signum: int, _frame: Any) -> None:
    raise QueryStopped


def latencies(run_once: Callable[[], int], runs: int, budget_s: float, *, hard_stop: bool = False) -> dict[str, Any]:
    """Run a query `runs` times (after one warm-up) or until `budget_s` is spent; ms figures.

    With `hard_stop`, a run that outlasts the budget is interrupted by SIGALRM (rdflib's
    engine is Python, so the exception lands between bytecodes) and reported as stopped.
    """
    started = time.perf_counter()
    if hard_stop:
        signal.signal(signal.SIGALRM, _interrupt)
        signal.setitimer(signal.ITIMER_REAL, budget_s)
    try:
        rows = run_once()  # warm-up: caches, lazy parsing; its time is reported too
    except QueryStopped:
        return {"stopped_after_ms": round(budget_s * 1000, 0)}
    finally:
        if hard_stop:
            signal.setitimer(signal.ITIMER_REAL, 0)
    warm_ms = (time.perf_counter() - started) * 1000
    times: list[float] = []
    while len(times) < runs and time.perf_counter() - started < budget_s:
        t0 = time.perf_counter()
        run_once()
        times.append((time.perf_counter() - t0) * 1000)
    if not times:
        times = [warm_ms]
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2), "runs": len(times),
            "first_ms": round(warm_ms, 2), "rows": rows}


# ------------------------------------------------------------------------------ the kg way

def engine_latencies(store_dir: Path, q: QuerySpec, runs: int, budget_s: float,
                     sets: list[dict[str, Node]] | None = None) -> dict[str, Any]:
    """Oxigraph's own latency for one query, in a child process stopped at the budget (with
    `sets`, one parameter set per run in turn)."""
    from kg.sparql.results import term_to_json

    request = {"location": str(store_dir), "query": q.text, "runs": runs, "budget_s": budget_s,
               "binding_sets": [{k: term_to_json(v) for k, v in b.items()} for b in (sets or [q.bindings])]}
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).with_name("engine_worker.py"))],
                              input=json.dumps(request), capture_output=True, text=True,
                              timeout=budget_s + 10, check=False)
    except subprocess.TimeoutExpired:
        return {"stopped_after_ms": round(budget_s * 1000, 0)}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1][:200]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _time_calls(owner: Any, name: str, totals: dict[str, float], key: str,
                clock: Callable[[], float] = time.perf_counter) -> None:
    """Replace owner.name by a wrapper adding its time to totals[key] (a method on an
    instance, or a function looked up by its module at call time)."""
    fn = getattr(owner, name)
    totals.setdefault(key, 0.0)

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[key] += clock() - t0

    setattr(owner, name, timed)


def first_batch_ms(store: Any, q: QuerySpec, runs: int = 3, budget_s: float = 60.0) -> dict[str, Any]:
    """ms from asking to the first rows of the every-row form as `kg query --all --unsorted -f csv`
    gets them (kg.query.named.RowStream from the kept worker, started beforehand); median of runs."""
    import kg.query.named as named
    from kg.errors import QueryTimeout

    times: list[float] = []
    try:
        for _ in range(runs):
            named.run(store, "ASK { }", {}, timeout=60)  # the kept worker is up: its start is not the answer's
            t0 = time.perf_counter()
            if not hasattr(named, "RowStream"):  # a checkout before streaming: the first row comes with the last
                named.run(store, q.text, q.bindings, timeout=budget_s)
            else:  # as `kg query NAME --all --unsorted -f csv`: no final sort to wait for
                from kg.sparql.binding import without_order

                stream = named.RowStream.of(store, without_order(q.text), q.bindings, timeout=budget_s)
                for _batch in stream:
                    break
                del stream  # stopped mid-answer: the worker is let go, as a reader closing the pipe does
            times.append((time.perf_counter() - t0) * 1000)
    except QueryTimeout:
        return {"stopped_after_ms": round(budget_s * 1000, 0)}
    except Exception as exc:  # one broken query must not hide the other figures
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(max(times), 2), "runs": len(times)}


def measure_load_serial(paths: list[Path], store_dir: Path) -> dict[str, Any]:
    """`kg load --jobs 1` of the corpus (no queries): throughput on one core and the CPU a
    readout's extraction takes (kg.extract.extract, timed where the loader calls it)."""
    import kg.extract
    from kg.loader import load_paths
    from kg.store.location import open_store

    totals: dict[str, float] = {}
    _time_calls(kg.extract, "extract", totals, "extract_cpu_s", time.process_time)
    store = open_store(store_dir)
    cpu0, t0 = time.process_time(), time.perf_counter()
    summary = load_paths(store, paths, jobs=1)
    store.flush()
    load_s, cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    store.close()
    n = len(paths)
    return {"n": n, "load_s": round(load_s, 3), "cpu_s": round(cpu_s, 2), "loaded": summary.count("loaded"),
            "extract_cpu_ms": round(totals["extract_cpu_s"] * 1000 / n, 2), "loadavg": round(os.getloadavg()[0], 2)}


def measure_kg(paths: list[Path], store_dir: Path, *, jobs: int, query_runs: int,
               query_budget_s: float) -> dict[str, Any]:
    from kg.errors import QueryTimeout
    from kg.loader import load_paths
    from kg.query.named import run as run_query
    from kg.store.location import open_store

    queries = named_queries()
    store = open_store(store_dir)
    gc.collect()
    progress_file = store_dir.parent / f"{store_dir.name}.progress.json"
    done = 0
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()

    def progress(_outcome: Any) -> None:
        # A run stopped before the end (a deadline) still tells how far it got and how fast.
        nonlocal done
        done += 1
        if done % 50 == 0 or done == len(paths):
            progress_file.write_text(json.dumps({
                "n": len(paths), "done": done, "elapsed_s": round(time.perf_counter() - t0, 2),
                "cpu_self_s": round(cpu_seconds()["self"] - cpu0["self"], 2), "loadavg": os.getloadavg()[0],
            }), encoding="utf-8")

    # The serial part of a load (this process, one readout after another, whatever --jobs):
    # Oxigraph's write of each readout, and all of store_prepared (identity, the write, and
    # what the store keeps up to date with it).
    import kg.loader

    kg.loader.ensure_reference(store)  # written once, before the timers: not a readout's write
    serial: dict[str, float] = {}
    _time_calls(store, "add_new_graph", serial, "write_s")
    _time_calls(store, "replace_triples", serial, "write_s")
    # CPU of the writing thread too: on a shared machine the wall time counts other people's work
    _time_calls(store, "add_new_graph", serial, "write_cpu_s", time.thread_time)
    _time_calls(store, "replace_triples", serial, "write_cpu_s", time.thread_time)
    _time_calls(kg.loader, "store_prepared", serial, "store_prepared_cpu_s", time.thread_time)
    _time_calls(store, "compact", serial, "compact_s")
    _time_calls(kg.loader, "store_prepared", serial, "store_prepared_s")
    main_thread0 = time.thread_time()
    summary = load_paths(store, paths, jobs=jobs, progress=progress)
    store.flush()
    # the whole load's main thread: store_prepared plus what load_paths does between readouts
    # (receiving the workers' results, the summaries' flushes)
    main_thread_s = time.thread_time() - main_thread0
    load_s = time.perf_counter() - t0
    cpu1 = cpu_seconds()
    compacted_by_load = serial["compact_s"] > 0
    if not compacted_by_load:  # kg load compacts after 1,000 readouts; the disk figure is after compaction
        store.compact()
    store_mb_compacted = folder_size_mb(store_dir)
    out: dict[str, Any] = {
        "n": len(paths), "load_s": round(load_s, 3),
        # CPU of this process and of the extraction workers (reaped when the pool closes):
        # wall time on a busy machine overstates the cost; CPU time does not.
        "cpu_s": round(cpu1["self"] - cpu0["self"] + cpu1["children"] - cpu0["children"], 2),
        # split: this process (the main thread, Oxigraph's writes and its background threads)
        # and the workers: which side caps the throughput
        "cpu_self_s": round(cpu1["self"] - cpu0["self"], 2),
        "cpu_workers_s": round(cpu1["children"] - cpu0["children"], 2),
        "main_thread_cpu_s": round(main_thread_s, 2),
        "loadavg": round(os.getloadavg()[0], 2),
        "loaded": summary.count("loaded"), "unchanged": summary.count("unchanged"),
        "rejected": summary.count("rejected"), "failed": summary.count("failed"),
        "problems": [f"{o.source}: {o.message}"[:300] for o in summary.outcomes
                     if o.status in ("rejected", "failed")][:5],
        "triples": len(store), "graphs": len(store.graph_names()),
        "write_ms": round(serial["write_s"] * 1000 / len(paths), 2),
        "store_prepared_ms": round(serial["store_prepared_s"] * 1000 / len(paths), 2),
        "write_cpu_ms": round(serial["write_cpu_s"] * 1000 / len(paths), 2),
        "store_prepared_cpu_ms": round(serial["store_prepared_cpu_s"] * 1000 / len(paths), 2),
        "compact_s": round(serial["compact_s"], 2), "compacted_by_load": compacted_by_load,
        "store_mb_compacted": store_mb_compacted,
    }
    out["rss_mb"] = peak_rss_mb()  # before the queries: their child processes are not the load's
    from bench.asked import sample_bindings

    samples = sample_bindings(store)
    out["asked_bindings"] = samples
    engine: dict[str, Any] = {}
    asked: dict[str, Any] = {}
    via_kg: dict[str, Any] = {}
    store.flush()  # the engine children open the store read-only: they must see every write
    for q in queries:
        engine[q.name] = engine_latencies(store_dir, q, query_runs, query_budget_s)
        sets = asked_sets(q, samples)
        asked[q.name] = engine_latencies(store_dir, q, query_runs, query_budget_s, sets)
        next_set = rotating(sets)

        def on_kg(q: QuerySpec = q, next_set: Callable[[], dict[str, Node]] = next_set) -> int:
            result = run_query(store, q.text, next_set(), timeout=query_budget_s)
            rows = getattr(result, "rows", None)
            return len(rows) if rows is not None else len(getattr(result, "triples", []) or [])

        try:
            via_kg[q.name] = latencies(on_kg, max(3, query_runs // 2), query_budget_s)
        except QueryTimeout:
            via_kg[q.name] = {"stopped_after_ms": round(query_budget_s * 1000, 0)}
        except Exception as exc:  # one broken query must not hide the other figures
            via_kg[q.name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
    out["queries_engine"] = engine
    out["queries_asked"] = asked
    out["queries_kg"] = via_kg
    out["first_batch"] = {q.name: first_batch_ms(store, q, budget_s=query_budget_s) for q in queries}
    store.close()
    out["store_mb"] = folder_size_mb(store_dir)
    out["rss_after_queries_mb"] = peak_rss_mb()
    return out


# ------------------------------------------------------------------------------ the naive way

def _shapes() -> Graph:
    from kg.model.ontology import shapes_graph

    return shapes_graph()


def _reference() -> Graph:
    from kg.model.reference_rdf import reference_graph

    return reference_graph()


def _readout_graph(path: Path) -> tuple[URIRef, Graph] | None:
    """Read, extract and map one readout (the same stages the kg way runs), or None if empty."""
    from kg.errors import KGError
    from kg.loader import record_of
    from kg.model.namespaces import readout_iri
    from kg.rdf.mapping import record_to_graph
    from kg.read.input_checks import check_readout_content  # the rule `kg load` applies
    from kg.read.sources import read_path

    doc = read_path(path)
    try:
        record = record_of(doc)
        check_readout_content(record, doc.source)
    except KGError:
        return None
    return readout_iri(doc.readout_id), record_to_graph(record)


def measure_naive(paths: list[Path], *, budget_s: float, query_runs: int, query_budget_s: float,
                  samples: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    from pyshacl import validate

    queries = named_queries()
    shapes = _shapes()
    dataset = Dataset(default_union=True)
    reference = _reference()
    from kg.model.namespaces import REFERENCE_GRAPH

    ref_graph = dataset.graph(REFERENCE_GRAPH)
    for t in reference:
        ref_graph.add(t)
    from kg.model.ontology import class_hierarchy

    # Everything, as the one data graph pyshacl validates after each load; with the class
    # hierarchy as plain triples (no inference), as kg.rdf.validate gives it, so sh:class agrees.
    whole = Graph()
    for t in reference:
        whole.add(t)
    for t in class_hierarchy():
        whole.add(t)
    gc.collect()
    cpu0 = cpu_seconds()["self"]
    t0 = time.perf_counter()
    done = rejected = 0
    stopped_at: str | None = None
    validate_s = 0.0
    for i, path in enumerate(paths):
        if time.perf_counter() - t0 > budget_s:
            stopped_at = f"stopped after {i} of {len(paths)} readouts: time budget {budget_s:g} s spent"
            break
        made = _readout_graph(path)
        if made is None:
            rejected += 1
            continue
        iri, graph = made
        named = dataset.graph(iri)
        for t in graph:
            named.add(t)
            whole.add(t)
        v0 = time.perf_counter()
        conforms, _report, _text = validate(whole, shacl_graph=shapes, inference="none", abort_on_first=False,
                                            allow_warnings=True)
        validate_s += time.perf_counter() - v0
        if conforms:
            done += 1
        else:  # the naive way takes the readout back out and rebuilds the whole graph without it
            rejected += 1
            dataset.remove_graph(named)
            whole = Graph()
            for s, p, o, _g in dataset.quads((None, None, None, None)):
                whole.add((s, p, o))
            for t in class_hierarchy():
                whole.add(t)
    load_s = time.perf_counter() - t0
    processed = done + rejected
    out: dict[str, Any] = {
        "n": len(paths), "load_s": round(load_s, 3), "processed": processed,
        "cpu_s": round(cpu_seconds()["self"] - cpu0, 2), "loadavg": round(os.getloadavg()[0], 2), "loaded": done, "rejected": rejected,
        "validate_s": round(validate_s, 3), "stopped": stopped_at,
        "triples_at_stop": len(whole),
    }
    # The queries must see all N readouts to compare with the kg way at the same N: the rest
    # are added without validation (their time is not counted as loading).
    f0 = time.perf_counter()
    for path in paths[processed:]:
        made = _readout_graph(path)
        if made is not None:
            named = dataset.graph(made[0])
            for t in made[1]:
                named.add(t)
    out["fill_s"] = round(time.perf_counter() - f0, 3)
    del whole
    gc.collect()
    results: dict[str, Any] = {}
    asked: dict[str, Any] = {}
    for q in queries:
        for into, sets in ((results, [q.bindings]), (asked, asked_sets(q, samples or {}))):
            next_set = rotating(sets)

            def on_rdflib(q: QuerySpec = q, next_set: Callable[[], dict[str, Node]] = next_set) -> int:
                result = dataset.query(q.text, initBindings=cast(dict[str, Any], next_set()))
                if result.type == "ASK":
                    return int(bool(result.askAnswer))
                return len(list(result))

            try:
                into[q.name] = latencies(on_rdflib, query_runs, query_budget_s, hard_stop=True)
            except Exception as exc:
                into[q.name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
    out["queries_engine"] = results
    out["queries_asked"] = asked
    out["triples"] = len(dataset)
    out["rss_mb"] = peak_rss_mb()
    return out
