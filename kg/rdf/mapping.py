"""Record → RDF: one readout's facts as one rdflib graph (ontology/MAPPING.md says which triples).

The graph is named by the readout's IRI and holds no blank nodes: every node's IRI is minted
by `kg.model.namespaces` from what the node is, so the same record always gives the same graph
and two readouts naming the same country, person, forum or meeting share that node.
Countries, the EU, COP sessions, topics, forum kinds and statuses are typed and labelled in
the reference graph (`kg.model.reference_rdf`); a readout only links to them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import RecordError
from kg.extract.subjects import publishing_state
from kg.model.namespaces import (
    ID,
    KG,
    OA,
    ORG,
    PREFIXES,
    SCHEMA,
    actor_iri,
    commitment_iri,
    cop_number,
    evidence_iri,
    forum_iri,
    forum_kind_iri,
    language_iri,
    person_iri,
    place_iri,
    post_iri,
    readout_iri,
    slug,
    status_iri,
    topic_iri,
)
from kg.model.record import Commitment, Forum, Meeting, Person, Record, Span
from kg.model.record_json import record_to_json
from kg.model.transliteration import label_literal
from kg.rdf.evidence import SentenceSpans
from kg.rdf.name_forms import fold
from kg.rdf.not_forums import not_a_forum
from kg.rdf.offices import offices_of
from kg.rdf.sessions import MeetingNode, presidency_iri_at, presidency_year, readout_meeting_node

LABEL_LENGTH = 80  # commitments are labelled with the start of their sentence
_CODE = re.compile(r"^(?:[A-Za-z]{2})$")


def _identity_bytes(record: Record) -> bytes:
    if record.text:
        return record.text.encode("utf-8")
    # A curated record without text: its content, not where it was read from, is its identity.
    content = record_to_json(record)
    content.pop("source", None)
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def content_hash(record: Record) -> str:
    """SHA-256 (hex) of the record's text (as `Document.content_hash`), else of its canonical JSON."""
    return hashlib.sha256(_identity_bytes(record)).hexdigest()


def readout_id(record: Record) -> str:
    """The first 16 hex digits of the content hash: the readout's id (`Document.readout_id`)."""
    return content_hash(record)[:16]


def load_iri(rid: str) -> URIRef:
    return ID[f"load/{rid}"]


def organization_iri(name: str) -> URIRef:
    return ID[f"organization/{slug(name)}"]


def is_actor_code(code: str) -> bool:
    """True for the EU and the ISO 3166-1 alpha-2 codes of the reference data."""
    from kg.model import reference

    return bool(_CODE.match(code)) and (code.upper() == "EU" or reference.country(code) is not None)


def forum_label(name: str) -> str:
    """The name a forum is labelled with: COPs normalised ('COP 29' → 'COP29'), others as written."""
    n = cop_number(name)
    return f"COP{n}" if n is not None else name.strip()


def _name_literal(name: str) -> Literal:
    """A label in its language: "刘振民"@zh, "Liu Zhenmin"@en (foaf:name and schema:name stay
    plain strings, as FOAF, schema.org and the shapes have them)."""
    return label_literal(name)


