"""Writers of graph files that tools open as they are: GraphML, GEXF, Cytoscape.js JSON,
D3 node-link JSON and Graphviz DOT."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.layout import FONT_SIZE
from kg.export.reading import for_reading
from kg.export.style import color_of, rgb

PT = 0.75  # points per pixel: Graphviz places in points and draws PNG/SVG at 96 dpi
EDGE_LABELS_DRAWN = 60  # more edges than this: their relation names are not drawn

TIMED_TYPES = frozenset({"Meeting", "Commitment", "Readout"})


def file_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with unique edge ids ("e0", "e1", ...), as GraphML and GEXF want, and the
    edge's relation kept in its `label` attribute."""
    out = nx.MultiDiGraph()
    out.graph.update({k: str(v) for k, v in graph.graph.items()})
    out.add_nodes_from(graph.nodes(data=True))
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        out.add_edge(u, v, key=f"e{i}", **data)
    return out


def write_graphml(graph: nx.MultiDiGraph, out: Path) -> None:
    nx.write_graphml(file_graph(graph), out, encoding="utf-8", prettyprint=True)


def node_time(attrs: dict[str, Any]) -> tuple[str | None, str | None]:
    """When a node exists on a timeline: a meeting from its start to its end; a commitment
    and a readout from their date on; everything else always."""
    if attrs.get("type") not in TIMED_TYPES:
        return None, None
    start = attrs.get("start") or attrs.get("date")
    start = str(start)[:10] if start else None
    if start and len(start) == 7:
        start += "-01"
    end = attrs.get("end") if attrs.get("type") == "Meeting" else None
    return start, (str(end)[:10] if end else None)


def write_gexf(graph: nx.MultiDiGraph, out: Path) -> None:
    """GEXF 1.2, dynamic with date time format: meetings, commitments and readouts carry
    start (and end) dates, and so do the edges from them, so Gephi's timeline plays the
    graph. Nodes also carry viz colours and sizes by type and degree."""
    timed = file_graph(graph)
    timed.graph["mode"] = "dynamic"
    for node, attrs in list(timed.nodes(data=True)):
        start, end = node_time(attrs)
        attrs.pop("start", None)
        attrs.pop("end", None)
        if start:
            attrs["start"] = start
        if end:
            attrs["end"] = end
        r, g, b = rgb(color_of(str(attrs.get("type", ""))))
        attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                        "size": float(6 + 2 * min(timed.degree(node), 20))}
    for u, _v, data in timed.edges(data=True):
        if "first" in data:  # actors view: a pair's link exists from its first shared date
            data["start"] = str(data["first"])
            continue
        start, end = node_time(timed.nodes[u])
        if start:
            data["start"] = start
        if end:
            data["end"] = end
    nx.write_gexf(timed, out, encoding="utf-8", prettyprint=True, version="1.2draft")
    _force_date_timeformat(out)


def _force_date_timeformat(out: Path) -> None:
    """networkx sets timeformat="date" only once it meets a date; a graph with no dated node
    still gets a dynamic graph element with the date format, so Gephi reads it the same way."""
    text = out.read_text(encoding="utf-8")
    text = re.sub(r'<graph ([^>]*)mode="static"', r'<graph \1mode="dynamic"', text, count=1)
    if 'timeformat="' not in text:
        text = text.replace('<graph ', '<graph timeformat="date" ', 1)
    out.write_text(text, encoding="utf-8")


def cytoscape_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON (also what Cytoscape desktop imports as "Cytoscape.js JSON")."""
    nodes = [{"data": {"id": node, **attrs}} for node, attrs in graph.nodes(data=True)]
    edges = [
        {"data": {"id": f"e{i}", "source": u, "target": v, **attrs}}
        for i, (u, v, attrs) in enumerate(graph.edges(data=True))
    ]
    return {
        "format_version": "1.0",
        "generated_by": "climate-kg",
        "target_cytoscapejs_version": "~3.0",
        "data": {k: str(v) for k, v in graph.graph.items()},
        "elements": {"nodes": nodes, "edges": edges},
    }


def d3_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """D3 force-layout node-link JSON: {"nodes": [{"id", ...}], "links": [{"source", "target", ...}]}."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {k: str(v) for k, v in graph.graph.items()},
        "nodes": [{"id": node, **attrs} for node, attrs in graph.nodes(data=True)],
        "links": [{"source": u, "target": v, **attrs} for u, v, attrs in graph.edges(data=True)],
    }


def write_json(data: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def dot_quote(value: object) -> str:
    """A DOT double-quoted string: backslashes, quotes and line breaks escaped."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{text}"'


def dot_text(graph: nx.MultiDiGraph) -> str:
    """Graphviz DOT: a digraph with every attribute on its node or edge, coloured by type, and
    laid out for reading.

    Each node is pinned (`pos="x,y!"`, `layout=neato`) where kg's own layout puts it
    (kg/export/reading.py), so `dot -Tsvg` or `-Tpng` draws at once a picture at most 4,000 px
    a side with labels at 12 px, instead of `dot`'s 32,767 px strips or minutes of `sfdp`;
    a view too large for that shows its best-connected part, and the file says so."""
    readable = for_reading(graph)
    shown, placed = readable.graph, readable.placed
    name = str(graph.graph.get("name", "climate-kg"))
    lines = [f"digraph {dot_quote(name)} {{"]
    if readable.note:
        lines.append(f"  // {readable.note}")
    title = f"{name}: {readable.note}" if readable.note else name
    lines += [f'  graph [layout=neato, inputscale=72, overlap=true, splines=false, outputorder=edgesfirst, bgcolor="white", '
              f'fontname="Helvetica", fontsize=12, labelloc=t, label={dot_quote(title)}];',
              f'  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize={FONT_SIZE * PT:g}, '
              'margin="0.02,0.01", height=0.2, fontcolor="white"];',
              # many relation names along the edges would hide the nodes' names: kept as data, not drawn
              '  edge [fontname="Helvetica", fontsize=8, color="#9aa0a6", arrowsize=0.5'
              + (', fontcolor="transparent"];' if shown.number_of_edges() > EDGE_LABELS_DRAWN else "];")]
    for node, attrs in sorted(shown.nodes(data=True)):
        p = placed[node]
        # the box sits where the layout keeps room for node and label; y grows upwards in DOT
        x, y = p.x * PT, -(p.y + (p.label_height + 3) / 2) * PT
        fields: dict[str, Any] = {**attrs, "fillcolor": color_of(str(attrs.get("type", ""))),
                                  "pos": f"{x:.1f},{y:.1f}!"}
        if len(str(attrs.get("label", ""))) > len(p.label):
            fields["full_label"], fields["label"] = attrs["label"], p.label
        body = ", ".join(f"{_dot_key(k)}={dot_quote(v)}" for k, v in fields.items())
        lines.append(f"  {dot_quote(node)} [{body}];")
    for u, v, attrs in sorted(shown.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("label")))):
        body = ", ".join(f"{_dot_key(k)}={dot_quote(val)}" for k, val in attrs.items())
        if "weight" in attrs:
            body += f", penwidth={dot_quote(1 + min(int(attrs['weight']), 8) * 0.6)}"
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)} [{body}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_key(key: str) -> str:
    # Graphviz reads any identifier as an attribute name; quote anything else.
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else dot_quote(key)


def write_dot(graph: nx.MultiDiGraph, out: Path) -> None:
    out.write_text(dot_text(graph), encoding="utf-8")
