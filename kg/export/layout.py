"""Where to draw each node: a seeded spring layout, scaled and then spread until no two
labels overlap, so a picture of a view reads as names, not a blot."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

SEED = 7
FONT_SIZE = 12.0
CHAR_WIDTH = 0.56  # average advance of a sans-serif glyph, in ems
LABEL_CHARS = 30
PAD = 6.0


@dataclass(frozen=True)
class Placed:
    """A node's centre, radius and label box size, in pixels."""

    x: float
    y: float
    radius: float
    label: str
    label_width: float
    label_height: float


def short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_radius(graph: nx.MultiDiGraph, node: str) -> float:
    attrs = graph.nodes[node]
    if "meetings" in attrs or "commitments" in attrs:  # actors view: size by activity
        activity = int(attrs.get("meetings", 0)) + int(attrs.get("commitments", 0))
        return min(26.0, 6.0 + 3.0 * math.sqrt(activity))
    return min(20.0, 5.0 + 2.0 * math.sqrt(graph.degree(node)))


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    wide = sum(1 for c in text if ord(c) > 0x2E80)  # CJK glyphs are about one em wide
    return font_size * (CHAR_WIDTH * (len(text) - wide) + wide)


def layout(graph: nx.MultiDiGraph) -> dict[str, Placed]:
    """Pixel positions for every node, with room for its label below it.

    Each connected part is laid out on its own (a spring layout would fling small parts to
    the corners), spread until no labels overlap, and the parts are packed in rows."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = _weighted_simple(graph)
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    laid = [_layout_part(graph, simple.subgraph(part)) for part in parts]
    return _pack(laid)


def _weighted_simple(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        weight = float(data.get("weight", 1))
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        elif u != v:
            simple.add_edge(u, v, weight=weight)
    # Gentle weights: a heavy link pulls harder, but not into one point.
    for _, _, data in simple.edges(data=True):
        data["pull"] = 1.0 + math.log1p(data["weight"])
    return simple


def _layout_part(graph: nx.MultiDiGraph, part: nx.Graph) -> dict[str, Placed]:
    nodes = sorted(part.nodes)
    n = len(nodes)
    if n == 1:
        xy = np.zeros((1, 2))
    elif n == 2:
        xy = np.array([[0.0, 0.0], [1.0, 0.3]])
    else:
        xy = _landscape(force_layout(part, nodes))
    labels = [short(graph.nodes[v].get("label", v)) for v in nodes]
    radii = np.array([node_radius(graph, v) for v in nodes])
    widths = np.array([text_width(t) for t in labels])
    height = FONT_SIZE * 1.3
    # Footprint of node plus label: half-width, and extents above and below the centre.
    half_w = np.maximum(widths / 2, radii) + PAD / 2
    up = radii + PAD / 2
    down = radii + 3 + height + PAD / 2
    xy = _scale(xy, float(np.median(half_w)) * 1.5 + 20)
    xy = _spread(xy, half_w, up, down)
    xy[:, 0] -= (xy[:, 0] - half_w).min()
    xy[:, 1] -= (xy[:, 1] - up).min()
    return {
        v: Placed(float(xy[i, 0]), float(xy[i, 1]), float(radii[i]), labels[i], float(widths[i]), height)
        for i, v in enumerate(nodes)
    }


DENSE_LIMIT = 700  # above this many nodes, repulsion comes from a sample (memory and time)
SAMPLE = 256
PAIR_BUDGET = 8_000_000


def force_layout(part: nx.Graph, nodes: list[str]) -> np.ndarray:
    """Fruchterman-Reingold without scipy: repulsion between all pairs (for big parts, from
    a fresh random sample of nodes each round), attraction along weighted edges."""
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v], d.get("pull", 1.0)) for u, v, d in part.edges(data=True)],
                     dtype=float).reshape(-1, 3)
    src, dst, pull = edges[:, 0].astype(int), edges[:, 1].astype(int), edges[:, 2]
    rng = np.random.default_rng(SEED)
    xy = rng.random((n, 2))
    k = 1.6 / math.sqrt(n)
    iterations = 300 if n <= DENSE_LIMIT else max(40, min(120, 240_000 // n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        displacement = np.zeros_like(xy)
        if n <= DENSE_LIMIT:
            delta = xy[:, None, :] - xy[None, :, :]
            distance = np.maximum(np.sqrt((delta**2).sum(axis=2)), 0.01)
            displacement += (delta * (k * k / distance**2)[:, :, None]).sum(axis=1)
        else:
            # Repulsion from a random sample of the nodes, scaled up: bounded time and memory
            # however big the part (a cut-off radius is not: the core of a big part is dense).
            sample = rng.choice(n, size=SAMPLE, replace=False)
            delta = xy[:, None, :] - xy[None, sample, :]
            distance = np.maximum(np.sqrt((delta**2).sum(axis=2)), 0.01)
            displacement += (delta * (k * k / distance**2)[:, :, None]).sum(axis=1) * (n / SAMPLE)
        delta = xy[src] - xy[dst]
        distance = np.maximum(np.sqrt((delta**2).sum(axis=1)), 0.01)
        tug = delta * (pull * distance / k)[:, None]
        np.add.at(displacement, src, -tug)
        np.add.at(displacement, dst, tug)
        length = np.maximum(np.sqrt((displacement**2).sum(axis=1)), 0.01)
        xy += displacement * (temperature / length)[:, None]
        temperature -= cooling
    return xy


def close_pairs(x: np.ndarray, window: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Index pairs (i, j), i != j, whose x coordinates differ by less than `window`:
    sort by x, and pair each node with those after it inside the window. None when there
    would be more than PAIR_BUDGET pairs."""
    order = np.argsort(x, kind="stable")
    xs = x[order]
    ends = np.searchsorted(xs, xs + window, side="right")
    counts = ends - np.arange(len(xs)) - 1
    total = int(counts.sum())
    if total > PAIR_BUDGET:
        return None
    if total == 0:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    first = np.repeat(np.arange(len(xs)), counts)
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return order[first], order[first + 1 + offset]


