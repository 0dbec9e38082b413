"""Compaction after a large batch: the store holds exactly what it held before."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.loader
from kg.loader import load_paths
from kg.store.embedded import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_compacting_keeps_every_quad_and_answers_the_same(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        load_paths(store, [EXAMPLES])
        before = set(store.oxigraph)
        rows = sorted(str(r[0]) for r in store.query("SELECT ?s WHERE { ?s a ?type }"))
        store.compact()
        assert set(store.oxigraph) == before
        assert sorted(str(r[0]) for r in store.query("SELECT ?s WHERE { ?s a ?type }")) == rows


def test_compacting_leaves_no_write_ahead_log(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "s") as store:
        load_paths(store, [EXAMPLES])
        store.flush()
        assert sum(f.stat().st_size for f in (tmp_path / "s").glob("*.log")) > 0  # the writes are in logs
        store.compact()
        # RocksDB's logs are replayed into table files and deleted; the store still answers.
        assert sum(f.stat().st_size for f in (tmp_path / "s").glob("*.log")) == 0
        assert len(store.graph_names()) == len(list(EXAMPLES.glob("*.txt"))) + 2  # and the reference and summaries


def test_a_large_batch_is_compacted_once_at_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.loader, "COMPACT_AFTER", 2)
    calls: list[int] = []
    with EmbeddedStore(tmp_path / "s") as store:
        monkeypatch.setattr(store, "compact", lambda: calls.append(len(store.graph_names())))
        summary = load_paths(store, sorted(EXAMPLES.glob("*.txt"))[:1])
        assert summary.count("loaded") == 1 and calls == []  # below the threshold
        summary = load_paths(store, [EXAMPLES])
        assert summary.count("loaded") >= 2
        assert calls == [len(store.graph_names())]  # once, after the last write
