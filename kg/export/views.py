"""Views: a CONSTRUCT in queries/views/<name>.rq picks what to show; this module runs it,
projects the triples to a property graph, narrows it, and for the actors view folds meetings
and commitments into weighted actor-to-actor edges."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import QueryError, UsageError
from kg.export.formats import VIEWS
from kg.export.projection import JOIN, project
from kg.export.scope import Scope, facts_in_scope, narrow, scope_source
from kg.model.resources import queries_dir
from kg.sparql.terms import from_ox

ACTOR_TYPES = frozenset({"Country", "SupranationalUnion"})


def view_query(view: str) -> str:
    if view not in VIEWS:
        raise UsageError(f"unknown view {view!r} (views: {', '.join(VIEWS)})")
    path = queries_dir() / "views" / f"{view}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read the view query ({exc})") from exc


def build_view(store: Any, view: str, scope: Scope | None = None, *, with_paths: bool = False) -> nx.MultiDiGraph:
    """The property graph of one view of the store, narrowed to the scope. Readouts' source
    files appear by file name only unless `with_paths` (a view is often sent to others: the
    folders of the machine it was made on are not theirs to read)."""
    scope = scope or Scope()
    source = scope_source(store, scope)
    triples = ((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in source.query(view_query(view)))
    graph = project(triples)
    if scope.narrows_facts:
        graph = narrow(graph, facts_in_scope(source, scope))
    if view == "actors":
        graph = fold_actor_links(graph)
    graph.graph.update(_graph_attributes(view, scope))
    if not with_paths:
        file_names_only(graph)
    return graph


PATH_ATTRIBUTES = ("source_path", "readout_source")  # attributes holding a readout's source file


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def file_names_only(graph: nx.MultiDiGraph) -> None:
    """Each source path attribute cut to its file name (several paths are joined by JOIN); an
    untitled readout's `readout` attribute, which is its path, too."""
    for _node, attrs in graph.nodes(data=True):
        paths = {part for key in PATH_ATTRIBUTES if attrs.get(key) for part in str(attrs[key]).split(JOIN)}
        for key in (*PATH_ATTRIBUTES, "readout"):
            if attrs.get(key):
                attrs[key] = JOIN.join(_file_name(part) if key != "readout" or part in paths else part
                                       for part in str(attrs[key]).split(JOIN))


def _graph_attributes(view: str, scope: Scope) -> dict[str, str]:
    attrs = {"name": f"climate-kg {view} view", "view": view}
    for key, value in (("readout", scope.readout), ("forum", scope.forum),
                       ("from", scope.date_from), ("to", scope.date_to)):
        if value:
            attrs[key] = value
    return attrs


def fold_actor_links(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Actors only, one edge per pair that met or committed together.

    Edge attributes: meetings (how many meetings both took part in or hosted), commitments
    (how many commitments both made), weight (their sum), first and last (dates).
    Node attributes gain the actor's own meetings and commitments counts.
    """
    meetings: Counter[tuple[str, str]] = Counter()
    commitments: Counter[tuple[str, str]] = Counter()
    dates: dict[tuple[str, str], list[str]] = defaultdict(list)
    own: dict[str, Counter[str]] = defaultdict(Counter)
    for fact, ftype in graph.nodes(data="type"):
        if ftype not in ("Meeting", "Commitment"):
            continue
        actors = sorted({t for _, t in graph.out_edges(fact) if graph.nodes[t]["type"] in ACTOR_TYPES})
        when = str(graph.nodes[fact].get("start") or graph.nodes[fact].get("date") or "")
        for actor in actors:
            own[actor]["meetings" if ftype == "Meeting" else "commitments"] += 1
        for pair in combinations(actors, 2):
            (meetings if ftype == "Meeting" else commitments)[pair] += 1
            if when:
                dates[pair].append(when)

    folded = nx.MultiDiGraph()
    for actor, node_attrs in graph.nodes(data=True):
        if node_attrs["type"] in ACTOR_TYPES:
            folded.add_node(actor, **node_attrs, meetings=own[actor]["meetings"],
                            commitments=own[actor]["commitments"])
    for pair in sorted(set(meetings) | set(commitments)):
        m, c = meetings[pair], commitments[pair]
        attrs: dict[str, Any] = {"label": _link_label(m, c), "meetings": m, "commitments": c, "weight": m + c}
        if dates[pair]:
            attrs["first"], attrs["last"] = min(dates[pair]), max(dates[pair])
        folded.add_edge(*pair, key="together", **attrs)
    return folded


def _link_label(meetings: int, commitments: int) -> str:
    parts = []
    if meetings:
        parts.append(f"{meetings} meeting{'s' if meetings != 1 else ''}")
    if commitments:
        parts.append(f"{commitments} commitment{'s' if commitments != 1 else ''}")
    return ", ".join(parts)
