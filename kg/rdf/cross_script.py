"""Identity rule 5, decided on everything stored so that the load order cannot change it.

A Chinese text writes a foreign person by a transliteration (波德斯塔) that no general means
turns back into a spelling; `kg.rdf.names_zh.sound_keys` compares it with Latin names by
sound. A short transliteration sounds like several people (苏尔坦 is "Sultan": Sultan Al Jaber,
and the last "Sultan" of Mohamed bin Zayed bin Sultan Al Nahyan), so attaching it to the one
person stored when its readout was loaded made the store depend on the order of loading.

The rule, on the store as a whole: a person written only in Chinese characters, representing
a state other than China (people of China take their pinyin, `kg.rdf.names_zh`), is the person
named in Latin letters when that is the only Latin-named person of the same state whose name
sounds like theirs. Otherwise they keep their own node (a hashed IRI), and
`kg people --duplicates` lists the pairs that sound alike for a person to review.

After each readout is stored the loader asks `IdentityIndex.cross_script_changes` which names
that readout can have changed the answer for, and applies each change: an attachment re-keys
the Chinese name's own node into the Latin one (kg/rdf/rekey.py); a detachment (a second
candidate arrived) rewrites the readouts that were attached back to the Chinese name's own node
(`detach_graph`). Either way the store ends as if the rule had been applied to the final set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS

from kg.model.namespaces import person_iri
from kg.model.transliteration import has_han, label_literal
from kg.rdf.names_zh import sound_keys

StoredPerson = tuple[str, str | None, list[str]]  # (name, actor, aliases), as kg.rdf.identity keeps them


@dataclass(frozen=True)
class CrossScriptChange:
    """A Chinese name `han` (of `actor`) to move into the Latin-named node `latin` (attach) or out of it."""

    han: str
    actor: str
    latin: str
    attach: bool


def by_sound(actor: str | None) -> bool:
    """Whether a person of `actor` may be matched across scripts by sound: not a person of China
    (named by the pinyin of their name, which sounds like other Chinese people's: 李强 / Liu Zhenmin)
    and not a person of no known actor."""
    return actor is not None and actor.casefold() != "cn"


def same_actor(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def latin_forms(name: str, aliases: Iterable[str]) -> list[str]:
    return [form for form in [name, *aliases] if not has_han(form)]


def sound_candidates(han: str, actor: str, stored: Iterable[StoredPerson]) -> set[str]:
    """The Latin-named stored people of `actor` whose name or a Latin alias sounds like `han`."""
    keys = sound_keys(han)
    return {name for name, their_actor, aliases in stored
            if not has_han(name) and same_actor(their_actor, actor)
            and any(keys & sound_keys(form) for form in latin_forms(name, aliases))}


def changes_for(han: str, actor: str, stored: list[StoredPerson]) -> list[CrossScriptChange]:
    """What rule 5 changes for `han` given the stored people near it (by sound or by name).

    Detachments come first: a name held by the wrong node leaves it before it joins another."""
    candidates = sound_candidates(han, actor, stored)
    target = next(iter(candidates)) if len(candidates) == 1 else None
    holders = sorted({name for name, their_actor, aliases in stored
                      if not has_han(name) and same_actor(their_actor, actor) and han in aliases})
    changes = [CrossScriptChange(han, actor, holder, False) for holder in holders if holder != target]
    if target is not None and target not in holders:
        changes.append(CrossScriptChange(han, actor, target, True))
    return changes


def attached_names(graph: Graph, latin: URIRef) -> list[tuple[URIRef, str]]:
    """(own IRI, Chinese name) of each name this readout's graph has attached to `latin`: the
    Chinese aliases of `latin` whose own IRI redirects to it here."""
    redirected = set(graph.subjects(DCTERMS.isReplacedBy, latin))
    return [(person_iri(str(alias)), str(alias)) for alias in graph.objects(latin, SKOS.altLabel)
            if has_han(str(alias)) and person_iri(str(alias)) in redirected]


def detach_graph(graph: Graph, latin: URIRef, han: str) -> Graph:
    """`graph` with the person it attached to `latin` as `han` on their own node again.

    In one readout's graph a node is one person of that readout (identity never makes two
    people of a readout one node), so every statement about `latin` here is about `han`. What
    the attachment added goes: the redirect, the Latin name and the Latin aliases (a person a
    Chinese text names only in characters has none of its own)."""
    own = person_iri(han)
    out = Graph(store="SimpleMemory", identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        if p == DCTERMS.isReplacedBy and o == latin:
            continue
        if s == latin and p == SKOS.altLabel and (str(o) == han or not has_han(str(o))):
            continue
        s2 = own if s == latin else s
        o2 = own if o == latin else o
        if s == latin and p == FOAF.name:
            o2 = Literal(han)
        elif s == latin and p == RDFS.label:
            o2 = label_literal(han)  # as the mapping labels a name
        out.add((s2, p, o2))
    return out


__all__ = ["CrossScriptChange", "attached_names", "by_sound", "changes_for", "detach_graph", "sound_candidates"]
