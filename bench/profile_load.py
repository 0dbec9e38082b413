"""Profile `kg.loader.load_paths` on generated readouts: where does a readout's time go?

    pip install pyinstrument        # a tool, not a project dependency
    python bench/profile_load.py --n 500 [--html profile.html]

Loads N generated readouts into a fresh store in ONE process (jobs=1, so the profiler sees
every stage), prints pyinstrument's call tree, and a per-stage table from wall-clock timers
wrapped around the pipeline's stage functions (read, extract, map, validation context,
SHACL, unchanged check, store write).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import write_corpus  # noqa: E402

STAGES: dict[str, float] = defaultdict(float)
CPU: dict[str, float] = defaultdict(float)  # process CPU time: robust to a busy machine
CALLS: dict[str, int] = defaultdict(int)


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            STAGES[name] += time.perf_counter() - t0
            CPU[name] += time.process_time() - c0
            CALLS[name] += 1

    return wrapper


def instrument() -> None:
    """Wrap the stage functions where the loader looks them up (module attributes)."""
    import kg.extract
    import kg.loader
    import kg.rdf.identity
    import kg.rdf.mapping
    import kg.rdf.validate
    import kg.store.embedded

    kg.loader.read_path = _timed("read (kg.read.sources)", kg.loader.read_path)
    kg.extract.extract = _timed("extract (kg.extract)", kg.extract.extract)
    kg.rdf.mapping.record_to_graph = _timed("map (kg.rdf.mapping)", kg.rdf.mapping.record_to_graph)
    kg.loader.identity_index = _timed("identity: read the store's names", kg.loader.identity_index)
    kg.rdf.identity.IdentityIndex.resolve = _timed("identity: resolve", kg.rdf.identity.IdentityIndex.resolve)
    setattr(kg.store.embedded.EmbeddedStore, "replace_graph",  # noqa: B010 - patched for timing only
            _timed("store: replace_graph", kg.store.embedded.EmbeddedStore.replace_graph))
    for name in ("context_from_store", "validate_readout", "_run", "describe"):
        if hasattr(kg.rdf.validate, name):
            setattr(kg.rdf.validate, name, _timed(f"validate: {name}", getattr(kg.rdf.validate, name)))
    for name in ("validation_context", "is_unchanged", "store_prepared", "prepare", "ensure_reference"):
        if hasattr(kg.loader, name):
            setattr(kg.loader, name, _timed(f"loader: {name}", getattr(kg.loader, name)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder (else one is generated)")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    parser.add_argument("--no-profiler", action="store_true", help="stage timers only (no sampling overhead)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-profile-"))
    if args.corpus:
        paths = sorted(args.corpus.glob("*.txt"))[: args.n]
    else:
        paths = write_corpus(args.n, args.seed, work / "corpus")
    from kg.loader import load_paths
    from kg.store.location import open_store

    instrument()
    store = open_store(work / "store")
    profiler = None
    if not args.no_profiler:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    t0, c0 = time.perf_counter(), time.process_time()
    summary = load_paths(store, paths, jobs=1)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        if args.html:
            args.html.write_text(profiler.output_html(), encoding="utf-8")
    n = len(paths)
    print(f"{n} readouts in {wall:.1f} s wall, {cpu:.1f} s CPU: {n / wall:.1f} readouts/s, "
          f"{cpu * 1000 / n:.1f} ms CPU per readout "
          f"(loaded {summary.count('loaded')}, rejected {summary.count('rejected')}, failed {summary.count('failed')})")
    print("stages nest (prepare holds extract, map and validate; store_prepared holds identity and the write)")
    print(f"{'stage':<34}{'CPU s':>9}{'CPU ms/readout':>16}{'CPU share':>11}{'wall s':>9}{'calls':>8}")
    for name, secs in sorted(CPU.items(), key=lambda kv: -kv[1]):
        print(f"{name:<34}{secs:>9.2f}{secs * 1000 / n:>16.2f}{secs / cpu:>11.0%}{STAGES[name]:>9.2f}{CALLS[name]:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
