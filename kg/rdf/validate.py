"""SHACL validation of a readout graph (incrementally) or of a whole store, with a typed report.

`validate_readout` checks ONE readout: its graph plus what the shapes can see of the nodes it
links to (their types and the properties the shapes read, from the reference graph and, via
`context_from_store`, from the store) — never the whole store, so its cost does not grow with
the store. Only results about the readout's own subjects are kept, and they are the results
validating the whole store would give for those nodes (tests/test_validate_incremental.py).
That holds because the shapes never count or follow a shared node's per-readout evidence
links (kg:evidence), see ontology/shapes.ttl; which nodes a readout names is in its own graph
(schema:mentions).

The shapes are parsed once per process; no inference is run (the class hierarchy the shapes
need for sh:class is added to the data as plain rdfs:subClassOf triples).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import KGError
from kg.model.namespaces import KG, PREFIXES, SH
from kg.model.ontology import class_hierarchy, shapes_graph
from kg.rdf.shacl_fast import CompiledShapes, try_compile

# A shared node gets these from every readout that mentions it: they are never copied into
# a readout's validation context (the shapes check them value by value only).
HUB_PROPERTIES = frozenset({KG.evidence})
_READOUT_OWNED = ("readout/", "load/", "commitment/", "evidence/")
Triple = tuple[Node, Node, Node]
_SEVERITY: dict[URIRef, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: which node, which property, which value, what is wrong."""

    severity: str  # Violation, Warning or Info
    focus_node: str
    path: str | None
    value: str | None
    message: str
    source_shape: str | None
    component: str | None = None  # the SHACL constraint: MinCount, Class, Datatype, SPARQL...

    def text(self) -> str:
        where = compact(self.focus_node) + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """Whether the data conforms, its results (sorted), and the report as SHACL RDF.

    A report with no results builds its RDF when asked (`graph`): the loader asks only
    whether a readout conforms, and two rdflib graphs per readout cost more than the check.
    """

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    built: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        if self.built is None:
            self.built = _report_graph(Graph(), self.conforms, None)
        return self.built

    def text(self) -> str:
        if not self.results:
            return "Conforms: yes (no SHACL results)"
        head = f"Conforms: {'yes' if self.conforms else 'no'} ({len(self.results)} result(s))"
        return "\n".join([head, *(r.text() for r in self.results)])

    def to_json(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "results": [asdict(r) for r in self.results]}

    def json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False)

    def turtle(self) -> str:
        return self.graph.serialize(format="turtle")


def compact(iri: str) -> str:
    """'https://w3id.org/climate-kg/id/actor/CN' → 'id:actor/CN' (the longest matching prefix)."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(str(PREFIXES[best])):]}" if best else iri


# ---------------------------------------------------------------- parsed once


class _PreparedQueryGraph(Graph):
    """A data graph whose SPARQL queries are parsed once per text, not once per focus node.

    pySHACL runs an sh:sparql constraint's query for every focus node with the same text;
    rdflib would parse it each time (milliseconds); the parsed algebra is cached instead.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _frozen_shapes_graph() -> type:
    from pyshacl.shapes_graph import ShapesGraph

    class FrozenShapesGraph(ShapesGraph):  # type: ignore[misc]
        """pySHACL's ShapesGraph over shapes that never change: lookups are memoised.

        pySHACL re-reads each shape's parameters from the shapes graph every time it
        validates; the shapes graph is read-only here, so the answers are kept.
        """

        def __init__(self, graph: Graph) -> None:
            super().__init__(graph)
            self._po: dict[Node, tuple[tuple[Node, Node], ...]] = {}
            self._o: dict[tuple[Node, Node], tuple[Node, ...]] = {}

        def predicate_objects(self, s: Node) -> Any:
            found = self._po.get(s)
            if found is None:
                found = self._po[s] = tuple(self.graph.predicate_objects(s))
            return iter(found)

        def objects(self, s: Node, p: Node) -> Any:
            found = self._o.get((s, p))
            if found is None:
                found = self._o[(s, p)] = tuple(self.graph.objects(s, p))
            return iter(found)

    return FrozenShapesGraph


