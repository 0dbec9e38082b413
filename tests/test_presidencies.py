"""Presidencies in the forms readouts use, and the forms that are not presidencies."""

from __future__ import annotations

import pytest
from event_helpers import read, spans_are_exact


def presidencies_of(text: str) -> set[tuple[str, str]]:
    _, record = read(text, "2024-05-02")
    assert spans_are_exact(text, record)
    names = {f.name for f in record.forums}
    assert all(p.of in names for p in record.presidencies), "a presidency's `of` names a forum"
    return {(p.of, p.actor) for p in record.presidencies}


@pytest.mark.parametrize(("text", "expected"), [
    ("Both sides will work with the COP 31 Presidency of Turkey on adaptation.", ("COP31", "TR")),
    ("They pledged to support the Azerbaijan Presidency for a successful outcome of COP 29.", ("COP29", "AZ")),
    ("The meeting was held under South Africa's G20 presidency to advance energy access.", ("G20", "ZA")),
    ("The partnership was developed with Indonesia during its G20 Presidency.", ("G20", "ID")),
    ("As Brazil assumes the Presidency of COP30, both leaders urged action on climate.", ("COP30", "BR")),
    ("The UK COP26 President Alok Sharma opened the climate session.", ("COP26", "GB")),
    ("Egyptian Foreign Minister and President-designate of the 27th session of the Conference of the "
     "Parties (COP-27) Sameh Shoukry invited ministers.", ("COP27", "EG")),
    ("They discussed the upcoming Brazilian presidency of the G20 and climate finance.", ("G20", "BR")),
    ("Climate was a priority of the Hungarian Presidency of the Council of the EU.", ("Council of the EU", "HU")),
    # UNSEEN.md: a verb before the body and "Presidency"
    ("Germany is preparing to assume the G20 presidency in 2027.", ("G20", "DE")),
    ("Ministers thanked Canada, the current holder of the G7 Presidency, for its climate leadership.", ("G7", "CA")),
    ("Brazil will assume the G20 Presidency in December and put energy transitions first.", ("G20", "BR")),
])
def test_presidency_forms(text: str, expected: tuple[str, str]) -> None:
    assert presidencies_of(text) == {expected}


@pytest.mark.parametrize("text", [
    "President Lee congratulated Egypt on hosting COP 27 and on the climate outcome.",
    "He congratulated Brazil on its G20 host year and its climate leadership.",
    "Leaders met at the U.S.-led Major Economies Forum on Energy and Climate.",
    "The order was issued on the first day of his presidency to cut methane.",
    "At the invitation of the COP29 President-designate, the ministers will co-facilitate consultations.",
])
def test_not_presidencies(text: str) -> None:
    assert presidencies_of(text) == set()


def test_presidency_forum_is_added_when_only_the_presidency_names_it() -> None:
    _, record = read("India's G20 presidency launched a marine litter initiative.", "2023-02-11")
    assert [(f.name, f.kind) for f in record.forums if f.name == "G20"] == [("G20", "forum")]


# --- Held-out generalisation (texts written for these tests) -------------------------------

def test_holding_the_council_presidency_and_a_later_bare_mention() -> None:
    text = ("Hungary holds the presidency of the Council of the EU until 31 December 2024. The EU will lead the "
            "negotiations at COP29, together with the Hungarian presidency.")
    assert presidencies_of(text) == {("Council of the EU", "HU")}


def test_a_cop_presidents_title_names_the_presidency_of_their_state() -> None:
    text = ("H.E. Sameh Shoukry, COP27 President and Minister of Foreign Affairs of Egypt, spoke. "
            "Dr. Sultan Al Jaber, COP28 President-Designate of the United Arab Emirates, closed the meeting.")
    assert presidencies_of(text) >= {("COP27", "EG"), ("COP28", "AE")}


def test_a_state_as_the_incoming_cop_presidency() -> None:
    text = "Ministers from 30 countries, including Azerbaijan as COP29 Presidency and Brazil as incoming COP30 Presidency."
    assert presidencies_of(text) == {("COP29", "AZ"), ("COP30", "BR")}


def test_a_biodiversity_cop_presidency_is_not_checked_against_the_climate_cop_of_that_number() -> None:
    text = ("COP16 opened today in Cali under the presidency of Colombia's Minister of Environment, "
            "Susana Muhamad.")
    _, record = read(text, "2024-10-21")
    assert {(p.of, p.actor) for p in record.presidencies} == {("COP16", "CO")}


def test_a_cop_presidents_state_is_the_presiding_state_when_the_text_names_it() -> None:
    # COP25 was held in Madrid under Chile's presidency (reference data); Chile is named, so the title tells.
    text = ("The UK and Chile wrote to every party. COP25 President Marta Ruiz and COP26 President Designate "
            "Tom Hale asked countries to raise their ambition.")
    assert presidencies_of(text) == {("COP26", "GB"), ("COP25", "CL")}
    text = "The meeting with the UAE minister was attended by Sultan Al Jaber, Minister of Industry, President of COP28."
    assert presidencies_of(text) == {("COP28", "AE")}


def test_a_minister_presiding_over_a_named_conference_and_a_groups_chair_in_office() -> None:
    text = ("The 9th session of the Andean Ministerial Conference on Glaciers (AMCG) was chaired by Ana Ruiz, Minister "
            "of Environment of Peru, in her capacity as President of AMCG. The Ministers' Meeting on Water was hosted "
            "by the Government of Tonga as Commonwealth Chair-in-Office.")
    assert presidencies_of(text) == {("Andean Ministerial Conference on Glaciers", "PE"), ("Commonwealth", "TO")}
    # the president of a state presides over no forum
    assert presidencies_of("Ana Ruiz, speaking as President of the Republic of Peru, opened the climate session.") \
        == set()
