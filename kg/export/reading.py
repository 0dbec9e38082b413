"""Pictures (SVG, DOT) of large views cut down to what a screen can show with legible labels.

A picture of every node of a large view is either huge at 1:1 (the dev corpus's full view was
11,000 × 10,000 px: only the legend shows) or, fitted to a screen, a grey blot with no label
that can be read. So a picture keeps its labels at their size and keeps fewer nodes instead:

1. the whole view, if its layout fits in MAX_PX × MAX_PX;
2. else without its unconnected nodes (they say least in a network picture), the layout
   compacted (kg.export.layout.compact: a spring layout of a network with hubs is mostly
   empty space);
3. else the best-connected nodes (by degree) as many as fit, with the links among them:
   a degree cut, tried with fewer nodes until the compacted layout fits.

What was left out is said in the picture (a line under its title) and in the file (SVG
`<desc>`, a DOT comment and graph label); the HTML page and the data formats (GraphML,
GEXF, ...) always hold every node.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.export.layout import FONT_SIZE, PAD, Placed, compact, layout, node_radius, short, text_width

MAX_PX = 4000.0  # the largest width and height of a picture, at 1:1
CHROME_PX = 420.0  # room the title, legend and margins take from that height
_ATTEMPTS = 6
FILL = 2.5  # a compacted layout's area over the sum of its footprints


@dataclass(frozen=True)
class Readable:
    """The graph a picture shows, its layout, and what was left out (None: nothing)."""

    graph: nx.MultiDiGraph
    placed: dict[str, Placed]
    note: str | None


def extent(placed: dict[str, Placed]) -> tuple[float, float]:
    """Width and height of a layout, labels included."""
    if not placed:
        return 0.0, 0.0
    left = min(min(p.x - p.label_width / 2, p.x - p.radius) for p in placed.values())
    right = max(max(p.x + p.label_width / 2, p.x + p.radius) for p in placed.values())
    top = min(p.y - p.radius for p in placed.values())
    bottom = max(p.y + p.radius + 3 + p.label_height for p in placed.values())
    return right - left, bottom - top


def _fits(placed: dict[str, Placed], max_px: float) -> bool:
    width, height = extent(placed)
    return width <= max_px - 100 and height <= max_px - CHROME_PX


def _connected(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    lonely = [n for n in graph.nodes if graph.degree(n) == 0 or set(graph.neighbors(n)) | set(graph.predecessors(n)) <= {n}]
    return graph.subgraph([n for n in graph.nodes if n not in set(lonely)]).copy()


def _best_connected(graph: nx.MultiDiGraph, keep: int) -> tuple[nx.MultiDiGraph, int]:
    """The `keep` nodes with most neighbours (ties: by id, for a stable picture), links among
    them, and no node the cut left alone; and the fewest neighbours a kept node has."""
    simple = nx.Graph(graph.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    ranked = sorted(simple.nodes, key=lambda n: (-simple.degree(n), str(n)))[:keep]
    threshold = min((simple.degree(n) for n in ranked), default=0)
    return _connected(graph.subgraph(ranked).copy()), threshold


def _footprint(graph: nx.MultiDiGraph, node: str) -> float:
    """The area a node and its label take in a compacted layout (kg.export.layout.compact)."""
    radius = node_radius(graph, node)
    width = max(text_width(short(graph.nodes[node].get("label", node))) / 2, radius) * 2 + PAD
    return width * (2 * radius + 3 + FONT_SIZE * 1.3 + PAD) * FILL


def for_reading(graph: nx.MultiDiGraph, max_px: float = MAX_PX) -> Readable:
    """The graph (or the part of it) a picture of at most max_px × max_px can show legibly."""
    budget = (max_px - 100) * (max_px - CHROME_PX)
    if sum(_footprint(graph, n) for n in graph.nodes) <= budget:  # else no layout can fit: skip it
        placed = layout(graph)
        if _fits(placed, max_px):
            return Readable(graph, placed, None)
    total = graph.number_of_nodes()
    shown = _connected(graph)
    # as many of the best-connected nodes as the budget holds, by their footprints
    simple = nx.Graph(shown.to_undirected())
    ranked = sorted(shown.nodes, key=lambda n: (-simple.degree(n), str(n)))
    keep, used = 0, 0.0
    for node in ranked:
        used += _footprint(shown, node)
        if used > budget:
            break
        keep += 1
    candidate, threshold, placed = shown, 0, {}
    for _ in range(_ATTEMPTS):
        if keep >= shown.number_of_nodes():
            candidate = shown
        else:
            candidate, threshold = _best_connected(shown, keep)
        placed = compact(layout(candidate), fill=FILL)
        if _fits(placed, max_px):
            break
        width, height = extent(placed)  # too big: fewer nodes, by how much the area overshot
        overshoot = max(width / (max_px - 100), 1.0) * max(height / (max_px - CHROME_PX), 1.0)
        keep = int(min(keep, candidate.number_of_nodes()) / overshoot * 0.95)
    if candidate is shown:
        left_out = total - shown.number_of_nodes()
        plural = "s" if left_out != 1 else ""
        note = (f"{left_out} unconnected node{plural} left out; every node: --format html or graphml"
                if left_out else None)
        return Readable(shown, placed, note)
    note = (f"showing the {candidate.number_of_nodes()} best-connected of {total} nodes (degree cut: "
            f"{threshold} or more neighbours) so that labels stay legible; every node: --format html or graphml")
    return Readable(candidate, placed, note)
