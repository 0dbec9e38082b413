"""One self-contained HTML page to explore a view: the data, the style and the script are
inside the file (no network), laid out by kg.export.layout and drawn as SVG by
page/explorer.js, with search, filters by type, topic and date, pan, zoom and details."""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.layout import layout
from kg.export.style import color_of, type_name
from kg.export.writers import node_time

TIME_KEYS = ("start", "end")


def page_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page's script draws: nodes with positions, edges, types, topics, date range."""
    placed = layout(graph)
    nodes = []
    topics: dict[str, str] = {}
    dates: list[str] = []
    for node, attrs in sorted(graph.nodes(data=True)):
        p = placed[node]
        start, end = node_time(attrs)
        entry: dict[str, Any] = {
            "id": node, "label": str(attrs.get("label", node)), "short": p.label, "type": str(attrs.get("type", "")),
            "x": round(p.x, 1), "y": round(p.y, 1), "r": round(p.radius, 1), "w": round(max(p.label_width, 2 * p.radius), 1),
            "attrs": {k: v for k, v in attrs.items() if k != "label"},
        }
        if start:
            entry["start"], entry["end"] = start, end or start
            dates += [start, end or start]
        if attrs.get("topics"):
            entry["topics"] = str(attrs["topics"]).split("; ")
            for slug in entry["topics"]:
                topics.setdefault(f"topic/{slug}", slug)
        if attrs.get("type") == "Topic":
            topics[node] = str(attrs.get("label", node))
        nodes.append(entry)
    edges = []
    for u, v, attrs in graph.edges(data=True):
        edge: dict[str, Any] = {"source": u, "target": v, "label": str(attrs.get("label", ""))}
        if "weight" in attrs:
            edge["weight"] = attrs["weight"]
        edges.append(edge)
    counts = Counter(str(t) for _, t in graph.nodes(data="type"))
    return {
        "graph": {k: str(v) for k, v in graph.graph.items()},
        "nodes": nodes,
        "edges": edges,
        "types": {t: {"name": type_name(t), "color": color_of(t), "count": n} for t, n in counts.items()},
        "topics": [{"id": k, "label": v} for k, v in sorted(topics.items(), key=lambda kv: kv[1].lower())],
        "dates": {"min": min(dates) if dates else None, "max": max(dates) if dates else None},
    }


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no '<', '>', '&' or line separators left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath("page", name).read_text(encoding="utf-8")


def html_text(graph: nx.MultiDiGraph) -> str:
    title = str(graph.graph.get("name", "climate-kg"))
    scope = [f"{k} {str(graph.graph[k]).rsplit('/', 1)[-1]}" for k in ("readout", "forum", "from", "to") if k in graph.graph]
    if scope:
        title += " (" + ", ".join(scope) + ")"
    page = _asset("explorer.html")
    # Fill the data last, so that nothing in the data can look like a placeholder.
    for placeholder, value in (("__KG_TITLE__", escape(title)), ("__KG_STYLE__", _asset("explorer.css")),
                               ("__KG_SCRIPT__", _asset("explorer.js").replace("</script", "<\\/script")),
                               ("__KG_DATA__", script_json(page_data(graph)))):
        page = page.replace(placeholder, value)
    return page


def write_html(graph: nx.MultiDiGraph, out: Path) -> None:
    out.write_text(html_text(graph), encoding="utf-8")
