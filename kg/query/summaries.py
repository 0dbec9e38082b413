"""Summaries kept at load time: what a question would otherwise group over the whole store.

`commitments-reaffirmed` asks, for each actor and topic, in how many readouts the actor
committed to something on the topic, the first and last publication dates, the target years
and one of the sentences. Grouping every commitment of the store at query time took 4.2 s at
10,000 readouts; here each (actor, topic) has one summary node, updated as each readout is
stored or removed, so the question reads a few thousand nodes at most:

    id:summary/commitments/<ACTOR>/<topic> a kg:CommitmentSummary ;
        kg:summaryActor id:actor/<ACTOR> ; kg:summaryTopic id:topic/<topic> ;
        kg:readoutCount n ; kg:firstSeen date ; kg:lastSeen date ;
        kg:exampleText "the least sentence" ; kg:summaryTargetYear year ...

in the graph `graph/summaries` (and, in the embedded store, in the union the questions read).
Adding a readout combines its share with the stored values (count + 1, min and max of the
dates, the least sentence, the union of the years) without reading the other readouts;
removing or replacing one recomputes its keys from the readouts that remain.
`computed_from_scratch` is the grouping itself: tests check the kept summaries equal it.
The same graph keeps each post's latest holders (post_holders.py) and each pair of parties'
meetings (pairs.py), changed in the same transaction as the commitments' summaries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.term import Node

from kg.model.namespaces import ID, KG, ORG, SCHEMA, SUMMARY_GRAPH, actor_iri, topic_iri
from kg.model.record import Record
from kg.query import pairs, post_holders
from kg.rdf.mapping import issued_literal
from kg.sparql.binding import nt_term
from kg.sparql.terms import from_ox

Key = tuple[URIRef, URIRef]  # (actor, topic)
Triple = tuple[Node, Node, Node]

# The properties of a summary, looked up once: `KG.x` builds a new URIRef on every use, and a
# batch reads and writes every kept triple of its keys.
_READOUT_COUNT, _FIRST_SEEN, _LAST_SEEN = KG.readoutCount, KG.firstSeen, KG.lastSeen
_EXAMPLE_TEXT, _TARGET_YEAR = KG.exampleText, KG.summaryTargetYear
_COMMITMENT_SUMMARY, _SUMMARY_ACTOR, _SUMMARY_TOPIC = KG.CommitmentSummary, KG.summaryActor, KG.summaryTopic
# which field of a Summary each kept property states
_FIELD = {_TARGET_YEAR: "years", _READOUT_COUNT: "readouts", _FIRST_SEEN: "first", _LAST_SEEN: "last",
          _EXAMPLE_TEXT: "text"}

_PREFIXES = """PREFIX kg: <https://w3id.org/climate-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@dataclass
class Summary:
    """One actor's commitments on one topic, over the readouts that state them."""

    readouts: int = 0
    first: Literal | None = None
    last: Literal | None = None
    text: Literal | None = None
    years: set[Literal] = field(default_factory=set)

    def merge(self, other: Summary) -> Summary:
        """The summary of both sets of readouts (they must not overlap)."""
        return Summary(self.readouts + other.readouts, _least(self.first, other.first),
                       _most(self.last, other.last), _least(self.text, other.text), self.years | other.years)


def _order(value: Literal) -> tuple[str, str]:
    return str(value.datatype or ""), str(value)


def _least(a: Literal | None, b: Literal | None) -> Literal | None:
    return b if a is None else a if b is None else min(a, b, key=_order)


def _most(a: Literal | None, b: Literal | None) -> Literal | None:
    return b if a is None else a if b is None else max(a, b, key=_order)


def summary_iri(key: Key) -> URIRef:
    actor, topic = key
    return ID[f"summary/commitments/{str(actor).rsplit('/', 1)[1]}/{str(topic).rsplit('/', 1)[1]}"]


