"""Readers do not wait for a writer: a load moves its writes from the write-ahead log to the
table files as it goes (every FLUSH_EVERY readouts or FLUSH_SECONDS), so the log a reader
replays on opening stays short however long the load (figures: bench/reads_during_load.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from readout_factory import write_records

from kg.loader import FLUSH_EVERY, load_paths
from kg.store.embedded import EmbeddedStore


class CountingStore(EmbeddedStore):
    """The real embedded store, counting its flushes and the readouts stored between them."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.since_flush = 0
        self.longest_run = 0
        self.flushes = 0

    def add_new_graph(self, *args: Any) -> bool:
        added = super().add_new_graph(*args)
        self.since_flush += added
        self.longest_run = max(self.longest_run, self.since_flush)
        return added

    def flush(self) -> None:
        super().flush()
        self.flushes += 1
        self.since_flush = 0


def test_a_load_never_leaves_more_than_a_bounded_run_of_readouts_in_the_log(tmp_path: Path) -> None:
    inputs = write_records(tmp_path / "in", FLUSH_EVERY * 2 + 30)
    store = CountingStore(tmp_path / "store")
    try:
        summary = load_paths(store, [tmp_path / "in"])
        assert summary.count("loaded") == len(inputs)
        assert store.flushes >= 2
        assert store.longest_run <= FLUSH_EVERY
    finally:
        store.close()
