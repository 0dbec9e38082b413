"""The benchmark's printed table: one column per corpus size, then ratios and the issue's targets."""

from __future__ import annotations

from typing import Any

LABEL = 50
COL = 21


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def _row(label: str, cells: list[str]) -> str:
    return f"  {label:<{LABEL - 2}}" + "".join(f"{c:>{COL}}" for c in cells)


def _head(title: str) -> str:
    return title


def _ok(kg: dict[str, Any]) -> bool:
    return "error" not in kg and "load_s" in kg


def _throughput(run: dict[str, Any], done_key: str = "n") -> float | None:
    if not _ok(run) or not run["load_s"]:
        return None
    return float(run[done_key]) / float(run["load_s"])


def _cost_ms(run: dict[str, Any], done_key: str = "n") -> float | None:
    if not _ok(run) or not run[done_key]:
        return None
    return float(run["load_s"]) * 1000 / float(run[done_key])


def _q(stats: dict[str, Any] | None) -> str:
    if not stats:
        return "-"
    if "error" in stats:
        return "error"
    if "stopped_after_ms" in stats:
        return f"> {_num(stats['stopped_after_ms'], 0)} stopped"
    return f"{_num(stats['median_ms'])} / {_num(stats['p95_ms'])}"


def _first(kg: dict[str, Any], name: str) -> str:
    engine = (kg.get("queries_engine") or {}).get(name) or {}
    stream = (kg.get("first_batch") or {}).get(name) or {}
    left = _num(engine.get("first_row_ms")) if "first_row_ms" in engine else "stopped" if engine else "-"
    right = _num(stream.get("median_ms")) if "median_ms" in stream else \
        "stopped" if "stopped_after_ms" in stream else "error" if stream else "-"
    return f"{left} / {right}"


def _names(runs: dict[str, Any], key: str) -> list[str]:
    names: set[str] = set()
    for entry in runs.values():
        for side in ("kg", "naive"):
            names.update((entry.get(side) or {}).get(key, {}) or {})
    return sorted(names)


