"""Forums: named mechanisms with kinds, aliases, sub-forums, COP numbering and the exclusions."""

from __future__ import annotations

import pytest
from event_helpers import read, spans_are_exact

from kg.model.record import FORUM_KINDS, Forum


def forums_of(text: str) -> dict[str, Forum]:
    _, record = read(text, "2024-05-02")
    assert spans_are_exact(text, record)
    assert all(f.kind in FORUM_KINDS for f in record.forums)
    return {f.name: f for f in record.forums}


def test_bilateral_working_group_with_its_sub_working_groups() -> None:
    text = ("On May 2, 2024, Canada hosted in Ottawa a meeting of the Canada-Mexico Working Group on Clean Power "
            "Cooperation. Both sides reviewed work under the Canada-Mexico Working Group on Clean Power Cooperation, "
            "including under the grid modernization, methane, and clean hydrogen three Sub-Working Groups.")
    found = forums_of(text)
    group = "Canada-Mexico Working Group on Clean Power Cooperation"
    assert found[group].kind == "working-group"
    subs = {name: f for name, f in found.items() if f.parent == group}
    assert set(subs) == {"Grid Modernization Sub-Working Group", "Methane Sub-Working Group",
                         "Clean Hydrogen Sub-Working Group"}
    assert all(f.kind == "working-group" for f in subs.values())


@pytest.mark.parametrize(("phrase", "kind"), [
    ("the Kenya-Norway Energy Dialogue", "dialogue"),
    ("the Chile-Peru Forest Roundtable", "roundtable"),
    ("the Global Clean Cooking Alliance", "alliance"),
    ("the Pacific Ocean Resilience Partnership", "partnership"),
    ("the Mangrove Breakthrough Initiative", "initiative"),
    ("the Zero Emission Shipping Pledge", "initiative"),
    ("the Clean Energy Ministerial", "ministerial"),
    ("the U.S.-Japan Task Force on Climate Finance", "task-force"),
    ("the Africa Climate Summit", "summit"),
    ("the Regional Energy Storage Platform", "platform"),
])
def test_kinds_from_the_head_word(phrase: str, kind: str) -> None:
    text = f"Ministers met today at {phrase} to advance clean energy and climate cooperation."
    name = phrase.removeprefix("the ")
    assert forums_of(text)[name].kind == kind


def test_acronym_defined_in_the_text_is_an_alias_and_ordinals_are_not_the_name() -> None:
    text = ("Ministers will attend the Third Nordic-Baltic High-Level Climate Dialogue (NBHCD) in Riga. "
            "The NBHCD will address adaptation finance.")
    found = forums_of(text)
    forum = found["Nordic-Baltic High-Level Climate Dialogue"]
    assert "NBHCD" in forum.aliases
    assert "Third Nordic-Baltic High-Level Climate Dialogue" in forum.aliases
    assert len(found) == 1


def test_short_forms_fold_into_the_full_name() -> None:
    text = ("The Peru-Canada Clean Energy Dialogue met in Lima. The Energy Dialogue agreed on grid work. "
            "The U.S.-EU Task Force on Energy Security met too, and the Task Force discussed methane.")
    found = forums_of(text)
    assert set(found) == {"Peru-Canada Clean Energy Dialogue", "U.S.-EU Task Force on Energy Security"}
    assert "Energy Dialogue" in found["Peru-Canada Clean Energy Dialogue"].aliases


@pytest.mark.parametrize(("written", "number"), [
    ("COP 29", 29), ("COP-28", 28), ("COP26", 26), ("the 27th United Nations Climate Change Conference", 27),
    ("the 29th Conference of the Parties", 29), ("the 30th session of the Conference of the Parties", 30),
])
def test_cop_numbering_is_normalised(written: str, number: int) -> None:
    text = f"The ministers will coordinate closely ahead of {written} on climate finance."
    found = forums_of(text)
    assert found[f"COP{number}"].kind == "conference"
    assert len(found) == 1


def test_unnumbered_conference_before_a_cop_in_brackets_is_an_alias() -> None:
    text = "They will launch it at the UN Climate Change Conference (COP 26) in Glasgow. The COP26 Summit opens soon."
    found = forums_of(text)
    assert list(found) == ["COP26"]
    assert {"COP 26", "UN Climate Change Conference", "COP26 Summit"} <= set(found["COP26"].aliases)


def test_exclusions_laws_plans_agencies_treaties_reports_and_lower_case_descriptions() -> None:
    text = ("Under the Paris Agreement, the United States will implement the Inflation Reduction Act, and the "
            "Environmental Protection Agency will issue rules. Chile will publish the Chile Green Growth Plan "
            "and the Global Methane Assessment report. The two sides agreed to hold a high-level dialogue on "
            "climate and a strategic partnership in the field of energy. Both joined the Global Methane Pledge.")
    assert list(forums_of(text)) == ["Global Methane Pledge"]


