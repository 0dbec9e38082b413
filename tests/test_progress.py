"""Progress of long commands: a bar on a terminal, the per-readout lines otherwise, nothing
with --quiet. The terminal is a real pseudo-terminal, `kg` a real process."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model.resources import examples_dir

pytestmark = pytest.mark.slow

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def run_on_terminal(*args: str, timeout: float = 120) -> tuple[int, str, float | None]:
    """Run kg with stdout and stderr on a pseudo-terminal: (exit code, what the terminal
    showed, seconds until the first progress bar was drawn or None)."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    started = time.monotonic()
    proc = subprocess.Popen([*KG, *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    shown, bar_at = b"", None
    end = started + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            shown += chunk
            if bar_at is None and b"loading" in shown and b"/4" in shown:
                bar_at = time.monotonic() - started
        elif proc.poll() is not None:
            break
    os.close(leader)
    return proc.wait(timeout=30), shown.decode("utf-8", "replace"), bar_at


def test_load_on_a_terminal_draws_a_bar_with_count_rate_and_time_left(tmp_path: Path) -> None:
    code, shown, bar_at = run_on_terminal("load", str(examples_dir()), "--store", str(tmp_path / "store"))
    assert code == 0, shown
    assert bar_at is not None, shown
    assert "4/4" in shown and "readouts/s" in shown and "[" in shown
    assert "loaded: " not in shown  # the bar replaces the per-readout lines
    assert "4 loaded, 0 unchanged, 0 rejected, 0 failed" in shown


def test_load_quiet_on_a_terminal_prints_only_the_summary(tmp_path: Path) -> None:
    one = examples_dir() / "leaders-call-readout.txt"
    code, shown, _ = run_on_terminal("load", str(one), "--store", str(tmp_path / "store"), "-q")
    assert code == 0
    assert shown.strip() == "1 loaded, 0 unchanged, 0 rejected, 0 failed"


def test_load_off_a_terminal_prints_a_line_per_readout(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["load", str(examples_dir()), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0
    assert result.output.count("loaded: ") == 4 and "readouts/s" not in result.output


def test_export_restore_validate_on_a_terminal_show_their_steps(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    CliRunner().invoke(cli, ["load", str(examples_dir()), "--store", store, "-q"])
    code, shown, _ = run_on_terminal("export", "--view", "full", "-o", str(tmp_path / "g.svg"), "--store", store)
    assert code == 0 and "export" in shown and "2/2" in shown and "wrote the full view as svg" in shown
    code, shown, _ = run_on_terminal("validate", "--store", store)
    assert code == 0 and "validate" in shown and "2/2" in shown
    backup = tmp_path / "b.nq"
    CliRunner().invoke(cli, ["dump", "-o", str(backup), "--store", store])
    code, shown, _ = run_on_terminal("restore", str(backup), "--store", str(tmp_path / "copy"))
    assert code == 0 and "restore" in shown and "2/2" in shown and "restored" in shown
    code, shown, _ = run_on_terminal("export", "--view", "full", "-o", str(tmp_path / "h.svg"), "--store", store,
                                     "--quiet")
    assert code == 0 and "2/2" not in shown
