"""The climate-relevance judgement: weighted domain vocabulary, nearest text first."""

from __future__ import annotations

import pytest

from kg.extract.relevance import is_about_climate, judge, scores


@pytest.mark.parametrize("text", [
    "cooperation on green hydrogen and offshore wind",
    "to phase out single-use plastics by 2028",
    "pledge to cooperate on COVID-19, climate change and cyber threats",
    "a joint early-warning system for wildfires",
    "half of new bus purchases to be EVs",
    "energy security and LNG supplies",
])
def test_climate_energy_and_environment_texts(text: str) -> None:
    assert is_about_climate(text)


@pytest.mark.parametrize("text", [
    "expanding cooperation on vaccine research and pharmaceutical manufacturing",
    "to further pursue trade and investment relations",
    "strengthen inclusive and sustainable peace building in the region",
    "the critical technologies of the future",  # generic: no subject at all
    "maritime security and counter-terrorism",
])
def test_other_subjects_and_generic_texts(text: str) -> None:
    assert not is_about_climate(text)


def test_the_nearest_text_that_speaks_decides() -> None:
    sentence = "The ministers launched the Vaccine Manufacturing Partnership and discussed energy security."
    assert not judge("Vaccine Manufacturing Partnership", sentence)
    assert judge("Joint Working Group", "The Joint Working Group on renewable energy met in Manama.")
    assert not judge("Joint Working Group", "The Joint Working Group on defence procurement met.")
    assert not judge("Joint Working Group", "The group met.")  # nothing speaks: not shown to be ours


def test_climate_words_before_security_make_it_ours() -> None:
    assert scores("energy security").other == 0
    assert scores("national security").other > 0