def test_bilateral_plan_is_an_initiative_but_a_one_state_plan_is_not() -> None:
    text = "The U.S.-Brazil Climate and Clean Technology Plan and the Brazil Ecological Transformation Plan cut emissions."
    assert list(forums_of(text)) == ["U.S.-Brazil Climate and Clean Technology Plan"]


def test_forums_outside_climate_are_not_recorded() -> None:
    text = ("The leaders welcomed the Summit for Democracy and the Black Sea Grain Initiative, and agreed to "
            "cooperate on clean energy in the Andean Energy Forum.")
    assert list(forums_of(text)) == ["Andean Energy Forum"]


def test_known_bodies_by_acronym_and_groups() -> None:
    text = ("The ministers will report to the UNFCCC and work with IRENA on renewable energy, and coordinate "
            "in the G20 and G7 on climate.")
    found = forums_of(text)
    assert found["UNFCCC"].kind == "organization"
    assert found["IRENA"].kind == "organization"
    assert found["G20"].kind == "forum" and found["G7"].kind == "forum"


def test_named_event_in_quotes() -> None:
    text = "Minister Tan will speak at the ‘Cooling Cities in a Warming World’ event on urban heat adaptation."
    assert forums_of(text)["Cooling Cities in a Warming World"].kind == "other"


def test_a_named_ministerial_meeting_is_a_forum_but_a_title_phrase_is_not() -> None:
    text = ("Joint Statement of Kenya and Norway on Climate and Nature Partnership\n\n"
            "The Ministerial Meeting on Climate Action was held in Oslo to advance climate finance, and the "
            "Kenya-Norway Climate and Nature Partnership was launched.")
    found = forums_of(text)
    assert found["Ministerial Meeting on Climate Action"].kind == "ministerial"
    assert "Kenya-Norway Climate and Nature Partnership" in found
    assert not any(name.startswith("Kenya and Norway") for name in found)


def test_a_place_after_the_name_is_not_part_of_it() -> None:
    text = ("The envoys co-chaired the first meeting of the China-U.S. Working Group on Enhancing Climate Action "
            "in the 2020s in Sunnylands, California. The Working Group on Enhancing Climate Action in the 2020s "
            "will meet again.")
    assert list(forums_of(text)) == ["China-U.S. Working Group on Enhancing Climate Action in the 2020s"]


# --- Held-out generalisation (texts written for these tests) -------------------------------

@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Both sides agreed to set up a Kenya-Norway Geothermal Taskforce on clean power.",
     "Kenya-Norway Geothermal Taskforce", "task-force"),
    ("They discussed the plastics treaty at the Intergovernmental Negotiating Committee (INC-5).",
     "Intergovernmental Negotiating Committee", "other"),
    ("The Nordic Climate, Energy and Environment Ministers' Meeting adopted a communique on clean energy.",
     "Nordic Climate, Energy and Environment Ministers' Meeting", "ministerial"),
    ("They will implement the Kenya-Norway Joint Statement on Climate Change in full.",
     "Kenya-Norway Joint Statement on Climate Change", "initiative"),
    ("We welcome the launch of the Power for Growth in Africa initiative on clean energy.",
     "Power for Growth in Africa", "initiative"),
    ("The ministers met on the margins of the Bonn Climate Change Conference (SB62) and of COP 30.",
     "Bonn Climate Change Conference", "conference"),
    ("France will co-host the third UN Ocean Conference on marine protection.", "UN Ocean Conference", "conference"),
    ("The Asia Clean Grid Community (ACGC) promotes renewable power.", "Asia Clean Grid Community", "other"),
])
def test_heads_and_name_shapes_seen_beyond_dev(text: str, name: str, kind: str) -> None:
    found = forums_of(text)
    assert name in found, sorted(found)
    assert found[name].kind == kind


def test_a_partners_group_counts_in_a_climate_paragraph() -> None:
    text = ("The partners reviewed the coal phase-out plan. Representatives of the International Partners Group (IPG) "
            "from France and Denmark took part.")
    assert "International Partners Group" in forums_of(text)


@pytest.mark.parametrize("text", [
    "Ms Ana Silva, Head of the JETP Project Management Unit, opened the renewable energy session.",
    "Japan attaches importance to the Special Strategic and Global Partnership with India on energy.",
    "The Joint Statement on Climate Adaptation was issued today.",
])
def test_titles_units_relationships_and_the_document_itself_are_not_forums(text: str) -> None:
    assert forums_of(text) == {}