def share_of(record: Record) -> dict[Key, Summary]:
    """What one readout adds to each (actor, topic): the readout once, its date, its least
    sentence and its target years. A readout without a publication date adds nothing (the
    question counts dated readouts)."""
    issued = issued_literal(record.document.published)
    if issued is None:
        return {}
    shares: dict[Key, Summary] = {}
    for commitment in record.commitments:
        year = Literal(f"{commitment.target_year:04d}", datatype=XSD.gYear) \
            if commitment.target_year is not None else None
        for code in commitment.actors:
            for topic in commitment.topics:
                share = shares.setdefault((actor_iri(code), topic_iri(topic)), Summary(1, issued, issued))
                share.text = _least(share.text, Literal(commitment.text))
                if year is not None:
                    share.years.add(year)
    return shares


def triples_of(key: Key, summary: Summary) -> list[Triple]:
    node = summary_iri(key)
    out: list[Triple] = [(node, RDF.type, _COMMITMENT_SUMMARY), (node, _SUMMARY_ACTOR, key[0]),
                         (node, _SUMMARY_TOPIC, key[1]), (node, _READOUT_COUNT, pairs.count_literal(summary.readouts))]
    for prop, value in ((_FIRST_SEEN, summary.first), (_LAST_SEEN, summary.last), (_EXAMPLE_TEXT, summary.text)):
        if value is not None:
            out.append((node, prop, value))
    out += [(node, _TARGET_YEAR, year) for year in sorted(summary.years, key=_order)]
    return out


def _values(keys: Iterable[Key]) -> str:
    """The keys as a VALUES block (terms written by kg.sparql.binding.nt_term, escaped)."""
    rows = " ".join(f"({nt_term(a)} {nt_term(t)})" for a, t in sorted(keys))
    return f"VALUES (?actor ?topic) {{ {rows} }}"


_GRAPH = nt_term(SUMMARY_GRAPH)




def stored(store: Any, keys: Iterable[Key]) -> dict[Key, tuple[Summary, list[Triple]]]:
    """The kept summaries of these keys, with the triples that state them."""
    keys = list(keys)
    if not keys:
        return {}
    by_node = {summary_iri(k): k for k in keys}
    out: dict[Key, tuple[Summary, list[Triple]]] = {}
    for s, p, o in store.triples_about(sorted(by_node), SUMMARY_GRAPH):
        summary, triples = out.setdefault(by_node[s], (Summary(), []))  # type: ignore[index]  # s: a URIRef
        triples.append((s, p, o))
        field = _FIELD.get(p)  # one dictionary lookup, not a comparison with each property
        if field == "years":
            summary.years.add(o)
        elif field == "readouts":
            summary.readouts = int(str(o))
        elif field == "first":
            summary.first = o
        elif field == "last":
            summary.last = o
        elif field == "text":
            summary.text = o
    return out


# How many readouts' shares the summaries hold, kept in the same transaction as each change: a
# load killed between a readout's write and its share leaves a count that differs from the
# readouts stored, and the next load rebuilds the summaries (`up_to_date`).
TALLY = ID["summary/commitments"]
# The pairs' own tally (kg/query/pairs.py): a store whose summaries were kept before the pairs
# were has the first and not this one, and gets the pairs built on its next load.
PAIRS_TALLY = ID["summary/pairs"]


def _tally(store: Any, node: URIRef = TALLY) -> tuple[int | None, list[Triple]]:
    values = [o for _, p, o in store.triples_about([node], SUMMARY_GRAPH) if p == KG.readoutsSummarised]
    return (int(str(values[0])) if values else None), [(node, KG.readoutsSummarised, v) for v in values]


def _retally(store: Any, delta: int) -> tuple[list[Triple], list[Triple]]:
    remove: list[Triple] = []
    add: list[Triple] = []
    for node in (TALLY, PAIRS_TALLY):
        count, old = _tally(store, node)
        remove += old
        add.append((node, KG.readoutsSummarised, Literal((count or 0) + delta)))
    return remove, add


