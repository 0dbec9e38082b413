"""Namespaces and IRI minting: one place decides what a thing's IRI is (DESIGN.md, "Identity").

IRIs are minted from what a thing is, so the same country, person or forum seen in two
readouts is one node, and minting is a pure function (same input, same IRI).
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.model.transliteration import has_non_latin_letters, romanise, short_hash

BASE = "https://w3id.org/climate-kg/"
KG = Namespace(BASE + "ontology#")  # classes and properties
ID = Namespace(BASE + "id/")  # instances
GRAPH = Namespace(BASE + "graph/")  # named graphs that are not readouts
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

REFERENCE_GRAPH = GRAPH["reference"]  # countries, COP sessions, topics, forum kinds
ONTOLOGY_GRAPH = GRAPH["ontology"]
SUMMARY_GRAPH = GRAPH["summaries"]  # what the questions would otherwise group over the store (kg/query/summaries.py)

PREFIXES: dict[str, str] = {k: str(v) for k, v in {
    "kg": KG, "id": ID, "org": ORG, "schema": SCHEMA, "oa": OA, "foaf": FOAF, "prov": PROV,
    "dcterms": DCTERMS, "skos": SKOS, "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "wd": WD,
}.items()}

__all__ = [
    "BASE", "DCTERMS", "FOAF", "GRAPH", "ID", "KG", "OA", "ORG", "OWL", "PREFIXES", "PROV", "RDF",
    "RDFS", "SCHEMA", "SKOS", "WD", "XSD", "actor_iri", "commitment_iri", "cop_number", "evidence_iri",
    "forum_iri", "forum_kind_iri", "meeting_iri", "normalise_name", "person_iri", "place_iri",
    "post_iri", "presidency_iri", "readout_iri", "slug", "status_iri", "topic_iri", "language_iri", "language_code",
]


# Latin letters that Unicode does not decompose into a base letter and a mark ("Jørgensen").
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                               "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "ı": "i"})


def slug(text: str) -> str:
    """'Special Envoy for Climate Change' -> 'special-envoy-for-climate-change' (ASCII, stable).

    A name in another script is romanised and given a short hash of its written form
    ('刘振民' -> 'liu-zhen-min-1b2c3d4e'): readable, the same in every load, and distinct
    for two names that romanise alike.
    """
    if has_non_latin_letters(text):
        roman = _ascii_slug(romanise(text))
        digest = short_hash(text)
        return f"{roman}-{digest}" if roman else digest
    return _ascii_slug(text) or "unnamed"


def _ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ").replace("u.s.", "us").replace("u.k.", "uk")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def normalise_name(name: str) -> str:
    """A person's or forum's name folded for identity: case, accents, punctuation, spacing."""
    return slug(name)


_COP = re.compile(r"^\s*cop\s*-?\s*(\d{1,3})\s*$", re.IGNORECASE)


def cop_number(name: str) -> int | None:
    """'COP29', 'COP 29', 'cop-29' -> 29; anything else -> None."""
    m = _COP.match(name)
    return int(m.group(1)) if m else None


def actor_iri(code: str) -> URIRef:
    return ID[f"actor/{code.upper()}"]


def person_iri(name: str) -> URIRef:
    return ID[f"person/{normalise_name(name)}"]


def post_iri(actor: str | None, role: str) -> URIRef:
    """A post is a role of an actor ("Special Envoy for Climate Change" of CN)."""
    owner = actor.upper() if actor and re.fullmatch(r"[A-Za-z]{2}", actor) else slug(actor or "unknown")
    return ID[f"post/{owner}/{slug(role)}"]


def forum_iri(name: str) -> URIRef:
    n = cop_number(name)
    return ID[f"forum/cop{n}"] if n is not None else ID[f"forum/{normalise_name(name)}"]


def meeting_iri(forum: str | None, participants: list[str], start: str | None) -> URIRef:
    """A meeting is a forum's (or, with no forum, its participants') session on a start date."""
    who = forum_iri(forum).rsplit("/", 1)[1] if forum else "-".join(sorted({p.upper() for p in participants})) or "unknown"
    return ID[f"meeting/{who}/{start or 'undated'}"]


def readout_iri(readout_id: str) -> URIRef:
    """The readout node, which is also the name of its graph; readout_id is 16 hex of sha256."""
    return ID[f"readout/{readout_id}"]


def commitment_iri(readout_id: str, n: int) -> URIRef:
    return ID[f"commitment/{readout_id}/{n}"]


def presidency_iri(forum: str, actor: str) -> URIRef:
    return ID[f"presidency/{forum_iri(forum).rsplit('/', 1)[1]}/{actor.upper()}"]


def evidence_iri(readout_id: str, start: int, end: int) -> URIRef:
    """An evidence span is a Web Annotation SpecificResource on the readout."""
    return ID[f"evidence/{readout_id}/{start}-{end}"]


def place_iri(name: str) -> URIRef:
    return ID[f"place/{slug(name)}"]


def topic_iri(topic: str) -> URIRef:
    return ID[f"topic/{topic}"]


def forum_kind_iri(kind: str) -> URIRef:
    return ID[f"forum-kind/{kind}"]


def status_iri(status: str) -> URIRef:
    return ID[f"status/{status}"]


# The Library of Congress's ids of ISO 639 languages: LoC is the registration authority of
# ISO 639-2 and publishes 639-1 and 639-2 as linked data (each id dereferences to a SKOS/MADS
# description); an id is the code itself, so no table is needed, and the ontology names its own
# language the same way.
ISO639_1 = "http://id.loc.gov/vocabulary/iso639-1/"
ISO639_2 = "http://id.loc.gov/vocabulary/iso639-2/"


def language_iri(tag: str) -> URIRef | None:
    """The ISO 639 id of a language tag's language ('en', 'en-GB' → .../iso639-1/en; 'fil' →
    .../iso639-2/fil); None when the tag does not start with a two- or three-letter code."""
    code = tag.strip().split("-")[0].lower()
    if len(code) == 2 and code.isascii() and code.isalpha():
        return URIRef(ISO639_1 + code)
    if len(code) == 3 and code.isascii() and code.isalpha():
        return URIRef(ISO639_2 + code)
    return None


def language_code(iri: str) -> str:
    """The code an ISO 639 id ends with: the form tables show ('en')."""
    return iri.rsplit("/", 1)[-1]
