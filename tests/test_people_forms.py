"""People written in the forms UNSEEN.md lists: titles with articles and commas, honorifics,
plural nouns after a title, roles without the state's name, and actors the text does not give.

Every text is invented; UNSEEN.md examples are quoted where used verbatim.
"""

from __future__ import annotations

import pytest

from kg.extract.context import Context
from kg.extract.people import extract_people
from kg.read.document import Document


def rows(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.actor, p.role) for p in extract_people(Context.build(Document(text=text, source="test")))]


def test_a_title_with_an_article_and_commas_before_the_name() -> None:
    # UNSEEN.md: "Deputy Minister for a Safe and Fair Water Future, Tomas Lind, chaired…"
    assert rows("Deputy Minister for a Safe and Fair Water Future, Tomas Lind, chaired the climate session.") == [
        ("Tomas Lind", None, "Deputy Minister for a Safe and Fair Water Future")]


@pytest.mark.parametrize(("text", "expected"), [
    # UNSEEN.md: "The Honourable Adv. Arun Kumar…"
    ("The Honourable Adv. Arun Kumar, Minister of Power of India, met the delegation.",
     ("Arun Kumar", "IN", "Minister of Power")),
    ("Dato' Seri Ahmad Zahid, Minister of Energy of Malaysia, met the envoy.", ("Ahmad Zahid", "MY", "Minister of Energy")),
    ("The Joint Secretary of India, Sh. Vikram Rao, opened the session.", ("Vikram Rao", "IN", "Joint Secretary")),
    ("The envoy met the Crown Prince of Abu Dhabi, Sheikh Hamdan bin Khalid Al Nuaimi, in the afternoon.",
     ("Hamdan bin Khalid Al Nuaimi", None, "Crown Prince of Abu Dhabi")),
])
def test_honorifics_are_not_names(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert rows(text) == [expected]


def test_a_plural_noun_after_a_title_word_is_no_person() -> None:
    # UNSEEN.md, verbatim
    assert rows("The Partner Organisations joined the climate session.") == []


def test_a_role_without_the_states_possessive() -> None:
    # UNSEEN.md: "Administrator of China's National Energy Administration"
    assert rows("Zhang Wei, Administrator of China's National Energy Administration, met the EU delegation.") == [
        ("Zhang Wei", "CN", "Administrator of National Energy Administration")]


def test_names_with_particles_abbreviations_and_portfolio_words() -> None:
    found = rows("Kerry met Minister of State for Foreign Affairs Omar al-Harbi, Minister Lina A.M. Vos of the "
                 "Netherlands and Chancellor of the Exchequer Tom Hale.")
    assert ("Omar al-Harbi", None, "Minister of State for Foreign Affairs") in found
    assert ("Lina A.M. Vos", "NL", "Minister") in found
    assert ("Tom Hale", None, "Chancellor of the Exchequer") in found


def test_a_lower_case_designate_title_with_a_bracketed_cop_before_the_name() -> None:
    found = rows("Vice Minister Li Wei met with Australian Minister for Climate Change and president-designate of the "
                 "31st session of the Conference of the Parties (COP31) Sarah Reid, who is visiting China.")
    assert [(name, actor) for name, actor, _ in found] == [("Li Wei", None), ("Sarah Reid", "AU")]


def test_a_title_set_off_by_commas_belongs_to_the_next_name() -> None:
    found = rows("The Commissioner met UK Energy Secretary, Ed Hart, the Ukrainian Energy Minister, German Holub and "
                 "the Egyptian Minister of Petroleum, Karim Saad.")
    assert found == [("Ed Hart", "GB", "Energy Secretary"), ("German Holub", "UA", "Energy Minister"),
                     ("Karim Saad", "EG", "Minister of Petroleum")]


def test_a_press_contact_with_a_surname_that_is_also_a_portfolio_word() -> None:
    assert rows("Contacts: Morgan Power, Press Secretary, Office of the Minister of Fisheries") == [
        ("Morgan Power", None, "Press Secretary, Office of the Minister of Fisheries")]


def test_the_people_met_on_a_trip_leg_are_of_that_state() -> None:
    text = ("In the Kingdom of Saudi Arabia, Special Envoy Kerry met with Minister of Investment Khalid Nasser "
            "and Minister of Environment Huda Salem.")
    found = {name: actor for name, actor, _ in rows(text)}
    assert found["Khalid Nasser"] == "SA" and found["Huda Salem"] == "SA"
    assert found["Kerry"] is None  # the visitor is not the visited state's


def test_the_officials_list_suggests_but_the_text_must_name_the_state() -> None:
    # "Boris Johnson" is in the reference list of office-holders (GB), but this text never names the UK.
    assert rows("Prime Minister Boris Johnson met the Secretary-General.") == [
        ("Boris Johnson", None, "Prime Minister")]
    assert rows("Prime Minister Boris Johnson said the UK will host the summit.") == [
        ("Boris Johnson", "GB", "Prime Minister")]


def test_an_official_announcing_what_a_state_does_speaks_for_it() -> None:
    text = ("Norway will pay NOK 100 million to Indonesia for reduced deforestation, Minister of Climate and "
            "Environment Kari Holm announced today.")
    assert rows(text) == [("Kari Holm", "NO", "Minister of Climate and Environment")]


def test_a_full_name_of_a_state_without_a_title() -> None:
    assert rows("The board meeting is co-chaired by Tomas Berg of Sweden and Anne-Marie Roux of France.") == [
        ("Tomas Berg", "SE", None), ("Anne-Marie Roux", "FR", None)]


def test_the_last_portfolio_word_before_an_honorific_and_the_holder() -> None:
    found = rows("The Union Minister for New & Renewable Energy and Consumer Affairs, Food & Public Distribution, "
                 "Shri Ravi Nair, held a meeting in New Delhi today.")
    assert [(name, role) for name, _, role in found] == [
        ("Ravi Nair", "Union Minister for New & Renewable Energy and Consumer Affairs, Food & Public Distribution")]


def test_gulf_styles_and_chains_of_fathers_names() -> None:
    # two royals whose patronymic chains share every word are two people; "Eng." and "Sayyid" are styles
    found = rows("His Royal Highness Prince Faisal bin Khalid bin Faisal Al Tarvi, Minister of Energy of Saudi "
                 "Arabia, received H.E. Eng. Sayyid Hamad bin Nasser Al Rawas, Minister of Energy of Oman, and conveyed "
                 "the greetings of King Khalid bin Faisal Al Tarvi.")
    assert ("Faisal bin Khalid bin Faisal Al Tarvi", "SA", "Minister of Energy") in found
    assert ("Hamad bin Nasser Al Rawas", "OM", "Minister of Energy") in found
    assert any(name == "Khalid bin Faisal Al Tarvi" and role == "King" for name, _, role in found)
    assert all(name != "Eng" for name, _, _ in found)


def test_an_unlisted_portfolio_word_before_the_holders_name() -> None:
    assert rows("They were joined by Tarvos's Vice Minister of Coastal Policy and Regulation, Ana María Ruiz Peña, "
                "and by the delegation.") == [
        ("Ana María Ruiz Peña", None, "Vice Minister of Coastal Policy and Regulation")]


def test_a_list_entry_title_then_state_and_a_regional_bodys_officer() -> None:
    assert rows("• Hon. Mele Tupou, Minister of Environment and National Beautification, Samoa;") == [
        ("Mele Tupou", "WS", "Minister of Environment and National Beautification")]
    assert rows("The Secretary General of the Pacific Islands Forum, Tevita Lomu, also took part.") == [
        ("Tevita Lomu", "Pacific Islands Forum", "Secretary General")]