def changed(old: list[Triple], new: list[Triple]) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) turning a node's kept triples `old` into `new`: only those that differ (a
    summary gaining a readout changes its count and seldom more of its ~20 triples)."""
    before, after = set(old), set(new)
    return [t for t in old if t not in after], [t for t in new if t not in before]


def readouts_stored(store: Any) -> int:
    prefix = str(ID["readout/"])
    return sum(1 for name in store.graph_names() if name.startswith(prefix))


def up_to_date(store: Any) -> bool:
    """Whether the summaries hold the share of every readout stored (and of no other)."""
    stored_now = readouts_stored(store)
    return _tally(store)[0] == stored_now and _tally(store, PAIRS_TALLY)[0] == stored_now


def add_readout(store: Any, record: Record, holdings: Iterable[tuple[URIRef, URIRef]] = (),
                size: tuple[URIRef, int] | None = None,
                pair_shares: dict[pairs.Pair, pairs.PairSummary] | None = None) -> None:
    """A new readout was stored: fold its share into the summaries it touches (its
    commitments, the posts its graph names holders of: `holdings`, (person, post); and the
    pairs of parties of its meetings: `pair_shares`, pairs.share_of it); `size` is (its
    graph, the triples written), which the `readouts` question shows."""
    pending = PendingShares()
    pending.add(record, holdings, size, pair_shares)
    pending.write(store)


@dataclass
class PendingShares:
    """The shares of new readouts already stored, folded into the summaries together.

    A load writes them once per batch of readouts (when it flushes) instead of once per
    readout: reading the kept values and one update per readout were a third of a load's
    serial part. Until `write`, the tally counts fewer readouts than the store holds, so a
    load killed in between is caught by `up_to_date` and the next load rebuilds; a readout
    stored some other way (a replacement, a re-key) must `write` the pending shares first,
    since it reads the kept values."""

    commitments: dict[Key, Summary] = field(default_factory=dict)
    posts: dict[URIRef, post_holders.Latest] = field(default_factory=dict)
    sizes: dict[URIRef, int | None] = field(default_factory=dict)
    pair_shares: dict[pairs.Pair, pairs.PairSummary] = field(default_factory=dict)
    readouts: int = 0

    def add(self, record: Record, holdings: Iterable[tuple[URIRef, URIRef]] = (),
            size: tuple[URIRef, int] | None = None,
            pair_shares: dict[pairs.Pair, pairs.PairSummary] | None = None) -> None:
        """`pair_shares`: pairs.share_of the readout, worked out as soon as its graph is
        written (what it adds to each meeting over the graphs stored before it)."""
        for key, share in share_of(record).items():
            before = self.commitments.get(key)
            self.commitments[key] = share if before is None else before.merge(share)
        for post, latest in post_holders.share_of(issued_literal(record.document.published), holdings).items():
            self.posts[post] = post_holders.merged(self.posts.get(post), latest)
        if size is not None:
            self.sizes[size[0]] = size[1]
        for pair, pair_share in (pair_shares or {}).items():
            before_pair = self.pair_shares.get(pair)
            self.pair_shares[pair] = pair_share if before_pair is None else before_pair.merge(pair_share)
        self.readouts += 1

    def write(self, store: Any) -> None:
        """Fold every pending share into the kept summaries, in one edit, and forget them."""
        if not self.readouts:
            return
        old = stored(store, self.commitments)
        remove, add = _retally(store, self.readouts)
        if self.sizes:
            sized_remove, sized_add = _sized(store, self.sizes)
            remove += sized_remove
            add += sized_add
        for key, share in self.commitments.items():
            summary, triples = old.get(key, (Summary(), []))
            gone, fresh = changed(triples, triples_of(key, summary.merge(share)))
            remove += gone
            add += fresh
        posts_remove, posts_add = post_holders.changes(store, self.posts)
        pairs_remove, pairs_add = pairs.changes(store, self.pair_shares)
        store.edit_graph(SUMMARY_GRAPH, remove + posts_remove + pairs_remove, add + posts_add + pairs_add)
        self.commitments, self.posts, self.sizes, self.pair_shares, self.readouts = {}, {}, {}, {}, 0


def keys_of_readout(store: Any, readout: URIRef) -> set[Key]:
    """The (actor, topic) keys a stored readout's commitments touch."""
    # (a commitment is its readout's own node, stored in the union only: kg/store/own_triples.py)
    rows = store.query(_PREFIXES + f"SELECT DISTINCT ?actor ?topic WHERE {{ ?c prov:wasDerivedFrom {nt_term(readout)} ; "
                       "a kg:Commitment ; kg:committedBy ?actor ; dcterms:subject ?topic }")
    return {(URIRef(str(from_ox(r[0]))), URIRef(str(from_ox(r[1])))) for r in rows}


