"""Load invented records into a fresh store in a given order and read back every quad, for the
tests that check identity does not depend on the order readouts arrive in."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.namespace import PROV

from kg.loader import PreparedReadout, identity_index, store_prepared
from kg.model.record import Record
from kg.rdf.mapping import readout_id, readout_iri, record_to_graph
from kg.store.location import open_store

LOADED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def quads_loaded_in_order(corpus: Sequence[Record], order: Sequence[int]) -> set[tuple[Any, ...]]:
    """Every quad (load times aside) of a store loaded with `corpus` in `order`, one readout at a time
    as `kg load` stores them."""
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store") as store:
        for i in order:
            record = corpus[i]
            graph = record_to_graph(record, loaded_at=LOADED_AT)
            prepared = PreparedReadout(readout_iri(readout_id(record)), graph, record)
            outcome = store_prepared(store, prepared, f"r{i}", identity_index(store))
            assert outcome.status == "loaded", outcome.message
        return {(name, s, p, o) for name in store.graph_names() for s, p, o in store.graph(URIRef(name))
                if p != PROV.startedAtTime}
