"""Posts as offices: the ways a title is written give one post, with the kind of office."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.offices import office, official_name, same_office, specialised


@pytest.mark.parametrize(("owner", "titles", "key", "kind"), [
    ("CN", ["Special Envoy for Climate Change", "Climate Envoy", "Special Envoy of President Xi Jinping for Climate Change",
            "Special Envoy of the President and Special Envoy for Climate Change"],
     "special envoy for climate change", "envoy"),
    ("EU", ["President of the European Commission", "European Commission President"],
     "president of european commission", "head-of-organisation"),
    ("GB", ["COP26 President", "President for COP26", "COP26 President-Designate", "COP26 President Designate",
            "COP26 President and Minister of State"], "president of cop26", "head-of-organisation"),
    ("EG", ["Foreign Minister", "Minister of Foreign Affairs", "Minister of Foreign Affairs and President-designate of COP27"],
     "minister for foreign affairs", "minister"),
    ("CL", ["President", "President of Chile"], "president", "head-of-state"),
    ("United Nations", ["Secretary-General of the United Nations", "UN Secretary-General", "UN Secretary General"],
     "secretary-general", "head-of-organisation"),
    ("DE", ["Federal Environment Minister (Germany)", "Minister for the Environment"], "minister for environment", "minister"),
    ("GB", ["Prime Minister", "Prime Minister of the United Kingdom"], "prime minister", "head-of-government"),
])
def test_the_ways_of_writing_one_office_give_one_key(owner: str, titles: list[str], key: str, kind: str) -> None:
    found = {office(t, owner).key for t in titles}
    assert found == {key}
    assert office(titles[0], owner).kind == kind


@pytest.mark.parametrize(("owner", "title", "head", "key"), [
    # a head of two words is one head: "Cabinet" is not a qualifier of a UK "Secretary"
    ("KE", "Cabinet Secretary for Rivers, Lakes and Wetlands", "Cabinet Secretary",
     "cabinet secretary for rivers lakes and wetlands"),
    ("KE", "Rivers Cabinet Secretary", "Cabinet Secretary", "cabinet secretary for rivers"),
    ("KE", "Cabinet Secretary for Rivers of Kenya", "Cabinet Secretary", "cabinet secretary for rivers"),
    # "Secretary" becomes "Secretary of State" for the UK only
    ("GB", "Lighthouses Secretary", "Secretary of State", "secretary of state for lighthouses"),
    ("US", "Lighthouses Secretary", "Secretary", "secretary for lighthouses"),
    ("US", "Secretary of Lighthouses", "Secretary", "secretary for lighthouses"),
    (None, "Secretary for Lighthouses", "Secretary", "secretary for lighthouses"),
])
def test_a_title_keeps_its_own_head(owner: str | None, title: str, head: str, key: str) -> None:
    found = office(title, owner)
    assert (found.head, found.key, found.kind) == (head, key, "minister")


def test_a_title_is_never_rewritten_into_another_states_title() -> None:
    assert office("Cabinet Secretary for Rivers", "KE").key != office("Secretary of State for Rivers", "KE").key
    assert office("Lighthouses Secretary", "US").key != office("Secretary of State", "US").key


def test_different_offices_stay_apart() -> None:
    assert office("President of the European Commission", "EU").key != office("President of the European Council", "EU").key
    assert office("Minister of State for Foreign Affairs", "JP").key != office("Minister for Foreign Affairs", "JP").key
    assert office("Deputy Prime Minister", "SE").key != office("Prime Minister", "SE").key


def test_a_bare_title_many_share_is_collegial_and_the_same_office_as_a_specific_one() -> None:
    bare, specific = office("Commissioner", "EU"), office("Commissioner for Energy and Housing", "EU")
    assert bare.collegial and not specific.collegial
    assert same_office(bare, specific) and not same_office(specific, office("Commissioner for Environment", "EU"))
    assert not office("President", "FR").collegial  # one head of state at a time


def test_the_reference_list_makes_a_bare_title_specific_for_the_person_it_lists() -> None:
    assert specialised(office("Commissioner", "EU"), "Dan Jørgensen", "EU").key == "commissioner for energy and housing"
    assert specialised(office("Commissioner", "EU"), "Somebody Else", "EU").key == "commissioner"
    assert official_name("Jørgensen", "EU") == "Dan Jørgensen"
    assert official_name("Xie", "CN") == "Xie Zhenhua"  # the family name first
    assert official_name("Li", "CN") is None  # several listed


@given(st.sampled_from(["Minister", "Special Envoy", "President", "Commissioner", "Ambassador"]),
       st.lists(st.sampled_from(["Energy", "Climate", "Trade", "Environment", "Finance"]), min_size=1, max_size=3,
                unique=True))
def test_the_key_of_a_title_is_the_key_of_its_normalised_title(head: str, words: list[str]) -> None:
    first = office(f"{head} for {' and '.join(words)}", "FR")
    assert office(first.label, "FR").key == first.key
    assert office(f"{head} for {' and '.join(words)} (France)", "FR").key == first.key