def computed_from_scratch(store: Any, keys: Iterable[Key] | None = None) -> dict[Key, Summary]:
    """The summaries as grouping every commitment of the store gives them (of `keys` only, if given)."""
    if keys is not None:
        keys = list(keys)
        if not keys:
            return {}
    restrict = _values(keys) if keys is not None else ""
    where = (f"{restrict} ?c kg:committedBy ?actor ; dcterms:subject ?topic . "
             "?c prov:wasDerivedFrom ?readout ; schema:text ?sentence . ?readout a kg:Readout ; dcterms:issued ?issued .")
    out: dict[Key, Summary] = {}
    for r in store.query(_PREFIXES + "SELECT ?actor ?topic (COUNT(DISTINCT ?readout) AS ?n) (MIN(?issued) AS ?first) "
                         f"(MAX(?issued) AS ?last) (MIN(?sentence) AS ?text) WHERE {{ {where} }} GROUP BY ?actor ?topic"):
        actor, topic, n, first, last, text = (from_ox(r[i]) if r[i] is not None else None for i in range(6))
        out[(URIRef(str(actor)), URIRef(str(topic)))] = Summary(int(str(n)), first, last, text)  # type: ignore[arg-type]
    for r in store.query(_PREFIXES + f"SELECT DISTINCT ?actor ?topic ?year WHERE {{ {where} ?c kg:targetYear ?year }}"):
        key = (URIRef(str(from_ox(r[0]))), URIRef(str(from_ox(r[1]))))
        out[key].years.add(from_ox(r[2]))  # type: ignore[arg-type]
    return out


def _sized(store: Any, sizes: dict[URIRef, int | None]) -> tuple[list[Triple], list[Triple]]:
    """(remove, add) setting each readout's kg:triplesStored (None: the readout is gone)."""
    remove = [t for t in store.triples_about(sorted(sizes), SUMMARY_GRAPH) if t[1] == KG.triplesStored]
    add: list[Triple] = [(r, KG.triplesStored, Literal(n)) for r, n in sizes.items() if n is not None]
    return remove, add


def triple_counts_from_scratch(store: Any) -> dict[URIRef, int]:
    """Each readout graph's triples, counted (read whole: its named graph and its own
    triples in the union, kg/store/own_triples.py)."""
    prefix = str(ID["readout/"])
    return {URIRef(g): len(store.graph(URIRef(g))) for g in store.graph_names() if g.startswith(prefix)}


def triple_counts_kept(store: Any) -> dict[URIRef, int]:
    rows = store.query(f"SELECT ?r ?n WHERE {{ GRAPH {_GRAPH} {{ ?r {nt_term(KG.triplesStored)} ?n }} }}")
    return {URIRef(str(from_ox(r[0]))): int(str(from_ox(r[1]))) for r in rows}


def recompute(store: Any, keys: set[Key], readouts_delta: int = 0, posts: set[URIRef] | None = None,
              sizes: dict[URIRef, int | None] | None = None, pairs_of: set[pairs.Pair] | None = None) -> None:
    """Set these keys' summaries (and these posts' holders, these pairs' meetings) from the
    readouts the store holds now (after a removal, `readouts_delta` -1, or a replacement, 0: a
    readout's share cannot be taken back out of a minimum); `sizes`: readouts' triples written
    (None: removed)."""
    old = stored(store, keys)
    fresh = computed_from_scratch(store, keys)
    remove, add = _retally(store, readouts_delta) if readouts_delta else ([], [])
    if sizes:
        sized_remove, sized_add = _sized(store, sizes)
        remove += sized_remove
        add += sized_add
    remove += [t for _, triples in old.values() for t in triples]
    add += [t for key, summary in fresh.items() for t in triples_of(key, summary)]
    posts_remove, posts_add = post_holders.recomputed(store, posts or set())
    pairs_remove, pairs_add = pairs.recomputed(store, pairs_of or set())
    store.edit_graph(SUMMARY_GRAPH, remove + posts_remove + pairs_remove, add + posts_add + pairs_add)


