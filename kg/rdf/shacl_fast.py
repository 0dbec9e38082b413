"""A fast, conservative pre-check of the SHACL shapes: "certainly conforms" or "ask pySHACL".

pySHACL costs about 0.07 ms per triple (some 20 ms for a readout of 300 triples), nearly all
of it spent on graphs that conform. This module compiles the shapes of ontology/shapes.ttl
once into plain Python checks for the SHACL features they use, and runs them in well under
that. It never writes a report: when it finds nothing, the data conforms with no result at
all (not even a warning); when it finds anything, or when the shapes use a feature it does
not know, `kg.rdf.validate` runs pySHACL, whose report is the answer. So the check must never
miss what pySHACL would report; it may report more (tests/test_shacl_fast.py checks both on
every rule broken on purpose).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.model.namespaces import SH

# Lexical forms, stricter than or equal to what pySHACL accepts for these datatypes.
_LEXICAL = {
    XSD.string: None,
    XSD.integer: re.compile(r"^[+-]?[0-9]+$"),
    XSD.boolean: re.compile(r"^(true|false|1|0)$"),
    XSD.date: re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    XSD.gYear: re.compile(r"^[0-9]{4}$"),
    XSD.gYearMonth: re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
    XSD.dateTime: re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$"),
}
_PROPERTY_PARAMETERS = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.pattern, SH.nodeKind, SH.hasValue,
    SH.minLength, SH.minInclusive, SH.maxInclusive, SH.uniqueLang, SH.lessThanOrEquals, SH.equals,
    SH.message, SH.severity, SH.name, SH.description, RDF.type, RDFS.comment, RDFS.label, SH["or"],
}
_NODE_PARAMETERS = {SH.targetClass, SH.targetObjectsOf, SH.property, SH.sparql, RDF.type, RDFS.comment,
                    RDFS.label, SH.message}



# Namespace attributes are looked up through rdflib's __getattr__ on every use: the hot
# paths below use these constants instead (half a million lookups per 200 readouts).
_RDF_TYPE = RDF.type
_SUBCLASS_OF = RDFS.subClassOf
_XSD_STRING = XSD.string
_XSD_DATE = XSD.date


class _Data:
    """The data graph indexed once, in one pass, for the lookups the checks make."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.out: dict[tuple[Node, Node], list[Node]] = {}
        self.by_subject: dict[Node, list[tuple[Node, Node]]] = {}
        self.by_predicate: dict[Node, list[Node]] = {}
        typed = self.by_predicate.setdefault(_TYPED, [])
        for s, p, o in triples if isinstance(triples, (set, frozenset)) else set(triples):
            self.out.setdefault((s, p), []).append(o)
            self.by_subject.setdefault(s, []).append((p, o))
            self.by_predicate.setdefault(p, []).append(o)
            if p == _RDF_TYPE:
                typed.append(s)
        self.superclasses = _close(self.out, self.by_predicate)
        self.instances: dict[Node, set[Node]] = {}
        for s in set(typed):
            for t in self.objects(s, _RDF_TYPE):
                for cls in (t, *self.superclasses.get(t, ())):
                    self.instances.setdefault(cls, set()).add(s)

    def objects(self, s: Node, p: Node) -> list[Node]:
        return self.out.get((s, p), [])

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(t == cls or cls in self.superclasses.get(t, ()) for t in self.objects(node, _RDF_TYPE))


_TYPED = URIRef("urn:kg:shacl-fast:typed")  # index key: the subjects that have an rdf:type


def _close(out: dict[tuple[Node, Node], list[Node]], by_predicate: dict[Node, list[Node]]) -> dict[Node, set[Node]]:
    """Each class → all its superclasses, from the data's rdfs:subClassOf triples (as pySHACL reads them)."""
    direct: dict[Node, set[Node]] = {}
    for (sub, p), sups in out.items():
        if p == _SUBCLASS_OF:
            direct.setdefault(sub, set()).update(sups)
    closed: dict[Node, set[Node]] = {}
    for start in direct:
        seen: set[Node] = set()
        todo = [start]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closed[start] = seen
    return closed


