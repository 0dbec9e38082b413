"""RDF dumps of the store: Turtle (the union of all graphs), TriG and N-Quads (named graphs
kept), JSON-LD (named graphs kept); or of one readout's named graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import StoreError
from kg.model.namespaces import PREFIXES
from kg.sparql.terms import to_ox

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
GRAPH_AWARE = {"trig", "nquads", "jsonld"}


def dump_rdf(store: Any, fmt: str, out: Path, readout: str | None = None) -> tuple[int, int]:
    """Write the store (or one readout's graph) as RDF; returns (distinct subjects, statements)."""
    quads = []
    subjects: set[str] = set()
    for s, p, o, g in store.quads():
        # The named graphs are the record; a store may also keep their union in the default
        # graph, which a dump would only repeat.
        if g is None or (readout is not None and str(g) != readout):
            continue
        graph_name = to_ox(g) if (g is not None and fmt in GRAPH_AWARE) else ox.DefaultGraph()
        quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_name))  # type: ignore[arg-type]
        subjects.add(str(s))
    items: list[ox.Quad] | list[ox.Triple] = quads
    if fmt not in GRAPH_AWARE:
        # Turtle has no graphs: the same triple stated in two readouts is written once.
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    try:
        with out.open("wb") as handle:
            ox.serialize(items, handle, RDF_FORMATS[fmt], prefixes=prefixes)
    except (OSError, ValueError) as exc:
        raise StoreError(f"{out}: writing {fmt} failed ({exc})") from exc
    return len(subjects), len(items)


def readout_graph_exists(store: Any, readout: str) -> bool:
    return bool(store.has_graph(URIRef(readout)))
