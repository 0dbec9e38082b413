"""Actors: every state and the EU the readout mentions, one per code, with its evidence.

The gazetteer finds the mentions; this stage groups them by code and adds one reading
that is not a mention in running text: a dateline at the top naming a city-state or a
state ("Singapore, 14 July 2022") says who issued the readout (DECISIONS.md 026).
"""

from __future__ import annotations

import re

from kg.extract.context import Context
from kg.extract.gazetteer import actor_name
from kg.model.record import Actor, Span
from kg.model.reference import city_country, country

# "Singapore, 14 July 2022" / "SINGAPORE – 3 March" / "Brussels, 15 July 2025" at the head of a text.
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z .'-]{2,40}?)[ \t]*(?:,|\s[-–—])[ \t]*"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})",
    re.MULTILINE,
)
_DATELINE_WINDOW = 600  # only the head of the text holds the dateline


def dateline_actor(text: str) -> tuple[str, Span] | None:
    """A city-state named by a dateline at the top, as (code, span).

    Only a place that is at once a city and a state (its city's country is the state of the
    same name, e.g. Singapore, Luxembourg, Monaco) counts: a dateline naming an ordinary
    city ("Brussels, ...") says where the text was issued, not who issued it.
    """
    for match in _DATELINE.finditer(text[:_DATELINE_WINDOW]):
        place = match.group("place").strip()
        code = city_country(place)
        ref = country(code) if code else None
        if ref and ref.is_state and place.casefold() in {ref.name.casefold(), *(a.casefold() for a in ref.aliases)}:
            return code, Span(match.start("place"), match.start("place") + len(place), place)  # type: ignore[return-value]
    return None


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|held in|met in)\s+$")


def _is_city_state_as_place(text: str, code: str, mention_text: str, start: int) -> bool:
    """"met in Luxembourg": a state that is also its own city, named as the place of a meeting."""
    ref = country(code)
    if ref is None or mention_text != ref.name or city_country(mention_text) != code:
        return False
    return bool(_PLACE_BEFORE.search(text[max(0, start - 12):start]))


def extract_actors(ctx: Context) -> list[Actor]:
    """One `Actor` per state or EU mentioned, in order of first mention.

    A state that is also a city ("Luxembourg", "Singapore") counts when the text names it as
    a state; named only as where a meeting took place ("met in Luxembourg"), it does not.
    """
    by_code: dict[str, Actor] = {}
    place_only: set[str] = set()
    acting: set[str] = set()
    for mention in ctx.actor_mentions:
        if _is_city_state_as_place(ctx.text, mention.code, mention.text, mention.start):
            place_only.add(mention.code)
        else:
            acting.add(mention.code)
    for mention in ctx.actor_mentions:
        if mention.code in place_only - acting:
            continue
        actor = by_code.get(mention.code)
        if actor is None:
            actor = by_code[mention.code] = Actor(code=mention.code, name=actor_name(mention.code))
        actor.evidence.append(Span(mention.start, mention.end, mention.text))
    found = dateline_actor(ctx.text)
    if found:
        code, span = found
        actor = by_code.get(code)
        if actor is None:
            actor = by_code[code] = Actor(code=code, name=actor_name(code))
        if span not in actor.evidence:
            actor.evidence.insert(0, span)
    return list(by_code.values())