Check = Callable[[_Data, Node, list[Node]], bool]  # True when the values break the rule


class Unsupported(Exception):
    """The shapes use a SHACL feature this pre-check does not implement."""


@dataclass
class _PropertyRule:
    path: tuple[URIRef, ...]
    checks: list[Check] = field(default_factory=list)
    violation: bool = True  # its results are violations (sh:severity absent or sh:Violation)


@dataclass
class _NodeRule:
    target_classes: list[URIRef]
    target_objects_of: list[URIRef]
    properties: list[_PropertyRule]
    sparql: list[Query]  # SELECT queries that read only $this's own properties (star-shaped)


@dataclass
class CompiledShapes:
    rules: list[_NodeRule]

    def conforms(self, triples: Iterable[tuple[Node, Node, Node]], focus_nodes: set[Node] | None = None,
                 *, violations_only: bool = False) -> bool:
        """True only if pySHACL would report nothing at all for the data (about `focus_nodes`);
        with `violations_only`, nothing of severity sh:Violation (warnings may be left out)."""
        index = _Data(triples)
        for rule in self.rules:
            properties = [p for p in rule.properties if p.violation] if violations_only else rule.properties
            for focus in _focus_nodes(index, rule):
                if focus_nodes is not None and focus not in focus_nodes:
                    continue
                for prop in properties:
                    values = _values(index, focus, prop.path)
                    if any(check(index, focus, values) for check in prop.checks):
                        return False
                if rule.sparql:
                    # A star-shaped query sees only the focus node's own triples: query just those.
                    star = Graph(bind_namespaces="none")  # the queries are parsed: prefixes unused
                    star.addN((focus, p, o, star) for p, o in index.by_subject.get(focus, ()))  # type: ignore[misc]
                    for query in rule.sparql:
                        if len(star.query(query, initBindings={"this": focus})):  # type: ignore[dict-item]
                            return False
        return True


def _focus_nodes(data: _Data, rule: _NodeRule) -> set[Node]:
    found: set[Node] = set()
    for cls in rule.target_classes:
        found.update(data.instances.get(cls, ()))
    for prop in rule.target_objects_of:
        found.update(o for o in data.by_predicate.get(prop, ()) if not isinstance(o, Literal))
    return found


def _values(data: _Data, focus: Node, path: tuple[URIRef, ...]) -> list[Node]:
    if len(path) == 1:
        return list(dict.fromkeys(data.objects(focus, path[0])))
    current: list[Node] = [focus]
    for step in path:
        current = list(dict.fromkeys(o for node in current for o in data.objects(node, step)))
    return current


def _comparable(value: Node) -> Any:
    """A Python value to order a literal by, or None when it has none we trust."""
    if not isinstance(value, Literal) or value.ill_typed:
        return None
    python = value.toPython()
    return python if isinstance(python, (int, date)) and not isinstance(python, bool) else None


# ---------------------------------------------------------------- one check per constraint


def _min_count(n: int) -> Check:
    return lambda _data, _focus, values: len(values) < n


def _max_count(n: int) -> Check:
    return lambda _data, _focus, values: len(values) > n


def _datatype(dt: URIRef) -> Check:
    if dt not in _LEXICAL:
        raise Unsupported(f"sh:datatype {dt}")
    lexical = _LEXICAL[dt]

    def broken(value: Node) -> bool:
        if not isinstance(value, Literal) or value.language or value.ill_typed:
            return True
        if (value.datatype or _XSD_STRING) != dt:
            return True
        if lexical is not None and not lexical.match(str(value)):
            return True
        return dt == _XSD_DATE and _comparable(value) is None  # "2024-02-30" is no date

    return lambda _data, _focus, values: any(broken(v) for v in values)


def _class(cls: URIRef) -> Check:
    def check(data: _Data, _focus: Node, values: list[Node]) -> bool:
        return any(isinstance(v, Literal) or not data.is_instance(v, cls) for v in values)

    return check


