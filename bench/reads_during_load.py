"""How long a query takes while `kg load` writes: readers must not wait for the writer.

    python bench/reads_during_load.py --readouts 800 --queries 5

Writes N synthetic readouts (tests/readout_factory.py), starts `kg load` on them, and once
a tenth is stored runs `kg query --timeout 5` (a count over every graph) and `kg readouts` a
few times, printing each wall time and the loaded count at that moment. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from readout_factory import write_records  # noqa: E402

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readouts", type=int, default=800)
    parser.add_argument("--queries", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_records(folder / "in", args.readouts)
        store = folder / "store"
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        load = subprocess.Popen([*KG, "load", str(folder / "in"), "--store", str(store)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
        assert load.stdout is not None
        loaded = [0]

        def drain() -> None:  # keep reading, or the load blocks on a full pipe
            assert load.stdout is not None
            for _ in load.stdout:
                loaded[0] += 1

        threading.Thread(target=drain, daemon=True).start()
        started = time.monotonic()
        while loaded[0] < args.readouts // 10 and load.poll() is None:
            time.sleep(0.05)
        print(f"load: {loaded[0]} readouts stored after {time.monotonic() - started:.1f} s; querying while it writes")
        for i in range(args.queries):
            t = time.monotonic()
            done = subprocess.run([*KG, "query", "--store", str(store), "--timeout", "5", "--format", "csv",
                                   "--sparql", COUNT], capture_output=True, text=True, env=env)
            took = time.monotonic() - t
            answer = done.stdout.strip().splitlines()[-1] if done.returncode == 0 else done.stderr.strip()
            print(f"query {i + 1}: {took:5.2f} s  exit {done.returncode}  graphs {answer}  (stored: {loaded[0]})")
            t = time.monotonic()
            listed = subprocess.run([*KG, "readouts", "--store", str(store)], capture_output=True, text=True, env=env)
            last = listed.stdout.strip().splitlines()[-1] if listed.returncode == 0 else listed.stderr.strip()
            print(f"readouts {i + 1}: {time.monotonic() - t:5.2f} s  exit {listed.returncode}  {last}")
        still = load.poll() is None
        load.kill()
        load.wait()
        print(f"load still running at the end: {still}")
        t = time.monotonic()
        done = subprocess.run([*KG, "query", "--store", str(store), "--format", "csv", "--sparql", COUNT],
                              capture_output=True, text=True, env=env)
        print(f"the same query with no load running: {time.monotonic() - t:5.2f} s  exit {done.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
