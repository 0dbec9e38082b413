"""Every named question's CSV answer over one store, to compare two versions of kg (or two stores).

    python bench/named_rows.py STORE OUTDIR        write OUTDIR/<n>-<question>-<lang>.csv
    python bench/named_rows.py --compare DIR1 DIR2 the answers that differ (rows as sets, load times aside)

Used to check that tagging labels with their language (@en/@zh) changed no question's rows:
each question runs with no parameters and with parameters as people type them, in both
`--lang en` and `--lang zh`; the CSV cells are the lexical forms.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CASES: list[tuple[str, list[str]]] = [
    ("co-participation", []), ("co-participation", ["country=China"]),
    ("commitments-reaffirmed", []), ("commitments", []), ("commitments", ["actor=EU", "topic=finance"]),
    ("commitments", ["text=methane"]), ("evidence", []), ("forum-history", []), ("forum-history", ["forum=COP29"]),
    ("forum-history", ["forum=China-U.S. Working Group on Enhancing Climate Action in the 2020s"]),
    ("forum-history", ["forum=g20"]), ("forums", []), ("forums", ["forum=COP28"]),
    ("forums", ["forum=Major Economies Forum on Energy and Climate"]), ("meeting-participants", []),
    ("meetings-between", ["a=CN", "b=US"]), ("meetings-between", ["a=China", "b=United States"]),
    ("meetings", []), ("meetings", ["forum=COP28"]), ("meetings", ["country=Brazil"]),
    ("post-holders-as-of", []), ("post-holders-as-of", ["country=CN"]), ("posts-by-country", []),
    ("posts-by-country", ["country=China"]), ("presidencies", []), ("presidencies", ["forum=COP29"]),
    ("readout-changes", []), ("readouts", []), ("readouts", ["publisher=Ministry"]),
]
_LOAD_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def write(store: str, out: str) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    for i, (name, params) in enumerate(CASES):
        for lang in ("en", "zh"):
            args = ["kg", "query", name, "--store", store, "-f", "csv", "--all", "--lang", lang]
            for param in params:
                args += ["-p", param]
            proc = subprocess.run(args, capture_output=True, text=True, check=False)
            failed = f"\nexit {proc.returncode}: {proc.stderr}" if proc.returncode else ""
            Path(out, f"{i:02d}-{name}-{lang}.csv").write_text(proc.stdout + failed, encoding="utf-8")


def compare(first: str, second: str) -> int:
    differ = 0
    for a in sorted(Path(first).glob("*.csv")):
        b = Path(second) / a.name
        rows_a = set(_LOAD_TIME.sub("", a.read_text(encoding="utf-8")).splitlines())
        rows_b = set(_LOAD_TIME.sub("", b.read_text(encoding="utf-8")).splitlines()) if b.exists() else set()
        if rows_a != rows_b:
            differ += 1
            print(f"{a.name}: {len(rows_a - rows_b)} rows only in {first}, {len(rows_b - rows_a)} only in {second}")
    print(f"answers compared: {len(list(Path(first).glob('*.csv')))}, differing: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    write(sys.argv[1], sys.argv[2])