def _pattern(regex: str, flags: str | None) -> Check:
    if flags:
        raise Unsupported("sh:flags")
    compiled = re.compile(regex)
    return lambda _data, _focus, values: any(isinstance(v, BNode) or not compiled.search(str(v)) for v in values)


def _node_kind(kind: URIRef) -> Check:
    if kind == SH.IRI:
        return lambda _data, _focus, values: any(not isinstance(v, URIRef) for v in values)
    if kind == SH.Literal:
        return lambda _data, _focus, values: any(not isinstance(v, Literal) for v in values)
    raise Unsupported(f"sh:nodeKind {kind}")


def _or(shapes: Graph, members: Node) -> Check:
    """sh:or of shapes that each give only a datatype or only a class: every value must fit one."""
    each: list[Check] = []
    for member in Collection(shapes, members):  # type: ignore[arg-type]
        given = set(shapes.predicates(member))
        if given == {SH.datatype}:
            each.append(_datatype(shapes.value(member, SH.datatype)))  # type: ignore[arg-type]
        elif given == {SH["class"]}:
            each.append(_class(shapes.value(member, SH["class"])))  # type: ignore[arg-type]
        else:
            raise Unsupported("sh:or of anything but datatypes and classes")
    return lambda data, focus, values: any(all(check(data, focus, [v]) for check in each) for v in values)


def _has_value(expected: Node) -> Check:
    return lambda _data, _focus, values: expected not in values


def _min_length(n: int) -> Check:
    return lambda _data, _focus, values: any(isinstance(v, BNode) or len(str(v)) < n for v in values)


def _bound(limit: Literal, lower: bool) -> Check:
    edge = _comparable(limit)
    if edge is None:
        raise Unsupported(f"a bound of type {limit.datatype}")

    def broken(value: Node) -> bool:
        got = _comparable(value)
        if got is None or type(got) is not type(edge):
            return True
        return bool(got < edge) if lower else bool(got > edge)

    return lambda _data, _focus, values: any(broken(v) for v in values)


def _unique_lang(_flag: Node) -> Check:
    def check(_data: _Data, _focus: Node, values: list[Node]) -> bool:
        langs = [v.language for v in values if isinstance(v, Literal) and v.language]
        return len(langs) != len(set(langs))

    return check


def _less_than_or_equals(other: URIRef) -> Check:
    def check(data: _Data, focus: Node, values: list[Node]) -> bool:
        for w in data.objects(focus, other):
            bound = _comparable(w)
            for v in values:
                got = _comparable(v)
                if bound is None or got is None or type(got) is not type(bound) or got > bound:
                    return True
        return False

    return check


def _equals(other: URIRef) -> Check:
    return lambda data, focus, values: set(values) != set(data.objects(focus, other))


# ---------------------------------------------------------------- compiling the shapes graph


def _one(shapes: Graph, node: Node, parameter: URIRef) -> Node | None:
    found = list(shapes.objects(node, parameter))
    if len(found) > 1 and parameter not in (SH.hasValue,):
        raise Unsupported(f"several {parameter} on {node}")
    return found[0] if found else None


def _path(shapes: Graph, node: Node) -> tuple[URIRef, ...]:
    path = _one(shapes, node, SH.path)
    if isinstance(path, URIRef):
        return (path,)
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        steps = list(Collection(shapes, path))
        if all(isinstance(s, URIRef) for s in steps):
            return tuple(s for s in steps if isinstance(s, URIRef))
    raise Unsupported(f"the path of {node}")