def test_a_quoted_name_with_its_acronym_and_lower_case_head() -> None:
    found = forums_of("They reviewed the \"Nexus of Water, Food and Energy\" (NWFE) country platform on clean energy.")
    assert found["Nexus of Water, Food and Energy"].kind == "platform"
    assert "NWFE" in found["Nexus of Water, Food and Energy"].aliases


def test_a_convention_written_two_ways_is_one_body_and_a_cop_qualifier_is_none() -> None:
    found = forums_of("The UN Convention to Combat Desertification (UNCCD) meets; the UNCCD secretariat reports on land.")
    assert [n for n in found if "Desertification" in n or n == "UNCCD"] == ["UN Convention to Combat Desertification"]
    assert "CBD" not in forums_of("We will update our biodiversity plans ahead of CBD COP16.")


def test_an_expo_head_and_a_listed_series_of_two_word_modifiers() -> None:
    found = forums_of("They were invited to the Global Clean Energy Investors Meet and Expo (GCE-Invest) on solar power "
                      "and to a North American Climate, Clean Energy and Environment Partnership.")
    assert found["Global Clean Energy Investors Meet and Expo"].kind == "forum"
    assert "North American Climate, Clean Energy and Environment Partnership" in found


def test_trade_in_a_clean_energy_name_one_states_agency_systems_and_names_inside_names() -> None:
    found = forums_of("Australia joined the Global Clean Hydrogen Trade Partnership on clean energy with the U.S. "
                      "Agency for International Development, the Methane Alert and Response System (MARS) and the "
                      "9th Mission Innovation Ministerial.")
    assert "Global Clean Hydrogen Trade Partnership" in found
    assert not any("Agency" in name for name in found)
    assert "Methane Alert and Response System" in found
    assert "Mission Innovation Ministerial" in found and "Mission Innovation" not in found


def test_un_environment_programme_and_its_acronym_are_one_body() -> None:
    found = forums_of("The UN Environment Programme (UNEP) said methane is key; UNEP will report on methane.")
    assert [n for n in found if "Environment" in n or n == "UNEP"] == ["UN Environment Programme"]
    assert "Belt and Road Initiative" not in forums_of("China will align the Belt and Road Initiative with green energy.")


def test_a_club_and_a_complement_listed_with_commas() -> None:
    found = forums_of("They will cooperate within the Climate Club on green steel. The EU-Kazakhstan Strategic "
                      "Partnership on Raw Materials, Batteries and Renewable Hydrogen met.")
    assert "Climate Club" in found
    assert "EU-Kazakhstan Strategic Partnership on Raw Materials, Batteries and Renewable Hydrogen" in found


def test_a_listed_complement_stops_at_the_end_of_its_line() -> None:
    found = forums_of("Second meeting of the EU-Chile Partnership on Raw Materials, Batteries and Renewable Hydrogen\n\n"
                      "Santiago, 28 May 2024\n\nThe partners met on clean energy.")
    assert "EU-Chile Partnership on Raw Materials, Batteries and Renewable Hydrogen" in found


def test_regional_bodies_of_general_knowledge_without_a_head_word() -> None:
    text = ("On May 2, 2024, Ruritania and Elbonia agreed to plant trees along the Great Green Wall and to "
            "coordinate within the Amazon Cooperation Treaty Organization (ACTO) and the African Union on drought "
            "resilience. Leaders met in Tarvos for the Leaders' Retreat on Coastal Adaptation. They endorsed the "
            "Tarvos Roadmap to Clean Ports.")
    found = forums_of(text)
    assert found["Great Green Wall"].kind == "initiative"
    assert found["Amazon Cooperation Treaty Organization"].kind == "organization"
    assert "ACTO" in found["Amazon Cooperation Treaty Organization"].aliases
    assert found["African Union"].kind == "organization"
    assert found["Leaders' Retreat on Coastal Adaptation"].kind == "summit"
    assert found["Tarvos Roadmap to Clean Ports"].kind == "initiative"


def test_a_summit_of_general_remit_only_to_be_hosted_is_no_climate_forum() -> None:
    text = ("On May 2, 2024, the two leaders agreed to launch a Ruritania-Elbonia Coastal Resilience Partnership, "
            "and Elbonia committed to supporting Ruritania's preparations to host the Commonwealth Heads of "
            "Government Meeting (CHOGM) in October.")
    assert "Commonwealth Heads of Government Meeting" not in forums_of(text)
    held = ("Ministers recalled the Commonwealth Heads of Government Meeting (CHOGM) held in Tarvos from 21 to 26 "
            "October 2023. On May 2, 2024, they agreed to launch a Ruritania-Elbonia Coastal Resilience Partnership.")
    assert forums_of(held)["Commonwealth Heads of Government Meeting"].kind == "summit"
