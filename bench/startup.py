"""Start-up time of the command line: `kg --version`, `kg --help`, `kg export --help`.

    .venv/bin/python bench/startup.py [RUNS]

Runs each command RUNS times (default 10) as a new process and prints the median and the
slowest wall time. `python -X importtime -c 'import kg.cli'` shows what the import costs.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (["--version"], ["--help"], ["export", "--help"], ["query", "--help"])


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    beside = Path(sys.executable).with_name("kg")  # the kg of this venv, else the one on PATH
    kg = str(beside) if beside.exists() else (shutil.which("kg") or "kg")
    for args in COMMANDS:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([kg, *args], capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        print(f"kg {' '.join(args):<16} median {statistics.median(times):.3f} s   max {max(times):.3f} s   ({runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
