"""Each pair of parties' meetings, kept at load time beside the other summaries (kg/query/summaries.py).

`co-participation` asks, for each pair of parties (countries, the EU) that took part in the
same meetings, how many meetings and the first and last of their start dates. Grouping every
pair of participants of every meeting at query time took 2 s before the first row at 10,000
readouts; here each pair has one node in the graph `graph/summaries`:

    id:summary/pair/<A>/<B> a kg:CoParticipation ; kg:partyA <a> ; kg:partyB <b> ;
        kg:meetingCount n ; kg:firstMeeting date ; kg:lastMeeting date .

(a before b in IRI order, as the question orders them; no dates when none of the meetings is
dated). A meeting is a node readouts share: a later readout can add participants (new pairs)
or a start date (the pairs' first and last) to a meeting stored before. So a new readout's
share is worked out from each meeting it names as the other graphs state it (before) and
with the readout's own statements added (after): a pair of participants after but not before
gains the meeting; a pair there before takes in the dates the readout adds. No other readout
is read, only the few meetings this one names. Removing or replacing a readout recomputes
the pairs of its meetings from the graphs that remain. `computed_from_scratch` is the grouping
it stands for: tests check the kept pairs equal it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.model.namespaces import ID, KG, SUMMARY_GRAPH
from kg.sparql.binding import nt_term
from kg.sparql.terms import from_ox

Pair = tuple[URIRef, URIRef]  # (a, b) with str(a) < str(b)
Triple = tuple[Node, Node, Node]

_PREFIXES = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX schema: <https://schema.org/>
"""
_PARTICIPANT = re.compile(rb"^<([^>]+)> <https://w3id\.org/climate-kg/ontology#participant> <([^>]+)> \.$", re.M)
_START = re.compile(rb'^<([^>]+)> <https://schema\.org/startDate> "([^"\\]*)"'
                    rb"\^\^<http://www\.w3\.org/2001/XMLSchema#date> \.$", re.M)
_ACTOR = str(ID["actor/"])
# looked up once: `KG.x` builds a new URIRef on every use, and a batch changes thousands of pairs
_MEETING_COUNT, _FIRST_MEETING, _LAST_MEETING = KG.meetingCount, KG.firstMeeting, KG.lastMeeting
_KEPT = frozenset((_MEETING_COUNT, _FIRST_MEETING, _LAST_MEETING))  # what a pair's summary holds
_CO_PARTICIPATION, _PARTY_A, _PARTY_B = KG.CoParticipation, KG.partyA, KG.partyB


@dataclass
class Meeting:
    """What is stated of one meeting: its participants and start dates."""

    participants: set[URIRef] = field(default_factory=set)
    starts: set[Literal] = field(default_factory=set)


@dataclass
class PairSummary:
    """A pair's meetings: how many, the least and greatest start date among them."""

    meetings: int = 0
    first: Literal | None = None
    last: Literal | None = None

    def merge(self, other: PairSummary) -> PairSummary:
        """Both sets of meetings together (they must not overlap)."""
        return PairSummary(self.meetings + other.meetings, _least(self.first, other.first),
                           _most(self.last, other.last))


def _least(a: Literal | None, b: Literal | None) -> Literal | None:
    return b if a is None else a if b is None else min(a, b, key=str)


def _most(a: Literal | None, b: Literal | None) -> Literal | None:
    return b if a is None else a if b is None else max(a, b, key=str)


def pairs_of(participants: Iterable[URIRef]) -> set[Pair]:
    return {(a, b) for a, b in combinations(sorted(set(participants), key=str), 2)}


def _key(party: URIRef) -> str:
    text = str(party)
    # a party is an actor (id:actor/CN) in every graph kg writes; any other IRI gets a hash
    return text[len(_ACTOR):] if text.startswith(_ACTOR) and "/" not in text[len(_ACTOR):] \
        else "h-" + hashlib.sha256(text.encode()).hexdigest()[:16]


@lru_cache(maxsize=1 << 14)  # the same small counts come back at every batch; a Literal is immutable
def count_literal(n: int) -> Literal:
    """A count as an xsd:integer literal."""
    return Literal(n)


@lru_cache(maxsize=65536)  # a few thousand pairs at most; built for each pair a readout touches
def pair_iri(pair: Pair) -> URIRef:
    return ID[f"summary/pair/{_key(pair[0])}/{_key(pair[1])}"]


