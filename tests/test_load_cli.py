"""The whole path through the CLI: load, reload, reject, validate, list, remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store.location import open_store

FIXTURES = Path(__file__).parent / "fixtures"


def dump(store_path: Path) -> list[str]:
    """The store's content as sorted N-Quads lines: equal lists mean byte-for-byte equal dumps."""
    store = open_store(store_path, create=False)
    try:
        lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} {g.n3() if g is not None else ''}" for s, p, o, g in store.quads())
    finally:
        store.close()
    return lines


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_load_a_curated_record_then_reload_changes_nothing(store_path: Path) -> None:
    first = run("load", str(FIXTURES / "curated_record.json"), "--store", str(store_path))
    assert first.exit_code == 0, first.output
    assert "1 loaded, 0 unchanged, 0 rejected" in first.output
    before = dump(store_path)
    assert any("Kenya-Norway Forest Partnership Dialogue" in line for line in before)

    again = run("load", str(FIXTURES / "curated_record.json"), "--store", str(store_path))
    assert again.exit_code == 0, again.output
    assert "0 loaded, 1 unchanged" in again.output
    assert dump(store_path) == before

    listed = run("readouts", "--store", str(store_path))
    assert "Joint readout of the Kenya-Norway Forest Partnership Dialogue" in listed.output
    assert "1 readouts" in listed.output

    valid = run("validate", "--store", str(store_path))
    assert valid.exit_code == 0, valid.output


def test_a_readout_that_breaks_the_shapes_is_rejected_and_the_store_is_unchanged(
        store_path: Path, tmp_path: Path) -> None:
    assert run("load", str(FIXTURES / "curated_record.json"), "--store", str(store_path)).exit_code == 0
    before = dump(store_path)

    bad = json.loads((FIXTURES / "curated_record.json").read_text(encoding="utf-8"))
    bad["text"] += " A second meeting followed."
    bad["meetings"][0]["end"] = "2025-03-01"  # ends before it starts
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(bad), encoding="utf-8")

    result = CliRunner().invoke(cli, ["load", str(bad_file), "--store", str(store_path)])
    assert result.exit_code == 1, result.output
    message = result.output
    assert "bad.json" in message and "does not conform" in message
    assert "meeting/" in message  # the failing node
    assert "endDate" in message  # the failing property
    assert dump(store_path) == before


def test_remove_takes_the_readout_and_only_it(store_path: Path) -> None:
    assert run("load", str(FIXTURES / "curated_record.json"), "--store", str(store_path)).exit_code == 0
    store = open_store(store_path, create=False)
    names = [g for g in store.graph_names() if "/readout/" in g]
    store.close()
    assert len(names) == 1
    readout_id = names[0].rsplit("/", 1)[1]
    result = run("remove", readout_id, "--store", str(store_path))
    assert result.exit_code == 0 and readout_id in result.output
    store = open_store(store_path, create=False)
    assert [g for g in store.graph_names() if "/readout/" in g] == []
    assert store.graph_names() != []  # the reference data stays
    store.close()
    missing = CliRunner().invoke(cli, ["remove", readout_id, "--store", str(store_path)])
    assert missing.exit_code == 2 and "no such readout" in missing.output


def test_extract_prints_the_record_contract() -> None:
    result = run("extract", str(FIXTURES / "curated_record.json"), "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert set(record) >= {"document", "actors", "people", "forums", "presidencies", "meetings", "commitments"}
    assert [a["code"] for a in record["actors"]] == ["KE", "NO"]
    assert record["commitments"][0]["target_year"] == 2030


def test_a_missing_file_is_a_usage_error_naming_it(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["load", "no/such/readout.txt", "--store", str(store_path)])
    assert result.exit_code == 1
    assert "no/such/readout.txt" in result.output
    assert "0 loaded" in result.output


def test_max_bytes_refuses_a_larger_file_and_loads_the_rest(store_path: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Kenya and Norway met in Nairobi on 3 May 2025. " * 40, encoding="utf-8")
    result = CliRunner().invoke(cli, ["load", str(big), str(FIXTURES / "curated_record.json"),
                                      "--max-bytes", "1500", "--store", str(store_path)])
    assert result.exit_code == 1, result.output
    assert f"{big}: " in result.output and "over the size limit of 1500 bytes" in result.output
    assert "1 loaded, 0 unchanged, 1 rejected" in result.output