def utc_timestamp(moment: datetime) -> str:
    """'2025-01-02T03:04:05Z': UTC, whole seconds, the form Oxigraph stores (naive times are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issued_literal(published: str | None) -> Literal | None:
    """The readout's dcterms:issued value for a record's `published` (None when not given)."""
    dated = _date_literal(published or "")
    return dated[1] if dated else None


def _date_literal(value: str) -> tuple[URIRef, Literal] | None:
    """'2024-09-04' → (day property, xsd:date); '2024-09' → (month property, xsd:gYearMonth)."""
    if len(value) == 7:
        return XSD.gYearMonth, Literal(value, datatype=XSD.gYearMonth)
    if value:
        return XSD.date, Literal(value, datatype=XSD.date)
    return None


# Terms of the evidence nodes, looked up once (rdflib namespaces resolve each attribute
# access through __getattr__; the mapping writes some 200 of these triples per readout).
_RDF_TYPE = RDF.type
_EVIDENCE, _HAS_SOURCE, _EXACT, _START, _END = KG.Evidence, OA.hasSource, OA.exact, OA.start, OA.end


Triple = tuple[URIRef, URIRef, URIRef | Literal]


class _ReadoutGraph:
    """Builds one readout's triples; each method maps one kind of fact.

    The triples are kept by subject, then predicate (as rdflib's SimpleMemory store indexes
    them, so they come out in the order an rdflib graph of them iterates): a worker of a load
    validates and ships them without building an rdflib graph, whose `add` cost more than the
    rest of the mapping.
    """

    def __init__(self, record: Record) -> None:
        self.record = record
        self.rid = readout_id(record)
        self.readout = readout_iri(self.rid)
        self._spo: dict[URIRef, dict[URIRef, dict[URIRef | Literal, None]]] = {}
        self._evidence_made: set[URIRef] = set()
        self._sentences = SentenceSpans(record.text)
        self.forums_listed = {forum_iri(f.name) for f in record.forums if not not_a_forum(f.name)}
        self.people_listed = {person_iri(p.name) for p in record.people}
        self.offices = offices_of(record)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        by_predicate = self._spo.get(s)
        if by_predicate is None:
            by_predicate = self._spo[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        objects[o] = None

    def triples(self) -> list[Triple]:
        return [(s, p, o) for s, by_predicate in self._spo.items()
                for p, objects in by_predicate.items() for o in objects]

    def mentioned(self, node: URIRef) -> None:
        """The readout names this shared node (a country, person, post, forum, meeting...).

        `id:readout/R schema:mentions node`, not `node prov:wasDerivedFrom id:readout/R`: a
        country or a forum is not derived from a readout (PROV would make it a prov:Entity
        with a derivation per readout); what a readout says about it is its record's facts
        (this graph), and the readout's own mention list says which nodes those are.
        """
        self.add(self.readout, SCHEMA.mentions, node)

    def evidenced(self, node: URIRef, spans: Iterable[Span]) -> None:
        for span in spans:
            self.add(node, KG.evidence, self.evidence(span))

    def derived(self, node: URIRef, spans: Iterable[Span]) -> None:
        """A shared node this readout speaks of, at these spans."""
        self.mentioned(node)
        self.evidenced(node, spans)

    def evidence(self, span: Span) -> URIRef:
        """The evidence node of the sentence holding `span`: five triples, shared by every
        fact read from that sentence.

        One node is at once the Web Annotation specific resource (its source, the readout)
        and its own quote and position selectors (kg:Evidence is a subclass of all three in
        ontology/kg.ttl): a sentence costs five triples instead of the nine of a resource
        with two selector nodes, and a fact's evidence is one hop away.
        """
        span = self._sentences.widen(span)
        node = evidence_iri(self.rid, span.start, span.end)
        if node in self._evidence_made:  # several facts read from one sentence share it
            return node
        self._evidence_made.add(node)
        self.add(node, _RDF_TYPE, _EVIDENCE)
        self.add(node, _HAS_SOURCE, self.readout)
        self.add(node, _EXACT, Literal(span.text))
        # xsd:integer, not the xsd:nonNegativeInteger of the Web Annotation vocabulary: Oxigraph
        # stores every integer type as xsd:integer, and a graph must read back exactly as it
        # was written (the loader compares them to skip unchanged readouts); the shapes check >= 0.
        self.add(node, _START, Literal(span.start, datatype=XSD.integer))
        self.add(node, _END, Literal(span.end, datatype=XSD.integer))
        return node

    # ------------------------------------------------------------ the document

    def readout_node(self, loaded_at: datetime | None, tool_version: str) -> None:
        r, doc = self.readout, self.record.document
        self.add(r, RDF.type, KG.Readout)
        self.add(r, DCTERMS.identifier, Literal(self.rid))
        self.add(r, KG.contentHash, Literal(content_hash(self.record)))
        if self.record.text:
            self.add(r, SCHEMA.text, Literal(self.record.text))
        if doc.title:
            self.add(r, DCTERMS.title, Literal(doc.title))
        if doc.published:
            dated = _date_literal(doc.published)
            if dated:
                self.add(r, DCTERMS.issued, dated[1])
        if doc.publisher:
            # the name as the readout gives it (a ministry, an office), and the government it is
            # when the name says which: dcterms:publisher is an agent, never a string
            self.add(r, KG.publisherName, Literal(doc.publisher))
            state = publishing_state(doc.publisher)
            if state is not None and is_actor_code(state):
                self.add(r, DCTERMS.publisher, actor_iri(state))
        language = language_iri(doc.language) if doc.language else None
        if language is not None:
            self.add(r, DCTERMS.language, language)
        if self.record.source is not None:
            self.add(r, KG.sourcePath, Literal(self.record.source))
        load = load_iri(self.rid)
        self.add(r, PROV.wasGeneratedBy, load)
        self.add(load, RDF.type, KG.Load)
        self.add(load, KG.toolVersion, Literal(tool_version))
        if loaded_at is not None:
            self.add(load, PROV.startedAtTime, Literal(utc_timestamp(loaded_at), datatype=XSD.dateTime))

    # ------------------------------------------------------------ actors, people, posts

    def actors(self) -> None:
        for actor in self.record.actors:
            self.derived(actor_iri(actor.code), actor.evidence)

    def party(self, actor: str) -> URIRef:
        """A code of a state or the EU → its actor node; anything else names an organisation."""
        if is_actor_code(actor):
            return actor_iri(actor)
        node = organization_iri(actor)
        self.add(node, RDF.type, KG.Organization)
        self.add(node, RDFS.label, _name_literal(actor.strip()))
        self.mentioned(node)
        return node

    def person_node(self, name: str) -> URIRef:
        node = person_iri(name)
        self.add(node, RDF.type, KG.Person)
        self.add(node, FOAF.name, Literal(name))
        self.add(node, RDFS.label, _name_literal(name))
        self.mentioned(node)
        self.written_as(node, name, self.record.renamed_people.get(name), person_iri)
        return node

    def written_as(self, node: URIRef, name: str, written: str | None, mint: Callable[[str], URIRef]) -> None:
        """A node this readout named otherwise: the written form is an alias, and the IRI it
        would have had redirects to the node (kg/rdf/rekey.py gives a stored graph the same)."""
        if written is None:
            return
        if fold(written) != fold(name):
            self.add(node, SKOS.altLabel, _name_literal(written))
        if mint(written) != node:
            self.add(mint(written), DCTERMS.isReplacedBy, node)

    def person(self, person: Person) -> None:
        node = self.person_node(person.name)
        for alias in person.aliases:
            self.add(node, SKOS.altLabel, _name_literal(alias))
        self.derived(node, person.evidence)
        party = self.party(person.actor) if person.actor else None
        if party is not None:
            self.add(node, KG.represents, party)
        if person.role:
            # With no party, the post is this person's own: "President" of nobody in
            # particular must not merge every unattributed president into one post.
            held = self.offices[(person.name, person.role)]
            post = post_iri(person.actor or person.name, held.key)
            self.add(post, RDF.type, KG.Post)
            self.add(post, RDFS.label, _name_literal(held.label))
            if person.role.strip() != held.label:
                self.add(post, SKOS.altLabel, _name_literal(person.role.strip()))
            self.add(post, KG.roleKind, ID[f"role-kind/{held.kind}"])
            if held.collegial:
                self.add(post, KG.collegial, Literal(True))
            if party is not None:
                self.add(post, ORG.postIn, party)
            self.add(post, ORG.heldBy, node)
            self.add(node, ORG.holds, post)
            self.derived(post, person.evidence)

    # ------------------------------------------------------------ forums, presidencies

    def forum_node(self, name: str) -> URIRef:
        node = forum_iri(name)
        self.add(node, RDF.type, KG.Forum)
        self.add(node, RDFS.label, _name_literal(forum_label(name)))
        self.mentioned(node)
        written = self.record.renamed_forums.get(name)
        self.written_as(node, forum_label(name), forum_label(written) if written else None, forum_iri)
        return node

    def forum_ref(self, name: str) -> URIRef | None:
        """A forum named by a meeting, presidency or parent: described here if not listed
        (None when the name is a company's or one state's agency's, not a forum's)."""
        if not_a_forum(name):
            return None
        node = forum_iri(name)
        return node if node in self.forums_listed else self.forum_node(name)

    def forum(self, forum: Forum) -> None:
        if not_a_forum(forum.name):
            self.party(forum.name)  # an organisation the readout names, not a forum
            return
        node = self.forum_node(forum.name)
        self.add(node, SKOS.prefLabel, _name_literal(forum_label(forum.name)))
        for alias in forum.aliases:
            self.add(node, SKOS.altLabel, _name_literal(alias))
        self.add(node, KG.forumKind, forum_kind_iri(forum.kind))
        parent = self.forum_ref(forum.parent) if forum.parent else None
        if parent is not None:
            self.add(node, ORG.subOrganizationOf, parent)
        self.derived(node, forum.evidence)

    def presidencies(self) -> None:
        from kg.model.reference_rdf import actor_name

        for presidency in self.record.presidencies:
            forum = self.forum_ref(presidency.of)
            if forum is None:
                continue
            # A COP's presidency is that session's; another forum's is one term, read for a year.
            year = presidency_year(presidency.of, self.record.meetings, self.record.document.published)
            node = presidency_iri_at(presidency.of, presidency.actor, year)
            self.add(node, RDF.type, KG.Presidency)
            self.add(node, RDFS.label, _name_literal(
                f"{forum_label(presidency.of)} Presidency of {actor_name(presidency.actor)}"
                + (f" ({year})" if year is not None else "")))
            self.add(node, ORG.member, actor_iri(presidency.actor))
            self.add(node, ORG.organization, forum)
            if year is not None:
                self.add(node, KG.year, Literal(f"{year:04d}", datatype=XSD.gYear))
            self.derived(node, presidency.evidence)

    # ------------------------------------------------------------ meetings, commitments

    def meeting_node(self, index: int) -> MeetingNode:
        found = readout_meeting_node(self.record.meetings[index], self.rid, index)
        day = self.record.meeting_days.get(index)
        if day is None:
            return found
        # dated to the month here, and one meeting of its group is dated to a day of that month
        return replace(found, iri=URIRef(str(found.iri).rsplit("/", 1)[0] + "/" + day))

    def meeting(self, index: int, meeting: Meeting) -> None:
        from kg.model import reference

        found = self.meeting_node(index)
        node = found.iri
        forum = self.forum_ref(meeting.forum) if meeting.forum else None
        who = forum_label(meeting.forum) if forum is not None and meeting.forum else \
            "Meeting of " + (", ".join(sorted({p.upper() for p in meeting.participants})) or "unnamed parties")
        self.add(node, RDF.type, KG.Meeting)
        if forum is not None:
            self.add(node, KG.sessionOf, forum)
        cop = found.session_of
        if cop is not None:
            # the session: its dates and label are the reference data's, whatever the readout's form
            self.add(node, RDFS.label, _name_literal(f"{cop.name}, {cop.city}, {cop.start} to {cop.end}"))
            dates: tuple[str | None, str | None] = (cop.start, cop.end)
        else:
            # a month-only mention of a meeting dated elsewhere is labelled as that meeting is
            shown = self.record.meeting_days.get(index, meeting.start or "undated")
            self.add(node, RDFS.label, _name_literal(f"{who}, {shown}"))
            dates = (meeting.start, meeting.end)
        if found.part_of is not None:
            self.add(node, KG.partOf, found.part_of)
        for value, day, month in ((dates[0], SCHEMA.startDate, KG.startMonth),
                                  (dates[1], SCHEMA.endDate, KG.endMonth)):
            dated = _date_literal(value or "")
            if dated:
                self.add(node, month if dated[0] == XSD.gYearMonth else day, dated[1])
        if meeting.place:
            place = place_iri(meeting.place)
            self.add(node, SCHEMA.location, place)
            self.add(place, RDF.type, KG.Place)
            self.add(place, SCHEMA.name, Literal(meeting.place))
            self.add(place, RDFS.label, _name_literal(meeting.place))
            self.mentioned(place)
            country = reference.city_country(meeting.place)
            if country:
                self.add(place, KG.inCountry, actor_iri(country))
        if meeting.host:
            self.add(node, KG.host, actor_iri(meeting.host))
        for code in meeting.participants:
            self.add(node, KG.participant, actor_iri(code))
        for name in meeting.people:
            person = person_iri(name) if person_iri(name) in self.people_listed else self.person_node(name)
            self.add(node, KG.attendedBy, person)
        self.derived(node, meeting.evidence)

    def commitment(self, n: int, commitment: Commitment) -> None:
        node = commitment_iri(self.rid, n)
        text = commitment.text.strip()
        self.add(node, RDF.type, KG.Commitment)
        self.add(node, SCHEMA.text, Literal(commitment.text))
        label = text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"
        self.add(node, RDFS.label, _name_literal(label))
        for code in commitment.actors:
            self.add(node, KG.committedBy, actor_iri(code))
        for topic in commitment.topics:
            self.add(node, DCTERMS.subject, topic_iri(topic))
        if commitment.target_year is not None:
            self.add(node, KG.targetYear, Literal(f"{commitment.target_year:04d}", datatype=XSD.gYear))
        self.add(node, KG.status, status_iri(commitment.status))
        if commitment.meeting is not None:
            if not 0 <= commitment.meeting < len(self.record.meetings):
                raise RecordError(f"commitments[{n - 1}].meeting: no meeting {commitment.meeting} in the record "
                                  f"(it has {len(self.record.meetings)})")
            self.add(node, KG.madeAt, self.meeting_node(commitment.meeting).iri)
        # a commitment is this readout's own record of a fact: derived from it, in PROV's sense
        self.add(node, PROV.wasDerivedFrom, self.readout)
        self.evidenced(node, commitment.evidence or self.located(commitment.text))

    def located(self, sentence: str) -> list[Span]:
        """A commitment given without a span: its sentence where the text has it, if it does."""
        start = self.record.text.find(sentence) if sentence else -1
        return [Span(start, start + len(sentence), sentence)] if start >= 0 else []


def record_to_graph(record: Record, *, loaded_at: datetime | None = None,
                    tool_version: str | None = None) -> Graph:
    """One readout's graph, named by its readout IRI; the same record always gives the same graph.

    `loaded_at` and `tool_version` describe the load (prov:startedAtTime, kg:toolVersion);
    without `loaded_at` the load has no time, so the graph depends on the record alone.
    """
    return triples_to_graph(readout_iri(readout_id(record)),
                            record_to_triples(record, loaded_at=loaded_at, tool_version=tool_version))


def triples_to_graph(readout: URIRef, triples: Iterable[Triple]) -> Graph:
    """A readout's triples (`record_to_triples`) as its graph, named by its readout IRI."""
    graph = Graph(store="SimpleMemory", identifier=readout)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def record_to_triples(record: Record, *, loaded_at: datetime | None = None,
                      tool_version: str | None = None) -> list[Triple]:
    """`record_to_graph`'s triples, without the graph, in the order that graph iterates them."""
    from kg import __version__

    builder = _ReadoutGraph(record)
    builder.readout_node(loaded_at, tool_version or __version__)
    builder.actors()
    for person in record.people:
        builder.person(person)
    for forum in record.forums:
        builder.forum(forum)
    builder.presidencies()
    for index, meeting in enumerate(record.meetings):
        builder.meeting(index, meeting)
    for n, commitment in enumerate(record.commitments, start=1):
        builder.commitment(n, commitment)
    return builder.triples()