class _IndexedList(list[Any]):
    """A list whose `in` is a set lookup; everything else is a plain list."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _index_constraint_parameters() -> None:
    """Make pySHACL's per-shape scan for constraint parameters a set lookup (about 20% of its time).

    pySHACL keeps the list of constraint parameters in a module attribute it fills on first
    use, then tests every property of every shape with `in` against it, on every validation.
    The same list, with a hashed `in`, gives the same answers.
    """
    import pyshacl.shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    current = getattr(shape_module, "CONSTRAINT_PARAMS", (None, None))[0]
    if not isinstance(current, _IndexedList):
        shape_module.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _IndexedList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


@cache
def _shapes() -> tuple[Graph, Any, CompiledShapes | None]:
    """The shapes as a private rdflib graph, as pySHACL's ShapesGraph (shapes harvested) and
    compiled for the fast pre-check (None if they use a feature it does not implement)."""
    _index_constraint_parameters()
    private = Graph()
    for triple in shapes_graph():
        private.add(triple)
    try:
        parsed = _frozen_shapes_graph()(private)
        parsed.shapes  # noqa: B018 - harvests (and checks) every shape now, once
    except Exception as exc:  # pySHACL's load errors have no common base class
        raise KGError(f"ontology/shapes.ttl: the SHACL shapes cannot be loaded ({exc})") from exc
    return private, parsed, try_compile(private)


@cache
def _predicates_read_by_shapes() -> frozenset[URIRef]:
    """Every property a shape reads (sh:path, members of sequence paths, and rdf:type)."""
    graph = shapes_graph()
    found: set[URIRef] = {RDF.type}
    for path in graph.objects(None, SH.path):
        if isinstance(path, URIRef):
            found.add(path)
        elif isinstance(path, BNode):
            found.update(p for p in Collection(graph, path) if isinstance(p, URIRef))
    # The SPARQL constraint reads the meeting's dates (also sh:paths, listed for clarity).
    found.update(URIRef(f"https://schema.org/{p}") for p in ("startDate", "endDate"))
    return frozenset(found - HUB_PROPERTIES)


def described_predicates() -> frozenset[URIRef]:
    """The properties of a linked node that a readout's validation context copies."""
    return _predicates_read_by_shapes()


# ---------------------------------------------------------------- the nodes a readout touches


def readout_owned(node: Node, readout_ids: Iterable[str]) -> bool:
    """True for the readout's own nodes (readout, load, commitments, evidence): IRIs with its id."""
    text = str(node)
    base = str(PREFIXES["id"])
    return isinstance(node, URIRef) and any(
        text.startswith(f"{base}{kind}{rid}") for rid in readout_ids for kind in _READOUT_OWNED)


_TYPE, _READOUT = RDF.type, KG.Readout  # looked up once: rdflib makes a new term on each access


def readout_ids(graph: Graph | Iterable[Triple]) -> list[str]:
    triples = graph.triples((None, _TYPE, _READOUT)) if isinstance(graph, Graph) else graph
    return sorted(str(s).rsplit("/", 1)[1] for s, p, o in triples if o == _READOUT and p == _TYPE)


def linked_nodes(graph: Graph | Iterable[Triple]) -> set[URIRef]:
    """The IRIs a readout's graph (or its triples) mentions (as subject or object) that are
    not its own nodes."""
    triples = list(graph.triples((None, None, None)) if isinstance(graph, Graph) else graph)
    nodes: set[Node] = set()
    for s, _p, o in triples:
        nodes.add(s)
        nodes.add(o)
    owned = tuple(f"{PREFIXES['id']}{kind}{rid}" for rid in readout_ids(triples) for kind in _READOUT_OWNED)
    return {n for n in nodes if isinstance(n, URIRef) and not str(n).startswith(owned)}


def describe(nodes: Iterable[URIRef], sources: Iterable[Graph]) -> Graph:
    """From in-memory graphs: the described properties of `nodes`, and the types of their values."""
    out = Graph()
    out.addN((s, p, o, out) for s, p, o in _described(nodes, list(sources)))
    return out


def _described(nodes: Iterable[URIRef], sources: list[Graph]) -> set[tuple[Node, Node, Node]]:
    if len(sources) == 1 and sources[0] is _reference_graph():
        found: set[Triple] = set()
        for node in nodes:
            found.update(_described_in_reference(node))
        return found
    return _described_in(nodes, sources)


def _reference_graph() -> Graph:
    from kg.model.reference_rdf import reference_graph

    return reference_graph()


@lru_cache(maxsize=1 << 14)
def _described_in_reference(node: URIRef) -> frozenset[Triple]:
    """`_described` of one node in the reference graph alone, which never changes: every
    readout links to the same few hundred countries, topics and kinds."""
    return frozenset(_described_in([node], [_reference_graph()]))


