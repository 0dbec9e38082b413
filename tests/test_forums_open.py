"""Forums of an open vocabulary, their name boundaries, variants, exclusions and climate relevance.

Each UNSEEN.md example in this area is a test here (quoted where it is used verbatim); the other
texts are invented in the same shape.
"""

from __future__ import annotations

from event_helpers import read, spans_are_exact

from kg.model.record import FORUM_KINDS, Forum, Meeting, Presidency


def record_of(text: str, published: str = "2024-05-02") -> tuple[dict[str, Forum], list[Presidency], list[Meeting]]:
    _, record = read(text, published)
    assert spans_are_exact(text, record)
    assert all(f.kind in FORUM_KINDS for f in record.forums)
    return {f.name: f for f in record.forums}, record.presidencies, record.meetings


def forums_of(text: str) -> dict[str, Forum]:
    return record_of(text)[0]


def test_a_partnership_of_another_field_beside_an_energy_clause_is_no_forum() -> None:
    # UNSEEN.md, verbatim: the climate word belongs to the other clause
    assert forums_of("Kenya and Norway launched the Vaccine Manufacturing Partnership and discussed energy security.") == {}


def test_head_nouns_outside_the_usual_list() -> None:
    # UNSEEN.md, verbatim
    found = forums_of("Kenya and Norway launched the Blue Carbon Hub and joined the Arctic Methane Consortium.")
    assert set(found) == {"Blue Carbon Hub", "Arctic Methane Consortium"}


def test_a_name_of_any_head_governed_by_joining_with_its_acronym() -> None:
    found = forums_of("Chile joined the Andean Glacier Watch (AGW) to share data on glacier retreat and climate risk. "
                      "The AGW will report yearly.")
    assert set(found) == {"Andean Glacier Watch"}
    assert found["Andean Glacier Watch"].aliases == ["AGW"]


def test_one_plural_head_shared_by_a_list() -> None:
    # UNSEEN.md: "the Clean Cooling and Clean Buildings Initiatives"
    found = forums_of("Kenya and Norway joined the Clean Cooling and Clean Buildings Initiatives to cut emissions.")
    assert {(f.name, f.kind) for f in found.values()} == {("Clean Cooling Initiative", "initiative"),
                                                         ("Clean Buildings Initiative", "initiative")}


def test_names_with_for_a_and_an_acronym_mid_name() -> None:
    # UNSEEN.md: "the Lima Principles for a Resilient Ocean Economy"; "the Regional Climate Forum (RCF) on Coastal Adaptation"
    assert set(forums_of("Peru endorsed the Lima Principles for a Resilient Ocean Economy.")) == {
        "Lima Principles for a Resilient Ocean Economy"}
    found = forums_of("Ministers met at the Regional Climate Forum (RCF) on Coastal Adaptation in Suva. "
                      "The RCF will meet again in 2025.")
    assert set(found) == {"Regional Climate Forum on Coastal Adaptation"}
    assert found["Regional Climate Forum on Coastal Adaptation"].aliases == ["RCF"]


def test_two_forms_of_one_forum_are_merged() -> None:
    # UNSEEN.md: "Canada-Mexico Dialogue on Clean Energy" / "Canada-Mexico Clean Energy Dialogue"
    found = forums_of("Canada-Mexico Clean Energy Dialogue\n\nThe Canada-Mexico Dialogue on Clean Energy met today "
                      "in Ottawa to advance grid integration.")
    assert list(found) == ["Canada-Mexico Clean Energy Dialogue"]
    assert found["Canada-Mexico Clean Energy Dialogue"].aliases == ["Canada-Mexico Dialogue on Clean Energy"]


def test_one_states_body_and_a_company_are_not_forums() -> None:
    # UNSEEN.md, verbatim
    assert forums_of("The adaptation programme is run by the National Adaptation Council with Acme Consulting "
                     "Group.") == {}
    assert forums_of("Chile presented the Chilean Green Initiative, its national plan to cut emissions.") == {}


def test_listed_cop_numbers() -> None:
    # UNSEEN.md: "at COPs 21 and 22"
    found = forums_of("Kenya and Norway cooperated on climate finance at COPs 21 and 22.")
    assert {(f.name, f.kind, tuple(f.aliases)) for f in found.values()} == {("COP21", "conference", ()),
                                                                           ("COP22", "conference", ())}


def test_a_group_in_a_presidency_phrase_and_not_as_a_modifier() -> None:
    # UNSEEN.md: "Canada, the current holder of the G7 Presidency"
    found, presidencies, _ = record_of("Ministers thanked Canada, the current holder of the G7 Presidency, for its "
                                       "climate leadership. They will work with G7 partners on clean energy.")
    assert set(found) == {"G7"}
    assert {(p.of, p.actor) for p in presidencies} == {("G7", "CA")}
    assert forums_of("The ministers will cooperate with our G20 partners on energy transition finance.") == {}


def test_a_groups_leaders_meeting_named_in_lower_case() -> None:
    found = forums_of("The G20 leaders meeting in Rio is a chance to raise climate ambition.")
    assert {(f.name, f.kind) for f in found.values()} == {("G20 leaders meeting", "summit")}


