"""Rewrite readouts already stored when identity learns something new while loading.

A readout stored before a fuller name, a fuller post or a dated meeting arrived is rewritten
to what loading it now would store (kg/rdf/rekey.py), and a Chinese name attached to a Latin
one by sound is attached or detached again on the whole store (kg/rdf/cross_script.py), so
that the order readouts are loaded in does not matter. Each rewrite replaces the readout's
graph and recomputes the kept summaries its changed triples feed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.model.namespaces import ID, person_iri
from kg.model.record import Record
from kg.model.transliteration import has_han
from kg.query import summaries
from kg.rdf.cross_script import detach_graph
from kg.rdf.identity import IdentityIndex, PostRekey
from kg.rdf.rekey import Rekey, rekey_graph, rekey_month_mention, rekey_post

__all__ = ["detach_stored", "rekey_stored", "rekey_stored_meeting", "rekey_stored_post", "settle_cross_script"]


def settle_cross_script(store: Any, identities: IdentityIndex, record: Record,
                        pending: summaries.PendingShares | None = None) -> None:
    """Identity rule 5 re-decided on the whole store after `record` is stored: Chinese names
    that now have one Latin-named candidate join it, those that now have two leave the one
    they had joined (kg/rdf/cross_script.py), whatever order the readouts came in."""
    changes = list(identities.cross_script_changes(record))
    if changes and pending is not None:
        pending.write(store)  # a rewritten graph's summaries are recomputed from the kept values
    for change in changes:
        if change.attach:
            if rekey_stored(store, Rekey("person", change.han, change.latin)):
                identities.merge_person(change.han, change.latin)
        else:
            aliases = detach_stored(store, change.han, change.latin)
            if aliases is not None:
                identities.split_person(change.han, change.actor, change.latin, aliases)


_GRAPHS_REDIRECTING = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?own dcterms:isReplacedBy ?node } }
"""


def detach_stored(store: Any, han: str, latin: str) -> list[str] | None:
    """Rewrite the stored readouts that attached `han` to the node named `latin` back to `han`'s
    own node; returns the other Chinese aliases moved with it, None when no readout had."""
    node, own = person_iri(latin), person_iri(han)
    graphs = [URIRef(str(sol["g"].value)) for sol in store.query(_GRAPHS_REDIRECTING, {"own": own, "node": node})]
    moved: set[str] = set()
    for iri in graphs:
        stored = store.graph(iri)
        moved |= {str(a) for a in stored.objects(node, SKOS.altLabel) if has_han(str(a)) and str(a) != han}
        _replace_rewritten(store, iri, stored, detach_graph(stored, node, han))
    return sorted(moved) if graphs else None


# A readout names a node in its named graph (the node's type, label, post...) or in its own
# triples, which are in the union only (kg/store/own_triples.py): the readout's own (what it
# mentions), its commitments' (who committed, at which meeting) and its evidence's. One query
# per place, not one UNION: the parameter's VALUES block joins a UNION after its branches are
# evaluated, so a branch led by `?e oa:hasSource ?g` read every evidence node of the store for
# each re-key (650 ms at 3,300 readouts, growing with the store; 2-15 ms a query this way).
_PREFIXES = "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n"
_GRAPHS_NAMING = tuple(_PREFIXES + f"SELECT DISTINCT ?g WHERE {{ {where} }}" for where in (
    "{ GRAPH ?g { ?node ?p ?o } } UNION { GRAPH ?g { ?s ?p ?node } }",
    "?g ?p ?node ; prov:wasGeneratedBy ?load",
    "?c ?p ?node ; prov:wasDerivedFrom ?g",
    "?node ?p ?e . ?e oa:hasSource ?g",
))


def rekey_stored(store: Any, rekey: Rekey) -> int:
    """Rewrite every stored readout graph naming the node `rekey` moves; returns how many.

    A readout stored before a fuller name arrived is rewritten to what loading it now would
    store (kg/rdf/rekey.py), so that the order readouts are loaded in does not matter.
    """
    return _rewrite_readouts(store, _GRAPHS_NAMING, {"node": rekey.old}, lambda stored: rekey_graph(stored, rekey))


def _rewrite_readouts(store: Any, graphs_queries: tuple[str, ...], bindings: dict[str, URIRef],
                      rewrite: Callable[[Graph], Graph]) -> int:
    """Apply `rewrite` to each readout graph `graphs_queries` name and store those it changes (a
    rewrite returns the graph itself when it changes nothing); returns how many were rewritten.
    Only readouts' graphs: the reference graph names COPs, which are keyed by number and never
    re-keyed, and the summaries are recomputed, not rewritten."""
    names = list(dict.fromkeys(URIRef(str(sol["g"].value))
                               for query in graphs_queries for sol in store.query(query, bindings)))
    count = 0
    for iri in names:
        if not str(iri).startswith(str(ID) + "readout/"):
            continue
        stored = store.graph(iri)
        rewritten = rewrite(stored)
        if rewritten is not stored:
            _replace_rewritten(store, iri, stored, rewritten)
            count += 1
    return count


def _replace_rewritten(store: Any, iri: URIRef, stored: Graph, graph: Graph) -> None:
    """Replace a stored readout's graph rewritten by a re-key, with its share of the summaries
    (a post's holders move with the person or the post): the shares the triples it changes
    feed, before and after."""
    changed = set(stored) ^ set(graph)
    before = summaries.touched_by_rewrite(store, iri, changed)
    store.replace_graph(iri, graph)
    after = summaries.touched_by_rewrite(store, iri, changed)
    summaries.recompute(store, before.keys | after.keys, posts=before.posts | after.posts,
                        sizes={iri: len(graph)}, pairs_of=before.pairs | after.pairs)


def rekey_stored_meeting(store: Any, old: URIRef, new: URIRef) -> int:
    """Move the stored readouts' month-only mentions of meeting `old` to `new` (kg/rdf/meeting_identity.py)."""
    return _rewrite_readouts(store, _GRAPHS_NAMING, {"node": old}, lambda stored: rekey_month_mention(stored, old, new))


_GRAPHS_HOLDING = ("""
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?person org:holds ?post } }
""",)


def rekey_stored_post(store: Any, rekey: PostRekey) -> int:
    """Rewrite the stored readouts in which a person holds a post now keyed as a fuller one."""
    person, old, new = URIRef(rekey.person), URIRef(rekey.old), URIRef(rekey.new)
    return _rewrite_readouts(store, _GRAPHS_HOLDING, {"person": person, "post": old},
                             lambda stored: rekey_post(stored, person, old, new, rekey.office))
