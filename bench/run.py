"""Benchmark: the kg pipeline against the naive way, at several corpus sizes, in one run.

    python bench/run.py                        # N = 100, 1,000 and 10,000
    python bench/run.py --sizes 100,1000       # other sizes
    python bench/run.py --quick                # N = 100 only: a smoke run

For each N it generates the synthetic corpus (seeded), loads it into a fresh embedded store
with `kg.loader.load_paths` (extraction, incremental SHACL, one transaction per readout),
times every named query, and then does the same the naive way (rdflib in memory,
whole-graph pyshacl after each readout, rdflib SPARQL) until its time budget runs out.
Each measurement runs in its own process so peak RSS belongs to it alone. It prints one
table, the ratios, and the issue's targets with the measured figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable from the project root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import render  # noqa: E402


def _worker(args: argparse.Namespace) -> int:
    """Child mode: one measurement, its JSON written to --result."""
    from bench.measure import measure_kg, measure_naive

    paths = sorted(Path(args.corpus).glob("*.txt"))[: args.n]
    if args.worker == "kg1":
        from bench.measure import measure_load_serial

        Path(args.result).write_text(json.dumps(measure_load_serial(paths, Path(args.store)), indent=1),
                                     encoding="utf-8")
        return 0
    if args.worker == "kg":
        result = measure_kg(paths, Path(args.store), jobs=args.jobs, query_runs=args.query_runs,
                            query_budget_s=args.query_budget)
    else:
        # the same parameter sets as the kg way's (drawn from its store: bench/asked.py)
        kg_result = Path(args.result).with_name(f"kg-{args.n}.json")
        samples = json.loads(kg_result.read_text(encoding="utf-8")).get("asked_bindings") if kg_result.exists() else None
        result = measure_naive(paths, budget_s=args.baseline_budget, query_runs=args.query_runs,
                               query_budget_s=args.baseline_query_budget, samples=samples)
    Path(args.result).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


def _spawn(kind: str, n: int, corpus: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    result = work / f"{kind}-{n}.json"
    store = work / (f"store-{n}" if kind != "kg1" else f"store1-{n}")
    if kind in ("kg", "kg1"):  # a fresh store to load into (the naive way keeps its graph in memory)
        shutil.rmtree(store, ignore_errors=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--n", str(n), "--corpus", str(corpus),
           "--store", str(store), "--result", str(result), "--jobs", str(args.jobs),
           "--query-runs", str(args.query_runs), "--query-budget", str(args.query_budget),
           "--baseline-budget", str(args.baseline_budget),
           "--baseline-query-budget", str(args.baseline_query_budget)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0 or not result.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-12:]
        return {"error": f"{kind} worker failed (exit {done.returncode}): " + " | ".join(tail)}
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    data["process_s"] = round(wall, 2)
    if kind == "kg1" or (not args.keep and kind == "kg"):
        shutil.rmtree(store, ignore_errors=True)
    return data


def _collect(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The figures of every size the workers of a run in `work` wrote (and the progress of one cut short)."""
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    corpus = work / f"corpus-seed{args.seed}"
    files = sorted(corpus.glob("*.txt"))
    runs: dict[str, Any] = {}
    for n in sizes:
        kg_file, naive_file, progress = work / f"kg-{n}.json", work / f"naive-{n}.json", work / f"store-{n}.progress.json"
        serial_file = work / f"kg1-{n}.json"
        if kg_file.exists():
            kg = json.loads(kg_file.read_text(encoding="utf-8"))
        elif progress.exists():
            kg = {"partial": json.loads(progress.read_text(encoding="utf-8"))}
        else:
            continue
        naive = (json.loads(naive_file.read_text(encoding="utf-8")) if naive_file.exists()
                 else {"skipped": "not reached before the run was stopped" if n <= args.baseline_max_n
                       else f"not run above --baseline-max-n {args.baseline_max_n}"})
        runs[str(n)] = {"mean_kb": round(sum(f.stat().st_size for f in files[:n]) / n / 1000, 2), "kg": kg,
                        "naive": naive,
                        "kg1": json.loads(serial_file.read_text(encoding="utf-8")) if serial_file.exists() else None}
    return {"seed": args.seed, "jobs": args.jobs, "sizes": [n for n in sizes if str(n) in runs],
            "cpus": os.cpu_count(), "runs": runs}


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kg load and query benchmark, with the naive baseline")
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="smoke run: N=100 only (or --sizes if given)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed")
    parser.add_argument("--jobs", type=int, default=2, help="kg load --jobs (extraction processes)")
    parser.add_argument("--query-runs", type=int, default=9, help="timed runs of each query (after a warm-up)")
    parser.add_argument("--query-budget", type=float, default=20.0, help="seconds per query at most (kg)")
    parser.add_argument("--baseline-budget", type=float, default=300.0,
                        help="seconds of naive loading per size before it is stopped")
    parser.add_argument("--baseline-max-n", type=int, default=1000, help="largest N the naive way is tried at")
    parser.add_argument("--baseline-query-budget", type=float, default=30.0, help="seconds per query at most (naive)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive way")
    parser.add_argument("--serial-max-n", type=int, default=10000,
                        help="largest N also loaded with --jobs 1 (throughput on one core, extraction CPU)")
    parser.add_argument("--workdir", type=Path, help="where corpora and stores go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the stores")
    parser.add_argument("--json", type=Path, help="also write all figures as JSON here")
    # child mode (internal)
    parser.add_argument("--worker", choices=("kg", "kg1", "naive"), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--render", action="store_true",
                        help="print the table from the figures already in --workdir (a run stopped early)")
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args)
    if args.render:
        if not args.workdir:
            parser.error("--render needs --workdir")
        print(render(_collect(args.workdir, args)))
        return 0

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.quick and args.sizes == parser.get_default("sizes"):
        sizes = [100]
    if not sizes or min(sizes) < 1:
        parser.error("--sizes takes positive integers, e.g. 100,1000,10000")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    from bench.generate import write_corpus

    corpus = work / f"corpus-seed{args.seed}"
    have = len(list(corpus.glob("*.txt"))) if corpus.exists() else 0
    if have < max(sizes):
        _log(f"generating {max(sizes)} readouts (seed {args.seed}) into {corpus}")
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(max(sizes), args.seed, corpus)
    files = sorted(corpus.glob("*.txt"))
    results: dict[str, Any] = {"seed": args.seed, "jobs": args.jobs, "sizes": sizes, "cpus": os.cpu_count(),
                               "baseline_budget_s": args.baseline_budget, "baseline_max_n": args.baseline_max_n,
                               "runs": {}}
    for n in sizes:
        mean_kb = sum(f.stat().st_size for f in files[:n]) / n / 1000
        entry: dict[str, Any] = {"mean_kb": round(mean_kb, 2)}
        if n <= args.serial_max_n:
            _log(f"N={n}: kg load --jobs 1")
            entry["kg1"] = _spawn("kg1", n, corpus, work, args)
        _log(f"N={n}: kg load + queries")
        entry["kg"] = _spawn("kg", n, corpus, work, args)
        if args.no_baseline:
            entry["naive"] = {"skipped": "--no-baseline"}
        elif n > args.baseline_max_n:
            entry["naive"] = {"skipped": f"not run above --baseline-max-n {args.baseline_max_n}"}
        else:
            _log(f"N={n}: naive baseline (budget {args.baseline_budget:g} s)")
            entry["naive"] = _spawn("naive", n, corpus, work, args)
        results["runs"][str(n)] = entry
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(render(results))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
