"""One identity across readouts: people and forums resolve to the nodes the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.loader import load_paths, resolve_record
from kg.model.record import DocumentInfo, Forum, Person, Record
from kg.query.people import likely_duplicate_people, list_people
from kg.rdf.forum_rules import canonical_forum
from kg.rdf.person_rules import canonical_people
from kg.store.location import open_store

STORED = [
    ("Luiz Inácio Lula da Silva", "BR", []),
    ("Xie Zhenhua", "CN", []),
    ("Joseph R. Biden, Jr.", "US", ["Joe Biden"]),
    ("Dan Jørgensen", "EU", []),
    ("Ditte Juul Jørgensen", "EU", []),
    ("António Guterres", "United Nations", []),
]


@pytest.mark.parametrize(("name", "actor", "expected"), [
    ("Lula", "BR", "Luiz Inácio Lula da Silva"),             # every word in one stored name
    ("Xie", "CN", "Xie Zhenhua"),
    ("Joe Biden", "US", "Joseph R. Biden, Jr."),              # a stored alias
    ("Joseph Biden", "US", "Joseph R. Biden, Jr."),
    ("J. Biden", "US", "Joseph R. Biden, Jr."),               # an initial agrees with the given name
    ("Antonio Guterres", "United Nations", "António Guterres"),  # accents folded
    ("Luiz Inácio Lula da Silva", None, "Luiz Inácio Lula da Silva"),  # exact, actor unknown
    ("Jørgensen", "EU", None),                                # could be either of two stored people
    ("Lula", "US", None),                                     # actors disagree
    ("Xie", None, None),                                      # a part of a name needs the actor
    ("Hunter Biden", "US", None),                             # another given name
    ("Wang Yi", "CN", None),                                  # nobody stored
])
def test_canonical_people(name: str, actor: str | None, expected: str | None) -> None:
    assert canonical_people(STORED, Person(name=name, actor=actor)) == expected


def test_a_stored_surname_takes_the_full_name_read_later() -> None:
    assert canonical_people([("Biden", "US", [])], Person("Joseph R. Biden, Jr.", "US")) == "Biden"
    assert canonical_people([("Biden", "US", []), ("Biden", "GB", [])], Person("Joe Biden", None)) is None


def test_a_stored_surname_known_as_a_full_name_does_not_take_another_full_name() -> None:
    stored = [("Dan Jørgensen", "EU", ["Jørgensen"])]
    assert canonical_people(stored, Person("Ditte Juul Jørgensen", "EU")) is None
    assert canonical_people(stored, Person("Jørgensen", "EU")) == "Dan Jørgensen"


def test_canonical_forum_by_acronym_or_variant() -> None:
    stored = [("EU-China High-Level Environment and Climate Dialogue", ["HECD"]), ("COP29", ["COP 29"])]
    assert canonical_forum(stored, Forum("HECD")) == "EU-China High-Level Environment and Climate Dialogue"
    assert canonical_forum(stored, Forum("Sixth EU-China HECD", aliases=["HECD"])) == \
        "EU-China High-Level Environment and Climate Dialogue"
    assert canonical_forum(stored, Forum("Energy Dialogue")) is None


def test_a_short_descriptive_alias_does_not_identify_a_forum() -> None:
    stored = [("China-EU Energy Dialogue", ["Energy Dialogue"])]
    assert canonical_forum(stored, Forum("U.S.-India Energy Dialogue", aliases=["Energy Dialogue"])) is None


def test_canonical_forum_by_states_written_otherwise_or_acronym() -> None:
    stored = [("China-EU Energy Dialogue", []), ("U.S.-Brazil Climate Change Working Group", []),
              ("International Energy Agency", []), ("United Nations Framework Convention on Climate Change", [])]
    assert canonical_forum(stored, Forum("EU-China Energy Dialogue")) == "China-EU Energy Dialogue"
    assert canonical_forum(stored, Forum("United States-Brazil Climate Change Working Group")) == \
        "U.S.-Brazil Climate Change Working Group"
    assert canonical_forum(stored, Forum("IEA")) == "International Energy Agency"
    assert canonical_forum(stored, Forum("UNFCCC")) == "United Nations Framework Convention on Climate Change"
    assert canonical_forum(stored, Forum("China-EU Climate Dialogue")) is None
    assert canonical_forum(stored, Forum("EU-Japan Energy Dialogue")) is None


def _readout(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


FIRST = """Readout of the Ruritania Climate Working Group