def _described_in(nodes: Iterable[URIRef], sources: list[Graph]) -> set[tuple[Node, Node, Node]]:
    wanted = described_predicates()
    found: set[tuple[Node, Node, Node]] = set()
    values: set[URIRef] = set()
    for node in nodes:
        for source in sources:
            for _s, p, o in source.triples((node, None, None)):
                if p in wanted:
                    found.add((node, p, o))
                    if isinstance(o, URIRef) and p != RDF.type:
                        values.add(o)
    for value in values:
        for source in sources:
            found.update(source.triples((value, RDF.type, None)))
    return found


@cache
def _predicates_by_class() -> dict[Node, frozenset[URIRef]]:
    """Class → the properties the shapes targeting it (or a superclass of it) read on its instances."""
    shapes = shapes_graph()
    direct: dict[Node, set[URIRef]] = {}
    for node_shape in shapes.subjects(SH.targetClass, None):
        for cls in shapes.objects(node_shape, SH.targetClass):
            for prop in shapes.objects(node_shape, SH.property):
                path = shapes.value(prop, SH.path)
                first = path if isinstance(path, URIRef) else shapes.value(path, RDF.first) if path else None
                if isinstance(first, URIRef):
                    direct.setdefault(cls, set()).add(first)
    superclasses: dict[Node, set[Node]] = {}
    for sub, _p, sup in class_hierarchy():
        superclasses.setdefault(sub, set()).add(sup)
    closed: dict[Node, frozenset[URIRef]] = {}
    for cls in set(direct) | set(superclasses):
        seen: set[Node] = {cls}
        todo: list[Node] = [cls]
        while todo:
            for parent in superclasses.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closed[cls] = frozenset(p for c in seen for p in direct.get(c, ())) - HUB_PROPERTIES
    return closed


def context_from_store(graph: Graph, store: Any) -> Graph:
    """From a store (an EmbeddedStore or a pyoxigraph Store): what the shapes see of the linked nodes.

    For each node the readout links to: its types, then only the properties that the shapes
    targeting those types read (one index lookup per node and property, so a country
    mentioned by ten thousand readouts costs no more than one mentioned once); then the types
    of the values found. The readout's own named graph is skipped: it is about to be replaced.
    """
    import pyoxigraph as ox

    from kg.sparql.terms import from_ox, to_ox

    ox_store = getattr(store, "oxigraph", store)
    skip = {ox.NamedNode(str(graph.identifier))} if isinstance(graph.identifier, URIRef) else set()
    by_class = _predicates_by_class()
    out = Graph()
    values: set[URIRef] = set()

    def objects(node: Node, predicate: URIRef) -> list[Node]:
        quads = ox_store.quads_for_pattern(to_ox(node), ox.NamedNode(str(predicate)), None, None)
        # The default graph is the store's maintained union of the named graphs (it still
        # holds what the skipped graph says), so only named graphs other than it count.
        return [from_ox(q.object) for q in quads
                if q.graph_name not in skip and not isinstance(q.graph_name, ox.DefaultGraph)]

    for node in linked_nodes(graph):
        types = set(objects(node, RDF.type))
        out.addN((node, RDF.type, t, out) for t in types)
        types.update(graph.objects(node, RDF.type))
        for p in sorted({p for t in types for p in by_class.get(t, ())}):
            for o in objects(node, p):
                out.add((node, p, o))
                if isinstance(o, URIRef):
                    values.add(o)
    for value in values:
        out.addN((value, RDF.type, t, out) for t in objects(value, RDF.type))
    return out


# ---------------------------------------------------------------- running pySHACL


def _run(data: Graph) -> Graph:
    """pySHACL over `data` (with the class hierarchy added) with the parsed shapes."""
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph

    private, parsed, _compiled = _shapes()
    try:
        validator = Validator(DataGraph.from_rdflib(data), shacl_graph=private,
                              options={"inference": "none", "inplace": True, "allow_warnings": True})
        validator.shacl_graph = parsed  # reuse the harvested shapes instead of re-reading them
        _conforms, report, _text = validator.run()
    except Exception as exc:  # a processor failure, not data that does not conform
        raise KGError(f"SHACL validation failed to run ({type(exc).__name__}: {exc})") from exc
    if not isinstance(report, Graph):
        raise KGError(f"SHACL validation failed to run ({report})")
    return report


