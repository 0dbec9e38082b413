"""Re-key a stored readout's graph when a person or forum it names gets a fuller name.

Identity resolution names a node by the fullest form any readout gives ("Xie Zhenhua", not
"Xie"; "International Energy Agency", not "IEA"). When the fuller form arrives after readouts
that used the shorter one, their graphs are rewritten to what mapping them now would give:
the node's IRI and the IRIs minted from it (a person's own posts; a forum's meetings and
presidencies) move to the new key, its name and labels become the new name, and the form
the readout wrote stays as an alias with a redirect from the old IRI
(`dcterms:isReplacedBy`), so that a link saved to the old IRI still leads to the node.

`map(resolve(record)) == rekey(map(record))` is what the loader relies on: loading readouts in
any order gives the same graphs (tests/test_identity_order.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal as Kind

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS

from kg.model.namespaces import ID, KG, ORG, forum_iri, person_iri
from kg.rdf.name_forms import fold
from kg.rdf.offices import Office


@dataclass(frozen=True)
class Rekey:
    """A node that takes a new name: its IRI from `old_name`'s to `new_name`'s."""

    kind: Kind["person", "forum"]
    old_name: str
    new_name: str

    # worked out once: `rekey_graph` asks for them for every term of every graph it rewrites
    # (slugging the names again was half of a re-key's time at 10,000 readouts)
    @cached_property
    def old(self) -> URIRef:
        return person_iri(self.old_name) if self.kind == "person" else forum_iri(self.old_name)

    @cached_property
    def new(self) -> URIRef:
        return person_iri(self.new_name) if self.kind == "person" else forum_iri(self.new_name)

    @cached_property
    def prefixes(self) -> tuple[tuple[str, str], ...]:
        """IRIs minted from the node's key: (old prefix, new prefix)."""
        old, new = str(self.old).rsplit("/", 1)[1], str(self.new).rsplit("/", 1)[1]
        if self.kind == "person":
            return ((f"{ID}post/{old}/", f"{ID}post/{new}/"),)
        return ((f"{ID}meeting/{old}/", f"{ID}meeting/{new}/"), (f"{ID}presidency/{old}/", f"{ID}presidency/{new}/"))


def _moved(term: object, rekey: Rekey) -> object:
    if not isinstance(term, URIRef):
        return term
    if term == rekey.old:
        return rekey.new
    text = str(term)
    for old, new in rekey.prefixes:
        if text.startswith(old):
            return URIRef(new + text[len(old):])
    return term


def rekey_graph(graph: Graph, rekey: Rekey) -> Graph:
    """`graph` (one readout's) with `rekey` applied; a new graph with the same identifier."""
    from kg.rdf.mapping import _name_literal, forum_label

    old, new = rekey.old, rekey.new
    written = not any(True for _ in graph.subjects(DCTERMS.isReplacedBy, old))
    if rekey.kind == "person":
        old_label = str(graph.value(old, FOAF.name) or rekey.old_name)
        new_label = rekey.new_name
        names = (FOAF.name, RDFS.label)
    else:
        old_label = str(graph.value(old, RDFS.label) or forum_label(rekey.old_name))
        new_label = forum_label(rekey.new_name)
        names = (RDFS.label, SKOS.prefLabel)
    out = Graph(store="SimpleMemory", identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        s2, o2 = _moved(s, rekey), _moved(o, rekey)
        if s == old and p in names:
            o2 = Literal(new_label) if p == FOAF.name else _name_literal(new_label)  # as the mapping writes them
        elif s == old and p == SKOS.altLabel and fold(str(o)) == fold(new_label):
            continue  # an alias that is now the name
        elif s2 != s and rekey.kind == "forum" and p == RDFS.label and str(o).startswith(old_label):
            o2 = _name_literal(new_label + str(o)[len(old_label):])  # "IEA, 2024-05-01" → "International…"
        out.add((s2, p, o2))  # type: ignore[arg-type]
    if written and (new, None, None) in out:
        if fold(old_label) != fold(new_label):
            out.add((new, SKOS.altLabel, _name_literal(old_label)))
        if old != new:
            out.add((old, DCTERMS.isReplacedBy, new))
    return out


def rekey_post(graph: Graph, person: URIRef, old: URIRef, new: URIRef, held: Office) -> Graph:
    """`graph` with `person` holding `new` (the office `held`) where it held `old`, the same office.

    A post this readout shows others holding too is left as it is (its evidence is theirs as
    well); kg/query/review.py lists what remains.
    """
    from kg.rdf.mapping import _name_literal

    if (person, ORG.holds, old) not in graph or any(x != person for x in graph.objects(old, ORG.heldBy)):
        return graph
    old_label = graph.value(old, RDFS.label)
    written_apart = any(True for _ in graph.objects(old, SKOS.altLabel))
    out = Graph(store="SimpleMemory", identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        if s == old and (p == KG.collegial or (p == SKOS.altLabel and str(o) == held.label)):
            continue
        s2, o2 = (new if s == old else s), (new if o == old else o)
        if s == old and p == RDFS.label:
            o2 = _name_literal(held.label)
        elif s == old and p == KG.roleKind:
            o2 = ID[f"role-kind/{held.kind}"]
        out.add((s2, p, o2))
    if held.collegial:
        out.add((new, KG.collegial, Literal(True)))
    if not written_apart and old_label is not None and str(old_label) != held.label:
        out.add((new, SKOS.altLabel, _name_literal(str(old_label))))  # the title as written was the old label
    return out


def rekey_month_mention(graph: Graph, old: URIRef, new: URIRef) -> Graph:
    """`graph` with its meeting dated only to the month moved from node `old` to node `new`
    (kg/rdf/meeting_identity.py: a day of that month arrived, or a second one), labelled as the
    mapping labels it there; `graph` itself when it names `old` otherwise (dated to the day)."""
    if (old, KG.startMonth, None) not in graph:
        return graph
    old_date, new_date = str(old).rsplit("/", 1)[1], str(new).rsplit("/", 1)[1]
    out = Graph(store="SimpleMemory", identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        if s == old and p == RDFS.label and isinstance(o, Literal) and str(o).endswith(", " + old_date):
            o = Literal(str(o)[:-len(old_date)] + new_date, lang=o.language)
        out.add((new if s == old else s, p, new if o == old else o))
    return out


__all__ = ["Rekey", "rekey_graph", "rekey_month_mention", "rekey_post"]
