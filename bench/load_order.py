"""Check that the order readouts are loaded in does not change the store (issue 14), with the CLI.

    python bench/load_order.py [FOLDER ...]     (default: ../shared/corpus/dev and ../shared/corpus/zh)

Runs `kg load` on the readout files sorted and again reversed, each into a new store, then
`kg dump` of both, and prints how many node IRIs and how many triples (load times aside)
differ. Exit status 1 when the node IRIs differ (issue 14's check); differing triples are
printed (a mention attached to another node in one order) but do not fail it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "zh"]
IRI = re.compile(r"<(https://w3id\.org/climate-kg/id/[^>]*)>")


def _kg(*args: str) -> str:
    return subprocess.run(["kg", *args], check=False, capture_output=True, text=True).stdout


def _store(files: list[str], folder: Path) -> tuple[set[str], set[str]]:
    _kg("load", "--store", str(folder), "-q", *files)
    # the dump's first line (a count and checksum of every quad) includes the load times
    lines = {line for line in _kg("dump", "--store", str(folder)).splitlines()
             if "startedAtTime" not in line and not line.startswith("#")}
    return {iri for line in lines for iri in IRI.findall(line)}, lines


def main(folders: list[str]) -> int:
    files = sorted(str(f) for folder in (folders or [str(d) for d in DEFAULT]) for f in Path(folder).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        iris_a, quads_a = _store(files, Path(tmp) / "sorted")
        iris_b, quads_b = _store(list(reversed(files)), Path(tmp) / "reversed")
    print(f"readout files: {len(files)}")
    print(f"node IRIs: {len(iris_a)} sorted, {len(iris_b)} reversed, {len(iris_a ^ iris_b)} differ")
    print(f"quads (load times aside): {len(quads_a)} sorted, {len(quads_b)} reversed, {len(quads_a ^ quads_b)} differ")
    for iri in sorted(iris_a ^ iris_b)[:20]:
        print(("  only sorted:   " if iri in iris_a else "  only reversed: ") + iri)
    subjects = sorted({line.split(" ", 1)[0] for line in quads_a ^ quads_b})
    for subject in subjects[:10]:
        print(f"  triples differ about {subject}")
    return 0 if iris_a == iris_b else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
