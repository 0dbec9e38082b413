"""Exports: a view of the store as a graph file a visualisation tool opens, or an RDF dump.

`export(store, view=..., fmt=..., out=...)` (in `exporting`) runs the view's CONSTRUCT
(queries/views/<view>.rq), projects it to a property graph (kg.export.projection),
narrows it (kg.export.scope) and writes it in one format (kg.export.writers, svg, html);
RDF formats dump the store's own triples (kg.export.rdf_dump). The names of views and
formats are in `formats`, which loads nothing heavy.

This package's names are loaded when first used (PEP 562), so `kg --help` does not import
networkx and pyoxigraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.export.formats import EXTENSIONS, FORMATS, VIEWS, format_for

if TYPE_CHECKING:
    from kg.export.exporting import ExportSummary, build_view, export

__all__ = ["EXTENSIONS", "FORMATS", "VIEWS", "ExportSummary", "build_view", "export", "format_for"]
_LAZY = {"ExportSummary", "build_view", "export"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from kg.export import exporting

        return getattr(exporting, name)
    raise AttributeError(f"module 'kg.export' has no attribute {name!r}")
