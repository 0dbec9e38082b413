"""The topic lexicon: each GUIDE topic from the words readouts use for it."""

from __future__ import annotations

import pytest

from kg.extract.topics import classify_topics, is_climate_related
from kg.model.record import TOPICS


@pytest.mark.parametrize(("sentence", "topic"), [
    ("The two sides will scale up renewable power and offshore wind.", "energy-transition"),
    ("They will cut methane from oil and gas operations and curb flaring.", "methane-non-co2"),
    ("Both will work to halt and reverse forest loss and protect biodiversity.", "forests-nature"),
    ("The ministers agreed to cooperate on recycling and plastic waste.", "circular-economy"),
    ("The partners will support low-carbon provinces, states and cities.", "subnational"),
    ("Each side will submit an enhanced NDC with a net zero target.", "ndc-targets"),
    ("They pledged to mobilize $5 billion in concessional finance.", "finance"),
    ("Ministers will advance cooperation under Article 6 carbon markets.", "carbon-markets"),
    ("They intend to strengthen adaptation and early warning systems.", "adaptation-resilience"),
    ("The partnership will expand clean technology manufacturing supply chains.", "technology-industry"),
    ("Both sides will work for a successful outcome at COP 31.", "multilateral-process"),
])
def test_each_topic_has_cues(sentence: str, topic: str) -> None:
    assert topic in classify_topics(sentence)


def test_topics_come_in_scheme_order_and_only_from_the_scheme() -> None:
    found = classify_topics("They will mobilize finance for methane abatement and renewable energy.")
    assert found == [t for t in TOPICS if t in found]
    assert set(found) == {"energy-transition", "methane-non-co2", "finance"}


def test_broad_words_count_only_when_nothing_specific_does() -> None:
    assert classify_topics("Both sides will tackle the climate crisis together.") == ["multilateral-process"]
    assert "multilateral-process" not in classify_topics("They will tackle climate change by planting forests.")


def test_topics_outside_climate_are_empty() -> None:
    assert classify_topics("The leaders agreed to expand trade in agricultural goods and tourism.") == []
    assert classify_topics("They will build societal resilience to disinformation.") == []
    assert not is_climate_related("The two sides discussed consular affairs and visas.")
    assert is_climate_related("The two sides discussed environmental protection.")
