"""Actors: one per state or EU, with evidence; the city-state dateline."""

from __future__ import annotations

from kg.extract.actors import extract_actors
from kg.extract.context import Context
from kg.read.document import Document


def actors(text: str) -> list[tuple[str, str, int]]:
    ctx = Context.build(Document(text=text, source="test"))
    return [(a.code, a.name, len(a.evidence)) for a in extract_actors(ctx)]


def test_one_actor_per_code_in_order_of_first_mention() -> None:
    text = ("The U.S.-Egypt partnership: Egypt's minister and American officials met in Cairo. "
            "The United States and the Arab Republic of Egypt agreed.")
    assert actors(text) == [("US", "United States", 3), ("EG", "Egypt", 3)]


def test_evidence_spans_are_exact() -> None:
    text = "China's Special Envoy met the EU delegation."
    ctx = Context.build(Document(text=text, source="test"))
    for actor in extract_actors(ctx):
        for span in actor.evidence:
            assert text[span.start:span.end] == span.text
    assert [a.evidence[0].text for a in extract_actors(ctx)] == ["China's", "EU"]


def test_exclusions_leave_no_actor() -> None:
    assert actors("Ships in the South China Sea; the European Climate Foundation; the G20.") == []


def test_city_state_dateline_names_the_issuer() -> None:
    text = "Monaco, 3 March 2024 – The Minister will attend the conference in Nairobi."
    assert [code for code, _, _ in actors(text)] == ["MC"]


def test_an_ordinary_city_dateline_is_not_an_actor() -> None:
    text = "Brussels, 15 July 2025 – The Commissioner met officials."
    assert actors(text) == []


def test_a_city_state_named_only_as_a_meeting_place_is_not_an_actor() -> None:
    assert actors("Ministers met in Luxembourg for the Environment Council.") == []
    assert [code for code, _, _ in actors("Ministers met in Luxembourg. Luxembourg pledged support.")] == ["LU"]


def test_european_commissioner_is_the_eu() -> None:
    assert [code for code, _, _ in actors("the European Commissioner for Climate Action spoke")] == ["EU"]