def render(results: dict[str, Any]) -> str:
    sizes: list[int] = results["sizes"]
    runs: dict[str, Any] = results["runs"]
    entries = [runs[str(n)] for n in sizes]
    kgs = [e["kg"] for e in entries]
    naives = [e["naive"] for e in entries]
    notes: list[str] = []
    out = [
        f"kg benchmark: synthetic corpus seed {results['seed']}, {results['cpus']} CPUs, kg load --jobs {results['jobs']}",
        "",
        f"{'':<{LABEL}}" + "".join(f"{'N=' + format(n, ','):>{COL}}" for n in sizes),
        _row("corpus: mean readout size (KB)", [_num(e["mean_kb"]) for e in entries]),
        _head("KG LOAD: extract + incremental SHACL + Oxigraph, one transaction per readout"),
    ]
    for i, kg in enumerate(kgs):
        if "partial" in kg:
            p = kg["partial"]
            notes.append(f"N={sizes[i]:,}: kg load did not finish before the run was stopped: {p['done']:,} of "
                         f"{p['n']:,} readouts in {p['elapsed_s']:,.0f} s ({p['done'] / p['elapsed_s']:.1f} readouts/s so "
                         f"far; main-process CPU {p['cpu_self_s']:,.0f} s; load average {p['loadavg']:.1f})")
        elif not _ok(kg):
            notes.append(f"N={sizes[i]:,}: kg: {kg.get('error', 'no result')}")
        elif kg.get("problems"):
            notes.append(f"N={sizes[i]:,}: kg rejected/failed, e.g. " + " || ".join(kg["problems"][:2]))
    out += [
        _row("readouts loaded / rejected / failed",
             [f"{k['loaded']}/{k['rejected']}/{k['failed']}" if _ok(k)
              else f"{k['partial']['done']} so far" if "partial" in k else "error" for k in kgs]),
        _row("load time (s)", [_num(k.get("load_s"), 2) if _ok(k) else "-" for k in kgs]),
        _row("throughput (readouts/s)", [_num(_throughput(k)) for k in kgs]),
        _row("cost per readout (ms)", [_num(_cost_ms(k), 2) for k in kgs]),
    ]
    out += [
        _row("CPU per readout, all processes (ms)",
             [_num(k["cpu_s"] * 1000 / k["n"], 1) if _ok(k) and "cpu_s" in k else "-" for k in kgs]),
        _row("  of it the main process, all its threads (ms)",
             [_num(k["cpu_self_s"] * 1000 / k["n"], 1) if _ok(k) and "cpu_self_s" in k else "-" for k in kgs]),
        _row("    of it the main thread, the whole load (ms)",
             [_num(k["main_thread_cpu_s"] * 1000 / k["n"], 1) if _ok(k) and "main_thread_cpu_s" in k else "-"
              for k in kgs]),
        _row("  of it the worker processes (ms)",
             [_num(k["cpu_workers_s"] * 1000 / k["n"], 1) if _ok(k) and "cpu_workers_s" in k else "-" for k in kgs]),
        _row(f"CPU-bound ceiling on {results['jobs']} idle cores (readouts/s)",
             [_num(k["n"] * results["jobs"] / k["cpu_s"], 1) if _ok(k) and k.get("cpu_s") else "-" for k in kgs]),
        _row("machine load average at end of load", [_num(k.get("loadavg"), 1) if _ok(k) else "-" for k in kgs]),
    ]
    base_cost = _cost_ms(kgs[0])
    out.append(_row(f"cost per readout vs N={sizes[0]:,}",
                    [_num(c / base_cost, 2) + "x" if (c := _cost_ms(k)) and base_cost else "-" for k in kgs]))
    serials = [e.get("kg1") or {} for e in entries]
    out += [
        _row("serial: Oxigraph write per readout (ms)", [_num(k.get("write_ms"), 2) if _ok(k) else "-" for k in kgs]),
        _row("  its CPU, the writing thread (ms)", [_num(k.get("write_cpu_ms"), 2) if _ok(k) else "-" for k in kgs]),
        _row("serial: store_prepared per readout (ms)",
             [_num(k.get("store_prepared_ms"), 2) if _ok(k) else "-" for k in kgs]),
        _row("  its CPU, the main thread (ms)",
             [_num(k.get("store_prepared_cpu_ms"), 2) if _ok(k) else "-" for k in kgs]),
        _row("kg load --jobs 1: throughput (readouts/s)", [_num(_throughput(s1)) for s1 in serials]),
        _row("kg load --jobs 1: CPU per readout (ms)",
             [_num(s1["cpu_s"] * 1000 / s1["n"], 1) if _ok(s1) else "-" for s1 in serials]),
        _row("extraction CPU per readout (ms)", [_num(s1.get("extract_cpu_ms"), 2) if _ok(s1) else "-" for s1 in serials]),
        _row(f"throughput --jobs {results['jobs']} / --jobs 1",
             [_num(a / b, 2) + "x" if (a := _throughput(k)) and (b := _throughput(s1)) else "-"
              for k, s1 in zip(kgs, serials, strict=True)]),
        _row("triples in store", [format(k["triples"], ",") if _ok(k) else "-" for k in kgs]),
        _row("store on disk after compaction (MB)", [_num(k.get("store_mb_compacted"), 1) if _ok(k) else "-" for k in kgs]),
        _row("  per readout (KB)", [_num(k["store_mb_compacted"] * 1000 / k["n"], 1)
                                    if _ok(k) and k.get("store_mb_compacted") else "-" for k in kgs]),
        _row("  compacted by (kg load / the benchmark), seconds",
             [("kg load " if k.get("compacted_by_load") else "bench ") + _num(k.get("compact_s"), 1)
              if _ok(k) and "compact_s" in k else "-" for k in kgs]),
        _row("store on disk after the queries (MB)", [_num(k.get("store_mb"), 1) if _ok(k) else "-" for k in kgs]),
        _row("peak RSS, main process (MB)", [_num(k["rss_mb"]["self"], 0) if _ok(k) else "-" for k in kgs]),
        _row("peak RSS, largest worker (MB)", [_num(k["rss_mb"]["children"], 0) if _ok(k) else "-" for k in kgs]),
        _head("KG QUERIES AS ASKED (parameters: 5 sets drawn from the store, rotated; bench/asked.py),"),
        _head("  Oxigraph engine, timed inside a read-only child: median / p95 (ms)"),
    ]
    engine_names = _names(runs, "queries_engine")
    for name in _names(runs, "queries_asked"):
        out.append(_row(name, [_q((k.get("queries_asked") or {}).get(name)) for k in kgs]))
    out.append(_head("KG QUERIES AS ASKED via kg.query.named.run (safety check + kept child process): median / p95 (ms)"))
    for name in _names(runs, "queries_kg"):
        out.append(_row(name, [_q((k.get("queries_kg") or {}).get(name)) for k in kgs]))
    out.append(_head("KG QUERIES, EVERY ROW (parameters unbound), Oxigraph engine: median / p95 (ms)"))
    for name in engine_names:
        out.append(_row(name, [_q((k.get("queries_engine") or {}).get(name)) for k in kgs]))
    out.append(_head("FIRST ROW OF THE EVERY-ROW FORMS (ms): on the engine, sorted (median) / as"))
    out.append(_head("  `kg query --all --unsorted -f csv` gets it (RowStream from the kept worker, first batch, median of 3)"))
    for name in engine_names:
        out.append(_row(name, [_first(k, name) for k in kgs]))

    out.append(_head("NAIVE: rdflib in-memory Dataset, whole-graph pyshacl after each readout, rdflib SPARQL"))
    for i, nv in enumerate(naives):
        if "skipped" in nv:
            notes.append(f"N={sizes[i]:,}: naive not run ({nv['skipped']})")
        elif "error" in nv:
            notes.append(f"N={sizes[i]:,}: naive: {nv['error']}")
        elif nv.get("stopped"):
            notes.append(f"N={sizes[i]:,}: naive {nv['stopped']}; its throughput is over those readouts "
                         f"(its cost per readout grows with the store, so the speed-up at N is a lower bound); "
                         f"the rest were added unvalidated ({_num(nv.get('fill_s'))} s) so its queries see all N")

    def nv_cell(nv: dict[str, Any], text: str) -> str:
        return "skipped" if "skipped" in nv else "error" if "error" in nv else text

    out += [
        _row("readouts validated and stored (of N)", [nv_cell(nv, f"{nv.get('processed')} of {nv.get('n')}")
                                                      for nv in naives]),
        _row("load time (s)", [nv_cell(nv, _num(nv.get("load_s"), 2)) for nv in naives]),
        _row("throughput (readouts/s)", [nv_cell(nv, _num(_throughput(nv, "processed"), 2)) for nv in naives]),
        _row("cost per readout (ms)", [nv_cell(nv, _num(_cost_ms(nv, "processed"), 1)) for nv in naives]),
        _row("  of which whole-graph pyshacl (ms)",
             [nv_cell(nv, _num(nv["validate_s"] * 1000 / nv["processed"], 1) if nv.get("processed") else "-")
              for nv in naives]),
        _row("CPU per readout (ms)", [nv_cell(nv, _num(nv["cpu_s"] * 1000 / nv["processed"], 1)
                                             if nv.get("cpu_s") and nv.get("processed") else "-") for nv in naives]),
        _row("stopped by time budget", [nv_cell(nv, "yes" if nv.get("stopped") else "no") for nv in naives]),
        _row("peak RSS (MB)", [nv_cell(nv, _num((nv.get("rss_mb") or {}).get("self"), 0)) for nv in naives]),
        _head("NAIVE QUERIES AS ASKED (the same parameter sets), rdflib SPARQL engine: median / p95 (ms)"),
    ]
    for name in _names(runs, "queries_asked"):
        out.append(_row(name, [nv_cell(nv, _q((nv.get("queries_asked") or {}).get(name))) for nv in naives]))
    out.append(_head("NAIVE QUERIES, EVERY ROW, rdflib SPARQL engine: median / p95 (ms)"))
    for name in _names(runs, "queries_engine"):
        out.append(_row(name, [nv_cell(nv, _q((nv.get("queries_engine") or {}).get(name))) for nv in naives]))

    out.append(_head("RATIOS: naive time / kg time (higher is better for kg)"))
    load_ratio: list[str] = []
    for kg, nv in zip(kgs, naives, strict=True):
        a, b = _throughput(kg), _throughput(nv, "processed") if _ok(nv) and nv.get("processed") else None
        load_ratio.append(("≥" if nv.get("stopped") else "") + _num(a / b, 1) + "x" if a and b else "-")
    out.append(_row("load speed-up (throughput)", load_ratio))
    cpu_ratio: list[str] = []
    for kg, nv in zip(kgs, naives, strict=True):
        k_cpu = kg["cpu_s"] / kg["n"] if _ok(kg) and kg.get("cpu_s") else None
        n_cpu = nv["cpu_s"] / nv["processed"] if _ok(nv) and nv.get("cpu_s") and nv.get("processed") else None
        cpu_ratio.append(("≥" if nv.get("stopped") else "") + _num(n_cpu / k_cpu, 1) + "x" if k_cpu and n_cpu else "-")
    out.append(_row("load speed-up (CPU per readout)", cpu_ratio))
    speedups = _speedup_rows(out, "as asked", _names(runs, "queries_asked"), "queries_asked", sizes, kgs, naives)
    every_row = _speedup_rows(out, "every row", engine_names, "queries_engine", sizes, kgs, naives)
    out += ["", "TARGETS (issue 18; measured, not asserted)"]
    out += _targets_18(sizes, kgs)
    out += ["", "TARGETS (issue 7; measured, not asserted)"]
    out += _targets(sizes, kgs, naives, speedups, every_row)
    if notes:
        out += ["", "NOTES"] + [f"  - {n}" for n in notes]
    return "\n".join(out)