def _landscape(xy: np.ndarray) -> np.ndarray:
    """Turn a layout so its longest axis lies horizontal: pages and screens are wide."""
    centred = xy - xy.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(centred.T))
    return centred @ vectors[:, ::-1]  # the main axis (largest eigenvalue) becomes x


def _extent(part: dict[str, Placed]) -> tuple[float, float]:
    width = max(p.x + max(p.label_width / 2, p.radius) + PAD for p in part.values())
    height = max(p.y + p.radius + 3 + p.label_height + PAD for p in part.values())
    return width, height


def _pack(parts: list[dict[str, Placed]]) -> dict[str, Placed]:
    """Parts in rows, biggest first."""
    extents = [_extent(p) for p in parts]
    # As wide as the widest part (the small parts fill rows under it), but not a thin column.
    row_limit = max(max(w for w, _ in extents), 480.0)
    gap = 3 * PAD
    placed: dict[str, Placed] = {}
    x = y = row_height = 0.0
    for part, (w, h) in zip(parts, extents, strict=True):
        if x > 0 and x + w > row_limit:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, p in part.items():
            placed[node] = Placed(p.x + x, p.y + y, p.radius, p.label, p.label_width, p.label_height)
        x += w + gap
        row_height = max(row_height, h)
    return placed


def _scale(xy: np.ndarray, target_gap: float) -> np.ndarray:
    """Scale so that a node's nearest neighbour is, on median, `target_gap` pixels away."""
    if len(xy) < 2:
        return xy * 0.0
    # Nearest neighbours of (at most) 400 nodes, which is enough for a median.
    probe = np.random.default_rng(SEED).choice(len(xy), size=min(len(xy), 400), replace=False)
    diff = xy[probe, None, :] - xy[None, :, :]
    dist = np.sqrt((diff**2).sum(axis=2))
    dist[np.arange(len(probe)), probe] = np.inf
    nearest = float(np.median(dist.min(axis=1)))
    return xy * (target_gap / nearest if nearest > 0 else 1.0)


