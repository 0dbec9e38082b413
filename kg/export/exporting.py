"""Writing an export: a view of the store as a graph file, or an RDF dump of the store.

`export(store, view=..., fmt=..., out=...)` runs the view's CONSTRUCT
(queries/views/<view>.rq), projects it to a property graph (kg.export.projection),
narrows it (kg.export.scope) and writes it in one format (kg.export.writers, svg, html);
RDF formats dump the store's own triples (kg.export.rdf_dump).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import UsageError
from kg.export.formats import GRAPH_FORMATS, RDF_FORMAT_NAMES, VIEWS, format_for
from kg.export.html import write_html
from kg.export.rdf_dump import RDF_FORMATS, dump_rdf
from kg.export.scope import Scope, check_date, resolve_forum, resolve_readout, scope_source
from kg.export.svg import write_svg
from kg.export.views import build_view
from kg.export.writers import cytoscape_data, d3_data, write_dot, write_gexf, write_graphml, write_json
from kg.query.labels import ChineseNames, check_language, chinese_names, label_in
from kg.store.outputs import check_output_path, written_whole

GRAPH_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cytoscape": lambda g, out: write_json(cytoscape_data(g), out),
    "d3": lambda g, out: write_json(d3_data(g), out),
    "dot": write_dot,
    "svg": write_svg,
    "html": write_html,
}
# The names offered (kg.export.formats) and the writers here must be the same set.
assert tuple(GRAPH_WRITERS) == GRAPH_FORMATS and tuple(RDF_FORMATS) == RDF_FORMAT_NAMES
__all__ = ["ExportSummary", "build_view", "export"]


def _label_in_chinese(graph: nx.MultiDiGraph, names: ChineseNames) -> None:
    """Each node labelled by its Chinese name where it has one (English stays the fallback)."""
    for _, attrs in graph.nodes(data=True):
        attrs["label"] = label_in(str(attrs.get("iri", "")), str(attrs.get("label", "")), names, "zh")


@dataclass(frozen=True)
class ExportSummary:
    """What was written: node and edge counts (for RDF: subjects and statements), file, format."""

    nodes: int
    edges: int
    path: Path
    format: str

    @property
    def is_rdf(self) -> bool:
        return self.format in RDF_FORMATS


def export(store: Any, *, view: str, fmt: str | None, out: Path, readout: str | None = None,
           forum: str | None = None, date_from: str | None = None, date_to: str | None = None,
           progress: Callable[[str], None] | None = None, with_paths: bool = False, lang: str = "en") -> ExportSummary:
    """Write one view of the store (or, for RDF formats, the store's triples) to `out`.

    `progress` is told each step as it starts (building the view, writing the file). Readouts'
    source files appear by file name only, unless `with_paths` (a file is often sent to others:
    the folders of the machine it was made on are not theirs to read)."""
    step = progress or (lambda _step: None)
    out = Path(out)
    fmt = format_for(out, fmt)
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r} (views: {', '.join(VIEWS)})")
    date_from, date_to = check_date(date_from, "--from"), check_date(date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    readout_iri = resolve_readout(store, readout) if readout else None
    check_output_path(out)  # a regular file or nothing: never a device, pipe or link (before the work)

    if fmt in RDF_FORMATS:
        if view != "full" or forum or date_from or date_to:
            raise UsageError("RDF dumps hold the store's own triples: give no --view, --forum, "
                             "--from or --to with them (--readout picks one readout's graph)")
        step(f"writing {fmt}")
        with written_whole(out) as partial:
            subjects, statements = dump_rdf(store, fmt, partial, readout_iri)
        return ExportSummary(subjects, statements, out, fmt)

    step(f"building the {view} view")
    scope = Scope(readout=readout_iri, date_from=date_from, date_to=date_to)
    if forum:
        scope = Scope(readout=readout_iri, forum=resolve_forum(scope_source(store, scope), forum),
                      date_from=date_from, date_to=date_to)
    graph = build_view(store, view, scope, with_paths=with_paths)
    if check_language(lang) == "zh":
        _label_in_chinese(graph, chinese_names(store))
    step(f"writing {fmt} ({graph.number_of_nodes()} nodes)")
    with written_whole(out) as partial:
        GRAPH_WRITERS[fmt](graph, partial)
    return ExportSummary(graph.number_of_nodes(), graph.number_of_edges(), out, fmt)
