"""An SVG picture of a view: nodes coloured by type, labels with a halo, edge widths by
weight, a title and a legend; drawn from the layout in kg.export.layout."""

from __future__ import annotations

from html import escape
from pathlib import Path

import networkx as nx

from kg.export.layout import FONT_SIZE, Placed
from kg.export.reading import for_reading
from kg.export.style import color_of, type_name

MARGIN = 40.0
LEGEND_ROW = 20.0
TITLE_HEIGHT = 34.0


def svg_text(graph: nx.MultiDiGraph) -> str:
    """The picture; a view too large to show legibly is cut down first (kg/export/reading.py),
    and the picture says so under its title."""
    total = graph.number_of_nodes(), graph.number_of_edges()
    readable = for_reading(graph)
    graph, placed, note = readable.graph, readable.placed, readable.note
    subtitle = 22.0 if note else 0.0
    types = sorted({str(t) for _, t in graph.nodes(data="type")}, key=type_name)
    weighted = any("weight" in d for _, _, d in graph.edges(data=True))
    legend_rows = len(types) + (2 if weighted else 0)
    legend_w = 230.0
    legend_h = 16 + LEGEND_ROW * max(legend_rows, 1)

    content_w = max((p.x + max(p.label_width / 2, p.radius) for p in placed.values()), default=0.0)
    content_h = max((p.y + p.radius + 3 + p.label_height for p in placed.values()), default=0.0)
    left = -min((min(p.x - p.label_width / 2, p.x - p.radius) for p in placed.values()), default=0.0)
    top = max(p.radius for p in placed.values()) if placed else 0.0
    width = max(left + content_w + 2 * MARGIN, legend_w + 2 * MARGIN, 480.0)
    height = TITLE_HEIGHT + subtitle + legend_h + top + content_h + 3 * MARGIN
    ox, oy = MARGIN + left, TITLE_HEIGHT + subtitle + legend_h + 2 * MARGIN + top

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Helvetica, Arial, \'Noto Sans CJK SC\', \'Noto Sans SC\', sans-serif">',
        '<style>.label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;fill:#222}'
        '.edge{stroke:#9aa0a6;fill:none}</style>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="{MARGIN / 2 + 16:.0f}" font-size="18" font-weight="bold" fill="#222">'
        f'{escape(_title(graph, total))}</text>',
    ]
    if note:
        out.insert(1, f"<desc>{escape(note)}</desc>")
        out.append(f'<text class="note" x="{MARGIN}" y="{MARGIN / 2 + 16 + subtitle:.0f}" font-size="14" '
                   f'fill="#444">{escape(note)}</text>')
    out += _legend(types, weighted, MARGIN, TITLE_HEIGHT + subtitle + MARGIN / 2)
    out.append(f'<g transform="translate({ox:.1f},{oy:.1f})">')
    out += _edges(graph, placed)
    out += _nodes(graph, placed)
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _title(graph: nx.MultiDiGraph, total: tuple[int, int]) -> str:
    parts = [str(graph.graph.get("name", "climate-kg"))]
    for key in ("readout", "forum", "from", "to"):
        if key in graph.graph:
            parts.append(f"{key} {str(graph.graph[key]).rsplit('/', 1)[-1]}")
    shown = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if (graph.number_of_nodes(), graph.number_of_edges()) != total:
        shown += f" (of {total[0]} nodes, {total[1]} edges)"
    return " · ".join(parts) + f" — {shown}"


def _legend(types: list[str], weighted: bool, x: float, y: float) -> list[str]:
    rows = [f'<g class="legend" transform="translate({x:.0f},{y:.0f})">']
    for i, node_type in enumerate(types):
        cy = 10 + i * LEGEND_ROW
        rows.append(f'<circle cx="8" cy="{cy:.0f}" r="6" fill="{color_of(node_type)}"/>'
                    f'<text x="22" y="{cy + 4:.0f}" font-size="13" fill="#222">{escape(type_name(node_type))}</text>')
    if weighted:
        cy = 10 + len(types) * LEGEND_ROW
        rows.append(f'<line x1="0" y1="{cy:.0f}" x2="16" y2="{cy:.0f}" class="edge" stroke-width="1.5"/>'
                    f'<line x1="0" y1="{cy + LEGEND_ROW:.0f}" x2="16" y2="{cy + LEGEND_ROW:.0f}" class="edge" stroke-width="7"/>'
                    f'<text x="22" y="{cy + 4:.0f}" font-size="13" fill="#222">1 meeting or commitment together</text>'
                    f'<text x="22" y="{cy + LEGEND_ROW + 4:.0f}" font-size="13" fill="#222">'
                    'many: line width = meetings + commitments</text>')
    rows.append("</g>")
    return rows


def _edges(graph: nx.MultiDiGraph, placed: dict[str, Placed]) -> list[str]:
    out = []
    drawn: set[tuple[str, str]] = set()
    # Many edges drawn opaque turn into a grey sheet under the labels: thin them out.
    opacity = max(0.08, min(0.7, 80 / max(graph.number_of_edges(), 1)))
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        if (u, v) in drawn or u == v:
            continue  # one line per pair of nodes, whatever the number of relations
        drawn.add((u, v))
        a, b = placed[u], placed[v]
        width = 1.2 + min(float(data.get("weight", 1)), 10.0) * 0.7 if "weight" in data else 1.0
        out.append(f'<line class="edge" x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" '
                   f'stroke-width="{width:.1f}" stroke-opacity="{opacity:.2f}"><title>{escape(str(data.get("label", "")))}</title></line>')
    return out


def _nodes(graph: nx.MultiDiGraph, placed: dict[str, Placed]) -> list[str]:
    out = []
    for node, p in sorted(placed.items()):
        attrs = graph.nodes[node]
        tip = escape(f"{type_name(str(attrs.get('type', '')))}: {attrs.get('label', node)}")
        out.append(f'<g class="node"><title>{tip}</title>'
                   f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="{p.radius:.1f}" '
                   f'fill="{color_of(str(attrs.get("type", "")))}" stroke="#fff" stroke-width="1.5"/>'
                   f'<text class="label" x="{p.x:.1f}" y="{p.y + p.radius + 3 + FONT_SIZE:.1f}" '
                   f'font-size="{FONT_SIZE:.0f}" text-anchor="middle">{escape(p.label)}</text></g>')
    return out


def write_svg(graph: nx.MultiDiGraph, out: Path) -> None:
    out.write_text(svg_text(graph), encoding="utf-8")