def _spread(xy: np.ndarray, half_w: np.ndarray, up: np.ndarray, down: np.ndarray,
            rounds: int = 400) -> np.ndarray:
    """Push apart every pair of overlapping footprints along the axis where they overlap least."""
    xy = xy.copy()
    n = len(xy)
    if n < 2:
        return xy
    rng = np.random.default_rng(SEED)
    if n > DENSE_LIMIT:
        return _spread_sparse(xy, half_w, up, down, rounds)
    for _ in range(rounds):
        dx = xy[None, :, 0] - xy[:, None, 0]  # j - i
        dy = xy[None, :, 1] - xy[:, None, 1]
        overlap_x = (half_w[:, None] + half_w[None, :]) - np.abs(dx)
        # j below i: i's down extent meets j's up extent; j above: the reverse.
        reach_y = np.where(dy >= 0, down[:, None] + up[None, :], up[:, None] + down[None, :])
        overlap_y = reach_y - np.abs(dy)
        clash = (overlap_x > 0) & (overlap_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        move = np.zeros_like(xy)
        along_x = clash & (overlap_x * 1.0 < overlap_y * 1.6)  # labels are wide: prefer moving sideways
        along_y = clash & ~along_x
        sign_x = np.where(dx == 0, rng.choice([-1.0, 1.0], size=dx.shape), np.sign(dx))
        sign_y = np.where(dy == 0, rng.choice([-1.0, 1.0], size=dy.shape), np.sign(dy))
        move[:, 0] -= (np.where(along_x, overlap_x * sign_x, 0.0) / 2 + 0.5 * along_x * sign_x).sum(axis=1)
        move[:, 1] -= (np.where(along_y, overlap_y * sign_y, 0.0) / 2 + 0.5 * along_y * sign_y).sum(axis=1)
        # Each node moves at most a footprint per round, so the layout's shape survives.
        limit = np.maximum(half_w, (up + down) / 2)[:, None]
        xy += np.clip(move * 0.5, -limit, limit)
    return xy


def _spread_sparse(xy: np.ndarray, half_w: np.ndarray, up: np.ndarray, down: np.ndarray,
                   rounds: int) -> np.ndarray:
    """The same push as _spread, for big parts: only pairs whose footprints can meet."""
    xy = xy.copy()
    reach = 2 * float(half_w.max())
    limit = np.maximum(half_w, (up + down) / 2)[:, None]
    for _ in range(min(rounds, 150)):
        pairs = close_pairs(xy[:, 0], reach)
        if pairs is None:
            break  # too crowded to untangle label by label: leave it to zooming in
        i, j = pairs
        dx = xy[j, 0] - xy[i, 0]
        dy = xy[j, 1] - xy[i, 1]
        overlap_x = half_w[i] + half_w[j] - np.abs(dx)
        reach_y = np.where(dy >= 0, down[i] + up[j], up[i] + down[j])
        overlap_y = reach_y - np.abs(dy)
        clash = (overlap_x > 0) & (overlap_y > 0)
        if not clash.any():
            break
        i, j, dx, dy, overlap_x, overlap_y = i[clash], j[clash], dx[clash], dy[clash], overlap_x[clash], overlap_y[clash]
        sideways = overlap_x < overlap_y * 1.6
        sign_x = np.where(dx == 0, 1.0, np.sign(dx))
        sign_y = np.where(dy == 0, 1.0, np.sign(dy))
        push = np.zeros((len(i), 2))
        push[:, 0] = np.where(sideways, (overlap_x / 2 + 0.5) * sign_x, 0.0)
        push[:, 1] = np.where(~sideways, (overlap_y / 2 + 0.5) * sign_y, 0.0)
        move = np.zeros_like(xy)
        np.add.at(move, i, -push)
        np.add.at(move, j, push)
        xy += np.clip(move * 0.5, -limit, limit)
    return xy


def compact(placed: dict[str, Placed], structure: float = 0.3, fill: float = 2.5) -> dict[str, Placed]:
    """The same nodes packed into about `fill` times the area their footprints need.

    A spring layout of a network with hubs leaves most of its box empty (leaves flung far out,
    long edges), so a large view became a huge picture. Here each axis is mostly replaced by
    the nodes' rank along it (which spreads them evenly and keeps who is left of whom), a
    `structure` share of the original distances kept, then overlaps are pushed apart again."""
    if len(placed) < 3:
        return placed
    nodes = sorted(placed)
    items = [placed[v] for v in nodes]
    xy = np.array([[p.x, p.y] for p in items])
    radii = np.array([p.radius for p in items])
    half_w = np.maximum(np.array([p.label_width for p in items]) / 2, radii) + PAD / 2
    up = radii + PAD / 2
    down = radii + 3 + np.array([p.label_height for p in items]) + PAD / 2
    area = float((2 * half_w * (up + down)).sum()) * fill
    width = math.sqrt(area * 4 / 3)  # a screen's shape
    height = area / width

    def even(values: np.ndarray) -> np.ndarray:
        rank = np.argsort(np.argsort(values, kind="stable"), kind="stable")
        span = max(float(values.max() - values.min()), 1e-9)
        return (1 - structure) * (rank + 0.5) / len(values) + structure * (values - values.min()) / span

    packed = np.stack([even(xy[:, 0]) * width, even(xy[:, 1]) * height], axis=1)
    packed = _spread(packed, half_w, up, down)
    packed[:, 0] -= (packed[:, 0] - half_w).min()
    packed[:, 1] -= (packed[:, 1] - up).min()
    return {v: Placed(float(packed[i, 0]), float(packed[i, 1]), p.radius, p.label, p.label_width, p.label_height)
            for i, (v, p) in enumerate(zip(nodes, items, strict=True))}

