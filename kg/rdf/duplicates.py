"""Pairs of nodes a person should review as probably one (`kg people --duplicates`)."""

from __future__ import annotations

from kg.rdf.cross_script import by_sound
from kg.rdf.known import KnownPerson
from kg.rdf.name_forms import fold
from kg.rdf.names_zh import same_across_scripts
from kg.rdf.person_rules import actors_agree, comparable_forms, same_person_reason


def likely_duplicate_people(people: list[KnownPerson]) -> list[tuple[str, str, str]]:
    """Pairs of person nodes that are probably one person, with the reason, for a person to review.

    Wider than the loading rule: actors need not agree when one is unknown, so that a
    reviewer sees "Boris Johnson" (no actor) beside "Boris Johnson" (GB).
    """
    nodes = sorted(people, key=lambda n: n.iri)
    pairs: list[tuple[str, str, str]] = []
    for index, a in enumerate(nodes):
        for b in nodes[index + 1:]:
            reason = _duplicate_reason(a, b)
            if reason:
                pairs.append((a.iri, b.iri, reason))
    return pairs


def _duplicate_reason(a: KnownPerson, b: KnownPerson) -> str | None:
    forms_a, forms_b = a.names | a.aliases, b.names | b.aliases
    if {fold(f) for f in forms_a} & {fold(f) for f in forms_b}:
        return "a name or alias in common"
    actor_a, actor_b = a.actor, b.actor
    if actor_a is not None and actor_b is not None and not actors_agree(actor_a, actor_b):
        return None
    shared = actor_a or actor_b or "unknown actor"
    if actors_agree(actor_a, actor_b) and by_sound(actor_a) and any(
            same_across_scripts(x, y) for x in sorted(forms_a) for y in sorted(forms_b)):
        # rule 5 left them apart (another Latin name of that actor sounds alike too): a person decides
        return f"a Chinese and a Latin name that sound alike, {shared}"
    for name_a in comparable_forms(sorted(forms_a)):
        for name_b in comparable_forms(sorted(forms_b)):
            reason = same_person_reason(name_a, shared, name_b, shared)
            if reason:
                suffix = "" if actor_a and actor_b else " (one has no actor)"
                return f"{reason}, {shared}{suffix}"
    return None


__all__ = ["likely_duplicate_people"]
