"""How each type of node looks in the pictures (SVG, HTML) and in Gephi (GEXF viz colours)."""

from __future__ import annotations

# Colour-blind-friendly palette (Okabe-Ito and Tol), one per node type.
TYPE_COLORS: dict[str, str] = {
    "Country": "#0072B2",
    "SupranationalUnion": "#332288",
    "Organization": "#56B4E9",
    "Person": "#E69F00",
    "Post": "#F0C75E",
    "Forum": "#009E73",
    "Meeting": "#CC79A7",
    "Commitment": "#D55E00",
    "Readout": "#777777",
    "Topic": "#44AA99",
    "TargetYear": "#882255",
}
DEFAULT_COLOR = "#999999"

TYPE_NAMES: dict[str, str] = {
    "Country": "Country",
    "SupranationalUnion": "European Union",
    "Organization": "Organisation",
    "Person": "Person",
    "Post": "Post",
    "Forum": "Forum",
    "Meeting": "Meeting",
    "Commitment": "Commitment",
    "Readout": "Readout",
    "Topic": "Topic",
    "TargetYear": "Target year",
}


def color_of(node_type: str) -> str:
    return TYPE_COLORS.get(node_type, DEFAULT_COLOR)


def type_name(node_type: str) -> str:
    return TYPE_NAMES.get(node_type, node_type)


def rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
