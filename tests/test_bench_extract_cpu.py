"""bench/extract_cpu.py prints the median extraction CPU of a folder of readouts (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extract_cpu import main


def test_prints_the_median_and_the_slowest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("On 2 March 2026, Chile and Peru met in Lima. Both sides will expand solar power.")
    (tmp_path / "b.txt").write_text("Kenya and Norway agreed to cut methane by 2030.")
    (tmp_path / "notes.md").write_text("not a readout")
    assert main([str(tmp_path), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "readouts: 2" in out
    assert "extraction CPU per readout, median:" in out and "slowest:" in out


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 2