def test_a_binational_commission_and_its_session() -> None:
    text = ("Joint Communiqué of the 5th Session of the Kenya–Norway Bi-national Commission\n\n"
            "Ministers met for the 5th session of the Bi-national Commission (BNC) from 3 – 4 May 2024 in Nairobi.")
    found, _, meetings = record_of(text)
    assert set(found) == {"Kenya–Norway Bi-national Commission"}
    assert "BNC" in found["Kenya–Norway Bi-national Commission"].aliases
    assert [(m.forum, m.start, m.end) for m in meetings] == [("Kenya–Norway Bi-national Commission", "2024-05-03",
                                                              "2024-05-04")]


def test_a_session_of_a_forum_with_an_unusual_head_keeps_its_forum() -> None:
    # UNSEEN.md: "to attend the 20th Bergen Climate Colloquium from 4 to 6 May"
    _, _, meetings = record_of("Ministers from Norway and Kenya will travel to attend the 20th Bergen Climate "
                               "Colloquium from 4 to 6 May.", "2024-03-05")
    assert [(m.forum, m.start, m.end) for m in meetings] == [("Bergen Climate Colloquium", "2024-05-04", "2024-05-06")]


def test_the_date_goes_to_the_series_not_to_the_co_organiser() -> None:
    # UNSEEN.md: "…first in a series of Coastal Resilience Dialogues on 3 June, jointly organised with IRENA."
    found, _, meetings = record_of("Kenya and Norway held the first in a series of Coastal Resilience Dialogues on "
                                   "3 June, jointly organised with IRENA.")
    assert found["Coastal Resilience Dialogues"].kind == "dialogue"
    assert [(m.forum, m.start) for m in meetings] == [("Coastal Resilience Dialogues", "2024-06-03")]


def test_a_session_of_an_off_topic_forum_makes_it_a_forum() -> None:
    text = ("Leaders of Peru and Chile met on 15 November 2024 on the margins of the Asia-Pacific Economic "
            "Cooperation (APEC) Economic Leaders’ Meeting.")
    found, _, meetings = record_of(text)
    name = "Asia-Pacific Economic Cooperation (APEC) Economic Leaders’ Meeting"
    assert set(found) == {name}
    assert [(m.forum, m.start) for m in meetings] == [(name, "2024-11-15")]
    assert forums_of("The ministers reaffirmed their support for ASEAN’s unity and centrality.") == {}


def test_a_cop_named_in_full_before_its_number() -> None:
    found = forums_of("Brazil's envoy, incoming chair of the United Nations (UN) Climate Change Summit "
                      "(COP30), spoke to reporters.")
    assert set(found) == {"COP30"}


def test_a_name_nothing_near_speaks_of_takes_the_headlines_subject() -> None:
    text = ("Survey Mission on Coastal Climate Adaptation to Kiribati\n\n"
            "3. Together with the mission, the Government of Japan will hold policy dialogues with the Government "
            "of Kiribati based on the Blue Horizon Partnership.")
    found = forums_of(text)
    assert "Blue Horizon Partnership" in found
    assert not any("Mission" in name for name in found)  # a survey mission is a delegation, not a mechanism


def test_named_platforms_listed_after_a_lower_case_kind_noun() -> None:
    found = forums_of("The committee will continue work on the information platforms Coastal Flood Data for Africa "
                      "(CFDA) and Drought Early Warning Exchange (DEWE) to manage climate risk.")
    assert {(f.name, f.kind, tuple(f.aliases)) for f in found.values()} == {
        ("Coastal Flood Data for Africa", "platform", ("CFDA",)),
        ("Drought Early Warning Exchange", "platform", ("DEWE",))}


def test_a_bilateral_partnership_named_in_lower_case() -> None:
    found = forums_of("The ministers discussed the Kenya-Norway partnership on clean cooking and climate finance, "
                      "which both sides will expand.")
    assert set(found) == {"Kenya-Norway partnership on clean cooking and climate finance"}


def test_a_summit_meeting_of_two_states_is_no_named_forum() -> None:
    assert forums_of("Japan announced at the Japan-Tuvalu summit meeting in December that it would support "
                     "climate adaptation.") == {}


def test_the_kyoto_mechanisms_are_known_bodies() -> None:
    found = forums_of("Sweden will cancel its leftover Clean Development Mechanism and Joint Implementation "
                      "units rather than sell them.")
    assert set(found) == {"Clean Development Mechanism", "Joint Implementation"}


def test_a_name_with_its_own_acronym_inside_a_longer_name() -> None:
    text = ("Lima, 21 November 2024 -- The President today chaired the third Andean Green Initiative (AGI) Summit in "
            "Lima, where members pledged to restore degraded land.")
    found, _, meetings = record_of(text, "2024-11-21")
    assert found["Andean Green Initiative"].aliases == ["AGI"]
    assert found["Andean Green Initiative Summit"].kind == "summit"
    assert [(m.forum, m.start) for m in meetings] == [("Andean Green Initiative Summit", "2024-11-21")]


def test_a_committee_the_two_sides_establish_is_a_shared_working_group() -> None:
    found = forums_of("The two sides agreed to establish a joint Committee on Oceans, Forests and Energy to "
                      "cooperate on climate resilience.")
    assert {(f.name, f.kind) for f in found.values()} == {("Committee on Oceans, Forests and Energy",
                                                           "working-group")}
    assert forums_of("The Ministry's Committee on Energy Pricing met to discuss electricity tariffs.") == {}
