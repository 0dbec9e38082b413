"""Each named question on a small hand-written store, with its expected rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from query_helpers import load_fixture, rows

from kg.query.named import bind_params, list_queries, load_query, run
from kg.sparql.safety import check_query
from kg.store.embedded import EmbeddedStore
from kg.store.location import open_store

A, B, C = "readout/a1a1a1a1a1a1a1a1", "readout/b2b2b2b2b2b2b2b2", "readout/c3c3c3c3c3c3c3c3"
WG = "forum/china-us-climate-working-group"
M1, M2, M3 = f"meeting/{WG[6:]}/2024-09-04", "meeting/cop29/2024-11-15", f"meeting/{WG[6:]}/2025-03-10"
METHANE = "The two sides will cut methane from coal mines and landfills by 2030."
PORTS = 'Both sides will launch the "Green {Ports}" pilot; each will name two ports.'
TARGETS = "China and the United States will publish economy-wide 2035 targets."
FINANCE = "Brazil and the European Union will mobilise new finance for adaptation by 2035."
CN_POST, US_POST = "post/CN/special-envoy-for-climate-change", "post/US/special-presidential-envoy-for-climate"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    st = open_store(tmp_path_factory.mktemp("named") / "store")
    assert isinstance(st, EmbeddedStore)
    load_fixture(st)
    yield st
    st.close()


def ask(store: Any, name: str, *variables: str, **params: str) -> list[tuple[str | None, ...]]:
    query = load_query(name)
    return rows(run(store, query, bind_params(query, params)), *variables)


TESTED = {
    "posts-by-country", "post-holders-as-of", "meetings", "meetings-between", "meeting-participants",
    "forum-history", "forums", "commitments", "commitments-reaffirmed", "presidencies", "co-participation",
    "readout-changes", "evidence", "readouts",
}


def test_every_named_query_is_tested_here() -> None:
    names = {q.name for q in list_queries()}
    assert len(names) >= 12
    assert names == TESTED


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_header_and_parameter_rules(query: Any) -> None:
    assert query.title and query.title != query.name and query.description
    checked = check_query(query.text)
    for p in query.params:
        # pyoxigraph substitutes only projected variables; a remote VALUES block needs the same
        assert p.name in checked.projection, f"{query.name}: ?{p.name} not in the SELECT clause"
        # BOUND() of a substituted variable is false in pyoxigraph 0.5: tests of "given" use COALESCE
        assert not re.search(rf"BOUND\s*\(\s*\?{p.name}\b", query.text, re.IGNORECASE)


def test_posts_by_country(store: Any) -> None:
    cols = ("country", "post", "name", "firstSeen", "lastSeen", "readouts")
    assert ask(store, "posts-by-country", *cols) == [
        ("actor/CN", CN_POST, "Liu Wei", "2024-09-07", "2025-03-12", "3"),
        ("actor/US", US_POST, "John Miller", "2024-09-07", "2024-09-07", "1"),
        ("actor/US", US_POST, "Ana Costa", "2025-03-12", "2025-03-12", "1"),
    ]
    assert ask(store, "posts-by-country", "name", country="US") == [("John Miller",), ("Ana Costa",)]


def test_post_holder_as_of_a_date(store: Any) -> None:
    cols = ("country", "post", "name", "lastSeen")
    assert ask(store, "post-holders-as-of", *cols, asOf="2024-12-31") == [
        ("actor/CN", CN_POST, "Liu Wei", "2024-11-16"),
        ("actor/US", US_POST, "John Miller", "2024-09-07"),
    ]
    assert ask(store, "post-holders-as-of", *cols) == [
        ("actor/CN", CN_POST, "Liu Wei", "2025-03-12"),
        ("actor/US", US_POST, "Ana Costa", "2025-03-12"),
    ]
    assert ask(store, "post-holders-as-of", "name", asOf="2025-06-01", country="US") == [("Ana Costa",)]
    assert ask(store, "post-holders-as-of", "name", asOf="2024-01-01") == []


def test_meetings_in_date_order(store: Any) -> None:
    cols = ("start", "end", "meeting", "meetingForum", "placeName", "host")
    assert ask(store, "meetings", *cols) == [
        ("2024-09-04", "2024-09-06", M1, WG, "Beijing", "actor/CN"),
        ("2024-11-15", "2024-11-15", M2, "forum/cop29", "Baku", "actor/AZ"),
        ("2025-03-10", "2025-03-10", M3, WG, "Washington", "actor/US"),
    ]
    assert ask(store, "meetings", "meeting", country="BR") == [(M2,), (M3,)]
    assert ask(store, "meetings", "meeting", forum="China-US Climate Working Group") == [(M1,), (M3,)]
    assert ask(store, "meetings", "meeting", forum="COP 29") == [(M2,)]
    assert ask(store, "meetings", "meeting", **{"from": "2024-10-01", "to": "2025-01-01"}) == [(M2,)]
    assert ask(store, "meetings", "meeting", country="AE") == []
    assert ask(store, "meetings", "meeting", readout="b2b2b2b2b2b2b2b2") == [(M3,)]


def test_meetings_between_two_countries(store: Any) -> None:
    assert ask(store, "meetings-between", "a", "b", "meeting", "placeName", a="CN", b="US") == [
        ("actor/CN", "actor/US", M1, "Beijing"), ("actor/CN", "actor/US", M3, "Washington"),
    ]
    assert ask(store, "meetings-between", "meeting", a="BR", b="CN") == [(M2,), (M3,)]
    assert ask(store, "meetings-between", "b", "meeting", a="EU") == [
        ("actor/AZ", M2), ("actor/BR", M2), ("actor/CN", M2),
    ]


def test_meeting_participants(store: Any) -> None:
    assert ask(store, "meeting-participants", "role", "who", "name", "postLabel",
               meeting="https://w3id.org/climate-kg/id/" + M1) == [
        ("host", "actor/CN", "China", None),
        ("party", "actor/CN", "China", None),
        ("party", "actor/US", "United States", None),
        ("person", "person/john-miller", "John Miller", "Special Presidential Envoy for Climate"),
        ("person", "person/liu-wei", "Liu Wei", "Special Envoy for Climate Change"),
    ]


def test_forum_history(store: Any) -> None:
    cols = ("forum", "year", "session", "start", "end", "place", "host", "presidency")
    assert ask(store, "forum-history", *cols, forum="COP29") == [
        ("forum/cop29", "2024", M2, "2024-11-15", "2024-11-15", "Baku", "actor/AZ", "actor/AZ"),
    ]
    assert ask(store, "forum-history", *cols, forum="COP28") == [
        ("forum/cop28", "2023", None, None, None, "Dubai", "actor/AE", "actor/AE"),
    ]
    assert ask(store, "forum-history", "session", "place", "host", forum="China-US Climate Working Group") == [
        (M1, "Beijing", "actor/CN"), (M3, "Washington", "actor/US"),
    ]


def test_forums_and_sub_forums(store: Any) -> None:
    assert ask(store, "forums", "forum", "kind", "subForum", "subKind") == [
        ("forum/cop28", "forum-kind/conference", None, None),
        ("forum/cop29", "forum-kind/conference", None, None),
        (WG, "forum-kind/working-group", "forum/methane-subgroup", "forum-kind/working-group"),
        ("forum/methane-subgroup", "forum-kind/working-group", None, None),
    ]
    assert ask(store, "forums", "subForumLabel", forum="China-US Climate Working Group") == [("Methane Subgroup",)]


def test_commitments_by_topic_actor_year_status(store: Any) -> None:
    cols = ("commitment", "sentence", "actor", "topic", "year", "statusName", "readout")
    assert ask(store, "commitments", *cols, topic="methane-non-co2") == [
        ("commitment/a1a1a1a1a1a1a1a1/1", METHANE, "actor/CN", "topic/methane-non-co2", "2030", "new", A),
        ("commitment/a1a1a1a1a1a1a1a1/1", METHANE, "actor/US", "topic/methane-non-co2", "2030", "new", A),
        ("commitment/b2b2b2b2b2b2b2b2/1", METHANE, "actor/CN", "topic/methane-non-co2", "2030", "reaffirmed", B),
        ("commitment/b2b2b2b2b2b2b2b2/1", METHANE, "actor/US", "topic/methane-non-co2", "2030", "reaffirmed", B),
    ]
    assert ask(store, "commitments", "sentence", "readout", actor="EU") == [(FINANCE, C)]
    assert ask(store, "commitments", "sentence", "actor", targetYear="2035") == [
        (FINANCE, "actor/BR"), (FINANCE, "actor/EU"), (TARGETS, "actor/CN"), (TARGETS, "actor/US"),
    ]
    assert ask(store, "commitments", "commitment", "actor", status="reaffirmed", actor="US") == [
        ("commitment/b2b2b2b2b2b2b2b2/1", "actor/US"),
    ]
    assert ask(store, "commitments", "sentence", actor="CN", readout="a1a1a1a1a1a1a1a1") == [(METHANE,), (PORTS,)]
    assert len(ask(store, "commitments", "commitment")) == 10


def test_commitments_reaffirmed_across_readouts(store: Any) -> None:
    # matched by who and what (actor, topic), not by the wording
    assert ask(store, "commitments-reaffirmed", "actor", "topic", "readouts", "firstSeen", "lastSeen",
               "targetYears", "text") == [
        ("actor/CN", "topic/methane-non-co2", "2", "2024-09-07", "2025-03-12", "2030", METHANE),
        ("actor/US", "topic/methane-non-co2", "2", "2024-09-07", "2025-03-12", "2030", METHANE),
    ]
    assert ask(store, "commitments-reaffirmed", "actor", minReadouts="2", actor="US") == [("actor/US",)]
    assert ask(store, "commitments-reaffirmed", "text", minReadouts="3") == []
    assert len(ask(store, "commitments-reaffirmed", "text", minReadouts="1")) == 8


def test_presidencies(store: Any) -> None:
    assert ask(store, "presidencies", "country", "forum", "year", "readouts") == [
        ("actor/AE", "forum/cop28", "2023", "0"), ("actor/AZ", "forum/cop29", "2024", "1"),
    ]
    assert ask(store, "presidencies", "forum", country="AZ") == [("forum/cop29",)]


def test_co_participation_network(store: Any) -> None:
    assert ask(store, "co-participation", "a", "b", "meetings") == [
        ("actor/BR", "actor/CN", "2"), ("actor/CN", "actor/US", "2"),
        ("actor/AZ", "actor/BR", "1"), ("actor/AZ", "actor/CN", "1"), ("actor/AZ", "actor/EU", "1"),
        ("actor/BR", "actor/EU", "1"), ("actor/BR", "actor/US", "1"), ("actor/CN", "actor/EU", "1"),
    ]
    assert ask(store, "co-participation", "a", "b", "meetings", "first", "last", country="US") == [
        ("actor/CN", "actor/US", "2", "2024-09-04", "2025-03-10"),
        ("actor/BR", "actor/US", "1", "2025-03-10", "2025-03-10"),
    ]


def test_changes_between_two_readouts_of_a_forum(store: Any) -> None:
    expected = [
        (A, B, WG, "added", "commitment", TARGETS),
        (A, B, WG, "added", "party", "Brazil"),
        (A, B, WG, "added", "person", "Ana Costa"),
        (A, B, WG, "removed", "commitment", PORTS),
        (A, B, WG, "removed", "person", "John Miller"),
    ]
    cols = ("from", "to", "forum", "change", "what", "detail")
    assert ask(store, "readout-changes", *cols, **{"from": "a1a1a1a1a1a1a1a1", "to": "b2b2b2b2b2b2b2b2"}) == expected
    assert ask(store, "readout-changes", *cols) == expected  # the only pair of readouts sharing a forum
    assert ask(store, "readout-changes", *cols, **{"from": "a1a1a1a1a1a1a1a1", "to": "c3c3c3c3c3c3c3c3"}) == []


def test_evidence_for_a_fact(store: Any) -> None:
    cols = ("readout", "start", "end", "quote", "sourcePath")
    assert ask(store, "evidence", *cols, fact="https://w3id.org/climate-kg/id/commitment/a1a1a1a1a1a1a1a1/1") == [
        (A, "96", "165", METHANE, "examples/wg-beijing.txt"),
    ]
    assert ask(store, "evidence", "fact", "start") == [(M1, "0"), ("commitment/a1a1a1a1a1a1a1a1/1", "96")]


def test_readouts_with_their_sources(store: Any) -> None:
    cols = ("readout", "issued", "publisherName", "sourcePath", "loadedAt", "toolVersion", "triples")
    # A's 90 triples: 98 before each evidence span became one node of five triples (two spans).
    assert ask(store, "readouts", *cols) == [
        (A, "2024-09-07", "Ministry of Ecology", "examples/wg-beijing.txt", "2025-01-01T10:00:00Z", "0.1.0", "90"),
        (C, "2024-11-16", "COP29 Presidency", "examples/cop29-ministerial.txt", "2025-01-01T10:00:09Z", "0.1.0", "51"),
        (B, "2025-03-12", "Department of State", "examples/wg-washington.txt", "2025-01-01T10:00:05Z", "0.1.0", "71"),
    ]
    assert ask(store, "readouts", "readout", publisher="STATE") == [(B,)]
    assert ask(store, "readouts", "title", readout="c3c3c3c3c3c3c3c3") == [("Ministerial on finance at COP29",)]