def _path_text(report: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):  # a sequence path: ( kg:evidence oa:hasSource )
        return "/".join(compact(str(p)) for p in Collection(report, path))
    return compact(str(path))


def _term_text(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return str(term)
    return compact(str(term)) if isinstance(term, URIRef) else str(term)


def _results(report: Graph, keep: set[URIRef] | None) -> list[ValidationResult]:
    out: set[ValidationResult] = set()
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        if focus is None or (keep is not None and focus not in keep):
            continue
        message = report.value(result, SH.resultMessage)
        shape = report.value(result, SH.sourceShape)
        component = report.value(result, SH.sourceConstraintComponent)
        out.add(ValidationResult(
            severity=_SEVERITY.get(URIRef(str(report.value(result, SH.resultSeverity))), "Violation"),
            focus_node=str(focus),
            path=_path_text(report, report.value(result, SH.resultPath)),
            value=_term_text(report.value(result, SH.value)),
            message=str(message) if message is not None else "does not conform",
            source_shape=str(shape) if isinstance(shape, URIRef) else None,
            component=str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent") if component else None,
        ))
    return sorted(out, key=lambda r: (r.focus_node, r.path or "", r.source_shape or "", r.message, r.value or ""))


def _reachable(graph: Graph, node: Node, out: Graph) -> None:
    for p, o in graph.predicate_objects(node):
        if (node, p, o) not in out:
            out.add((node, p, o))
            if isinstance(o, BNode):
                _reachable(graph, o, out)


def _report_graph(report: Graph, conforms: bool, keep: set[URIRef] | None) -> Graph:
    """pySHACL's report with only the kept results (and the conformance they give)."""
    graph = Graph()
    graph.bind("sh", SH)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(conforms)))
    for result in report.objects(None, SH.result):
        if keep is None or report.value(result, SH.focusNode) in keep:
            graph.add((node, SH.result, result))
            _reachable(report, result, graph)
    return graph


def _check(triples: set[tuple[Node, Node, Node]], keep: set[URIRef] | None, *,
           warnings: bool = True) -> ValidationReport:
    """The fast pre-check when it is sure the data conforms; else pySHACL's report.

    The data is kept as plain triples until pySHACL is needed: building an rdflib graph
    costs more than the whole pre-check. With `warnings=False` only conformance is asked for:
    a readout that can only draw warnings is not handed to pySHACL to write them down.
    """
    triples.update(class_hierarchy())
    compiled = _shapes()[2]
    if compiled is not None and compiled.conforms(triples, set(keep) if keep is not None else None,
                                                  violations_only=not warnings):
        return ValidationReport(True, [])  # its graph, when asked, is the empty report's
    data = _PreparedQueryGraph()
    data.addN((s, p, o, data) for s, p, o in triples)
    return _report(_run(data), keep)


def _report(report: Graph, keep: set[URIRef] | None) -> ValidationReport:
    results = _results(report, keep)
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms, results, _report_graph(report, conforms, keep))


def validate_readout(graph: Graph | Iterable[Triple], *, context: Graph | None = None,
                     warnings: bool = True) -> ValidationReport:
    """Validate one readout's graph (or its triples) with only the nodes it touches.

    `context` holds what is known of the nodes the readout links to (the reference graph,
    `context_from_store(graph, store)`, or both merged); the reference graph is always
    consulted too. Only the properties the shapes read are taken from it. Results are kept
    for the readout's own subjects; warnings do not make it non-conforming. With
    `warnings=False` a conforming readout's report may leave its warnings out (the loader
    asks only whether it conforms; a readout that does not gets the full report).
    """
    from kg.model.reference_rdf import reference_graph

    sources = [reference_graph()] + ([context] if context is not None else [])
    triples: set[tuple[Node, Node, Node]] = set(graph.triples((None, None, None)) if isinstance(graph, Graph) else graph)
    focus = {s for s, _p, _o in triples if isinstance(s, URIRef)}
    triples |= _described(linked_nodes(triples), sources)
    return _check(triples, focus, warnings=warnings)


def validate_graph(graph: Graph, *, focus_nodes: Iterable[URIRef] | None = None) -> ValidationReport:
    """Validate a whole graph (a store's union of graphs with its reference data): `kg validate`.

    With `focus_nodes`, only results about those nodes are kept (the whole graph is still
    what they are checked against).
    """
    triples: set[tuple[Node, Node, Node]] = set(graph.triples((None, None, None)))
    return _check(triples, set(focus_nodes) if focus_nodes is not None else None)
