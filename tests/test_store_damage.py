"""A damaged store is one line and exit 3 naming the way out (restore from a dump), never a
traceback and never a silent loss: copies of a real store with a garbled write-ahead log,
table files cut short or missing, a bad CURRENT or MANIFEST."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store.integrity import first_lost_record

# A writer that stores 120 graphs and dies without closing the store (as a killed `kg load`
# does): everything it wrote is in the write-ahead log only. With "close", it closes the store,
# so the data moves to table (.sst) files.
WRITER = """
import os, sys
from rdflib import Graph, Literal, URIRef
from kg.store.embedded import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
for g in range(120):
    graph = Graph()
    for i in range(40):
        graph.add((URIRef(f"https://example.org/s{g}-{i}"), URIRef("https://example.org/p"), Literal("x" * 60 + str(i))))
    store.replace_graph(URIRef(f"https://example.org/graph/{g}"), graph)
if sys.argv[2] == "close":
    store.close()
    os._exit(0)
os._exit(0)
"""


def make_store(path: Path, how: str) -> Path:
    subprocess.run([sys.executable, "-c", WRITER, str(path), how], check=True, timeout=120)
    return path


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("damage") / "logged", "kill")


@pytest.fixture(scope="module")
def tabled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("damage") / "tabled", "close")


def biggest(folder: Path, suffix: str) -> Path:
    return max((p for p in folder.iterdir() if p.suffix == suffix), key=lambda p: p.stat().st_size)


def garble_log(folder: Path) -> None:
    log = biggest(folder, ".log")
    data = bytearray(log.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 256] = bytes((b ^ 0x5A) for b in data[middle:middle + 256])
    log.write_bytes(bytes(data))


def cut_table(folder: Path) -> None:
    table = biggest(folder, ".sst")
    os.truncate(table, table.stat().st_size // 2)


def drop_table(folder: Path) -> None:
    biggest(folder, ".sst").unlink()


def bad_current(folder: Path) -> None:
    (folder / "CURRENT").write_text("MANIFEST-999999\n")


def garble_manifest(folder: Path) -> None:
    manifest = next(p for p in folder.iterdir() if p.name.startswith("MANIFEST-"))
    data = bytearray(manifest.read_bytes())
    data[40:240] = bytes((b ^ 0xA5) for b in data[40:240])
    manifest.write_bytes(bytes(data))


def readouts_of(store: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["query", "--store", str(store), "--format", "csv", "--sparql",
                                      "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"])
    return result.exit_code, result.output


def test_the_intact_copies_open_with_everything(logged: Path, tabled: Path, tmp_path: Path) -> None:
    for source in (logged, tabled):
        copy = tmp_path / source.name
        shutil.copytree(source, copy)
        code, output = readouts_of(copy)
        assert code == 0, output
        assert output.splitlines()[-1] == "120"


DAMAGE: list[tuple[str, Callable[[Path], None]]] = [
    ("logged", garble_log),
    ("tabled", cut_table),
    ("tabled", drop_table),
    ("tabled", bad_current),
    ("tabled", garble_manifest),
]


@pytest.mark.parametrize(("kind", "damage"), DAMAGE, ids=[d.__name__ for _, d in DAMAGE])
def test_a_damaged_copy_is_one_line_exit_3_for_readers_and_writers(logged: Path, tabled: Path, tmp_path: Path,
                                                                   kind: str, damage: Callable[[Path], None]) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(logged if kind == "logged" else tabled, copy)
    damage(copy)
    before = data_files(copy)
    for args in (["readouts"], ["stats"], ["remove", "0" * 16]):
        result = CliRunner().invoke(cli, [*args, "--store", str(copy)])
        assert result.exit_code == 3, (args, result.output)
        assert result.output.startswith(f"Error: {copy}: the store is damaged (")
        assert "kg restore" in result.output and result.output.count("\n") == 1
    code, output = readouts_of(copy)
    assert code == 3 and "the store is damaged" in output
    # refusing to open changed no data file: the damaged ones are still there for recovery tools
    assert data_files(copy) == before


def data_files(folder: Path) -> list[tuple[str, int]]:
    """Logs, tables, CURRENT and MANIFEST with their sizes (RocksDB's info LOG and OPTIONS aside)."""
    return sorted((p.name, p.stat().st_size) for p in folder.iterdir()
                  if p.suffix in (".log", ".sst") or p.name == "CURRENT" or p.name.startswith("MANIFEST-"))


def test_a_torn_tail_is_what_a_crash_leaves_and_is_accepted(logged: Path) -> None:
    data = biggest(logged, ".log").read_bytes()
    assert first_lost_record(data) is None
    assert first_lost_record(data[: len(data) - 777]) is None  # the last write never completed
    middle = bytearray(data)
    middle[len(data) // 2] ^= 0xFF
    assert first_lost_record(bytes(middle)) is not None