class Touched(NamedTuple):
    """What of the summaries a stored readout has a share in."""

    keys: set[Key]
    posts: set[URIRef]
    pairs: set[pairs.Pair]


def touched_by(store: Any, readout: URIRef) -> Touched:
    """The summary keys, posts and pairs of parties a stored readout has a share in (asked
    before it goes, and after a replacement is written: a pair of either may change)."""
    return Touched(keys_of_readout(store, readout), post_holders.posts_of_readout(store, readout),
                   pairs.pairs_of_readout(store, readout))


# What a readout's shares are computed from (`computed_from_scratch`, `keys_of_readout`, the
# posts' holdings): a rewrite of its graph that adds or drops none of these leaves its shares.
_COMMITMENT_INPUTS = frozenset({KG.committedBy, DCTERMS.subject, SCHEMA.text, KG.targetYear, DCTERMS.issued})
_TYPES_READ = frozenset({KG.Commitment, KG.Readout})
_POST_INPUTS = frozenset({ORG.holds, DCTERMS.issued})
_PAIR_INPUTS = frozenset({KG.participant, SCHEMA.startDate})


def touched_by_rewrite(store: Any, readout: URIRef, changed: Iterable[Triple]) -> Touched:
    """`touched_by`, narrowed to the shares a rewrite of the readout's graph can alter;
    `changed`: the triples the rewrite drops or adds (a re-key of a person or forum mostly
    touches neither commitments, holdings nor meetings' parties, and recomputing a key groups
    every readout's commitments on it: a third of a load's serial part at 1,000 readouts)."""
    commitments = holdings = meetings = False
    for _, p, o in changed:
        commitments = commitments or p in _COMMITMENT_INPUTS or (p == RDF.type and o in _TYPES_READ)
        holdings = holdings or p in _POST_INPUTS
        meetings = meetings or p in _PAIR_INPUTS
    return Touched(keys_of_readout(store, readout) if commitments else set(),
                   post_holders.posts_of_readout(store, readout) if holdings else set(),
                   pairs.pairs_of_readout(store, readout) if meetings else set())


def kept(store: Any) -> dict[Key, Summary]:
    """Every kept summary, as `stored` reads them."""
    rows = store.query(_PREFIXES + f"SELECT ?actor ?topic WHERE {{ GRAPH {_GRAPH} {{ "
                       "?s kg:summaryActor ?actor ; kg:summaryTopic ?topic } }")
    keys = {(URIRef(str(from_ox(r[0]))), URIRef(str(from_ox(r[1])))) for r in rows}
    return {k: s for k, (s, _) in stored(store, keys).items()}


def rebuild(store: Any) -> None:
    """Every summary from the readouts the store holds (a store written before summaries were
    kept, or graphs written around the loader)."""
    old = kept(store)
    fresh = computed_from_scratch(store)
    remove = _tally(store)[1] + _tally(store, PAIRS_TALLY)[1]
    remove += [t for key, summary in old.items() for t in triples_of(key, summary)]
    remove += [t for post, latest in post_holders.kept(store).items() for t in post_holders.triples_of(post, latest)]
    remove += [t for pair, summary in pairs.kept(store).items() for t in pairs.triples_of(pair, summary)]
    count = Literal(readouts_stored(store))
    add: list[Triple] = [(TALLY, KG.readoutsSummarised, count), (PAIRS_TALLY, KG.readoutsSummarised, count)]
    add += [t for pair, summary in pairs.computed_from_scratch(store).items() for t in pairs.triples_of(pair, summary)]
    add += [t for key, summary in fresh.items() for t in triples_of(key, summary)]
    add += [t for post, latest in post_holders.computed_from_scratch(store).items()
            for t in post_holders.triples_of(post, latest)]
    remove += [(r, KG.triplesStored, Literal(n)) for r, n in triple_counts_kept(store).items()]
    add += [(r, KG.triplesStored, Literal(n)) for r, n in triple_counts_from_scratch(store).items()]
    store.edit_graph(SUMMARY_GRAPH, remove, add)
