"""How long `kg load` on a terminal takes to draw its progress bar (and to finish).

    .venv/bin/python bench/first_bar.py [N]

Generates N readouts (default 300, bench/generate.py, seed 7) into a temporary folder, runs
`kg load` on them with stdout and stderr on a pseudo-terminal (as `script -qc` does) and
prints the seconds until the first bar appeared and until the load ended.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus"
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--n", str(n), "--seed", "7", "--out", str(corpus)],
                       check=True, capture_output=True)
        kg = Path(sys.executable).with_name("kg")
        leader, follower = pty.openpty()
        started = time.monotonic()
        proc = subprocess.Popen([str(kg), "load", str(corpus), "--store", str(Path(work) / "store")],
                                stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
        os.close(follower)
        shown, bar_at = b"", None
        while True:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
            if bar_at is None and f"/{n}".encode() in shown:
                bar_at = time.monotonic() - started
        proc.wait()
        total = time.monotonic() - started
        os.close(leader)
    first = f"{bar_at:.2f} s" if bar_at is not None else "never"
    print(f"kg load of {n} readouts on a terminal: first bar after {first}, done after {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
