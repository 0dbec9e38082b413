"""People: named persons with the role they hold and the actor they represent (work in progress)."""

from __future__ import annotations

from kg.extract.context import Context
from kg.record import Person


def extract_people(ctx: Context) -> list[Person]:
    return []