def triples_of(pair: Pair, summary: PairSummary) -> list[Triple]:
    node = pair_iri(pair)
    out: list[Triple] = [(node, RDF.type, _CO_PARTICIPATION), (node, _PARTY_A, pair[0]),
                         (node, _PARTY_B, pair[1]), (node, _MEETING_COUNT, count_literal(summary.meetings))]
    if summary.first is not None:
        out.append((node, _FIRST_MEETING, summary.first))
    if summary.last is not None:
        out.append((node, _LAST_MEETING, summary.last))
    return out


def meetings_in(ntriples: bytes) -> dict[URIRef, Meeting]:
    """The participants and start dates a graph written as N-Triples states of each meeting."""
    out: dict[URIRef, Meeting] = {}
    for m, p in _PARTICIPANT.findall(ntriples):
        out.setdefault(URIRef(m.decode()), Meeting()).participants.add(URIRef(p.decode()))
    for m, d in _START.findall(ntriples):
        out.setdefault(URIRef(m.decode()), Meeting()).starts.add(Literal(d.decode(), datatype=XSD.date))
    return out


def _stated(store: Any, meetings: Iterable[URIRef], but: URIRef | None = None) -> dict[URIRef, Meeting]:
    """What the store's graphs (all but `but`) state of these meetings."""
    meetings = sorted(set(meetings), key=str)
    if not meetings:
        return {}
    values = "VALUES ?m { " + " ".join(nt_term(m) for m in meetings) + " }"
    skip = f"FILTER(?g != {nt_term(but)})" if but is not None else ""
    return _meetings(store.query(_PREFIXES + f"""SELECT DISTINCT ?m ?p ?d WHERE {{ {values}
      {{ GRAPH ?g {{ ?m kg:participant ?p }} {skip} }} UNION {{ GRAPH ?g {{ ?m schema:startDate ?d }} {skip} }} }}"""))


def _meetings(rows: Iterable[Any]) -> dict[URIRef, Meeting]:
    """Rows of (meeting, participant or unbound, start date or unbound), gathered per meeting."""
    out: dict[URIRef, Meeting] = {}
    for r in rows:
        meeting = out.setdefault(URIRef(str(from_ox(r[0]))), Meeting())
        if r[1] is not None:
            meeting.participants.add(URIRef(str(from_ox(r[1]))))
        if r[2] is not None:
            meeting.starts.add(from_ox(r[2]))  # type: ignore[arg-type]
    return out


def share_of(store: Any, readout: URIRef, own: dict[URIRef, Meeting]) -> dict[Pair, PairSummary]:
    """What a new readout, stating `own` of its meetings, adds to each pair (its graph may be
    stored already: it is left out of what was there before)."""
    before = _stated(store, own, but=readout)
    shares: dict[Pair, PairSummary] = {}
    for meeting, stated in own.items():
        old = before.get(meeting, Meeting())
        participants, starts = old.participants | stated.participants, old.starts | stated.starts
        had = pairs_of(old.participants)
        first = min(starts, key=str) if starts else None
        last = max(starts, key=str) if starts else None
        for pair in pairs_of(participants) - had:  # the meeting is new to the pair
            shares[pair] = shares.get(pair, PairSummary()).merge(PairSummary(1, first, last))
        if starts - old.starts:  # dates new to pairs that had the meeting already
            for pair in had:
                shares[pair] = shares.get(pair, PairSummary()).merge(PairSummary(0, first, last))
    return shares


def stored(store: Any, pairs: Iterable[Pair]) -> dict[Pair, PairSummary]:
    """The kept summaries of these pairs (the triples of their nodes in the summaries graph: a
    store that edits that graph in place keeps them at hand, kg/store/embedded.py)."""
    by_node = {pair_iri(p): p for p in pairs}
    if not by_node:
        return {}
    out: dict[Pair, PairSummary] = {}
    for node, prop, value in store.triples_about(sorted(by_node, key=str), SUMMARY_GRAPH):
        if prop not in _KEPT:  # the node's type and parties
            continue
        summary = out.setdefault(by_node[node], PairSummary())  # type: ignore[index]
        if prop == _MEETING_COUNT:
            summary.meetings = int(str(value))
        elif prop == _FIRST_MEETING:
            summary.first = value  # type: ignore[assignment]
        else:
            summary.last = value  # type: ignore[assignment]
    return out