Beijing, 4 September 2024 – China's Special Envoy for Climate Change Xie Zhenhua and Brazilian President
Luiz Inácio Lula da Silva met in Beijing at the EU-China High-Level Environment and Climate Dialogue (HECD).
Both sides will cooperate on methane. Dan Jørgensen, European Commissioner for Energy and Housing, joined.
"""

SECOND = """Readout of the Second Meeting

Brasília, 6 October 2024 – Special Envoy Xie of China met President Lula of Brazil and Ditte Juul Jørgensen,
European Commission Director General for Energy, at the HECD. Both sides will cooperate on forests.
"""


def _people(store_path: Path) -> list[tuple[str, str | None]]:
    with open_store(store_path, create=False, read_only=True) as store:
        return sorted((row.name, row.actor) for row in list_people(store))


def test_loading_two_readouts_gives_one_node_per_person(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    first = _readout(tmp_path, "first.txt", FIRST)
    second = _readout(tmp_path, "second.txt", SECOND)
    with open_store(store_path) as store:
        load_paths(store, [first])
        load_paths(store, [second])
    assert _people(store_path) == [
        ("Dan Jørgensen", "EU"), ("Ditte Juul Jørgensen", "EU"), ("Luiz Inácio Lula da Silva", "BR"),
        ("Xie Zhenhua", "CN")]


def test_reloading_a_resolved_readout_changes_nothing(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    first = _readout(tmp_path, "first.txt", FIRST)
    second = _readout(tmp_path, "second.txt", SECOND)
    with open_store(store_path) as store:
        load_paths(store, [first, second])
        before = sorted(str(q) for q in store.quads())  # type: ignore[union-attr]
        summary = load_paths(store, [second, first])
        assert [o.status for o in summary.outcomes] == ["unchanged", "unchanged"]
        assert sorted(str(q) for q in store.quads()) == before  # type: ignore[union-attr]


def test_resolve_record_renames_people_and_forum_references(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    with open_store(store_path) as store:
        load_paths(store, [_readout(tmp_path, "first.txt", FIRST)])
        record = Record(DocumentInfo(), people=[Person("Xie", "CN", "Special Envoy"), Person("Wang Yi", "CN")],
                        forums=[Forum("HECD", "dialogue")])
        resolved = resolve_record(record, store)
        assert [(p.name, p.aliases) for p in resolved.people] == [("Xie Zhenhua", ["Xie"]), ("Wang Yi", [])]
        assert resolved.forums[0].name.startswith("EU-China High-Level Environment and Climate Dialogue")
        assert "HECD" in resolved.forums[0].aliases
        unchanged = Record(DocumentInfo(), people=[Person("Wang Yi", "CN")])
        assert resolve_record(unchanged, store) is unchanged


def test_likely_duplicates_for_review(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    # The loading rule needs agreeing actors, so "Minister Berg" (no actor) stays apart from
    # Norway's "Tomas Berg" and Sweden's "Sara Berg"; the review list shows both pairs. The two
    # Bergs of two states do not pair.
    one = _readout(tmp_path, "one.txt", "Readout\n\nMinister Berg opened the Nordic Forest Dialogue in Oslo today.\n")
    two = _readout(tmp_path, "two.txt", "Readout\n\nNorway's Minister of Energy Tomas Berg met officials today.\n")
    three = _readout(tmp_path, "three.txt", "Readout\n\nSweden's Minister of Climate Sara Berg spoke today.\n")
    with open_store(store_path) as store:
        load_paths(store, [one, two, three])
        pairs = likely_duplicate_people(store)
    assert len(_people(store_path)) == 3
    assert [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b, _ in pairs] == [
        ("berg", "sara-berg"), ("berg", "tomas-berg")]
    assert all("one has no actor" in reason for _, _, reason in pairs)
