"""Reference data: countries (with the names readouts use), COP sessions, cities."""

from __future__ import annotations

import pycountry

from kg.model.reference import city_country, cops, countries, country


def test_every_iso_country_and_the_eu_are_there() -> None:
    codes = {ref.code for ref in countries()}
    assert {c.alpha_2 for c in pycountry.countries} <= codes
    assert "EU" in codes


def test_common_short_names_and_abbreviations() -> None:
    us, cn, gb, ae = country("US"), country("CN"), country("GB"), country("AE")
    assert us is not None and cn is not None and gb is not None and ae is not None
    assert us.name == "United States" and "U.S." in us.aliases and "America" in us.aliases
    assert cn.name == "China" and "PRC" in cn.aliases and cn.official_name == "People's Republic of China"
    assert gb.name == "United Kingdom" and "UK" in gb.aliases and "Britain" in gb.aliases
    assert "UAE" in ae.aliases and "Emirati" in ae.adjectives
    assert country("kr") is not None and country("kr").name == "South Korea"  # type: ignore[union-attr]
    assert country("XX") is None


def test_adjectives_and_demonyms() -> None:
    assert "Chinese" in country("CN").adjectives  # type: ignore[union-attr]
    assert "American" in country("US").adjectives  # type: ignore[union-attr]
    assert "British" in country("GB").adjectives  # type: ignore[union-attr]
    # "European" is a continent's adjective, not the EU's.
    assert "European" not in country("EU").adjectives  # type: ignore[union-attr]


def test_territories_are_not_states() -> None:
    assert country("PR").is_state is False  # type: ignore[union-attr]
    assert country("HK").is_state is False  # type: ignore[union-attr]
    assert country("FR").is_state is True  # type: ignore[union-attr]


def test_wikidata_ids_for_major_states() -> None:
    assert country("CN").wikidata == "Q148"  # type: ignore[union-attr]
    assert country("EU").wikidata == "Q458"  # type: ignore[union-attr]


def test_cops_in_order_with_hosts() -> None:
    sessions = cops()
    assert [c.number for c in sessions][:3] == [1, 2, 3]
    cop29 = next(c for c in sessions if c.number == 29)
    assert (cop29.year, cop29.city, cop29.host) == (2024, "Baku", "AZ")


def test_city_country() -> None:
    assert city_country("Beijing") == "CN"
    assert city_country("Baku") == "AZ"
    assert city_country("Sharm el-Sheikh") == "EG"
    assert city_country("Sharm El Sheikh") == "EG"
    assert city_country("Berlin") == "DE"
    assert city_country("Bengaluru") == "IN"
    assert city_country("Washington") == "US"
    assert city_country("Washington, D.C.") == "US"
    assert city_country("beijing") == "CN"
    assert city_country("Nowhereville") is None


def test_city_names_that_are_common_words_are_left_out() -> None:
    for word in ("Of", "Mobile", "Reading", "Nice", "Split", "Sale"):
        assert city_country(word) is None, word
