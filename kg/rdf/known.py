"""What identity resolution knows of the store, as plain values (read by kg/query/people.py)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model.namespaces import person_iri

StoredPerson = tuple[str, str | None, list[str]]  # (name, actor, aliases)


@dataclass
class KnownPerson:
    """A person node as the store holds it: every spelling, and the actor it represents."""

    iri: str
    names: set[str]
    aliases: set[str]
    actor: str | None


KnownForum = tuple[str, str, list[str]]  # (iri, label, aliases)


def node_name(node: KnownPerson) -> str:
    """The node's name whose IRI is the node (a node may carry several spellings)."""
    matching = sorted(n for n in node.names if str(person_iri(n)) == node.iri)
    return (matching or sorted(node.names))[0]


__all__ = ["KnownForum", "KnownPerson", "StoredPerson", "node_name"]