def _speedup_rows(out: list[str], label: str, names: list[str], key: str, sizes: list[int],
                  kgs: list[dict[str, Any]], naives: list[dict[str, Any]]) -> dict[int, list[float]]:
    """One row per query of naive median / kg median (Oxigraph engine); the ratios by N."""
    speedups: dict[int, list[float]] = {n: [] for n in sizes}
    for name in names:
        cells = []
        for n, kg, nv in zip(sizes, kgs, naives, strict=True):
            k = (kg.get(key) or {}).get(name) or {}
            v = (nv.get(key) or {}).get(name) or {}
            if "median_ms" in k and "median_ms" in v and k["median_ms"] > 0:
                ratio = v["median_ms"] / k["median_ms"]
                speedups[n].append(ratio)
                cells.append(_num(ratio, 2 if ratio < 10 else 1) + "x")
            elif "stopped_after_ms" in k and "median_ms" in v:
                ratio = v["median_ms"] / k["stopped_after_ms"]  # an upper bound: Oxigraph was stopped
                speedups[n].append(ratio)
                cells.append("≤" + _num(ratio, 2) + "x")
            elif "median_ms" in k and "stopped_after_ms" in v and k["median_ms"] > 0:
                ratio = v["stopped_after_ms"] / k["median_ms"]  # a lower bound: rdflib was stopped
                speedups[n].append(ratio)
                cells.append("≥" + _num(ratio, 1) + "x")
            else:
                cells.append("-")
        out.append(_row(f"query speed-up ({label}): {name}", cells))
    out.append(_row(f"query speed-up ({label}), smallest",
                    [_num(min(speedups[n]), 1) + "x" if speedups[n] else "-" for n in sizes]))
    return speedups


