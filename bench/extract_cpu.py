"""Extraction CPU per readout, in-process: the median over a folder of real readouts.

    python bench/extract_cpu.py [FOLDER ...] [--repeat 3]

Reads every readout (`*.txt`, `*.html`) of the folders given (default: the
held-out readouts in tests/heldout), extracts each `--repeat` times in this process and
prints the median and the slowest readout's process CPU time for `kg.extract.extract` alone
(reading the file is not counted). The issue's target is a median under 30 ms on the dev corpus:
`python bench/extract_cpu.py ../shared/corpus/dev`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import extract  # noqa: E402
from kg.read.sources import read_path  # noqa: E402

SUFFIXES = {".txt", ".html", ".htm"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[Path(__file__).resolve().parent.parent / "tests" / "heldout"])
    parser.add_argument("--repeat", type=int, default=3, help="extractions per readout (the fastest counts)")
    args = parser.parse_args(argv)
    files = sorted(p for folder in args.folders for p in folder.iterdir() if p.suffix in SUFFIXES)
    if not files:
        print("no readouts found", file=sys.stderr)
        return 2
    extract(read_path(files[0]))  # warm the gazetteers and compiled patterns once, as a loader would
    cpu_ms: dict[str, float] = {}
    for path in files:
        doc = read_path(path)
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.process_time()
            extract(doc)
            best = min(best, time.process_time() - start)
        cpu_ms[path.name] = best * 1000
    slowest = max(cpu_ms, key=lambda name: cpu_ms[name])
    print(f"readouts: {len(cpu_ms)}")
    print(f"extraction CPU per readout, median: {statistics.median(cpu_ms.values()):.1f} ms")
    print(f"slowest: {cpu_ms[slowest]:.1f} ms ({slowest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
