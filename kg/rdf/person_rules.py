"""When two names are one person: rules 1-5 of kg/rdf/identity.py, on plain names and actors."""

from __future__ import annotations

from kg.extract.people_lexicon import NICKNAMES
from kg.model.record import Person
from kg.rdf.known import StoredPerson
from kg.rdf.name_forms import fold, fullest, name_words


def _first_names_agree(a: str, b: str) -> bool:
    a, b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def actors_agree(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and fold(a) == fold(b)


def same_person_reason(name_a: str, actor_a: str | None, name_b: str, actor_b: str | None) -> str | None:
    """Why two names with their actors are one person (rules 2-4), or None."""
    if not actors_agree(actor_a, actor_b):
        return None
    wa, wb = name_words(name_a), name_words(name_b)
    if not wa or not wb:
        return None
    if wa == wb:
        return "same name"
    if set(wa) < set(wb) or set(wb) < set(wa):
        shorter, longer = (wa, wb) if len(wa) < len(wb) else (wb, wa)
        if len(shorter) == 1 and shorter[0] != longer[-1] and shorter[0] != longer[0] and len(longer) < 4:
            return None  # a lone middle word of a short name is too weak ("Kim" in "Gan Kim Yong")
        return f"'{' '.join(shorter)}' is part of '{' '.join(longer)}'"
    if len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1] and _first_names_agree(wa[0], wb[0]):
        return f"same surname '{wa[-1]}' and given names '{wa[0]}'/'{wb[0]}' agree"
    if len(wa) == len(wb) > 1 and wa[1:] == wb[1:] and _one_letter_apart(wa[0], wb[0]):
        return f"same surname '{wa[-1]}', given names '{wa[0]}'/'{wb[0]}' spelt one letter apart"
    return None


def _one_letter_apart(a: str, b: str) -> bool:
    """Two long given names written with one letter changed ("Carolina" / "Caroline")."""
    return len(a) == len(b) >= 7 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def canonical_people(names_in_store: list[StoredPerson], person: Person) -> str | None:
    """The stored name `person` should take, or None to keep theirs (a new person or unclear)."""
    forms = {fold(f) for f in [person.name, *person.aliases]}
    exact = [name for name, actor, aliases in names_in_store
             if forms & {fold(n) for n in [name, *aliases]}
             and (actors_agree(actor, person.actor) or actor is None or person.actor is None)]
    if len(set(exact)) == 1:
        return exact[0]
    if exact:
        same_actor = {name for name, actor, aliases in names_in_store
                      if name in exact and actors_agree(actor, person.actor)}
        return same_actor.pop() if len(same_actor) == 1 else None
    matches = {name for name, actor, aliases in names_in_store
               if any(same_person_reason(person.name, person.actor, form, actor)
                      for form in comparable_forms([name, *aliases]))}
    # Rule 5 (a Chinese transliteration and a Latin name by sound) is not decided here, per
    # readout, but on the whole store after each readout is stored (kg/rdf/cross_script.py).
    return matches.pop() if len(matches) == 1 else None


def comparable_forms(forms: list[str]) -> list[str]:
    """The forms a name is compared with part by part: the full ones when there are any.

    A stored "Jørgensen" that is known to be "Dan Jørgensen" must not take in "Ditte Juul
    Jørgensen" because of the surname they share.
    """
    full = [f for f in forms if len(name_words(f)) > 1]
    return full or forms


def same_people_within(people: list[Person]) -> dict[str, str]:
    """Names of one readout that are one person by rules 2-5 (full names, the same actor): each
    name → the fullest name of its person, for the names that change."""
    names = sorted({(p.name, p.actor) for p in people if p.actor and len(name_words(p.name)) > 1},
                   key=lambda x: (x[0], x[1] or ""))
    parent = {n: n for n, _ in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    for i, (a, actor_a) in enumerate(names):
        for b, actor_b in names[i + 1:]:
            if a != b and same_person_reason(a, actor_a, b, actor_b):
                parent[root(b)] = root(a)
    clusters: dict[str, list[str]] = {}
    for n in parent:
        clusters.setdefault(root(n), []).append(n)
    out: dict[str, str] = {}
    for members in clusters.values():
        best = fullest(members)
        out.update({m: best for m in members if m != best})
    return out


def bridged_nodes(stored: list[StoredPerson], person: Person, canonical: str | None) -> list[str]:
    """[the person's stored node, actor-less nodes of the same name] when this person joins them.

    A person seen only attending a meeting has no actor and is one with others only by an
    exact name. "Okonkwo-Bello" of NG read after both an attending "Okonkwo-Bello" and "Amara
    Okonkwo-Bello" of NG is all three: whichever order they came in, they end as one node.
    """
    if person.actor is None:
        return []
    with_actor = canonical_people([e for e in stored if e[1] is not None], person)
    if with_actor is None or with_actor == canonical:
        return []
    forms = {fold(f) for f in [person.name, *person.aliases]}
    same_name = [name for name, actor, aliases in stored
                 if actor is None and forms & {fold(n) for n in [name, *aliases]}]
    return [with_actor, *same_name] if same_name else []


__all__ = ["actors_agree", "bridged_nodes", "canonical_people", "comparable_forms", "same_people_within", "same_person_reason"]