def _targets(sizes: list[int], kgs: list[dict[str, Any]], naives: list[dict[str, Any]],
             speedups: dict[int, list[float]], every_row: dict[int, list[float]]) -> list[str]:
    by_n = dict(zip(sizes, kgs, strict=True))
    naive_by_n = dict(zip(sizes, naives, strict=True))
    lines = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else "met" if ok else "NOT met"

    big = by_n.get(10000)
    tp = _throughput(big) if big else None
    lines.append(f"  >= 100 readouts/s end-to-end at N=10,000 with SHACL: {_num(tp)} -> {verdict(None if tp is None else tp >= 100)}")
    small = by_n.get(100)
    big_cost = _cost_ms(big) if big else None
    small_cost = _cost_ms(small) if small else None
    ratio = big_cost / small_cost if big_cost and small_cost else None
    lines.append(f"  cost per readout at N=10,000 within 1.3x of N=100: {_num(ratio, 2)}x -> "
                 f"{verdict(None if ratio is None else ratio <= 1.3)}")
    for key, what in (("queries_asked", "as asked, Oxigraph engine"), ("queries_kg", "as asked, kg.query.named.run"),
                      ("queries_engine", "every row, Oxigraph engine")):
        figures = {name: s for name, s in ((big or {}).get(key) or {}).items()}
        medians = {name: s["median_ms"] for name, s in figures.items() if "median_ms" in s}
        stopped = sorted(name for name, s in figures.items() if "stopped_after_ms" in s)
        worst = max(medians.values()) if medians else None
        over = sorted(name for name, m in medians.items() if m > 100) + stopped
        ok = None if worst is None and not stopped else not over
        lines.append(f"  every named query median <= 100 ms at N=10,000 ({what}): slowest "
                     f"{'stopped' if stopped else _num(worst) + ' ms'}; over: {', '.join(over) or 'none'} -> {verdict(ok)}")
    k1, n1 = by_n.get(1000), naive_by_n.get(1000)
    q = min(speedups.get(1000) or [0]) or None
    lines.append(f"  queries >= 20x faster than naive at N=1,000 (as asked): smallest {_num(q)}x -> "
                 f"{verdict(None if q is None else q >= 20)}")
    e = min(every_row.get(1000) or [0]) or None
    lines.append(f"  queries >= 20x faster than naive at N=1,000 (every row): smallest {_num(e)}x -> "
                 f"{verdict(None if e is None else e >= 20)}")
    a = _throughput(k1) if k1 else None
    b = _throughput(n1, "processed") if n1 and _ok(n1) and n1.get("processed") else None
    lr = a / b if a and b else None
    lines.append(f"  loading >= 10x faster than naive at N=1,000 (wall): {_num(lr)}x{' (lower bound)' if n1 and n1.get('stopped') else ''} -> "
                 f"{verdict(None if lr is None else lr >= 10)}")
    k_cpu = k1["cpu_s"] / k1["n"] if k1 and _ok(k1) and k1.get("cpu_s") else None
    n_cpu = n1["cpu_s"] / n1["processed"] if n1 and _ok(n1) and n1.get("cpu_s") and n1.get("processed") else None
    cr = n_cpu / k_cpu if k_cpu and n_cpu else None
    lines.append(f"  loading >= 10x faster than naive at N=1,000 (CPU per readout): {_num(cr)}x"
                 f"{' (lower bound)' if n1 and n1.get('stopped') else ''} -> "
                 f"{verdict(None if cr is None else cr >= 10)}")
    return lines


