"""The benchmark runs end to end on a tiny corpus and prints every row of its table.

No timing is asserted (timings belong to the benchmark's output, not to a test); the test
checks that each measurement happened: readouts loaded, every named query timed on both
engines, the naive baseline run, ratios and targets printed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PIPELINE = ("kg.loader", "kg.rdf.mapping", "kg.rdf.validate", "kg.query.named", "kg.extract.actors")


def _pipeline_ready() -> bool:
    try:
        return all(importlib.util.find_spec(m) is not None for m in PIPELINE) and \
            any((ROOT / "queries").glob("*.rq"))
    except ImportError:
        return False


def test_generator_cli_writes_a_tiny_corpus(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--n", "5", "--seed", "1",
                           "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "wrote 5 readouts" in done.stdout
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".txt"] * 5


@pytest.mark.skipif(not _pipeline_ready(), reason="loader, mapping, validation or queries not in this checkout yet")
def test_quick_benchmark_prints_the_full_table(tmp_path: Path) -> None:
    from kg.query.named import list_queries

    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--sizes", "10", "--query-runs", "2",
         "--baseline-budget", "4", "--baseline-query-budget", "2", "--workdir", str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout
    for row in ("N=10", "readouts loaded / rejected / failed", "throughput (readouts/s)", "cost per readout (ms)",
                "triples in store", "store on disk after compaction (MB)", "  per readout (KB)",
                "serial: Oxigraph write per readout (ms)", "serial: store_prepared per readout (ms)",
                "  of it the main process, all its threads (ms)", "    of it the main thread, the whole load (ms)",
                "  of it the worker processes (ms)",
                "kg load --jobs 1: throughput (readouts/s)", "extraction CPU per readout (ms)",
                "FIRST ROW OF THE EVERY-ROW FORMS", "TARGETS (issue 18", "peak RSS, main process (MB)",
                "KG QUERIES AS ASKED", "KG QUERIES AS ASKED via kg.query.named.run", "KG QUERIES, EVERY ROW",
                "NAIVE: rdflib", "readouts validated and stored (of N)", "NAIVE QUERIES AS ASKED",
                "NAIVE QUERIES, EVERY ROW", "load speed-up (throughput)", "query speed-up (as asked), smallest",
                "query speed-up (every row), smallest", "TARGETS"):
        assert row in table, f"missing row {row!r} in:\n{table}"
    loaded_row = next(line for line in table.splitlines() if "readouts loaded / rejected / failed" in line)
    loaded, _rejected, failed = (int(x) for x in loaded_row.split()[-1].split("/"))
    assert loaded > 0 and failed == 0
    for query in list_queries():  # every named query timed on both engines, none in error
        lines = [line for line in table.splitlines() if line.strip().startswith(query.name + " ")]
        assert len(lines) >= 6, f"{query.name}: {lines}"
        assert all("error" not in line for line in lines), lines
    for name in ("serial: Oxigraph write per readout (ms)", "extraction CPU per readout (ms)", "  per readout (KB)"):
        row = next(line for line in table.splitlines() if line.startswith("  " + name.strip()) or name in line)
        assert row.split()[-1] not in ("-", "0.00"), row  # measured, not left out
