"""Commitments read by clause: subject, modality, tense, lead-ins with items, relevance.

Each text is invented; the cases are the classes of failure UNSEEN.md lists for readouts the
extractor had never seen (one test per invented example there, in the commitments area).
"""

from __future__ import annotations

import pytest
from event_helpers import read, spans_are_exact

from kg.model.record import Commitment

OPENING = "On 2 March 2026, Chile and Peru held the third Chile-Peru Energy Dialogue in Lima. "


def commitments_of(text: str, published: str = "2026-03-03") -> list[Commitment]:
    _, record = read(text, published)
    assert spans_are_exact(text, record)
    return record.commitments


def rows(text: str) -> list[tuple[str, list[str], int | None]]:
    return [(c.text, sorted(c.actors), c.target_year) for c in commitments_of(text)]


def test_lead_in_items_in_bold_with_a_no_break_space_after_the_bullet() -> None:
    text = (OPENING + "To that end, the two governments will:\n\n"
            "-\u00a0**Expand grid-scale battery storage.** Storage sites will be chosen by 2027.\n"
            "-\u00a0**Build two cross-border power interconnectors by 2029.**\n\n"
            "The ministers then visited a port.")
    assert rows(text) == [
        ("Expand grid-scale battery storage.", ["CL", "PE"], None),
        ("Build two cross-border power interconnectors by 2029.", ["CL", "PE"], 2029)]


def test_lead_in_items_separated_by_blank_lines_without_markers() -> None:
    text = (OPENING + "The two governments will:\n\nExpand rooftop solar in public schools.\n\n"
            "Launch a joint fund for mangrove restoration by 2028.\n\nThe ministers then visited a port.")
    assert rows(text) == [("Expand rooftop solar in public schools.", ["CL", "PE"], None),
                          ("Launch a joint fund for mangrove restoration by 2028.", ["CL", "PE"], 2028)]


def test_a_non_climate_commitment_is_not_recorded() -> None:
    text = OPENING + ("The two leaders committed to expanding cooperation on vaccine research and pharmaceutical "
                      "manufacturing. The two leaders committed to expanding cooperation on green hydrogen.")
    assert [c.text for c in commitments_of(text)] == [
        "The two leaders committed to expanding cooperation on green hydrogen."]


@pytest.mark.parametrize("sentence", [
    "Ghana reiterated its commitment to phase out single-use plastics by 2028.",
    "Ghana resolved to phase out single-use plastics by 2028.",
    "Ghana agreed on the need to phase out single-use plastics by 2028.",
    "Ghana stands united in its commitment to phase out single-use plastics by 2028.",
    "Ghana joined in launching a drive to phase out single-use plastics by 2028.",
])
def test_commit_wording_beyond_a_cue_list(sentence: str) -> None:
    text = "On 2 March 2026, the Ghana-Norway Dialogue on Plastics met in Accra. " + sentence
    [c] = commitments_of(text)
    assert (c.text, c.actors, c.target_year) == (sentence, ["GH"], 2028)
    assert "circular-economy" in c.topics


def test_the_instrument_as_subject_stands_for_its_parties() -> None:
    text = ("On 2 March 2026, Norway and Japan signed the Offshore Wind Accord in Oslo. "
            "The Accord is intended to mobilize private finance for offshore wind.")
    [c] = commitments_of(text)
    assert sorted(c.actors) == ["JP", "NO"]


def test_a_participial_opener_does_not_void_the_sentence() -> None:
    sentence = ("Recognizing the rise in wildfire damage, Portugal and Spain commit to a joint early-warning "
                "system by 2026.")
    [c] = commitments_of("On 2 March 2025, Portugal and Spain met in Madrid. " + sentence, "2025-03-03")
    assert (c.text, sorted(c.actors), c.target_year) == (sentence, ["ES", "PT"], 2026)
    assert "adaptation-resilience" in c.topics


