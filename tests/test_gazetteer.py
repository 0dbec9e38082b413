"""The gazetteer: states and the EU in every form readouts use, and GUIDE.md's exclusions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.gazetteer import actor_name, find_actor_mentions, find_places


def codes(text: str) -> list[str]:
    return [m.code for m in find_actor_mentions(text)]


def forms(text: str) -> list[tuple[str, str, str]]:
    return [(m.code, m.text, m.form) for m in find_actor_mentions(text)]


def test_names_official_names_and_abbreviations() -> None:
    assert forms("The People's Republic of China, the PRC and China met the U.S., the USA and the "
                 "United States of America.") == [
        ("CN", "People's Republic of China", "official"), ("CN", "PRC", "abbreviation"), ("CN", "China", "name"),
        ("US", "U.S.", "abbreviation"), ("US", "USA", "abbreviation"), ("US", "United States of America", "official"),
    ]
    assert codes("the UK, Britain, the UAE, Türkiye, Turkey and the Republic of Korea") == [
        "GB", "GB", "AE", "TR", "TR", "KR"]


def test_adjectives_demonyms_and_possessives() -> None:
    assert forms("Chinese and American officials met Brazil's envoy and the Emirati minister; "
                 "the Philippines' plan.") == [
        ("CN", "Chinese", "adjective"), ("US", "American", "adjective"), ("BR", "Brazil's", "possessive"),
        ("AE", "Emirati", "adjective"), ("PH", "Philippines'", "possessive"),
    ]
    assert codes("Brazil’s typographic apostrophe") == ["BR"]


def test_bilateral_names() -> None:
    assert codes("the U.S.-Egypt partnership and the China-EU Energy Dialogue, Sino-U.S. ties") == [
        "US", "EG", "CN", "EU", "CN", "US"]


def test_the_eu_and_its_institutions() -> None:
    assert codes("the European Union (EU) and the European Commission") == ["EU", "EU", "EU"]
    # "European" alone is the continent's adjective.
    assert codes("European countries and the European Climate Foundation") == []


def test_places_features_and_organisations_are_not_states() -> None:
    assert codes("in the South China Sea and the Indo-Pacific") == []
    assert codes("New Mexico, Latin America, the Inter-American Development Bank, American Samoa") == []
    assert codes("the Asian Development Bank, the Korean Peninsula, the Indian Ocean") == []
    assert codes("the G20, Africa and the Pacific Islands") == []


def test_natural_features_named_after_states() -> None:
    assert codes("the Lake Chad Basin, the Gulf of Oman, the Panama Canal and the Congo Basin") == []
    assert codes("Chad, Oman and Panama signed.") == ["TD", "OM", "PA"]


def test_native_spellings_that_are_english_words_are_not_names() -> None:
    assert codes("Pacific Island states and Rhode Island") == []


def test_chinese_names_sides_and_pairs() -> None:
    assert forms("中美双方在北京举行会谈，中方与欧盟代表和美方官员会面。") == [
        ("CN", "中", "abbreviation"), ("US", "美", "abbreviation"), ("CN", "中方", "name"), ("EU", "欧盟", "name"),
        ("US", "美方", "name")]


def test_pronoun_us_is_not_the_united_states() -> None:
    assert codes("join us in presenting policies, let us act") == []
    assert codes("PLEASE JOIN US IN BAKU") == []
    assert codes("US officials") == ["US"]


def test_person_names_that_are_also_states() -> None:
    assert codes("Jordan Henderson spoke and Ms. Georgia Lane replied") == []
    assert codes("Jordan, Georgia and Chad joined; Jordan's minister spoke") == ["JO", "GE", "TD", "JO"]
    assert codes("Israel Defense Forces and Kenya Climate Change Fund") == ["IL", "KE"]


def test_longest_name_wins() -> None:
    assert codes("Papua New Guinea, Equatorial Guinea, Guinea-Bissau, Guinea, Niger, Nigeria") == [
        "PG", "GQ", "GW", "GN", "NE", "NG"]
    assert codes("the Dominican Republic and Dominica") == ["DO", "DM"]


def test_headings_in_capitals() -> None:
    assert codes("CHINA-U.S. WORKING GROUP ON CLIMATE") == ["CN", "US"]


def test_actor_name() -> None:
    assert actor_name("US") == "United States"
    assert actor_name("EU") == "European Union"
    assert actor_name("ZZ") == "ZZ"


def test_find_places() -> None:
    text = "In Beijing, China, and in Sharm el-Sheikh; later in Washington, D.C. — September 17."
    assert [(name, code) for name, code, _, _ in find_places(text)] == [
        ("Beijing", "CN"), ("Sharm el-Sheikh", "EG"), ("Washington, D.C.", "US")]
    for name, _, start, end in find_places(text):
        assert text[start:end] == name


def test_city_names_inside_other_names_are_not_places() -> None:
    assert find_places("the Paris Agreement, the Kyoto Protocol and the Kunming-Montreal framework") == []
    assert find_places("Maria Lima said") == []
    assert find_places("the Paris\nAgreement") == []
    assert [n for n, _, _, _ in find_places("Talks in Beijing\nThe two sides met.")] == ["Beijing"]


_pieces = st.sampled_from([
    "China", "U.S.", "-", "EU", "Brazil's", " ", "South China Sea", "us", "American", "Latin America", ",",
    "the PRC", "’s", "Jordan", " Smith", "\n", "UAE", "European Union", "Indo-Pacific", "Beijing", "Paris",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=25).map("".join))
def test_mention_offsets_are_exact_and_ordered(text: str) -> None:
    previous_end = 0
    for mention in find_actor_mentions(text):
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
    for name, _, start, end in find_places(text):
        assert text[start:end] == name