def _targets_18(sizes: list[int], kgs: list[dict[str, Any]]) -> list[str]:
    """The targets of issue 18, at N=10,000 when it was run."""
    big = dict(zip(sizes, kgs, strict=True)).get(10000)

    def line(what: str, figure: float | None, unit: str, ok: bool | None, extra: str = "") -> str:
        verdict = "not measured" if ok is None else "met" if ok else "NOT met"
        return f"  {what}: {_num(figure)}{unit}{extra} -> {verdict}"

    ok = big is not None and _ok(big)
    kb = big["store_mb_compacted"] * 1000 / big["n"] if ok and big and big.get("store_mb_compacted") else None
    write = big.get("write_ms") if ok and big else None
    tp = _throughput(big) if ok and big else None
    firsts = {name: s.get("median_ms") for name, s in ((big or {}).get("first_batch") or {}).items()}  # None: stopped
    slow_first = sorted(name for name, ms in firsts.items() if ms is None or ms > 200)
    worst_first = max((ms for ms in firsts.values() if ms is not None), default=None)
    return [
        line("disk <= 100 KB per readout at N=10,000 after compaction", kb, " KB", None if kb is None else kb <= 100),
        line("serial write <= 5 ms per readout at N=10,000", write, " ms", None if write is None else write <= 5),
        line("throughput >= 60 readouts/s at N=10,000 (the run's --jobs)", tp, "/s", None if tp is None else tp >= 60),
        line("first row of every every-row form <= 200 ms at N=10,000 (kg query --all --unsorted -f csv)", worst_first,
             " ms (slowest)", None if not firsts else not slow_first,
             f"; over: {', '.join(slow_first)}" if slow_first else ""),
        "  every named question as asked median <= 100 ms, cost per readout within 1.3x: see issue 7's lines below",
    ]
