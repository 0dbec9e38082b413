"""The names of the views and formats `kg export` offers, and the format a file name implies.

Kept free of heavy imports (networkx, pyoxigraph) so the command line can offer them as
choices without loading the export machinery.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError

VIEWS = ("full", "actors", "people", "commitments")
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "d3", "dot", "svg", "html")
RDF_FORMAT_NAMES = ("turtle", "trig", "nquads", "jsonld")
FORMATS = (*GRAPH_FORMATS, *RDF_FORMAT_NAMES)
# File name endings → format; the longest match wins (".cyjs.json" before ".json").
EXTENSIONS: dict[str, str] = {
    ".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape", ".cyjs.json": "cytoscape",
    ".cytoscape.json": "cytoscape", ".d3.json": "d3", ".json": "d3", ".dot": "dot", ".gv": "dot",
    ".svg": "svg", ".html": "html", ".htm": "html", ".ttl": "turtle", ".trig": "trig",
    ".nq": "nquads", ".nquads": "nquads", ".jsonld": "jsonld", ".json-ld": "jsonld",
}


def format_for(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one the file name's ending names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
        return fmt
    name = out.name.lower()
    for ending in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(ending):
            return EXTENSIONS[ending]
    raise UsageError(f"{out}: cannot tell the format from the file name; give --format "
                     f"({', '.join(FORMATS)})")
