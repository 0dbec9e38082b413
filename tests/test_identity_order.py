"""Loading readouts in any order gives the same store: the same nodes, the same triples.

Each readout of a small invented corpus names a person, a forum or a meeting in a shorter or a
fuller form; whichever comes first, every node ends keyed by its fullest form, the readouts
stored before it arrived are re-keyed (kg/rdf/rekey.py), and the old IRI redirects to the new.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from order_loading import quads_loaded_in_order
from rdflib import Literal
from rdflib.namespace import DCTERMS, FOAF, SKOS

from kg.model.namespaces import ID
from kg.model.record import DocumentInfo, Forum, Meeting, Person, Presidency, Record
from kg.rdf.mapping import record_to_graph
from kg.rdf.rekey import Rekey, rekey_graph

LOADED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def _record(title: str, published: str, **facts: Any) -> Record:
    # a text makes the readout's id its own (a record without one is identified by its facts)
    return Record(document=DocumentInfo(title=title, published=published), text=f"An invented readout: {title}.",
                  **facts)


# Invented people and forums (not in the reference list of office-holders, so only the store
# can tell that "Okonkwo-Bello" is "Amara Okonkwo-Bello").
CORPUS = [
    _record("short person", "2024-03-01", people=[Person("Okonkwo-Bello", "NG", "Minister of Environment")]),
    _record("full person", "2024-04-01",
            people=[Person("Amara Okonkwo-Bello", "NG", "Minister for the Environment")]),
    _record("acronym", "2024-05-01", forums=[Forum("ISSA", "alliance")],
            meetings=[Meeting(forum="ISSA", start="2024-05-01", participants=["NG", "KE"])],
            presidencies=[Presidency("ISSA", "KE")]),
    _record("expansion", "2024-06-01", forums=[Forum("International Solar Storage Alliance", "alliance")],
            meetings=[Meeting(forum="International Solar Storage Alliance", start="2024-06-02")]),
    _record("variant a", "2024-07-01", forums=[Forum("Kenya-EU Green Hydrogen Dialogue", "dialogue")],
            meetings=[Meeting(forum="Kenya-EU Green Hydrogen Dialogue", start="2024-07-01",
                              people=["Okonkwo-Bello"])]),
    _record("variant b", "2024-08-01", forums=[Forum("EU-Kenya Green Hydrogen Dialogue", "dialogue")]),
    _record("cop month", "2024-11-30", meetings=[Meeting(forum="COP29", start="2024-11", participants=["KE"])]),
    _record("cop day", "2024-11-12", meetings=[Meeting(forum="COP 29", start="2024-11-11", participants=["NG"])]),
    # a bare title of the same office: the person's post, whichever readout came first
    _record("bare title", "2024-09-01", people=[Person("Amara Okonkwo-Bello", "NG", "Minister")]),
    _record("longer title", "2024-10-01", people=[Person("Amara Okonkwo-Bello", "NG",
                                                         "Minister for Environment and Ecology")]),
]


def _load(order: list[int]) -> set[tuple[Any, ...]]:
    return quads_loaded_in_order(CORPUS, order)


REFERENCE_ORDER = _load(list(range(len(CORPUS))))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(list(range(len(CORPUS)))))
def test_any_load_order_gives_the_same_store(order: list[int]) -> None:
    assert _load(order) == REFERENCE_ORDER


def test_nodes_are_keyed_by_their_fullest_form_and_old_iris_redirect() -> None:
    quads = _load(list(reversed(range(len(CORPUS)))))
    triples = {(s, p, o) for _, s, p, o in quads}
    subjects = {s for s, _, _ in triples}
    person, forum = ID["person/amara-okonkwo-bello"], ID["forum/international-solar-storage-alliance"]
    # two spellings of equal length: the key is the same one whichever came first
    assert ID["forum/kenya-eu-green-hydrogen-dialogue"] in subjects
    assert ID["forum/eu-kenya-green-hydrogen-dialogue"] not in {s for s, p, _ in triples if p != DCTERMS.isReplacedBy}
    assert (ID["person/okonkwo-bello"], DCTERMS.isReplacedBy, person) in triples
    assert (ID["forum/issa"], DCTERMS.isReplacedBy, forum) in triples
    assert (person, SKOS.altLabel, Literal("Okonkwo-Bello", lang="en")) in triples  # a label in its language
    assert {o for s, p, o in triples if s == person and p == FOAF.name} == {Literal(
        "Amara Okonkwo-Bello")}
    # the meeting and the presidency minted from the forum's key moved with it
    assert ID["meeting/international-solar-storage-alliance/2024-05-01"] in subjects
    assert ID["presidency/international-solar-storage-alliance/KE/2024"] in subjects
    # the person's titles are one post, the fullest; the two COP29 mentions one session node
    assert ID["post/NG/minister-for-environment-and-ecology"] in subjects
    assert ID["post/NG/minister-for-environment"] not in subjects and ID["post/NG/minister"] not in subjects
    assert ID["meeting/cop29/2024-11-11"] in subjects and not any("meeting/cop29/2024-11/" in s or
                                                                   str(s).endswith("cop29/2024-11") for s in subjects)


def test_rekey_of_a_graph_equals_mapping_the_renamed_record() -> None:
    """What the loader does to a stored graph is what mapping the record resolved would give."""
    record = CORPUS[2]  # ISSA, its meeting and presidency
    stored = record_to_graph(record, loaded_at=LOADED_AT)
    from kg.rdf.identity import IdentityIndex

    index = IdentityIndex([], [("International Solar Storage Alliance", [])])
    resolved = index.resolve(record)
    assert resolved is not record
    want = record_to_graph(resolved, loaded_at=LOADED_AT)
    got = rekey_graph(stored, Rekey("forum", "ISSA", "International Solar Storage Alliance"))
    assert set(got) == set(want)