def _property_rule(shapes: Graph, node: Node) -> _PropertyRule:
    unknown = set(shapes.predicates(node)) - _PROPERTY_PARAMETERS
    if unknown:
        raise Unsupported(f"{sorted(map(str, unknown))} on {node}")
    severity = _one(shapes, node, SH.severity)
    rule = _PropertyRule(_path(shapes, node), violation=severity in (None, SH.Violation))
    simple: list[tuple[URIRef, Callable[..., Check], Callable[[Node], Any]]] = [
        (SH.minCount, _min_count, lambda v: int(v)),  # type: ignore[call-overload]
        (SH.maxCount, _max_count, lambda v: int(v)),  # type: ignore[call-overload]
        (SH.datatype, _datatype, lambda v: v), (SH["class"], _class, lambda v: v),
        (SH.nodeKind, _node_kind, lambda v: v), (SH.minLength, _min_length, lambda v: int(v)),  # type: ignore[call-overload]
        (SH.uniqueLang, _unique_lang, lambda v: v), (SH.lessThanOrEquals, _less_than_or_equals, lambda v: v),
        (SH.equals, _equals, lambda v: v),
        (SH.minInclusive, lambda v: _bound(v, lower=True), lambda v: v),
        (SH.maxInclusive, lambda v: _bound(v, lower=False), lambda v: v),
    ]
    for parameter, make, convert in simple:
        value = _one(shapes, node, parameter)
        if value is not None and not (parameter == SH.uniqueLang and value != Literal(True)):
            rule.checks.append(make(convert(value)))
    pattern = _one(shapes, node, SH.pattern)
    if pattern is not None:
        rule.checks.append(_pattern(str(pattern), None))
    alternatives = _one(shapes, node, SH["or"])
    if alternatives is not None:
        rule.checks.append(_or(shapes, alternatives))
    for expected in shapes.objects(node, SH.hasValue):
        rule.checks.append(_has_value(expected))
    return rule


def _sparql(shapes: Graph, constraint: Node) -> Query:
    select = shapes.value(constraint, SH.select)
    if select is None or set(shapes.predicates(constraint)) - {RDF.type, SH.select, SH.message, SH.prefixes}:
        raise Unsupported(f"the SPARQL constraint {constraint}")
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for source in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(source, SH.declare))
    query = prepareQuery(prefixes + str(select))
    if not _star_shaped(query.algebra):
        raise Unsupported(f"the SPARQL constraint {constraint} reads more than $this's own properties")
    return query


def _star_shaped(algebra: Any) -> bool:
    """Every triple pattern has $this as subject and a plain IRI as predicate (no paths, no subqueries)."""
    this = Variable("this")
    patterns: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if getattr(node, "name", None) in ("BGP",):
                patterns.extend(node.get("triples", ()))
            if getattr(node, "name", None) in ("ToMultiSet", "ServiceGraphPattern", "Graph"):
                patterns.append(None)  # a subquery, SERVICE or GRAPH: not a star
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    walk(algebra)
    return bool(patterns) and all(
        p is not None and p[0] == this and isinstance(p[1], URIRef) for p in patterns)


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """The node shapes as checks; raises Unsupported for any feature not implemented here."""
    rules: list[_NodeRule] = []
    for node in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        unknown = set(shapes.predicates(node)) - _NODE_PARAMETERS
        if unknown:
            raise Unsupported(f"{sorted(map(str, unknown))} on {node}")
        rules.append(_NodeRule(
            target_classes=[c for c in shapes.objects(node, SH.targetClass) if isinstance(c, URIRef)],
            target_objects_of=[p for p in shapes.objects(node, SH.targetObjectsOf) if isinstance(p, URIRef)],
            properties=[_property_rule(shapes, p) for p in shapes.objects(node, SH.property)],
            sparql=[_sparql(shapes, c) for c in shapes.objects(node, SH.sparql)],
        ))
    attached = set(shapes.objects(None, SH.property))
    if set(shapes.subjects(SH.path, None)) - attached:
        raise Unsupported("property shapes outside a node shape's sh:property (nested shapes)")
    return CompiledShapes(rules)


def try_compile(shapes: Graph) -> CompiledShapes | None:
    """The compiled shapes, or None when they use a feature the pre-check does not implement."""
    try:
        return compile_shapes(shapes)
    except (Unsupported, ValueError, TypeError):  # malformed shapes: pySHACL will say what is wrong
        return None
