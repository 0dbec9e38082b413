"""The identity index compares a name with the stored names that share a key with it only;
its answer must be the full comparison's answer (kg/rdf/identity.py, IdentityIndex)."""

from __future__ import annotations

import pytest
from _pytest.monkeypatch import MonkeyPatch
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.rdf.identity
from kg.model.record import DocumentInfo, Forum, Person, Record
from kg.rdf.identity import IdentityIndex

PEOPLE = [
    ("Luiz Inácio Lula da Silva", "BR", []), ("Xie Zhenhua", "CN", []), ("Joseph R. Biden, Jr.", "US", ["Joe Biden"]),
    ("Dan Jørgensen", "EU", []), ("Ditte Juul Jørgensen", "EU", []), ("António Guterres", "United Nations", []),
    ("Biden", "GB", []), ("Gan Kim Yong", "SG", []), ("Liu Zhenmin", "CN", ["Special Envoy Liu"]),
]
READ_PEOPLE = ["Lula", "Xie", "Joe Biden", "J. Biden", "Joseph Biden", "Antonio Guterres", "Jørgensen", "Kim",
               "Hunter Biden", "Wang Yi", "Liu", "Special Envoy Liu", "Dan Jorgensen", "Ditte Jørgensen", "Biden"]
ACTORS = [None, "US", "CN", "BR", "EU", "GB", "SG", "United Nations"]

FORUMS = [
    ("EU-China High-Level Environment and Climate Dialogue", ["HECD"]), ("COP29", ["COP 29"]),
    ("China-EU Energy Dialogue", ["Energy Dialogue"]), ("U.S.-Brazil Climate Change Working Group", []),
    ("International Energy Agency", []), ("United Nations Framework Convention on Climate Change", []),
    ("Major Economies Forum on Energy and Climate", ["MEF"]), ("IEA", []),
]
READ_FORUMS = [Forum("HECD"), Forum("Sixth EU-China HECD", aliases=["HECD"]), Forum("Energy Dialogue"),
               Forum("EU-China Energy Dialogue"), Forum("United States-Brazil Climate Change Working Group"),
               Forum("IEA"), Forum("UNFCCC"), Forum("China-EU Climate Dialogue"), Forum("COP 29"),
               Forum("Major Economies Forum"), Forum("MEF"), Forum("International Energy Agency"),
               Forum("U.S.-India Energy Dialogue", aliases=["Energy Dialogue"])]


def _record(people: list[Person], forums: list[Forum]) -> Record:
    return Record(document=DocumentInfo(title="t"), source="t.txt", people=people, forums=forums)


def _resolved(stored_people: list, stored_forums: list, record: Record, *, full: bool) -> Record:
    """`record` resolved with the index, or (full) comparing it with every stored name."""
    index = IdentityIndex(list(stored_people), list(stored_forums))
    if not full:
        return index.resolve(record)
    with MonkeyPatch.context() as patch:
        patch.setattr(kg.rdf.identity, "filed", lambda index, _keys: set().union(*index.values()))
        return index.resolve(record)


@pytest.mark.parametrize("name", READ_PEOPLE)
@pytest.mark.parametrize("actor", ACTORS)
def test_the_index_names_a_person_as_the_full_comparison_does(name: str, actor: str | None) -> None:
    record = _record([Person(name=name, actor=actor)], [])
    assert _resolved(PEOPLE, FORUMS, record, full=False) == _resolved(PEOPLE, FORUMS, record, full=True)


@pytest.mark.parametrize("forum", READ_FORUMS, ids=lambda f: f.name)
def test_the_index_names_a_forum_as_the_full_comparison_does(forum: Forum) -> None:
    record = _record([], [forum])
    assert _resolved(PEOPLE, FORUMS, record, full=False) == _resolved(PEOPLE, FORUMS, record, full=True)


def test_names_added_during_a_batch_are_found_by_the_index() -> None:
    index = IdentityIndex([], [])
    index.add(_record([Person("Xie Zhenhua", "CN", aliases=["Special Envoy Xie"])],
                      [Forum("International Energy Agency")]))
    resolved = index.resolve(_record([Person("Xie", "CN")], [Forum("IEA")]))
    assert [p.name for p in resolved.people] == ["Xie Zhenhua"]
    assert [f.name for f in resolved.forums] == ["International Energy Agency"]


@settings(max_examples=60, deadline=None)
@given(people=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=6, unique_by=lambda p: p[0]),
       forums=st.lists(st.sampled_from(FORUMS), max_size=5, unique_by=lambda f: f[0]),
       names=st.lists(st.tuples(st.sampled_from(READ_PEOPLE), st.sampled_from(ACTORS)), max_size=3),
       read_forums=st.lists(st.sampled_from(READ_FORUMS), max_size=3))
def test_any_store_the_index_and_the_full_comparison_agree(people: list, forums: list, names: list,
                                                          read_forums: list) -> None:
    record = _record([Person(name=n, actor=a) for n, a in names], list(read_forums))
    assert _resolved(people, forums, record, full=False) == _resolved(people, forums, record, full=True)