def test_urgency_is_not_urging() -> None:
    sentence = "Given the urgency of the crisis, Chile and Peru agreed to phase out coal power by 2040."
    assert rows(OPENING + sentence) == [(sentence, ["CL", "PE"], 2040)]


def test_welcomed_and_will_commits_in_its_second_clause() -> None:
    sentence = "Both sides welcomed the new roadmap and will jointly fund two solar plants."
    assert rows(OPENING + sentence) == [(sentence, ["CL", "PE"], None)]


def test_a_commitment_without_a_topic_keyword() -> None:
    sentence = "Chile plans to have EVs make up half of new bus purchases by 2028."
    [c] = commitments_of(OPENING + sentence)
    assert (c.actors, c.target_year) == (["CL"], 2028)
    assert c.topics == ["energy-transition"]


def test_delegation_and_itinerary_will_are_not_commitments() -> None:
    text = ("On 2 March 2026, Portugal and Spain met in Madrid on climate adaptation. "
            "Portugal's delegation will further comprise two climate negotiators. "
            "The Spanish minister will then travel to Seville to visit a solar plant.")
    assert commitments_of(text) == []


def test_a_pronoun_that_refers_to_a_thing_is_not_the_parties() -> None:
    text = OPENING + ("The new grid rules take effect in May. They will give investors in solar power certainty. "
                      "They will also cut costs for wind farms.")
    assert commitments_of(text) == []


def test_a_pronoun_that_refers_to_the_parties_is_them() -> None:
    text = OPENING + "The ministers reviewed the grid. They will jointly build a solar plant by 2028."
    assert rows(text) == [("They will jointly build a solar plant by 2028.", ["CL", "PE"], 2028)]


def test_a_missing_space_after_a_period_gives_two_commitments() -> None:
    text = OPENING + ("Chile will retire its coal plants by 2030.The two countries will also deploy 500 electric "
                      "buses.")
    assert rows(text) == [("Chile will retire its coal plants by 2030.", ["CL"], 2030),
                          ("The two countries will also deploy 500 electric buses.", ["CL", "PE"], None)]


def test_past_actions_are_not_commitments() -> None:
    text = OPENING + ("Chile installed 2 GW of solar power last year. Peru launched a wind auction in 2025. "
                      "Both sides had pledged to end coal power in 2021.")
    assert commitments_of(text) == []


def _extract(text: str, publisher: str | None, title: str | None = None) -> list[Commitment]:
    from kg.extract import extract
    from kg.read.document import Document
    return extract(Document(text=text, source="t.txt", publisher=publisher, title=title,
                            published="2026-03-03")).commitments


def test_we_in_one_governments_statement_is_its_state() -> None:
    text = ("Today Minister Rojas met Peru's Minister of Energy in Santiago. Peru is one of Chile's closest "
            "partners, and we will continue to cooperate on green hydrogen exports.")
    [c] = _extract(text, "Ministry of Energy of Chile")
    assert c.actors == ["CL"]


def test_we_in_a_joint_statement_is_every_party() -> None:
    text = ("Joint Statement of Chile and Peru\n\nThe ministers of Chile and Peru met in Lima on 2 March 2026. "
            "We will continue to cooperate on green hydrogen exports.")
    [c] = _extract(text, "Ministry of Energy of Chile")
    assert sorted(c.actors) == ["CL", "PE"]


def test_we_after_a_sentence_that_committed_both_states_is_both() -> None:
    text = ("Chile and Peru held talks in Lima on 2 March 2026.\n\nClean power: Chile and Peru will expand "
            "solar auctions. We will also build a shared grid code by 2028.")
    commitments = _extract(text, "Ministry of Energy of Chile")
    assert [sorted(c.actors) for c in commitments] == [["CL", "PE"], ["CL", "PE"]]


def test_it_was_agreed_and_agreed_on_doing_are_the_parties_commitments() -> None:
    text = OPENING + ("They agreed on sharing grid data from solar plants. It was agreed to build a joint "
                      "wind test centre by 2029.")
    assert rows(text) == [("They agreed on sharing grid data from solar plants.", ["CL", "PE"], None),
                          ("It was agreed to build a joint wind test centre by 2029.", ["CL", "PE"], 2029)]


