"""What would lose data is refused: `-o` onto anything but a regular file, a restore from a
dump cut short or from RDF kg dump did not write (above all with --force), removing the
reference graph, a readout argument that is no IRI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace

from kg.cli import cli
from kg.errors import UsageError
from kg.model.namespaces import REFERENCE_GRAPH
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store
from kg.store.outputs import check_output_path

EX = Namespace("https://example.org/")


def small_store(path: Path, graphs: int = 3) -> str:
    st = open_store(path)
    assert isinstance(st, EmbeddedStore)
    for g in range(graphs):
        graph = Graph()
        for i in range(5):
            graph.add((EX[f"s{g}-{i}"], EX.p, EX[f"o{i}"]))
        st.replace_graph(EX[f"graph/{g}"], graph)
    st.close()
    return str(path)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


# --- -o writes regular files only ------------------------------------------------------------

@pytest.mark.parametrize("command", [["dump"], ["export", "--format", "nquads"], ["export", "--format", "graphml"]])
def test_output_onto_a_named_pipe_or_a_link_is_refused_and_left_as_it_was(tmp_path: Path, command: list[str]) -> None:
    store = small_store(tmp_path / "store")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real = tmp_path / "real.nq"
    real.write_text("keep me\n")
    link = tmp_path / "link.nq"
    link.symlink_to(real)
    for target, kind in ((fifo, "a named pipe"), (link, "a symbolic link (give the path it points to)"),
                         (tmp_path, "a folder")):
        code, output = invoke(*command, "--store", store, "-o", str(target))
        assert code == 2, output
        assert f"{target}: is {kind}; kg writes only regular files" in output or \
            (kind == "a folder" and "is a directory" in output)  # click's own check for export
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert link.is_symlink() and real.read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.nq", "pipe", "real.nq", "store"]  # no .part left


def test_devices_are_refused_before_anything_is_written() -> None:
    for device in ("/dev/null", "/dev/full"):
        if os.path.exists(device):
            with pytest.raises(UsageError, match="is a character device"):
                check_output_path(device)


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    target = tmp_path / "out.nq"
    target.write_text("old\n")
    target.chmod(0o640)
    code, output = invoke("dump", "--store", store, "-o", str(target))
    assert code == 0, output
    assert target.read_text().count("\n") == 31 and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_full_disk_is_one_line_and_exit_3(tmp_path: Path) -> None:
    # Standard output on /dev/full: every write fails with ENOSPC, as on a full disk.
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    store = small_store(tmp_path / "store")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "dump", "--store", store],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and "No space left on device" in done.stderr, done.stderr


# --- restore checks the dump first ---------------------------------------------------------------

def test_a_dump_cut_short_is_refused_even_with_force(tmp_path: Path) -> None:
    source = small_store(tmp_path / "a", graphs=3)
    dump = tmp_path / "backup.nq"
    assert invoke("dump", "--store", source, "-o", str(dump))[0] == 0
    data = dump.read_bytes()
    good = small_store(tmp_path / "good", graphs=5)
    before = invoke("dump", "--store", good)[1]
    for name, cut in (("cut.nq", data[: len(data) // 2]), ("no-trailer.nq", data[: data.rindex(b"# kg dump")]),
                      ("altered.nq", data.replace(b"s0-1", b"s0-9"))):
        (tmp_path / name).write_bytes(cut)
        code, output = invoke("restore", str(tmp_path / name), "--force", "--store", good)
        assert code == 2, output
        assert ("not a complete kg dump" in output) or ("damaged kg dump" in output), output
        assert "nothing was changed" in output
    assert invoke("dump", "--store", good)[1] == before


def test_foreign_rdf_needs_any_rdf_and_never_replaces_a_store(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.nq"
    foreign.write_text("".join(f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" .\n" for i in range(20)))
    good = small_store(tmp_path / "good")
    code, output = invoke("restore", str(foreign), "--force", "--store", good)
    assert code == 2 and "not a complete kg dump" in output and "--any-rdf" in output
    code, output = invoke("restore", str(foreign), "--any-rdf", "--force", "--store", good)
    assert code == 2 and "cannot be combined with --force" in output
    code, output = invoke("restore", str(foreign), "--any-rdf", "--store", str(tmp_path / "empty"))
    assert code == 0 and "restored 20 quads" in output


def test_a_dump_restores_whole_in_both_formats(tmp_path: Path) -> None:
    source = small_store(tmp_path / "a")
    for name in ("b.nq", "b.trig", "b.backup"):
        assert invoke("dump", "--store", source, "-o", str(tmp_path / name))[0] == 0
        code, output = invoke("restore", str(tmp_path / name), "--store", str(tmp_path / f"r-{name}"))
        assert code == 0, output
        assert "restored 30 quads in 3 named graphs" in output


# --- remove ----------------------------------------------------------------------------------------

def test_remove_refuses_the_reference_graph_and_what_is_no_iri(tmp_path: Path) -> None:
    store = small_store(tmp_path / "store")
    st = open_store(store)
    st.replace_graph(REFERENCE_GRAPH, Graph().add((EX.cn, EX.p, EX.o)))
    st.close()
    before = invoke("dump", "--store", store)[1]
    code, output = invoke("remove", str(REFERENCE_GRAPH), "--store", store)
    assert code == 2 and "is the reference graph" in output
    for bad in ("https://w3id.org/climate-kg/id/readout/x> }", "https://x/a b", "not-an-id"):
        code, output = invoke("remove", bad, "--store", store)
        assert code == 2, output
        assert output.startswith("Error: ") and output.count("\n") == 1
    assert invoke("dump", "--store", store)[1] == before


def test_a_load_onto_a_full_disk_stops_in_one_line_with_exit_3(tmp_path: Path) -> None:
    # A file size limit (RLIMIT_FSIZE) makes every write past 1 MB fail, as a full disk does.
    import resource
    import signal

    from readout_factory import write_records

    write_records(tmp_path / "in", 120)

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))

    done = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "load", str(tmp_path / "in"),
                           "--store", str(tmp_path / "store")], preexec_fn=small_disk,  # noqa: PLW1509
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 3, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith("Error: ") and "Traceback" not in done.stderr