def _changed(pair: Pair, old: PairSummary, new: PairSummary) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) turning a kept pair's triples from `old` into `new`: only the values that
    differ (a pair gaining a meeting changes its count, seldom its dates)."""
    node = pair_iri(pair)
    remove: list[Triple] = []
    add: list[Triple] = []
    if old.meetings != new.meetings:
        remove.append((node, _MEETING_COUNT, count_literal(old.meetings)))
        add.append((node, _MEETING_COUNT, count_literal(new.meetings)))
    for prop, before, after in ((_FIRST_MEETING, old.first, new.first), (_LAST_MEETING, old.last, new.last)):
        if before != after:
            remove += [(node, prop, before)] if before is not None else []
            add += [(node, prop, after)] if after is not None else []
    return remove, add


def changes(store: Any, shares: dict[Pair, PairSummary]) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) folding a readout's shares into the kept pairs."""
    old = stored(store, shares)
    remove: list[Triple] = []
    add: list[Triple] = []
    for pair, share in shares.items():
        before = old.get(pair)
        if before is None:
            add += triples_of(pair, PairSummary().merge(share))
        else:
            gone, new = _changed(pair, before, before.merge(share))
            remove += gone
            add += new
    return remove, add


def pairs_of_readout(store: Any, readout: URIRef) -> set[Pair]:
    """The pairs whose meetings a stored readout states anything of (participants or a start
    date): every pair of each such meeting's participants, as all graphs state them."""
    meetings = meetings_of_graph(store, readout)
    return {pair for m in _stated(store, meetings).values() for pair in pairs_of(m.participants)}


def computed_from_scratch(store: Any, pairs: Iterable[Pair] | None = None) -> dict[Pair, PairSummary]:
    """Each pair's meetings as grouping every meeting's participants gives them (of `pairs` only, if given)."""
    if pairs is not None:
        pairs = sorted(set(pairs))
        if not pairs:
            return {}
        restrict = "VALUES (?a ?b) { " + " ".join(f"({nt_term(a)} {nt_term(b)})" for a, b in pairs) + " }"
    else:
        restrict = ""
    where = f"{restrict} ?m kg:participant ?a . ?m kg:participant ?b . FILTER(STR(?a) < STR(?b))"
    out: dict[Pair, PairSummary] = {}
    for r in store.query(_PREFIXES + f"SELECT ?a ?b (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {where} }} GROUP BY ?a ?b"):
        out[(URIRef(str(from_ox(r[0]))), URIRef(str(from_ox(r[1]))))] = PairSummary(int(str(from_ox(r[2]))))
    # the dates apart: an undated meeting's unbound date would void MIN and MAX
    for r in store.query(_PREFIXES + f"SELECT ?a ?b (MIN(?start) AS ?first) (MAX(?start) AS ?last) WHERE {{ "
                         f"{where} ?m schema:startDate ?start }} GROUP BY ?a ?b"):
        summary = out[(URIRef(str(from_ox(r[0]))), URIRef(str(from_ox(r[1]))))]
        summary.first, summary.last = from_ox(r[2]), from_ox(r[3])  # type: ignore[assignment]
    return out


def recomputed(store: Any, pairs: set[Pair]) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) setting these pairs from the graphs the store holds now (a pair that has
    no meeting left goes)."""
    old = stored(store, pairs)
    fresh = computed_from_scratch(store, pairs)
    remove = [t for pair, summary in old.items() if pair not in fresh for t in triples_of(pair, summary)]
    add = [t for pair, summary in fresh.items() if pair not in old for t in triples_of(pair, summary)]
    for pair in old.keys() & fresh.keys():
        gone, new = _changed(pair, old[pair], fresh[pair])
        remove += gone
        add += new
    return remove, add


def kept(store: Any) -> dict[Pair, PairSummary]:
    """Every kept pair."""
    rows = store.query(_PREFIXES + f"SELECT ?a ?b WHERE {{ GRAPH {nt_term(SUMMARY_GRAPH)} {{ "
                       "?s kg:partyA ?a ; kg:partyB ?b } }")
    return stored(store, {(URIRef(str(from_ox(r[0]))), URIRef(str(from_ox(r[1])))) for r in rows})


def meetings_of_graph(store: Any, readout: URIRef) -> dict[URIRef, Meeting]:
    """What a stored readout's graph states of each meeting (`meetings_in` for a graph not at hand as N-Triples)."""
    return _meetings(store.query(_PREFIXES + f"""SELECT ?m ?p ?d WHERE {{ GRAPH {nt_term(readout)} {{
      {{ ?m kg:participant ?p }} UNION {{ ?m schema:startDate ?d }} }} }}"""))