@pytest.mark.parametrize(("sentence", "published", "year"), [
    ("Our countries are committed to reaching net zero no later than 2050.", "2021-03-09", 2050),
    ("Both sides will cancel their surplus units in December 2015.", "2015-10-20", 2015),
    ("Both sides will cancel their surplus units at the beginning of 2016.", "2015-10-20", 2016),
    ("Both sides committed to deliver a successful COP26 in Glasgow in November.", "2021-01-11", 2021),
    ("Both sides will promote a successful COP 26 in Glasgow.", "2021-01-11", None),
])
def test_target_years_of_any_decade_and_dated_cops(sentence: str, published: str, year: int | None) -> None:
    from kg.extract.commitments import target_year
    assert target_year(sentence, published) == year


def test_an_items_dangling_and_is_not_its_text() -> None:
    text = OPENING + "The two governments will:\n\n1. Expand solar storage; and\n2. Cut methane from gas fields.\n"
    assert [c.text for c in commitments_of(text)] == ["Expand solar storage;", "Cut methane from gas fields."]


def test_a_joint_body_of_the_parties_as_subject_and_its_acronym() -> None:
    text = ("On 2 March 2026, Chile and Peru held the first meeting of the Joint Working Group on Renewable "
            "Energy in Lima. The Joint Working Group also agreed to establish a task force on grid codes. "
            "It was agreed to hold the next JWG meeting in Santiago in 2027.")
    assert [sorted(c.actors) for c in commitments_of(text)] == [["CL", "PE"], ["CL", "PE"]]


def test_underscoring_a_commitment_commits_but_a_trailing_participle_does_not() -> None:
    text = ("Today Minister Rojas met Peru's Minister of Energy in Santiago. Minister Rojas also underscored our "
            "commitment to expand solar power. Minister Rojas welcomed Peru's leadership on climate action, "
            "while emphasising their collective commitment to climate ambition.")
    assert [(c.actors, c.text[:40]) for c in _extract(text, "Ministry of Energy of Chile")] == [
        (["CL"], "Minister Rojas also underscored our comm")]


def test_states_called_by_their_form_of_state_and_the_presidency() -> None:
    text = ("Riyadh, 12 March 2026 -- Saudi Arabia and Oman met today in Riyadh. The Kingdom and the Sultanate will "
            "cooperate on carbon capture and storage. Under Chile's G20 Presidency, ministers met in Lima on 2 March "
            "2026. The Presidency will publish a stocktake of grid investment needs by the end of 2026.")
    found = {c.text.split()[1]: sorted(c.actors) for c in commitments_of(text)}
    assert found["Kingdom"] == ["OM", "SA"]
    assert found["Presidency"] == ["CL"]


def test_both_ministries_and_the_two_envoys_are_the_parties() -> None:
    text = (OPENING + "Both ministries agreed to adopt a binational plan against mercury contamination in the shared "
            "river basins by 2027. The two envoys agreed to meet again in Bonn before COP31.")
    assert rows(text) == [
        ("Both ministries agreed to adopt a binational plan against mercury contamination in the shared river basins "
         "by 2027.", ["CL", "PE"], 2027),
        ("The two envoys agreed to meet again in Bonn before COP31.", ["CL", "PE"], 2026)]


def test_hosting_a_new_event_on_a_climate_subject_is_a_commitment_hosting_a_named_one_is_itinerary() -> None:
    text = (OPENING + "Chile and Peru will co-host a regional workshop on debt-for-climate swaps in Lima. "
            "Peru will host the Andean Energy Summit in Cusco. The Peruvian side conveyed its intention to join the "
            "Global Biofuels Alliance.")
    assert [(t.split()[0], a) for t, a, _ in rows(text)] == [("Chile", ["CL", "PE"]), ("The", ["PE"])]
