"""A load folds new readouts' shares of the summaries in batches (kg.query.summaries.PendingShares):
the kept summaries are the same as folding each readout in alone, and a load stopped by Ctrl-C
still writes the shares of the readouts it stored."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from readout_factory import write_records

import kg.loader
from kg.loader import load_paths
from kg.query import post_holders, summaries
from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is a folder of scripts beside the package, not part of kg
    sys.path.insert(0, str(ROOT))

from bench.generate import write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batched")
    return sorted(write_corpus(16, 5, folder / "generated")) + write_records(folder / "records", 6)


def kept(store: Any) -> tuple[Any, ...]:
    commitments = {k: (s.readouts, s.first, s.last, s.text, frozenset(s.years))
                   for k, s in summaries.kept(store).items()}
    return commitments, post_holders.kept(store), summaries.triple_counts_kept(store)


def from_scratch(store: Any) -> tuple[Any, ...]:
    commitments = {k: (s.readouts, s.first, s.last, s.text, frozenset(s.years))
                   for k, s in summaries.computed_from_scratch(store).items()}
    return commitments, post_holders.computed_from_scratch(store), summaries.triple_counts_from_scratch(store)


def test_a_batch_of_shares_keeps_what_one_readout_at_a_time_keeps(
        tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    with EmbeddedStore(tmp_path / "batched") as batched:
        assert load_paths(batched, corpus, jobs=2).count("loaded") == len(corpus)
        in_batches = kept(batched)
    monkeypatch.setattr(kg.loader, "FLUSH_EVERY", 1)  # the pending shares written after every readout
    with EmbeddedStore(tmp_path / "one-by-one") as single:
        assert load_paths(single, corpus, jobs=2).count("loaded") == len(corpus)
        one_by_one = kept(single)
        assert one_by_one == from_scratch(single)
    assert in_batches == one_by_one
    assert len(in_batches[0]) > 10 and len(in_batches[1]) > 5 and len(in_batches[2]) == len(corpus)


def test_a_load_stopped_by_ctrl_c_writes_the_shares_of_what_it_stored(tmp_path: Path, corpus: list[Path]) -> None:
    stored: list[str] = []

    def stop_after_five(outcome: kg.loader.LoadOutcome) -> None:
        stored.append(outcome.status)
        if len(stored) == 5:
            raise KeyboardInterrupt

    with EmbeddedStore(tmp_path / "s") as store:
        with pytest.raises(KeyboardInterrupt):
            load_paths(store, corpus, jobs=1, progress=stop_after_five)
        assert stored == ["loaded"] * 5
        assert summaries.readouts_stored(store) == 5
        assert summaries.up_to_date(store)
        assert kept(store) == from_scratch(store)
        assert len(kept(store)[2]) == 5


def test_shares_pending_when_a_chinese_name_joins_or_leaves_are_counted_once(tmp_path: Path) -> None:
    """Identity rule 5 rewrites stored readouts (their summaries recomputed from the graphs)
    while the shares of readouts of the same batch are pending."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from test_zh_identity_order import CORPUS

    from kg.loader import PreparedReadout, identity_index, store_prepared
    from kg.model.record import Commitment, Span
    from kg.rdf.mapping import readout_id, readout_iri, record_to_graph

    def with_a_commitment(record: Any) -> Any:
        sentence = "Both sides will mobilise climate finance by 2030."
        start = len(record.text) + 1
        actors = sorted({p.actor for p in record.people if p.actor})
        commitment = Commitment(actors, sentence, ["finance"], 2030,
                                evidence=[Span(start, start + len(sentence), sentence)])
        return replace(record, text=f"{record.text} {sentence}", commitments=[commitment])

    with EmbeddedStore(tmp_path / "s") as store:
        identities, pending = identity_index(store), summaries.PendingShares()
        for i, record in enumerate(with_a_commitment(r) for r in CORPUS):
            graph = record_to_graph(record, loaded_at=datetime(2026, 1, 1, tzinfo=UTC))
            prepared = PreparedReadout(readout_iri(readout_id(record)), graph, record)
            assert store_prepared(store, prepared, f"r{i}", identities, pending).status == "loaded"
        pending.write(store)
        assert summaries.up_to_date(store)
        assert kept(store) == from_scratch(store)
        assert len(kept(store)[2]) == len(CORPUS)
        assert max(count for count, *_ in kept(store)[0].values()) > 1
