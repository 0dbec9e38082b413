"""SIGKILL in the middle of `kg load`: the store opens, validates, and holds each readout whole or not at all.

Then re-running the same command loads only what is missing and reports the rest unchanged.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest
from kg_process import expected_graphs, readouts_whole_or_absent, run_kg, start_kg, wait_for_lines
from readout_factory import write_records

from kg.query import summaries
from kg.store.embedded import EmbeddedStore

BATCH = 200


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_mid_batch_then_rerun(tmp_path: Path, jobs: str) -> None:
    inputs = write_records(tmp_path / "inbox", BATCH)
    expected = expected_graphs(inputs)
    assert len(expected) == BATCH
    store = tmp_path / "store"
    command = ["load", str(tmp_path / "inbox"), "--store", str(store), "--jobs", jobs]

    present = 0
    for kill_after in (20, 50):  # two interruptions at different points of the batch
        proc = start_kg(*command)
        assert proc.stdout is not None
        seen = wait_for_lines(proc.stdout, b"loaded:", kill_after)
        os.killpg(proc.pid, signal.SIGKILL)  # the load and any worker process it started
        proc.wait()
        assert seen == kill_after, proc.stderr.read().decode() if proc.stderr else ""
        assert proc.returncode == -signal.SIGKILL
        now = readouts_whole_or_absent(store, expected)
        assert max(present, kill_after) <= now < BATCH, "the kill came after the batch had finished"
        present = now

    valid = run_kg("validate", "--store", str(store))
    assert valid.returncode == 0, valid.stdout + valid.stderr

    again = run_kg(*command)
    assert again.returncode == 0, again.stderr
    summary = re.search(r"(\d+) loaded, (\d+) unchanged, (\d+) rejected, (\d+) failed", again.stdout)
    assert summary, again.stdout
    assert summary.groups() == (str(BATCH - present), str(present), "0", "0")
    assert readouts_whole_or_absent(store, expected) == BATCH
    with EmbeddedStore(store, read_only=True) as st:  # the summaries hold every readout's share
        assert summaries.up_to_date(st)
        kept = {k: (v.readouts, v.first, v.last, v.text, v.years) for k, v in summaries.kept(st).items()}
        assert kept == {k: (v.readouts, v.first, v.last, v.text, v.years)
                        for k, v in summaries.computed_from_scratch(st).items()}
