"""rdflib terms and pyoxigraph terms, each as the equal term of the other library.

Below the store and the rdf stage alike: the store writes and reads pyoxigraph terms, the
rest of `kg` builds rdflib graphs, and validation and exports cross between the two.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store an RDF term of type {type(term).__name__}")


# The same few thousand terms (predicates, classes, countries, dates) come back again and again
# from the store: building an rdflib term costs 0.5-2 us (an IRI is checked, a literal's value
# parsed), a cached one a dictionary lookup. Terms are immutable, so sharing them is safe.
@lru_cache(maxsize=1 << 15)
def from_ox(term: Any) -> Node:
    """A pyoxigraph term as the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"cannot read an RDF term of type {type(term).__name__}")
